// `mentorcal daemon`: the service loop (DESIGN.md §2, §8). This process becomes mentorcal-service
// (daemon/supervisor/main.cpp) by exec, keeping its process id, so systemd's notifications,
// watchdog and signals work as before: READY=1 once the config is valid and the database open,
// WATCHDOG=1 at half of WatchdogSec, STATUS= after each tick, RELOADING=1 during a reload. Each
// tick runs as a child process (`mentorcal service-tick`), so the process that waits between
// ticks does not keep libcurl, libical and GMime in memory.
#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>

namespace mentorcal::app {

struct ServiceOptions {
  std::filesystem::path config_file;
  std::string now;  // --now as given: every tick uses this time
  bool verbose = false;
  // A tick running longer is killed (and the watchdog no longer pinged until it has ended);
  // 0: the programme file's tick_deadline_minutes.
  int tick_deadline_seconds = 0;
};

// Replace this process with mentorcal-service. Return only when that fails: exit code 3.
int run_service(const ServiceOptions& options);

}  // namespace mentorcal::app
