// One tick at a time per state: an exclusive flock(2) on the file `<state>.lock` beside the
// database, held by whatever changes the state as a whole (`run --once`, `service-tick`,
// `pair end`) from before the store is opened until the work is done. A second holder waits.
// A state in PostgreSQL takes a session-level pg_advisory_lock on its database instead (one
// programme per database), on a connection of its own held as long as the lock: if the process
// dies or its connection is cut, the server lets go.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <string>

namespace mentorcal::store {

class StateLock {
 public:
  // Take the lock of the state at `state` (store::state_path). If another process holds it, call
  // `on_wait` once, then wait for it. ":memory:" needs no lock. Throws StoreError when the lock
  // file cannot be opened or locked, or the PostgreSQL server cannot be reached (`password`: the
  // state's password, for a PostgreSQL state).
  StateLock(const std::filesystem::path& state, const std::function<void()>& on_wait,
            const std::string& password = {});
  ~StateLock();  // let go
  StateLock(const StateLock&) = delete;
  StateLock& operator=(const StateLock&) = delete;

 private:
  int fd_ = -1;
  std::shared_ptr<void> session_;  // PostgreSQL: the connection holding the advisory lock
};

}  // namespace mentorcal::store
