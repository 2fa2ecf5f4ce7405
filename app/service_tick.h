// `mentorcal service-tick`: one tick of the service, run by the service process
// (mentorcal-service, see daemon/supervisor/) in a child process of its own. The libraries a tick
// needs (libcurl and its TLS stacks, libical and ICU, GMime and GLib) are loaded only here, so the
// long-lived service process stays small between ticks.
//
// The programme file's text comes on standard input: the service keeps the last text that loaded,
// so a broken file is never used until it is fixed and reloaded. `config_file` names it in
// diagnostics and anchors its relative paths. Lines on standard output tell the service how far
// the tick got:
//   ready PAIRS PLAN_EVERY_MINUTES DEADLINE   the config is valid and the state store is open;
//                                            DEADLINE: the file's tick deadline in seconds
//   done NEXT_DUE POLL_MINUTES STATUS...      the tick is over; NEXT_DUE is the next outbox retry
//                                            (Unix seconds, or - for none), POLL_MINUTES is 0
//                                            without [imap], STATUS is one line for systemd
// SIGTERM or SIGINT ends the tick after the message in flight.
#pragma once

#include <chrono>
#include <filesystem>

namespace mentorcal::app {

struct ServiceTickOptions {
  std::filesystem::path config_file;
  std::chrono::sys_seconds now;
  bool replies_only = false;      // read the mailbox and send what that queues, without planning
  bool announce = false;          // log the config's warnings (the first tick and after a reload)
  int tick_deadline_seconds = 0;  // the daemon's --tick-deadline; 0: the file's (for the metrics)
};

// Return an exit code of DESIGN.md §9: 1 when the config is invalid, 3 when the state store
// cannot be opened (both before "ready"), else 0.
int service_tick_command(const ServiceTickOptions& options);

}  // namespace mentorcal::app
