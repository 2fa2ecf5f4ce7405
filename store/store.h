// The state store: what mentorcal remembers between ticks, as typed rows and operations. The rest
// of the program speaks only this interface; store/sqlite_store.h implements it over one SQLite
// file, and nothing above store/ sees SQL or the database behind it.
//
// Every write REQUIRES: inside a Transaction of the same store (so a meeting and the messages it
// causes commit together), unless its comment says it runs on its own. Reads may run inside or
// outside one. Failures throw StoreError.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "scheduler/health.h"
#include "store/away.h"
#include "store/feeds.h"
#include "store/links.h"
#include "store/meetings.h"
#include "store/outbox.h"
#include "store/partner_changes.h"
#include "store/replies.h"

namespace mentorcal::store {

// A failure of the store: it cannot be opened, is too new, or refused a statement.
class StoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A unit of work: commit() makes every write since it began durable at once; destroyed without
// commit(), it rolls them back. Move-only; at most one open per store.
class Transaction {
 public:
  // What an implementation provides: commit(), and a rollback in its destructor unless committed.
  class Body {
   public:
    virtual ~Body() = default;
    virtual void commit() = 0;
  };

  explicit Transaction(std::unique_ptr<Body> body) : body_(std::move(body)) {}
  Transaction(Transaction&&) noexcept = default;
  Transaction& operator=(Transaction&&) noexcept = default;
  // Throws StoreError; the transaction is then rolled back.
  void commit() { body_->commit(); }

 private:
  std::unique_ptr<Body> body_;
};

using PairEnds = std::map<std::string, scheduler::PairEnd, std::less<>>;

class Store {
 public:
  virtual ~Store() = default;

  // Begin a transaction (SQLite: BEGIN IMMEDIATE, waiting up to 5 s for another writer).
  [[nodiscard]] virtual Transaction transaction() = 0;

  // Meetings.
  // Return the meetings with status booked, by start (then UID).
  virtual std::vector<MeetingRow> booked_meetings() = 0;
  // Return every meeting, booked or cancelled, by start (then UID).
  virtual std::vector<MeetingRow> all_meetings() = 0;
  // Return how many booked meetings start at or after `now`.
  virtual int booked_count(Instant now) = 0;
  // Return the meetings of one pair, booked or cancelled, by start (then UID).
  virtual std::vector<MeetingRow> pair_meetings(std::string_view pair) = 0;
  // Return the meeting with this UID, if any.
  virtual std::optional<MeetingRow> find_meeting(std::string_view uid) = 0;
  // Return the UID of every meeting ever sent.
  virtual std::set<std::string, std::less<>> meeting_uids() = 0;
  // Insert a new meeting or overwrite the one with the same UID (its people, pair, `first` and
  // `created` stay as first saved; `created` is `now` for a new one).
  virtual void save_meeting(const MeetingRow& meeting, Instant now) = 0;
  // Append a line to the audit log.
  virtual void audit(Instant now, std::string_view kind, std::string_view subject,
                     std::string_view detail) = 0;

  // The outbox.
  // Add a pending message, due at `now`. A message whose Message-ID is already in the outbox is
  // not added again (the first one stays as it was).
  virtual void add_to_outbox(const OutboxMessage& message, Instant now) = 0;
  // Return whether a message with this Message-ID was ever added.
  virtual bool is_queued(std::string_view message_id) = 0;
  // The Message-IDs in the outbox that start with any of `prefixes`, in one query (a look-up per
  // letter would be a round trip each on PostgreSQL).
  virtual std::set<std::string, std::less<>> queued_starting_with(
      std::span<const std::string_view> prefixes) = 0;
  // Return the pending messages due at `now`, earliest due first, claimed for this caller until
  // each is marked or released: another process claiming at the same time does not get them
  // (a server database: SELECT ... FOR UPDATE SKIP LOCKED). Runs on its own, outside a
  // transaction. At most `at_most` rows, and only those after `after` in that order: a sender
  // takes the outbox a batch at a time, so its memory does not grow with the outbox.
  virtual std::vector<OutboxRow> claim_due(Instant now, std::size_t at_most = kEveryRow,
                                           std::optional<DueCursor> after = std::nullopt) = 0;
  static constexpr std::size_t kEveryRow = std::size_t{1} << 62;
  // Give a claimed message back unattempted: due as it was. Runs on its own.
  virtual void release(std::int64_t id) = 0;
  // Give back every claim: those left are a dead tick's (killed mid-flush), whose messages must go
  // out now, not when its lease ends. REQUIRES: the caller holds the state's StateLock
  // (store/state_lock.h), so no live process holds a claim. Runs on its own.
  virtual void release_claims() = 0;
  // Record the outcome of a claimed message after `attempts` attempts in all; the last server
  // reply code `code` (0: none).
  virtual void mark_sent(std::int64_t id, int attempts, int code, Instant now) = 0;
  virtual void mark_retry(std::int64_t id, int attempts, int code, std::string_view error,
                          Instant next_attempt) = 0;
  virtual void mark_failed(std::int64_t id, int attempts, int code, std::string_view error,
                           Instant now) = 0;
  // Return every message in the outbox, in the order added.
  virtual std::vector<OutboxRow> outbox_rows() = 0;
  virtual OutboxStats outbox_stats(Instant now) = 0;

  // Replies read from the organiser mailbox.
  virtual void record_reply(const ReplyRecord& reply) = 0;
  // Return every reply recorded, in the order recorded.
  virtual std::vector<ReplyRecord> replies() = 0;
  // Return how many replies were recorded with each outcome (the metrics: counted by the
  // database, so a tick's cost does not grow with the log).
  virtual std::map<ReplyOutcome, long long> reply_counts() = 0;

