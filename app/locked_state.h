// The state as the commands that change it as a whole open it (`run --once`, `service-tick`,
// `pair end`): the state's lock taken first (a second caller says it is waiting, then waits), then
// the store opened (PostgreSQL: the store opened, then the lock taken on its connection), and the
// outbox claims a killed tick left behind given back, so its messages go out now rather than when
// their lease runs out (no live process can hold a claim: claims are only taken under the lock).
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "store/state_lock.h"
#include "store/store.h"

namespace mentorcal::app {

class LockedState {
 public:
  // Thrown instead of waiting (Wait::no) while another process holds the lock.
  struct Busy {};
  enum class Wait { yes, no };

  // Throws store::StoreError; Busy when told not to wait and the lock is held.
  // `password`: a PostgreSQL state's (app/secrets.h state_password).
  explicit LockedState(const std::filesystem::path& path, const std::string& password = {},
                       Wait wait = Wait::yes);

  store::Store& operator*() const { return *store_; }
  store::Store* operator->() const { return store_.get(); }

 private:
  std::optional<store::StateLock> lock_;  // declared first: let go after the store is closed
  std::unique_ptr<store::Store> store_;
};

}  // namespace mentorcal::app
