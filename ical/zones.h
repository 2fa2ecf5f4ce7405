// The time zones a VCALENDAR's TZIDs name, as ZoneRules: the calendar's own VTIMEZONE of that
// name (Windows names such as "GMT Standard Time" included) first, else the tz database (also the
// IANA name at the end of a prefixed TZID: "/mozilla.org/20050126_1/Europe/London",
// "/freeassociation.sourceforge.net/Europe/London"). Used alike by the busy-feed reader and the
// iTIP answer reader; what each does with an unknown or partly usable zone is its own policy.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>

#include <libical/ical.h>

#include "ical/cpu_budget.h"
#include "ical/zone_rules.h"

namespace mentorcal::ical {

class CalendarZones {
 public:
  // `calendar` (a VCALENDAR) and `budget` must outlive this. Rules are worked out over `span`.
  CalendarZones(icalcomponent* calendar, Coverage span, CpuBudget& budget);

  struct Found {
    std::unique_ptr<ZoneRules> rules;  // null when the TZID names no usable zone
    // What of the calendar's own VTIMEZONE of that name was left out or made it unusable ("a rule
    // that is not FREQ=YEARLY was left out", ...); "" when it was read whole or there is none.
    std::string problem;
  };

  // Return the rules `tzid` names. A VTIMEZONE is read with yearly RRULEs and RDATEs only, each
  // observance bounded to 5,000 onsets and all walks to the CPU budget; when it yields no
  // observance at all, the tz database is tried. Not cached: look each name up once.
  Found find(std::string_view tzid);

 private:
  std::unique_ptr<ZoneRules> from_vtimezone(icalcomponent* vtimezone, std::string& problem);
  std::unique_ptr<ZoneRules> from_tzdb(std::string_view name) const;

  Coverage span_;
  CpuBudget& budget_;
  std::map<std::string, icalcomponent*, std::less<>> vtimezones_;  // by TZID; the first wins
};

}  // namespace mentorcal::ical
