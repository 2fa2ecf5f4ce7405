#include "app/replies.h"

#include <fmt/format.h>

#include "app/tick.h"
#include "base/ascii.h"
#include "base/time_text.h"
#include "mail/compose.h"
#include "scheduler/proposal.h"
#include "store/meetings.h"
#include "store/outbox.h"
#include "store/pair_events.h"

namespace mentorcal::app {
namespace {

using scheduler::Instant;

void record(store::Database& db, const mail::CalendarReply& r, const ReplyEffect& e, Instant now) {
  db.prepare(
        R"(INSERT INTO replies (received, meeting_uid, attendee, method, partstat, sequence, outcome, detail)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?))")
      .bind(1, now.time_since_epoch().count())
      .bind(2, r.uid)
      .bind(3, r.attendee)
      .bind(4, r.method)
      .bind(5, r.partstat)
      .bind(6, r.sequence)
      .bind(7, e.outcome)
      .bind(8, e.detail)
      .run();
}

// Queue the notice to one partner only (index 0 mentor, 1 mentee).
void send_to(store::Database& db, const config::Programme& programme, const store::MeetingRow& row,
             const mail::MeetingNotice& notice, int index, Instant now) {
  const auto* pair = programme.pair(row.pair);
  const auto messages =
      mail::compose(programme.programme, mail::view_of(programme, *pair), notice, now);
  const auto& m = messages[static_cast<std::size_t>(index)];
  store::add_to_outbox(db,
                       {m.message_id, m.recipient, row.uid, notice.sequence,
                        std::string(ical::to_string(notice.method)), m.bytes},
                       now);
}

ReplyEffect apply_one(const config::Programme& programme, store::Database& db,
                      const mail::ReadMessage& message, const mail::CalendarReply& r,
                      const std::map<std::string, scheduler::Intervals, std::less<>>& busy,
                      Instant now) {
  auto meeting = store::find_meeting(db, r.uid);
  if (!meeting) return {"ignored", "the UID is not a meeting mentorcal sent"};
  const std::array<std::string, 2> partners{meeting->mentor_email, meeting->mentee_email};
  int who = -1;
  for (int i = 0; i < 2; ++i) {
    if (base::lower_ascii(partners[i]) == r.attendee) who = i;
  }
  if (who < 0) return {"ignored", fmt::format("{} is not a partner of this meeting", r.attendee)};
  if (message.from != r.attendee) {
    return {"ignored",
            fmt::format("sent from {}, not by the attendee {}", message.from, r.attendee)};
  }
  if (r.sequence < meeting->sequence) {
    return {"stale", fmt::format("SEQUENCE {} is older than the meeting's {}", r.sequence,
                                 meeting->sequence)};
  }
  const auto* pair = programme.pair(meeting->pair);
  if (meeting->status != "booked" || !pair) return {"ignored", "the meeting is no longer booked"};
  const mail::MeetingNotice current{ical::Method::request,
                                    meeting->uid,
                                    meeting->sequence,
                                    meeting->when.begin,
                                    meeting->when.end,
                                    meeting->first,
                                    {},
                                    {}};

  if (r.method == "REPLY") {
    if (r.partstat == "DECLINED") {
      store::MeetingRow row = *meeting;
      row.partstat[static_cast<std::size_t>(who)] = "DECLINED";
      cancel_meeting(db, programme, row, "declined", fmt::format("{} declined", r.attendee), now);
      return {"applied", "declined: cancelled for both; the next plan books another time"};
    }
    if (r.partstat != "ACCEPTED" && r.partstat != "TENTATIVE") {
      return {"ignored", fmt::format("PARTSTAT \"{}\" changes nothing", r.partstat)};
    }
    store::MeetingRow row = *meeting;
    row.partstat[static_cast<std::size_t>(who)] = r.partstat;
    store::save_meeting(db, row, now);
    store::audit(db, now, "answered", row.uid, fmt::format("{} {}", r.attendee, r.partstat));
    return {"applied", fmt::format("{} {}", r.attendee, r.partstat)};
  }

  if (r.method == "REFRESH") {
    mail::MeetingNotice again = current;
    again.id_suffix = fmt::format("refresh-{}", now.time_since_epoch().count());
    send_to(db, programme, *meeting, again, who, now);
    store::audit(db, now, "refreshed", meeting->uid, r.attendee);
    return {"applied", "the current invite was sent again"};
  }

  if (r.method == "COUNTER") {
    if (!r.proposed_start) return {"ignored", "a COUNTER without a proposed start"};
    const auto length = meeting->when.length();
    const scheduler::Interval proposed{
        *r.proposed_start, r.proposed_end ? *r.proposed_end : *r.proposed_start + length};
    // Every booked meeting, this one included: check_proposal leaves it out itself.
    std::vector<scheduler::BookedMeeting> booked;
    for (const auto& m : store::booked_meetings(db))
      booked.push_back({m.uid, m.pair, m.when, m.first});
    const auto programme_now = store::with_ends(programme, store::ended_pairs(db));
    const auto why_not = scheduler::check_proposal({&programme_now, now, std::move(booked), busy},
                                                   meeting->pair, meeting->uid, proposed);
    if (why_not.empty()) {
      store::MeetingRow row = *meeting;
      row.when = proposed;
      row.sequence += 1;
      send_notice(db, programme, row, ical::Method::request, "moved",
                  fmt::format("{} proposed {}", r.attendee, base::rfc3339(proposed.begin)), now);
      return {"applied",
              fmt::format("the proposed time {} was accepted", base::rfc3339(proposed.begin))};
    }
    mail::MeetingNotice refusal = current;
    refusal.method = ical::Method::declinecounter;
    refusal.note = why_not;
    refusal.id_suffix = fmt::format("counter-{}", now.time_since_epoch().count());
    send_to(db, programme, *meeting, refusal, who, now);
    store::audit(db, now, "counter-declined", meeting->uid,
                 fmt::format("{}: {}", base::rfc3339(proposed.begin), why_not));
    return {"applied", "the proposed time was refused: " + why_not};
  }
  return {"ignored", fmt::format("METHOD {} is not an answer mentorcal acts on", r.method)};
}

}  // namespace

std::vector<ReplyEffect> apply_reply(
    const config::Programme& programme, store::Database& db, const mail::ReadMessage& message,
    const std::map<std::string, scheduler::Intervals, std::less<>>& busy, Instant now) {
  std::vector<ReplyEffect> effects;
  store::Transaction tx(db);
  for (const auto& r : message.replies) {
    auto effect = apply_one(programme, db, message, r, busy, now);
    record(db, r, effect, now);
    effects.push_back(std::move(effect));
  }
  tx.commit();
  return effects;
}

}  // namespace mentorcal::app
