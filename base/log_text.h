// Text from outside made safe for a log line or a terminal, and URLs stripped of their secrets.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace mentorcal::base {

// True for the Unicode characters that change how text around them is shown without showing
// themselves: C1 controls (U+0080-U+009F, NEL U+0085 among them), the bidirectional controls
// (U+200E/F, U+202A-U+202E: the right-to-left override spoofs subjects, U+2066-U+2069), the zero
// widths (U+200B-U+200D, U+2060-U+2064, U+FEFF), and the line and paragraph separators U+2028/9.
bool is_format_character(char32_t c);

// Return the first format character (is_format_character) of the UTF-8 `text`, if any. Bytes that
// are not UTF-8 are skipped.
std::optional<char32_t> first_format_character(std::string_view text);

// Return `text` with every byte below 0x20 but TAB, DEL and each byte that is not UTF-8 written
// as \xNN, and each format character as \u{XXXX}; a backslash stays as it is.
std::string log_escaped(std::string_view text);

// Return `url` without its secrets, for a log line: user information becomes "***@", the query
// "?***", and the fragment goes. "https://u:pw@h/p?token=1" -> "https://***@h/p?***".
std::string redacted_url(std::string_view url);

}  // namespace mentorcal::base
