// One tick of the daemon (DESIGN.md §2): plan with the booked meetings fixed, turn the difference
// into invites and cancellations written to the outbox in the same transaction as the meeting
// rows, then flush the outbox.
#pragma once

#include <atomic>
#include <memory>
#include <random>
#include <vector>

#include "app/health_view.h"
#include "app/outbox_flush.h"
#include "app/reply_poll.h"
#include "config/programme.h"
#include "ical/invite.h"
#include "net/feed_source.h"
#include "net/transport.h"
#include "scheduler/plan.h"
#include "store/store.h"

namespace mentorcal::app {

struct TickReport {
  int invited = 0;     // new meetings sent
  int moved = 0;       // booked meetings that became impossible, sent again at a new time
  int cancelled = 0;   // meetings cancelled by the plan (ended_pair + impossible)
  int ended_pair = 0;  // of those: the pair ended or left the config
  int impossible = 0;  // of those: impossible with no new time
  PollReport replies;  // answers read over IMAP
  int digests = 0;     // admin digest messages queued
  int nudges = 0;      // nudge messages queued
  int letters = 0;     // closing and "continue?" letters queued
  std::vector<scheduler::Unscheduled> unscheduled;
  FlushReport flush;
  // The programme's health as the tick evaluated it, after the replies (run_tick only).
  std::shared_ptr<const HealthView> health;
};

// Return the one-line summary of a tick that `run --once` prints: meetings booked, moved and
// cancelled by reason, counters accepted and declined, replies applied and ignored, and delivery.
std::string summary_line(const TickReport& report, int outbox_pending);

// Record `row` and queue its REQUEST (new time: SEQUENCE as given, answers reset) or CANCEL for
// both partners, with an audit line `kind`: `why`. REQUIRES: inside a transaction of `store`.
void send_notice(store::Store& store, const config::Programme& programme, store::MeetingRow row,
                 ical::Method method, const std::string& kind, const std::string& why,
                 scheduler::Instant now);

// Cancel a booked meeting: SEQUENCE+1, METHOD:CANCEL to both. REQUIRES: inside a transaction of
// `store`.
void cancel_meeting(store::Store& store, const config::Programme& programme, store::MeetingRow row,
                    store::CancelKind kind, const std::string& why, scheduler::Instant now);

// Bring the state in line with the programme at `now` and record the messages that follow.
// Returns what changed; nothing is sent. `busy_used`, when given, gets the busy times it planned
// with.
TickReport update_meetings(const config::Programme& programme, store::Store& store,
                           scheduler::Instant now, std::mt19937_64& rng,
                           BusyMap* busy_used = nullptr);

// What a tick reaches the world through; fakes in tests.
struct TickIo {
  net::Transport& transport;
  net::FeedSource& feeds;
  MailboxAccess mailbox;
};

// One whole tick: refresh the busy feeds, update_meetings(), read the replies from the mailbox,
// queue the digest and nudges that are due, then flush the outbox through the transport.
TickReport run_tick(const config::Programme& programme, store::Store& store, const TickIo& io,
                    scheduler::Instant now, std::mt19937_64& rng, const std::atomic<bool>& stop);

}  // namespace mentorcal::app
