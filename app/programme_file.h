// Loading the programme file for a command: problems printed as FILE:LINE:COLUMN lines on
// stderr, warnings logged.
#pragma once

#include <filesystem>
#include <optional>

#include "config/programme.h"

namespace mentorcal::app {

// Return the programme, or nullopt after printing every error (the command then exits 1).
std::optional<config::Programme> load_for_command(const std::filesystem::path& file);

}  // namespace mentorcal::app
