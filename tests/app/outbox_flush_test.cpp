// Delivering the outbox against a transport that fails on demand: retry with backoff, 5xx fails at
// once, give up after 5 days, each outcome recorded as it happens, a resend is byte-identical.
#include "app/outbox_flush.h"

#include <algorithm>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "config/enum_names.h"
#include "store/names.h"
#include "tests/support/fake_transport.h"

namespace mentorcal::app {
namespace {

using namespace std::chrono;

using store::Instant;
using store::OutboxState;

class OutboxTest : public ::testing::Test {
 protected:
  void add(const std::string& id, Instant at) {
    auto tx = store_->transaction();
    store_->add_to_outbox(
        {id, id + "@example.org", "uid-" + id, 0, "REQUEST", "bytes of " + id + "\r\n"}, at);
    tx.commit();
  }
  std::optional<store::OutboxRow> row(const std::string& id) {
    for (auto& r : store_->outbox_rows()) {
      if (r.message.message_id == id) return r;
    }
    return std::nullopt;
  }
  // Return "state/attempts/seconds from t0 to the next attempt".
  std::string state(const std::string& id) {
    const auto r = row(id);
    if (!r) return "missing";
    return fmt::format("{}/{}/{}", config::enum_name(r->state), r->attempts,
                       (r->next_attempt - t0_).count());
  }
  FlushReport flush(Instant now) {
    return flush_outbox(*store_, transport_, "mentoring@example.org", now, policy_, rng_, stop_);
  }

