#include "store/database.h"

#include <fmt/format.h>
#include <sqlite3.h>

namespace mentorcal::store::sqlite {
namespace {

// Each entry moves the schema from version i to i + 1.
constexpr std::string_view kMigrations[] = {
    R"(
CREATE TABLE meetings (
  uid TEXT PRIMARY KEY,
  pair TEXT NOT NULL,
  mentor_name TEXT NOT NULL,           -- who was invited, kept so that a pair removed from the
  mentor_email TEXT NOT NULL,          -- config can still be sent its cancellations
  mentee_name TEXT NOT NULL,
  mentee_email TEXT NOT NULL,
  start INTEGER NOT NULL,              -- unix seconds, UTC
  end INTEGER NOT NULL,
  first INTEGER NOT NULL,              -- the getting-to-know-you meeting
  sequence INTEGER NOT NULL,           -- the iCalendar SEQUENCE last sent
  status TEXT NOT NULL,                -- booked | cancelled
  cancelled_at INTEGER,                -- when it was cancelled (a decline counts as one)
  cancel_kind TEXT,                    -- ended | removed | declined | impossible
  cancel_reason TEXT,                  -- in words, for the audit and reports
  mentor_partstat TEXT NOT NULL DEFAULT 'NEEDS-ACTION',
  mentee_partstat TEXT NOT NULL DEFAULT 'NEEDS-ACTION',
  created INTEGER NOT NULL,
  sent INTEGER NOT NULL,               -- when the current invite (SEQUENCE) was queued
  updated INTEGER NOT NULL
);
CREATE INDEX meetings_by_pair ON meetings(pair, start);

CREATE TABLE outbox (
  id INTEGER PRIMARY KEY,
  message_id TEXT NOT NULL UNIQUE,
  recipient TEXT NOT NULL,
  meeting_uid TEXT,
  sequence INTEGER,
  method TEXT,
  bytes BLOB NOT NULL,                 -- exactly what is sent, so a retry is byte-identical
  state TEXT NOT NULL,                 -- pending | sent | failed
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt INTEGER NOT NULL,
  created INTEGER NOT NULL,
  last_code INTEGER,
  last_error TEXT,
  finished INTEGER                     -- when it was sent or given up
);
CREATE INDEX outbox_due ON outbox(state, next_attempt);

CREATE TABLE replies (
  id INTEGER PRIMARY KEY,
  received INTEGER NOT NULL,
  meeting_uid TEXT,
  attendee TEXT,
  method TEXT,
  partstat TEXT,
  sequence INTEGER,
  outcome TEXT NOT NULL,               -- applied | stale | ignored
  detail TEXT
);

CREATE TABLE pair_events (
  id INTEGER PRIMARY KEY,
  pair TEXT NOT NULL,
  kind TEXT NOT NULL,                  -- ended
  on_date TEXT,
  reason TEXT,
  at INTEGER NOT NULL
);

CREATE TABLE feeds (
  person TEXT PRIMARY KEY,
  url TEXT NOT NULL,
  etag TEXT NOT NULL DEFAULT '',
  last_modified TEXT NOT NULL DEFAULT '',
  body BLOB,                           -- the last good copy
  good_at INTEGER,                     -- when it was fetched
  tried_at INTEGER,
  error TEXT NOT NULL DEFAULT ''       -- the last failure, '' after a success
);

CREATE TABLE settings (
  key TEXT PRIMARY KEY,                -- e.g. imap.uidvalidity, imap.last_uid
  value TEXT NOT NULL
);

CREATE TABLE audit (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  kind TEXT NOT NULL,
  subject TEXT NOT NULL,
  detail TEXT NOT NULL
);
)",
    // 2: an outbox row is claimed by one sender until it is marked, released or the claim runs
    // out (a sender that died); NULL: not claimed.
    R"(
ALTER TABLE outbox ADD COLUMN claimed_until INTEGER;
)",
    // 3: a late make-up (placed after its cadence period, a partner having declined the meeting
    // in it) keeps the start of the declined meeting it makes up for; NULL: not one.
    R"(
ALTER TABLE meetings ADD COLUMN makes_up INTEGER;
)",
    // 4: partners' links and away dates (issue 15): the generation of each person's link and the
    // SHA-256 of its token (NULL: retired); the token itself is never stored.
    R"(
CREATE TABLE links (
  person TEXT PRIMARY KEY,
  generation INTEGER NOT NULL,
  token_hash TEXT UNIQUE,
  changed INTEGER NOT NULL
);
-- away dates partners gave on their page, added over the file's before planning
CREATE TABLE partner_away (
  id INTEGER PRIMARY KEY,
  person TEXT NOT NULL,
  from_date TEXT NOT NULL,             -- YYYY-MM-DD, inclusive
  to_date TEXT NOT NULL,
  note TEXT NOT NULL,
  added INTEGER NOT NULL
);
)",
    // 5: partners' weekly availability and requests to the admins (issue 15): the windows a
    // partner gave on their page (they replace the file's before planning), and what they asked
    // about a pairing (continue? yes/no, pause, end), for the admins.
    R"(
CREATE TABLE partner_windows (
  person TEXT PRIMARY KEY,
  windows TEXT NOT NULL,               -- "Mon 09:00-12:00, Thu 18:00-20:00"
  changed INTEGER NOT NULL
);
CREATE TABLE partner_requests (
  id INTEGER PRIMARY KEY,
  pair TEXT NOT NULL,
  person TEXT NOT NULL,
  kind TEXT NOT NULL,                  -- continue-yes, continue-no, pause, end
  reason TEXT NOT NULL,                -- pause, end: goals-met, not-compatible, lost-contact, other
  word TEXT NOT NULL,
  asked INTEGER NOT NULL
);
CREATE INDEX partner_away_person ON partner_away (person);
)",
    // 6: a message's bytes in a table of their own, written once: the outbox row beside them is
    // rewritten when it is claimed and when it is marked, and with its bytes inside it each of
    // those rewrote the whole message (a first run at 10,000 pairs wrote ~600,000 pages).
    R"(
