// Incoming iMIP mail (RFC 6047) read back into the iTIP answers it carries: REPLY (an attendee's
// PARTSTAT), COUNTER (a proposed new time) and REFRESH (a request for the current invite). The
// MIME with GMime, here; the calendar objects found in it are read by ical/itip_answer.h. Both
// are read leniently (INTEROP.md rule 12). Nothing here decides whether to trust a reply: the
// caller matches UID, attendee and From/Sender against the meetings it sent (rules 13-15).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ical/itip_answer.h"
#include "mail/reply_gate.h"

namespace mentorcal::mail {

// One VEVENT of an iTIP answer (ical/itip_answer.h); in a ReadMessage, its comment is fit for a
// log line: valid UTF-8, control characters turned into spaces, at most 500 bytes.
using CalendarReply = ical::CalendarReply;

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
  // Set when the gate refused the message because its From: is no partner: the UIDs of meetings
  // mentorcal sent that it names (a forgery to record), and their part's METHOD.
  std::vector<std::string> unread_uids = {};
  std::string unread_method = {};
};

// Return what the raw message `raw` (CRLF, LF or CR line ends) says. Never throws and never
// fails: outside input is read leniently and what cannot be used is explained in `skipped`.
//
// Calendar parts are text/calendar, text/x-vcalendar, application/ics, or application/
// octet-stream named *.ics, anywhere in nested multiparts (not inside attached message/rfc822:
// a forwarded answer is not the sender's own), any transfer encoding and charset, any
// Content-Disposition. A VEVENT without UID or usable ATTENDEE is skipped (libical 3.0 turns a
// bad value into X-LIC-ERROR and drops the property). Only the first 4 calendar parts of a message
// are read; calendar parts outside ical/itip_answer.h's bounds (1 MiB, 16 components deep, 200
// unreadable dates...), and MIME trees deeper than 32, are not read.
//
// With a `gate`, a calendar part is parsed only when the message's From: is one of its partners
// and the part names one of its UIDs (mail/reply_gate.h); the others are skipped unparsed and
// `skipped` says why.
//
// May run on several threads at once: no libical time zone is used.
ReadMessage read_reply(std::string_view raw, const ReplyGate* gate = nullptr);

}  // namespace mentorcal::mail
