#include "ical/zones.h"

#include <exception>
#include <optional>
#include <utility>
#include <vector>

#include "ical/component.h"
#include "ical/recurrence.h"

namespace mentorcal::ical {

using std::chrono::days;
using std::chrono::floor;
using std::chrono::local_seconds;
using std::chrono::seconds;
using std::chrono::sys_seconds;

namespace {

constexpr long kMaxOnsets = 5'000;  // onsets of one VTIMEZONE observance (rule or RDATEs)

}  // namespace

CalendarZones::CalendarZones(icalcomponent* calendar, Coverage span, CpuBudget& budget)
    : span_(span), budget_(budget) {
  for (icalcomponent* c : children(calendar, ICAL_VTIMEZONE_COMPONENT)) {
    icalproperty* tzid = icalcomponent_get_first_property(c, ICAL_TZID_PROPERTY);
    const char* name = tzid ? icalproperty_get_tzid(tzid) : nullptr;
    if (name) vtimezones_.emplace(name, c);  // the first of a name wins
  }
}

CalendarZones::Found CalendarZones::find(std::string_view tzid) {
  Found found;
  if (const auto vt = vtimezones_.find(tzid); vt != vtimezones_.end()) {
    found.rules = from_vtimezone(vt->second, found.problem);
  }
  if (!found.rules) found.rules = from_tzdb(tzid);
  return found;
}

std::unique_ptr<ZoneRules> CalendarZones::from_tzdb(std::string_view name) const {
  // Also the IANA name at the end of a prefixed TZID ("/mozilla.org/20050126_1/Europe/London").
  for (std::size_t at = 0; at != std::string_view::npos;) {
    const std::string_view candidate = name.substr(at);
    try {
      if (!candidate.empty() && candidate.front() != '/')
        return std::make_unique<ZoneRules>(*date::locate_zone(std::string(candidate)), span_.lo,
                                           span_.hi);
    } catch (const std::exception&) {
    }
    if (name.empty() || name.front() != '/') break;
    at = name.find('/', at + 1);
    if (at != std::string_view::npos) ++at;
  }
  return nullptr;
}

// Return the rules of a VTIMEZONE up to span_.hi (STANDARD and DAYLIGHT observances with DTSTART,
// TZOFFSETTO, optional TZOFFSETFROM, yearly RRULEs and RDATEs), or null when it has none.
// `problem` tells what was left out.
std::unique_ptr<ZoneRules> CalendarZones::from_vtimezone(icalcomponent* vtimezone,
                                                         std::string& problem) {
  std::vector<ZoneRules::Onset> onsets;
  const local_seconds stop{span_.hi.time_since_epoch() + days(1)};
  for (icalcomponent* c = icalcomponent_get_first_component(vtimezone, ICAL_ANY_COMPONENT); c;
       c = icalcomponent_get_next_component(vtimezone, ICAL_ANY_COMPONENT)) {
    const auto kind = icalcomponent_isa(c);
    if (kind != ICAL_XSTANDARD_COMPONENT && kind != ICAL_XDAYLIGHT_COMPONENT) continue;
    std::optional<local_seconds> start;
    std::optional<seconds> from, to;
    std::vector<icalproperty*> rrules, rdates;
    for (icalproperty* p = icalcomponent_get_first_property(c, ICAL_ANY_PROPERTY); p;
         p = icalcomponent_get_next_property(c, ICAL_ANY_PROPERTY)) {
      switch (icalproperty_isa(p)) {
        case ICAL_DTSTART_PROPERTY:
          start = wall_clock(icalproperty_get_dtstart(p));
          break;
        case ICAL_TZOFFSETFROM_PROPERTY:
          from = seconds(icalproperty_get_tzoffsetfrom(p));
          break;
        case ICAL_TZOFFSETTO_PROPERTY:
          to = seconds(icalproperty_get_tzoffsetto(p));
          break;
        case ICAL_RRULE_PROPERTY:
          rrules.push_back(p);
          break;
        case ICAL_RDATE_PROPERTY:
          rdates.push_back(p);
          break;
        default:
          break;
      }
    }
    if (!from) from = to;  // Outlook for Mac leaves it out when there is no DST
    if (!start || !to || abs(*from) > kMaxOffset || abs(*to) > kMaxOffset) {
      problem = "an observance without a usable DTSTART or offsets was left out";
      continue;
    }
    const auto onset = [&](local_seconds t) {
      onsets.push_back({sys_seconds{t.time_since_epoch()} - *from, *from, *to});
    };
    onset(*start);
    for (icalproperty* p : rrules) {
      icalrecurrencetype rule = icalproperty_get_rrule(p);
      if (rule.freq != ICAL_YEARLY_RECURRENCE) {
        problem = "a rule that is not FREQ=YEARLY was left out";
        continue;
      }
      // UNTIL in UTC compares with the onset's instant, else with its wall-clock time.
      const icaltimetype until = rule.until;
      const auto until_local = wall_clock(until);
      const bool until_utc = until_local && icaltime_is_utc(until);
      std::string why;
      // Onsets long before the span are not needed: jump (Outlook's observances start in 1601).
      const local_seconds near{span_.lo.time_since_epoch() - days(400)};
      const RuleWalk w{rule, *start, false, near, stop, kMaxOnsets};
      const WalkEnd end = walk(w, budget_, why, [&](local_seconds t) {
        if (until_local &&
            (until_utc ? t - *from > *until_local
                       : t > *until_local + (until.is_date ? days(1) - seconds(1) : seconds(0))))
          return false;
        if (t != *start) onset(t);
        return true;
      });
      if (end == WalkEnd::refused) problem = "a rule was left out: " + why;
      if (end == WalkEnd::capped)
        problem = "a rule stopped after " + std::to_string(kMaxOnsets) + " onsets";
      if (end == WalkEnd::out_of_time) problem = "a rule was left out: no time was left";
    }
    long count = 0;
    for (icalproperty* p : rdates) {
      if (++count > kMaxOnsets) {
        problem = "RDATEs after the first " + std::to_string(kMaxOnsets) + " were left out";
        break;
      }
      const icaldatetimeperiodtype dtp = icalproperty_get_rdate(p);
      const icaltimetype t = icaltime_is_null_time(dtp.time) ? dtp.period.start : dtp.time;
      const auto local = wall_clock(t);
      if (!local) continue;
      if (t.is_date) {
        onset(*local + (*start - floor<days>(*start)));
      } else if (icaltime_is_utc(t)) {
        onsets.push_back({sys_seconds{local->time_since_epoch()}, *from, *to});
      } else {
        onset(*local);
      }
    }
  }
  if (onsets.empty()) {
    if (problem.empty()) problem = "no usable observance";
    return nullptr;
  }
  return std::make_unique<ZoneRules>(std::move(onsets));
}

}  // namespace mentorcal::ical
