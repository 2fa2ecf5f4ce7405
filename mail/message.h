// The iMIP email for one recipient (RFC 6047, CalConnect layout), built with GMime:
//   multipart/mixed
//     multipart/alternative
//       text/plain; charset=UTF-8            (quoted-printable)
//       text/calendar; charset=UTF-8; method=REQUEST|CANCEL   (base64)
//     application/ics; name=invite.ics      (base64, attachment)
// CRLF line ends throughout, no line over 998 octets, RFC 2047 encoded words for non-ASCII names
// and subjects.
#pragma once

#include <chrono>
#include <string>

#include "ical/invite.h"

namespace mentorcal::mail {

struct Letter {
  ical::Party from;  // the organiser
  ical::Party to;    // one partner
  std::string subject;
  std::string text;  // the text/plain body, UTF-8, '\n' line ends
  std::string ics;   // the iTIP object from ical::render_ics()
  ical::Method method = ical::Method::request;
  std::string message_id;  // without angle brackets, e.g. "uid.0.2@example.org"
  std::chrono::sys_seconds date;
};

// Return the message bytes, ready for SMTP (CRLF, no bare LF).
std::string render_message(const Letter& letter);

// A message that is not about one meeting (the admin digest, a nudge): text/plain, and an
// HTML alternative when `html` is not empty.
struct Note {
  ical::Party from;
  ical::Party to;
  std::string subject;
  std::string text;
  std::string html;
  std::string message_id;
  std::chrono::sys_seconds date;
};
std::string render_note(const Note& note);

}  // namespace mentorcal::mail
