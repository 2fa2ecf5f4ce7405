#include "ical/component.h"

namespace mentorcal::ical {

std::vector<icalcomponent*> children(icalcomponent* parent, icalcomponent_kind kind) {
  std::vector<icalcomponent*> out;
  for (icalcomponent* c = icalcomponent_get_first_component(parent, kind); c != nullptr;
       c = icalcomponent_get_next_component(parent, kind)) {
    out.push_back(c);
  }
  return out;
}

std::vector<icalproperty*> properties(icalcomponent* component, icalproperty_kind kind) {
  std::vector<icalproperty*> out;
  for (icalproperty* p = icalcomponent_get_first_property(component, kind); p != nullptr;
       p = icalcomponent_get_next_property(component, kind)) {
    out.push_back(p);
  }
  return out;
}

std::vector<icalcomponent*> calendars_of(icalcomponent* root) {
  if (icalcomponent_isa(root) == ICAL_VCALENDAR_COMPONENT) return {root};
  if (icalcomponent_isa(root) == ICAL_XROOT_COMPONENT) {
    return children(root, ICAL_VCALENDAR_COMPONENT);
  }
  return {};
}

}  // namespace mentorcal::ical
