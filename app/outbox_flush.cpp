#include "app/outbox_flush.h"

#include <algorithm>
#include <cmath>
#include <optional>

#include <spdlog/spdlog.h>

#include "base/log_fields.h"

namespace mentorcal::app {

using namespace std::chrono;

seconds RetryPolicy::delay(int attempts, std::mt19937_64& rng) const {
  const double base = std::min(double(first.count()) * std::pow(2.0, std::max(0, attempts - 1)),
                               double(cap.count()));
  std::uniform_real_distribution<double> spread(1.0 - jitter, 1.0 + jitter);
  return seconds(static_cast<std::int64_t>(std::llround(base * spread(rng))));
}

namespace {

// Send `rows` (claimed) and record each outcome in `report`.
void deliver_batch(store::Store& store, net::Transport& transport, const std::string& sender,
                   const std::vector<store::OutboxRow>& rows, store::Instant now,
                   const RetryPolicy& policy, std::mt19937_64& rng, const std::atomic<bool>& stop,
                   FlushReport& report) {
  // Deliveries are recorded a batch at a time (Transport::deliveries_per_commit): one commit, so
  // one sync of the state, per batch.
  const std::size_t per_commit = std::max<std::size_t>(1, transport.deliveries_per_commit());
  std::optional<store::Transaction> tx;
  std::size_t in_tx = 0;
  std::vector<net::Envelope> envelopes;
  for (const auto& r : rows)
    envelopes.push_back({sender, r.message.recipient, r.message.message_id, &r.message.bytes});
  transport.deliver(envelopes, stop, [&](std::size_t i, const net::Delivery& d) {
    const auto& row = rows[i];
    const base::LogFields fields{{base::LogFields::kUid, row.message.meeting_uid}};
    const auto& id = row.message.message_id;
    const auto& to = row.message.recipient;
    if (!tx) tx = store.transaction();
    const auto commit_if_full = [&] {
      if (++in_tx < per_commit) return;
      tx->commit();
      tx.reset(), in_tx = 0;
    };
    if (!d.attempted && stop) {
      ++report.not_attempted;  // shutting down: it stays due as it was
      store.release(row.id);
      commit_if_full();
      return;
    }
    const int attempts = row.attempts + (d.attempted ? 1 : 0);
    if (d.outcome == net::Delivery::Outcome::sent) {
      store.mark_sent(row.id, attempts, d.code, now);
      ++report.sent;
      spdlog::debug("sent {} to {} ({})", id, to, d.code);
    } else if (d.outcome == net::Delivery::Outcome::permanent ||
               now - row.created >= policy.give_up) {
      const auto why = d.outcome == net::Delivery::Outcome::permanent
                           ? d.detail
                           : "gave up after " +
                                 std::to_string(duration_cast<hours>(policy.give_up).count() / 24) +
                                 " days: " + d.detail;
      store.mark_failed(row.id, attempts, d.code, why, now);
      ++report.failed;
      spdlog::error("could not send {} to {}: {}", id, to, why);
    } else {
      // Not attempted because the server is unreachable: wait as long as the message that found
      // out.
      const auto next = now + policy.delay(std::max(attempts, 1), rng);
      store.mark_retry(row.id, attempts, d.code, d.detail, next);
      if (!d.attempted) {
        ++report.not_attempted;
      } else {
        ++report.retrying;
        spdlog::warn("will retry {} to {} after {} s: {}", id, to, (next - now).count(), d.detail);
      }
    }
    commit_if_full();
  });
  if (tx) tx->commit();
}

}  // namespace

FlushReport flush_outbox(store::Store& store, net::Transport& transport, const std::string& sender,
                         store::Instant now, const RetryPolicy& policy, std::mt19937_64& rng,
                         const std::atomic<bool>& stop) {
  FlushReport report;
  // The outbox is claimed and sent kClaimBatch messages at a time, in due order: a first tick
  // that queued 150,000 messages held them all in memory at once (2.4 GB at 100k pairs).
  std::optional<store::DueCursor> after;
  for (;;) {
    const auto rows = store.claim_due(now, kClaimBatch, after);
    if (rows.empty()) break;
    after = store::DueCursor{rows.back().next_attempt, rows.back().id};
    const int unattempted_before = report.not_attempted;
    deliver_batch(store, transport, sender, rows, now, policy, rng, stop, report);
    // The server could not be reached: the rest wait, due as they are, for the next tick rather
    // than each batch waiting out its own connection timeout.
    if (!stop && report.not_attempted > unattempted_before) break;
    if (rows.size() < kClaimBatch) break;
  }
  return report;
}

}  // namespace mentorcal::app
