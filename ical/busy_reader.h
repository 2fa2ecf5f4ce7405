// Busy-time collection: the VEVENTs and VFREEBUSYs of a feed's VCALENDARs expanded into the UTC
// intervals they make busy (what counts, and how, is documented at read_busy_feed in ical/feed.h).
#pragma once

#include <chrono>
#include <functional>
#include <string_view>
#include <vector>

#include <libical/ical.h>

#include "ical/feed.h"
#include "ical/warnings.h"
#include "ical/zone_rules.h"

namespace mentorcal::ical {

// Add to out.busy the busy times of `calendars` inside [from, to) (unsorted and not merged), count
// their VEVENTs in out.events, and add what was skipped or guessed to `warnings`. `person`: the
// rules of the person's zone, for floating times and DATEs.
void collect_busy(const std::vector<icalcomponent*>& calendars, std::chrono::sys_seconds from,
                  std::chrono::sys_seconds to, const ZoneRules& person,
                  const std::function<bool(std::string_view)>& is_ours, FeedReading& out,
                  Warnings& warnings);

}  // namespace mentorcal::ical
