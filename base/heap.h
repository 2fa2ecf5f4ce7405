// The allocator policy of the mentorcal process, header-only so that the planning benchmark can
// measure the scheduler under the same policy without linking the daemon.
#pragma once

#include <malloc.h>

namespace mentorcal::base {

// Keep every block of 128 KiB or more in a mapping of its own, given back to the system when it
// is freed. glibc otherwise raises that threshold after the first large block is freed, and a
// process that plans, frees and plans again then carves the next plan's large vectors out of a
// heap full of holes: planning 100k pairs a second time peaked 20 MB higher than the first.
inline void keep_large_blocks_mapped() {
  mallopt(M_MMAP_THRESHOLD, 128 * 1024);
}

}  // namespace mentorcal::base
