// What a busy-feed reading skipped or guessed, as bounded lines for the log.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace mentorcal::ical {

// Return feed text fit for a log line: at most 80 bytes, cut on a UTF-8 boundary, with control
// characters as '?'.
std::string quoted(std::string_view text);

// Return whether an X-LIC-ERROR may change the busy times: not when libical dropped a property
// the feed reader never looks at (Google writes "LOCATION:" without a value, which libical
// refuses).
bool matters(std::string_view error);

// At most 100 warning lines, the last counting those left out.
class Warnings {
 public:
  void add(std::string line);
  // Return the lines, the last counting those left out.
  std::vector<std::string> take() &&;

 private:
  std::vector<std::string> lines_;
  long more_ = 0;
};

}  // namespace mentorcal::ical
