// The store interface, against every implementation: a SQLite file, SQLite ":memory:" and, when
// MENTORCAL_TEST_POSTGRES_URL is set (tests/support/with_postgres.sh; ctest store.postgresql), a
// PostgreSQL database, emptied before each test.
#include "store/store.h"

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <future>
#include <optional>
#include <set>
#include <thread>
#include <unistd.h>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "store/database.h"
#include "store/leader_lease.h"
#include "store/pg_database.h"
#include "store/sqlite_store.h"
#include "store/state_copy.h"
#include "store/state_lock.h"

namespace mentorcal::store {
namespace {

using namespace std::chrono;

const Instant t0 = sys_days{year{2026} / November / 22} + hours(9);

// The test server's URL and password (with_postgres.sh), "" when not set.
std::string postgres_url() {
  const char* url = std::getenv("MENTORCAL_TEST_POSTGRES_URL");
  return url ? url : "";
}
std::string postgres_password() {
  const char* password = std::getenv("MENTORCAL_TEST_POSTGRES_PASSWORD");
  return password ? password : "";
}
// Drop every table, so each test starts from a database that never held a state.
void empty_postgres() {
  pg::Session(postgres_url(), postgres_password())
      .exec("DROP SCHEMA public CASCADE; CREATE SCHEMA public");
}
// The parameters of the PostgreSQL instantiations: none unless a test server is given.
std::vector<std::string> postgres_if_given() {
  if (postgres_url().empty()) return {};
  return {"postgresql"};
}

class StoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "file") {
      dir_ = std::filesystem::temp_directory_path() /
             ("mentorcal-store-" + std::to_string(::getpid()) + "-" +
              ::testing::UnitTest::GetInstance()->current_test_info()->name());
      std::filesystem::remove_all(dir_);
      std::filesystem::create_directories(dir_);
      path_ = dir_ / "state.sqlite3";
    } else if (GetParam() == "postgresql") {
      empty_postgres();
      path_ = postgres_url();
      password_ = postgres_password();
    } else {
      path_ = ":memory:";
    }
    store_ = open_store(path_, password_);
  }
  void TearDown() override {
    store_.reset();
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }
  // Run `write` in a committed transaction.
  template <typename F>
  void committed(F write) {
    auto tx = store_->transaction();
    write(*store_);
    tx.commit();
  }

  std::filesystem::path dir_, path_;
  std::string password_;
  std::unique_ptr<Store> store_;
};

MeetingRow meeting(const std::string& uid, Instant start) {
  MeetingRow m;
  m.uid = uid;
  m.pair = "ana-ben";
  m.mentor_name = "Ana";
  m.mentor_email = "ana@example.org";
  m.mentee_name = "Ben";
  m.mentee_email = "ben@example.org";
  m.when = {start, start + minutes(45)};
  m.sent = t0;
  return m;
}

TEST_P(StoreTest, MeetingsRoundTripEveryField) {
  MeetingRow m = meeting("u1", t0 + days(3));
  m.first = true;
  m.sequence = 4;
  m.status = MeetingStatus::cancelled;
  m.partstat = {PartStat::accepted, PartStat::declined};
  m.cancelled_at = t0 + hours(2);
  m.cancel_kind = CancelKind::declined;
  m.cancel_reason = "ben@example.org declined";
  m.sent = t0 + hours(1);
  committed([&](Store& s) { s.save_meeting(m, t0 + hours(5)); });
  const auto got = store_->find_meeting("u1");
  ASSERT_TRUE(got);
  EXPECT_EQ(got->uid, m.uid);
  EXPECT_EQ(got->pair, m.pair);
  EXPECT_EQ(got->mentor_name, m.mentor_name);
  EXPECT_EQ(got->mentor_email, m.mentor_email);
  EXPECT_EQ(got->mentee_name, m.mentee_name);
  EXPECT_EQ(got->mentee_email, m.mentee_email);
  EXPECT_EQ(got->when, m.when);
  EXPECT_TRUE(got->first);
  EXPECT_EQ(got->sequence, 4);
  EXPECT_EQ(got->status, MeetingStatus::cancelled);
  EXPECT_EQ(got->partstat, m.partstat);
  EXPECT_EQ(got->cancelled_at, m.cancelled_at);
  EXPECT_EQ(got->cancel_kind, CancelKind::declined);
  EXPECT_EQ(got->cancel_reason, m.cancel_reason);
  EXPECT_EQ(got->sent, m.sent);
  EXPECT_EQ(got->created, t0 + hours(5));
  EXPECT_FALSE(store_->find_meeting("u2"));
}

TEST_P(StoreTest, SavingAgainUpdatesTheMeetingAndKeepsWhenItWasCreated) {
  MeetingRow m = meeting("u1", t0 + days(3));
  committed([&](Store& s) { s.save_meeting(m, t0); });
  m.sequence = 1;
  m.when = {t0 + days(4), t0 + days(4) + minutes(45)};
  m.partstat[0] = PartStat::tentative;
  committed([&](Store& s) { s.save_meeting(m, t0 + hours(1)); });
  const auto got = store_->find_meeting("u1");
  ASSERT_TRUE(got);
  EXPECT_EQ(got->sequence, 1);
  EXPECT_EQ(got->when, m.when);
  EXPECT_EQ(got->partstat[0], PartStat::tentative);
  EXPECT_EQ(got->status, MeetingStatus::booked);
  EXPECT_EQ(got->cancel_kind, CancelKind::none);
  EXPECT_FALSE(got->cancelled_at);
  EXPECT_EQ(got->created, t0);
  EXPECT_EQ(store_->all_meetings().size(), 1u);
}

TEST_P(StoreTest, BookedMeetingsByStartAndTheirCount) {
  auto cancelled = meeting("c", t0 + days(1));
  cancelled.status = MeetingStatus::cancelled;
  cancelled.cancel_kind = CancelKind::impossible;
  committed([&](Store& s) {
    s.save_meeting(meeting("late", t0 + days(9)), t0);
    s.save_meeting(meeting("past", t0 - days(9)), t0);
    s.save_meeting(meeting("soon", t0 + days(2)), t0);
    s.save_meeting(cancelled, t0);
  });
  std::vector<std::string> booked, all;
  for (const auto& m : store_->booked_meetings())
    booked.push_back(m.uid);
  for (const auto& m : store_->all_meetings())
    all.push_back(m.uid);
  EXPECT_EQ(booked, (std::vector<std::string>{"past", "soon", "late"}));
  EXPECT_EQ(all, (std::vector<std::string>{"past", "c", "soon", "late"}));
  EXPECT_EQ(store_->booked_count(t0), 2);
  EXPECT_EQ(store_->meeting_uids(),
            (std::set<std::string, std::less<>>{"c", "late", "past", "soon"}));
}

