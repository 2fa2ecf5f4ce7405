// Composing the messages about a meeting and queueing them in the outbox: the one way every step
// of the tick (invites, moves, cancellations, answers to replies) and the notices send mail.
#pragma once

#include <optional>
#include <span>

#include "config/programme.h"
#include "mail/compose.h"
#include "store/store.h"

namespace mentorcal::app {

// Queue `messages` in the outbox, each recorded as about `notice` (its UID, SEQUENCE and METHOD),
// or about no meeting when `notice` is null. REQUIRES: inside a transaction of `store`.
void queue_messages(store::Store& store, std::span<const mail::Outgoing> messages,
                    const mail::MeetingNotice* notice, scheduler::Instant now);

// Compose `notice` about `row` and queue it for both partners, or only for partner `only` (0 the
// mentor, 1 the mentee). A pair no longer in `programme` is written to as recorded on the row.
// REQUIRES: inside a transaction of `store`.
void queue_notice(store::Store& store, const config::Programme& programme,
                  const store::MeetingRow& row, const mail::MeetingNotice& notice,
                  scheduler::Instant now, std::optional<int> only = std::nullopt);

}  // namespace mentorcal::app
