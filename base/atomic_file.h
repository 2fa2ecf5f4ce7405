// Replacing a file whole: readers see the old content or the new, never a part.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <sys/types.h>

#include <tl/expected.hpp>

namespace mentorcal::base {

// Write `bytes` to a new temporary file beside `file` (".<name>.<pid>.<n>.tmp", created with
// `mode` less the umask), flush it to disk and rename it over `file`. On failure return the
// system's reason (strerror text) and remove the temporary file; `file` is then untouched.
// REQUIRES: the directory of `file` exists. Safe to call from several threads at once.
tl::expected<void, std::string> write_file_atomically(const std::filesystem::path& file,
                                                      std::string_view bytes, mode_t mode);

}  // namespace mentorcal::base