// Issue 11: a proposal declined (never accepted) is no trouble; an accepted meeting called off is.
TEST_P(StoreTest, RecordOfCountsWithdrawnMeetingsAndLostSlotsAsTrouble) {
  auto m = meeting("u", t0);
  m.status = MeetingStatus::cancelled;
  for (const auto& [kind, trouble] :
       std::vector<std::pair<CancelKind, bool>>{{CancelKind::ended, false},
                                                {CancelKind::removed, false},
                                                {CancelKind::declined, false},
                                                {CancelKind::impossible, true},
                                                {CancelKind::withdrawn, true}}) {
    m.cancel_kind = kind;
    EXPECT_EQ(record_of(m).trouble, trouble);
  }
  m.partstat = {PartStat::needs_action, PartStat::accepted};
  EXPECT_EQ(record_of(m).partstat, m.partstat);
}

TEST_P(StoreTest, TransactionsRollBackUnlessCommitted) {
  {
    auto tx = store_->transaction();
    store_->save_meeting(meeting("u1", t0), t0);
    store_->add_to_outbox({"m1", "ana@example.org", "u1", 0, "REQUEST", "bytes"}, t0);
    store_->audit(t0, "invited", "u1", "ana-ben");
    store_->set_setting("imap.last_uid", "7");
  }
  EXPECT_TRUE(store_->all_meetings().empty());
  EXPECT_FALSE(store_->is_queued("m1"));
  EXPECT_FALSE(store_->setting("imap.last_uid"));
  // A transaction may begin again after one was rolled back.
  committed([&](Store& s) { s.save_meeting(meeting("u1", t0), t0); });
  EXPECT_EQ(store_->all_meetings().size(), 1u);
}

TEST_P(StoreTest, OutboxAddsAMessageIdOnce) {
  committed([&](Store& s) {
    s.add_to_outbox({"m1", "ana@example.org", "u1", 2, "REQUEST", "first\r\n"}, t0);
  });
  committed([&](Store& s) {
    s.add_to_outbox({"m1", "ana@example.org", "u1", 2, "REQUEST", "second\r\n"}, t0 + hours(1));
  });
  EXPECT_TRUE(store_->is_queued("m1"));
  EXPECT_FALSE(store_->is_queued("m2"));
  const auto rows = store_->outbox_rows();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].message.bytes, "first\r\n");
  EXPECT_EQ(rows[0].message.recipient, "ana@example.org");
  EXPECT_EQ(rows[0].message.meeting_uid, "u1");
  EXPECT_EQ(rows[0].message.sequence, 2);
  EXPECT_EQ(rows[0].message.method, "REQUEST");
  EXPECT_EQ(rows[0].state, OutboxState::pending);
  EXPECT_EQ(rows[0].attempts, 0);
  EXPECT_EQ(rows[0].created, t0);
  EXPECT_EQ(rows[0].next_attempt, t0);
  EXPECT_FALSE(rows[0].finished);
  const auto stats = store_->outbox_stats(t0 + hours(1));
  EXPECT_EQ(stats.pending, 1);
  EXPECT_EQ(stats.oldest_pending, hours(1));
  EXPECT_EQ(stats.next_due, t0);
}

// A sender takes a large outbox a batch at a time: at most so many rows, each batch after the last.
TEST_P(StoreTest, OutboxIsClaimedInBatchesInDueOrder) {
  committed([&](Store& s) {
    s.add_to_outbox({"c", "c@example.org", "", 0, "", "x"}, t0 + minutes(1));
    s.add_to_outbox({"a", "a@example.org", "", 0, "", "x"}, t0);
    s.add_to_outbox({"b", "b@example.org", "", 0, "", "x"}, t0);
    s.add_to_outbox({"d", "d@example.org", "", 0, "", "x"}, t0 + minutes(1));
    s.add_to_outbox({"later", "e@example.org", "", 0, "", "x"}, t0 + hours(1));
  });
  std::vector<std::string> order;
  std::optional<DueCursor> after;
  for (int batch = 0; batch < 5; ++batch) {
    const auto rows = store_->claim_due(t0 + minutes(1), 2, after);
    if (rows.empty()) break;
    ASSERT_LE(rows.size(), 2u);
    for (const auto& r : rows)
      order.push_back(r.message.message_id);
    after = DueCursor{rows.back().next_attempt, rows.back().id};
  }
  EXPECT_EQ(order, (std::vector<std::string>{"a", "b", "c", "d"}));
  // Released rows behind the cursor are not claimed again by the same sender's next batch.
  for (const auto& r : store_->outbox_rows())
    store_->release(r.id);
  EXPECT_TRUE(store_->claim_due(t0 + minutes(1), 2, after).empty());
  EXPECT_EQ(store_->claim_due(t0 + minutes(1)).size(), 4u);
}

TEST_P(StoreTest, OutboxClaimsDueRowsAndRecordsTheirOutcome) {
  committed([&](Store& s) {
    s.add_to_outbox({"late", "a@example.org", "", 0, "", "x"}, t0 + minutes(5));
    s.add_to_outbox({"b", "b@example.org", "", 0, "", "x"}, t0);
    s.add_to_outbox({"c", "c@example.org", "", 0, "", "x"}, t0);
    s.add_to_outbox({"d", "d@example.org", "", 0, "", "x"}, t0);
  });
  const auto due = store_->claim_due(t0);
  ASSERT_EQ(due.size(), 3u);
  EXPECT_EQ(due[0].message.message_id, "b");
  committed([&](Store& s) {
    s.mark_sent(due[0].id, 1, 250, t0);
    s.mark_retry(due[1].id, 1, 421, "busy", t0 + minutes(1));
    s.mark_failed(due[2].id, 1, 550, "no such user", t0);
  });
  const auto rows = store_->outbox_rows();
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[1].state, OutboxState::sent);
  EXPECT_EQ(rows[1].last_code, 250);
  EXPECT_EQ(rows[1].finished, t0);
  EXPECT_EQ(rows[2].state, OutboxState::pending);
  EXPECT_EQ(rows[2].attempts, 1);
  EXPECT_EQ(rows[2].last_error, "busy");
  EXPECT_EQ(rows[2].next_attempt, t0 + minutes(1));
  EXPECT_EQ(rows[3].state, OutboxState::failed);
  EXPECT_EQ(rows[3].last_code, 550);
  EXPECT_EQ(rows[3].last_error, "no such user");
  EXPECT_TRUE(store_->claim_due(t0).empty());
  std::vector<std::string> later;
  for (const auto& r : store_->claim_due(t0 + minutes(5)))
    later.push_back(r.message.message_id);
  EXPECT_EQ(later, (std::vector<std::string>{"c", "late"}));  // by when they are due
  const auto stats = store_->outbox_stats(t0 + hours(1));
  EXPECT_EQ(stats.pending, 2);
  EXPECT_EQ(stats.failed, 1);
  EXPECT_EQ(stats.next_due, t0 + minutes(1));
}

TEST_P(StoreTest, AReleasedClaimIsDueAsItWas) {
  committed([&](Store& s) { s.add_to_outbox({"a", "a@example.org", "", 0, "", "x"}, t0); });
  const auto due = store_->claim_due(t0);
  ASSERT_EQ(due.size(), 1u);
  store_->release(due[0].id);
  ASSERT_EQ(store_->claim_due(t0).size(), 1u);
  EXPECT_EQ(store_->outbox_rows()[0].attempts, 0);
}

