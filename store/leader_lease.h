// Who ticks when several `mentorcal daemon` processes share one PostgreSQL state: the leader
// lease, a session-level pg_try_advisory_lock held by the leader's own connection. The server lets
// go of it when that connection ends (the process died, or was cut off and the server noticed), so
// a standby takes it at its next try. Who leads and since when is written beside it (the settings
// row `leader`) for `status` and for the standbys' STATUS=. Ticks still take the state lock
// (store/state_lock.h) on their own connection: the lease decides who tries to tick, the state lock
// keeps two ticks from ever running at once (an old leader's tick finishing while a new leader
// starts). A SQLite state has no lease: one daemon per file.
#pragma once

#include <memory>
#include <optional>
#include <string>

namespace mentorcal::store {

class Store;
namespace pg {
class Database;
}

struct Leader {
  std::string who;    // "HOST (pid N)"
  std::string since;  // RFC 3339, as the leader wrote it
};

class LeaderLease {
 public:
  // Connect to the PostgreSQL state `url` (migrating it if needed); `who` names this process.
  // Throws StoreError.
  LeaderLease(const std::string& url, const std::string& password, std::string who);
  ~LeaderLease();
  LeaderLease(const LeaderLease&) = delete;
  LeaderLease& operator=(const LeaderLease&) = delete;

  // Take the lease if no one holds it; on taking it, record this process as the leader since
  // `since`. Return whether this process holds it. Throws StoreError (connection lost).
  bool try_take(const std::string& since);
  // Throw StoreError unless the connection is alive and still holds the lease.
  void check();
  // The leader as recorded, when someone holds the lease. Throws StoreError.
  std::optional<Leader> leader();

 private:
  std::unique_ptr<pg::Database> db_;
  std::string who_;
  bool held_ = false;
};

// The leader of a PostgreSQL state's daemons (nullopt when no one holds the lease), or nullopt
// for a SQLite state. Throws StoreError.
std::optional<Leader> leader_of(Store& store);
// Whether `store` is a PostgreSQL state (a lease applies).
bool has_lease(Store& store);

}  // namespace mentorcal::store
