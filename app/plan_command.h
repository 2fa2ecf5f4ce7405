// `mentorcal plan [--json]`: the meetings the scheduler wants, booked and new together; nothing is
// sent or stored.
#pragma once

#include <chrono>
#include <filesystem>
#include <iosfwd>

#include "scheduler/plan.h"

namespace mentorcal::app {

// Load the config, plan at `now` and print the plan. Return an exit code of DESIGN.md §9.
int plan_command(const std::filesystem::path& config_file, std::chrono::sys_seconds now, bool json);

// Write the plan as DESIGN.md §9 JSON: {"now", "meetings": [{"pair", "start", "end", "first",
// "uid"}], "unscheduled": [{"pair", "reason"}]}, times as RFC 3339 UTC.
void write_plan_json(const scheduler::Plan& plan, std::ostream& out);

// Write the plan as a table for people: each meeting in both partners' local times.
void write_plan_table(const scheduler::Plan& plan, const config::Programme& programme,
                      std::ostream& out);

}  // namespace mentorcal::app