TEST_P(StoreTest, AClaimedRowIsNotClaimedAgainUntilMarkedOrItsClaimRunsOut) {
  committed([&](Store& s) { s.add_to_outbox({"a", "a@example.org", "", 0, "", "x"}, t0); });
  ASSERT_EQ(store_->claim_due(t0).size(), 1u);
  EXPECT_TRUE(store_->claim_due(t0).empty());  // before issue 12: claimed again, sent twice
  EXPECT_EQ(store_->claim_due(t0 + hours(2)).size(), 1u);  // its sender died
}

TEST_P(StoreTest, TheHolderOfTheStateLockTakesBackADeadTicksClaims) {
  committed([&](Store& s) {
    s.add_to_outbox({"a", "a@example.org", "", 0, "", "x"}, t0);
    s.add_to_outbox({"b", "b@example.org", "", 0, "", "y"}, t0);
  });
  ASSERT_EQ(store_->claim_due(t0).size(), 2u);  // then the tick is killed
  store_->release_claims();
  EXPECT_EQ(store_->claim_due(t0).size(), 2u);  // due now, not in an hour
}

// Two connections to one state: rows one claims, the other does not get until released.
void expect_disjoint_claims(Store& one, Store& two) {
  {
    auto tx = one.transaction();
    for (int i = 0; i < 10; ++i)
      one.add_to_outbox({"m" + std::to_string(i), "a@example.org", "", 0, "", "x"}, t0);
    tx.commit();
  }
  const auto first = one.claim_due(t0);
  EXPECT_EQ(first.size(), 10u);
  EXPECT_TRUE(two.claim_due(t0).empty());
  one.release(first[3].id);
  const auto second = two.claim_due(t0);
  ASSERT_EQ(second.size(), 1u);
  EXPECT_EQ(second[0].message.message_id, "m3");
}

TEST(StoreClaims, TwoProcessesClaimDisjointRows) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("mentorcal-claims-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  {
    auto one = open_store(dir / "state.sqlite3");
    auto two = open_store(dir / "state.sqlite3");
    expect_disjoint_claims(*one, *two);
  }
  std::filesystem::remove_all(dir);
}

TEST_P(StoreTest, AnEmptyOutboxHasNoStats) {
  const auto stats = store_->outbox_stats(t0);
  EXPECT_EQ(stats.pending, 0);
  EXPECT_EQ(stats.failed, 0);
  EXPECT_EQ(stats.oldest_pending, seconds(0));
  EXPECT_FALSE(stats.next_due);
}

TEST_P(StoreTest, RepliesAreRecordedInOrder) {
  committed([&](Store& s) {
    s.record_reply({t0, "u1", "ben@example.org", "REPLY", "ACCEPTED", 0, ReplyOutcome::applied,
                    "ben@example.org ACCEPTED"});
    s.record_reply({t0 + hours(1), "u9", "eve@example.org", "REPLY", "X-ODD", 3,
                    ReplyOutcome::ignored, "the UID is not a meeting mentorcal sent"});
    s.record_reply({t0 + hours(2), "u1", "ben@example.org", "REPLY", "DECLINED", 0,
                    ReplyOutcome::stale, "old"});
  });
  EXPECT_EQ(store_->reply_counts(),
            (std::map<ReplyOutcome, long long>{
                {ReplyOutcome::applied, 1}, {ReplyOutcome::ignored, 1}, {ReplyOutcome::stale, 1}}));
  const auto got = store_->replies();
  ASSERT_EQ(got.size(), 3u);
  EXPECT_EQ(got[0].received, t0);
  EXPECT_EQ(got[0].meeting_uid, "u1");
  EXPECT_EQ(got[0].attendee, "ben@example.org");
  EXPECT_EQ(got[0].method, "REPLY");
  EXPECT_EQ(got[0].partstat, "ACCEPTED");
  EXPECT_EQ(got[0].outcome, ReplyOutcome::applied);
  EXPECT_EQ(got[0].detail, "ben@example.org ACCEPTED");
  EXPECT_EQ(got[1].partstat, "X-ODD");  // outside input is kept verbatim
  EXPECT_EQ(got[1].sequence, 3);
  EXPECT_EQ(got[1].outcome, ReplyOutcome::ignored);
  EXPECT_EQ(got[2].outcome, ReplyOutcome::stale);
}

TEST_P(StoreTest, PairEndsTheLatestPerPair) {
  using config::EndReason;
  EXPECT_TRUE(store_->ended_pairs().empty());
  committed([&](Store& s) {
    s.record_pair_end("ana-ben", {year{2026} / December / 1, EndReason::goals_met}, t0);
    s.record_pair_end("cy-dee", {year{2027} / January / 5, EndReason::lost_contact}, t0);
    s.record_pair_end("ana-ben", {year{2026} / December / 3, EndReason::not_compatible}, t0);
  });
  const auto ends = store_->ended_pairs();
  ASSERT_EQ(ends.size(), 2u);
  EXPECT_EQ(ends.at("ana-ben").on, year{2026} / December / 3);
  EXPECT_EQ(ends.at("ana-ben").reason, EndReason::not_compatible);
  EXPECT_EQ(ends.at("cy-dee").reason, EndReason::lost_contact);
}

TEST_P(StoreTest, FeedsKeepTheLastGoodCopy) {
  EXPECT_FALSE(store_->feed_validators("ana"));
  committed([&](Store& s) {
    s.feed_fresh("ana", {"https://a.example/busy.ics", "\"e1\"", "Sun, 22 Nov 2026 08:00:00 GMT"},
                 "BEGIN:VCALENDAR\r\n", t0);
  });
  const auto v = store_->feed_validators("ana");
  ASSERT_TRUE(v);
  EXPECT_EQ(v->url, "https://a.example/busy.ics");
  EXPECT_EQ(v->etag, "\"e1\"");
  EXPECT_EQ(v->last_modified, "Sun, 22 Nov 2026 08:00:00 GMT");
  EXPECT_EQ(store_->feed_body("ana", "https://a.example/busy.ics"), "BEGIN:VCALENDAR\r\n");
  EXPECT_FALSE(store_->feed_body("ana", "https://elsewhere.example/busy.ics"));

  // A failure keeps the copy and says why; a 304 clears the error and renews the copy's age.
  committed([&](Store& s) {
    s.feed_failed("ana", "https://a.example/busy.ics", "timeout", t0 + hours(1));
  });
  auto states = store_->feed_states();
  ASSERT_EQ(states.size(), 1u);
  EXPECT_EQ(states[0].good_at, t0);
  EXPECT_EQ(states[0].error, "timeout");
  EXPECT_EQ(store_->feed_body("ana", "https://a.example/busy.ics"), "BEGIN:VCALENDAR\r\n");
  committed([&](Store& s) { s.feed_not_modified("ana", t0 + hours(2)); });
  states = store_->feed_states();
  EXPECT_EQ(states[0].good_at, t0 + hours(2));
  EXPECT_EQ(states[0].error, "");

  // A feed that never worked has a state but no copy.
  committed([&](Store& s) { s.feed_failed("ben", "https://b.example/x.ics", "404", t0); });
  states = store_->feed_states();
  ASSERT_EQ(states.size(), 2u);
  EXPECT_EQ(states[1].person, "ben");
  EXPECT_EQ(states[1].url, "https://b.example/x.ics");
  EXPECT_FALSE(states[1].good_at);
  EXPECT_FALSE(store_->feed_body("ben", "https://b.example/x.ics"));
}

