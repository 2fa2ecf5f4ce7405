#include "app/locked_state.h"

#include <spdlog/spdlog.h>

namespace mentorcal::app {

LockedState::LockedState(const std::filesystem::path& path, const std::string& password,
                         Wait wait) {
  const auto on_wait = [&] {
    if (wait == Wait::no) throw Busy{};
    spdlog::warn("another mentorcal command is using the state {}: waiting for it to end",
                 store::is_server_state(path) ? "in PostgreSQL" : path.string());
  };
  if (store::is_server_state(path)) {  // the lock on the store's connection: lost together
    store_ = store::open_store(path, password);
    lock_.emplace(*store_, on_wait);
  } else {  // the lock file before the database is opened
    lock_.emplace(path, on_wait);
    store_ = store::open_store(path);
  }
  store_->release_claims();
}

}  // namespace mentorcal::app
