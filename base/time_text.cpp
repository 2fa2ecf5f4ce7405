#include "base/time_text.h"

#include <date/date.h>
#include <date/tz.h>

namespace mentorcal::base {

std::string rfc3339(std::chrono::sys_seconds t) {
  return date::format("%Y-%m-%dT%H:%M:%SZ", t);
}

std::string date_text(std::chrono::year_month_day d) {
  return date::format("%F", std::chrono::sys_days{d});
}

std::string local_text(std::chrono::sys_seconds t, const std::string& zone) {
  return date::format("%a %d %b %H:%M", date::make_zoned(zone, t));
}

}  // namespace mentorcal::base
