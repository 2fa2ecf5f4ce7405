#include "app/service_lease.h"

#include <atomic>
#include <csignal>
#include <iostream>
#include <iterator>
#include <string>
#include <sys/prctl.h>
#include <thread>
#include <unistd.h>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "app/secrets.h"
#include "app/service_child.h"
#include "base/exit_code.h"
#include "base/time_text.h"
#include "config/load.h"
#include "store/leader_lease.h"
#include "store/store.h"

namespace mentorcal::app {
namespace {

// Sleep kLeasePoll, or less when asked to stop.
void pause(const std::atomic<bool>& stop_requested) {
  for (auto waited = std::chrono::milliseconds(0); waited < kLeasePoll && !stop_requested;
       waited += std::chrono::milliseconds(100))
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
}

}  // namespace

std::string this_process() {
  char host[256] = {};
  if (gethostname(host, sizeof host - 1) != 0) host[0] = '?';
  return fmt::format("{} (pid {})", host, getppid());  // the daemon's (mentorcal-service)
}

int service_lease_command(const std::filesystem::path& config_file, int service_pid) {
  const auto& stop_requested = stop_on_signals();
  // A daemon killed outright takes its lease with it (the lease is this process's connection).
  prctl(PR_SET_PDEATHSIG, SIGTERM);
  if (service_pid > 0 && getppid() != service_pid) return base::kRuntimeFailure;  // died before

  const std::string text{std::istreambuf_iterator<char>(std::cin), {}};
  auto loaded = config::parse_programme(text, config_file.string(), config_file.parent_path());
  if (!loaded) {
    for (const auto& d : loaded.error())
      spdlog::error("{}", d.text());
    return base::kInvalidInput;
  }
  const auto& info = loaded->programme.programme;
  const auto state = store::state_path(info.state);
  if (!store::is_server_state(state)) {
    tell("single\n");
    return base::kOk;
  }
  try {
    store::LeaderLease lease(state.string(), state_password(info), this_process());
    std::optional<store::Leader> seen;
    bool told = false;
    while (!stop_requested) {
      const auto since = base::rfc3339(
          std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now()));
      if (!lease.try_take(since)) {
        const auto leader = lease.leader();
        const bool changed = !told || (leader ? leader->who + leader->since : "") !=
                                          (seen ? seen->who + seen->since : "");
        if (changed) {
          tell("standby {} {}\n", leader && !leader->since.empty() ? leader->since : "-",
               leader ? leader->who : "-");
          told = true, seen = leader;
        }
      } else if (!seen || seen->since.empty() || seen->who != this_process()) {
        seen = store::Leader{this_process(), since};
        tell("leader {} {}\n", since, seen->who);
        spdlog::info("this daemon leads the programme's state since {}", since);
      } else {
        lease.check();
      }
      pause(stop_requested);
    }
  } catch (const store::StoreError& e) {
    spdlog::error("the leader lease: {}", e.what());
    return base::kRuntimeFailure;
  }
  return base::kOk;
}

}  // namespace mentorcal::app
