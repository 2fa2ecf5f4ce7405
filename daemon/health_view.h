// The programme as the state store sees it at `now`: recorded ends applied, the meetings sent,
// the plan with booked meetings fixed, and every pair's health. Shared by `status`, `report`,
// the admin digest and the nudges.
#pragma once

#include <vector>

#include "config/programme.h"
#include "daemon/database.h"
#include "daemon/meetings.h"
#include "scheduler/health.h"
#include "scheduler/plan.h"

namespace mentorcal::daemon {

struct HealthView {
  config::Programme programme;  // the file, with `pair end` records applied
  std::vector<MeetingRow> meetings;
  scheduler::Plan plan;
  std::vector<scheduler::PairHealth> health;  // flagged first
};

// Read the state and evaluate it. Reads only; `db` may be null for a programme with no state yet.
HealthView health_view(const config::Programme& file, Database* db, scheduler::Instant now);

// Return the meeting as cadence health counts it.
scheduler::MeetingRecord health_record(const MeetingRow& row);

}  // namespace mentorcal::daemon
