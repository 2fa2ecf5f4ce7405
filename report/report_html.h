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
// With a `stylesheet` address (the live page at /admin, whose Content-Security-Policy allows no
// inline style), the page links report_css() there instead of carrying it; nothing else differs.
std::string report_html(const HealthView& view, scheduler::Instant now,
                        std::string_view stylesheet = {});

// Return the report's stylesheet.
std::string_view report_css();

}  // namespace mentorcal::report
