// One tick at a time per state: an exclusive flock(2) on the file `<state>.lock` beside the
// database, held by whatever changes the state as a whole (`run --once`, `service-tick`,
// `pair end`) from before the store is opened until the work is done. A second holder waits.
// (A PostgreSQL store would take pg_advisory_lock on the programme instead.)
#pragma once

#include <filesystem>
#include <functional>

namespace mentorcal::store {

class StateLock {
 public:
  // Take the lock of the state at `state` (store::state_path). If another process holds it, call
  // `on_wait` once, then wait for it. ":memory:" needs no lock. Throws StoreError when the lock
  // file cannot be opened or locked.
  StateLock(const std::filesystem::path& state, const std::function<void()>& on_wait);
  ~StateLock();  // let go
  StateLock(const StateLock&) = delete;
  StateLock& operator=(const StateLock&) = delete;

 private:
  int fd_ = -1;
};

}  // namespace mentorcal::store
