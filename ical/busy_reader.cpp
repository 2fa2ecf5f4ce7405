#include "ical/busy_reader.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "ical/cpu_budget.h"
#include "ical/event_properties.h"
#include "ical/instances.h"
#include "ical/recurrence.h"
#include "ical/zones.h"

namespace mentorcal::ical {
namespace {

using std::chrono::days;
using std::chrono::floor;
using std::chrono::local_seconds;
using std::chrono::seconds;
using std::chrono::sys_seconds;

constexpr int kMaxInstances = 10'000;  // busy instances of one event inside the range
// CPU time all RRULE walks of one call may take. The 10k-event benchmark feed needs 0.3 s in all;
// one rule that never matches ("FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=30") costs libical 3.0 up to a
// second inside one call, which cannot be interrupted.
constexpr std::chrono::nanoseconds kWalkBudget = seconds(2);

// The time zones of one VCALENDAR of a feed: its VTIMEZONEs and the tz database (ical/zones.h),
// else the person's zone (warned once per name).
class FeedZones {
 public:
  FeedZones(icalcomponent* calendar, const ZoneRules& person, Coverage span, CpuBudget& budget,
            Warnings& warnings)
      : zones_(calendar, span, budget), person_(person), warnings_(warnings) {}

  // Return the rules a TZID names, else the person's zone.
  const ZoneRules& named(std::string_view name) {
    if (const auto it = resolved_.find(name); it != resolved_.end())
      return it->second ? *it->second : person_;
    CalendarZones::Found found = zones_.find(name);
    if (!found.problem.empty()) warnings_.add("VTIMEZONE '" + quoted(name) + "': " + found.problem);
    if (!found.rules)
      warnings_.add("time zone '" + quoted(name) + "' is unknown: read as the person's zone");
    const auto& stored = resolved_.emplace(std::string(name), std::move(found.rules)).first->second;
    return stored ? *stored : person_;
  }

 private:
  CalendarZones zones_;
  const ZoneRules& person_;
  Warnings& warnings_;
  std::map<std::string, std::unique_ptr<ZoneRules>, std::less<>> resolved_;  // null: person's
};

class FeedReader {
 public:
  FeedReader(sys_seconds from, sys_seconds to, const ZoneRules& utc, const ZoneRules& person,
             const std::function<bool(std::string_view)>& is_ours, FeedReading& out,
             Warnings& warnings)
      : from_(from),
        to_(to),
        utc_(utc),
        person_(person),
        is_ours_(is_ours),
        out_(out),
        warnings_(warnings) {}

  void read_calendar(icalcomponent* calendar) {
    FeedZones zones(calendar, person_, coverage(from_, to_), budget_, warnings_);
    zones_ = &zones;
    // First the overrides, so that each series knows which of its instances they replace.
    overrides_.clear();
    std::vector<EventProperties> events;
    for (icalcomponent* c = icalcomponent_get_first_component(calendar, ICAL_ANY_COMPONENT); c;
         c = icalcomponent_get_next_component(calendar, ICAL_ANY_COMPONENT)) {
      const auto kind = icalcomponent_isa(c);
      if (kind == ICAL_VFREEBUSY_COMPONENT) {
        read_freebusy(c);
      } else if (kind == ICAL_VEVENT_COMPONENT) {
        ++out_.events;
        auto props = read_properties(c);
        props.index = out_.events;
        if (props.recurrence_id && !props.uid.empty() && !is_ours_(props.uid)) {
          if (const auto rid =
                  moment(props.recurrence_id, icalproperty_get_recurrenceid(props.recurrence_id)))
            overrides_[props.uid].push_back(*rid);
        }
        events.push_back(std::move(props));
      }
    }
    for (const auto& props : events)
      read_event(props);
    zones_ = nullptr;
  }

 private:
  std::string label(const EventProperties& e) const {
    return e.uid.empty() ? "event #" + std::to_string(e.index) + " (no UID)"
                         : "event '" + quoted(e.uid) + "'";
  }

  // Return the value `t` of `prop` placed in time, or nothing when it is not a real date.
  std::optional<Moment> moment(icalproperty* prop, const icaltimetype& t) {
    const auto local = wall_clock(t);
    if (!local) return std::nullopt;
    Moment m{*local, t.is_date != 0, false, nullptr};
    if (t.is_date) {
      m.floating = true;
      m.rules = &person_;
    } else if (icaltime_is_utc(t)) {
      m.rules = &utc_;
    } else if (icalparameter* tzid = icalproperty_get_first_parameter(prop, ICAL_TZID_PARAMETER);
               tzid && icalparameter_get_tzid(tzid)) {
      m.rules = &zones_->named(icalparameter_get_tzid(tzid));
    } else {
      m.floating = true;
      m.rules = &person_;
    }
    return m;
  }

