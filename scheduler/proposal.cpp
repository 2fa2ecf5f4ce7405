#include "scheduler/proposal.h"

#include <fmt/format.h>

#include "scheduler/availability.h"
#include "scheduler/explain.h"
#include "scheduler/periods.h"
#include "scheduler/planner_state.h"

namespace mentorcal::scheduler {

using namespace std::chrono;

base::Phrase check_proposal(const PlanInput& input, const std::string& pair_id,
                            const std::string& uid, Interval proposed) {
  const auto& programme = *input.programme;
  const auto& s = programme.scheduling;
  const auto* pair = programme.pair(pair_id);
  if (!pair) return base::Phrase("the pair is no longer in the programme");
  if (pair->status != config::PairStatus::active)
    return base::Phrase("the pair is {{status}}")
        .with("status", std::string(config::to_string(pair->status)));
  if (proposed.empty()) return base::Phrase("the proposed meeting ends before it starts");
  if (proposed.length() > hours(8))
    return base::Phrase("the proposed meeting is longer than 8 hours");
  if (proposed.begin < input.now) return base::Phrase("it is in the past");
  if (proposed.begin >= input.now + weeks(s.horizon_weeks)) {
    return base::Phrase("it is more than {{weeks}} weeks ahead, beyond the planning horizon")
        .with("weeks", s.horizon_weeks);
  }
  if (proposed.begin < input.now + hours(s.min_notice_hours)) {
    return base::Phrase("it is less than {{hours}} hours away").with("hours", s.min_notice_hours);
  }

  const Interval span{input.now - days(400), proposed.end + days(400)};
  const Zone programme_zone(programme.programme.timezone, span);
  const Interval active = active_span(*pair, programme_zone);
  if (!active.holds(proposed.begin, proposed.length()))
    return base::Phrase("it falls outside the pair's dates");

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
      return base::Phrase("{{name}} has another meeting within {{minutes}} minutes of it")
          .with("name", p.person->name)
          .with("minutes", s.buffer_minutes);
    }
    const auto at = p.at(proposed);
    if (p.meetings_on_day(at.day) >= s.max_meetings_per_day) {
      return base::Phrase("{{name}} already has {{count}} meetings that day")
          .with("name", p.person->name)
          .with("count", s.max_meetings_per_day);
    }
    if (p.person->max_meetings_per_week &&
        p.meetings_in_week(at.week()) >= *p.person->max_meetings_per_week) {
      return base::Phrase("{{name}} already has {{count}} meetings that week")
          .with("name", p.person->name)
          .with("count", *p.person->max_meetings_per_week);
    }
  }
  const auto local = people[0].zone->local(proposed.begin);
  if (duration_cast<minutes>(local.time_since_epoch()).count() % s.slot_step_minutes != 0) {
    return base::Phrase("it does not start on a {{minutes}}-minute step of {{name}}'s clock")
        .with("minutes", s.slot_step_minutes)
        .with("name", who[0]->name);
  }
  const auto min_gap = ideal_interval(pair->agreement.cadence) / 3;
  for (const auto& b : input.booked) {
    if (b.pair != pair_id || b.uid == uid) continue;
    const auto gap = b.when.begin < proposed.begin ? proposed.begin - b.when.begin
                                                   : b.when.begin - proposed.begin;
    if (gap < min_gap) {
      return base::Phrase("it is closer than {{days}} days to another meeting of the pair")
          .with("days", duration_cast<days>(min_gap).count());
    }
  }
  return {};
}

}  // namespace mentorcal::scheduler
