// Busy-calendar feeds: fetched each tick (conditionally, so usually a 304), the last good copy
// kept in the state store, read into busy times for the planner. A feed that fails keeps its
// last good copy; `status` shows its age and the error.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "config/programme.h"
#include "scheduler/interval.h"
#include "store/database.h"

namespace mentorcal::app {

using BusyMap = std::map<std::string, scheduler::Intervals, std::less<>>;

// Fetch every person's feed again (HTTP conditional requests). Failures are recorded, not thrown.
void refresh_feeds(const config::Programme& programme, store::Database& db, scheduler::Instant now);

// Return each person's busy times from the last good copies, over the planning horizon. Events
// that are mentorcal's own meetings (by UID) do not count.
BusyMap busy_times(const config::Programme& programme, store::Database& db, scheduler::Instant now);

struct FeedState {
  std::string person;
  std::string url;
  std::optional<scheduler::Instant> good_at;  // unset: never fetched successfully
  std::string error;                          // the last failure, "" if the last try worked
};
std::vector<FeedState> feed_states(store::Database& db);

}  // namespace mentorcal::app
