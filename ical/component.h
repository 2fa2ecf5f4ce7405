// Owning and walking libical components.
#pragma once

#include <memory>
#include <vector>

#include <libical/ical.h>

namespace mentorcal::ical {

struct ComponentFree {
  void operator()(icalcomponent* c) const { icalcomponent_free(c); }
};
// A component tree libical allocated (icalparser_parse_string, icalcomponent_new...).
using Component = std::unique_ptr<icalcomponent, ComponentFree>;

// Return the children of `parent` of `kind` (ICAL_ANY_COMPONENT: all). libical walks children
// with one iterator per component, which any nested walk (or libical call) resets: loop over this
// snapshot instead.
std::vector<icalcomponent*> children(icalcomponent* parent, icalcomponent_kind kind);

// Return the properties of `component` of `kind`, a snapshot as for children().
std::vector<icalproperty*> properties(icalcomponent* component, icalproperty_kind kind);

// Return the VCALENDARs of a parsed text: the root itself, or the VCALENDARs under libical's
// XROOT when the text held several; none when it holds no VCALENDAR.
std::vector<icalcomponent*> calendars_of(icalcomponent* root);

}  // namespace mentorcal::ical
