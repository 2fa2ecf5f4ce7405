#include "store/leader_lease.h"

#include <fmt/format.h>

#include "store/pg_database.h"
#include "store/sqlite_store.h"
#include "store/store.h"

namespace mentorcal::store {
namespace {

constexpr std::string_view kLeaderKey = "leader";

// Whether some session of this database holds the lease.
std::string held_by(std::string_view who) {
  return fmt::format(
      "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted AND "
      "classid::bigint = {} AND objid::bigint = {} AND objsubid = 2 AND database = (SELECT oid "
      "FROM pg_database WHERE datname = current_database()){})",
      pg::kLockSpace, pg::kLeaderLock, who);
}

std::optional<Leader> recorded_leader(pg::Database& db) {
  if (!db.session().ask(held_by(""))) return std::nullopt;
  auto q = db.prepare("SELECT value FROM settings WHERE key = ?");
  q.bind(1, kLeaderKey);
  Leader leader{"unknown", ""};
  if (q.step()) {
    const auto value = q.text(0);
    const auto tab = value.find('\t');
    leader.who = value.substr(0, tab);
    if (tab != std::string::npos) leader.since = value.substr(tab + 1);
  }
  return leader;
}

pg::Database* postgres(Store& store) {
  auto* sql = dynamic_cast<SqliteStore*>(&store);
  return sql ? dynamic_cast<pg::Database*>(&sql->database()) : nullptr;
}

}  // namespace

LeaderLease::LeaderLease(const std::string& url, const std::string& password, std::string who)
    : db_(std::make_unique<pg::Database>(url, password)), who_(std::move(who)) {
  // The leader's connection is the one to cut off to stop it (pg_stat_activity shows whose).
  auto q = db_->prepare("SELECT set_config('application_name', ?, false)");
  q.bind(1, "mentorcal lease " + who_);
  q.run();
}

LeaderLease::~LeaderLease() = default;

bool LeaderLease::try_take(const std::string& since) {
  if (held_) return true;
  if (!db_->session().ask(
          fmt::format("SELECT pg_try_advisory_lock({}, {})", pg::kLockSpace, pg::kLeaderLock)))
    return false;
  held_ = true;
  db_->prepare(
         "INSERT INTO settings (key, value) VALUES (?, ?) "
         "ON CONFLICT (key) DO UPDATE SET value = excluded.value")
      .bind(1, kLeaderKey)
      .bind(2, who_ + "\t" + since)
      .run();
  return true;
}

void LeaderLease::check() {
  if (!db_->session().ask(held_by(" AND pid = pg_backend_pid()")))
    throw StoreError(fmt::format("{}: the leader lease is no longer held", db_->where()));
}

std::optional<Leader> LeaderLease::leader() {
  return recorded_leader(*db_);
}

std::optional<Leader> leader_of(Store& store) {
  auto* db = postgres(store);
  return db ? recorded_leader(*db) : std::nullopt;
}

bool has_lease(Store& store) {
  return postgres(store) != nullptr;
}

}  // namespace mentorcal::store
