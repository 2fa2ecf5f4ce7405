// Cadence periods (DESIGN.md §5), in the programme's time zone: calendar months, ISO weeks,
// calendar years, or consecutive blocks of N weeks counted from the pair's start.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "base/phrase.h"
#include "config/cadence.h"
#include "config/programme.h"
#include "scheduler/interval.h"
#include "scheduler/zone.h"

namespace mentorcal::scheduler {

struct Period {
  Interval span;                      // UTC
  std::chrono::year_month_day first;  // its first local day
  config::Cadence::Period kind;
  int required = 0;  // meetings asked for, pro-rated to the pair's [started, ends)

  // Return how an admin names it: "December 2026", "week 2026-W49", "2027",
  // "the 3 weeks from 2026-12-07".
  std::string label(const config::Cadence& cadence) const;
  // The same, as a phrase a reader's language can word: "{{month}}", "the week from {{from}}".
  base::Phrase name(const config::Cadence& cadence) const;
};

// Return the span in which `pair` is active, in UTC: from the first instant of its `started` day
// to the first instant of its planned `ends` day (open-ended without one), days in `zone`.
Interval active_span(const config::Pair& pair, const Zone& zone);

// Return the ideal time between two meetings: the period's average length (a Gregorian month or
// year, a week, N weeks) divided by its meetings: about 15.2 days for "2/month".
std::chrono::seconds ideal_interval(const config::Cadence& cadence);

// Return the periods of `cadence` that overlap `range`, in order. `started` anchors blocks of
// N weeks; `active` (the pair's [started, ends) in UTC) pro-rates `required` in a period the pair
// only partly covers: round(meetings × covered fraction).
std::vector<Period> periods(const config::Cadence& cadence, const Zone& zone,
                            std::chrono::year_month_day started, Interval active, Interval range);

}  // namespace mentorcal::scheduler
