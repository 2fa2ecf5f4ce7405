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

}  // namespace

tl::expected<void, std::string> write_file_atomically(const std::filesystem::path& file,
                                                      std::string_view bytes, mode_t mode) {
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
  if (::fsync(fd) != 0) return fail(errno);
  if (::close(fd) != 0) {
    const int err = errno;
    ::unlink(temp.c_str());
    return failure(err);
  }
  if (::rename(temp.c_str(), file.c_str()) != 0) {
    const int err = errno;
    ::unlink(temp.c_str());
    return failure(err);
  }
  return {};
}

}  // namespace mentorcal::base
