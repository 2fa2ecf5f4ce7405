// Partners' own away dates (issue 15) over the admin's file: the file stays the base, the dates a
// partner gave on their page (kept in the state) are added to that person's `away` before
// planning. Pure: the same inputs, the same programme.
#pragma once

#include <string>
#include <vector>

#include "config/programme.h"

namespace mentorcal::config {

struct PersonAway {
  std::string person;  // a Person id; one not in the programme is ignored
  Away away;
};

// Return `programme` with each entry's range added to its person's away dates.
Programme with_partner_away(const Programme& programme, const std::vector<PersonAway>& added);
// The same in place: no copy of a big programme (`plan` at 100k pairs).
void add_partner_away(Programme& programme, const std::vector<PersonAway>& added);

// Return the date written YYYY-MM-DD, or nullopt (the config's own date rule: a real day).
std::optional<Date> parse_date(std::string_view text);

}  // namespace mentorcal::config
