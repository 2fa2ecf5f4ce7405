#include "base/atomic_file.h"

#include <atomic>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace mentorcal::base {
namespace {

std::atomic<unsigned long> next_temp{0};

tl::unexpected<std::string> failure(int err) {
  return tl::unexpected(std::string(std::strerror(err)));
}

// Return a new temporary file beside `file` with `bytes` written (not synced) and closed.
tl::expected<std::string, std::string> write_temp_file(const std::filesystem::path& file,
                                                       std::string_view bytes, mode_t mode,
                                                       bool sync) {
  const auto dir = file.has_parent_path() ? file.parent_path() : std::filesystem::path(".");
  std::string temp;
  int fd = -1;
  for (int attempt = 0; fd < 0 && attempt < 100; ++attempt) {
    temp = (dir / ("." + file.filename().string() + "." + std::to_string(::getpid()) + "." +
                   std::to_string(next_temp++) + ".tmp"))
               .string();
    fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
    if (fd < 0 && errno != EEXIST) return failure(errno);
  }
  if (fd < 0) return failure(EEXIST);
  const auto fail = [&](int err) {
    ::close(fd);
    ::unlink(temp.c_str());
    return failure(err);
  };
  for (std::size_t done = 0; done < bytes.size();) {
    const auto n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return fail(errno);
    done += static_cast<std::size_t>(n);
  }
  if (sync && ::fsync(fd) != 0) return fail(errno);
  if (::close(fd) != 0) {
    const int err = errno;
    ::unlink(temp.c_str());
    return failure(err);
  }
  return temp;
}

// Rename `temp` over `file`; on failure remove `temp`.
tl::expected<void, std::string> rename_over(const std::string& temp,
                                            const std::filesystem::path& file) {
  if (::rename(temp.c_str(), file.c_str()) != 0) {
    const int err = errno;
    ::unlink(temp.c_str());
    return failure(err);
  }
  return {};
}

}  // namespace

tl::expected<void, std::string> write_file_atomically(const std::filesystem::path& file,
                                                      std::string_view bytes, mode_t mode) {
  const auto temp = write_temp_file(file, bytes, mode, true);
  if (!temp) return tl::unexpected(temp.error());
  return rename_over(*temp, file);
}

std::vector<tl::expected<void, std::string>> write_files_atomically(
    const std::filesystem::path& directory, const std::vector<FileToWrite>& files, mode_t mode) {
  std::vector<tl::expected<void, std::string>> results;
  std::vector<std::string> temps(files.size());
  for (std::size_t i = 0; i < files.size(); ++i) {
    auto temp = write_temp_file(directory / files[i].name, files[i].bytes, mode, false);
    results.push_back(temp ? tl::expected<void, std::string>{} : tl::unexpected(temp.error()));
    if (temp) temps[i] = std::move(*temp);
  }
  const int dir = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  const auto fail_all = [&](int err) {
    for (std::size_t i = 0; i < files.size(); ++i) {
      if (results[i]) ::unlink(temps[i].c_str()), results[i] = failure(err);
    }
  };
  if (dir < 0) {
    fail_all(errno);
    return results;
  }
  if (::syncfs(dir) != 0) {
    fail_all(errno);
  } else {
    for (std::size_t i = 0; i < files.size(); ++i) {
      if (results[i]) results[i] = rename_over(temps[i], directory / files[i].name);
    }
    if (::fsync(dir) != 0) {
      const int err = errno;  // the names may not last: say none was written
      for (auto& r : results)
        r = failure(err);
    }
  }
  ::close(dir);
  return results;
}

}  // namespace mentorcal::base
