// The iTIP object of one meeting (RFC 5545/5546), built with libical: a REQUEST for a new or
// changed meeting, a CANCEL for a removed one. Times are UTC; no VTIMEZONE is needed.
#pragma once

#include <array>
#include <chrono>
#include <string>

#include <tl/expected.hpp>

namespace mentorcal::ical {

enum class Method { request, cancel, declinecounter };

// Return "REQUEST", "CANCEL" or "DECLINECOUNTER".
std::string_view to_string(Method m);

struct Party {
  std::string name;   // shown as CN and in headers; may be any UTF-8 without control characters
  std::string email;  // an addr-spec (config validation guarantees it)
};

struct Invite {
  Method method = Method::request;
  std::string uid;   // stable for the meeting's whole life
  int sequence = 0;  // 0 for the first REQUEST, +1 on each significant change and on CANCEL
  std::chrono::sys_seconds stamp;  // DTSTAMP: when this message was made
  std::chrono::sys_seconds start;
  std::chrono::sys_seconds end;
  std::string summary;
  std::string location;
  std::string description;
  Party organiser;                 // the programme mailbox; never an attendee
  std::array<Party, 2> attendees;  // mentor, mentee
};

// Return the VCALENDAR text, CRLF line ends, lines folded at 75 octets. Fails only if libical
// refuses the object (icalrestriction_check), which would be a bug here.
tl::expected<std::string, std::string> render_ics(const Invite& invite);

}  // namespace mentorcal::ical
