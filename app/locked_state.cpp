#include "app/locked_state.h"

#include <spdlog/spdlog.h>

namespace mentorcal::app {

LockedState::LockedState(const std::filesystem::path& path)
    : lock_(path,
            [&] {
              spdlog::warn("another mentorcal command is using the state {}: waiting for it to end",
                           path.string());
            }),
      store_(store::open_store(path)) {
  store_->release_claims();
}

}  // namespace mentorcal::app
