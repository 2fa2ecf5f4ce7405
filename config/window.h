// A weekly availability window in a person's local time, e.g. "Mon 09:00-12:00".
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include <tl/expected.hpp>

namespace mentorcal::config {

struct Window {
  std::chrono::weekday day;
  std::chrono::minutes start;  // since local midnight, [0, 24h)
  std::chrono::minutes end;    // since local midnight, (start, 24h]; "24:00" ends at midnight

  // Return the canonical text ("Mon 09:00-12:00").
  std::string text() const;

  friend bool operator==(const Window&, const Window&) = default;
};

// Parse "DAY HH:MM-HH:MM". DAY is a weekday name or its three-letter abbreviation, in any case.
tl::expected<Window, std::string> parse_window(std::string_view text);

// A weekday and a local time, as in `digest = "Mon 08:00"`.
struct WeeklyTime {
  std::chrono::weekday day;
  std::chrono::minutes time;
};
tl::expected<WeeklyTime, std::string> parse_weekly_time(std::string_view text);

// Return the weekday for "Mon"/"monday" etc., or an error naming the accepted spellings.
tl::expected<std::chrono::weekday, std::string> parse_weekday(std::string_view text);
// Return the three-letter name ("Mon").
std::string_view weekday_name(std::chrono::weekday d);

}  // namespace mentorcal::config