CREATE TABLE outbox_bytes (
  id INTEGER PRIMARY KEY,              -- the outbox row's id
  bytes BLOB NOT NULL                  -- exactly what is sent, so a retry is byte-identical
);
INSERT INTO outbox_bytes (id, bytes) SELECT id, bytes FROM outbox;
ALTER TABLE outbox DROP COLUMN bytes;
)",
};
static_assert(std::size(kMigrations) == Database::kSchemaVersion);

[[noreturn]] void fail(sqlite3* db, std::string_view what) {
  throw StoreError(fmt::format("{}: {}", what, db ? sqlite3_errmsg(db) : "out of memory"));
}

class SqliteStatement final : public sql::Statement::Impl {
 public:
  // Take an idle statement of the same SQL from `cache`, or prepare one.
  SqliteStatement(sqlite3* db, Database::StatementCache& cache, std::string_view sql)
      : db_(db), cache_(cache), sql_(sql) {
    if (const auto found = cache_.idle.find(sql_);
        found != cache_.idle.end() && !found->second.empty()) {
      stmt_ = found->second.back();
      found->second.pop_back();
      return;
    }
    if (sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr) !=
        SQLITE_OK) {
      sqlite3_finalize(stmt_);
      stmt_ = nullptr;
      fail(db, "cannot prepare a statement");
    }
  }
  // Reset and give the statement back to the cache (no bindings, no locks held), or finalize it.
  ~SqliteStatement() override {
    if (!stmt_) return;
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    auto found = cache_.idle.find(sql_);
    if (found == cache_.idle.end() && cache_.idle.size() < Database::StatementCache::kMaxCachedSql)
      found = cache_.idle.emplace(std::move(sql_), std::vector<sqlite3_stmt*>{}).first;
    if (found == cache_.idle.end()) {
      sqlite3_finalize(stmt_);
    } else {
      found->second.push_back(stmt_);
    }
  }
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;

  void bind(int index, std::int64_t value) override {
    if (sqlite3_bind_int64(stmt_, index, value) != SQLITE_OK) fail(db_, "bind");
  }
  void bind(int index, std::string_view text) override {
    if (sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()),
                          SQLITE_TRANSIENT) != SQLITE_OK) {
      fail(db_, "bind");
    }
  }
  void bind_blob(int index, std::string_view bytes) override {
    if (sqlite3_bind_blob(stmt_, index, bytes.data(), static_cast<int>(bytes.size()),
                          SQLITE_TRANSIENT) != SQLITE_OK) {
      fail(db_, "bind");
    }
  }
  void bind_null(int index) override {
    if (sqlite3_bind_null(stmt_, index) != SQLITE_OK) fail(db_, "bind");
  }
  bool step() override {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    fail(db_, "a statement failed");
  }
  std::int64_t integer(int column) const override { return sqlite3_column_int64(stmt_, column); }
  std::string text(int column) const override {
    const auto* p = sqlite3_column_blob(stmt_, column);
    const int n = sqlite3_column_bytes(stmt_, column);
    return p ? std::string(static_cast<const char*>(p), static_cast<std::size_t>(n))
             : std::string();
  }
  bool is_null(int column) const override {
    return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
  }

 private:
  sqlite3* db_;
  Database::StatementCache& cache_;
  std::string sql_;
  sqlite3_stmt* stmt_ = nullptr;
};

}  // namespace

Database::Database(const std::filesystem::path& path) : path_(path), where_(path.string()) {
  if (sqlite3_open_v2(path.c_str(), &db_,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                      nullptr) != SQLITE_OK) {
    const std::string why = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    db_ = nullptr;
    throw StoreError(fmt::format("cannot open the state database {}: {}", path.string(), why));
  }
  try {
    sqlite3_busy_timeout(db_, 5000);
    exec("PRAGMA journal_mode=WAL");
    exec("PRAGMA synchronous=FULL");
    exec("PRAGMA foreign_keys=ON");
    sql::migrate(*this, kMigrations);
  } catch (...) {
    close();  // the destructor does not run for a constructor that throws
    throw;
  }
}

Database::~Database() {
  close();
}

void Database::close() {
  // SQLite does not close a connection that still has statements.
  for (auto& [sql, statements] : cache_.idle) {
    for (auto* stmt : statements)
      sqlite3_finalize(stmt);
  }
  cache_.idle.clear();
  sqlite3_close(db_);
  db_ = nullptr;
}

void Database::exec(std::string_view sql) {
  char* error = nullptr;
  if (sqlite3_exec(db_, std::string(sql).c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    const std::string why = error ? error : sqlite3_errmsg(db_);
    sqlite3_free(error);
    throw StoreError(fmt::format("{}: {}", path_.string(), why));
  }
}

sql::Statement Database::prepare(std::string_view sql) {
  return sql::Statement(std::make_unique<SqliteStatement>(db_, cache_, sql));
}

void Database::begin() {
  exec("BEGIN IMMEDIATE");
}

std::optional<std::int64_t> Database::data_version() {
  auto q = prepare("PRAGMA data_version");
  q.step();
  return q.integer(0);
}

int Database::schema_version() {
  auto s = prepare("PRAGMA user_version");
  s.step();
  return static_cast<int>(s.integer(0));
}

void Database::set_schema_version(int version) {
  exec(fmt::format("PRAGMA user_version = {}", version));
}

}  // namespace mentorcal::store::sqlite
