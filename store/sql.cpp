#include "store/sql.h"

#include <fmt/format.h>

#include "store/store.h"

namespace mentorcal::store::sql {

Transaction::~Transaction() {
  if (!done_) {
    try {
      db_.rollback();
    } catch (const StoreError&) {
      // Nothing more can be done in a destructor; both engines roll back on close anyway.
    }
  }
}

void Transaction::commit() {
  db_.commit();  // when it throws, the destructor rolls back
  done_ = true;
}

void migrate(Connection& db, std::span<const std::string_view> migrations) {
  const int latest = static_cast<int>(migrations.size());
  const auto refuse_newer = [&](int version) {
    if (version <= latest) return;
    throw StoreError(
        fmt::format("the state database {} has schema version {}, newer than this mentorcal "
                    "understands ({}): run a newer mentorcal, or restore a backup",
                    db.where(), version, latest));
  };
  // Read first, without a write transaction: a state that needs nothing must open while a tick
  // holds the write lock for longer than the busy timeout (status, plan and backup during a tick).
  if (const auto seen = db.peek_schema_version()) {
    refuse_newer(*seen);
    if (*seen == latest) return;
  }
  Transaction tx(db);
  const int version = db.schema_version();  // another process may have migrated meanwhile
  refuse_newer(version);
  for (int v = version; v < latest; ++v) {
    db.exec(migrations[static_cast<std::size_t>(v)]);
    db.set_schema_version(v + 1);
  }
  tx.commit();
}

}  // namespace mentorcal::store::sql
