// The seam under the store: one SQL connection, SQLite's (store/database.h) or PostgreSQL's
// (store/pg_database.h). SqliteStore (store/sqlite_store.h) writes its SQL once, with `?`
// placeholders, and runs it on either; what differs between the engines (types in the schema,
// locking clauses, transactions, how the schema version is kept) lives behind this interface.
// Internal to store/.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace mentorcal::store::sql {

// A statement ready to run; bind with 1-based indexes, then step(). REQUIRES: it does not
// outlive the connection that prepared it.
class Statement {
 public:
  // What each engine provides.
  class Impl {
   public:
    virtual ~Impl() = default;
    virtual void bind(int index, std::int64_t value) = 0;
    virtual void bind(int index, std::string_view text) = 0;
    virtual void bind_blob(int index, std::string_view bytes) = 0;
    virtual void bind_null(int index) = 0;
    virtual bool step() = 0;
    // Run to the end, the rows unread (PostgreSQL may only queue it: store/pg_database.h).
    virtual void run() {
      while (step()) {
      }
    }
    virtual std::int64_t integer(int column) const = 0;
    virtual std::string text(int column) const = 0;
    virtual bool is_null(int column) const = 0;
  };

  explicit Statement(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

  Statement& bind(int index, std::int64_t value) {
    impl_->bind(index, value);
    return *this;
  }
  Statement& bind(int index, std::string_view text) {
    impl_->bind(index, text);
    return *this;
  }
  Statement& bind_blob(int index, std::string_view bytes) {
    impl_->bind_blob(index, bytes);
    return *this;
  }
  Statement& bind_null(int index) {
    impl_->bind_null(index);
    return *this;
  }
  // Return true while there is a row; false when done. Throws StoreError.
  bool step() { return impl_->step(); }
  // Run to the end, for statements whose rows are not read. PostgreSQL, inside a transaction,
  // may only queue it: a failure then throws from the next statement that reads or from commit.
  void run() { impl_->run(); }
  std::int64_t integer(int column) const { return impl_->integer(column); }
  // A text or bytes column; "" for NULL.
  std::string text(int column) const { return impl_->text(column); }
  bool is_null(int column) const { return impl_->is_null(column); }

 private:
  std::unique_ptr<Impl> impl_;
};

class Connection {
 public:
  virtual ~Connection() = default;

  // Run SQL without results (several statements allowed). Throws StoreError.
  virtual void exec(std::string_view sql) = 0;
  // `sql` uses `?` placeholders on both engines. Throws StoreError.
  virtual Statement prepare(std::string_view sql) = 0;
  // Begin a transaction that will write (SQLite: BEGIN IMMEDIATE; PostgreSQL: BEGIN).
  virtual void begin() = 0;
  // End it. commit() throws StoreError when the transaction cannot commit; rollback() does not.
  virtual void commit() { exec("COMMIT"); }
  virtual void rollback() { exec("ROLLBACK"); }
  // The clause after a SELECT whose rows one caller claims: other callers skip the rows while
  // the claiming statement runs ("" on SQLite, where one writer runs at a time; PostgreSQL:
  // FOR UPDATE SKIP LOCKED).
  virtual std::string_view skip_locked() const = 0;
  // The schema version written in the database, 0 for a new one. PostgreSQL: also takes a lock
  // held until the transaction ends, so two processes do not migrate at once.
  virtual int schema_version() = 0;
  // The schema version read without a write lock, where the engine can (SQLite); nullopt where it
  // is read only under the migration lock (PostgreSQL).
  virtual std::optional<int> peek_schema_version() { return std::nullopt; }
  virtual void set_schema_version(int version) = 0;
  // After rows were inserted into `table` with their own `id`s (state copy): let the engine's
  // numbering go on after them (PostgreSQL moves the identity's sequence; SQLite needs nothing).
  virtual void after_explicit_ids(std::string_view /*table*/) {}
  // A number that changes whenever another connection commits (SQLite's PRAGMA data_version);
  // nullopt where the engine has none cheap enough to ask on every request (PostgreSQL).
  virtual std::optional<std::int64_t> data_version() { return std::nullopt; }
  // Where the state is, for messages: a file, or a URL without its password.
  virtual const std::string& where() const = 0;
};

// BEGIN ... COMMIT; rolled back if not committed.
class Transaction {
 public:
  explicit Transaction(Connection& db) : db_(db) { db_.begin(); }
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  Connection& db_;
  bool done_ = false;
};

// Bring the schema up to `migrations.size()`: entry i moves it from version i to i + 1, all in
// one transaction. A newer schema is refused. Throws StoreError.
void migrate(Connection& db, std::span<const std::string_view> migrations);

}  // namespace mentorcal::store::sql
