// A state in PostgreSQL: `state = "postgresql://user@host[:port]/database[?options]"` (or
// postgres://). The URL goes whole to libpq (store/); this checks its shape so that a mistake is
// reported at its file:line:column before any connection, and refuses a password in it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace mentorcal::config {

// Return whether `state` is meant as a PostgreSQL URL (it starts postgresql:// or postgres://).
bool is_state_url(std::string_view state);

// Return what is wrong with a PostgreSQL state URL, or nullopt when its shape is right.
std::optional<std::string> state_url_problem(std::string_view url);

}  // namespace mentorcal::config
