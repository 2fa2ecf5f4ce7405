#include "app/locked_state.h"

#include <spdlog/spdlog.h>

namespace mentorcal::app {

LockedState::LockedState(const std::filesystem::path& path, const std::string& password)
    : lock_(
          path,
          [&] {
            spdlog::warn("another mentorcal command is using the state {}: waiting for it to end",
                         store::is_server_state(path) ? "in PostgreSQL" : path.string());
          },
          password),
      store_(store::open_store(path, password)) {
  store_->release_claims();
}

}  // namespace mentorcal::app