TEST_P(StoreTest, SettingsAreKeyValue) {
  EXPECT_FALSE(store_->setting("imap.uidvalidity"));
  committed([&](Store& s) {
    s.set_setting("imap.uidvalidity", "42");
    s.set_setting("imap.last_uid", "7");
  });
  committed([&](Store& s) { s.set_setting("imap.last_uid", "8"); });
  EXPECT_EQ(store_->setting("imap.uidvalidity"), "42");
  EXPECT_EQ(store_->setting("imap.last_uid"), "8");
}

TEST_P(StoreTest, QueuedMessageIdsStartingWithPrefixesInOneQuery) {
  committed([&](Store& s) {
    s.add_to_outbox({"digest-2026-11-16.0@example.org", "admin@example.org", "", 0, "", "d"}, t0);
    s.add_to_outbox({"nudge-a_b%-x.0@example.org", "ana@example.org", "", 0, "", "n"}, t0);
    s.add_to_outbox({"ana-ben-1234@example.org", "ana@example.org", "u1", 0, "REQUEST", "i"}, t0);
  });
  constexpr std::string_view kPrefixes[] = {"digest-", "nudge-a_b%"};
  EXPECT_EQ(store_->queued_starting_with(kPrefixes),
            (std::set<std::string, std::less<>>{"digest-2026-11-16.0@example.org",
                                                "nudge-a_b%-x.0@example.org"}));
  constexpr std::string_view kNone[] = {"nudge-a_b_"};  // no LIKE wildcards
  EXPECT_TRUE(store_->queued_starting_with(kNone).empty());
  EXPECT_TRUE(store_->queued_starting_with({}).empty());
}

TEST_P(StoreTest, SettingsStartingWithAPrefixInOneQuery) {
  committed([&](Store& s) {
    s.set_setting("review.ana-ben", "2026-11-01");
    s.set_setting("review.cy_dee%", "2026-11-02");
    s.set_setting("reviewed", "not a review");
    s.set_setting("imap.last_uid", "42");
  });
  const auto got = store_->settings_starting_with("review.");
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got.at("review.ana-ben"), "2026-11-01");
  EXPECT_EQ(got.at("review.cy_dee%"), "2026-11-02");  // no LIKE wildcards
  EXPECT_TRUE(store_->settings_starting_with("review.x").empty());
  EXPECT_EQ(store_->settings_starting_with("").size(), 4u);
}

TEST_P(StoreTest, LinksKeepAHashAndAGenerationAndRetiredOnesMatchNothing) {
  EXPECT_FALSE(store_->link("ana"));
  committed([&](Store& s) {
    s.save_link({"ana", 1, std::string(64, 'a'), {}}, t0);
    s.save_link({"ben", 1, std::string(64, 'b'), {}}, t0);
  });
  EXPECT_EQ(store_->link("ana")->token_hash, std::string(64, 'a'));
  EXPECT_EQ(store_->link_by_hash(std::string(64, 'b'))->person, "ben");
  EXPECT_FALSE(store_->link_by_hash(std::string(64, 'c')));
  // Relink: a new generation and hash; the old hash matches nothing.
  committed([&](Store& s) { s.save_link({"ana", 2, std::string(64, 'c'), {}}, t0 + minutes(1)); });
  EXPECT_FALSE(store_->link_by_hash(std::string(64, 'a')));
  EXPECT_EQ(store_->link_by_hash(std::string(64, 'c'))->generation, 2);
  EXPECT_EQ(store_->link("ana")->changed, t0 + minutes(1));
  // Retired: no hash kept; two retired rows do not collide.
  committed([&](Store& s) {
    s.save_link({"ana", 2, "", {}}, t0);
    s.save_link({"ben", 1, "", {}}, t0);
  });
  EXPECT_FALSE(store_->link_by_hash(std::string(64, 'c')));
  EXPECT_EQ(store_->link("ana")->token_hash, "");
  EXPECT_EQ(store_->links().size(), 2u);
}

TEST_P(StoreTest, PartnersAwayDatesAreAddedAndRemovedByTheirPerson) {
  std::int64_t first = 0, second = 0;
  committed([&](Store& s) {
    first = s.add_away({0, "ana", "2026-12-07", "2026-12-13", "conference", {}}, t0);
    second = s.add_away({0, "ana", "2027-01-04", "2027-01-05", "", {}}, t0 + minutes(1));
    s.add_away({0, "ben", "2026-12-01", "2026-12-02", "", {}}, t0);
  });
  EXPECT_NE(first, second);
  auto rows = store_->partner_away();
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].person, "ana");
  EXPECT_EQ(rows[0].from, "2026-12-07");
  EXPECT_EQ(rows[0].note, "conference");
  EXPECT_EQ(rows[1].added, t0 + minutes(1));
  committed([&](Store& s) {
    EXPECT_FALSE(s.remove_away("ben", first));  // not ben's
    EXPECT_TRUE(s.remove_away("ana", first));
    EXPECT_FALSE(s.remove_away("ana", first));  // gone
  });
  rows = store_->partner_away();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].id, second);
}

TEST_P(StoreTest, PartnersWindowsAreOneRowPerPersonOverwritten) {
  committed([&](Store& s) {
    s.save_windows({"ana", "Mon 09:00-12:00", {}}, t0);
    s.save_windows({"ben", "Tue 18:00-20:00, Thu 18:00-20:00", {}}, t0);
  });
  committed([&](Store& s) { s.save_windows({"ana", "Wed 10:00-11:00", {}}, t0 + minutes(5)); });
  const auto rows = store_->partner_windows();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].person, "ana");
  EXPECT_EQ(rows[0].windows, "Wed 10:00-11:00");
  EXPECT_EQ(rows[0].changed, t0 + minutes(5));
  EXPECT_EQ(rows[1].windows, "Tue 18:00-20:00, Thu 18:00-20:00");
}

TEST_P(StoreTest, PartnersRequestsAreKeptInTheOrderAsked) {
  std::int64_t first = 0, second = 0;
  committed([&](Store& s) {
    first =
        s.add_request({0, "ana-ben", "ben", RequestKind::continue_no, "", "not a match", {}}, t0);
    second = s.add_request({0, "ana-ben", "ana", RequestKind::pause, "lost-contact", "", {}},
                           t0 + minutes(1));
  });
  EXPECT_NE(first, second);
  const auto rows = store_->partner_requests();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].id, first);
  EXPECT_EQ(rows[0].kind, RequestKind::continue_no);
  EXPECT_EQ(rows[0].word, "not a match");
  EXPECT_EQ(rows[0].asked, t0);
  EXPECT_EQ(rows[1].person, "ana");
  EXPECT_EQ(rows[1].kind, RequestKind::pause);
  EXPECT_EQ(rows[1].reason, "lost-contact");
  EXPECT_EQ(to_string(RequestKind::continue_yes), "continue-yes");
}

