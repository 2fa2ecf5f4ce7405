// The largest programme file read, shared by the loader (config/) and the service's snapshot of
// the file for each tick (supervisor/), so the two cannot disagree. The generated 100,000-pair
// programme of the whole-process benchmark (scripts/bench-process.sh) takes 40 MiB; a real
// programme of thousands of people, well under 1 MiB.
#pragma once

#include <cstddef>

namespace mentorcal::base {

constexpr std::size_t kMaxProgrammeBytes = std::size_t{64} << 20;

}  // namespace mentorcal::base
