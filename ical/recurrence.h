// Walking an RRULE with libical's icalrecur_iterator, in wall-clock time and bounded: the
// iterator's own UNTIL is set just past the wanted span (which also stops it spinning on a rule
// that no longer matches), rules without COUNT jump near the span with
// icalrecur_iterator_set_start (not for sub-daily rules with INTERVAL > 1, where libical 3.0's
// jump loses the phase), sub-daily rules whose walk would take too many steps are refused, and
// each walk has a cap of steps and a CPU budget.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>

#include <libical/ical.h>

#include "ical/cpu_budget.h"

namespace mentorcal::ical {

constexpr long kMaxSteps = 1'000'000;  // iterator results of one walk, before or in the span

// Return the wall-clock time a libical time names (midnight for a DATE), or nothing when its
// fields are not a real date and time (libical keeps "2026-13-45" as month 13, day 45).
std::optional<std::chrono::local_seconds> wall_clock(const icaltimetype& t);

// Return `t` as a floating libical time (a DATE when `is_date`).
icaltimetype ical_time(std::chrono::local_seconds t, bool is_date);

// One walk of an RRULE in wall-clock time.
struct RuleWalk {
  icalrecurrencetype rule;  // its UNTIL is ignored: the caller checks UNTIL
  std::chrono::local_seconds dtstart;
  bool is_date = false;
  std::chrono::local_seconds jump_to;     // instances before this are not wanted
  std::chrono::local_seconds stop_after;  // nor instances after this
  long max_steps = kMaxSteps;
};

enum class WalkEnd { done, capped, refused, out_of_time };

// Call visit(wall-clock time) for the instances of `w.rule` in order (DTSTART included when it
// matches the rule) until visit returns false, the rule ends, w.max_steps instances were seen or
// the budget is spent. On `refused`, `why` says why the rule was not walked at all.
WalkEnd walk(RuleWalk w, CpuBudget& budget, std::string& why,
             const std::function<bool(std::chrono::local_seconds)>& visit);

}  // namespace mentorcal::ical
