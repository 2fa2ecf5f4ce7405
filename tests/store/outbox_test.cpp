// The outbox against a transport that fails on demand: retry with backoff, 5xx fails at once,
// give up after 5 days, each outcome recorded as it happens, a resend is byte-identical.
#include "store/outbox.h"

#include <filesystem>
#include <map>

#include <gtest/gtest.h>

namespace mentorcal::store {
namespace {

using namespace std::chrono;

// A transport that answers from a script: one Delivery per attempt, by Message-ID.
class ScriptedTransport final : public net::Transport {
 public:
  std::map<std::string, std::vector<net::Delivery>> script;   // consumed front to back
  std::vector<std::pair<std::string, std::string>> attempts;  // message id, bytes
  std::function<void(std::size_t)> before_each;               // e.g. set `stop`

  void deliver(const std::vector<net::Envelope>& messages, const std::atomic<bool>& stop,
               const OnDelivery& on_delivery) override {
    for (std::size_t i = 0; i < messages.size(); ++i) {
      if (before_each) before_each(i);
      if (stop) {
        on_delivery(i, {net::Delivery::Outcome::transient, 0, "not attempted", false});
        continue;
      }
      attempts.emplace_back(messages[i].message_id, *messages[i].bytes);
      auto& answers = script[messages[i].message_id];
      net::Delivery d{net::Delivery::Outcome::sent, 250, "ok"};
      if (!answers.empty()) {
        d = answers.front();
        answers.erase(answers.begin());
      }
      on_delivery(i, d);
    }
  }
};

class OutboxTest : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("mentorcal-outbox-" + std::to_string(::getpid()) + "-" +
            testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    db_ = std::make_unique<Database>(dir_ / "state.sqlite3");
  }
  void TearDown() override {
    db_.reset();
    std::filesystem::remove_all(dir_);
  }
  void add(const std::string& id, Instant at) {
    Transaction tx(*db_);
    add_to_outbox(
        *db_, {id, id + "@example.org", "uid-" + id, 0, "REQUEST", "bytes of " + id + "\r\n"}, at);
    tx.commit();
  }
  std::string state(const std::string& id) {
    auto q = db_->prepare("SELECT state, attempts, next_attempt FROM outbox WHERE message_id = ?");
    q.bind(1, id);
    if (!q.step()) return "missing";
    return q.text(0) + "/" + std::to_string(q.integer(1)) + "/" +
           std::to_string(q.integer(2) - t0_.time_since_epoch().count());
  }
  FlushReport flush(Instant now) {
    return flush_outbox(*db_, transport_, "mentoring@example.org", now, policy_, rng_, stop_);
  }

  std::filesystem::path dir_;
  std::unique_ptr<Database> db_;
  ScriptedTransport transport_;
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
    auto q = db_->prepare("SELECT next_attempt FROM outbox WHERE message_id = 'a'");
    q.step();
    const Instant next{seconds{q.integer(0)}};
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
  const auto stats = outbox_stats(*db_, t0_);
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
  auto q = db_->prepare("SELECT last_error FROM outbox WHERE message_id = 'a'");
  q.step();
  EXPECT_EQ(q.text(0).rfind("gave up after 5 days", 0), 0u) << q.text(0);
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
  EXPECT_EQ(outbox_stats(*db_, t0_ + hours(1)).pending, 1);
  EXPECT_EQ(outbox_stats(*db_, t0_ + hours(1)).oldest_pending, hours(1));
}

}  // namespace
}  // namespace mentorcal::store