TEST_P(StoreTest, APersonsAwayDatesOnly) {
  committed([&](Store& s) {
    s.add_away({0, "ana", "2027-01-04", "2027-01-05", "", {}}, t0);
    s.add_away({0, "ben", "2026-12-01", "2026-12-02", "", {}}, t0);
    s.add_away({0, "ana", "2026-12-07", "2026-12-13", "conference", {}}, t0);
    s.add_away({0, "anabel", "2026-11-01", "2026-11-02", "", {}}, t0);
  });
  const auto ana = store_->partner_away_of("ana");
  ASSERT_EQ(ana.size(), 2u);
  EXPECT_EQ(ana[0].from, "2026-12-07");  // by start
  EXPECT_EQ(ana[0].note, "conference");
  EXPECT_EQ(ana[1].from, "2027-01-04");
  EXPECT_EQ(store_->partner_away_of("ben").size(), 1u);
  EXPECT_TRUE(store_->partner_away_of("cy").empty());
}

TEST_P(StoreTest, APairsMeetingsOnly) {
  committed([&](Store& s) {
    s.save_meeting(meeting("m1", t0 + hours(2)), t0);
    auto other = meeting("m2", t0 + hours(1));
    other.pair = "cy-di";
    s.save_meeting(other, t0);
    s.save_meeting(meeting("m3", t0 + hours(1)), t0);
  });
  const auto rows = store_->pair_meetings("ana-ben");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].uid, "m3");
  EXPECT_EQ(rows[1].uid, "m1");
}

TEST_P(StoreTest, ABackupIsTheStateAndReplacesTheLastBackupWhole) {
  if (GetParam() == "postgresql") {  // the server's tools back it up, not mentorcal
    try {
      store_->back_up("copy.sqlite3");
      FAIL() << "no error";
    } catch (const StoreError& e) {
      EXPECT_NE(std::string(e.what()).find("back it up with pg_dump"), std::string::npos)
          << e.what();
    }
    EXPECT_FALSE(std::filesystem::exists("copy.sqlite3"));
    return;
  }
  const auto dir = std::filesystem::temp_directory_path() /
                   ("mentorcal-backup-" + std::to_string(::getpid()) + "-" + GetParam());
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  committed([&](Store& s) {
    s.save_meeting(meeting("u1", t0 + days(1)), t0);
    s.save_meeting(meeting("u2", t0 + days(2)), t0);
    s.add_to_outbox({"m1", "ana@example.org", "u1", 0, "REQUEST", "bytes\r\n"}, t0);
    s.set_setting("imap.last_uid", "42");
  });
  store_->back_up(dir / "copy.sqlite3");
  committed([&](Store& s) { s.save_meeting(meeting("u3", t0 + days(3)), t0); });
  {
    const auto copy = open_existing(dir / "copy.sqlite3");
    ASSERT_TRUE(copy);
    EXPECT_EQ(copy->all_meetings().size(), 2u);  // as of the backup, not after
    ASSERT_EQ(copy->outbox_rows().size(), 1u);
    EXPECT_EQ(copy->outbox_rows()[0].message.bytes, "bytes\r\n");
    EXPECT_EQ(copy->setting("imap.last_uid"), "42");
  }
  store_->back_up(dir / "copy.sqlite3");
  EXPECT_EQ(open_existing(dir / "copy.sqlite3")->all_meetings().size(), 3u);
  EXPECT_FALSE(std::filesystem::exists(dir / "copy.sqlite3.partial"));
  std::filesystem::remove_all(dir);
}

TEST_P(StoreTest, ABackupThatCannotBeWrittenSaysWhereAndWhy) {
  try {
    store_->back_up("/nonexistent-folder/copy.sqlite3");
    FAIL() << "no error";
  } catch (const StoreError& e) {
    EXPECT_NE(std::string(e.what()).find("cannot back up the state to /nonexistent-folder/"),
              std::string::npos)
        << e.what();
  }
}

// state copy: to a SQLite file and back onto this store, every table with the same counts and
// checksums; a target that holds a state refused unless replaced; new rows numbered after the
// copied ones; a changed byte changes the checksum.
TEST_P(StoreTest, ACopyHasTheSameCountsAndChecksumsBothWays) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("mentorcal-copy-" + std::to_string(::getpid()) + "-" + GetParam());
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  committed([&](Store& s) {
    auto m = meeting("u1", t0 + days(1));
    m.makes_up = t0;
    s.save_meeting(m, t0);
    s.save_meeting(meeting("u2", t0 + days(2)), t0);
    s.add_to_outbox({"m1", "ana@example.org", "u1", 0, "REQUEST", std::string("a\0\xff\r\n", 5)},
                    t0);
    s.add_to_outbox({"m2", "ben@example.org", "", 0, "", "digest"}, t0);
    s.record_reply(
        {t0, "u1", "ana@example.org", "REPLY", "ACCEPTED", 0, ReplyOutcome::applied, "ok"});
    s.record_pair_end("ana-ben", {year{2026} / December / 1, config::EndReason::goals_met}, t0);
    s.feed_fresh("ana", {"https://example.org/a.ics", "\"e\"", ""}, "BEGIN:VCALENDAR", t0);
    s.set_setting("imap.last_uid", "42");
    s.audit(t0, "invited", "u1", "ana-ben");
    s.save_link({"ana", 1, std::string(64, 'a'), {}}, t0);
    s.save_link({"ben", 2, "", {}}, t0);
    s.add_away({0, "ana", "2026-12-07", "2026-12-13", "conference", {}}, t0);
    s.save_windows({"ana", "Mon 09:00-12:00", {}}, t0);
    s.add_request({0, "ana-ben", "ben", RequestKind::end, "goals-met", "thanks", {}}, t0);
  });
  store_->mark_sent(store_->claim_due(t0).front().id, 1, 250, t0);
  const auto before = table_sums(*store_);
  auto copy = open_store(dir / "copy.sqlite3");
  EXPECT_EQ(copy_state(*store_, *copy, false), before);
  EXPECT_EQ(table_sums(*copy), before);
  EXPECT_EQ(before.size(), 12u);  // partners' links, away dates, windows and requests too
  EXPECT_EQ(before[11].table, "partner_requests");
  EXPECT_EQ(before[11].rows, 1);
  EXPECT_EQ(copy->partner_windows().at(0).windows, "Mon 09:00-12:00");
  EXPECT_EQ(before[1].table, "outbox");
  EXPECT_EQ(before[1].rows, 2);
  EXPECT_EQ(before[2].table, "outbox_bytes");  // the messages' bytes, copied with their rows
  EXPECT_EQ(before[2].rows, 2);
  try {
    copy_state(*store_, *copy, false);
    ADD_FAILURE() << "a target that holds a state was not refused";
  } catch (const StoreError& e) {
    EXPECT_NE(std::string(e.what()).find("already holds a state"), std::string::npos) << e.what();
  }
  EXPECT_EQ(table_sums(*copy), before);  // untouched
  // A row added to the copy (id 3), then back onto this store, replacing it: the same sums; a new
  // row goes on after the copied ids (PostgreSQL's identity would hand out 3 again).
  copy->add_to_outbox({"m3", "ana@example.org", "", 0, "", "x"}, t0);
  const auto grown = table_sums(*copy);
  EXPECT_EQ(copy_state(*copy, *store_, true), grown);
  EXPECT_EQ(table_sums(*store_), grown);
  committed([&](Store& s) { s.add_to_outbox({"m4", "ana@example.org", "", 0, "", "y"}, t0); });
  EXPECT_EQ(store_->outbox_rows().size(), 4u);
  // One changed byte changes the table's checksum.
  committed([&](Store& s) { s.set_setting("imap.last_uid", "43"); });
  const auto changed = table_sums(*store_);
  EXPECT_NE(changed[6].checksum, grown[6].checksum);
  EXPECT_EQ(changed[6].rows, grown[6].rows);
  copy.reset();
  std::filesystem::remove_all(dir);
}

