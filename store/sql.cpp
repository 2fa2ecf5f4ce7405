#include "store/sql.h"

#include <fmt/format.h>

#include "store/store.h"

namespace mentorcal::store::sql {

Transaction::~Transaction() {
  if (!done_) {
    try {
      db_.exec("ROLLBACK");
    } catch (const StoreError&) {
      // Nothing more can be done in a destructor; both engines roll back on close anyway.
    }
  }
}

void Transaction::commit() {
  db_.exec("COMMIT");
  done_ = true;
}

void migrate(Connection& db, std::span<const std::string_view> migrations) {
  Transaction tx(db);
  const int version = db.schema_version();
  const int latest = static_cast<int>(migrations.size());
  if (version > latest) {
    throw StoreError(
        fmt::format("the state database {} has schema version {}, newer than this mentorcal "
                    "understands ({}): run a newer mentorcal, or restore a backup",
                    db.where(), version, latest));
  }
  for (int v = version; v < latest; ++v) {
    db.exec(migrations[static_cast<std::size_t>(v)]);
    db.set_schema_version(v + 1);
  }
  tx.commit();
}

}  // namespace mentorcal::store::sql
