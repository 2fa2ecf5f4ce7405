#include "scheduler/proposal.h"

#include <fmt/format.h>

#include "scheduler/availability.h"
#include "scheduler/explain.h"
#include "scheduler/periods.h"
#include "scheduler/planner_state.h"

namespace mentorcal::scheduler {

using namespace std::chrono;

std::string check_proposal(const PlanInput& input, const std::string& pair_id,
                           const std::string& uid, Interval proposed) {
  const auto& programme = *input.programme;
  const auto& s = programme.scheduling;
  const auto* pair = programme.pair(pair_id);
  if (!pair) return "the pair is no longer in the programme";
  if (pair->status != config::PairStatus::active)
    return fmt::format("the pair is {}", config::to_string(pair->status));
  if (proposed.empty()) return "the proposed meeting ends before it starts";
  if (proposed.length() > hours(8)) return "the proposed meeting is longer than 8 hours";
  if (proposed.begin < input.now) return "it is in the past";
  if (proposed.begin >= input.now + weeks(s.horizon_weeks)) {
    return fmt::format("it is more than {} weeks ahead, beyond the planning horizon",
                       s.horizon_weeks);
  }
  if (proposed.begin < input.now + hours(s.min_notice_hours)) {
    return fmt::format("it is less than {} hours away", s.min_notice_hours);
  }

  const Interval span{input.now - days(400), proposed.end + days(400)};
  const Zone programme_zone(programme.programme.timezone, span);
  const Interval active = active_span(*pair, programme_zone);
  if (!active.holds(proposed.begin, proposed.length())) return "it falls outside the pair's dates";

  // Each partner: their zone, open time around the proposal, and their other meetings.
  std::vector<Zone> zones;
  zones.reserve(2);
  std::array<PersonState, 2> people;
  const std::array<const config::Person*, 2> who{programme.person(pair->mentor),
                                                 programme.person(pair->mentee)};
  const Interval around{proposed.begin - days(1), proposed.end + days(1)};
  for (std::size_t i = 0; i < 2; ++i) {
    zones.emplace_back(who[i]->timezone, span);
    people[i].person = who[i];
    people[i].zone = &zones.back();
    people[i].open = subtract(weekly_windows(*who[i], zones.back(), around),
                              away_days(*who[i], zones.back(), around));
    if (const auto busy = input.busy.find(who[i]->id); busy != input.busy.end()) {
      people[i].open = subtract(people[i].open, normalized(busy->second));
    }
  }
  for (const auto& b : input.booked) {
    if (b.uid == uid) continue;
    const auto* other = programme.pair(b.pair);
    if (!other) continue;
    for (std::size_t i = 0; i < 2; ++i) {
      if (other->mentor == who[i]->id || other->mentee == who[i]->id) people[i].add(b.when);
    }
  }

  for (auto& p : people) {
    const bool open = std::any_of(p.open.begin(), p.open.end(), [&](const Interval& o) {
      return o.holds(proposed.begin, proposed.length());
    });
    if (!open) return explain_unavailable(p, proposed, Explaining::proposal);
    if (!p.clear_of(proposed, minutes(s.buffer_minutes))) {
      return fmt::format("{} has another meeting within {} minutes of it", p.person->name,
                         s.buffer_minutes);
    }
    const auto at = p.at(proposed);
    if (p.meetings_on_day(at.day) >= s.max_meetings_per_day) {
      return fmt::format("{} already has {} meetings that day", p.person->name,
                         s.max_meetings_per_day);
    }
    if (p.person->max_meetings_per_week &&
        p.meetings_in_week(at.week()) >= *p.person->max_meetings_per_week) {
      return fmt::format("{} already has {} meetings that week", p.person->name,
                         *p.person->max_meetings_per_week);
    }
  }
  const auto local = people[0].zone->local(proposed.begin);
  if (duration_cast<minutes>(local.time_since_epoch()).count() % s.slot_step_minutes != 0) {
    return fmt::format("it does not start on a {}-minute step of {}'s clock", s.slot_step_minutes,
                       who[0]->name);
  }
  const auto min_gap = ideal_interval(pair->agreement.cadence) / 3;
  for (const auto& b : input.booked) {
    if (b.pair != pair_id || b.uid == uid) continue;
    const auto gap = b.when.begin < proposed.begin ? proposed.begin - b.when.begin
                                                   : b.when.begin - proposed.begin;
    if (gap < min_gap) {
      return fmt::format("it is closer than {} days to another meeting of the pair",
                         duration_cast<days>(min_gap).count());
    }
  }
  return {};
}

}  // namespace mentorcal::scheduler
