// The pages partners see through their link (issue 15), written like the letters: templates of
// mail/templates/en/ (page.*.mustache) in the reader's language (the same catalogs), times on
// their own wall clock. HTML escapes every value; no script, no inline style, no outside resource
// (the one stylesheet is served by `mentorcal web` itself).
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "config/programme.h"
#include "mail/compose.h"

namespace mentorcal::mail {

struct PageMeeting {
  std::string uid;
  std::chrono::sys_seconds start;
  std::chrono::sys_seconds end;
  std::string other;  // the partner's name
  config::Format format = config::Format::video;
  std::string where;
  bool first = false;
  bool cancelled = false;
  bool can_decline = false;  // an upcoming booked meeting, and the person may decline
};

struct PersonPage {
  std::string programme;
  std::string organiser;  // who to ask for a new link
  Partner me;             // name, zone and language
  std::string action;     // the page's own path, "/p/<token>", which the forms post to
  std::string csrf;       // the form's CSRF token
  std::vector<PageMeeting> upcoming;
  std::vector<PageMeeting> recent;
  std::optional<PageMeeting> declined;  // just declined: the confirmation
};

// Return the meetings page.
std::string render_person_page(const PersonPage& page);

// Return the short letter confirming to `me` that they asked for another time than `meeting`
// (so that a leaked link is noticed). Message-ID "<id_stem>@<domain>".
Outgoing compose_decline_confirmation(const config::ProgrammeInfo& programme, const Partner& me,
                                      const PageMeeting& meeting, const std::string& id_stem,
                                      std::chrono::sys_seconds now);

}  // namespace mentorcal::mail
