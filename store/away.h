// Away dates partners gave on their own page (issue 15): kept in the state, added over the
// programme file's before planning (config/partner_away.h).
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace mentorcal::store {

struct AwayRow {
  std::int64_t id = 0;
  std::string person;
  std::string from;  // YYYY-MM-DD, inclusive
  std::string to;    // YYYY-MM-DD, inclusive
  std::string note;
  std::chrono::sys_seconds added;
};

}  // namespace mentorcal::store
