// The store over SQL, on either side of the seam store/sql.h: one SQLite file (store/database.h:
// WAL, synchronous=FULL, versioned migrations) or one PostgreSQL database (store/pg_database.h).
// Each method's SQL is written once and runs on both. (The name is from when SQLite was the only
// engine.) SQLite: one process writes at a time (BEGIN IMMEDIATE waits for the other), so
// claiming due outbox rows needs no lock of its own; PostgreSQL: claim_due selects FOR UPDATE
// SKIP LOCKED.
#pragma once

#include <filesystem>
#include <memory>

#include "store/database.h"  // sqlite::Statement and sqlite::Transaction name the seam's types
#include "store/sql.h"
#include "store/store.h"

namespace mentorcal::store {

class SqliteStore final : public Store {
 public:
  // Over a connection opened and migrated (store/database.h, store/pg_database.h).
  explicit SqliteStore(std::unique_ptr<sql::Connection> db);

  // The database underneath, for store/'s own tests.
  sql::Connection& database() { return db_; }

  Transaction transaction() override;

  std::vector<MeetingRow> booked_meetings() override;
  std::vector<MeetingRow> all_meetings() override;
  int booked_count(Instant now) override;
  std::optional<MeetingRow> find_meeting(std::string_view uid) override;
  std::set<std::string, std::less<>> meeting_uids() override;
  void save_meeting(const MeetingRow& meeting, Instant now) override;
  void audit(Instant now, std::string_view kind, std::string_view subject,
             std::string_view detail) override;

  void add_to_outbox(const OutboxMessage& message, Instant now) override;
  bool is_queued(std::string_view message_id) override;
  std::set<std::string, std::less<>> queued_starting_with(
      std::span<const std::string_view> prefixes) override;
  std::vector<OutboxRow> claim_due(Instant now, std::size_t at_most = kEveryRow,
                                   std::optional<DueCursor> after = std::nullopt) override;
  void release(std::int64_t id) override;
  void release_claims() override;
  void mark_sent(std::int64_t id, int attempts, int code, Instant now) override;
  void mark_retry(std::int64_t id, int attempts, int code, std::string_view error,
                  Instant next_attempt) override;
  void mark_failed(std::int64_t id, int attempts, int code, std::string_view error,
                   Instant now) override;
  std::vector<OutboxRow> outbox_rows() override;
  OutboxStats outbox_stats(Instant now) override;

  void record_reply(const ReplyRecord& reply) override;
  std::vector<ReplyRecord> replies() override;
  std::map<ReplyOutcome, long long> reply_counts() override;

  PairEnds ended_pairs() override;
  void record_pair_end(std::string_view pair, const scheduler::PairEnd& end, Instant now) override;

  std::optional<FeedValidators> feed_validators(std::string_view person) override;
  std::map<std::string, FeedValidators, std::less<>> all_feed_validators() override;
  void feed_fresh(std::string_view person, const FeedValidators& validators, std::string_view body,
                  Instant now) override;
  void feed_not_modified(std::string_view person, Instant now) override;
  void feed_failed(std::string_view person, std::string_view url, std::string_view error,
                   Instant now) override;
  std::optional<std::string> feed_body(std::string_view person, std::string_view url) override;
  void each_feed_body(const FeedBodyUse& use) override;
  std::vector<FeedState> feed_states() override;

  std::optional<std::string> setting(std::string_view key) override;
  void set_setting(std::string_view key, std::string_view value) override;
  std::map<std::string, std::string, std::less<>> settings_starting_with(
      std::string_view prefix) override;

  void back_up(const std::filesystem::path& file) override;

  std::vector<MeetingRow> pair_meetings(std::string_view pair) override;
  std::optional<std::int64_t> others_changes() override { return db_.data_version(); }
  std::int64_t add_away(const AwayRow& row, Instant now) override;
  bool remove_away(std::string_view person, std::int64_t id) override;
  std::vector<AwayRow> partner_away() override;
  void save_windows(const WindowsRow& row, Instant now) override;
  std::vector<WindowsRow> partner_windows() override;
  std::int64_t add_request(const RequestRow& row, Instant now) override;
  std::vector<RequestRow> partner_requests() override;
  std::vector<AwayRow> partner_away_of(std::string_view person) override;
  std::optional<LinkRow> link(std::string_view person) override;
  std::optional<LinkRow> link_by_hash(std::string_view token_hash) override;
  std::vector<LinkRow> links() override;
  void save_link(const LinkRow& row, Instant now) override;

 private:
  std::vector<MeetingRow> select_meetings(std::string_view where);

  std::unique_ptr<sql::Connection> owned_;
  sql::Connection& db_;
};

// Return seconds since the epoch, as the tables keep times; and back.
std::int64_t unix_time(Instant t);
Instant from_unix(std::int64_t seconds);

}  // namespace mentorcal::store
