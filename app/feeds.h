// Busy-calendar feeds: fetched each tick (conditionally, so usually a 304), the last good copy
// kept in the state store, read into busy times for the planner (once per process for the same
// copy, range and zone). A feed that fails keeps its
// last good copy; `status` shows its age and the error.
#pragma once

#include <chrono>
#include <map>
#include <string>
#include <vector>

#include "config/programme.h"
#include "net/feed_source.h"
#include "scheduler/interval.h"
#include "store/store.h"

namespace mentorcal::app {

using BusyMap = std::map<std::string, scheduler::Intervals, std::less<>>;

// Fetch every person's feed again from `source` (conditional requests), several at once, each
// within 30 s and all within 60 s. Failures are recorded, not thrown.
void refresh_feeds(const config::Programme& programme, store::Store& store, net::FeedSource& source,
                   scheduler::Instant now);

// Return each person's busy times from the last good copies, over the planning horizon. Events
// that are mentorcal's own meetings (by UID) do not count.
BusyMap busy_times(const config::Programme& programme, store::Store& store, scheduler::Instant now);

// A stored copy at most this old counts as fresh for a preview (`plan`).
inline constexpr std::chrono::hours kPreviewFreshFor{1};

// The busy times a preview (`plan`) plans with, and what it did to get them, one line each
// ("the busy calendar of amara was fetched for this preview and not stored").
struct PreviewBusy {
  BusyMap busy;
  std::vector<std::string> notes;
};

// Return each person's busy times as the next tick would see them: the stored copy when it came
// from the configured URL less than kPreviewFreshFor ago, else a copy fetched now from `source`
// (kept in memory only; the stored copy, if any, when the fetch fails). Writes nothing to `store`,
// which may be null (a programme that never ran).
PreviewBusy preview_busy_times(const config::Programme& programme, store::Store* store,
                               net::FeedSource& source, scheduler::Instant now);

}  // namespace mentorcal::app
