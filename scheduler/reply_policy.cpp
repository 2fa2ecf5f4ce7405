#include "scheduler/reply_policy.h"

#include <fmt/format.h>

#include "base/ascii.h"
#include "base/time_text.h"

namespace mentorcal::scheduler {

std::vector<bool> effective_answers(const std::vector<AnswerOrder>& answers) {
  std::vector<bool> effective(answers.size(), true);
  const auto later = [](const AnswerOrder& a, const AnswerOrder& b) {  // b supersedes a?
    if (a.sequence != b.sequence) return b.sequence > a.sequence;
    if (a.dtstamp != b.dtstamp) return !a.dtstamp || (b.dtstamp && *b.dtstamp > *a.dtstamp);
    return true;  // same SEQUENCE and DTSTAMP: the later in the message
  };
  for (std::size_t i = 0; i < answers.size(); ++i) {
    for (std::size_t j = 0; j < answers.size() && effective[i]; ++j) {
      if (i == j || answers[i].uid != answers[j].uid) continue;
      const bool j_wins = j > i ? later(answers[i], answers[j]) : !later(answers[j], answers[i]);
      if (j_wins) effective[i] = false;
    }
  }
  return effective;
}

ReplyVerdict judge_answer(const Answer& a, const AnsweredMeeting* meeting, Instant now,
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
  if (a.sequence > meeting->sequence) {
    return {ReplyOutcome::stale,
            ReplyAction::none,
            who,
            PartStat::needs_action,
            {},
            {},
            fmt::format("SEQUENCE {} is newer than any mentorcal sent ({})", a.sequence,
                        meeting->sequence)};
  }
  if (!meeting->booked || !meeting->pair_known) return ignored("the meeting is no longer booked");
  const bool begun = meeting->when.begin <= now;
  const auto applied = [&](ReplyAction action, std::string detail) {
    return ReplyVerdict{ReplyOutcome::applied, action, who, PartStat::needs_action, {}, {},
                        std::move(detail)};
  };

  switch (a.method) {
    case AnswerMethod::reply: {
      const auto answer = config::enum_from<PartStat>(a.partstat);
      if (answer == PartStat::declined && begun) {
        return ignored(
            fmt::format("{} declined a meeting that has already taken place: recorded, "
                        "nothing changes",
                        a.attendee));
      }
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
      if (begun) return ignored("a COUNTER for a meeting that has already taken place");
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
      auto v =
          applied(ReplyAction::refuse_counter, "the proposed time was refused: " + why_not.text());
      v.proposed = proposed;
      v.why_not = std::move(why_not);
      return v;
    }
  }
  return ignored("not an answer mentorcal acts on");
}

}  // namespace mentorcal::scheduler
