#include "app/tick.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "app/feeds.h"
#include "app/health_view.h"
#include "app/links.h"
#include "app/notices.h"
#include "app/pair_ends.h"
#include "app/queue.h"
#include "app/reply_poll.h"
#include "base/address.h"
#include "base/log_fields.h"
#include "mail/compose.h"

namespace mentorcal::app {
namespace {

using scheduler::Instant;

std::string new_uid(const config::Programme& programme, const std::string& pair,
                    std::mt19937_64& rng) {
  const auto& organiser = programme.programme.organiser_email;
  return fmt::format("{}-{:016x}@{}", pair, rng(), base::domain_of(organiser));
}

}  // namespace

std::string summary_line(const TickReport& r, int outbox_pending) {
  const auto plural = [](int n) { return n == 1 ? "" : "s"; };
  const int cancelled = r.cancelled + r.replies.declined;
  const int retry = r.flush.retrying + r.flush.not_attempted;
  return fmt::format(
      "{} new meeting{} invited, {} moved, {} cancelled ({} ended, {} declined, {} impossible); "
      "counters: {} accepted, {} declined; replies: {} applied, {} ignored; sent {} message{}, "
      "{} to retry, {} failed; outbox: {} pending",
      r.invited, plural(r.invited), r.moved + r.replies.counters_accepted, cancelled, r.ended_pair,
      r.replies.declined, r.impossible, r.replies.counters_accepted, r.replies.counters_declined,
      r.replies.applied, r.replies.ignored, r.flush.sent, plural(r.flush.sent), retry,
      r.flush.failed, outbox_pending);
}

void send_notice(store::Store& store, const config::Programme& programme, store::MeetingRow row,
                 ical::Method method, const std::string& kind, const std::string& why,
                 Instant now) {
  if (method == ical::Method::request) {
    row.sent = now;
    row.partstat = {store::PartStat::needs_action,
                    store::PartStat::needs_action};  // a new time asks both again
  }
  store.save_meeting(row, now);
  const mail::MeetingNotice notice{method,       row.uid,   row.sequence, row.when.begin,
                                   row.when.end, row.first, {},           {}};
  queue_notice(store, programme, row, notice, now);
  store.audit(now, kind, row.uid, why);
  // A pair's story for the operator (journalctl MENTORCAL_PAIR=...); new invites are many and
  // routine, the rest are news.
  const base::LogFields fields{{base::LogFields::kPair, row.pair},
                               {base::LogFields::kUid, row.uid}};
  if (kind == "invited") {
    spdlog::debug("invited {} of {}", row.uid, row.pair);
  } else {
    spdlog::info("{} {} of {}: {}", kind, row.uid, row.pair, why);
  }
}

void cancel_meeting(store::Store& store, const config::Programme& programme, store::MeetingRow row,
                    store::CancelKind kind, const std::string& why, Instant now) {
  row.sequence += 1;
  row.status = store::MeetingStatus::cancelled;
  row.cancelled_at = now;
  row.cancel_kind = kind;
  row.cancel_reason = why;
  send_notice(store, programme, std::move(row), ical::Method::cancel, "cancelled", why, now);
}

TickReport update_meetings(const config::Programme& file, store::Store& store, Instant now,
                           std::mt19937_64& rng, BusyMap* busy_used) {
  TickReport report;
  // One read of the meetings: the booked ones (same order: by start, uid) and the declined times
  // come from it (reading the table twice was 4% of an unchanged tick at 100k pairs).
  // The booked ones and the index by UID point into it rather than copying rows (at 100k pairs,
  // ~225,000 meetings).
  const auto meetings = store.all_meetings();
  std::vector<const store::MeetingRow*> booked;
  for (const auto& m : meetings) {
    if (m.status == store::MeetingStatus::booked) booked.push_back(&m);
  }
  // `mentorcal pair end` wins over the file.
  const auto ended = store.ended_pairs();
  // Partners' away dates (their page) are added to the file's.
  const auto away = partner_away(store);
  // And their weekly windows replace the file's.
  const auto windows = partner_windows(store);
  const bool changed = !ended.empty() || !away.empty() || !windows.empty();
  const config::Programme with_state =
      changed ? with_partners(with_ends(file, ended), away, windows) : config::Programme{};
  const config::Programme& programme = changed ? with_state : file;
  std::map<std::string_view, const store::MeetingRow*> by_uid;
  for (const auto* m : booked)
    by_uid.emplace(m->uid, m);
  auto tx = store.transaction();
  if (file.web) refresh_links(store, file, now);

  // Tell both partners, record the row and the messages together, and log it.
  const auto send = [&](store::MeetingRow row, ical::Method method, const std::string& kind,
                        const std::string& why) {
    send_notice(store, programme, std::move(row), method, kind, why, now);
  };
  const auto cancel = [&](const store::MeetingRow& row, store::CancelKind cancel_kind,
                          const std::string& why) {
    cancel_meeting(store, programme, row, cancel_kind, why, now);
    ++report.cancelled;
  };

  // Future meetings of pairs that ended or left the config are cancelled.
  std::vector<scheduler::BookedMeeting> kept;
  for (const auto* booked_meeting : booked) {
    const auto& m = *booked_meeting;
    const auto* pair = programme.pair(m.pair);
    const bool gone = !pair || pair->status == config::PairStatus::ended;
    if (!gone || m.when.begin < now) {
      kept.push_back({m.uid, m.pair, m.when, m.first, m.makes_up});
      continue;
    }
    if (pair) {
      cancel(m, store::CancelKind::ended, "the pair ended");
    } else {
      cancel(m, store::CancelKind::removed, "the pair left the config");
    }
    ++report.ended_pair;
  }

  scheduler::PlanInput input{&programme, now, std::move(kept), busy_times(programme, store, now),
                             // read before the cancels above, which are never declined ones
                             store::declined_times(meetings)};
  const auto plan = scheduler::plan(input);
  // The busy times go on to the health view (moved, not copied: at 100k pairs they are large).
  if (busy_used) *busy_used = std::move(input.busy);
  for (const auto& m : plan.meetings) {
    if (m.moved) {
      // Same UID, SEQUENCE+1, the new time: calendars update the event in place.
      store::MeetingRow row = *by_uid.at(*m.uid);
      row.sequence += 1;
      row.when = m.when;
      const auto& why = std::find_if(plan.moved.begin(), plan.moved.end(), [&](const auto& d) {
                          return d.uid == row.uid;
                        })->reason;
      send(std::move(row), ical::Method::request, "moved", why);
      ++report.moved;
      continue;
    }
    if (m.uid) continue;
    const auto view = mail::view_of(programme, *programme.pair(m.pair));
    store::MeetingRow row;
    row.uid = new_uid(programme, m.pair, rng);
    row.pair = m.pair;
    row.mentor_name = view.mentor.name;
    row.mentor_email = view.mentor.email;
    row.mentee_name = view.mentee.name;
    row.mentee_email = view.mentee.email;
    row.when = m.when;
    row.first = m.first;
    row.makes_up = m.makes_up;
    // A late make-up's reason goes to the audit log with it.
    send(std::move(row), ical::Method::request, "invited",
         m.note.empty() ? m.pair : m.pair + ": " + m.note);
    ++report.invited;
  }
  for (const auto& d : plan.cancelled) {
    cancel(*by_uid.at(d.uid), store::CancelKind::impossible, d.reason);
    ++report.impossible;
  }
  tx.commit();
  report.unscheduled = plan.unscheduled;
  return report;
}

TickReport run_tick(const config::Programme& programme, store::Store& store, const TickIo& io,
                    Instant now, std::mt19937_64& rng, const std::atomic<bool>& stop) {
  refresh_feeds(programme, store, io.feeds, now);
  BusyMap busy;
  auto report = update_meetings(programme, store, now, rng, &busy);
  // Answers change meetings (a decline frees the slot for the next tick, a COUNTER moves one).
  report.replies = poll_replies(programme, store, io.mailbox, now);
  // The health of the state just written decides the digest and the nudges. It plans with the
  // busy times the tick planned with rather than reading every feed again: the copies are the
  // same (refreshed above), and the meetings this tick added, whose events do not count as busy,
  // have new UIDs that no copy fetched before them can hold.
  report.health = std::make_shared<const HealthView>(health_view(programme, &store, now, &busy));
  const auto notices = queue_notices(*report.health, store, now);
  report.digests = notices.digests;
  report.nudges = notices.nudges;
  report.letters = notices.letters;
  report.flush = flush_outbox(store, io.transport, programme.programme.organiser_email, now,
                              RetryPolicy{}, rng, stop);
  return report;
}

}  // namespace mentorcal::app
