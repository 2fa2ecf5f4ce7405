#include "ical/feed.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <time.h>
#include <utility>

#include <date/tz.h>
#include <libical/ical.h>

// How this reads a feed (libical 3.0, Debian 12):
// - libical parses; everything after that is ours. A value libical cannot parse becomes an
//   X-LIC-ERROR property and the real property vanishes, so required ones are checked here and
//   every X-LIC-ERROR of an event is passed on as a warning. Date fields are checked too: libical
//   keeps "2026-13-45" as month 13, day 45.
// - Time zones are never libical's: its icaltimezone keeps global state and expands a VTIMEZONE
//   from its DTSTART with any RRULE it finds (FREQ=SECONDLY from year 1 never ends). A feed's
//   VTIMEZONE is turned into a table of offsets here (yearly rules only, bounded), IANA names come
//   from the tz database (date-tz), and wall-clock times become UTC by RFC 5545 3.3.5.
// - icalrecur_iterator only walks an RRULE in wall-clock time. UNTIL is taken out of the rule and
//   checked here (libical compares a floating time with a UTC UNTIL as if both were UTC), EXDATE,
//   RDATE and RECURRENCE-ID are applied here, and every walk is bounded: the iterator's own UNTIL
//   is set just past the range (which also stops it spinning on a rule that no longer matches),
//   rules without COUNT jump near the range with icalrecur_iterator_set_start (not for sub-daily
//   rules with INTERVAL > 1, where 3.0's jump loses the phase), sub-daily rules whose walk would
//   take too many steps are refused, and each walk and each event has a cap.

namespace mentorcal::ical {
namespace {

using std::chrono::days;
using std::chrono::floor;
using std::chrono::hours;
using std::chrono::local_days;
using std::chrono::local_seconds;
using std::chrono::seconds;
using std::chrono::sys_days;
using std::chrono::sys_seconds;
using std::chrono::year_month_day;

constexpr int kMaxInstances = 10'000;  // busy instances of one event inside the range
constexpr long kMaxSteps = 1'000'000;  // iterator results of one RRULE, before or in the range
constexpr long kMaxOnsets = 5'000;     // onsets of one VTIMEZONE observance (rule or RDATEs)
constexpr std::size_t kMaxWarnings = 100;
constexpr std::size_t kMaxQuoted = 80;
constexpr seconds kMaxOffset = hours(26);  // larger UTC offsets in a VTIMEZONE are refused
// CPU time all RRULE walks of one call may take. The 10k-event benchmark feed needs 0.3 s in all;
// one rule that never matches ("FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=30") costs libical 3.0 up to a
// second inside one call, which cannot be interrupted.
constexpr std::chrono::nanoseconds kWalkBudget = seconds(2);

constexpr sys_seconds kYear1900 = sys_days{std::chrono::year{1900} / 1 / 1};
constexpr sys_seconds kYear1970 = sys_days{std::chrono::year{1970} / 1 / 1};
constexpr sys_seconds kYear2600 = sys_days{std::chrono::year{2600} / 1 / 1};

// The span over which zone offsets are worked out exactly for a range: from 1970 (or the range,
// if earlier; old DTSTARTs of series are converted too) to a year past the range. Outside it the
// nearest offset holds.
struct Coverage {
  sys_seconds lo, hi;
};
Coverage coverage(sys_seconds from, sys_seconds to) {
  return {std::clamp(from, kYear1900, kYear1970) - days(2),
          std::clamp(to, kYear1970, kYear2600) + days(400)};
}

// Return `t` moved into [1900, 2600], where arithmetic with durations of an event cannot overflow.
sys_seconds tame(sys_seconds t) {
  return std::clamp(t, kYear1900, kYear2600);
}

// Return feed text fit for a log line: at most kMaxQuoted bytes, cut on a UTF-8 boundary, with
// control characters as '?'.
std::string quoted(std::string_view text) {
  if (text.size() > kMaxQuoted) {
    std::size_t cut = kMaxQuoted;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
      --cut;
    text = text.substr(0, cut);
  }
  std::string out(text);
  for (char& c : out) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) c = '?';
  }
  return out;
}

