// Replacing a file whole: readers see the old content or the new, never a part.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <sys/types.h>
#include <vector>

#include <tl/expected.hpp>

namespace mentorcal::base {

// Write `bytes` to a new temporary file beside `file` (".<name>.<pid>.<n>.tmp", created with
// `mode` less the umask), flush it to disk and rename it over `file`. On failure return the
// system's reason (strerror text) and remove the temporary file; `file` is then untouched.
// REQUIRES: the directory of `file` exists. Safe to call from several threads at once.
tl::expected<void, std::string> write_file_atomically(const std::filesystem::path& file,
                                                      std::string_view bytes, mode_t mode);

// A file for write_files_atomically(): its name in the folder and its bytes (not owned).
struct FileToWrite {
  std::string name;
  std::string_view bytes;
};

// Write many files into `directory` as write_file_atomically() writes one, with two syncs in all
// instead of one per file: every temporary file is written, then one syncfs() makes their bytes
// durable, then each is renamed over its name and one fsync() of the folder makes the names
// durable. When it returns, each file reported written survives a crash or a power cut whole; the
// others are untouched. Return one result per file, in order.
// REQUIRES: `directory` exists.
std::vector<tl::expected<void, std::string>> write_files_atomically(
    const std::filesystem::path& directory, const std::vector<FileToWrite>& files, mode_t mode);

}  // namespace mentorcal::base
