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

// Set the view's programme, meetings and plan; return the recorded ends.
store::PairEnds plan_into(HealthView& view, const config::Programme& file, store::Store* store,
                          scheduler::Instant now, const BusyMap* busy) {
  store::PairEnds ended;
  std::vector<config::PersonAway> away;
  std::vector<config::PersonWindows> windows;
  if (store) {
    ended = store->ended_pairs();
    away = partner_away(*store);
    windows = partner_windows(*store);
    view.meetings = store->all_meetings();
  }
  view.programme = with_partners(with_ends(file, ended), away, windows);

  std::vector<scheduler::BookedMeeting> booked;
  for (const auto& m : view.meetings) {
    if (m.status == store::MeetingStatus::booked)
      booked.push_back({m.uid, m.pair, m.when, m.first, m.makes_up});
  }
  view.plan = scheduler::plan({&view.programme, now, std::move(booked),
                               busy    ? *busy
                               : store ? busy_times(file, *store, now)
                                       : BusyMap{},
                               store::declined_times(view.meetings)});
  return ended;
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

scheduler::Plan plan_view(const config::Programme& file, store::Store* store,
                          scheduler::Instant now, const BusyMap* busy) {
  HealthView view;
  plan_into(view, file, store, now, busy);
  return std::move(view.plan);
}

}  // namespace mentorcal::app
