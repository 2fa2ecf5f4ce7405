// Delivering the outbox (DESIGN.md §8): due messages go through a transport, and each outcome is
// recorded in the store in its own transaction right after the server's answer.
#pragma once

#include <atomic>
#include <chrono>
#include <random>
#include <string>

#include "net/transport.h"
#include "store/store.h"

namespace mentorcal::app {

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

// Deliver every pending message due at `now` with `transport`, from `sender`, kClaimBatch at a
// time. `stop` set: the messages not yet attempted stay due as they were. A batch the server
// could not be reached for (not attempted) ends the flush: later batches stay due as they were,
// uncounted. REQUIRES: not inside a transaction.
inline constexpr std::size_t kClaimBatch = 1024;
FlushReport flush_outbox(store::Store& store, net::Transport& transport, const std::string& sender,
                         store::Instant now, const RetryPolicy& policy, std::mt19937_64& rng,
                         const std::atomic<bool>& stop);

}  // namespace mentorcal::app