  // Add one instance [begin, begin + len) (`at`: begin in UTC), clipped to the range. Return
  // false when the event has reached its cap.
  bool add(const Moment& begin, sys_seconds at, const Length& len, int& emitted,
           const std::string& what) {
    const sys_seconds end = len.days != 0
                                ? begin.rules->to_utc(begin.local + days(len.days)) + len.exact
                                : at + len.exact;
    const sys_seconds b = std::max(at, from_), e = std::min(end, to_);
    if (b >= e) return true;
    out_.busy.push_back({b, e});
    if (++emitted < kMaxInstances) return true;
    warnings_.add(what + ": stopped after " + std::to_string(kMaxInstances) +
                  " instances in the range");
    return false;
  }

  // Return how long each instance of the event lasts, or nothing (warned) when it ends before it
  // starts or its DTEND is unusable.
  std::optional<Length> length(const EventProperties& e, const Moment& start,
                               const std::string& what) {
    Length len;
    if (e.dtend) {
      const auto end = moment(e.dtend, icalproperty_get_dtend(e.dtend));
      if (!end) {
        warnings_.add(what + " skipped: DTEND is not a real date");
        return std::nullopt;
      }
      if (start.is_date && end->is_date) {
        len.days = (floor<days>(end->local) - floor<days>(start.local)).count();
      } else {
        len.exact = end->utc() - start.utc();
      }
    } else if (e.duration) {
      len = length_of(icalproperty_get_duration(e.duration));
    } else if (start.is_date) {
      len.days = 1;
    }
    if (len.negative()) {
      warnings_.add(what + " skipped: it ends before it starts");
      return std::nullopt;
    }
    return len;
  }

  void read_event(const EventProperties& e) {
    if (!e.uid.empty() && is_ours_(e.uid)) return;
    if (e.cancelled || e.transparent) return;
    const std::string what = label(e);
    for (icalproperty* p : e.errors) {
      const char* text = icalproperty_get_xlicerror(p);
      if (text && matters(text))
        warnings_.add(what + ": libical dropped a bad property: " + quoted(text));
    }
    if (!e.dtstart) {
      warnings_.add(what + " skipped: no DTSTART");
      return;
    }
    const auto start = moment(e.dtstart, icalproperty_get_dtstart(e.dtstart));
    if (!start) {
      warnings_.add(what + " skipped: DTSTART is not a real date");
      return;
    }
    const auto len = length(e, *start, what);
    if (!len) return;
    const sys_seconds start_at = start->utc();

    int emitted = 0;
    // An override is one instance; its own RRULEs, RDATEs and EXDATEs do not apply.
    if (e.recurrence_id) {
      if (icalparameter* range =
              icalproperty_get_first_parameter(e.recurrence_id, ICAL_RANGE_PARAMETER);
          range && icalparameter_get_range(range) == ICAL_RANGE_THISANDFUTURE)
        warnings_.add(what + ": RANGE=THISANDFUTURE is read as this instance only");
      add(*start, start_at, *len, emitted, what);
      return;
    }

    Exclusions excluded;
    for (icalproperty* p : e.exdates) {
      if (const auto m = moment(p, icalproperty_get_exdate(p))) excluded.add(*m, start->is_date);
    }
    if (const auto it = overrides_.find(e.uid); it != overrides_.end())
      for (const Moment& m : it->second)
        excluded.add(m, start->is_date);
    excluded.seal();

    if (!excluded.contains(start->local, start_at) && !add(*start, start_at, *len, emitted, what))
      return;
    if (!read_rdates(e, *len, excluded, emitted, what)) return;
    for (icalproperty* p : e.rrules) {
      if (!read_rrule(p, *start, *len, excluded, emitted, what)) return;
    }
  }

  // Add the RDATE instances of a series. Return false when the event has reached its cap.
  bool read_rdates(const EventProperties& e, const Length& len, const Exclusions& excluded,
                   int& emitted, const std::string& what) {
    for (icalproperty* p : e.rdates) {
      const icaldatetimeperiodtype dtp = icalproperty_get_rdate(p);
      const bool period = icaltime_is_null_time(dtp.time);
      const auto m = moment(p, period ? dtp.period.start : dtp.time);
      if (!m) {
        warnings_.add(what + ": an RDATE that is not a real date was left out");
        continue;
      }
      const sys_seconds at = m->utc();
      Length rdate_len = len;
      if (period && !icaltime_is_null_time(dtp.period.end)) {
        const auto end = moment(p, dtp.period.end);
        if (!end) continue;
        rdate_len = Length{0, end->utc() - at};
      } else if (period) {
        rdate_len = length_of(dtp.period.duration);
      }
      if (rdate_len.negative() || excluded.contains(m->local, at)) continue;
      if (!add(*m, at, rdate_len, emitted, what)) return false;
    }
    return true;
  }

