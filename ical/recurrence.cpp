#include "ical/recurrence.h"

namespace mentorcal::ical {

using std::chrono::days;
using std::chrono::floor;
using std::chrono::hours;
using std::chrono::local_days;
using std::chrono::local_seconds;
using std::chrono::seconds;
using std::chrono::year_month_day;

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

WalkEnd walk(RuleWalk w, CpuBudget& budget, std::string& why,
             const std::function<bool(local_seconds)>& visit) {
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

}  // namespace mentorcal::ical
