// Read and validate a programme file (DESIGN.md §4). Every problem is reported at once, each with
// FILE:LINE:COLUMN and the key it concerns; nothing is ever silently ignored or defaulted around.
#pragma once

#include <filesystem>
#include <string_view>

#include <tl/expected.hpp>

#include "base/programme_size.h"
#include "config/diagnostic.h"
#include "config/programme.h"

namespace mentorcal::config {

struct Loaded {
  Programme programme;
  Diagnostics warnings;  // legal but suspicious things, e.g. a person with no availability
};

using base::kMaxProgrammeBytes;

// Parse `text` as a programme file. `file` is the name used in diagnostics; relative paths in the
// file are resolved against `base_dir`. On failure, returns every error and warning, sorted by
// position. Text over kMaxProgrammeBytes is refused.
tl::expected<Loaded, Diagnostics> parse_programme(std::string_view text, const std::string& file,
                                                  const std::filesystem::path& base_dir);

// Read `path` and parse it; relative paths in it are resolved against its folder. Reading stops
// past kMaxProgrammeBytes (`check-config /dev/zero` grew without bound before).
tl::expected<Loaded, Diagnostics> load_programme(const std::filesystem::path& path);

}  // namespace mentorcal::config
