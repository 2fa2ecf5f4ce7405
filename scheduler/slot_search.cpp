#include "scheduler/slot_search.h"

#include <algorithm>

namespace mentorcal::scheduler {

using namespace std::chrono;

namespace {

// Return the first start at or after `t` that is on the step grid of the mentor's wall clock.
Instant align_up(Instant t, const Zone& zone, seconds step) {
  const auto local = (t.time_since_epoch() + zone.offset_at(t)).count();
  const auto rem = ((local % step.count()) + step.count()) % step.count();
  return rem == 0 ? t : t + seconds(step.count() - rem);
}

seconds distance(Instant a, Instant b) {
  return a < b ? b - a : a - b;
}

// Return the lowest possible distance from `target` of a start inside `iv`.
seconds lower_bound(const Interval& iv, Instant target) {
  if (iv.contains(target)) return seconds(0);
  return target < iv.begin ? iv.begin - target : target - iv.end;
}

}  // namespace

Interval need_window(const Need& need, const Limits& limits) {
  const auto& p = *need.pair;
  return {std::max({need.period.begin, limits.earliest, p.active.begin}),
          std::min({need.period.end, limits.horizon_end, p.active.end})};
}

std::optional<Instant> find_slot(const Need& need, seconds duration, const Limits& limits,
                                 Refusals& refusals) {
  const PairState& pair = *need.pair;
  const std::array<const PersonState*, 2> people{pair.mentor, pair.mentee};
  const Zone& mentor_zone = *pair.mentor->zone;
  const auto habit = need.soonest ? std::nullopt : pair.habit_before(need.target);
  // Keeping the usual weekday and time is worth moving this far from the ideal date.
  const seconds habit_weight = pair.ideal / 4;

  // The shared free intervals inside the window, nearest the target first. One buffer per thread:
  // a plan asks this for every meeting, hundreds of thousands of times.
  thread_local Intervals spans;
  spans.clear();
  const Interval window = need_window(need, limits);
  for (const auto& free : pair.free) {
    const Interval part{std::max(free.begin, window.begin), std::min(free.end, window.end)};
    if (!part.empty()) spans.push_back(part);
  }
  std::sort(spans.begin(), spans.end(), [&](const Interval& a, const Interval& b) {
    return std::pair(lower_bound(a, need.target), a.begin) <
           std::pair(lower_bound(b, need.target), b.begin);
  });

  std::optional<Instant> best;
  seconds best_score = seconds::max();
  for (const auto& span : spans) {
    if (lower_bound(span, need.target) > best_score) break;
    for (Instant s = align_up(span.begin, mentor_zone, limits.step); s + duration <= span.end;
         s = align_up(s + limits.step, mentor_zone, limits.step)) {
      ++refusals.candidates;
      seconds score = distance(s, need.target);
      if (habit) {
        const auto local = mentor_zone.local(s);
        const auto day = floor<days>(local);
        if (weekday{day} != habit->day) {
          score += habit_weight;
        } else if (local - day != habit->time) {
          score += habit_weight / 2;
        }
      }
      if (score > best_score || (score == best_score && best && s >= *best)) continue;

      const Interval when{s, s + duration};
      if (pair.was_declined(when)) {  // a partner said no to this time
        ++refusals.declined;
        continue;
      }
      const bool spaced =
          std::all_of(pair.meetings.begin(), pair.meetings.end(),
                      [&](const Interval& m) { return distance(m.begin, s) >= pair.min_gap; });
      if (!spaced) {
        ++refusals.spacing;
        continue;
      }
      bool ok = true;
      for (std::size_t i = 0; i < 2 && ok; ++i) {
        const PersonState& person = *people[i];
        if (!person.clear_of(when, limits.buffer)) {
          ++refusals.taken[i], ok = false;
          break;
        }
        const auto at = person.at(when);
        if (person.meetings_on_day(at.day) >= limits.max_per_day) {
          ++refusals.day_limit[i], ok = false;
        } else if (person.person->max_meetings_per_week &&
                   person.meetings_in_week(at.week()) >= *person.person->max_meetings_per_week) {
          ++refusals.week_limit[i], ok = false;
        }
      }
      if (!ok) continue;
      best = s;
      best_score = score;
    }
  }
  return best;
}

}  // namespace mentorcal::scheduler
