#include "store/outbox.h"

#include <algorithm>
#include <cmath>

#include <spdlog/spdlog.h>

namespace mentorcal::store {

using namespace std::chrono;

namespace {

std::int64_t unix_time(Instant t) {
  return t.time_since_epoch().count();
}
Instant from_unix(std::int64_t s) {
  return Instant{seconds{s}};
}

struct DueRow {
  std::int64_t id;
  std::string message_id;
  std::string recipient;
  std::string bytes;
  int attempts;
  Instant created;
};

}  // namespace

seconds RetryPolicy::delay(int attempts, std::mt19937_64& rng) const {
  const double base = std::min(double(first.count()) * std::pow(2.0, std::max(0, attempts - 1)),
                               double(cap.count()));
  std::uniform_real_distribution<double> spread(1.0 - jitter, 1.0 + jitter);
  return seconds(static_cast<std::int64_t>(std::llround(base * spread(rng))));
}

void add_to_outbox(Database& db, const OutboxMessage& m, Instant now) {
  db.prepare(R"(INSERT OR IGNORE INTO outbox
                  (message_id, recipient, meeting_uid, sequence, method, bytes, state, next_attempt, created)
                VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?))")
      .bind(1, m.message_id)
      .bind(2, m.recipient)
      .bind(3, m.meeting_uid)
      .bind(4, m.sequence)
      .bind(5, m.method)
      .bind_blob(6, m.bytes)
      .bind(7, unix_time(now))
      .bind(8, unix_time(now))
      .run();
}

FlushReport flush_outbox(Database& db, net::Transport& transport, const std::string& sender,
                         Instant now, const RetryPolicy& policy, std::mt19937_64& rng,
                         const std::atomic<bool>& stop) {
  std::vector<DueRow> rows;
  {
    auto q = db.prepare(R"(SELECT id, message_id, recipient, bytes, attempts, created FROM outbox
                           WHERE state = 'pending' AND next_attempt <= ? ORDER BY next_attempt, id)");
    q.bind(1, unix_time(now));
    while (q.step()) {
      rows.push_back({q.integer(0), q.text(1), q.text(2), q.text(3), int(q.integer(4)),
                      from_unix(q.integer(5))});
    }
  }
  FlushReport report;
  if (rows.empty()) return report;

  std::vector<net::Envelope> envelopes;
  for (const auto& r : rows)
    envelopes.push_back({sender, r.recipient, r.message_id, &r.bytes});
  transport.deliver(envelopes, stop, [&](std::size_t i, const net::Delivery& d) {
    const auto& row = rows[i];
    if (!d.attempted && stop) {
      ++report.not_attempted;  // shutting down: it stays due as it was
      return;
    }
    const int attempts = row.attempts + (d.attempted ? 1 : 0);
    Transaction tx(db);
    if (d.outcome == net::Delivery::Outcome::sent) {
      db.prepare(
            "UPDATE outbox SET state = 'sent', attempts = ?, last_code = ?, last_error = NULL, "
            "finished = ? "
            "WHERE id = ?")
          .bind(1, attempts)
          .bind(2, d.code)
          .bind(3, unix_time(now))
          .bind(4, row.id)
          .run();
      ++report.sent;
      spdlog::debug("sent {} to {} ({})", row.message_id, row.recipient, d.code);
    } else if (d.outcome == net::Delivery::Outcome::permanent ||
               now - row.created >= policy.give_up) {
      const auto why = d.outcome == net::Delivery::Outcome::permanent
                           ? d.detail
                           : "gave up after " +
                                 std::to_string(duration_cast<hours>(policy.give_up).count() / 24) +
                                 " days: " + d.detail;
      db.prepare(
            "UPDATE outbox SET state = 'failed', attempts = ?, last_code = ?, last_error = ?, "
            "finished = ? "
            "WHERE id = ?")
          .bind(1, attempts)
          .bind(2, d.code)
          .bind(3, why)
          .bind(4, unix_time(now))
          .bind(5, row.id)
          .run();
      ++report.failed;
      spdlog::error("could not send {} to {}: {}", row.message_id, row.recipient, why);
    } else {
      // Not attempted because the server is unreachable: wait as long as the message that found
      // out.
      const auto next = now + policy.delay(std::max(attempts, 1), rng);
      db.prepare(
            "UPDATE outbox SET attempts = ?, last_code = ?, last_error = ?, next_attempt = ? WHERE "
            "id = ?")
          .bind(1, attempts)
          .bind(2, d.code)
          .bind(3, d.detail)
          .bind(4, unix_time(next))
          .bind(5, row.id)
          .run();
      if (!d.attempted) {
        ++report.not_attempted;
      } else {
        ++report.retrying;
        spdlog::warn("will retry {} to {} after {} s: {}", row.message_id, row.recipient,
                     (next - now).count(), d.detail);
      }
    }
    tx.commit();
  });
  return report;
}

OutboxStats outbox_stats(Database& db, Instant now) {
  OutboxStats stats;
  auto q = db.prepare(R"(SELECT
      (SELECT count(*) FROM outbox WHERE state = 'pending'),
      (SELECT count(*) FROM outbox WHERE state = 'failed'),
      (SELECT min(created) FROM outbox WHERE state = 'pending'),
      (SELECT min(next_attempt) FROM outbox WHERE state = 'pending'))");
  q.step();
  stats.pending = int(q.integer(0));
  stats.failed = int(q.integer(1));
  if (!q.is_null(2)) stats.oldest_pending = now - from_unix(q.integer(2));
  if (!q.is_null(3)) stats.next_due = from_unix(q.integer(3));
  return stats;
}

}  // namespace mentorcal::store
