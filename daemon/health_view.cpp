#include "daemon/health_view.h"

#include "daemon/feeds.h"
#include "daemon/pair_events.h"

namespace mentorcal::daemon {

scheduler::MeetingRecord health_record(const MeetingRow& row) {
  scheduler::MeetingRecord r;
  r.pair = row.pair;
  r.when = row.when;
  r.cancelled = row.status == "cancelled";
  r.cancelled_at = row.cancelled_at;
  // The pair ending or leaving the file is no sign of trouble; declines and lost slots are.
  r.trouble = r.cancelled && (row.cancel_kind == "declined" || row.cancel_kind == "impossible");
  r.partstat = row.partstat;
  r.sent = row.sent;
  return r;
}

HealthView health_view(const config::Programme& file, Database* db, scheduler::Instant now) {
  HealthView view;
  std::map<std::string, scheduler::PairEnd, std::less<>> ended;
  if (db) {
    ended = ended_pairs(*db);
    view.meetings = all_meetings(*db);
  }
  view.programme = with_ends(file, ended);

  std::vector<scheduler::BookedMeeting> booked;
  std::vector<scheduler::MeetingRecord> records;
  for (const auto& m : view.meetings) {
    records.push_back(health_record(m));
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

}  // namespace mentorcal::daemon
