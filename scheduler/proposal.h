// Judging a time a partner proposed ("propose new time", iTIP COUNTER) by the same rules the
// planner keeps (DESIGN.md §5).
#pragma once

#include <string>

#include "scheduler/plan.h"

namespace mentorcal::scheduler {

// Return "" when `proposed` is allowed for the booked meeting `uid` of pair `pair_id`, else why
// not, in words for the log and the audit ("Li is away (holiday) from ...", "closer than 5 days to
// another meeting of the pair", ...). `input.booked` holds every booked meeting, `uid` included
// (it is left out of the checks).
base::Phrase check_proposal(const PlanInput& input, const std::string& pair_id,
                            const std::string& uid, Interval proposed);

}  // namespace mentorcal::scheduler
