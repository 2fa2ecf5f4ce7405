#include "app/backup_command.h"

#include <system_error>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "app/programme_file.h"
#include "app/secrets.h"
#include "base/exit_code.h"
#include "store/store.h"

namespace mentorcal::app {

int backup_command(const std::filesystem::path& config_file,
                   const std::filesystem::path& backup_file) {
  const auto programme = load_for_command(config_file);
  if (!programme) return base::kInvalidInput;
  const auto state_file = store::state_path(programme->programme.state);
  const auto state = store::open_existing(state_file, state_password(programme->programme));
  if (!state) {
    spdlog::error("backup: {} has no state yet at {}: nothing to back up", config_file.string(),
                  state_file.string());
    return base::kInvalidInput;
  }
  std::error_code ec;
  if (std::filesystem::equivalent(state_file, backup_file, ec)) {
    spdlog::error("backup: {} is the state itself; name another file", backup_file.string());
    return base::kInvalidInput;
  }
  state->back_up(backup_file);  // StoreError: exit 3 (cli.cpp)
  const auto copy = store::open_existing(backup_file);
  fmt::print("State {} backed up to {}: {} meetings, {} outbox messages\n", state_file.string(),
             backup_file.string(), copy->all_meetings().size(), copy->outbox_rows().size());
  return base::kOk;
}

}  // namespace mentorcal::app
