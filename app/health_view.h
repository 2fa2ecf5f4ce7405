// The programme as the state store sees it at `now`: recorded ends applied, the meetings sent,
// the plan with booked meetings fixed, and every pair's health. Shared by `status`, `report`,
// the admin digest and the nudges.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "app/feeds.h"
#include "config/programme.h"
#include "report/health_view.h"
#include "scheduler/health.h"
#include "scheduler/plan.h"
#include "store/store.h"

namespace mentorcal::app {

using report::HealthView;

// The setting where `mentorcal pair review ID` records the day: "review.<pair id>" = YYYY-MM-DD.
inline std::string review_setting(std::string_view pair) {
  return "review." + std::string(pair);
}

// Read the state and evaluate it. Reads only; `store` may be null for a programme with no state
// yet. `busy`: the busy times to plan with; null: the stored copies of the feeds.
HealthView health_view(const config::Programme& file, store::Store* store, scheduler::Instant now,
                       const BusyMap* busy = nullptr);

// Return the plan of health_view(), without evaluating the health (what `plan` shows), planned
// with `busy`. The state's ends and partners' away dates are applied to `file` in place.
scheduler::Plan plan_view(config::Programme& file, store::Store* store, scheduler::Instant now,
                          BusyMap busy);

}  // namespace mentorcal::app
