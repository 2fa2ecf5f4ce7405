#include "app/tick.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "app/feeds.h"
#include "app/health_view.h"
#include "app/notices.h"
#include "app/reply_poll.h"
#include "mail/compose.h"
#include "store/meetings.h"
#include "store/pair_events.h"

namespace mentorcal::app {
namespace {

using scheduler::Instant;

std::string new_uid(const config::Programme& programme, const std::string& pair,
                    std::mt19937_64& rng) {
  const auto& organiser = programme.programme.organiser_email;
  return fmt::format("{}-{:016x}@{}", pair, rng(), organiser.substr(organiser.rfind('@') + 1));
}

// The pair as recorded on its meeting, for a pair that is no longer in the config.
mail::PairView view_of_row(const config::Programme& programme, const store::MeetingRow& m) {
  const auto zone = [&](const std::string& email) {
    for (const auto& p : programme.people) {
      if (p.email == email) return p.timezone;
    }
    return programme.programme.timezone;
  };
  return {m.pair,
          {m.mentor_name, m.mentor_email, zone(m.mentor_email)},
          {m.mentee_name, m.mentee_email, zone(m.mentee_email)},
          programme.agreement};
}

void queue(store::Database& db, const std::vector<mail::Outgoing>& messages,
           const mail::MeetingNotice& notice, Instant now) {
  for (const auto& m : messages) {
    store::add_to_outbox(db,
                         {m.message_id, m.recipient, notice.uid, notice.sequence,
                          std::string(ical::to_string(notice.method)), m.bytes},
                         now);
  }
}

}  // namespace

void send_notice(store::Database& db, const config::Programme& programme, store::MeetingRow row,
                 ical::Method method, const std::string& kind, const std::string& why,
                 Instant now) {
  const auto* pair = programme.pair(row.pair);
  if (method == ical::Method::request) {
    row.sent = now;
    row.partstat = {"NEEDS-ACTION", "NEEDS-ACTION"};  // a new time asks both again
  }
  store::save_meeting(db, row, now);
  const mail::MeetingNotice notice{method,       row.uid,   row.sequence, row.when.begin,
                                   row.when.end, row.first, {},           {}};
  const auto view = pair ? mail::view_of(programme, *pair) : view_of_row(programme, row);
  queue(db, mail::compose(programme.programme, view, notice, now), notice, now);
  store::audit(db, now, kind, row.uid, why);
}

void cancel_meeting(store::Database& db, const config::Programme& programme, store::MeetingRow row,
                    const std::string& kind, const std::string& why, Instant now) {
  row.sequence += 1;
  row.status = "cancelled";
  row.cancelled_at = now;
  row.cancel_kind = kind;
  row.cancel_reason = why;
  send_notice(db, programme, std::move(row), ical::Method::cancel, "cancelled", why, now);
}

TickReport update_meetings(const config::Programme& file, store::Database& db, Instant now,
                           std::mt19937_64& rng) {
  TickReport report;
  const auto booked = store::booked_meetings(db);
  // `mentorcal pair end` wins over the file.
  const auto ended = store::ended_pairs(db);
  const config::Programme with_state =
      ended.empty() ? config::Programme{} : store::with_ends(file, ended);
  const config::Programme& programme = ended.empty() ? file : with_state;
  std::map<std::string, store::MeetingRow, std::less<>> by_uid;
  for (const auto& m : booked)
    by_uid.emplace(m.uid, m);
  store::Transaction tx(db);

  // Tell both partners, record the row and the messages together, and log it.
  const auto send = [&](store::MeetingRow row, ical::Method method, const std::string& kind,
                        const std::string& why) {
    send_notice(db, programme, std::move(row), method, kind, why, now);
  };
  const auto cancel = [&](const store::MeetingRow& row, const std::string& cancel_kind,
                          const std::string& why) {
    cancel_meeting(db, programme, row, cancel_kind, why, now);
    ++report.cancelled;
  };

  // Future meetings of pairs that ended or left the config are cancelled.
  std::vector<scheduler::BookedMeeting> kept;
  for (const auto& m : booked) {
    const auto* pair = programme.pair(m.pair);
    const bool gone = !pair || pair->status == config::PairStatus::ended;
    if (!gone || m.when.begin < now) {
      kept.push_back({m.uid, m.pair, m.when, m.first});
      continue;
    }
    if (pair) {
      cancel(m, "ended", "the pair ended");
    } else {
      cancel(m, "removed", "the pair left the config");
    }
  }

  const auto plan =
      scheduler::plan({&programme, now, std::move(kept), busy_times(programme, db, now)});
  for (const auto& m : plan.meetings) {
    if (m.moved) {
      // Same UID, SEQUENCE+1, the new time: calendars update the event in place.
      store::MeetingRow row = by_uid.at(*m.uid);
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
    send(std::move(row), ical::Method::request, "invited", m.pair);
    ++report.invited;
  }
  for (const auto& d : plan.cancelled)
    cancel(by_uid.at(d.uid), "impossible", d.reason);
  tx.commit();
  report.unscheduled = plan.unscheduled;
  return report;
}

TickReport run_tick(const config::Programme& programme, store::Database& db,
                    net::Transport& transport, Instant now, std::mt19937_64& rng,
                    const std::atomic<bool>& stop) {
  refresh_feeds(programme, db, now);
  auto report = update_meetings(programme, db, now, rng);
  // Answers change meetings (a decline frees the slot for the next tick, a COUNTER moves one).
  report.replies = poll_replies(programme, db, now);
  // The health of the state just written decides the digest and the nudges.
  const auto notices = queue_notices(health_view(programme, &db, now), db, now);
  report.digests = notices.digests;
  report.nudges = notices.nudges;
  report.flush = store::flush_outbox(db, transport, programme.programme.organiser_email, now,
                                     store::RetryPolicy{}, rng, stop);
  return report;
}

}  // namespace mentorcal::app
