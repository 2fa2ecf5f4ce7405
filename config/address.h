// Checks on text that will reach mail headers and iCalendar lines (DESIGN.md §7): header injection
// is stopped here, at load time.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace mentorcal::config {

// Return why `text` may not appear in a header or calendar line (invalid UTF-8, CR, LF, TAB or any
// other control character), or nullopt when it is clean.
std::optional<std::string> unsafe_text(std::string_view text);

// Return true when `address` is a plain addr-spec: dot-atom local part, '@', a domain of
// letters, digits and hyphens with at least one dot. Quoted local parts and IP literals are
// refused.
bool is_email_address(std::string_view address);

// Return the byte offset of the first invalid UTF-8 sequence in `text`, or nullopt.
std::optional<std::size_t> invalid_utf8_at(std::string_view text);

}  // namespace mentorcal::config