// Return whether an X-LIC-ERROR may change the busy times: not when libical dropped a property
// this reader never looks at (Google writes "LOCATION:" without a value, which libical refuses).
bool matters(std::string_view error) {
  const auto end = error.find(" property.");
  if (end == std::string_view::npos || end == 0) return true;
  const auto begin = error.rfind(' ', end - 1);
  const auto name = error.substr(begin == std::string_view::npos ? 0 : begin + 1,
                                 end - (begin == std::string_view::npos ? 0 : begin + 1));
  for (const std::string_view used : {"DTSTART", "DTEND", "DURATION", "RRULE", "RDATE", "EXDATE",
                                      "RECURRENCE-ID", "STATUS", "TRANSP", "UID", "FREEBUSY"})
    if (name == used) return true;
  return false;
}

class Warnings {
 public:
  void add(std::string line) {
    if (lines_.size() < kMaxWarnings - 1) {
      lines_.push_back(std::move(line));
    } else {
      ++more_;
    }
  }
  // Return the lines, the last counting those left out.
  std::vector<std::string> take() && {
    if (more_ == 1) {
      lines_.push_back("1 more warning left out");
    } else if (more_ > 1) {
      lines_.push_back(std::to_string(more_) + " more warnings left out");
    }
    return std::move(lines_);
  }

 private:
  std::vector<std::string> lines_;
  long more_ = 0;
};

// Return the wall-clock time a libical time names (midnight for a DATE), or nothing when its
// fields are not a real date and time.
std::optional<local_seconds> wall_clock(const icaltimetype& t) {
  if (icaltime_is_null_time(t) || t.year < 1 || t.year > 9999 || t.month < 1 || t.month > 12 ||
      t.day < 1 || t.day > 31)
    return std::nullopt;
  const year_month_day ymd{std::chrono::year{t.year}, std::chrono::month{unsigned(t.month)},
                           std::chrono::day{unsigned(t.day)}};
  if (!ymd.ok()) return std::nullopt;
  const local_seconds day{local_days{ymd}};
  if (t.is_date) return day;
  if (t.hour < 0 || t.hour > 23 || t.minute < 0 || t.minute > 59 || t.second < 0 || t.second > 60)
    return std::nullopt;
  return day + hours(t.hour) + std::chrono::minutes(t.minute) + seconds(t.second);
}

// Return `t` as a floating libical time (a DATE when `is_date`).
icaltimetype ical_time(local_seconds t, bool is_date) {
  const auto day = floor<days>(t);
  const year_month_day ymd{day};
  const std::chrono::hh_mm_ss hms{t - day};
  icaltimetype r = icaltime_null_time();  // not icaltime_null_date(): its hours are -1, and the
  r.is_date = is_date ? 1 : 0;            // iterator then walks a DATE series on wrong days
  r.year = int(ymd.year());
  r.month = int(unsigned(ymd.month()));
  r.day = int(unsigned(ymd.day()));
  if (!is_date) {
    r.hour = int(hms.hours().count());
    r.minute = int(hms.minutes().count());
    r.second = int(hms.seconds().count());
  }
  r.zone = nullptr;
  return r;
}

// The UTC offsets of one time zone over time.
class ZoneRules {
 public:
  explicit ZoneRules(seconds fixed) : segments_{{sys_seconds::min(), fixed}} {}

  // The tz database's rules over [lo, hi].
  ZoneRules(const date::time_zone& tz, sys_seconds lo, sys_seconds hi) {
    auto info = tz.get_info(lo);
    segments_.push_back({sys_seconds::min(), info.offset});
    while (info.end < hi) {
      info = tz.get_info(info.end);
      if (info.offset != segments_.back().offset) segments_.push_back({info.begin, info.offset});
    }
  }

