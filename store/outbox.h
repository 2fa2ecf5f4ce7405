// The outbox: every message mentorcal sends is first a row here, with its exact bytes, written in
// the same transaction as the meeting change that caused it (DESIGN.md §8). Delivering it is
// app/'s policy (app/outbox_flush.h); the store keeps the rows and their state.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

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

enum class OutboxState { pending, sent, failed };

// A message in the outbox with its delivery state.
struct OutboxRow {
  std::int64_t id = 0;  // the store's key, for marking the outcome
  OutboxMessage message;
  OutboxState state = OutboxState::pending;
  int attempts = 0;
  Instant next_attempt;
  Instant created;
  std::optional<int> last_code;
  std::string last_error;
  std::optional<Instant> finished;  // when it was sent or given up
};

// Where one batch of due messages ended (its last row's next_attempt and id): the next batch
// starts after it, in the same order.
struct DueCursor {
  Instant next_attempt;
  std::int64_t id = 0;
};

struct OutboxStats {
  int pending = 0;
  int failed = 0;
  std::chrono::seconds oldest_pending{0};  // age of the oldest pending message at `now`
  std::optional<Instant> next_due;         // when the next pending message is due
};

}  // namespace mentorcal::store
