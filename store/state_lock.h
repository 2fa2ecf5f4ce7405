// One tick at a time per state, held by whatever changes the state as a whole (`run --once`,
// `service-tick`, `pair end`) until the work is done. A second holder waits.
// - A SQLite file: an exclusive flock(2) on the file `<state>.lock` beside the database, taken
//   before the store is opened.
// - PostgreSQL: a session-level pg_advisory_lock in the state's database (one programme per
//   database), taken on the store's own connection: the server lets go when the process dies or
//   the connection is cut, and a tick that lost its lock that way has lost its store with it (its
//   next statement fails) rather than running on beside the next holder.
#pragma once

#include <filesystem>
#include <functional>

namespace mentorcal::store {

class Store;

class StateLock {
 public:
  // Take the lock of the SQLite state at `state` (store::state_path). If another process holds
  // it, call `on_wait` once (it may throw instead: nothing is then held), then wait for it.
  // ":memory:" needs no lock. Throws StoreError when
  // the lock file cannot be opened or locked.
  StateLock(const std::filesystem::path& state, const std::function<void()>& on_wait);
  // Take the lock of a PostgreSQL state on `store`'s connection; the same waiting. REQUIRES: the
  // lock is let go before or with `store` (destroying the store closes the connection, which
  // lets go). Throws StoreError when `store` is not a PostgreSQL store or the lock fails.
  StateLock(Store& store, const std::function<void()>& on_wait);
  ~StateLock();  // let go (SQLite; PostgreSQL: with the store's connection)
  StateLock(const StateLock&) = delete;
  StateLock& operator=(const StateLock&) = delete;

 private:
  int fd_ = -1;
};

}  // namespace mentorcal::store
