// The iTIP answers (RFC 5546) an attendee's calendar object carries: REPLY (an attendee's
// PARTSTAT), COUNTER (a proposed new time) and REFRESH (a request for the current invite), read
// leniently with libical (INTEROP.md rule 12). Nothing here decides whether to trust an answer:
// the caller matches UID, attendee and From/Sender against the meetings it sent (rules 13-15).
// The MIME around the calendar text is mail/'s (mail/reply.h).
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mentorcal::ical {

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
  // the tz database (ical/zones.h). A COUNTER whose DTSTART is missing, floating, a DATE or in an
  // unknown zone is skipped; so is one in a VTIMEZONE that could not be read whole (rules other
  // than yearly ones, more than 5,000 onsets) or beyond the 16th zone of a message.
  // proposed_end is empty when the COUNTER has neither DTEND nor DURATION. Whether end > start is
  // not checked.
  std::optional<std::chrono::sys_seconds> proposed_start, proposed_end;
  // DTSTAMP in UTC (when the answer was written), if present and in UTC as RFC 5545 requires.
  std::optional<std::chrono::sys_seconds> dtstamp;
  // The first COMMENT as sent: any bytes. Make it valid UTF-8 and cut it before logging it.
  std::string comment;
};

// The addresses a message came from, lower-cased, "" when absent: they pick the answering
// attendee among several.
struct Senders {
  std::string_view from, sender;
};

// The answers of one message, read one calendar part at a time.
class ItipAnswers {
 public:
  // `senders` must outlive this.
  explicit ItipAnswers(Senders senders);
  ~ItipAnswers();
  ItipAnswers(const ItipAnswers&) = delete;
  ItipAnswers& operator=(const ItipAnswers&) = delete;

  // Read one calendar part: `text` (UTF-8, any line ends) and the MIME method= parameter of its
  // part ("" if none). A calendar object already read (the same object sent twice, in the
  // multipart/alternative and as an attachment) counts once. A VEVENT without UID or usable
  // ATTENDEE is skipped (libical 3.0 turns a bad value into X-LIC-ERROR and drops the property).
  // Text over 1 MiB or nested more than 16 components deep is not read. Never prints.
  void read(std::string_view text, std::string_view mime_method);

  // One per VEVENT of each distinct calendar object read, in order.
  std::vector<CalendarReply>& replies();

  // Why calendar objects or VEVENTs were skipped, distinct, in the order met: "METHOD:REQUEST is
  // not a reply" or "calendar part unreadable: <why>".
  const std::vector<std::string>& problems() const;

 private:
  struct Reading;
  std::unique_ptr<Reading> reading_;
};

}  // namespace mentorcal::ical
