#include "store/sqlite_store.h"

#include <cstdlib>
#include <cstring>
#include <sstream>

#include <date/date.h>

#include "base/time_text.h"
#include "store/database.h"
#include "store/names.h"
#include "store/pg_database.h"

namespace mentorcal::store {
namespace {

class SqliteTransaction final : public Transaction::Body {
 public:
  explicit SqliteTransaction(sql::Connection& db) : tx_(db) {}
  void commit() override { tx_.commit(); }

 private:
  sql::Transaction tx_;  // rolls back unless committed
};

}  // namespace

std::int64_t unix_time(Instant t) {
  return t.time_since_epoch().count();
}

Instant from_unix(std::int64_t seconds) {
  return Instant{std::chrono::seconds{seconds}};
}

SqliteStore::SqliteStore(std::unique_ptr<sql::Connection> db)
    : owned_(std::move(db)), db_(*owned_) {}

Transaction SqliteStore::transaction() {
  return Transaction(std::make_unique<SqliteTransaction>(db_));
}

void SqliteStore::audit(Instant now, std::string_view kind, std::string_view subject,
                        std::string_view detail) {
  db_.prepare("INSERT INTO audit (at, kind, subject, detail) VALUES (?, ?, ?, ?)")
      .bind(1, unix_time(now))
      .bind(2, kind)
      .bind(3, subject)
      .bind(4, detail)
      .run();
}

void SqliteStore::record_reply(const ReplyRecord& r) {
  db_.prepare(
         R"(INSERT INTO replies (received, meeting_uid, attendee, method, partstat, sequence, outcome, detail)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?))")
      .bind(1, unix_time(r.received))
      .bind(2, r.meeting_uid)
      .bind(3, r.attendee)
      .bind(4, r.method)
      .bind(5, r.partstat)
      .bind(6, r.sequence)
      .bind(7, config::enum_name(r.outcome))
      .bind(8, r.detail)
      .run();
}

std::vector<ReplyRecord> SqliteStore::replies() {
  std::vector<ReplyRecord> out;
  auto q = db_.prepare(
      "SELECT received, meeting_uid, attendee, method, partstat, sequence, outcome, detail "
      "FROM replies ORDER BY id");
  while (q.step()) {
    out.push_back({from_unix(q.integer(0)), q.text(1), q.text(2), q.text(3), q.text(4),
                   static_cast<int>(q.integer(5)),
                   config::enum_from<ReplyOutcome>(q.text(6)).value_or(ReplyOutcome::ignored),
                   q.text(7)});
  }
  return out;
}

std::map<ReplyOutcome, long long> SqliteStore::reply_counts() {
  std::map<ReplyOutcome, long long> out;
  auto q = db_.prepare("SELECT outcome, COUNT(*) FROM replies GROUP BY outcome");
  while (q.step()) {
    out[config::enum_from<ReplyOutcome>(q.text(0)).value_or(ReplyOutcome::ignored)] += q.integer(1);
  }
  return out;
}

PairEnds SqliteStore::ended_pairs() {
  PairEnds out;
  auto q =
      db_.prepare("SELECT pair, on_date, reason FROM pair_events WHERE kind = 'ended' ORDER BY id");
  while (q.step()) {
    std::istringstream in(q.text(1));
    date::sys_days day;
    in >> date::parse("%F", day);
    const auto reason = config::enum_from<config::EndReason>(q.text(2));
    if (in.fail() || !reason) continue;  // written by us; unreadable means a newer format: skip
    out[q.text(0)] = {std::chrono::year_month_day{day}, *reason};
  }
  return out;
}

void SqliteStore::record_pair_end(std::string_view pair, const scheduler::PairEnd& end,
                                  Instant now) {
  db_.prepare(
         "INSERT INTO pair_events (pair, kind, on_date, reason, at) VALUES (?, 'ended', ?, ?, ?)")
      .bind(1, pair)
      .bind(2, base::date_text(end.on))
      .bind(3, config::enum_name(end.reason))
      .bind(4, unix_time(now))
      .run();
}

std::optional<std::string> SqliteStore::setting(std::string_view key) {
  auto q = db_.prepare("SELECT value FROM settings WHERE key = ?");
  q.bind(1, key);
  if (!q.step()) return std::nullopt;
  return q.text(0);
}

std::map<std::string, std::string, std::less<>> SqliteStore::settings_starting_with(
    std::string_view prefix) {
  std::map<std::string, std::string, std::less<>> out;
  auto q = db_.prepare("SELECT key, value FROM settings WHERE substr(key, 1, ?) = ?");
  q.bind(1, static_cast<std::int64_t>(prefix.size()));
  q.bind(2, prefix);
  while (q.step())
    out.emplace(q.text(0), q.text(1));
  return out;
}

void SqliteStore::set_setting(std::string_view key, std::string_view value) {
  db_.prepare(
         "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = "
         "excluded.value")
      .bind(1, key)
      .bind(2, value)
      .run();
}

std::unique_ptr<Store> open_store(const std::filesystem::path& path, const std::string& password) {
  if (pg::is_url(path.native())) {
    return std::make_unique<SqliteStore>(std::make_unique<pg::Database>(path.native(), password));
  }
  return std::make_unique<SqliteStore>(std::make_unique<sqlite::Database>(path));
}

std::unique_ptr<Store> open_existing(const std::filesystem::path& path,
                                     const std::string& password) {
  if (pg::is_url(path.native())) {
    if (!pg::Database(path.native(), password, false).has_state()) return nullptr;
  } else if (!std::filesystem::exists(path)) {
    return nullptr;
  }
  return open_store(path, password);
}

bool is_server_state(const std::filesystem::path& state) {
  return pg::is_url(state.native());
}

std::filesystem::path state_path(const std::filesystem::path& configured) {
  if (!configured.empty()) return configured;
  if (const char* dir = std::getenv("STATE_DIRECTORY"); dir && *dir) {
    // systemd may list several directories separated by ':'; the first is ours.
    const std::string first(dir, std::strcspn(dir, ":"));
    return std::filesystem::path(first) / "state.sqlite3";
  }
  return "mentorcal-state.sqlite3";
}

}  // namespace mentorcal::store
