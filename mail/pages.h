// The pages partners see through their link (issue 15), written like the letters: templates of
// mail/templates/en/ (page.*.mustache) in the reader's language (the same catalogs), times on
// their own wall clock. HTML escapes every value; no script, no inline style, no outside resource
// (the one stylesheet is served by `mentorcal web` itself).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
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

// A range of days the person gave as away (config::Away's, with the state's id).
struct PageAway {
  std::int64_t id = 0;
  config::Date from;
  config::Date to;
  std::string note;
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
  bool can_away = false;                // the away dates section
  std::vector<PageAway> away;           // given on the page, by first day
  std::optional<PageAway> away_added;   // just added: the confirmation
  bool away_removed = false;            // just removed: the confirmation
  bool bad_away = false;                // the dates sent were not understood
  int away_full = 0;  // set: they already have this many ranges, the most a person may keep
};

// Return the meetings page.
std::string render_person_page(const PersonPage& page);

// Return the short letter confirming to `me` that they asked for another time than `meeting`
// (so that a leaked link is noticed). Message-ID "<id_stem>@<domain>".
Outgoing compose_decline_confirmation(const config::ProgrammeInfo& programme, const Partner& me,
                                      const PageMeeting& meeting, const std::string& id_stem,
                                      std::chrono::sys_seconds now);

// Return the short letter confirming to `me` the away dates they just gave.
Outgoing compose_away_confirmation(const config::ProgrammeInfo& programme, const Partner& me,
                                   const PageAway& away, const std::string& id_stem,
                                   std::chrono::sys_seconds now);

}  // namespace mentorcal::mail
