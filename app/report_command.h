// `mentorcal report --html FILE` (DESIGN.md §9): the admins' report, written as one
// self-contained HTML file.
#pragma once

#include <chrono>
#include <filesystem>

namespace mentorcal::app {

// Write the report of the programme in `config_file` at `now` to `html_file`, atomically (a
// reader sees the old file or the new one, never a part). Reads the state, never changes it.
// Returns 0, 1 for a bad config, 3 when the file cannot be written or the state cannot be read.
int report_command(const std::filesystem::path& config_file, std::chrono::sys_seconds now,
                   const std::filesystem::path& html_file);

}  // namespace mentorcal::app
