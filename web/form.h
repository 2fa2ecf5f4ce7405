// Reading what a browser sends: application/x-www-form-urlencoded bodies and the path of a
// request target. Strict and bounded: a malformed escape, a field without a name, a repeated
// name, bytes that are not UTF-8 or control characters, or more than the limits refuse the whole
// form; nothing is guessed.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include <tl/expected.hpp>

namespace mentorcal::web {

using Form = std::map<std::string, std::string, std::less<>>;

// The availability form is the largest: the CSRF token and 3 fields a row, at most 17 rows.
inline constexpr std::size_t kMaxFormFields = 64;
inline constexpr std::size_t kMaxFieldBytes = 2048;

// Return the fields of `body`, or why it is refused.
tl::expected<Form, std::string> decode_form(std::string_view body);

// Return the percent-decoded `text` ('+' is a space when `plus_is_space`), or nullopt-like error
// for a malformed escape.
tl::expected<std::string, std::string> percent_decode(std::string_view text, bool plus_is_space);

// Return whether `text` is well-formed UTF-8 without control characters other than tab, CR and LF.
bool is_clean_text(std::string_view text);

// A request target split: the path (undecoded; mentorcal's paths are plain ASCII) and the query.
struct Target {
  std::string_view path;
  std::string_view query;
};
// Return the target split at '?', or an error for a target that is not an absolute path.
tl::expected<Target, std::string> split_target(std::string_view target);

}  // namespace mentorcal::web
