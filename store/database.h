// The SQLite plumbing under store/sqlite_store.h: one database (WAL, synchronous=FULL, a busy
// timeout) with versioned migrations. An older database is upgraded in place; a newer one is
// refused. Internal to store/.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "store/store.h"

struct sqlite3;
struct sqlite3_stmt;

namespace mentorcal::store::sqlite {

class Statement;

class Database {
 public:
  // The schema version this program writes.
  static constexpr int kSchemaVersion = 3;

  // Open (creating if needed) and migrate. Throws StoreError.
  explicit Database(const std::filesystem::path& path);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Run SQL without results. Throws StoreError.
  void exec(std::string_view sql);
  Statement prepare(std::string_view sql);
  std::int64_t last_insert_id() const;
  int schema_version();
  const std::filesystem::path& path() const { return path_; }
  // The connection, for SQLite work beyond statements (store/sqlite_backup.cpp).
  sqlite3* handle() { return db_; }

 private:
  void migrate();

  std::filesystem::path path_;
  sqlite3* db_ = nullptr;
};

// A prepared statement; bind with 1-based indexes, then step().
class Statement {
 public:
  Statement(sqlite3* db, std::string_view sql);
  ~Statement();
  Statement(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, std::string_view text);
  Statement& bind_blob(int index, std::string_view bytes);
  Statement& bind_null(int index);
  // Return true while there is a row; false when done. Throws StoreError.
  bool step();
  // Step to the end; for statements without results.
  void run();
  std::int64_t integer(int column) const;
  std::string text(int column) const;
  bool is_null(int column) const;

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

// BEGIN IMMEDIATE ... COMMIT; rolled back if not committed.
class Transaction {
 public:
  explicit Transaction(Database& db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  Database& db_;
  bool done_ = false;
};

}  // namespace mentorcal::store::sqlite
