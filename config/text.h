// Numbers as the config parsers read them (trimming and case: base/ascii.h).
#pragma once

#include <optional>
#include <string_view>

namespace mentorcal::config {

// Return the non-negative decimal number that is the whole of `s`, or nullopt (no sign, no spaces,
// at most 9 digits).
std::optional<int> parse_number(std::string_view s);

}  // namespace mentorcal::config
