// From a meeting of a pair to the two finished emails, one per partner, each in the partner's
// language: the iTIP object (summary and description in that language), the text each partner
// reads (the time in their own zone and the other's, format, location, the agenda prompts of the
// mentoring guides) and the iMIP message bytes.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "base/phrase.h"
#include "config/programme.h"
#include "ical/invite.h"

namespace mentorcal::mail {

// What happened to a meeting, in calendar terms.
struct MeetingNotice {
  ical::Method method = ical::Method::request;
  std::string uid;
  int sequence = 0;  // 0: a new meeting; more: an update (REQUEST) or a cancellation (CANCEL)
  std::chrono::sys_seconds start;
  std::chrono::sys_seconds end;
  bool first = false;     // the getting-to-know-you meeting
  base::Phrase note;      // DECLINECOUNTER: why the proposed time does not work
  std::string id_suffix;  // makes the Message-ID unique when the same SEQUENCE is sent again
                          // (REFRESH, DECLINECOUNTER); "" otherwise
};

// The two partners of a pair as a message needs them. Built from the config, or, for a pair that
// has left the config, from what was recorded when its meetings were sent.
struct Partner {
  std::string name;
  std::string email;
  std::string timezone;  // IANA
  std::string language;  // BCP 47 tag; the letters fall back to English without a catalog
  std::string link;      // their own page (issue 15), "" for none: every letter to them carries it
};
struct PairView {
  std::string id;
  Partner mentor;
  Partner mentee;
  config::Agreement agreement;
};

// Return the view of a pair of `programme`. REQUIRES: both its people exist.
PairView view_of(const config::Programme& programme, const config::Pair& pair);

struct Outgoing {
  std::string recipient;   // the partner's address
  std::string message_id;  // without angle brackets; the same for the same notice and recipient
  std::string bytes;       // the whole message, CRLF
};

// Return the messages for the mentor and the mentee, in that order. `now` is the message's Date
// and DTSTAMP.
std::vector<Outgoing> compose(const config::ProgrammeInfo& programme, const PairView& pair,
                              const MeetingNotice& notice, std::chrono::sys_seconds now);

// Return the Message-ID for a notice to recipient number `index` (0 mentor, 1 mentee):
// "<uid local part>.<sequence>.<r|c|d><index>[.<id_suffix>]@<organiser domain>".
std::string message_id(const MeetingNotice& notice, int index, const std::string& organiser_email);

// Return the agreement's location with "{pair}" replaced by the pair id.
std::string location_for(const PairView& pair);

}  // namespace mentorcal::mail
