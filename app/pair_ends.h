// Pairings ended with `mentorcal pair end` win over the config's `status` (an admin who forgets to
// edit the file does not revive a pair).
#pragma once

#include "config/programme.h"
#include "store/store.h"

namespace mentorcal::app {

// Return `programme` with the recorded ends applied (status, ended_on, ended_reason).
config::Programme with_ends(const config::Programme& programme, const store::PairEnds& ended);

}  // namespace mentorcal::app
