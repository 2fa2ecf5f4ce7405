#include "scheduler/planner_state.h"

#include <algorithm>

namespace mentorcal::scheduler {

using namespace std::chrono;

PersonMeeting PersonState::at(Interval when) const {
  const auto day = floor<days>(zone->local(when.begin)).time_since_epoch().count();
  return {when.begin, static_cast<std::int32_t>(when.length().count()),
          static_cast<std::int32_t>(day)};
}

void PersonState::add(Interval when) {
  const auto m = at(when);
  const auto pos = std::upper_bound(meetings.begin(), meetings.end(), when.begin,
                                    [](Instant t, const PersonMeeting& x) { return t < x.begin; });
  meetings.insert(pos, m);
}

int PersonState::meetings_on_day(std::int32_t day) const {
  return static_cast<int>(
      std::count_if(meetings.begin(), meetings.end(), [&](const auto& m) { return m.day == day; }));
}

int PersonState::meetings_in_week(std::int32_t week) const {
  return static_cast<int>(std::count_if(meetings.begin(), meetings.end(),
                                        [&](const auto& m) { return m.week() == week; }));
}

bool PersonState::clear_of(Interval when, seconds buffer) const {
  const Interval widened{when.begin - buffer, when.end + buffer};
  return std::none_of(meetings.begin(), meetings.end(),
                      [&](const auto& m) { return m.when().overlaps(widened); });
}

void PairState::add(Interval when, bool first, std::optional<Instant> counts_at) {
  const auto pos = std::upper_bound(meetings.begin(), meetings.end(), when.begin,
                                    [](Instant t, const Interval& x) { return t < x.begin; });
  if (first) first_start = when.begin;
  meetings.insert(pos, when);
  counted_at.push_back(counts_at.value_or(when.begin));
  if (counts_at) made_up.push_back(*counts_at);
}

std::optional<Instant> PairState::declined_without_make_up(Interval period) const {
  std::optional<Instant> out;
  for (const auto& d : declined) {
    if (!period.contains(d.begin) ||
        std::find(made_up.begin(), made_up.end(), d.begin) != made_up.end())
      continue;
    if (!out || d.begin < *out) out = d.begin;
  }
  return out;
}

std::optional<Habit> PairState::habit_before(Instant t) const {
  for (std::size_t i = meetings.size(); i-- > 0;) {
    if (meetings[i].begin >= t || meetings[i].begin == first_start) continue;
    const auto local = mentor->zone->local(meetings[i].begin);
    const auto day = floor<days>(local);
    const Habit habit{weekday{day}, duration_cast<minutes>(local - day)};
    const auto declined_at_habit = std::count_if(declined.begin(), declined.end(), [&](auto d) {
      const auto l = mentor->zone->local(d.begin);
      const auto dd = floor<days>(l);
      return weekday{dd} == habit.day && duration_cast<minutes>(l - dd) == habit.time;
    });
    if (declined_at_habit >= 2) return std::nullopt;
    return habit;
  }
  return std::nullopt;
}

bool PairState::was_declined(Interval when) const {
  return std::any_of(declined.begin(), declined.end(),
                     [&](const Interval& d) { return d.begin < when.end && when.begin < d.end; });
}

}  // namespace mentorcal::scheduler
