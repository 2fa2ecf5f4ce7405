#include "ical/feed.h"

#include <exception>
#include <memory>
#include <utility>

#include <date/tz.h>
#include <libical/ical.h>

#include "base/spans.h"
#include "ical/bounded_text.h"
#include "ical/busy_reader.h"
#include "ical/component.h"
#include "ical/warnings.h"
#include "ical/zone_rules.h"

// How this reads a feed (libical 3.0, Debian 12), and where:
// - libical parses; everything after that is ours (busy_reader.cpp). A value libical cannot parse
//   becomes an X-LIC-ERROR property and the real property vanishes, so required ones are checked
//   and every X-LIC-ERROR of an event is passed on as a warning (warnings.h). Date fields are
//   checked too: libical keeps "2026-13-45" as month 13, day 45.
// - Time zones are never libical's: its icaltimezone keeps global state and expands a VTIMEZONE
//   from its DTSTART with any RRULE it finds (FREQ=SECONDLY from year 1 never ends). A feed's
//   VTIMEZONE is turned into a table of offsets (zones.h: yearly rules only, bounded), IANA names
//   come from the tz database (date-tz), and wall-clock times become UTC by RFC 5545 3.3.5
//   (zone_rules.h).
// - icalrecur_iterator only walks an RRULE in wall-clock time (recurrence.h). UNTIL is taken out
//   of the rule and checked by the reader (libical compares a floating time with a UTC UNTIL as if
//   both were UTC), EXDATE, RDATE and RECURRENCE-ID are applied by it (instances.h), and every walk
//   is bounded (recurrence.h), as is each event and the CPU time of all walks (cpu_budget.h).

namespace mentorcal::ical {
namespace {

// A busy feed's bounds: a big real calendar (10,000 events over years) sits well inside them,
// and libical stays under ~100 MB and 1 s on any text within them.
const TextLimits kFeedLimits{.max_bytes = std::size_t{5} << 20,
                             .max_components = 50'000,
                             .max_events = 20'000,
                             .max_lines = 250'000};

}  // namespace

using std::chrono::seconds;
using std::chrono::sys_seconds;

tl::expected<FeedReading, std::string> read_busy_feed(
    std::string_view ics, sys_seconds from, sys_seconds to, const std::string& zone,
    const std::function<bool(std::string_view)>& is_ours) {
  const auto text = bounded_text(ics, kFeedLimits);
  if (!text) return tl::unexpected("not read: " + text.error());
  const Component root{icalparser_parse_string(text->text.c_str())};
  if (!root) return tl::unexpected(std::string("not iCalendar: no component found"));
  const std::vector<icalcomponent*> calendars = calendars_of(root.get());
  if (calendars.empty()) return tl::unexpected(std::string("not iCalendar: no VCALENDAR"));

  FeedReading reading;
  Warnings warnings;
  for (const std::string& line : text->dropped)
    warnings.add(line);
  std::unique_ptr<ZoneRules> person;
  try {
    const Coverage span = coverage(from, to);
    person = std::make_unique<ZoneRules>(*date::locate_zone(zone), span.lo, span.hi);
  } catch (const std::exception&) {
    warnings.add("the person's time zone '" + quoted(zone) + "' is unknown: UTC is used");
    person = std::make_unique<ZoneRules>(seconds(0));
  }
  collect_busy(calendars, from, to, *person, is_ours, reading, warnings);
  reading.busy = base::merged(std::move(reading.busy));
  reading.warnings = std::move(warnings).take();
  return reading;
}

}  // namespace mentorcal::ical
