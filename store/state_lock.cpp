#include "store/state_lock.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <fmt/format.h>

#include "store/pg_database.h"
#include "store/sqlite_store.h"
#include "store/store.h"

namespace mentorcal::store {

StateLock::StateLock(const std::filesystem::path& state, const std::function<void()>& on_wait) {
  if (state == ":memory:") return;
  const std::filesystem::path path = state.string() + ".lock";
  fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd_ < 0) {
    throw StoreError(fmt::format("cannot open the state's lock file {}: {}", path.string(),
                                 std::strerror(errno)));
  }
  if (::flock(fd_, LOCK_EX | LOCK_NB) == 0) return;
  if (errno == EWOULDBLOCK) {
    try {
      on_wait();  // may throw: the caller would rather not wait
    } catch (...) {
      ::close(fd_);
      throw;
    }
    int rc = 0;
    while ((rc = ::flock(fd_, LOCK_EX)) != 0 && errno == EINTR) {
    }
    if (rc == 0) return;
  }
  const int error = errno;
  ::close(fd_);
  throw StoreError(
      fmt::format("cannot lock the state's lock file {}: {}", path.string(), std::strerror(error)));
}

StateLock::StateLock(Store& store, const std::function<void()>& on_wait) {
  auto* sql = dynamic_cast<SqliteStore*>(&store);
  auto* pg = sql ? dynamic_cast<pg::Database*>(&sql->database()) : nullptr;
  if (!pg) throw StoreError("the state lock on a store's connection needs a PostgreSQL store");
  const auto key = fmt::format("{}, {}", pg::kLockSpace, pg::kTickLock);
  if (!pg->session().ask(fmt::format("SELECT pg_try_advisory_lock({})", key))) {
    on_wait();
    pg->session().exec(fmt::format("SELECT pg_advisory_lock({})", key));
  }
}

StateLock::~StateLock() {
  if (fd_ >= 0) ::close(fd_);  // closing the only descriptor lets go of the flock
}

}  // namespace mentorcal::store
