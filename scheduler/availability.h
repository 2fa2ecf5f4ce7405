// A person's weekly windows, away days and busy times as UTC intervals.
#pragma once

#include "config/programme.h"
#include "scheduler/interval.h"
#include "scheduler/zone.h"

namespace mentorcal::scheduler {

// Return the instants inside `person`'s weekly windows (their zone) that fall in `range`.
Intervals weekly_windows(const config::Person& person, const Zone& zone, Interval range);

// Return the whole local days of `person`'s away ranges that touch `range`.
Intervals away_days(const config::Person& person, const Zone& zone, Interval range);

// Return the UTC span of local days [from, to] (inclusive) in `zone`.
Interval local_days_span(const Zone& zone, std::chrono::year_month_day from,
                         std::chrono::year_month_day to);

}  // namespace mentorcal::scheduler
