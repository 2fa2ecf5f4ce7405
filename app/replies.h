// Acting on the partners' answers (INTEROP.md rules 13-15, the replies issue): a REPLY updates a
// partner's PARTSTAT (a DECLINE cancels the meeting for both; the next tick books a make-up), a
// COUNTER is accepted when the proposed time keeps every rule (REQUEST, SEQUENCE+1, to both) or
// refused (DECLINECOUNTER to the proposer), a REFRESH resends the current REQUEST. Nothing is
// trusted: the UID must be a meeting we sent, the attendee one of its partners, and the From:
// address that attendee; a stale SEQUENCE is recorded and not applied.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "config/programme.h"
#include "mail/reply.h"
#include "scheduler/interval.h"
#include "scheduler/reply_policy.h"
#include "store/replies.h"
#include "store/store.h"

namespace mentorcal::app {

struct ReplyEffect {
  store::ReplyOutcome outcome = store::ReplyOutcome::ignored;
  std::string detail;  // one line for the log and the replies table
  scheduler::ReplyAction action = scheduler::ReplyAction::none;  // what was done
};

// Apply every answer in `message`, each recorded in the store's replies; all in one transaction.
// `busy`: the partners' busy times, for judging a COUNTER.
std::vector<ReplyEffect> apply_reply(
    const config::Programme& programme, store::Store& store, const mail::ReadMessage& message,
    const std::map<std::string, scheduler::Intervals, std::less<>>& busy, scheduler::Instant now);

}  // namespace mentorcal::app
