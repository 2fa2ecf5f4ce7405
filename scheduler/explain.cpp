#include "scheduler/explain.h"

#include <algorithm>

#include <fmt/format.h>

#include "base/time_text.h"
#include "scheduler/availability.h"

namespace mentorcal::scheduler {

using namespace std::chrono;

namespace {

using base::Phrase;

Phrase windows_text(const config::Person& p) {
  std::string out;
  for (const auto& w : p.available)
    out += (out.empty() ? "" : ", ") + w.text();
  if (out.empty()) return Phrase("{{name}}'s windows (none)").with("name", p.name);
  return Phrase("{{name}}'s windows ({{windows}} {{zone}})")
      .with("name", p.name)
      .with("windows", out)
      .with("zone", p.timezone);
}

Phrase::Day day(config::Date d) {
  return {d, Phrase::Day::As::date};
}

Phrase away_text(const config::Person& p, Interval window, const Zone& zone) {
  for (const auto& a : p.away) {
    if (!local_days_span(zone, a.from, a.to).overlaps(window)) continue;
    if (a.note.empty()) {
      return Phrase("{{name}} is away from {{from}} to {{to}}")
          .with("name", p.name)
          .with("from", day(a.from))
          .with("to", day(a.to));
    }
    return Phrase("{{name}} is away ({{note}}) from {{from}} to {{to}}")
        .with("name", p.name)
        .with("note", a.note)
        .with("from", day(a.from))
        .with("to", day(a.to));
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

Phrase explain_unavailable(const PersonState& person, Interval when, Explaining what) {
  const auto& p = *person.person;
  if (auto away = away_text(p, when, *person.zone); !away.empty()) return away;
  const auto windows = weekly_windows(p, *person.zone, when);
  if (windows.size() == 1 && windows.front() == when)
    return Phrase("{{name}}'s calendar is busy then").with("name", p.name);
  if (what == Explaining::proposal)
    return Phrase("it is not inside {{windows}}").with("windows", windows_text(p));
  return Phrase("it is no longer inside {{windows}}").with("windows", windows_text(p));
}

Phrase explain_no_slot(const Need& need, seconds duration, const Limits& limits,
                       const Refusals& refusals, const config::Programme& programme) {
  const PairState& pair = *need.pair;
  const auto& mentor = *pair.mentor;
  const auto& mentee = *pair.mentee;
  const auto& cadence = pair.pair->agreement.cadence;
  const Period period{need.period,
                      year_month_day{floor<days>(limits.zone->local(need.period.begin))},
                      cadence.period};
  const Phrase label = period.name(cadence);
  const Interval window = need_window(need, limits);
  const auto minutes_long = duration_cast<minutes>(duration).count();

  if (window.length() < duration) {
    return Phrase("{{period}}: too little of it is left after the {{hours}}-hour notice")
        .with("period", label)
        .with("hours", programme.scheduling.min_notice_hours);
  }
  if (refusals.candidates == 0) {
    const Interval horizon{limits.earliest, limits.horizon_end};
    const auto overlap_anywhere = intersect(weekly_windows(*mentor.person, *mentor.zone, horizon),
                                            weekly_windows(*mentee.person, *mentee.zone, horizon));
    if (overlap_anywhere.empty()) {
      return Phrase("no overlap between {{mentor}} and {{mentee}} in the next {{weeks}} weeks")
          .with("mentor", windows_text(*mentor.person))
          .with("mentee", windows_text(*mentee.person))
          .with("weeks", programme.scheduling.horizon_weeks);
    }
    const auto overlap = clip(overlap_anywhere, window);
    if (!fits(overlap_anywhere, duration)) {
      return Phrase(
                 "{{mentor}} and {{mentee}} overlap for at most {{overlap}} minutes, less than "
                 "the {{minutes}}-minute meeting")
          .with("mentor", windows_text(*mentor.person))
          .with("mentee", windows_text(*mentee.person))
          .with("overlap", duration_cast<minutes>(longest(overlap_anywhere)).count())
          .with("minutes", minutes_long);
    }
    if (!fits(overlap, duration)) {
      return Phrase(
                 "{{period}}: {{mentor}} and {{mentee}} do not overlap for {{minutes}} minutes in "
                 "the part of it left")
          .with("period", label)
          .with("mentor", windows_text(*mentor.person))
          .with("mentee", windows_text(*mentee.person))
          .with("minutes", minutes_long);
    }
    for (const auto* p : {&mentor, &mentee}) {
      if (auto away = away_text(*p->person, window, *p->zone); !away.empty())
        return Phrase("{{period}}: {{away}}").with("period", label).with("away", std::move(away));
    }
    return Phrase(
               "{{period}}: the busy calendars of {{mentor}} and {{mentee}} cover every time they "
               "could meet")
        .with("period", label)
        .with("mentor", mentor.person->name)
        .with("mentee", mentee.person->name);
  }

  // Candidates existed: name the rule that refused most of them.
  const std::array<const PersonState*, 2> people{&mentor, &mentee};
  int most = refusals.spacing;
  Phrase why =
      Phrase("{{period}}: every free time is within {{days}} days of the pair's other meetings")
          .with("period", label)
          .with("days", duration_cast<days>(pair.min_gap).count());
  if (refusals.declined > most) {
    most = refusals.declined;
    why = Phrase("{{period}}: the only free times left are times a partner declined")
              .with("period", label);
  }
  for (std::size_t i = 0; i < 2; ++i) {
    const auto& name = people[i]->person->name;
    if (refusals.taken[i] > most) {
      most = refusals.taken[i];
      why = Phrase(
                "{{period}}: every common free time clashes with {{name}}'s other meetings (with "
                "the {{minutes}}-minute buffer)")
                .with("period", label)
                .with("name", name)
                .with("minutes", programme.scheduling.buffer_minutes);
    }
    if (refusals.day_limit[i] > most) {
      most = refusals.day_limit[i];
      why = Phrase(
                "{{period}}: {{name}} already has {{count}} meetings on each day they could meet "
                "(max_meetings_per_day)")
                .with("period", label)
                .with("name", name)
                .with("count", limits.max_per_day);
    }
    if (refusals.week_limit[i] > most) {
      most = refusals.week_limit[i];
      why = Phrase(
                "{{period}}: {{name}} reached their limit of {{count}} meetings a week "
                "(max_meetings_per_week)")
                .with("period", label)
                .with("name", name)
                .with("count", people[i]->person->max_meetings_per_week.value_or(0));
    }
  }
  return why;
}

}  // namespace mentorcal::scheduler
