// The outbox: every message mentorcal sends is first a row here, with its exact bytes, written in
// the same transaction as the meeting change that caused it; flush() moves due rows through a
// transport and records each result as soon as it is known (DESIGN.md §8).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <random>
#include <string>

#include "net/transport.h"
#include "store/database.h"

namespace mentorcal::store {

using Instant = std::chrono::sys_seconds;

struct OutboxMessage {
  std::string message_id;  // unique; without angle brackets
  std::string recipient;
  std::string meeting_uid;  // empty for mail that is not about a meeting (digests)
  int sequence = 0;
  std::string method;  // REQUEST, CANCEL, or empty
  std::string bytes;
};

// Retry policy: 4xx, 421 and connection trouble back off exponentially from 60 s to 15 min, with
// jitter of +-20 %; after 5 days a message is given up. 5xx fails at once.
struct RetryPolicy {
  std::chrono::seconds first{60};
  std::chrono::seconds cap{15 * 60};
  std::chrono::hours give_up{5 * 24};
  double jitter = 0.2;

  // Return the wait before attempt number `attempts + 1`, with `rng` supplying the jitter.
  std::chrono::seconds delay(int attempts, std::mt19937_64& rng) const;
};

struct FlushReport {
  int sent = 0;
  int retrying = 0;  // transient failures, due again later
  int failed = 0;    // permanent failures and messages given up
  int not_attempted = 0;
};

struct OutboxStats {
  int pending = 0;
  int failed = 0;
  std::chrono::seconds oldest_pending{0};  // age of the oldest pending message at `now`
  std::optional<Instant> next_due;         // when the next pending message is due
};

// Add a message. REQUIRES: inside the caller's Transaction, so it commits with its cause.
// A message whose Message-ID is already in the outbox is not added twice.
void add_to_outbox(Database& db, const OutboxMessage& message, Instant now);

// Deliver every pending message due at `now` with `transport`, from `sender`, and record each
// outcome in its own transaction right after the server's answer.
FlushReport flush_outbox(Database& db, net::Transport& transport, const std::string& sender,
                         Instant now, const RetryPolicy& policy, std::mt19937_64& rng,
                         const std::atomic<bool>& stop);

OutboxStats outbox_stats(Database& db, Instant now);

}  // namespace mentorcal::store