INSTANTIATE_TEST_SUITE_P(Sqlite, StoreTest, ::testing::Values("file", "memory"),
                         [](const auto& info) { return info.param; });
// Feeds for `count` people p0000, p0001...: every third one never worked (no copy).
void add_feeds(Store& store, int count) {
  auto tx = store.transaction();
  for (int i = 0; i < count; ++i) {
    const auto person = fmt::format("p{:04}", i);
    const auto url = "https://f.example/" + person + ".ics";
    if (i % 3 == 2) {
      store.feed_failed(person, url, "404", t0);
    } else {
      store.feed_fresh(person, {url, "\"" + person + "\"", ""}, "BODY " + person, t0);
    }
  }
  tx.commit();
}

TEST_P(StoreTest, EveryFeedCopyIsReadOncePageByPage) {
  add_feeds(*store_, 1200);  // more than two pages
  std::vector<std::string> seen;
  store_->each_feed_body(
      [&](const std::string& person, const std::string& url, const std::string& body) {
        EXPECT_EQ(url, "https://f.example/" + person + ".ics");
        EXPECT_EQ(body, "BODY " + person);
        seen.push_back(person);
      });
  ASSERT_EQ(seen.size(), 800u);  // each good copy once, by person; none of the failed ones
  EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
  EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()).size(), 800u);
  EXPECT_EQ(seen.front(), "p0000");
  EXPECT_EQ(seen.back(), "p1198");

  const auto all = store_->all_feed_validators();
  ASSERT_EQ(all.size(), 1200u);  // a failed one has its URL too
  EXPECT_EQ(all.at("p0007").url, "https://f.example/p0007.ics");
  EXPECT_EQ(all.at("p0007").etag, "\"p0007\"");
  EXPECT_EQ(all.at("p0002").url, "https://f.example/p0002.ics");
  EXPECT_EQ(all.at("p0002").etag, "");
}

INSTANTIATE_TEST_SUITE_P(Postgres, StoreTest, ::testing::ValuesIn(postgres_if_given()),
                         [](const auto& info) { return info.param; });

// What only a shared state can show: two connections to one PostgreSQL database.
class PostgresStore : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override { empty_postgres(); }
  std::unique_ptr<Store> open() { return open_store(postgres_url(), postgres_password()); }
};
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(PostgresStore);

TEST_P(PostgresStore, TwoConnectionsClaimDisjointRows) {
  expect_disjoint_claims(*open(), *open());
}

TEST_P(PostgresStore, ClaimsAtTheSameTimeNeverShareARow) {
  {
    auto store = open();
    auto tx = store->transaction();
    for (int i = 0; i < 400; ++i)
      store->add_to_outbox({"m" + std::to_string(i), "a@example.org", "", 0, "", "x"}, t0);
    tx.commit();
  }
  std::vector<std::vector<OutboxRow>> claimed(4);
  std::vector<std::thread> claimers;
  for (auto& mine : claimed) {
    claimers.emplace_back([&] {
      auto store = open();
      mine = store->claim_due(t0);
    });
  }
  for (auto& c : claimers)
    c.join();
  std::set<std::int64_t> ids;
  std::size_t total = 0;
  for (const auto& mine : claimed) {
    total += mine.size();
    for (const auto& row : mine)
      ids.insert(row.id);
  }
  EXPECT_EQ(total, 400u);  // every row claimed once: none by two claimers, none left
  EXPECT_EQ(ids.size(), 400u);
}

TEST_P(PostgresStore, AClaimSkipsRowsAnotherTransactionHoldsWithoutWaiting) {
  auto store = open();
  {
    auto tx = store->transaction();
    for (int i = 0; i < 3; ++i)
      store->add_to_outbox({"m" + std::to_string(i), "a@example.org", "", 0, "", "x"}, t0);
    tx.commit();
  }
  pg::Session other(postgres_url(), postgres_password());
  other.exec("BEGIN; SELECT id FROM outbox WHERE message_id = 'm1' FOR UPDATE");
  auto claimed = std::async(std::launch::async, [&] { return store->claim_due(t0); });
  const bool waited = claimed.wait_for(seconds(5)) != std::future_status::ready;
  other.exec("ROLLBACK");  // lets a claim that waited go on
  EXPECT_FALSE(waited) << "the claim waited for the other transaction's row";
  const auto rows = claimed.get();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].message.message_id, "m0");
  EXPECT_EQ(rows[1].message.message_id, "m2");
}

TEST_P(PostgresStore, TheStateLockIsOneHolderAtATime) {
  auto one = open();
  auto two = open();
  std::atomic<bool> second_waited = false, second_has_it = false;
  std::optional<StateLock> first;
  first.emplace(*one, [] { ADD_FAILURE() << "the first waited"; });
  std::thread second([&] {
    StateLock lock(*two, [&] { second_waited = true; });
    second_has_it = true;
  });
  for (int i = 0; i < 100 && !second_waited; ++i)
    std::this_thread::sleep_for(milliseconds(50));
  EXPECT_TRUE(second_waited);
  std::this_thread::sleep_for(milliseconds(200));
  EXPECT_FALSE(second_has_it);
  first.reset();
  one.reset();  // closing its connection lets go
  second.join();
  EXPECT_TRUE(second_has_it);
}

TEST_P(PostgresStore, AHolderCutOffFromTheServerLosesTheLockAndItsStoreTogether) {
  auto holder = open();
  StateLock lock(*holder, [] { ADD_FAILURE() << "waited"; });
  pg::Session(postgres_url(), postgres_password())
      .exec(fmt::format(
          "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND "
          "classid = {} AND objid = {} AND granted",
          pg::kLockSpace, pg::kTickLock));
  auto next = open();
  StateLock taken(*next, [] {});                    // the server let go
  EXPECT_THROW(holder->claim_due(t0), StoreError);  // and the cut-off tick cannot go on
}

