// The UTC offsets of one time zone over a span of time, from the tz database, a fixed offset or
// a calendar's VTIMEZONE (ical/zones.h), and wall-clock times turned into instants by RFC 5545
// 3.3.5. Never libical's icaltimezone: it keeps global state and expands a VTIMEZONE from its
// DTSTART with any RRULE it finds.
#pragma once

#include <chrono>
#include <cstddef>
#include <vector>

#include <date/tz.h>

namespace mentorcal::ical {

// Larger UTC offsets (in a VTIMEZONE) are refused.
constexpr std::chrono::seconds kMaxOffset = std::chrono::hours(26);

// The span over which zone offsets are worked out exactly: outside it the nearest offset holds.
struct Coverage {
  std::chrono::sys_seconds lo, hi;
};

// Return the coverage for times in [from, to]: from 1970 (or `from`, if earlier, back to 1900;
// old DTSTARTs of series are converted too) to a year past `to` (at most 2600).
Coverage coverage(std::chrono::sys_seconds from, std::chrono::sys_seconds to);

// Return `t` moved into [1900, 2600], where arithmetic with durations of an event cannot overflow.
std::chrono::sys_seconds tame(std::chrono::sys_seconds t);

class ZoneRules {
 public:
  explicit ZoneRules(std::chrono::seconds fixed);

  // The tz database's rules over [lo, hi].
  ZoneRules(const date::time_zone& tz, std::chrono::sys_seconds lo, std::chrono::sys_seconds hi);

  struct Onset {
    std::chrono::sys_seconds at;
    std::chrono::seconds offset_from, offset_to;
  };
  // REQUIRES: `onsets` is not empty.
  explicit ZoneRules(std::vector<Onset> onsets);

  std::chrono::seconds offset_at(std::chrono::sys_seconds t) const;
  std::chrono::local_seconds to_local(std::chrono::sys_seconds t) const;

  // Return the instant of wall-clock time `t`: the first one when it occurs twice, and for a time
  // in a gap the one read with the offset before the gap (RFC 5545 3.3.5).
  std::chrono::sys_seconds to_utc(std::chrono::local_seconds t) const;

 private:
  struct Segment {
    std::chrono::sys_seconds begin;  // the offset holds from here to the next segment's begin
    std::chrono::seconds offset;
  };

  std::size_t segment_at(std::chrono::sys_seconds t) const;
  std::chrono::sys_seconds end_of(std::size_t i) const;

  std::vector<Segment> segments_;  // segments_[0].begin is sys_seconds::min()
};

}  // namespace mentorcal::ical
