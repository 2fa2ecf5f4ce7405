#include "ical/cpu_budget.h"

#include <time.h>

namespace mentorcal::ical {
namespace {

std::chrono::nanoseconds used() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return std::chrono::seconds(t.tv_sec) + std::chrono::nanoseconds(t.tv_nsec);
}

}  // namespace

CpuBudget::CpuBudget(std::chrono::nanoseconds limit) : end_(used() + limit) {}

bool CpuBudget::spent() {
  if (!spent_) spent_ = used() >= end_;
  return spent_;
}

}  // namespace mentorcal::ical
