#include "config/window.h"

#include <array>

#include <fmt/format.h>

#include "base/ascii.h"
#include "config/text.h"

namespace mentorcal::config {
namespace {

using std::chrono::minutes;

constexpr std::array<std::string_view, 7> kShort = {"Sun", "Mon", "Tue", "Wed",
                                                    "Thu", "Fri", "Sat"};
constexpr std::array<std::string_view, 7> kLong = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                                   "Thursday", "Friday", "Saturday"};

// Parse "HH:MM" on the 24-hour clock; "24:00" only when `allow_midnight_end`.
tl::expected<minutes, std::string> parse_clock(std::string_view s, bool allow_midnight_end) {
  const auto colon = s.find(':');
  const auto hh = parse_number(s.substr(0, colon));
  const auto mm =
      colon == std::string_view::npos ? std::nullopt : parse_number(s.substr(colon + 1));
  if (!hh || !mm || colon > 2 || s.size() - colon - 1 != 2) {
    return tl::unexpected(fmt::format("\"{}\" is not a time: use HH:MM on the 24-hour clock", s));
  }
  const bool midnight_end = allow_midnight_end && *hh == 24 && *mm == 0;
  if ((*hh > 23 || *mm > 59) && !midnight_end) {
    return tl::unexpected(fmt::format("\"{}\" is not a time of day (00:00 to 23:59)", s));
  }
  return minutes(*hh * 60 + *mm);
}

// Return "HH:MM" (hand-made: window texts go into every planner explanation).
std::string clock_text(minutes m) {
  const auto h = static_cast<int>(m.count() / 60);
  const auto mm = static_cast<int>(m.count() % 60);
  return {char('0' + h / 10), char('0' + h % 10), ':', char('0' + mm / 10), char('0' + mm % 10)};
}

}  // namespace

tl::expected<std::chrono::weekday, std::string> parse_weekday(std::string_view text) {
  for (unsigned i = 0; i < 7; ++i) {
    if (base::iequals(text, kShort[i]) || base::iequals(text, kLong[i]))
      return std::chrono::weekday(i);
  }
  return tl::unexpected(
      fmt::format("\"{}\" is not a weekday: use Mon, Tue, Wed, Thu, Fri, Sat or Sun", text));
}

std::string_view weekday_name(std::chrono::weekday d) {
  return kShort[d.c_encoding() % 7];
}

std::string Window::text() const {
  std::string out(weekday_name(day));
  out += ' ';
  out += clock_text(start);
  out += '-';
  out += clock_text(end);
  return out;
}

tl::expected<Window, std::string> parse_window(std::string_view text) {
  const auto s = base::trim(text, " \t");
  const auto space = s.find_first_of(" \t");
  const auto dash = s.find('-');
  if (space == std::string_view::npos || dash == std::string_view::npos || dash < space) {
    return tl::unexpected(fmt::format("\"{}\" is not a window: use \"Mon 09:00-12:00\"", text));
  }
  auto day = parse_weekday(s.substr(0, space));
  if (!day) return tl::unexpected(day.error());
  auto start = parse_clock(base::trim(s.substr(space, dash - space), " \t"), false);
  if (!start) return tl::unexpected(start.error());
  auto end = parse_clock(base::trim(s.substr(dash + 1), " \t"), true);
  if (!end) return tl::unexpected(end.error());
  if (*end <= *start) {
    return tl::unexpected(fmt::format("\"{}\": the window must end after it starts", text));
  }
  return Window{*day, *start, *end};
}

tl::expected<WeeklyTime, std::string> parse_weekly_time(std::string_view text) {
  const auto s = base::trim(text, " \t");
  const auto space = s.find_first_of(" \t");
  if (space == std::string_view::npos) {
    return tl::unexpected(fmt::format("\"{}\" is not a weekday and time: use \"Mon 08:00\"", text));
  }
  auto day = parse_weekday(s.substr(0, space));
  if (!day) return tl::unexpected(day.error());
  auto time = parse_clock(base::trim(s.substr(space), " \t"), false);
  if (!time) return tl::unexpected(time.error());
  return WeeklyTime{*day, *time};
}

}  // namespace mentorcal::config
