// Partners' links (issue 15): the key they are derived from, which people have one, and the URL
// each letter carries. The token design is web/link_token.h's: HMAC of the person and the link's
// generation under a key kept outside the state; the state keeps the generation and the token's
// SHA-256 only.
#pragma once

#include <string>
#include <string_view>

#include "config/programme.h"
#include "mail/compose.h"
#include "scheduler/interval.h"
#include "store/store.h"

namespace mentorcal::app {

// Return the programme's link key (32 bytes): [web] link_key_file, else the systemd credential
// "link-key", else "<state>.link-key" beside a SQLite state, made (64 hex digits of getrandom,
// mode 0600) when `make` and it does not exist yet. Key files hold 64 hex digits. Read once per
// process. Throws store::StoreError when there is none or it cannot be read.
const std::string& link_key(const config::Programme& programme, bool make);

// Give every person of a pair that has not ended (recorded ends applied) a live link, and retire
// the links of everyone else (a retired link matches nothing; a person who comes back gets a new
// one). Each change is audited. REQUIRES: [web] is set; inside a transaction of `store`.
void refresh_links(store::Store& store, const config::Programme& programme, scheduler::Instant now);

// Start a new link for `person` (the old one stops working at once) and return its URL; audited.
// REQUIRES: [web] is set; inside a transaction.
std::string relink(store::Store& store, const config::Programme& programme, std::string_view person,
                   scheduler::Instant now);

// Return the URL of the person's live link, or "" ([web] not set, or no live link).
std::string link_url(store::Store& store, const config::Programme& programme,
                     std::string_view person);

// mail::view_of with each partner's link.
mail::PairView view_with_links(store::Store& store, const config::Programme& programme,
                               const config::Pair& pair);

}  // namespace mentorcal::app
