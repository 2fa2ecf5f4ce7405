// `mentorcal backup FILE` (DESIGN.md §9): a consistent copy of the state while the daemon runs.
#pragma once

#include <filesystem>

namespace mentorcal::app {

// Copy the state of the programme in `config_file` to `backup_file` (replaced whole), as of one
// commit, without waiting for a running tick. Restoring is copying the file back as the state
// while no mentorcal runs (mentorcal(8)). Returns 0, 1 for a bad config or a programme that has
// no state yet or a target that is the state itself, 3 when the copy fails.
int backup_command(const std::filesystem::path& config_file,
                   const std::filesystem::path& backup_file);

}  // namespace mentorcal::app
