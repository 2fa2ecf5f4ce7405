// The SQLite side of the seam (store/sql.h): one database (WAL, synchronous=FULL, a busy
// timeout) with versioned migrations, the version in PRAGMA user_version. An older database is
// upgraded in place; a newer one is refused. Internal to store/.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "store/sql.h"
#include "store/store.h"

struct sqlite3;
struct sqlite3_stmt;

namespace mentorcal::store::sqlite {

using sql::Statement;
using sql::Transaction;

class Database final : public sql::Connection {
 public:
  // The schema version this program writes (the PostgreSQL schema has the same versions).
  static constexpr int kSchemaVersion = 6;

  // Open (creating if needed) and migrate. Throws StoreError.
  explicit Database(const std::filesystem::path& path);
  ~Database() override;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  void exec(std::string_view sql) override;
  sql::Statement prepare(std::string_view sql) override;
  void begin() override;
  std::string_view skip_locked() const override { return ""; }
  int schema_version() override;
  // PRAGMA user_version is read without a write lock: a state that needs no migration opens
  // while a tick writes.
  std::optional<int> peek_schema_version() override { return schema_version(); }
  std::optional<std::int64_t> data_version() override;
  void set_schema_version(int version) override;
  const std::string& where() const override { return where_; }

  const std::filesystem::path& path() const { return path_; }
  // The connection, for SQLite work beyond statements (store/sqlite_backup.cpp).
  sqlite3* handle() { return db_; }

  // Prepared statements kept for reuse, by their SQL: a statement, once done with, is reset and
  // waits here for the next prepare() of the same SQL (a tick runs the same few statements
  // hundreds of thousands of times; compiling each anew was 8% of a first tick at 10k pairs).
  // Bounded: past kMaxCachedSql distinct texts, statements are finalized instead.
  struct StatementCache {
    static constexpr std::size_t kMaxCachedSql = 64;
    std::unordered_map<std::string, std::vector<sqlite3_stmt*>> idle;
  };

 private:
  void close();

  std::filesystem::path path_;
  std::string where_;
  sqlite3* db_ = nullptr;
  StatementCache cache_;
};

}  // namespace mentorcal::store::sqlite
