// A person's busy calendar: an iCalendar feed (RFC 5545) read with libical into the UTC intervals
// it makes busy. Pure: no I/O, no clock; the caller fetches the text.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <tl/expected.hpp>

namespace mentorcal::ical {

struct BusyTime {
  std::chrono::sys_seconds begin, end;  // UTC, half-open, begin < end
};

struct FeedReading {
  // Sorted by begin; overlapping and touching intervals merged; all inside [from, to).
  std::vector<BusyTime> busy;
  // What was skipped or guessed, one line each, e.g. "event 'x' skipped: no DTSTART". Never
  // fatal. Feed text in them (UIDs, TZIDs, libical's messages) is cut to 80 characters with
  // control characters replaced; at most 100 lines, the last one counting the rest.
  std::vector<std::string> warnings;
  int events = 0;  // VEVENT components read (before expansion), whether or not they made time busy
};

// Parse an iCalendar feed and return the times it makes busy within [from, to).
//
// `zone`: the person's IANA zone, for floating times and all-day events (DATE values are whole
// local days there). REQUIRES: it is in the tz database (config validation guarantees it); an
// unknown name is read as UTC, with a warning.
// `is_ours(uid)`: true for mentorcal's own meetings, which must not block themselves; every
// VEVENT with such a UID (series and overrides) is skipped.
//
// What counts (RFC 5545): each VEVENT of every VCALENDAR, expanded over the range: RRULE (each
// bounded by the range and by 10,000 instances, with a warning), RDATE (DATE-TIME, DATE or PERIOD),
// EXDATE, and RECURRENCE-ID overrides (an override replaces its instance; a CANCELLED or
// TRANSPARENT override removes it). DTSTART always counts as an instance. The end is DTEND, else
// DURATION (days and weeks are wall-clock days), else one day for a DATE and nothing for a
// DATE-TIME (zero-length events are dropped). TRANSP:TRANSPARENT and STATUS:CANCELLED events are
// ignored. VFREEBUSY FREEBUSY periods count unless FBTYPE=FREE.
// Times: UTC ("Z"), floating (the person's zone), or TZID, which resolves to the feed's own
// VTIMEZONE of that name (Windows names such as "FLE Standard Time" included), else to the tz
// database, else to the person's zone with a warning. A wall-clock time that occurs twice means
// the first; one in a spring-forward gap is read with the offset before the gap (RFC 5545 3.3.5).
// X-WR-TIMEZONE is ignored. Any bad or unusable part (a value libical could not parse, an event
// without DTSTART, an RSCALE rule) is skipped with a warning.
// Work is bounded whatever the text: besides the caps above, each RRULE walk is capped at 1,000,000
// steps, sub-daily rules that would need more are refused, and once the RRULE walks of this call
// have used 2 s of the thread's CPU time the remaining RRULEs are ignored (libical 3.0 can spend
// a second inside one call on a rule that never matches). Each cut is warned.
//
// Before libical sees the text it is bounded (ical/bounded_text.h): more than 5 MiB, 20,000
// VEVENTs, 50,000 components, 250,000 lines, 16 levels of nesting or 200 unreadable dates is
// refused ("not read: ..."); lines over 64 KiB, properties beyond 1,000 in a component, typed
// values beyond 50 and RRULE/EXRULE beyond 8 are dropped with a warning.
// Returns an error only when the text is refused so, or is not iCalendar at all (libical finds no
// component, or no VCALENDAR). REQUIRES: from <= to (an empty range gives no busy time). May run on
// several threads at once: no libical time zone is used but its locked UTC. libical 3.0 itself
// prints a line to stderr for some malformed input ("Encountered END before BEGIN"); nothing else
// is printed.
tl::expected<FeedReading, std::string> read_busy_feed(
    std::string_view ics, std::chrono::sys_seconds from, std::chrono::sys_seconds to,
    const std::string& zone, const std::function<bool(std::string_view)>& is_ours);

}  // namespace mentorcal::ical
