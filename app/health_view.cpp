#include "app/health_view.h"

#include "app/feeds.h"
#include "store/pair_events.h"

namespace mentorcal::app {

HealthView health_view(const config::Programme& file, store::Database* db, scheduler::Instant now) {
  HealthView view;
  std::map<std::string, scheduler::PairEnd, std::less<>> ended;
  if (db) {
    ended = store::ended_pairs(*db);
    view.meetings = store::all_meetings(*db);
  }
  view.programme = store::with_ends(file, ended);

  std::vector<scheduler::BookedMeeting> booked;
  std::vector<scheduler::MeetingRecord> records;
  for (const auto& m : view.meetings) {
    records.push_back(store::record_of(m));
    if (m.status == "booked") booked.push_back({m.uid, m.pair, m.when, m.first});
  }
  view.plan = scheduler::plan(
      {&view.programme, now, std::move(booked), db ? busy_times(file, *db, now) : BusyMap{}});
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

}  // namespace mentorcal::app
