#include "scheduler/explain.h"

#include <algorithm>

#include <fmt/format.h>

#include "base/time_text.h"
#include "scheduler/availability.h"

namespace mentorcal::scheduler {

using namespace std::chrono;

namespace {

std::string windows_text(const config::Person& p) {
  std::string out;
  for (const auto& w : p.available)
    out += (out.empty() ? "" : ", ") + w.text();
  return fmt::format("{}'s windows ({}{}{})", p.name, out, out.empty() ? "none" : " ",
                     out.empty() ? "" : p.timezone);
}

using base::date_text;

std::string away_text(const config::Person& p, Interval window, const Zone& zone) {
  for (const auto& a : p.away) {
    if (!local_days_span(zone, a.from, a.to).overlaps(window)) continue;
    return fmt::format("{} is away{} from {} to {}", p.name,
                       a.note.empty() ? "" : " (" + a.note + ")", date_text(a.from),
                       date_text(a.to));
  }
  return {};
}

seconds longest(const Intervals& v) {
  seconds best{0};
  for (const auto& i : v)
    best = std::max(best, i.length());
  return best;
}

bool fits(const Intervals& v, seconds d) {
  return longest(v) >= d;
}

}  // namespace

std::string explain_unavailable(const PersonState& person, Interval when, Explaining what) {
  const auto& p = *person.person;
  if (auto away = away_text(p, when, *person.zone); !away.empty()) return away;
  const auto windows = weekly_windows(p, *person.zone, when);
  if (windows.size() == 1 && windows.front() == when)
    return fmt::format("{}'s calendar is busy then", p.name);
  return fmt::format("it is {} inside {}", what == Explaining::proposal ? "not" : "no longer",
                     windows_text(p));
}

std::string explain_no_slot(const Need& need, seconds duration, const Limits& limits,
                            const Refusals& refusals, const config::Programme& programme) {
  const PairState& pair = *need.pair;
  const auto& mentor = *pair.mentor;
  const auto& mentee = *pair.mentee;
  const auto& cadence = pair.pair->agreement.cadence;
  const Period period{need.period,
                      year_month_day{floor<days>(limits.zone->local(need.period.begin))},
                      cadence.period};
  const std::string label = period.label(cadence);
  const Interval window = need_window(need, limits);
  const auto minutes_long = duration_cast<minutes>(duration).count();

  if (window.length() < duration) {
    return fmt::format("{}: too little of it is left after the {}-hour notice", label,
                       programme.scheduling.min_notice_hours);
  }
  if (refusals.candidates == 0) {
    const Interval horizon{limits.earliest, limits.horizon_end};
    const auto overlap_anywhere = intersect(weekly_windows(*mentor.person, *mentor.zone, horizon),
                                            weekly_windows(*mentee.person, *mentee.zone, horizon));
    if (overlap_anywhere.empty()) {
      return fmt::format("no overlap between {} and {} in the next {} weeks",
                         windows_text(*mentor.person), windows_text(*mentee.person),
                         programme.scheduling.horizon_weeks);
    }
    const auto overlap = clip(overlap_anywhere, window);
    if (!fits(overlap_anywhere, duration)) {
      return fmt::format(
          "{} and {} overlap for at most {} minutes, less than the {}-minute meeting",
          windows_text(*mentor.person), windows_text(*mentee.person),
          duration_cast<minutes>(longest(overlap_anywhere)).count(), minutes_long);
    }
    if (!fits(overlap, duration)) {
      return fmt::format("{}: {} and {} do not overlap for {} minutes in the part of it left",
                         label, windows_text(*mentor.person), windows_text(*mentee.person),
                         minutes_long);
    }
    for (const auto* p : {&mentor, &mentee}) {
      if (auto away = away_text(*p->person, window, *p->zone); !away.empty())
        return label + ": " + away;
    }
    return fmt::format("{}: the busy calendars of {} and {} cover every time they could meet",
                       label, mentor.person->name, mentee.person->name);
  }

  // Candidates existed: name the rule that refused most of them.
  const std::array<const PersonState*, 2> people{&mentor, &mentee};
  int most = refusals.spacing;
  std::string why =
      fmt::format("{}: every free time is within {} days of the pair's other meetings", label,
                  duration_cast<days>(pair.min_gap).count());
  if (refusals.declined > most) {
    most = refusals.declined;
    why = fmt::format("{}: the only free times left are times a partner declined", label);
  }
  for (std::size_t i = 0; i < 2; ++i) {
    const auto& name = people[i]->person->name;
    if (refusals.taken[i] > most) {
      most = refusals.taken[i];
      why = fmt::format(
          "{}: every common free time clashes with {}'s other meetings (with the {}-minute buffer)",
          label, name, programme.scheduling.buffer_minutes);
    }
    if (refusals.day_limit[i] > most) {
      most = refusals.day_limit[i];
      why = fmt::format(
          "{}: {} already has {} meetings on each day they could meet (max_meetings_per_day)",
          label, name, limits.max_per_day);
    }
    if (refusals.week_limit[i] > most) {
      most = refusals.week_limit[i];
      why = fmt::format("{}: {} reached their limit of {} meetings a week (max_meetings_per_week)",
                        label, name, people[i]->person->max_meetings_per_week.value_or(0));
    }
  }
  return why;
}

}  // namespace mentorcal::scheduler
