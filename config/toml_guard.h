// A check run before toml++ sees a programme file: toml++ 3.3.0 has undefined behaviour (it reaches
// its own TOML_UNREACHABLE) when it asks "is this whitespace?" about many non-ASCII characters
// (U+00A1-U+0499, U+2C5E-U+3057, U+FB26-U+FEFE; TRAPS.md). TOML 1.0 allows non-ASCII text only
// inside strings and comments, so finding it elsewhere is both a kind error for the admin and the
// way to keep such text away from toml++.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace mentorcal::config {

struct GuardError {
  int line = 0;    // 1-based
  int column = 0;  // 1-based, counted in code points
  std::string message;
};

// Return the first non-ASCII character in `text` that toml++ would test for whitespace: one outside
// strings and comments (including inside a bare value such as `1"é"`, which toml++ reads up to the
// next space, `,`, `]`, `}` or `#`), or the first one after a backslash in a """multi-line"""
// string (past the line break and indentation of a line-ending backslash). Return nullopt when
// there is none, or when an unterminated string ends the scan: toml++ then stops at that string and
// reports it. A leading byte-order mark is skipped, as toml++ does. Safe on any bytes; positions
// are exact only in valid UTF-8, so check that first (invalid_utf8_at).
std::optional<GuardError> find_unparseable_text(std::string_view text);

}  // namespace mentorcal::config
