// Instants as text: RFC 3339 UTC for machines, a person's local time for people.
#pragma once

#include <chrono>
#include <string>

namespace mentorcal::base {

// Return "2026-11-24T14:00:00Z".
std::string rfc3339(std::chrono::sys_seconds t);

// Return "2027-02-10".
std::string date_text(std::chrono::year_month_day d);

// Return "Tue 24 Nov 15:00" in the IANA zone `zone`.
// REQUIRES: `zone` is in the tz database.
std::string local_text(std::chrono::sys_seconds t, const std::string& zone);

}  // namespace mentorcal::base
