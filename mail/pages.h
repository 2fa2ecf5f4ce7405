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

// One row of the weekly availability form: a window as the person gave it (or blank).
struct PageWindow {
  int day = 1;        // 0 Sunday .. 6 Saturday (std::chrono::weekday's c_encoding)
  std::string start;  // "HH:MM", "" for a blank row
  std::string end;
};

// One of the person's pairs, as their page names it.
struct PagePair {
  std::string id;
  std::string other;  // the partner's name
};

// What the person just asked about a pair: the confirmation on the page and in the letter.
struct PageRequest {
  PagePair pair;
  std::string kind;    // store::RequestKind's word: continue-yes, continue-no, pause, end
  std::string reason;  // pause, end: config::EndReason's word; else ""
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
  // Weekly availability: the form's rows (today's windows, then blank ones to add).
  bool can_availability = false;
  std::vector<PageWindow> windows;
  std::string windows_saved;  // just saved: the windows as the page says them
  bool bad_windows = false;   // a row was not understood (nothing changed)
  bool no_windows = false;    // no row given (nothing changed)
  int windows_full = 0;       // set: more rows than this, the most a person may give
  // After the getting-to-know-you meeting: the pairs whose "continue?" question waits for them.
  std::vector<PagePair> to_continue;
  // Pause or end: the pairs they may ask about.
  bool can_ask = false;
  std::vector<PagePair> pairs;
  std::optional<PageRequest> asked;  // just answered or asked: the confirmation
  bool bad_request = false;          // the answer or request was not understood
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

// Return the windows as the person reads them: "Monday 09:00–12:00, Thursday 18:00–20:00".
std::string windows_words(const std::string& language, const std::vector<PageWindow>& windows);

// Return the short letter confirming to `me` their new weekly windows (`words`: windows_words).
Outgoing compose_windows_confirmation(const config::ProgrammeInfo& programme, const Partner& me,
                                      const std::string& words, const std::string& id_stem,
                                      std::chrono::sys_seconds now);

// Return the short letter confirming to `me` their answer to "continue?" or their request to
// pause or end a pairing.
Outgoing compose_request_confirmation(const config::ProgrammeInfo& programme, const Partner& me,
                                      const PageRequest& request, const std::string& id_stem,
                                      std::chrono::sys_seconds now);

}  // namespace mentorcal::mail
