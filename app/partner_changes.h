// The changes a partner makes on their page beyond a decline and away dates (issue 15): their
// weekly availability, the answer to "continue?" after the getting-to-know-you meeting, and a
// request to pause or end a pairing. Each is checked with the config's rules, kept in the state
// with an audit row, confirmed on the page and by a letter to the person; requests wait for the
// admins (digest, `status`): nothing here ends or pauses a pairing.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "config/programme.h"
#include "mail/pages.h"
#include "scheduler/interval.h"
#include "store/store.h"
#include "web/http.h"

namespace mentorcal::app {

// One change on the page: who, the page as it stands, and the posted form.
struct PageChange {
  const config::Programme& programme;  // the file (recorded ends are the state's)
  store::Store& store;
  const config::Person& person;
  mail::PersonPage& page;  // filled by fill_partner_sections; updated with the outcome
  std::function<std::string(std::string_view)> field;  // a form field, "" when absent
  std::string client;                                  // the client's address, for the audit
  scheduler::Instant now;
};

// What the person may do, for fill_partner_sections.
struct PartnerAbilities {
  bool availability = false;
  bool answer_continue = false;
  bool ask = false;
};

// Fill the page's availability form (the person's windows now: theirs from the state, else the
// file's, then blank rows), the "continue?" questions waiting for them, and the pairs they may ask
// about. `ended`: the pairs ended by `mentorcal pair end`.
void fill_partner_sections(const config::Programme& programme, store::Store& store,
                           const config::Person& person, const store::PairEnds& ended,
                           PartnerAbilities may, mail::PersonPage& page, scheduler::Instant now);

// POST /availability: the rows day<n>, start<n>, end<n> (n from 1); a row with no times is left
// out. At least one window, at most config::kMostPartnerWindows.
web::Response save_availability(PageChange& change);

// POST /continue: pair, answer (yes | no), word (optional).
web::Response answer_continue(PageChange& change);

// POST /ask: pair, kind (pause | end), reason (goals-met | not-compatible | lost-contact | other),
// word (optional). The same open request again adds nothing.
web::Response ask_pause_or_end(PageChange& change);

}  // namespace mentorcal::app