TEST_P(PostgresStore, MigratesOnceWhenManyOpenAtOnce) {
  std::vector<std::thread> openers;
  std::atomic<int> failed = 0;
  for (int i = 0; i < 4; ++i) {
    openers.emplace_back([&] {
      try {
        open();
      } catch (const StoreError&) {
        ++failed;
      }
    });
  }
  for (auto& o : openers)
    o.join();
  EXPECT_EQ(failed, 0);
}

TEST_P(PostgresStore, RefusesANewerSchemaWithTheSameMessageAsSqlite) {
  open();
  pg::Session(postgres_url(), postgres_password()).exec("UPDATE schema_version SET version = 99");
  try {
    open();
    FAIL() << "opened a database from the future";
  } catch (const StoreError& e) {
    EXPECT_NE(
        std::string(e.what()).find("schema version 99, newer than this mentorcal understands"),
        std::string::npos)
        << e.what();
    EXPECT_EQ(std::string(e.what()).find(postgres_password()), std::string::npos);
  }
}

TEST_P(PostgresStore, AnOlderSchemaIsMigratedInPlace) {
  open();
  // A state as version 2 left it: no makes_up yet, no links (version 4), no partners' windows
  // (version 5), a message's bytes in its outbox row (version 6).
  pg::Session(postgres_url(), postgres_password())
      .exec(
          "ALTER TABLE meetings DROP COLUMN makes_up; DROP TABLE links, partner_away, "
          "partner_windows, partner_requests; "
          "DROP TABLE outbox_bytes; ALTER TABLE outbox ADD COLUMN bytes BYTEA NOT NULL; "
          "INSERT INTO outbox (message_id, recipient, bytes, state, next_attempt, created) "
          "VALUES ('m1', 'a@example.org', '\\x0d0a41', 'pending', 1, 1); "
          "UPDATE schema_version SET version = 2");
  auto store = open();
  ASSERT_EQ(store->outbox_rows().size(), 1u);
  EXPECT_EQ(store->outbox_rows()[0].message.bytes, "\r\nA");
  MeetingRow m = meeting("u1", t0 + days(40));
  m.makes_up = t0 + days(3);
  {
    auto tx = store->transaction();
    store->save_meeting(m, t0);
    tx.commit();
  }
  EXPECT_EQ(store->find_meeting("u1")->makes_up, m.makes_up);
  EXPECT_TRUE(store->links().empty());
  EXPECT_TRUE(store->partner_windows().empty());
  EXPECT_TRUE(store->partner_requests().empty());
  pg::Database db(postgres_url(), postgres_password(), false);
  auto version = db.prepare("SELECT version FROM schema_version");
  ASSERT_TRUE(version.step());
  EXPECT_EQ(version.integer(0), sqlite::Database::kSchemaVersion);
}

TEST_P(PostgresStore, OpenExistingIsNullForADatabaseThatNeverHeldAState) {
  EXPECT_FALSE(open_existing(postgres_url(), postgres_password()));
  open();
  EXPECT_TRUE(open_existing(postgres_url(), postgres_password()));
}

TEST_P(PostgresStore, AWrongPasswordSaysWhereWithoutThePassword) {
  try {
    open_store(postgres_url(), "not the password");
    FAIL() << "connected";
  } catch (const StoreError& e) {
    EXPECT_NE(std::string(e.what()).find("cannot connect to the state database postgresql://"),
              std::string::npos)
        << e.what();
    EXPECT_NE(std::string(e.what()).find("password authentication failed"), std::string::npos)
        << e.what();
  }
}

TEST_P(PostgresStore, ThePasswordIsNeverInTheUrl) {
  auto url = postgres_url();
  url.replace(url.find("mentorcal@"), 10, "mentorcal:" + postgres_password() + "@");
  EXPECT_THROW(open_store(url, ""), StoreError);
}

TEST_P(PostgresStore, TheServerIsVerifiedAgainstTheGivenCa) {
  // Without the test CA (and no ~/.postgresql/root.crt), verify-full refuses the server.
  auto url = postgres_url().substr(0, postgres_url().find('?'));
  EXPECT_THROW(open_store(url + "?sslrootcert=/nonexistent/ca.pem", postgres_password()),
               StoreError);
  // A CA that did not sign the server's certificate: refused too.
  EXPECT_THROW(
      open_store(url + "?sslrootcert=/etc/ssl/certs/ca-certificates.crt", postgres_password()),
      StoreError);
}

TEST_P(PostgresStore, TheUrlMayChooseALesserSslmode) {
  // An operator's explicit choice: sslmode=require encrypts without checking the CA.
  auto url = postgres_url().substr(0, postgres_url().find('?'));
  EXPECT_NO_THROW(
      open_store(url + "?sslmode=require&sslrootcert=/nonexistent/ca.pem", postgres_password()));
}

std::int64_t round_trips(Store& store) {
  return dynamic_cast<pg::Database&>(dynamic_cast<SqliteStore&>(store).database())
      .session()
      .round_trips();
}

// A tick writes in transactions; each write waiting for its answer cost a round trip apiece (an
// unchanged tick at 10k pairs made ~4,800, most of its time on PostgreSQL).
TEST_P(PostgresStore, AWriteTransactionIsOneRoundTripHoweverManyWrites) {
  auto store = open();
  const auto before = round_trips(*store);
  {
    auto tx = store->transaction();
    // 150 messages (a row and its bytes each) and their audit rows: 450 writes, under the 512
    // that may wait unanswered.
    for (int i = 0; i < 150; ++i) {
      store->add_to_outbox({"m" + std::to_string(i), "a@example.org", "", 0, "", "x"}, t0);
      store->audit(t0, "queued", "m" + std::to_string(i), "");
    }
    tx.commit();
  }
  EXPECT_EQ(round_trips(*store) - before, 1);
  EXPECT_EQ(store->outbox_stats(t0).pending, 150);  // all of it committed
  EXPECT_EQ(store->outbox_rows().at(149).message.bytes, "x");
  // More writes than may wait unanswered: a few round trips, not one per write.
  const auto then = round_trips(*store);
  {
    auto tx = store->transaction();
    for (int i = 0; i < 3000; ++i)
      store->audit(t0, "k", "s", "d");
    tx.commit();
  }
  EXPECT_LE(round_trips(*store) - then, 8);
}

TEST_P(PostgresStore, FeedsAreReadInAFewRoundTripsNotOnePerPerson) {
  auto store = open();
  add_feeds(*store, 1200);
  auto before = round_trips(*store);
  int copies = 0;
  store->each_feed_body([&](const auto&, const auto&, const auto&) { ++copies; });
  EXPECT_EQ(copies, 800);
  EXPECT_LE(round_trips(*store) - before, 2);  // two pages of 512
  before = round_trips(*store);
  EXPECT_EQ(store->all_feed_validators().size(), 1200u);
  EXPECT_EQ(round_trips(*store) - before, 1);
}