  struct Onset {
    sys_seconds at;
    seconds offset_from, offset_to;
  };
  // REQUIRES: `onsets` is not empty.
  explicit ZoneRules(std::vector<Onset> onsets) {
    std::stable_sort(onsets.begin(), onsets.end(),
                     [](const Onset& a, const Onset& b) { return a.at < b.at; });
    segments_.push_back({sys_seconds::min(), onsets.front().offset_from});
    for (const auto& o : onsets) {
      if (o.offset_to == segments_.back().offset) continue;
      if (o.at == segments_.back().begin) {
        segments_.back().offset = o.offset_to;
      } else {
        segments_.push_back({o.at, o.offset_to});
      }
    }
  }

  seconds offset_at(sys_seconds t) const { return segments_[segment_at(t)].offset; }

  local_seconds to_local(sys_seconds t) const {
    return local_seconds{t.time_since_epoch() + offset_at(t)};
  }

  // Return the instant of wall-clock time `t`: the first one when it occurs twice, and for a time
  // in a gap the one read with the offset before the gap (RFC 5545 3.3.5).
  sys_seconds to_utc(local_seconds t) const {
    const sys_seconds as_utc{t.time_since_epoch()};
    const std::size_t first = segment_at(as_utc - kMaxOffset);
    for (std::size_t i = first; i < segments_.size() && segments_[i].begin <= as_utc + kMaxOffset;
         ++i) {
      const sys_seconds at = as_utc - segments_[i].offset;
      if (segments_[i].begin <= at && at < end_of(i)) return at;
    }
    for (std::size_t i = first; i + 1 < segments_.size(); ++i) {
      const sys_seconds gap = segments_[i + 1].begin;
      if (as_utc - segments_[i].offset >= gap && as_utc - segments_[i + 1].offset < gap)
        return as_utc - segments_[i].offset;
      if (gap > as_utc + kMaxOffset) break;
    }
    return as_utc - offset_at(as_utc);  // not reached for rules with offsets within kMaxOffset
  }

 private:
  struct Segment {
    sys_seconds begin;  // the offset holds from here to the next segment's begin
    seconds offset;
  };

  std::size_t segment_at(sys_seconds t) const {
    const auto it = std::upper_bound(segments_.begin(), segments_.end(), t,
                                     [](sys_seconds v, const Segment& s) { return v < s.begin; });
    return static_cast<std::size_t>(it - segments_.begin()) - 1;
  }
  sys_seconds end_of(std::size_t i) const {
    return i + 1 < segments_.size() ? segments_[i + 1].begin : sys_seconds::max();
  }

  std::vector<Segment> segments_;  // segments_[0].begin is sys_seconds::min()
};

// The CPU time left for the RRULE walks of one call (this thread's time, not the machine's).
class Budget {
 public:
  Budget() : end_(used() + kWalkBudget) {}
  // Return true once the time is used up.
  bool spent() {
    if (!spent_) spent_ = used() >= end_;
    return spent_;
  }

 private:
  static std::chrono::nanoseconds used() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return seconds(t.tv_sec) + std::chrono::nanoseconds(t.tv_nsec);
  }
  std::chrono::nanoseconds end_;
  bool spent_ = false;
};

// One walk of an RRULE in wall-clock time.
struct RuleWalk {
  icalrecurrencetype rule;  // its UNTIL is ignored: the caller checks UNTIL
  local_seconds dtstart;
  bool is_date = false;
  local_seconds jump_to;     // instances before this are not wanted
  local_seconds stop_after;  // nor instances after this
  long max_steps = kMaxSteps;
};

enum class WalkEnd { done, capped, refused, out_of_time };

