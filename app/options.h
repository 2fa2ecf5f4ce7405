// The options every command takes (DESIGN.md §9).
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include <tl/expected.hpp>

namespace mentorcal::app {

struct GlobalOptions {
  std::string config;  // --config; empty: $MENTORCAL_CONFIG, else the system path
  std::string now;     // --now as given; empty: the system clock
  bool verbose = false;
};

inline constexpr std::string_view kSystemConfig = "/etc/mentorcal/mentorcal.toml";

// Return the config file to use: `explicit_path` if given, else $MENTORCAL_CONFIG, else
// /etc/mentorcal/mentorcal.toml.
std::filesystem::path config_path(const std::string& explicit_path);

// Parse an RFC 3339 UTC instant such as "2026-11-22T09:00:00Z" (seconds and the "Z" required).
tl::expected<std::chrono::sys_seconds, std::string> parse_instant(std::string_view text);

// Return --now if given (parsed), else the system clock, to the second. This is the only
// place mentorcal reads the clock for a command.
tl::expected<std::chrono::sys_seconds, std::string> resolve_now(const GlobalOptions& options);

// The clock of a long-running command (`mentorcal web`): `fixed` (resolve_now's) when --now was
// given, else the system clock at each call, to the second.
std::function<std::chrono::sys_seconds()> clock_of(const GlobalOptions& options,
                                                   std::chrono::sys_seconds fixed);

}  // namespace mentorcal::app
