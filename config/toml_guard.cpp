#include "config/toml_guard.h"

#include <algorithm>

namespace mentorcal::config {
namespace {

constexpr std::string_view kInValue =
    "non-ASCII text outside quotes: put the value in \"double quotes\"";
constexpr std::string_view kAfterBackslash =
    "non-ASCII text right after a backslash in a \"\"\"multi-line string\"\"\": write it as "
    "\\uXXXX";
constexpr std::string_view kInKey =
    "non-ASCII text outside quotes: key names are plain ASCII (text values go in \"double "
    "quotes\")";

// Return the byte at `i`, or 0 past the end.
unsigned char byte_at(std::string_view text, std::size_t i) {
  return i < text.size() ? static_cast<unsigned char>(text[i]) : 0;
}

bool is_blank(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// Return true for the bytes that end a bare value for toml++ (ASCII part of is_value_terminator).
bool ends_bare_value(unsigned char c) {
  return c == ' ' || c == '\t' || (c >= '\n' && c <= '\r') || c == ',' || c == ']' || c == '}' ||
         c == '#';
}

// Return the error for byte `at` of `text`, counting columns in code points like check_utf8.
GuardError error_at(std::string_view text, std::size_t at, std::string_view message) {
  const std::string_view before = text.substr(0, at), line = before.substr(before.rfind('\n') + 1);
  const auto starts_code_point = [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  };
  return {1 + static_cast<int>(std::count(before.begin(), before.end(), '\n')),
          1 + static_cast<int>(std::count_if(line.begin(), line.end(), starts_code_point)),
          std::string(message)};
}

enum class String { closed, unterminated, non_ascii_after_backslash };

// Move `i` past the string that starts there (at ' or "), reading it the way toml++ does; on
// non_ascii_after_backslash, leave `i` at that character.
String skip_string(std::string_view text, std::size_t& i) {
  const char quote = text[i];
  const char three_chars[] = {quote, quote, quote};
  const std::string_view three(three_chars, 3);
  const bool multi_line = text.substr(i, 3) == three, basic = quote == '"';
  i += multi_line ? 3 : 1;
  if (!multi_line) {
    // The common case in a tight loop (this guard reads every file twice): up to the closing
    // quote or the line's end; a backslash in a "basic" string steps over the next character
    // unless it ends the line (toml++ reports a wrong escape).
    while (i < text.size()) {
      const char c = text[i++];
      if (c == quote) return String::closed;
      if (c == '\n') return String::unterminated;
      if (basic && c == '\\' && i < text.size() && text[i] != '\n') ++i;
    }
    return String::unterminated;
  }
  while (i < text.size()) {
    const char c = text[i++];
    if (text.substr(i - 1, 3) == three) {  // up to 2 more quotes: """a""""" is a""
      i += 2;
      for (int more = 0; more < 2 && byte_at(text, i) == quote; ++more)
        ++i;
      return String::closed;
    }
    if (!basic || c != '\\') continue;
    // In a """string""" toml++ asks whether the character after a backslash is whitespace. If it is
    // (a line-ending backslash), toml++ skips spaces, tabs and line breaks and asks again about the
    // first other character, which is then read as usual. If not, that character is escaped.
    const bool line_ending = is_blank(byte_at(text, i));
    while (is_blank(byte_at(text, i)))
      ++i;
    if (byte_at(text, i) >= 0x80) return String::non_ascii_after_backslash;
    if (!line_ending && i < text.size()) ++i;
  }
  return String::unterminated;
}

}  // namespace

std::optional<GuardError> find_unparseable_text(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // a byte-order mark, as toml++
  std::string nesting;    // the open '[' arrays and '{' inline tables, innermost last
  bool in_value = false;  // reading values (after '=', in an array), not keys or [table] names
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) return error_at(text, i, in_value ? kInValue : kInKey);
    if (c == '#') {  // a comment: anything goes up to the line break
      i = std::min(text.find('\n', i), text.size());
    } else if (c == '"' || c == '\'') {
      const String s = skip_string(text, i);
      if (s == String::unterminated) return std::nullopt;  // toml++ stops at it and says so
      if (s == String::non_ascii_after_backslash) return error_at(text, i, kAfterBackslash);
    } else if (in_value && !ends_bare_value(c) && c != '[' && c != '{') {
      // A bare value (number, date, true...): toml++ reads it up to a terminator, quotes and all,
      // so `1"é"` is not a string. (In a key, `1."é"` is.)
      for (; i < text.size() && !ends_bare_value(text[i]); ++i) {
        if (byte_at(text, i) >= 0x80) return error_at(text, i, kInValue);
      }
    } else {
      if (c == '=' || (c == '[' && in_value)) {  // a '[' in a key starts a [table] name
        if (c == '[') nesting += '[';
        in_value = true;
      } else if (c == '{') {
        nesting += '{', in_value = false;
      } else if ((c == ']' || c == '}') && !nesting.empty()) {
        nesting.pop_back(), in_value = true;  // the array or inline table was a value
      } else if (c == ',' && !nesting.empty()) {
        in_value = nesting.back() == '[';
      } else if (c == '\n' && nesting.empty()) {
        in_value = false;  // only arrays go on to the next line
      }
      ++i;
    }
  }
  return std::nullopt;
}

}  // namespace mentorcal::config
