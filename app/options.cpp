#include "app/options.h"

#include <algorithm>
#include <cstdlib>
#include <sstream>

#include <date/date.h>
#include <fmt/format.h>

namespace mentorcal::app {

std::filesystem::path config_path(const std::string& explicit_path) {
  if (!explicit_path.empty()) return explicit_path;
  if (const char* env = std::getenv("MENTORCAL_CONFIG"); env && *env) return env;
  return std::filesystem::path(kSystemConfig);
}

tl::expected<std::chrono::sys_seconds, std::string> parse_instant(std::string_view text) {
  // date::parse reads "-2026-..." as a negative year: only four digits make a year here.
  const bool digits = text.size() >= 4 && std::all_of(text.begin(), text.begin() + 4,
                                                      [](char c) { return c >= '0' && c <= '9'; });
  if (!digits) {
    return tl::unexpected(fmt::format("\"{}\" is not a UTC time like 2026-11-22T09:00:00Z", text));
  }
  std::istringstream in{std::string(text)};
  std::chrono::sys_seconds t;
  in >> date::parse("%Y-%m-%dT%H:%M:%SZ", t);
  if (in.fail() || in.peek() != std::char_traits<char>::eof()) {
    return tl::unexpected(fmt::format("\"{}\" is not a UTC time like 2026-11-22T09:00:00Z", text));
  }
  return t;
}

tl::expected<std::chrono::sys_seconds, std::string> resolve_now(const GlobalOptions& options) {
  if (!options.now.empty()) return parse_instant(options.now);
  return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

std::function<std::chrono::sys_seconds()> clock_of(const GlobalOptions& options,
                                                   std::chrono::sys_seconds fixed) {
  if (!options.now.empty()) return [fixed] { return fixed; };
  return [] { return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()); };
}

}  // namespace mentorcal::app
