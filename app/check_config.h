// `mentorcal check-config [FILE]`: validate a programme file without side effects.
#pragma once

#include <filesystem>

namespace mentorcal::app {

// Print every problem as "FILE:LINE:COLUMN: error|warning: message" on stderr and a one-line
// summary on stdout. Return kOk when the file is valid (warnings allowed), kInvalidInput otherwise.
int check_config(const std::filesystem::path& file);

}  // namespace mentorcal::app
