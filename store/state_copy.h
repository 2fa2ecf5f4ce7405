// `mentorcal state copy`: a programme's whole state copied from one store to another, SQLite or
// PostgreSQL on either side, every table row for row in one transaction on the target, then
// verified: the target's row count and checksum of each table must equal the source's.
// The checksum of a table is order-free (row order differs between engines): an FNV-1a hash of
// each row's values (NULL apart from ""), the row hashes sorted, hashed again. It detects a lost,
// added or changed row; it is not a cryptographic digest.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace mentorcal::store {

class Store;

struct TableSum {
  std::string table;
  std::int64_t rows = 0;
  std::string checksum;  // 16 hex digits
  bool operator==(const TableSum&) const = default;
};

// The row count and checksum of every table of `store`. Throws StoreError.
std::vector<TableSum> table_sums(Store& store);

// Copy every table of `from` into `to` and return the sums of both, verified equal. `to` must
// hold no rows, unless `replace` (its rows are deleted first, in the same transaction). Throws
// StoreError: `to` not empty, a failed statement (nothing is written), or sums that differ.
// REQUIRES: both at the same schema version (open_store migrates), nothing else writing either.
std::vector<TableSum> copy_state(Store& from, Store& to, bool replace);

}  // namespace mentorcal::store