// A queued write that fails fails the transaction as a write that ran at once would: the next
// read or the commit throws the server's reason, nothing of the transaction is kept, and the
// connection (its prepared statements too) goes on working.
TEST_P(PostgresStore, AFailedQueuedWriteFailsTheCommitAndNothingIsKept) {
  open();
  pg::Database db(postgres_url(), postgres_password());
  const auto insert = [&](std::string_view key) {
    db.prepare("INSERT INTO settings (key, value) VALUES (?, 'v')").bind(1, key).run();
  };
  const auto count = [&] {
    auto q = db.prepare("SELECT count(*) FROM settings");
    q.step();
    return q.integer(0);
  };
  try {
    sql::Transaction tx(db);
    insert("a");
    insert("a");  // a duplicate key: only queued, so no throw yet
    insert("b");
    tx.commit();
    FAIL() << "committed";
  } catch (const StoreError& e) {
    EXPECT_NE(std::string(e.what()).find("duplicate key"), std::string::npos) << e.what();
  }
  EXPECT_EQ(count(), 0);
  try {
    sql::Transaction tx(db);
    insert("a");
    insert("a");
    count();  // a read in the transaction answers for what was queued before it
    FAIL() << "read past a failed write";
  } catch (const StoreError& e) {
    EXPECT_NE(std::string(e.what()).find("duplicate key"), std::string::npos) << e.what();
  }
  // A statement the server cannot prepare: refused each time, and the rest is unharmed.
  for (int i = 0; i < 2; ++i) {
    sql::Transaction tx(db);
    db.prepare("INSERT INTO no_such_table VALUES (?)").bind(1, 1).run();
    EXPECT_THROW(tx.commit(), StoreError);
  }
  {
    sql::Transaction tx(db);
    insert("a");
    insert("b");
    tx.commit();
  }
  EXPECT_EQ(count(), 2);
}

// The daemons' leader lease: one holder; the others see who leads; a holder cut off from the
// server finds out at its next check and the lease is free for the next.
TEST_P(PostgresStore, TheLeaderLeaseHasOneHolderWhoIsNamed) {
  LeaderLease one(postgres_url(), postgres_password(), "host-a (pid 1)");
  LeaderLease two(postgres_url(), postgres_password(), "host-b (pid 2)");
  auto store = open();
  EXPECT_FALSE(leader_of(*store));  // no one holds it yet
  EXPECT_TRUE(one.try_take("2026-11-22T09:00:00Z"));
  EXPECT_NO_THROW(one.check());
  EXPECT_FALSE(two.try_take("2026-11-22T09:00:01Z"));
  const auto leader = two.leader();
  ASSERT_TRUE(leader);
  EXPECT_EQ(leader->who, "host-a (pid 1)");
  EXPECT_EQ(leader->since, "2026-11-22T09:00:00Z");
  ASSERT_TRUE(leader_of(*store));
  EXPECT_EQ(leader_of(*store)->who, "host-a (pid 1)");
  EXPECT_TRUE(has_lease(*store));
  pg::Session(postgres_url(), postgres_password())
      .exec(
          "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = "
          "'mentorcal lease host-a (pid 1)'");
  EXPECT_THROW(one.check(), StoreError);
  EXPECT_TRUE(two.try_take("2026-11-22T09:00:02Z"));
  EXPECT_EQ(leader_of(*store)->who, "host-b (pid 2)");
}

TEST(SqliteLease, ASqliteStateHasNoLeaseAndNoLeader) {
  auto store = open_store(":memory:");
  EXPECT_FALSE(has_lease(*store));
  EXPECT_FALSE(leader_of(*store));
}

INSTANTIATE_TEST_SUITE_P(Postgres, PostgresStore, ::testing::ValuesIn(postgres_if_given()),
                         [](const auto& info) { return info.param; });

TEST(FileStore, KeepsItsStateWhenReopened) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("mentorcal-store-" + std::to_string(::getpid()) + "-reopen");
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  {
    const auto store = open_store(dir / "state.sqlite3");
    auto tx = store->transaction();
    store->save_meeting(meeting("u1", t0), t0);
    store->set_setting("k", "v");
    tx.commit();
  }
  const auto store = open_existing(dir / "state.sqlite3");
  ASSERT_TRUE(store);
  EXPECT_TRUE(store->find_meeting("u1"));
  EXPECT_EQ(store->setting("k"), "v");
  EXPECT_FALSE(open_existing(dir / "never-ran.sqlite3"));
  EXPECT_FALSE(std::filesystem::exists(dir / "never-ran.sqlite3"));
  std::filesystem::remove_all(dir);
}

// status, plan and backup open the state while a tick holds the write lock, often for longer than
// the busy timeout: opening a state that needs no migration takes no write lock (CI's ASan run
// failed `backup` with "database is locked" when it did).
TEST(FileStore, OpensWhileAWriterHoldsTheLock) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("mentorcal-store-" + std::to_string(::getpid()) + "-open-locked");
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const auto writer = open_store(dir / "state.sqlite3");
  auto tx = writer->transaction();
  writer->save_meeting(meeting("u1", t0), t0);
  const auto started = std::chrono::steady_clock::now();
  const auto reader = open_existing(dir / "state.sqlite3");
  ASSERT_TRUE(reader);
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(2));
  EXPECT_TRUE(reader->all_meetings().empty());  // the writer has not committed
  tx.commit();
  EXPECT_EQ(reader->all_meetings().size(), 1u);
  std::filesystem::remove_all(dir);
}

// The daemon goes on committing while an admin backs up: no copy is torn, each is the state as of
// one commit, and the writer is never kept waiting past its busy timeout.
TEST(FileStore, BacksUpWhileAnotherConnectionWrites) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("mentorcal-store-" + std::to_string(::getpid()) + "-backup-live");
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const auto reader = open_store(dir / "state.sqlite3");
  std::atomic<bool> stop = false;
  std::atomic<int> written = 0;
  std::thread writer([&] {
    const auto store = open_store(dir / "state.sqlite3");
    while (!stop) {
      const int n = written;
      auto tx = store->transaction();
      // Two rows per commit: a torn copy would hold an odd number.
      store->save_meeting(meeting("a" + std::to_string(n), t0 + days(n)), t0);
      store->save_meeting(meeting("b" + std::to_string(n), t0 + days(n)), t0);
      tx.commit();
      ++written;
    }
  });
  std::size_t last = 0;
  for (int i = 0; i < 20; ++i) {
    reader->back_up(dir / "copy.sqlite3");
    const auto count = open_existing(dir / "copy.sqlite3")->all_meetings().size();
    EXPECT_EQ(count % 2, 0u) << "copy " << i << " holds half a commit";
    EXPECT_GE(count, last);
    last = count;
  }
  stop = true;
  writer.join();
  EXPECT_GT(written.load(), 0);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace mentorcal::store
