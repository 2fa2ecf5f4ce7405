// A bound on the CPU time a piece of work may take: this thread's time, not the machine's, so
// that a busy machine does not cut work short.
#pragma once

#include <chrono>

namespace mentorcal::ical {

class CpuBudget {
 public:
  // The budget starts now and holds `limit` of this thread's CPU time.
  explicit CpuBudget(std::chrono::nanoseconds limit);

  // Return true once the time is used up (and from then on).
  bool spent();

 private:
  std::chrono::nanoseconds end_;
  bool spent_ = false;
};

}  // namespace mentorcal::ical
