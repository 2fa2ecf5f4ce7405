// What a partner's answer does to a meeting (INTEROP.md rules 13-15): the policy, apart from the
// mail that carried it and the state it changes. Pure: the caller reads the answer, finds the
// meeting it names, and carries out the verdict (records, cancels, sends).
#pragma once

#include <array>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "base/phrase.h"
#include "scheduler/interval.h"
#include "scheduler/meeting_state.h"

namespace mentorcal::scheduler {

// One iTIP answer as read from a message (ical::CalendarReply, with the message's From:).
struct Answer {
  AnswerMethod method = AnswerMethod::reply;
  std::string attendee;  // the answering attendee's address, lower-cased
  std::string from;      // the message's From: address, lower-cased
  int sequence = 0;
  std::string partstat;  // REPLY: as the message says it (ACCEPTED, DECLINED, ..., or anything)
  std::optional<Instant> proposed_start, proposed_end;  // COUNTER
  std::optional<Instant> dtstamp;                       // when the answer was written, if said
};

// The meeting the answer names, as mentorcal sent it.
struct AnsweredMeeting {
  std::array<std::string, 2> partners;  // mentor's and mentee's addresses, as sent
  int sequence = 0;                     // the SEQUENCE last sent
  bool booked = false;                  // not cancelled
  bool pair_known = false;              // its pair is still in the programme
  Interval when;
};

enum class ReplyAction {
  none,            // record the answer, change nothing
  set_partstat,    // record the partner's ACCEPTED or TENTATIVE
  cancel,          // the partner declined: cancel for both (the next plan books another time)
  resend,          // REFRESH: send the partner the current invite again
  move,            // COUNTER accepted: the meeting moves to `proposed` (SEQUENCE+1, to both)
  refuse_counter,  // COUNTER refused: DECLINECOUNTER to the partner, saying `why_not`
};

struct ReplyVerdict {
  ReplyOutcome outcome = ReplyOutcome::ignored;
  ReplyAction action = ReplyAction::none;
  int partner = -1;  // 0 mentor, 1 mentee: who answered (when the answer is theirs)
  PartStat partstat = PartStat::needs_action;  // set_partstat, cancel: the partner's answer
  Interval proposed;                           // move, refuse_counter
  base::Phrase why_not;  // refuse_counter: why the proposed time does not work
  std::string detail;    // one line for the log and the replies table
};

// Return "" when a proposed time keeps every rule for this meeting, else why not
// (scheduler::check_proposal with the programme's current state).
using ProposalCheck = std::function<base::Phrase(Interval proposed)>;

// Judge `answer` to `meeting` (null: the UID is not a meeting mentorcal sent) at `now`. Nothing is
// trusted: the attendee must be one of the meeting's partners and the From: address that
// attendee; a SEQUENCE other than the meeting's (older: stale; newer: never sent) is recorded and
// not applied. A DECLINE or COUNTER of a meeting that has begun is recorded and changes nothing.
// `check` is called for a COUNTER only.
ReplyVerdict judge_answer(const Answer& answer, const AnsweredMeeting* meeting, Instant now,
                          const ProposalCheck& check);

// One answer of a message, as far as choosing among several for the same meeting goes.
struct AnswerOrder {
  std::string uid;
  int sequence = 0;
  std::optional<Instant> dtstamp;  // an answer without one counts as older than one with it
};

// Return, for each answer of one message (in message order), whether it is the one that counts for
// its UID: the last by SEQUENCE, then DTSTAMP, then place in the message. The others are recorded
// and not applied, so one message changes a meeting at most once.
std::vector<bool> effective_answers(const std::vector<AnswerOrder>& answers);

}  // namespace mentorcal::scheduler
