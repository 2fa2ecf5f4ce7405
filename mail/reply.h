// Incoming iMIP mail (RFC 6047) read back into the iTIP answers it carries: REPLY (an attendee's
// PARTSTAT), COUNTER (a proposed new time) and REFRESH (a request for the current invite). MIME
// with GMime, iCalendar with libical, both read leniently (INTEROP.md rule 12). Nothing here
// decides whether to trust a reply: the caller matches UID, attendee and From/Sender against the
// meetings it sent (rules 13-15).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mentorcal::mail {

// One VEVENT of an iTIP answer.
struct CalendarReply {
  std::string method;  // "REPLY", "COUNTER" or "REFRESH": the object's METHOD (the MIME method=
                       // parameter counts only when the object has no METHOD at all)
  std::string uid;     // never empty; surrounding white space removed
  int sequence = 0;    // 0 when absent or unreadable
  // Lower-cased address of the answering attendee, "mailto:" (any case) removed; never empty.
  // With one ATTENDEE, that one; with several: the one whose address is the From: (then Sender:)
  // address, else the first with a PARTSTAT other than NEEDS-ACTION, else the first.
  std::string attendee;
  std::string partstat;  // that attendee's PARTSTAT in upper case (ACCEPTED, DECLINED, ...); may
                         // be empty
  // COUNTER only: the proposed DTSTART and DTEND (or DTSTART + DURATION) in UTC. A TZID is
  // resolved against the calendar's own VTIMEZONEs first (Outlook's "GMT Standard Time"), then
  // libical's built-in IANA zones. A COUNTER whose DTSTART is missing, floating, a DATE or in an
  // unknown zone is skipped; so is one in a VTIMEZONE libical could not expand in bounded time
  // (rules other than yearly ones of real zones) or beyond the 16th zone of a message.
  // proposed_end is empty when the COUNTER has neither DTEND nor DURATION. Whether end > start is
  // not checked.
  std::optional<std::chrono::sys_seconds> proposed_start, proposed_end;
  std::string comment;  // the first COMMENT, for logs only: valid UTF-8, control characters turned
                        // into spaces, at most 500 bytes
};

struct ReadMessage {
  std::string message_id;  // without <>; "" if none
  std::string from;        // lower-cased addr-spec of the first mailbox of From:, "" if none
  std::string sender;      // lower-cased addr-spec of Sender:, "" if none
  // One per VEVENT of each distinct calendar object found (the same object sent twice, in the
  // multipart/alternative and as an attachment, counts once), in message order.
  std::vector<CalendarReply> replies;
  // When `replies` is empty: why, for the log. One of "no calendar part", "TNEF (winmail.dat)
  // only", "not a MIME message", or, per calendar object, "METHOD:REQUEST is not a reply" or
  // "calendar part unreadable: <why>" (distinct reasons joined with "; "). "" otherwise.
  std::string skipped;
};

// Return what the raw message `raw` (CRLF, LF or CR line ends) says. Never throws and never
// fails: outside input is read leniently and what cannot be used is explained in `skipped`.
//
// Calendar parts are text/calendar, text/x-vcalendar, application/ics, or application/
// octet-stream named *.ics, anywhere in nested multiparts (not inside attached message/rfc822:
// a forwarded answer is not the sender's own), any transfer encoding and charset, any
// Content-Disposition. A VEVENT without UID or usable ATTENDEE is skipped (libical 3.0 turns a
// bad value into X-LIC-ERROR and drops the property). Calendar parts over 1 MiB or nested more
// than 16 components deep, and MIME trees deeper than 32, are not read.
//
// Thread safety: call from one thread at a time (libical's built-in zones are process-wide).
ReadMessage read_reply(std::string_view raw);

}  // namespace mentorcal::mail
