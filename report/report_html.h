// The admins' report page (DESIGN.md §9): one self-contained HTML document — inline CSS and SVG,
// no scripts, fonts or images from anywhere — with every pair's meetings against its cadence
// periods, flagged pairs first. Dates, statuses, flags and counts only: no meeting content
// (DESIGN.md §6).
#pragma once

#include <string>
#include <string_view>

#include "report/health_view.h"
#include "scheduler/interval.h"

namespace mentorcal::report {

// Return the report for `view` evaluated at `now`. The same view and `now` give the same bytes.
std::string report_html(const HealthView& view, scheduler::Instant now);

}  // namespace mentorcal::report
