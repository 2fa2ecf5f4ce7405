// One IANA time zone's rules over a bounded span of time, read once from the system tz database
// (the only place the scheduler touches it). Local wall-clock times exist only at the edges:
// availability windows, away days, cadence periods.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "scheduler/interval.h"

namespace mentorcal::scheduler {

using LocalTime = std::chrono::local_seconds;

class Zone {
 public:
  // The rules of `name` for instants in [span.begin - 2 days, span.end + 2 days).
  // REQUIRES: `name` is in the tz database (config validation guarantees it).
  Zone(const std::string& name, Interval span);

  const std::string& name() const { return name_; }

  // Return the UTC offset in force at `t`.
  std::chrono::seconds offset_at(Instant t) const;
  // Return the wall-clock time at `t`.
  LocalTime local(Instant t) const { return LocalTime{t.time_since_epoch() + offset_at(t)}; }

  // Return the instants whose wall-clock time lies in [from, to). A part that falls in a
  // spring-forward gap does not exist; wall-clock times that repeat at a fall-back are taken
  // once, at their first occurrence. Appends at most a few intervals to `out`, in order.
  void to_utc(LocalTime from, LocalTime to, Intervals& out) const;

  // Return the first instant whose wall-clock time is at or after `t` (for a time in a gap,
  // the moment the clocks jump).
  Instant first_at_or_after(LocalTime t) const;

 private:
  struct Segment {
    Instant begin;  // the offset holds from here to the next segment's begin
    std::chrono::seconds offset;
  };
  // Return the index of the segment holding `t`.
  std::size_t segment_at(Instant t) const;

  std::string name_;
  std::vector<Segment> segments_;
};

}  // namespace mentorcal::scheduler
