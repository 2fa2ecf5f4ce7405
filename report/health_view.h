// The programme as the state store sees it at a moment: recorded ends applied, the meetings sent,
// the plan with booked meetings fixed, and every pair's health. What the report draws; also what
// `status`, the admin digest and the nudges read (app/health_view.h builds it).
#pragma once

#include <vector>

#include "config/programme.h"
#include "scheduler/health.h"
#include "scheduler/plan.h"
#include "store/meetings.h"

namespace mentorcal::report {

struct HealthView {
  config::Programme programme;  // the file, with `pair end` records applied
  std::vector<store::MeetingRow> meetings;
  scheduler::Plan plan;
  std::vector<scheduler::PairHealth> health;  // flagged first
};

}  // namespace mentorcal::report
