// The PostgreSQL side of the seam (store/sql.h), over libpq: one connection to the URL
// `postgresql://user@host[:port]/database[?options]`, the password given apart (never in the
// URL), TLS verified (sslmode=verify-full unless the URL says otherwise; the CA from the URL's
// sslrootcert). Versioned migrations as on SQLite, the version in a table schema_version, the
// same versions as store/database.h. Internal to store/.
#pragma once

#include <string>
#include <string_view>

#include "store/sql.h"

struct pg_conn;

namespace mentorcal::store::pg {

// Return whether `state` names a PostgreSQL state (postgresql:// or postgres://).
bool is_url(std::string_view state);

// One libpq connection, connected and checked. Throws StoreError naming the URL (without any
// password) and libpq's reason.
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

 private:
  pg_conn* conn_ = nullptr;
  std::string where_;
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
  void begin() override { session_.exec("BEGIN"); }
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
