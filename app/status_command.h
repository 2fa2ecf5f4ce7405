// `mentorcal status [--json]` and `mentorcal pair end ID --reason R [--on DATE]` (DESIGN.md §6,
// §9).
#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>

namespace mentorcal::app {

// Print every pair with its flags and counts, flagged pairs first; --json as DESIGN.md §9.
int status_command(const std::filesystem::path& config_file, std::chrono::sys_seconds now,
                   bool json);

// End a pairing: record it in the state (it then stays ended whatever the file says) and queue
// CANCELs for its meetings from `on` (default: today) on.
int pair_end_command(const std::filesystem::path& config_file, std::chrono::sys_seconds now,
                     const std::string& pair, const std::string& reason, const std::string& on);

// Record that a pair's agreement was reviewed today (programme zone): `review-due` clears until
// the next review falls due, review_after_months later.
int pair_review_command(const std::filesystem::path& config_file, std::chrono::sys_seconds now,
                        const std::string& pair);

}  // namespace mentorcal::app