  std::unique_ptr<store::Store> store_ = store::open_store(":memory:");
  testing::ScriptedTransport transport_;
  RetryPolicy policy_{seconds(60), minutes(15), hours(120), 0.0};  // no jitter: exact times
  std::mt19937_64 rng_{42};
  std::atomic<bool> stop_{false};
  const Instant t0_ = sys_days{year{2026} / November / 22} + hours(9);
};

TEST_F(OutboxTest, SentOnlyAfterTheServersYes) {
  add("a", t0_);
  add("b", t0_);
  const auto r = flush(t0_);
  EXPECT_EQ(r.sent, 2);
  EXPECT_EQ(state("a"), "sent/1/0");
  EXPECT_EQ(flush(t0_ + hours(1)).sent, 0);  // never twice
  EXPECT_EQ(transport_.attempts.size(), 2u);
}

TEST_F(OutboxTest, TransientFailuresBackOffExponentiallyToTheCap) {
  add("a", t0_);
  using O = net::Delivery::Outcome;
  transport_.script["a"] =
      std::vector<net::Delivery>(8, {O::transient, 421, "service not available"});
  Instant now = t0_;
  std::vector<std::int64_t> waits;
  for (int i = 0; i < 7; ++i) {
    const auto r = flush(now);
    ASSERT_EQ(r.retrying, 1) << i;
    const Instant next = row("a")->next_attempt;
    waits.push_back((next - now).count());
    EXPECT_EQ(flush(next - seconds(1)).retrying, 0);  // not due yet: nothing is tried
    now = next;
  }
  EXPECT_EQ(waits, (std::vector<std::int64_t>{60, 120, 240, 480, 900, 900, 900}));
  EXPECT_EQ(flush(now).sent, 0);
  EXPECT_EQ(state("a").substr(0, 9), "pending/8");
  // Every attempt carried the same bytes.
  for (const auto& [id, bytes] : transport_.attempts)
    EXPECT_EQ(bytes, "bytes of a\r\n");
}

TEST_F(OutboxTest, JitterStaysWithinItsBand) {
  RetryPolicy p;  // 20 % jitter
  std::mt19937_64 rng(7);
  for (int attempts = 1; attempts < 10; ++attempts) {
    const double base = std::min(60.0 * (1 << (attempts - 1)), 900.0);
    for (int i = 0; i < 50; ++i) {
      const auto d = p.delay(attempts, rng).count();
      EXPECT_GE(d, std::floor(base * 0.8));
      EXPECT_LE(d, std::ceil(base * 1.2));
    }
  }
}

TEST_F(OutboxTest, PermanentFailureIsFinalAtOnce) {
  add("a", t0_);
  add("b", t0_);
  transport_.script["a"] = {{net::Delivery::Outcome::permanent, 550, "mailbox unavailable"}};
  const auto r = flush(t0_);
  EXPECT_EQ(r.failed, 1);
  EXPECT_EQ(r.sent, 1);
  EXPECT_EQ(state("a"), "failed/1/0");
  EXPECT_EQ(flush(t0_ + hours(1)).failed, 0);
  const auto stats = store_->outbox_stats(t0_);
  EXPECT_EQ(stats.failed, 1);
  EXPECT_EQ(stats.pending, 0);
}

TEST_F(OutboxTest, GivesUpAfterFiveDays) {
  add("a", t0_);
  transport_.script["a"] =
      std::vector<net::Delivery>(100, {net::Delivery::Outcome::transient, 451, "try later"});
  EXPECT_EQ(flush(t0_ + hours(119)).retrying, 1);
  const auto r = flush(t0_ + hours(121));
  EXPECT_EQ(r.failed, 1);
  EXPECT_EQ(row("a")->last_error.rfind("gave up after 5 days", 0), 0u) << row("a")->last_error;
}

TEST_F(OutboxTest, StopLeavesTheRestDueAsTheyWere) {
  add("a", t0_);
  add("b", t0_ + seconds(1));
  transport_.before_each = [&](std::size_t i) { stop_ = i == 1; };
  const auto r = flush(t0_ + seconds(1));
  EXPECT_EQ(r.sent, 1);
  EXPECT_EQ(r.not_attempted, 1);
  EXPECT_EQ(state("b"), "pending/0/1");
}

// A first tick at 100k pairs queues ~150,000 messages; claimed all at once they took 2.4 GB.
TEST_F(OutboxTest, ALargeOutboxIsSentABatchAtATimeInDueOrder) {
  const int n = static_cast<int>(2 * kClaimBatch + 3);
  std::vector<std::pair<int, int>> due;  // seconds after t0, insertion order
  for (int i = 0; i < n; ++i) {
    add(fmt::format("m{}", i), t0_ + seconds(i % 7));
    due.emplace_back(i % 7, i);
  }
  std::sort(due.begin(), due.end());
  const auto r = flush(t0_ + hours(1));
  EXPECT_EQ(r.sent, n);
  EXPECT_LE(transport_.largest_call, kClaimBatch);  // before: every message in one call
  ASSERT_EQ(transport_.attempts.size(), static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i)
    ASSERT_EQ(transport_.attempts[i].first, fmt::format("m{}", due[i].second)) << i;
  EXPECT_EQ(flush(t0_ + hours(2)).sent, 0);
}

TEST_F(OutboxTest, StopCountsEveryBatchAsNotAttempted) {
  const int n = static_cast<int>(kClaimBatch + 5);
  for (int i = 0; i < n; ++i)
    add(fmt::format("m{}", i), t0_);
  stop_ = true;
  const auto r = flush(t0_);
  EXPECT_EQ(r.not_attempted, n);  // released, and not claimed again in the same flush
  EXPECT_EQ(store_->outbox_stats(t0_).pending, n);
  stop_ = false;
  EXPECT_EQ(flush(t0_).sent, n);
}

TEST_F(OutboxTest, UnreachableServerWaitsWithoutCountingAnAttempt) {
  add("a", t0_);
  add("b", t0_);
  transport_.script["a"] = {{net::Delivery::Outcome::transient, 0, "could not connect"}};
  transport_.before_each = [&](std::size_t i) {
    if (i == 1)
      transport_.script["b"] = {
          {net::Delivery::Outcome::transient, 0, "not attempted: unreachable", false}};
  };
  const auto r = flush(t0_);
  EXPECT_EQ(r.retrying, 1);
  EXPECT_EQ(r.not_attempted, 1);
  EXPECT_EQ(state("a"), "pending/1/60");
  EXPECT_EQ(state("b"), "pending/0/60");  // not hammered again at once
}

TEST_F(OutboxTest, TheSameMessageIdIsQueuedOnce) {
  add("a", t0_);
  add("a", t0_ + hours(1));
  EXPECT_EQ(store_->outbox_stats(t0_ + hours(1)).pending, 1);
  EXPECT_EQ(store_->outbox_stats(t0_ + hours(1)).oldest_pending, hours(1));
}

}  // namespace
}  // namespace mentorcal::app
