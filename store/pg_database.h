// The PostgreSQL side of the seam (store/sql.h), over libpq: one connection to the URL
// `postgresql://user@host[:port]/database[?options]`, the password given apart (never in the
// URL), TLS verified (sslmode=verify-full unless the URL says otherwise; the CA from the URL's
// sslrootcert). Versioned migrations as on SQLite, the version in a table schema_version, the
// same versions as store/database.h. Internal to store/.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "store/sql.h"

struct pg_conn;
struct pg_result;

namespace mentorcal::store::pg {

// Return whether `state` names a PostgreSQL state (postgresql:// or postgres://).
bool is_url(std::string_view state);

struct ClearResult {
  void operator()(pg_result* r) const;
};
using Result = std::unique_ptr<pg_result, ClearResult>;

// A statement's parameters, as libpq takes them (PQexecParams).
struct Params {
  int count = 0;
  const unsigned* types = nullptr;  // Oids; 0: PostgreSQL infers the type
  const char* const* values = nullptr;
  const int* lengths = nullptr;
  const int* formats = nullptr;
};

// One libpq connection, connected and checked. Throws StoreError naming the URL (without any
// password) and libpq's reason.
//
// Statements go through libpq's pipeline mode, each prepared once per connection (by its text):
// inside a transaction, a statement whose rows nobody reads (a write) is only queued, and the
// queue goes to the server with the next statement that returns rows, or with COMMIT, in one round
// trip. So a transaction of N writes costs one round trip, not N + 2. A queued write that fails
// makes that next statement or COMMIT throw (the server skips the rest of the queue), and the
// transaction is rolled back: what commits is the same as running each statement at once.
class Session {
 public:
  Session(const std::string& url, const std::string& password);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  pg_conn* handle() { return conn_; }
  const std::string& where() const { return where_; }
  // Run SQL without results; throw StoreError on failure.
  void exec(std::string_view sql);
  // Run SQL whose one result is a boolean; throw StoreError on failure.
  bool ask(std::string_view sql);

  // Run one statement (`$1`... placeholders), with whatever was queued before it, and return its
  // rows. Throws StoreError (the first failure, queued or not).
  Result run(const std::string& sql, const Params& params);
  // Inside a transaction: queue a statement whose result is not read (sent with the next
  // round trip; see above). Outside one: run it now, as run().
  void write(const std::string& sql, const Params& params);
  void begin();
  // Throws StoreError when COMMIT or anything queued before it fails.
  void commit();
  void rollback();
  // Round trips to the server so far (each waits for its answer), for tests and figures.
  std::int64_t round_trips() const { return round_trips_; }

 private:
  // What the server will answer, in order, for what was sent but not yet read.
  struct Pending {
    std::string prepared;  // a PREPARE: its cache key, forgotten when it fails
  };
  void send(const std::string& sql, const Params& params);
  // Send a sync, read every pending answer; return the last one's result when `keep_last`.
  Result round_trip(bool keep_last);
  // Read what is pending and leave pipeline mode (for PQexec). Throws StoreError.
  void leave_pipeline();

  pg_conn* conn_ = nullptr;
  std::string where_;
  std::vector<Pending> pending_;
  std::unordered_map<std::string, std::string> prepared_;  // statement text -> name
  std::int64_t names_ = 0;                                 // prepared statements named so far
  bool in_transaction_ = false;
  std::int64_t round_trips_ = 0;
};

class Database final : public sql::Connection {
 public:
  // Connect and, when `create`, migrate (a newer schema is refused). Throws StoreError.
  Database(const std::string& url, const std::string& password, bool create = true);

  // Return whether the database holds a mentorcal state (open_existing).
  bool has_state();
  // The connection, for work beyond statements (store/state_lock.cpp).
  Session& session() { return session_; }

  void exec(std::string_view sql) override { session_.exec(sql); }
  sql::Statement prepare(std::string_view sql) override;
  void begin() override { session_.begin(); }
  void commit() override { session_.commit(); }
  void rollback() override { session_.rollback(); }
  std::string_view skip_locked() const override { return " FOR UPDATE SKIP LOCKED"; }
  int schema_version() override;
  void set_schema_version(int version) override;
  void after_explicit_ids(std::string_view table) override;
  const std::string& where() const override { return session_.where(); }

 private:
  Session session_;
};

// The advisory lock keys (pg_advisory_lock(kLockSpace, key)): one tick at a time
// (store/state_lock.h), one migration at a time, and the daemons' leader lease
// (store/leader_lease.h).
constexpr int kLockSpace = 0x6d63616c;  // "mcal"
constexpr int kTickLock = 1;
constexpr int kMigrationLock = 2;
constexpr int kLeaderLock = 3;

}  // namespace mentorcal::store::pg