  // Pairs ended with `mentorcal pair end`.
  // Return the ends recorded so far, by pair id (the latest per pair).
  virtual PairEnds ended_pairs() = 0;
  virtual void record_pair_end(std::string_view pair, const scheduler::PairEnd& end,
                               Instant now) = 0;

  // Busy-calendar feeds, by person id.
  // Return the URL and validators of the person's copy, if there is a row for them.
  virtual std::optional<FeedValidators> feed_validators(std::string_view person) = 0;
  // The same for every person with a row, in one read (a round trip per person costs on a server).
  virtual std::map<std::string, FeedValidators, std::less<>> all_feed_validators() = 0;
  // Keep `body` as the good copy of the feed at `validators.url`, fetched at `now`.
  virtual void feed_fresh(std::string_view person, const FeedValidators& validators,
                          std::string_view body, Instant now) = 0;
  // The server said the copy is still current at `now`.
  virtual void feed_not_modified(std::string_view person, Instant now) = 0;
  // A fetch of `url` failed at `now`: the last good copy stays.
  virtual void feed_failed(std::string_view person, std::string_view url, std::string_view error,
                           Instant now) = 0;
  // Return the person's good copy if it came from `url`.
  virtual std::optional<std::string> feed_body(std::string_view person, std::string_view url) = 0;
  // Call `use(person, url, body)` for every good copy, by person, read a page of copies at a time
  // (not one read per person, nor every copy in memory at once). `use` must not use the store.
  virtual void each_feed_body(const FeedBodyUse& use) = 0;
  // Return every person's feed state, by person.
  virtual std::vector<FeedState> feed_states() = 0;

  // Settings: small values kept between ticks (e.g. imap.uidvalidity, imap.last_uid).
  virtual std::optional<std::string> setting(std::string_view key) = 0;
  virtual void set_setting(std::string_view key, std::string_view value) = 0;
  // Every setting whose key starts with `prefix`, in one query (one per pair would be a round
  // trip each on PostgreSQL).
  virtual std::map<std::string, std::string, std::less<>> settings_starting_with(
      std::string_view prefix) = 0;

  // Away dates partners gave on their page (store/away.h).
  // Add one (row.id is ignored) and return its id.
  virtual std::int64_t add_away(const AwayRow& row, Instant now) = 0;
  // Remove the person's entry `id`; return whether there was one.
  virtual bool remove_away(std::string_view person, std::int64_t id) = 0;
  // Return every entry, by person, then start.
  virtual std::vector<AwayRow> partner_away() = 0;
  // Return the person's entries, by start (a partner's page: not every person's rows).
  virtual std::vector<AwayRow> partner_away_of(std::string_view person) = 0;

  // Partners' weekly availability (store/partner_changes.h).
  // Insert or overwrite the person's windows, changed at `now`.
  virtual void save_windows(const WindowsRow& row, Instant now) = 0;
  // Return every person's windows, by person.
  virtual std::vector<WindowsRow> partner_windows() = 0;
  // Partners' requests to the admins (store/partner_changes.h).
  // Add one (row.id and row.asked are ignored: asked at `now`) and return its id.
  virtual std::int64_t add_request(const RequestRow& row, Instant now) = 0;
  // Return every request, in the order asked.
  virtual std::vector<RequestRow> partner_requests() = 0;

  // Partners' links (store/links.h).
  // Return the person's link row, if any.
  virtual std::optional<LinkRow> link(std::string_view person) = 0;
  // Return the live link whose token hashes to `token_hash`, if any (retired ones never match).
  virtual std::optional<LinkRow> link_by_hash(std::string_view token_hash) = 0;
  // Return every link row, by person.
  virtual std::vector<LinkRow> links() = 0;
  // Insert or overwrite the person's row ("" token_hash: retired), changed at `now`.
  virtual void save_link(const LinkRow& row, Instant now) = 0;

  // A number that changes whenever another process commits to the state, for caches of what was
  // read; nullopt when the engine cannot tell cheaply (then nothing read may be kept).
  virtual std::optional<std::int64_t> others_changes() = 0;

  // Write a consistent copy of the whole state to `file`, as of one commit, while other processes
  // go on writing; `file` is replaced whole (the old one stays if this fails). The copy is a state
  // mentorcal opens like any other. Runs on its own. Throws StoreError.
  virtual void back_up(const std::filesystem::path& file) = 0;
};

// Open (creating and migrating if needed) the store at `path`: a SQLite file, ":memory:" (a
// private store that lives as long as the object), or a PostgreSQL URL
// (postgresql://user@host[:port]/database[?sslrootcert=CA], TLS verified unless the URL sets
// sslmode; `password` is given apart, never in the URL). Throws StoreError.
std::unique_ptr<Store> open_store(const std::filesystem::path& path,
                                  const std::string& password = {});

// Open the store at `path` if it exists (PostgreSQL: if the database holds a mentorcal state),
// else return null: the commands that only read (plan, status, report) must not create a store
// for a programme that never ran.
std::unique_ptr<Store> open_existing(const std::filesystem::path& path,
                                     const std::string& password = {});

// Return whether `state` is a PostgreSQL URL (postgresql:// or postgres://).
bool is_server_state(const std::filesystem::path& state);

// Return where the state lives: `configured` if set (a file or a PostgreSQL URL, as given), else
// $STATE_DIRECTORY/state.sqlite3, else
// ./mentorcal-state.sqlite3 (DESIGN.md §4).
std::filesystem::path state_path(const std::filesystem::path& configured);

}  // namespace mentorcal::store
