// The times of a busy feed's events: when an instance starts, how long it lasts, and which
// instances of a series are left out.
#pragma once

#include <chrono>
#include <cstdint>
#include <vector>

#include <libical/ical.h>

#include "ical/zone_rules.h"

namespace mentorcal::ical {

// One DATE or DATE-TIME value of the feed.
struct Moment {
  std::chrono::local_seconds local;  // wall-clock time; midnight for a DATE
  bool is_date = false;
  bool floating = false;             // neither UTC nor with a TZID (a DATE is floating too)
  const ZoneRules* rules = nullptr;  // UTC, the TZID's or the person's zone; never null
  std::chrono::sys_seconds utc() const { return rules->to_utc(local); }
};

// How long an instance lasts: `days` wall-clock days, then `exact` more.
struct Length {
  std::int64_t days = 0;
  std::chrono::seconds exact{0};
  bool negative() const { return days < 0 || (days == 0 && exact < std::chrono::seconds(0)); }
};

// Return the length a DURATION value says (days and weeks are wall-clock days).
Length length_of(const icaldurationtype& d);

// Instances left out of a series (EXDATEs, and the RECURRENCE-IDs of its overrides).
class Exclusions {
 public:
  // `series_is_date`: the series is all-day, so every exclusion matches by date.
  void add(const Moment& m, bool series_is_date);
  // Call once after the last add() and before contains().
  void seal();
  bool contains(std::chrono::local_seconds local, std::chrono::sys_seconds utc) const;

 private:
  std::vector<std::chrono::local_days> days_;
  std::vector<std::chrono::local_seconds> locals_;
  std::vector<std::chrono::sys_seconds> instants_;
};

}  // namespace mentorcal::ical
