// Choosing the start of one meeting: the allowed slot closest to the need's target, preferring the
// pair's usual weekday and time. Internal to scheduler/.
#pragma once

#include <array>
#include <optional>

#include "scheduler/planner_state.h"

namespace mentorcal::scheduler {

// Why the candidate starts of a need were refused; [0] is the mentor, [1] the mentee.
struct Refusals {
  int candidates = 0;          // aligned starts inside the pair's shared free time
  int spacing = 0;             // too close to another meeting of the pair
  int declined = 0;            // a time a partner declined
  std::array<int, 2> taken{};  // clashes with (or too near) another meeting of that person
  std::array<int, 2> day_limit{};
  std::array<int, 2> week_limit{};
};

// Return the span [begin, end) the need's meeting must lie in: its period, after the notice,
// before the horizon, inside the pair's active dates.
Interval need_window(const Need& need, const Limits& limits);

// Return the best start for `need`, or nullopt with the reasons in `refusals`.
std::optional<Instant> find_slot(const Need& need, std::chrono::seconds duration,
                                 const Limits& limits, Refusals& refusals);

}  // namespace mentorcal::scheduler
