// Language tags (BCP 47, RFC 5646) as the programme file writes them: "en", "es", "pt-BR",
// "zh-Hant-TW". Only the syntax is checked here; which languages letters can be written in is
// mail/'s business (mail/language.h).
#pragma once

#include <string_view>

namespace mentorcal::config {

// Return true when `tag` is a well-formed language tag: a 2-3 letter language, then optionally a
// 4-letter script, a region (2 letters or 3 digits) and variants (5-8 letters or digits, or a digit
// and 3 more), separated by '-'. Extensions and private use are not accepted.
bool is_language_tag(std::string_view tag);

}  // namespace mentorcal::config
