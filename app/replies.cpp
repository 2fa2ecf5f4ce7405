#include "app/replies.h"

#include <fmt/format.h>

#include "app/pair_ends.h"
#include "app/queue.h"
#include "app/tick.h"
#include "base/ascii.h"
#include "base/time_text.h"
#include "config/enum_names.h"
#include "mail/compose.h"
#include "scheduler/proposal.h"
#include "store/names.h"

namespace mentorcal::app {
namespace {

using scheduler::Instant;

using store::ReplyOutcome;

ReplyEffect apply_one(const config::Programme& programme, store::Store& store,
                      const mail::ReadMessage& message, const mail::CalendarReply& r,
                      const std::map<std::string, scheduler::Intervals, std::less<>>& busy,
                      Instant now) {
  auto meeting = store.find_meeting(r.uid);
  if (!meeting) return {ReplyOutcome::ignored, "the UID is not a meeting mentorcal sent"};
  const std::array<std::string, 2> partners{meeting->mentor_email, meeting->mentee_email};
  int who = -1;
  for (int i = 0; i < 2; ++i) {
    if (base::lower_ascii(partners[i]) == r.attendee) who = i;
  }
  if (who < 0) {
    return {ReplyOutcome::ignored, fmt::format("{} is not a partner of this meeting", r.attendee)};
  }
  if (message.from != r.attendee) {
    return {ReplyOutcome::ignored,
            fmt::format("sent from {}, not by the attendee {}", message.from, r.attendee)};
  }
  if (r.sequence < meeting->sequence) {
    return {ReplyOutcome::stale, fmt::format("SEQUENCE {} is older than the meeting's {}",
                                             r.sequence, meeting->sequence)};
  }
  const auto* pair = programme.pair(meeting->pair);
  if (meeting->status != store::MeetingStatus::booked || !pair) {
    return {ReplyOutcome::ignored, "the meeting is no longer booked"};
  }
  const mail::MeetingNotice current{ical::Method::request,
                                    meeting->uid,
                                    meeting->sequence,
                                    meeting->when.begin,
                                    meeting->when.end,
                                    meeting->first,
                                    {},
                                    {}};

  if (r.method == "REPLY") {
    const auto answer = config::enum_from<store::PartStat>(r.partstat);
    if (answer == store::PartStat::declined) {
      store::MeetingRow row = *meeting;
      row.partstat[static_cast<std::size_t>(who)] = *answer;
      cancel_meeting(store, programme, row, store::CancelKind::declined,
                     fmt::format("{} declined", r.attendee), now);
      return {ReplyOutcome::applied,
              "declined: cancelled for both; the next plan books another time"};
    }
    if (answer != store::PartStat::accepted && answer != store::PartStat::tentative) {
      return {ReplyOutcome::ignored, fmt::format("PARTSTAT \"{}\" changes nothing", r.partstat)};
    }
    store::MeetingRow row = *meeting;
    row.partstat[static_cast<std::size_t>(who)] = *answer;
    store.save_meeting(row, now);
    store.audit(now, "answered", row.uid, fmt::format("{} {}", r.attendee, r.partstat));
    return {ReplyOutcome::applied, fmt::format("{} {}", r.attendee, r.partstat)};
  }

  if (r.method == "REFRESH") {
    mail::MeetingNotice again = current;
    again.id_suffix = fmt::format("refresh-{}", now.time_since_epoch().count());
    queue_notice(store, programme, *meeting, again, now, who);
    store.audit(now, "refreshed", meeting->uid, r.attendee);
    return {ReplyOutcome::applied, "the current invite was sent again"};
  }

  if (r.method == "COUNTER") {
    if (!r.proposed_start) return {ReplyOutcome::ignored, "a COUNTER without a proposed start"};
    const auto length = meeting->when.length();
    const scheduler::Interval proposed{
        *r.proposed_start, r.proposed_end ? *r.proposed_end : *r.proposed_start + length};
    // Every booked meeting, this one included: check_proposal leaves it out itself.
    std::vector<scheduler::BookedMeeting> booked;
    for (const auto& m : store.booked_meetings())
      booked.push_back({m.uid, m.pair, m.when, m.first});
    const auto programme_now = with_ends(programme, store.ended_pairs());
    const auto why_not = scheduler::check_proposal({&programme_now, now, std::move(booked), busy},
                                                   meeting->pair, meeting->uid, proposed);
    if (why_not.empty()) {
      store::MeetingRow row = *meeting;
      row.when = proposed;
      row.sequence += 1;
      send_notice(store, programme, row, ical::Method::request, "moved",
                  fmt::format("{} proposed {}", r.attendee, base::rfc3339(proposed.begin)), now);
      return {ReplyOutcome::applied,
              fmt::format("the proposed time {} was accepted", base::rfc3339(proposed.begin))};
    }
    mail::MeetingNotice refusal = current;
    refusal.method = ical::Method::declinecounter;
    refusal.note = why_not;
    refusal.id_suffix = fmt::format("counter-{}", now.time_since_epoch().count());
    queue_notice(store, programme, *meeting, refusal, now, who);
    store.audit(now, "counter-declined", meeting->uid,
                fmt::format("{}: {}", base::rfc3339(proposed.begin), why_not));
    return {ReplyOutcome::applied, "the proposed time was refused: " + why_not};
  }
  return {ReplyOutcome::ignored,
          fmt::format("METHOD {} is not an answer mentorcal acts on", r.method)};
}

}  // namespace

std::vector<ReplyEffect> apply_reply(
    const config::Programme& programme, store::Store& store, const mail::ReadMessage& message,
    const std::map<std::string, scheduler::Intervals, std::less<>>& busy, Instant now) {
  std::vector<ReplyEffect> effects;
  auto tx = store.transaction();
  for (const auto& r : message.replies) {
    auto effect = apply_one(programme, store, message, r, busy, now);
    store.record_reply(
        {now, r.uid, r.attendee, r.method, r.partstat, r.sequence, effect.outcome, effect.detail});
    effects.push_back(std::move(effect));
  }
  tx.commit();
  return effects;
}

}  // namespace mentorcal::app
