// Outside iCalendar text made safe for libical 3.0 before it sees it: every count libical's time
// or memory grows with is bounded here, in one linear pass.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <tl/expected.hpp>

namespace mentorcal::ical {

struct TextLimits {
  std::size_t max_bytes;      // the whole text; over it, refused
  int max_components;         // BEGINs in all; over it, refused
  int max_events;             // BEGIN:VEVENTs; over it, refused
  int max_lines;              // content lines in all (libical keeps each); over it, refused
  int max_depth = 16;         // nesting; deeper is refused (libical frees recursively)
  int max_properties = 1000;  // per component; the rest are dropped
  int max_typed = 50;         // per component: properties whose values libical parses and may
                              // reject (see bounded_text.cpp) other than dates; the rest dropped
  int max_rules = 8;          // RRULE and EXRULE per component; the rest dropped
  std::size_t max_line = std::size_t{64} << 10;  // an unfolded line; longer ones are dropped
  int max_errors = 200;                          // unreadable dates; over it, refused
};

// What libical may read: `text`, plus what was dropped, one line each ("12 lines longer than
// 64 KiB dropped").
struct BoundedText {
  std::string text;
  std::vector<std::string> dropped;
};

// Return `text` as libical reads it best and within `limits`: no BOM or NUL, lines unfolded
// (space or TAB) and ended by CRLF, blank lines, trailing white space and ENDs without a BEGIN
// dropped, and an unpaired backslash at the end of a line removed (an escape with nothing to
// escape; libical's TEXT parsing has read past it before). A line whose DATE or DATE-TIME value
// libical would reject becomes the X-LIC-ERROR libical would leave, and counts as an error. Fails,
// saying why, when a limit that refuses is passed.
tl::expected<BoundedText, std::string> bounded_text(std::string_view text,
                                                    const TextLimits& limits);

}  // namespace mentorcal::ical
