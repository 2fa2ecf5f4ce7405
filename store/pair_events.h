// Pairings ended with `mentorcal pair end`: recorded in the state store, they win over the
// config's `status` (an admin who forgets to edit the file does not revive a pair).
#pragma once

#include <map>
#include <string>

#include "config/programme.h"
#include "scheduler/health.h"
#include "store/database.h"

namespace mentorcal::store {

// Return the ends recorded so far, by pair id (the latest per pair).
std::map<std::string, scheduler::PairEnd, std::less<>> ended_pairs(Database& db);

// Record an end. REQUIRES: inside a Transaction.
void record_pair_end(Database& db, const std::string& pair, const scheduler::PairEnd& end,
                     scheduler::Instant now);

// Return `programme` with the recorded ends applied (status, ended_on, ended_reason).
config::Programme with_ends(const config::Programme& programme,
                            const std::map<std::string, scheduler::PairEnd, std::less<>>& ended);

}  // namespace mentorcal::store
