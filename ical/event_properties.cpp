#include "ical/event_properties.h"

namespace mentorcal::ical {

EventProperties read_properties(icalcomponent* event) {
  EventProperties e;
  for (icalproperty* p = icalcomponent_get_first_property(event, ICAL_ANY_PROPERTY); p;
       p = icalcomponent_get_next_property(event, ICAL_ANY_PROPERTY)) {
    switch (icalproperty_isa(p)) {
      case ICAL_UID_PROPERTY:
        if (const char* uid = icalproperty_get_uid(p)) e.uid = uid;
        break;
      case ICAL_DTSTART_PROPERTY:
        e.dtstart = p;
        break;
      case ICAL_DTEND_PROPERTY:
        e.dtend = p;
        break;
      case ICAL_DURATION_PROPERTY:
        e.duration = p;
        break;
      case ICAL_RECURRENCEID_PROPERTY:
        e.recurrence_id = p;
        break;
      case ICAL_STATUS_PROPERTY:
        e.cancelled = icalproperty_get_status(p) == ICAL_STATUS_CANCELLED;
        break;
      case ICAL_TRANSP_PROPERTY: {
        const auto t = icalproperty_get_transp(p);
        e.transparent = t == ICAL_TRANSP_TRANSPARENT || t == ICAL_TRANSP_TRANSPARENTNOCONFLICT;
        break;
      }
      case ICAL_RRULE_PROPERTY:
        e.rrules.push_back(p);
        break;
      case ICAL_RDATE_PROPERTY:
        e.rdates.push_back(p);
        break;
      case ICAL_EXDATE_PROPERTY:
        e.exdates.push_back(p);
        break;
      case ICAL_XLICERROR_PROPERTY:
        e.errors.push_back(p);
        break;
      default:
        break;
    }
  }
  return e;
}

}  // namespace mentorcal::ical
