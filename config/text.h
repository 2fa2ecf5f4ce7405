// Small text helpers shared by the config parsers.
#pragma once

#include <optional>
#include <string_view>

namespace mentorcal::config {

// Return `s` without leading and trailing spaces and tabs.
std::string_view trim(std::string_view s);

// Return the non-negative decimal number that is the whole of `s`, or nullopt (no sign, no spaces,
// at most 9 digits).
std::optional<int> parse_number(std::string_view s);

// Return true when `a` equals `b`, ignoring ASCII case.
bool iequals(std::string_view a, std::string_view b);

}  // namespace mentorcal::config
