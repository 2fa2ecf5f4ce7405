// Why a meeting could not be placed, in words an admin can act on. Internal to scheduler/.
#pragma once

#include <string>

#include "base/phrase.h"
#include "config/programme.h"
#include "scheduler/slot_search.h"

namespace mentorcal::scheduler {

// Return one line naming the period and the cause: no overlap of the two people's windows (shown
// in their local times), an overlap shorter than the meeting, away days, busy calendars, other
// meetings, daily or weekly limits, or spacing.
base::Phrase explain_no_slot(const Need& need, std::chrono::seconds duration, const Limits& limits,
                             const Refusals& refusals, const config::Programme& programme);

// Whose time is being explained: a meeting that was booked ("no longer inside ...") or a time a
// partner proposed ("not inside ...").
enum class Explaining { booked_meeting, proposal };

// Return why `person` cannot meet at `when`: away, busy, or outside their windows.
base::Phrase explain_unavailable(const PersonState& person, Interval when,
                                 Explaining what = Explaining::booked_meeting);

}  // namespace mentorcal::scheduler
