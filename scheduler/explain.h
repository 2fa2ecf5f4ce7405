// Why a meeting could not be placed, in words an admin can act on. Internal to scheduler/.
#pragma once

#include <string>

#include "config/programme.h"
#include "scheduler/slot_search.h"

namespace mentorcal::scheduler {

// Return one line naming the period and the cause: no overlap of the two people's windows (shown
// in their local times), an overlap shorter than the meeting, away days, busy calendars, other
// meetings, daily or weekly limits, or spacing.
std::string explain_no_slot(const Need& need, std::chrono::seconds duration, const Limits& limits,
                            const Refusals& refusals, const config::Programme& programme);

// Return why `person` cannot meet at `when`: away, busy, or outside their windows.
std::string explain_unavailable(const PersonState& person, Interval when);

}  // namespace mentorcal::scheduler