// Call visit(wall-clock time) for the instances of `w.rule` in order (DTSTART included when it
// matches the rule) until visit returns false, the rule ends, w.max_steps instances were seen or
// the budget is spent. On `refused`, `why` says why the rule was not walked at all.
template <class Visit>
WalkEnd walk(RuleWalk w, Budget& budget, std::string& why, Visit&& visit) {
  if (budget.spent()) return WalkEnd::out_of_time;
  icalrecurrencetype& rule = w.rule;
  if (rule.rscale && *rule.rscale) {
    why = "RSCALE rules are not supported";
    return WalkEnd::refused;
  }
  if (rule.interval < 1 || rule.count < 0) {
    why = "a bad INTERVAL or COUNT";
    return WalkEnd::refused;
  }
  seconds unit{0};
  switch (rule.freq) {
    case ICAL_SECONDLY_RECURRENCE:
      unit = seconds(1);
      break;
    case ICAL_MINUTELY_RECURRENCE:
      unit = std::chrono::minutes(1);
      break;
    case ICAL_HOURLY_RECURRENCE:
      unit = hours(1);
      break;
    case ICAL_DAILY_RECURRENCE:
    case ICAL_WEEKLY_RECURRENCE:
    case ICAL_MONTHLY_RECURRENCE:
    case ICAL_YEARLY_RECURRENCE:
      break;
    default:
      why = "no FREQ";
      return WalkEnd::refused;
  }
  if (w.stop_after < w.dtstart) return WalkEnd::done;
  // icalrecur_iterator_set_start cannot count, and loses the phase of sub-daily INTERVALs.
  const bool jump =
      rule.count == 0 && w.jump_to > w.dtstart && (unit == seconds(0) || rule.interval == 1);
  if (unit != seconds(0)) {
    // libical steps one unit at a time, even past times a BY rule part rules out.
    const auto span = w.stop_after - (jump ? w.jump_to : w.dtstart);
    if (span / (unit * rule.interval) > kMaxSteps) {
      why = "too many steps of a sub-daily rule before the range ends";
      return WalkEnd::refused;
    }
  }
  rule.until = ical_time(w.stop_after, w.is_date);
  icalrecur_iterator* it = icalrecur_iterator_new(rule, ical_time(w.dtstart, w.is_date));
  if (!it) {
    why = "libical could not walk it";
    return WalkEnd::refused;
  }
  if (jump && !icalrecur_iterator_set_start(it, ical_time(w.jump_to, w.is_date))) {
    icalrecur_iterator_free(it);
    it = icalrecur_iterator_new(rule, ical_time(w.dtstart, w.is_date));
    if (!it) {
      why = "libical could not walk it";
      return WalkEnd::refused;
    }
  }
  WalkEnd end = WalkEnd::done;
  for (long steps = 0;; ++steps) {
    if (steps == w.max_steps) {
      end = WalkEnd::capped;
      break;
    }
    if (steps % 1024 == 1023 && budget.spent()) {
      end = WalkEnd::out_of_time;
      break;
    }
    const icaltimetype next = icalrecur_iterator_next(it);
    const auto t = wall_clock(next);
    if (!t || *t > w.stop_after) break;
    if (!visit(w.is_date ? floor<days>(*t) : *t)) break;
  }
  icalrecur_iterator_free(it);
  return end;
}

// One DATE or DATE-TIME value of the feed.
struct Moment {
  local_seconds local;  // wall-clock time; midnight for a DATE
  bool is_date = false;
  bool floating = false;             // neither UTC nor with a TZID (a DATE is floating too)
  const ZoneRules* rules = nullptr;  // UTC, the TZID's or the person's zone; never null
  sys_seconds utc() const { return rules->to_utc(local); }
};

// How long an instance lasts: `days` wall-clock days, then `exact` more.
struct Length {
  std::int64_t days = 0;
  seconds exact{0};
  bool negative() const { return days < 0 || (days == 0 && exact < seconds(0)); }
};

Length length_of(const icaldurationtype& d) {
  Length len;
  len.days = std::int64_t{d.weeks} * 7 + std::int64_t{d.days};
  len.exact = hours(d.hours) + std::chrono::minutes(d.minutes) + seconds(d.seconds);
  if (d.is_neg) {
    len.days = -len.days;
    len.exact = -len.exact;
  }
  return len;
}

// The time zones of one VCALENDAR: its VTIMEZONEs, the tz database, the person's zone.
class Zones {
 public:
  Zones(icalcomponent* calendar, const ZoneRules& utc, const ZoneRules& person, Coverage span,
        Budget& budget, Warnings& warnings)
      : utc_(utc), person_(person), span_(span), budget_(budget), warnings_(warnings) {
    for (icalcomponent* c = icalcomponent_get_first_component(calendar, ICAL_VTIMEZONE_COMPONENT);
         c; c = icalcomponent_get_next_component(calendar, ICAL_VTIMEZONE_COMPONENT)) {
      icalproperty* tzid = icalcomponent_get_first_property(c, ICAL_TZID_PROPERTY);
      const char* name = tzid ? icalproperty_get_tzid(tzid) : nullptr;
      if (name) vtimezones_.emplace(name, c);  // the first of a name wins
    }
  }