  // Add the instances of one RRULE of a series. Return false when the event has reached its cap.
  bool read_rrule(icalproperty* p, const Moment& start, const Length& len,
                  const Exclusions& excluded, int& emitted, const std::string& what) {
    const icalrecurrencetype rule = icalproperty_get_rrule(p);
    // UNTIL is compared the way it is written: UTC as an instant, else as a wall-clock time; a
    // DATE UNTIL of a DATE-TIME series keeps its whole day.
    std::optional<Moment> until;
    if (!icaltime_is_null_time(rule.until)) {
      until = moment(p, rule.until);
      if (until && until->is_date && !start.is_date) until->local += days(1) - seconds(1);
    }
    // Start early enough for the longest instance to reach into the range.
    const seconds reach =
        days(std::max<std::int64_t>(len.days, 0)) + std::max(len.exact, seconds(0)) + days(2);
    const RuleWalk w{rule,
                     start.local,
                     start.is_date,
                     start.rules->to_local(tame(from_) - reach),
                     start.rules->to_local(tame(to_)) + days(2),
                     kMaxSteps};
    std::string why;
    bool full = false;
    const WalkEnd end = walk(w, budget_, why, [&](local_seconds t) {
      if (t == start.local) return true;  // DTSTART is in already
      const Moment m{t, start.is_date, start.floating, start.rules};
      const sys_seconds at = m.utc();
      if (until && (until->floating ? t > until->local : at > until->utc())) return false;
      if (at >= to_) return false;
      if (excluded.contains(t, at)) return true;
      full = !add(m, at, len, emitted, what);
      return !full;
    });
    if (end == WalkEnd::refused) warnings_.add(what + ": RRULE ignored: " + why);
    if (end == WalkEnd::out_of_time && !out_of_time_told_) {
      out_of_time_told_ = true;
      warnings_.add(what + ": RRULE ignored, as are those of later events: expanding rules took " +
                    std::to_string(kWalkBudget / seconds(1)) + " s of CPU time");
    }
    if (end == WalkEnd::capped)
      warnings_.add(what + ": RRULE stopped after " + std::to_string(kMaxSteps) + " instances");
    return !full;
  }

  void read_freebusy(icalcomponent* freebusy) {
    std::vector<icalproperty*> periods;
    for (icalproperty* p = icalcomponent_get_first_property(freebusy, ICAL_ANY_PROPERTY); p;
         p = icalcomponent_get_next_property(freebusy, ICAL_ANY_PROPERTY)) {
      const auto kind = icalproperty_isa(p);
      if (kind == ICAL_FREEBUSY_PROPERTY) {
        periods.push_back(p);
      } else if (kind == ICAL_XLICERROR_PROPERTY) {
        const char* text = icalproperty_get_xlicerror(p);
        if (text && matters(text))
          warnings_.add("VFREEBUSY: libical dropped a bad property: " + quoted(text));
      }
    }
    int emitted = 0;
    for (icalproperty* p : periods) {
      // Unknown FBTYPEs count as BUSY (RFC 5545 3.2.9); only FREE is free.
      if (icalparameter* type = icalproperty_get_first_parameter(p, ICAL_FBTYPE_PARAMETER);
          type && icalparameter_get_fbtype(type) == ICAL_FBTYPE_FREE)
        continue;
      const icalperiodtype period = icalproperty_get_freebusy(p);
      const auto start = moment(p, period.start);
      if (!start) {
        warnings_.add("VFREEBUSY: a FREEBUSY period that is not a real date was left out");
        continue;
      }
      Length len;
      if (!icaltime_is_null_time(period.end)) {
        const auto end = moment(p, period.end);
        if (!end) continue;
        len.exact = end->utc() - start->utc();
      } else {
        len = length_of(period.duration);
      }
      if (!add(*start, start->utc(), len, emitted, "VFREEBUSY")) return;
    }
  }

  sys_seconds from_, to_;
  const ZoneRules& utc_;
  const ZoneRules& person_;
  const std::function<bool(std::string_view)>& is_ours_;
  FeedReading& out_;
  Warnings& warnings_;
  FeedZones* zones_ = nullptr;
  CpuBudget budget_{kWalkBudget};
  bool out_of_time_told_ = false;
  std::map<std::string, std::vector<Moment>, std::less<>> overrides_;  // by UID
};

}  // namespace

void collect_busy(const std::vector<icalcomponent*>& calendars, sys_seconds from, sys_seconds to,
                  const ZoneRules& person, const std::function<bool(std::string_view)>& is_ours,
                  FeedReading& out, Warnings& warnings) {
  const ZoneRules utc(seconds(0));
  FeedReader reader(from, to, utc, person, is_ours, out, warnings);
  for (icalcomponent* calendar : calendars)
    reader.read_calendar(calendar);
}

}  // namespace mentorcal::ical
