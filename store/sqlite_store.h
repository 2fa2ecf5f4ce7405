// The store over one SQLite file (store/database.h: WAL, synchronous=FULL, versioned migrations).
// One process writes at a time (BEGIN IMMEDIATE waits for the other), so claiming due outbox rows
// needs no lock of its own.
#pragma once

#include <filesystem>

#include "store/database.h"
#include "store/store.h"

namespace mentorcal::store {

class SqliteStore final : public Store {
 public:
  // Open (creating and migrating if needed). Throws StoreError.
  explicit SqliteStore(const std::filesystem::path& path);

  // The database underneath, for store/'s own tests.
  sqlite::Database& database() { return db_; }

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
  std::vector<OutboxRow> claim_due(Instant now) override;
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

  PairEnds ended_pairs() override;
  void record_pair_end(std::string_view pair, const scheduler::PairEnd& end, Instant now) override;

  std::optional<FeedValidators> feed_validators(std::string_view person) override;
  void feed_fresh(std::string_view person, const FeedValidators& validators, std::string_view body,
                  Instant now) override;
  void feed_not_modified(std::string_view person, Instant now) override;
  void feed_failed(std::string_view person, std::string_view url, std::string_view error,
                   Instant now) override;
  std::optional<std::string> feed_body(std::string_view person, std::string_view url) override;
  std::vector<FeedState> feed_states() override;

  std::optional<std::string> setting(std::string_view key) override;
  void set_setting(std::string_view key, std::string_view value) override;

  void back_up(const std::filesystem::path& file) override;

 private:
  std::vector<MeetingRow> select_meetings(std::string_view where);

  sqlite::Database db_;
};

// Return seconds since the epoch, as the tables keep times; and back.
std::int64_t unix_time(Instant t);
Instant from_unix(std::int64_t seconds);

}  // namespace mentorcal::store
