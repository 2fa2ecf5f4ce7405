// Store::back_up for SQLite: the online backup API copies every page within one read transaction,
// so the copy is the state as of one commit even while the daemon writes (WAL: readers do not
// block the writer, nor it them). The copy is written beside the target, checked, flushed, and
// renamed over it: a crash leaves the old backup or the new one, never half of one.
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <memory>
#include <string>
#include <unistd.h>

#include <fmt/format.h>
#include <sqlite3.h>

#include "store/database.h"
#include "store/sqlite_store.h"

namespace mentorcal::store {
namespace {

struct CloseDb {
  void operator()(sqlite3* db) const { sqlite3_close(db); }
};

[[noreturn]] void fail(const std::filesystem::path& file, std::string_view why) {
  throw StoreError(fmt::format("cannot back up the state to {}: {}", file.string(), why));
}

void sync_path(const std::filesystem::path& path, int flags, const std::filesystem::path& file) {
  const int fd = ::open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0 || ::fsync(fd) != 0) {
    const std::string why = std::strerror(errno);
    if (fd >= 0) ::close(fd);
    fail(file, why);
  }
  ::close(fd);
}

}  // namespace

void SqliteStore::back_up(const std::filesystem::path& file) {
  auto* lite = dynamic_cast<sqlite::Database*>(&db_);
  if (!lite) {
    throw StoreError(fmt::format(
        "cannot back up the state to {}: the state is in PostgreSQL ({}); back it up with "
        "pg_dump (or the server's own backups)",
        file.string(), db_.where()));
  }
  std::filesystem::path partial = file;
  partial += ".partial";
  std::error_code ignored;
  std::filesystem::remove(partial, ignored);

  sqlite3* raw = nullptr;
  const int opened = sqlite3_open_v2(
      partial.c_str(), &raw,
      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_EXRESCODE,
      nullptr);
  std::unique_ptr<sqlite3, CloseDb> copy(raw);
  if (opened != SQLITE_OK) fail(file, raw ? sqlite3_errmsg(raw) : "out of memory");

  sqlite3_backup* backup = sqlite3_backup_init(copy.get(), "main", lite->handle(), "main");
  if (!backup) fail(file, sqlite3_errmsg(copy.get()));
  // -1: every page in one step, under one read transaction; a writer in another process goes on
  // writing to the WAL meanwhile. (Steps of a few pages would restart whenever it commits.)
  const int stepped = sqlite3_backup_step(backup, -1);
  const int finished = sqlite3_backup_finish(backup);
  if (stepped != SQLITE_DONE || finished != SQLITE_OK) {
    const std::string why = sqlite3_errmsg(copy.get());
    copy.reset();
    std::filesystem::remove(partial, ignored);
    fail(file, why);
  }
  // A copy that cannot be read back is no backup.
  std::string verdict;
  sqlite3_exec(
      copy.get(), "PRAGMA quick_check",
      [](void* out, int, char** values, char**) {
        *static_cast<std::string*>(out) += values[0] ? values[0] : "";
        return 0;
      },
      &verdict, nullptr);
  copy.reset();
  if (verdict != "ok") {
    std::filesystem::remove(partial, ignored);
    fail(file, "the copy fails SQLite's quick_check: " + verdict);
  }
  sync_path(partial, O_RDONLY, file);
  if (::rename(partial.c_str(), file.c_str()) != 0) {
    const std::string why = std::strerror(errno);
    std::filesystem::remove(partial, ignored);
    fail(file, why);
  }
  const auto folder = file.parent_path().empty() ? std::filesystem::path(".") : file.parent_path();
  sync_path(folder, O_RDONLY | O_DIRECTORY, file);
}

}  // namespace mentorcal::store
