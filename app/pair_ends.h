// Pairings ended with `mentorcal pair end` win over the config's `status` (an admin who forgets to
// edit the file does not revive a pair); partners' away dates are added to the file's.
#pragma once

#include <string>
#include <vector>

#include "config/partner_away.h"
#include "config/programme.h"
#include "store/store.h"

namespace mentorcal::app {

// Return `programme` with the recorded ends applied (status, ended_on, ended_reason).
config::Programme with_ends(const config::Programme& programme, const store::PairEnds& ended);
// The same in place: no copy of a big programme (`plan` at 100k pairs).
void apply_ends(config::Programme& programme, const store::PairEnds& ended);

// Return the away dates partners gave on their page (issue 15), as config::with_partner_away
// takes them; rows that do not read as dates are left out.
std::vector<config::PersonAway> partner_away(store::Store& store);

// Return what partners changed on their pages, a line each, for `status` and `plan`:
// "amara is away 2026-12-07 to 2026-12-13 (conference) (their page, 2026-11-22T09:30:00Z)".
std::vector<std::string> partner_change_lines(store::Store& store);

}  // namespace mentorcal::app
