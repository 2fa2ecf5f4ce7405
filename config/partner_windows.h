// Partners' own weekly availability (issue 15) over the admin's file: the file stays the base; a
// person who set their windows on their page (kept in the state) has those windows instead of the
// file's before planning. Pure: the same inputs, the same programme.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <tl/expected.hpp>

#include "config/programme.h"

namespace mentorcal::config {

// The most windows one person may give on their page (each is tried in every plan).
inline constexpr std::size_t kMostPartnerWindows = 14;

struct PersonWindows {
  std::string person;  // a Person id; one not in the programme is ignored
  std::vector<Window> windows;
};

// Put each entry's windows in place of its person's `available`.
void set_partner_windows(Programme& programme, const std::vector<PersonWindows>& given);

// Return `programme` with each entry's windows in place of its person's `available`.
Programme with_partner_windows(const Programme& programme, const std::vector<PersonWindows>& given);

// Return the windows as the state keeps them: canonical texts joined by ", "
// ("Mon 09:00-12:00, Thu 18:00-20:00").
std::string windows_text(const std::vector<Window>& windows);

// Return the windows of `text` (windows_text's form; each window by the config's own rule,
// parse_window), or the first error. An empty text gives no windows.
tl::expected<std::vector<Window>, std::string> parse_windows(std::string_view text);

}  // namespace mentorcal::config
