// The outbox table of SqliteStore.
#include <algorithm>
#include <chrono>
#include <limits>

#include <fmt/format.h>

#include "store/names.h"
#include "store/sqlite_store.h"

namespace mentorcal::store {
namespace {

// A row's columns, its bytes last: they are a table of their own (schema 6), written once, so
// claiming and marking a row does not write its message again.
constexpr std::string_view kColumns =
    "id, message_id, recipient, meeting_uid, sequence, method, state, attempts, "
    "next_attempt, created, last_code, last_error, finished, "
    "(SELECT bytes FROM outbox_bytes WHERE outbox_bytes.id = outbox.id)";

OutboxRow read_row(const sql::Statement& q) {
  OutboxRow r;
  r.id = q.integer(0);
  r.message = {q.text(1), q.text(2), q.text(3), static_cast<int>(q.integer(4)),
               q.text(5), q.text(13)};
  r.state = config::enum_from<OutboxState>(q.text(6)).value_or(OutboxState::failed);
  r.attempts = static_cast<int>(q.integer(7));
  r.next_attempt = from_unix(q.integer(8));
  r.created = from_unix(q.integer(9));
  if (!q.is_null(10)) r.last_code = static_cast<int>(q.integer(10));
  r.last_error = q.text(11);
  if (!q.is_null(12)) r.finished = from_unix(q.integer(12));
  return r;
}

// How long a claim holds when its sender neither marks nor releases the row (it died). It never
// delays a message here: claims are taken only under the state lock, and whoever takes the lock
// next gives back every claim left (release_claims; the crash test fails without it). The lease is
// the backstop for a store shared without that lock (a later PostgreSQL store), where it must
// outlast the longest live flush; `run --once` has no tick deadline, so an hour, not the 300 s of
// --tick-deadline: a shorter lease there could let a second sender take a row still being sent.
constexpr std::chrono::hours kClaimLease{1};

}  // namespace

void SqliteStore::add_to_outbox(const OutboxMessage& m, Instant now) {
  // Two writes, neither waiting for an answer (PostgreSQL queues both for the transaction's next
  // round trip): the row, then its bytes found by the Message-ID. A message queued before keeps
  // its row and its bytes.
  db_.prepare(R"(INSERT INTO outbox
                  (message_id, recipient, meeting_uid, sequence, method, state, next_attempt, created)
                VALUES (?, ?, ?, ?, ?, 'pending', ?, ?) ON CONFLICT (message_id) DO NOTHING)")
      .bind(1, m.message_id)
      .bind(2, m.recipient)
      .bind(3, m.meeting_uid)
      .bind(4, m.sequence)
      .bind(5, m.method)
      .bind(6, unix_time(now))
      .bind(7, unix_time(now))
      .run();
  db_.prepare(R"(INSERT INTO outbox_bytes (id, bytes)
                SELECT id, ? FROM outbox WHERE message_id = ?
                  AND NOT EXISTS (SELECT 1 FROM outbox_bytes b WHERE b.id = outbox.id))")
      .bind_blob(1, m.bytes)
      .bind(2, m.message_id)
      .run();
}

bool SqliteStore::is_queued(std::string_view message_id) {
  auto q = db_.prepare("SELECT 1 FROM outbox WHERE message_id = ?");
  q.bind(1, message_id);
  return q.step();
}

std::set<std::string, std::less<>> SqliteStore::queued_starting_with(
    std::span<const std::string_view> prefixes) {
  std::set<std::string, std::less<>> out;
  if (prefixes.empty()) return out;
  std::string where;
  for (std::size_t i = 0; i < prefixes.size(); ++i)
    where += i ? " OR substr(message_id, 1, ?) = ?" : "substr(message_id, 1, ?) = ?";
  auto q = db_.prepare("SELECT message_id FROM outbox WHERE " + where);
  int n = 0;
  for (const auto prefix : prefixes) {
    q.bind(++n, static_cast<std::int64_t>(prefix.size()));
    q.bind(++n, prefix);
  }
  while (q.step())
    out.insert(q.text(0));
  return out;
}

std::vector<OutboxRow> SqliteStore::claim_due(Instant now, std::size_t at_most,
                                              std::optional<DueCursor> after) {
  // One UPDATE: on SQLite it takes the write lock, so two processes claiming at once get disjoint
  // rows; on PostgreSQL the rows are selected FOR UPDATE SKIP LOCKED (skip_locked()), so another
  // claimer skips them rather than waiting or taking them too.
  std::vector<OutboxRow> out;
  auto q = db_.prepare(fmt::format(
      "UPDATE outbox SET claimed_until = ? WHERE id IN (SELECT id FROM outbox WHERE state = "
      "'pending' AND next_attempt <= ? AND (claimed_until IS NULL OR claimed_until <= ?) "
      "AND (next_attempt > ? OR (next_attempt = ? AND id > ?)) ORDER BY next_attempt, id "
      "LIMIT ?{}) RETURNING {}",
      db_.skip_locked(), kColumns));
  const auto from =
      after ? unix_time(after->next_attempt) : std::numeric_limits<std::int64_t>::min();
  q.bind(1, unix_time(now + kClaimLease));
  q.bind(2, unix_time(now));
  q.bind(3, unix_time(now));
  q.bind(4, from);
  q.bind(5, from);
  q.bind(6, after ? after->id : std::numeric_limits<std::int64_t>::min());
  q.bind(7, static_cast<std::int64_t>(std::min(at_most, kEveryRow)));
  while (q.step())
    out.push_back(read_row(q));
  std::sort(out.begin(), out.end(), [](const OutboxRow& a, const OutboxRow& b) {
    return std::pair(a.next_attempt, a.id) < std::pair(b.next_attempt, b.id);
  });
  return out;
}

void SqliteStore::release(std::int64_t id) {
  db_.prepare("UPDATE outbox SET claimed_until = NULL WHERE id = ?").bind(1, id).run();
}

void SqliteStore::release_claims() {
  db_.exec("UPDATE outbox SET claimed_until = NULL WHERE claimed_until IS NOT NULL");
}

void SqliteStore::mark_sent(std::int64_t id, int attempts, int code, Instant now) {
  db_.prepare(
         "UPDATE outbox SET state = 'sent', attempts = ?, last_code = ?, last_error = NULL, "
         "finished = ?, claimed_until = NULL "
         "WHERE id = ?")
      .bind(1, attempts)
      .bind(2, code)
      .bind(3, unix_time(now))
      .bind(4, id)
      .run();
}

void SqliteStore::mark_failed(std::int64_t id, int attempts, int code, std::string_view error,
                              Instant now) {
  db_.prepare(
         "UPDATE outbox SET state = 'failed', attempts = ?, last_code = ?, last_error = ?, "
         "finished = ?, claimed_until = NULL "
         "WHERE id = ?")
      .bind(1, attempts)
      .bind(2, code)
      .bind(3, error)
      .bind(4, unix_time(now))
      .bind(5, id)
      .run();
}

void SqliteStore::mark_retry(std::int64_t id, int attempts, int code, std::string_view error,
                             Instant next_attempt) {
  db_.prepare(
         "UPDATE outbox SET attempts = ?, last_code = ?, last_error = ?, next_attempt = ?, "
         "claimed_until = NULL WHERE id = ?")
      .bind(1, attempts)
      .bind(2, code)
      .bind(3, error)
      .bind(4, unix_time(next_attempt))
      .bind(5, id)
      .run();
}

std::vector<OutboxRow> SqliteStore::outbox_rows() {
  std::vector<OutboxRow> out;
  auto q = db_.prepare(fmt::format("SELECT {} FROM outbox ORDER BY id", kColumns));
  while (q.step())
    out.push_back(read_row(q));
  return out;
}

OutboxStats SqliteStore::outbox_stats(Instant now) {
  OutboxStats stats;
  auto q = db_.prepare(R"(SELECT
      (SELECT count(*) FROM outbox WHERE state = 'pending'),
      (SELECT count(*) FROM outbox WHERE state = 'failed'),
      (SELECT min(created) FROM outbox WHERE state = 'pending'),
      (SELECT min(next_attempt) FROM outbox WHERE state = 'pending'))");
  q.step();
  stats.pending = static_cast<int>(q.integer(0));
  stats.failed = static_cast<int>(q.integer(1));
  if (!q.is_null(2)) stats.oldest_pending = now - from_unix(q.integer(2));
  if (!q.is_null(3)) stats.next_due = from_unix(q.integer(3));
  return stats;
}

}  // namespace mentorcal::store
