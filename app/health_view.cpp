#include "app/health_view.h"

#include <map>
#include <sstream>

#include <date/date.h>

#include "app/feeds.h"
#include "app/pair_ends.h"

namespace mentorcal::app {
namespace {

// Return the day each pair's agreement was last reviewed, as recorded by `pair review`.
std::map<std::string, config::Date, std::less<>> reviews(const config::Programme& programme,
                                                         store::Store& store) {
  std::map<std::string, config::Date, std::less<>> out;
  const auto recorded = store.settings_starting_with(review_setting(""));
  for (const auto& pair : programme.pairs) {
    const auto text = recorded.find(review_setting(pair.id));
    if (text == recorded.end()) continue;
    std::istringstream in(text->second);
    date::sys_days day;
    in >> date::parse("%F", day);
    if (!in.fail()) out.emplace(pair.id, config::Date{day});
  }
  return out;
}

// What the state adds to the file: the ends recorded by `pair end`, partners' away dates and
// weekly windows, and the meetings (none without a state).
struct StateParts {
  store::PairEnds ended;
  std::vector<config::PersonAway> away;
  std::vector<config::PersonWindows> windows;
  std::vector<store::MeetingRow> meetings;
};

StateParts read_state(store::Store* store) {
  if (!store) return {};
  return {store->ended_pairs(), partner_away(*store), partner_windows(*store),
          store->all_meetings()};
}

// Return the planner's input: `programme` (with the state's ends, away dates and windows applied),
// the booked and declined meetings among `meetings`, and `busy`.
scheduler::PlanInput plan_input(const config::Programme& programme,
                                const std::vector<store::MeetingRow>& meetings,
                                scheduler::Instant now, BusyMap busy) {
  std::vector<scheduler::BookedMeeting> booked;
  for (const auto& m : meetings) {
    if (m.status == store::MeetingStatus::booked)
      booked.push_back({m.uid, m.pair, m.when, m.first, m.makes_up});
  }
  return {&programme, now, std::move(booked), std::move(busy), store::declined_times(meetings)};
}

// Set the view's programme, meetings and plan; return the recorded ends.
store::PairEnds plan_into(HealthView& view, const config::Programme& file, store::Store* store,
                          scheduler::Instant now, const BusyMap* busy) {
  auto state = read_state(store);
  view.meetings = std::move(state.meetings);
  view.programme = with_partners(with_ends(file, state.ended), state.away, state.windows);
  view.plan = scheduler::plan(plan_input(view.programme, view.meetings, now,
                                         busy    ? *busy
                                         : store ? busy_times(file, *store, now)
                                                 : BusyMap{}));
  return std::move(state.ended);
}

}  // namespace

HealthView health_view(const config::Programme& file, store::Store* store, scheduler::Instant now,
                       const BusyMap* busy) {
  HealthView view;
  auto ended = plan_into(view, file, store, now, busy);
  std::vector<scheduler::MeetingRecord> records;
  records.reserve(view.meetings.size());
  for (const auto& m : view.meetings)
    records.push_back(store::record_of(m));
  scheduler::HealthInput input{
      &view.programme,
      now,
      std::move(records),
      &view.plan,
      std::move(ended),
      view.programme.imap.has_value(),
      std::nullopt,
      store ? reviews(view.programme, *store) : std::map<std::string, config::Date, std::less<>>{}};
  for (const auto& m : view.meetings) {
    if (!input.tracking_since || m.created < *input.tracking_since)
      input.tracking_since = m.created;
  }
  view.health = scheduler::evaluate_health(input);
  return view;
}

scheduler::Plan plan_view(config::Programme& file, store::Store* store, scheduler::Instant now,
                          BusyMap busy) {
  auto state = read_state(store);
  apply_ends(file, state.ended);
  config::add_partner_away(file, state.away);
  config::set_partner_windows(file, state.windows);
  const auto input = plan_input(file, state.meetings, now, std::move(busy));
  state = {};  // the rows are copied into the input: free them before planning
  return scheduler::plan(input);
}

}  // namespace mentorcal::app
