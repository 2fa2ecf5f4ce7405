// The cheap checks an incoming message passes before its calendar parts are parsed (issue 12):
// is it from a partner, and does it name a meeting mentorcal sent. libical's parse of one part
// costs up to about a second even within ical/bounded_text's bounds, and anyone who knows the
// organiser's address can send one; a scan of the raw text for UID lines costs next to nothing.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace mentorcal::mail {

// What mentorcal knows of the answers it can expect.
struct ReplyGate {
  std::set<std::string, std::less<>> partners;  // lower-cased addresses of the partners
  std::set<std::string, std::less<>> uids;      // UIDs of the meetings sent
};

// What a scan of one calendar part found, without parsing it.
struct CalendarKeys {
  std::string method;             // the first METHOD value in upper case, "" if none
  std::vector<std::string> ours;  // distinct UID values that are in `uids`, in text order
};

// Return the METHOD and the UIDs in `uids` that the calendar text `text` names: one linear pass
// over its lines (CRLF, LF or CR ends), folded lines unfolded (RFC 5545 3.1), property names in
// any case, parameters and white space around the value ignored. Values longer than 1 KiB are no
// UID of ours and are not kept.
CalendarKeys scan_calendar(std::string_view text, const std::set<std::string, std::less<>>& uids);

}  // namespace mentorcal::mail
