// `mentorcal service-lease`: the leader lease of `mentorcal daemon` (store/leader_lease.h), held
// by a child of the service process (mentorcal-service) for as long as the daemon runs, on a
// connection of its own. The programme file's text comes on standard input, as for service-tick.
// Lines on standard output tell the service what it is:
//   single                       the state is SQLite: no lease; the child exits 0
//   standby SINCE WHO            another daemon leads (WHO since SINCE; "- -" when unknown)
//   leader SINCE WHO             this daemon leads since SINCE: it ticks
// It takes the lease when it is free (tried every kLeasePoll), then checks every kLeasePoll that
// its connection is alive and still holds it. When the connection fails or the lease is gone it
// logs why and exits 3: the service stops its tick and starts a new lease child, which stands by.
// SIGTERM or SIGINT: exit 0, letting go of the lease with the connection.
#pragma once

#include <chrono>
#include <filesystem>
#include <string>

namespace mentorcal::app {

// How often the lease is tried (standby) or checked (leader); a standby takes over at most this
// long after the server let go of a dead leader's lease.
constexpr std::chrono::seconds kLeasePoll{1};

// The daemon this child serves, as the lease and the audit name it: "HOST (pid N)", N the pid of
// `mentorcal daemon` (mentorcal-service, this process's parent).
std::string this_process();

// Return 0 (single, or stopped by a signal), 1 when the config is invalid, 3 when the state
// cannot be reached or the lease was lost.
// `service_pid`: the service that started it (it exits at once if that one is already gone).
int service_lease_command(const std::filesystem::path& config_file, int service_pid);

}  // namespace mentorcal::app
