#include "app/health_view.h"

#include "app/feeds.h"
#include "app/pair_ends.h"

namespace mentorcal::app {
namespace {

// Set the view's programme, meetings and plan; return the recorded ends.
store::PairEnds plan_into(HealthView& view, const config::Programme& file, store::Store* store,
                          scheduler::Instant now) {
  store::PairEnds ended;
  if (store) {
    ended = store->ended_pairs();
    view.meetings = store->all_meetings();
  }
  view.programme = with_ends(file, ended);

  std::vector<scheduler::BookedMeeting> booked;
  for (const auto& m : view.meetings) {
    if (m.status == store::MeetingStatus::booked)
      booked.push_back({m.uid, m.pair, m.when, m.first});
  }
  view.plan = scheduler::plan(
      {&view.programme, now, std::move(booked), store ? busy_times(file, *store, now) : BusyMap{}});
  return ended;
}

}  // namespace

HealthView health_view(const config::Programme& file, store::Store* store, scheduler::Instant now) {
  HealthView view;
  auto ended = plan_into(view, file, store, now);
  std::vector<scheduler::MeetingRecord> records;
  records.reserve(view.meetings.size());
  for (const auto& m : view.meetings)
    records.push_back(store::record_of(m));
  scheduler::HealthInput input{&view.programme, now,   std::move(records),
                               &view.plan,      ended, view.programme.imap.has_value(),
                               std::nullopt};
  for (const auto& m : view.meetings) {
    if (!input.tracking_since || m.created < *input.tracking_since)
      input.tracking_since = m.created;
  }
  view.health = scheduler::evaluate_health(input);
  return view;
}

scheduler::Plan plan_view(const config::Programme& file, store::Store* store,
                          scheduler::Instant now) {
  HealthView view;
  plan_into(view, file, store, now);
  return std::move(view.plan);
}

}  // namespace mentorcal::app
