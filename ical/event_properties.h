// The properties of one VEVENT that the busy-feed reader uses, read in one pass (libical has one
// property iterator per component, so nested walks would disturb each other).
#pragma once

#include <string>
#include <vector>

#include <libical/ical.h>

namespace mentorcal::ical {

// Pointers into the VEVENT: valid while it lives.
struct EventProperties {
  int index = 0;  // 1 for the feed's first VEVENT
  std::string uid;
  icalproperty* dtstart = nullptr;
  icalproperty* dtend = nullptr;
  icalproperty* duration = nullptr;
  icalproperty* recurrence_id = nullptr;
  bool cancelled = false;
  bool transparent = false;
  std::vector<icalproperty*> rrules, rdates, exdates, errors;  // errors: X-LIC-ERROR
};

// Return the properties of `event` (its index left 0).
EventProperties read_properties(icalcomponent* event);

}  // namespace mentorcal::ical
