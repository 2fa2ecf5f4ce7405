#include "scheduler/reply_policy.h"

#include <fmt/format.h>

#include "base/ascii.h"
#include "base/time_text.h"

namespace mentorcal::scheduler {

ReplyVerdict judge_answer(const Answer& a, const AnsweredMeeting* meeting,
                          const ProposalCheck& check) {
  const auto ignored = [](std::string detail) {
    return ReplyVerdict{
        ReplyOutcome::ignored, ReplyAction::none, -1, PartStat::needs_action, {}, {},
        std::move(detail)};
  };
  if (!meeting) return ignored("the UID is not a meeting mentorcal sent");
  int who = -1;
  for (int i = 0; i < 2; ++i) {
    if (base::lower_ascii(meeting->partners[static_cast<std::size_t>(i)]) == a.attendee) who = i;
  }
  if (who < 0) return ignored(fmt::format("{} is not a partner of this meeting", a.attendee));
  if (a.from != a.attendee)
    return ignored(fmt::format("sent from {}, not by the attendee {}", a.from, a.attendee));
  if (a.sequence < meeting->sequence) {
    return {
        ReplyOutcome::stale,
        ReplyAction::none,
        who,
        PartStat::needs_action,
        {},
        {},
        fmt::format("SEQUENCE {} is older than the meeting's {}", a.sequence, meeting->sequence)};
  }
  if (!meeting->booked || !meeting->pair_known) return ignored("the meeting is no longer booked");
  const auto applied = [&](ReplyAction action, std::string detail) {
    return ReplyVerdict{ReplyOutcome::applied, action, who, PartStat::needs_action, {}, {},
                        std::move(detail)};
  };

  switch (a.method) {
    case AnswerMethod::reply: {
      const auto answer = config::enum_from<PartStat>(a.partstat);
      if (answer == PartStat::declined) {
        auto v = applied(ReplyAction::cancel,
                         "declined: cancelled for both; the next plan books another time");
        v.partstat = *answer;
        return v;
      }
      if (answer != PartStat::accepted && answer != PartStat::tentative)
        return ignored(fmt::format("PARTSTAT \"{}\" changes nothing", a.partstat));
      auto v = applied(ReplyAction::set_partstat, fmt::format("{} {}", a.attendee, a.partstat));
      v.partstat = *answer;
      return v;
    }
    case AnswerMethod::refresh:
      return applied(ReplyAction::resend, "the current invite was sent again");
    case AnswerMethod::counter: {
      if (!a.proposed_start) return ignored("a COUNTER without a proposed start");
      const Interval proposed{*a.proposed_start, a.proposed_end
                                                     ? *a.proposed_end
                                                     : *a.proposed_start + meeting->when.length()};
      auto why_not = check(proposed);
      if (why_not.empty()) {
        auto v = applied(ReplyAction::move, fmt::format("the proposed time {} was accepted",
                                                        base::rfc3339(proposed.begin)));
        v.proposed = proposed;
        return v;
      }
      auto v = applied(ReplyAction::refuse_counter, "the proposed time was refused: " + why_not);
      v.proposed = proposed;
      v.why_not = std::move(why_not);
      return v;
    }
  }
  return ignored("not an answer mentorcal acts on");
}

}  // namespace mentorcal::scheduler
