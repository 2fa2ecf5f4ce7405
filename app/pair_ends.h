// Pairings ended with `mentorcal pair end` win over the config's `status` (an admin who forgets to
// edit the file does not revive a pair); partners' away dates are added to the file's.
#pragma once

#include <string>
#include <vector>

#include "base/phrase.h"
#include "config/partner_away.h"
#include "config/partner_windows.h"
#include "config/programme.h"
#include "store/store.h"

namespace mentorcal::app {

// Return `programme` with the recorded ends applied (status, ended_on, ended_reason).
config::Programme with_ends(const config::Programme& programme, const store::PairEnds& ended);
// The same in place: no copy of a big programme (`plan` at 100k pairs).
void apply_ends(config::Programme& programme, const store::PairEnds& ended);

// Return the away dates partners gave on their page (issue 15), as config::with_partner_away
// takes them; rows that do not read as dates are left out.
std::vector<config::PersonAway> partner_away(store::Store& store);

// Return the weekly windows partners gave on their page, as config::with_partner_windows takes
// them; rows that do not read as windows are left out.
std::vector<config::PersonWindows> partner_windows(store::Store& store);

// Return `with_ended` (the file with recorded ends) with partners' away dates and windows merged
// over it: what every plan is made from.
config::Programme with_partners(const config::Programme& with_ended,
                                const std::vector<config::PersonAway>& away,
                                const std::vector<config::PersonWindows>& windows);

// Return what partners changed on their pages, a phrase each, for `status`, `plan` and
// `check-config` (said in the programme's language): "amara is away 2026-12-07 to 2026-12-13
// (conference) (their page, 2026-11-22T09:30:00Z)", "amara's weekly availability is now Mon
// 09:00-12:00 (their page, ...)", and each request and answer about a pairing.
std::vector<base::Phrase> partner_changes(store::Store& store);

// Return the requests that wait for an admin: "continue? no", pause and end, of pairs that are
// still active in `programme` (recorded ends applied); an ended pair (or a paused one, for a
// pause) has had its answer.
std::vector<store::RequestRow> open_requests(const config::Programme& programme,
                                             store::Store& store);

// Return what a request asks, for an admin: "ben asks to end ana-ben (not a good match)" (the
// digest and `status` say it in the programme's language).
base::Phrase request_phrase(const store::RequestRow& request);

// Return one request as an admin reads it, in English (status --json's and the logs' form):
// "ben asks to end ana-ben (not-compatible): "we do not click" (their page, 2026-...Z)".
std::string request_line(const store::RequestRow& request);

}  // namespace mentorcal::app
