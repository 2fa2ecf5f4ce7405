#include "base/time_text.h"

#include <date/date.h>
#include <date/tz.h>
#include <fmt/format.h>

namespace mentorcal::base {

std::string rfc3339(std::chrono::sys_seconds t) {
  // By hand for the years --now accepts: date::format builds a stream and a locale per call, a
  // tenth of `plan --json`'s time at 10k pairs.
  const auto day = std::chrono::floor<std::chrono::days>(t);
  const std::chrono::year_month_day ymd{day};
  const std::chrono::hh_mm_ss hms{t - day};
  const int year = static_cast<int>(ymd.year());
  if (year < 0 || year > 9999) return date::format("%Y-%m-%dT%H:%M:%SZ", t);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", year,
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                     hms.hours().count(), hms.minutes().count(), hms.seconds().count());
}

std::string date_text(std::chrono::year_month_day d) {
  return date::format("%F", std::chrono::sys_days{d});
}

std::string local_text(std::chrono::sys_seconds t, const std::string& zone) {
  return date::format("%a %d %b %H:%M", date::make_zoned(zone, t));
}

}  // namespace mentorcal::base