  const ZoneRules& utc() const { return utc_; }
  const ZoneRules& person() const { return person_; }

  // Return the rules a TZID names: the feed's VTIMEZONE, else the tz database, else the person's
  // zone (warned once per name).
  const ZoneRules& named(std::string_view name) {
    if (const auto it = resolved_.find(name); it != resolved_.end())
      return it->second ? *it->second : person_;
    std::unique_ptr<ZoneRules> rules;
    if (const auto vt = vtimezones_.find(name); vt != vtimezones_.end()) {
      std::string problem;
      rules = from_vtimezone(vt->second, problem);
      if (!problem.empty()) warnings_.add("VTIMEZONE '" + quoted(name) + "': " + problem);
    }
    if (!rules) rules = from_tzdb(name);
    if (!rules)
      warnings_.add("time zone '" + quoted(name) + "' is unknown: read as the person's zone");
    const auto& stored = resolved_.emplace(std::string(name), std::move(rules)).first->second;
    return stored ? *stored : person_;
  }

 private:
  std::unique_ptr<ZoneRules> from_tzdb(std::string_view name) const {
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
  std::unique_ptr<ZoneRules> from_vtimezone(icalcomponent* vtimezone, std::string& problem) const {
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

  const ZoneRules& utc_;
  const ZoneRules& person_;
  Coverage span_;
  Budget& budget_;
  Warnings& warnings_;
  std::map<std::string, icalcomponent*, std::less<>> vtimezones_;
  std::map<std::string, std::unique_ptr<ZoneRules>, std::less<>> resolved_;  // null: person's
};

// The properties of one VEVENT that matter here, read in one pass (libical has one property
// iterator per component, so nested walks would disturb each other).
struct EventProperties {
  int index = 0;  // 1 for the feed's first VEVENT
  std::string uid;
  icalproperty* dtstart = nullptr;
  icalproperty* dtend = nullptr;
  icalproperty* duration = nullptr;
  icalproperty* recurrence_id = nullptr;
  bool cancelled = false;
  bool transparent = false;
  std::vector<icalproperty*> rrules, rdates, exdates, errors;
};

EventProperties read_properties(icalcomponent* event) {
  EventProperties e;
  for (icalproperty* p = icalcomponent_get_first_property(event, ICAL_ANY_PROPERTY); p;
       p = icalcomponent_get_next_property(event, ICAL_ANY_PROPERTY)) {
    switch (icalproperty_isa(p)) {
      case ICAL_UID_PROPERTY:
        if (const char* uid = icalproperty_get_uid(p)) e.uid = uid;
        break;
      case ICAL_DTSTART_PROPERTY:
        e.dtstart = p;
        break;
      case ICAL_DTEND_PROPERTY:
        e.dtend = p;
        break;
      case ICAL_DURATION_PROPERTY:
        e.duration = p;
        break;
      case ICAL_RECURRENCEID_PROPERTY:
        e.recurrence_id = p;
        break;
      case ICAL_STATUS_PROPERTY:
        e.cancelled = icalproperty_get_status(p) == ICAL_STATUS_CANCELLED;
        break;
      case ICAL_TRANSP_PROPERTY: {
        const auto t = icalproperty_get_transp(p);
        e.transparent = t == ICAL_TRANSP_TRANSPARENT || t == ICAL_TRANSP_TRANSPARENTNOCONFLICT;
        break;
      }
      case ICAL_RRULE_PROPERTY:
        e.rrules.push_back(p);
        break;
      case ICAL_RDATE_PROPERTY:
        e.rdates.push_back(p);
        break;
      case ICAL_EXDATE_PROPERTY:
        e.exdates.push_back(p);
        break;
      case ICAL_XLICERROR_PROPERTY:
        e.errors.push_back(p);
        break;
      default:
        break;
    }
  }
  return e;
}

// Instances left out of a series (EXDATEs, and the RECURRENCE-IDs of its overrides).
class Exclusions {
 public:
  // `series_is_date`: the series is all-day, so every exclusion matches by date.
  void add(const Moment& m, bool series_is_date) {
    if (m.is_date || series_is_date) {
      days_.push_back(floor<days>(m.local));
    } else if (m.floating) {
      locals_.push_back(m.local);
    } else {
      instants_.push_back(m.utc());
    }
  }
  void seal() {
    std::sort(locals_.begin(), locals_.end());
    std::sort(days_.begin(), days_.end());
    std::sort(instants_.begin(), instants_.end());
  }
  bool contains(local_seconds local, sys_seconds utc) const {
    return std::binary_search(days_.begin(), days_.end(), floor<days>(local)) ||
           std::binary_search(locals_.begin(), locals_.end(), local) ||
           std::binary_search(instants_.begin(), instants_.end(), utc);
  }

 private:
  std::vector<local_days> days_;
  std::vector<local_seconds> locals_;
  std::vector<sys_seconds> instants_;
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
    Zones zones(calendar, utc_, person_, coverage(from_, to_), budget_, warnings_);
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
  Zones* zones_ = nullptr;
  Budget budget_;
  bool out_of_time_told_ = false;
  std::map<std::string, std::vector<Moment>, std::less<>> overrides_;  // by UID
};

struct ComponentFree {
  void operator()(icalcomponent* c) const { icalcomponent_free(c); }
};

}  // namespace

tl::expected<FeedReading, std::string> read_busy_feed(
    std::string_view ics, sys_seconds from, sys_seconds to, const std::string& zone,
    const std::function<bool(std::string_view)>& is_ours) {
  const std::string text(ics);  // libical wants a NUL-terminated string
  const std::unique_ptr<icalcomponent, ComponentFree> root{icalparser_parse_string(text.c_str())};
  if (!root) return tl::unexpected(std::string("not iCalendar: no component found"));
  std::vector<icalcomponent*> calendars;
  if (icalcomponent_isa(root.get()) == ICAL_VCALENDAR_COMPONENT) {
    calendars.push_back(root.get());
  } else if (icalcomponent_isa(root.get()) == ICAL_XROOT_COMPONENT) {
    for (icalcomponent* c = icalcomponent_get_first_component(root.get(), ICAL_VCALENDAR_COMPONENT);
         c; c = icalcomponent_get_next_component(root.get(), ICAL_VCALENDAR_COMPONENT))
      calendars.push_back(c);
  }
  if (calendars.empty()) return tl::unexpected(std::string("not iCalendar: no VCALENDAR"));

  FeedReading reading;
  Warnings warnings;
  const ZoneRules utc(seconds(0));
  std::unique_ptr<ZoneRules> person;
  try {
    const Coverage span = coverage(from, to);
    person = std::make_unique<ZoneRules>(*date::locate_zone(zone), span.lo, span.hi);
  } catch (const std::exception&) {
    warnings.add("the person's time zone '" + quoted(zone) + "' is unknown: UTC is used");
    person = std::make_unique<ZoneRules>(seconds(0));
  }
  FeedReader reader(from, to, utc, *person, is_ours, reading, warnings);
  for (icalcomponent* calendar : calendars)
    reader.read_calendar(calendar);

  auto& busy = reading.busy;
  std::sort(busy.begin(), busy.end(),
            [](const BusyTime& a, const BusyTime& b) { return a.begin < b.begin; });
  std::size_t kept = 0;
  for (const BusyTime& b : busy) {
    if (kept > 0 && b.begin <= busy[kept - 1].end) {
      busy[kept - 1].end = std::max(busy[kept - 1].end, b.end);
    } else {
      busy[kept++] = b;
    }
  }
  busy.resize(kept);
  reading.warnings = std::move(warnings).take();
  return reading;
}

}  // namespace mentorcal::ical
