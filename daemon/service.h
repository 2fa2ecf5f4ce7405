// `mentorcal daemon`: the service loop (DESIGN.md §2, §8). One Boost.Asio io_context on the main
// thread owns the timers and the signals; ticks (plan, outbox, SMTP) run one at a time on a worker
// thread so that a signal is answered while a message is in flight. systemd is told READY=1 once
// the config is valid and the database open, WATCHDOG=1 at half of WatchdogSec, STATUS= after each
// tick, RELOADING=1 during a reload. Without systemd the notifications are no-ops.
#pragma once

#include <chrono>
#include <filesystem>
#include <optional>

namespace mentorcal::daemon {

struct ServiceOptions {
  std::filesystem::path config_file;
  std::optional<std::chrono::sys_seconds> fixed_now;  // --now: every tick uses this time
};

// Run until SIGTERM or SIGINT. Returns an exit code of DESIGN.md §9: 0 after a clean stop, 1 when
// the config is invalid at start, 3 when the state store cannot be opened.
int run_service(const ServiceOptions& options);

}  // namespace mentorcal::daemon
