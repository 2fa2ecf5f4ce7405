// The state store: one SQLite database (WAL, synchronous=FULL, a busy timeout) with versioned
// migrations. An older database is upgraded in place; a newer one is refused. Only daemon/ owns it.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace mentorcal::store {

// A failure of the store: it cannot be opened, is too new, or SQLite refused a statement.
class StoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Statement;

class Database {
 public:
  // The schema version this program writes.
  static constexpr int kSchemaVersion = 1;

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

// Return where the state lives: `configured` if set, else $STATE_DIRECTORY/state.sqlite3, else
// ./mentorcal-state.sqlite3 (DESIGN.md §4).
std::filesystem::path state_path(const std::filesystem::path& configured);

// Open the state at `path` if it exists, else return null: the commands that only read (plan,
// status, report) must not create a store for a programme that never ran.
std::unique_ptr<Database> open_existing(const std::filesystem::path& path);

}  // namespace mentorcal::store
