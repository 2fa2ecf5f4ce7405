// ASCII text: case folding and comparisons that ignore case, as protocols want them (RFC 5545,
// RFC 5322, URL schemes). Bytes outside A-Z/a-z are left alone, whatever the locale.
#pragma once

#include <string>
#include <string_view>

namespace mentorcal::base {

// Return `c` in lower case when it is A-Z, else `c`.
char lower_ascii(char c);

// Return `s` with A-Z in lower case.
std::string lower_ascii(std::string_view s);

// Return `s` with a-z in upper case.
std::string upper_ascii(std::string_view s);

// Return true when `a` and `b` are equal but for the case of A-Z.
bool iequals(std::string_view a, std::string_view b);
bool istarts_with(std::string_view s, std::string_view prefix);
bool iends_with(std::string_view s, std::string_view suffix);

// Return `s` without the leading and trailing characters in `blanks` (by default spaces, tabs,
// CRs and LFs).
std::string_view trim(std::string_view s, std::string_view blanks = " \t\r\n");

// Return at most `max` bytes of `text` for a log line, with anything but printable ASCII as '?'.
std::string printable(std::string_view text, std::size_t max);

}  // namespace mentorcal::base
