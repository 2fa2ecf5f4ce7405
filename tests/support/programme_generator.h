// Realistic generated programmes for property tests and benchmarks: mentors with 1-4 mentees, a
// dozen zones in both hemispheres (with :30 and :45 offsets), 2-6 weekly windows per person,
// away weeks and busy intervals.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <string>

#include "config/programme.h"
#include "scheduler/plan.h"

namespace mentorcal::testing {

struct GeneratorOptions {
  int pairs = 50;
  std::uint64_t seed = 1;
  int horizon_weeks = 8;
  int max_busy_per_person = 6;  // busy intervals over the horizon, 0 to this many
};

struct GeneratedProgramme {
  config::Programme programme;
  std::map<std::string, scheduler::Intervals, std::less<>> busy;
};

// Return a programme of about `options.pairs` active pairs (some paused), deterministic in the
// seed.
GeneratedProgramme generate_programme(const GeneratorOptions& options,
                                      std::chrono::sys_seconds now);

}  // namespace mentorcal::testing
