#include "app/replies.h"

#include <fmt/format.h>

#include "app/pair_ends.h"
#include "app/queue.h"
#include "app/tick.h"
#include "base/time_text.h"
#include "config/enum_names.h"
#include "mail/compose.h"
#include "scheduler/proposal.h"
#include "scheduler/reply_policy.h"
#include "store/names.h"

namespace mentorcal::app {
namespace {

using scheduler::Instant;

using store::ReplyOutcome;

ReplyEffect apply_one(const config::Programme& programme, store::Store& store,
                      const mail::ReadMessage& message, const mail::CalendarReply& r,
                      const std::map<std::string, scheduler::Intervals, std::less<>>& busy,
                      Instant now) {
  const auto meeting = store.find_meeting(r.uid);
  std::optional<scheduler::AnsweredMeeting> answered;
  if (meeting) {
    answered = scheduler::AnsweredMeeting{{meeting->mentor_email, meeting->mentee_email},
                                          meeting->sequence,
                                          meeting->status == store::MeetingStatus::booked,
                                          programme.pair(meeting->pair) != nullptr,
                                          meeting->when};
  }
  // The reader passes on only the methods mentorcal acts on (ical/itip_answer.h).
  const auto method = config::enum_from<scheduler::AnswerMethod>(r.method);
  if (!method) {
    return {store::ReplyOutcome::ignored,
            fmt::format("METHOD {} is not an answer mentorcal acts on", r.method)};
  }
  const scheduler::Answer answer{*method,    r.attendee,       message.from,   r.sequence,
                                 r.partstat, r.proposed_start, r.proposed_end, r.dtstamp};
  // A COUNTER is judged against every booked meeting, this one included (check_proposal leaves
  // it out itself), with the recorded ends applied.
  const auto check = [&](scheduler::Interval proposed) {
    std::vector<scheduler::BookedMeeting> booked;
    for (const auto& m : store.booked_meetings())
      booked.push_back({m.uid, m.pair, m.when, m.first, m.makes_up});
    const auto programme_now = with_ends(programme, store.ended_pairs());
    return scheduler::check_proposal({&programme_now, now, std::move(booked), busy, {}},
                                     meeting->pair, meeting->uid, proposed);
  };
  const auto verdict = scheduler::judge_answer(answer, answered ? &*answered : nullptr, now, check);
  const auto who = verdict.partner;
  const auto notice = [&](ical::Method method, std::string id_suffix) {
    mail::MeetingNotice n{
        method,         meeting->uid, meeting->sequence,   meeting->when.begin, meeting->when.end,
        meeting->first, {},           std::move(id_suffix)};
    return n;
  };

  switch (verdict.action) {
    case scheduler::ReplyAction::none:
      break;
    case scheduler::ReplyAction::cancel: {
      // Declining a time they had accepted calls off an appointment; declining one they never
      // accepted only turns down a proposal (scheduler/health.h counts the first kind only).
      store::MeetingRow row = *meeting;
      auto& answer = row.partstat[static_cast<std::size_t>(who)];
      const bool had_accepted = answer == store::PartStat::accepted;
      answer = verdict.partstat;
      cancel_meeting(store, programme, row,
                     had_accepted ? store::CancelKind::withdrawn : store::CancelKind::declined,
                     fmt::format("{} declined{}", r.attendee,
                                 had_accepted ? " a meeting they had accepted" : ""),
                     now);
      break;
    }
    case scheduler::ReplyAction::set_partstat: {
      store::MeetingRow row = *meeting;
      row.partstat[static_cast<std::size_t>(who)] = verdict.partstat;
      store.save_meeting(row, now);
      store.audit(now, "answered", row.uid, fmt::format("{} {}", r.attendee, r.partstat));
      break;
    }
    case scheduler::ReplyAction::resend:
      queue_notice(
          store, programme, *meeting,
          notice(ical::Method::request, fmt::format("refresh-{}", now.time_since_epoch().count())),
          now, who);
      store.audit(now, "refreshed", meeting->uid, r.attendee);
      break;
    case scheduler::ReplyAction::move: {
      store::MeetingRow row = *meeting;
      row.when = verdict.proposed;
      row.sequence += 1;
      send_notice(store, programme, row, ical::Method::request, "moved",
                  fmt::format("{} proposed {}", r.attendee, base::rfc3339(verdict.proposed.begin)),
                  now);
      break;
    }
    case scheduler::ReplyAction::refuse_counter: {
      auto refusal = notice(ical::Method::declinecounter,
                            fmt::format("counter-{}", now.time_since_epoch().count()));
      refusal.note = verdict.why_not;
      queue_notice(store, programme, *meeting, refusal, now, who);
      store.audit(
          now, "counter-declined", meeting->uid,
          fmt::format("{}: {}", base::rfc3339(verdict.proposed.begin), verdict.why_not.text()));
      break;
    }
  }
  return {verdict.outcome, verdict.detail, verdict.action};
}

}  // namespace

std::vector<ReplyEffect> apply_reply(
    const config::Programme& programme, store::Store& store, const mail::ReadMessage& message,
    const std::map<std::string, scheduler::Intervals, std::less<>>& busy, Instant now) {
  std::vector<ReplyEffect> effects;
  std::vector<scheduler::AnswerOrder> order;
  for (const auto& r : message.replies)
    order.push_back({r.uid, r.sequence, r.dtstamp});
  const auto effective = scheduler::effective_answers(order);
  auto tx = store.transaction();
  for (std::size_t i = 0; i < message.replies.size(); ++i) {
    const auto& r = message.replies[i];
    auto effect = effective[i]
                      ? apply_one(programme, store, message, r, busy, now)
                      : ReplyEffect{store::ReplyOutcome::ignored,
                                    "a later answer in the same message for this meeting counts",
                                    scheduler::ReplyAction::none};
    store.record_reply(
        {now, r.uid, r.attendee, r.method, r.partstat, r.sequence, effect.outcome, effect.detail});
    effects.push_back(std::move(effect));
  }
  tx.commit();
  return effects;
}

}  // namespace mentorcal::app
