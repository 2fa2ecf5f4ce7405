// mentorcal-service: the long-lived process of `mentorcal daemon` (DESIGN.md §2, §8). It owns the
// timers, the signals and the systemd notifications, and runs each tick as a child process
// (`mentorcal service-tick`, daemon/service_tick.h), one at a time. It links none of the
// libraries a tick needs, so between ticks it holds a few megabytes, not the twenty that libcurl,
// libical, GMime and their TLS and Unicode stacks take once loaded.
//
// On a PostgreSQL state several daemons may run, one leading: a second child, `mentorcal
// service-lease` (app/service_lease.h), holds or waits for the leader lease on a connection of its
// own for as long as the service runs, and ticks start only while it says this daemon leads. When
// it loses the lease (its connection cut, the server gone), the tick in flight is stopped as on
// SIGTERM (after the message in flight, killed after kStopGrace) and a new lease child stands by.
//
// Started by `mentorcal daemon` in its place (same process, so systemd's Type=notify, watchdog
// and signals reach it): mentorcal-service --mentorcal PATH --config FILE [--now T] [-v]
#include <charconv>
#include <chrono>
#include <cstdio>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

#include <CLI/CLI.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <systemd/sd-daemon.h>

#include "base/heap.h"
#include "base/logging.h"
#include "supervisor/child.h"

namespace mentorcal::supervisor {
namespace {

namespace asio = boost::asio;
using namespace std::chrono;

void notify(const std::string& state) {
  sd_notify(0, state.c_str());
}

// How long a tick may take to stop after SIGTERM before it is killed.
constexpr seconds kStopGrace{5};
// A tick's deadline until one has read the programme file's (DESIGN.md §4: 5 minutes).
constexpr seconds kDefaultDeadline{300};
// After the lease child ended (lease lost, server unreachable), how long before a new one tries:
// longer than the standbys' kLeasePoll (app/service_lease.h), so that a standby takes over from a
// leader that was cut off rather than the leader taking its lease back.
constexpr seconds kLeaseRetry{3};

struct Options {
  std::string mentorcal;  // the mentorcal binary that runs the ticks
  std::string config;
  std::string now;  // --now, passed on to every tick
  bool verbose = false;
  // A tick running longer is killed. 0: the programme file's (each tick tells it when ready;
  // until the first has, kDefaultDeadline).
  int tick_deadline_seconds = 0;
};

// What a tick is for.
enum class Kind {
  first,    // at start: "ready" means the service is ready
  reload,   // after SIGHUP, with the new file: "ready" means the new file is taken
  full,     // plan, send, read replies
  replies,  // read replies between ticks and send what they queue
};

// Whether this daemon ticks, as its lease child said.
enum class Role {
  unknown,  // the lease child has not said yet
  single,   // a SQLite state: no lease, this daemon ticks
  standby,  // another daemon leads a PostgreSQL state
  leader,   // this daemon leads a PostgreSQL state
};

class Service {
 public:
  Service(Options options, Snapshot config)
      : options_(std::move(options)),
        config_(std::move(config)),
        signals_(io_, SIGTERM, SIGINT, SIGHUP),
        tick_timer_(io_),
        retry_timer_(io_),
        poll_timer_(io_),
        watchdog_timer_(io_),
        kill_timer_(io_),
        deadline_timer_(io_),
        lease_timer_(io_) {
    if (options_.tick_deadline_seconds > 0) deadline_ = seconds(options_.tick_deadline_seconds);
  }

  int run() {
    wait_for_signal();
    start_watchdog();
    start_lease();
    io_.run();
    if (exit_code_ == 0) spdlog::info("mentorcal daemon stopped");
    return exit_code_;
  }

 private:
  void wait_for_signal() {
    signals_.async_wait([this](const boost::system::error_code& ec, int signal) {
      if (ec) return;  // cancelled: shutting down
      if (signal == SIGHUP) {
        reload();
        wait_for_signal();
      } else {
        shutdown(signal);
      }
    });
  }

  void reload() {
    notify(
        fmt::format("RELOADING=1\nMONOTONIC_USEC={}",
                    duration_cast<microseconds>(steady_clock::now().time_since_epoch()).count()));
    spdlog::info("reloading {}", options_.config);
    if (child_) {
      waiting_reload_ = true;  // the file is read when the tick in flight has ended
      return;
    }
    start_reload();
  }

  void start_reload() {
    try {
      fresh_ = Snapshot(options_.config);
    } catch (const std::exception& e) {
      spdlog::error("{}: the previous configuration stays in force", e.what());
      notify("READY=1");
      schedule_tick();
      return;
    }
    start(Kind::reload);
  }

  void shutdown(int signal) {
    spdlog::info("received {}: finishing the message in flight, then stopping",
                 signal == SIGTERM ? "SIGTERM" : "SIGINT");
    notify("STOPPING=1");
    stop(0);
    stop_tick();
  }

  // Ask the tick in flight to end after its message in flight; kill it after kStopGrace.
  void stop_tick() {
    if (!child_) return;
    // The tick ends after the message in flight. One stuck on a server that does not answer is
    // killed after a grace period: its changes are in SQLite transactions, and a message sent but
    // not yet marked sent goes again with the same Message-ID.
    child_->signal(SIGTERM);
    kill_timer_.expires_after(kStopGrace);
    kill_timer_.async_wait([this](const boost::system::error_code& ec) {
      if (ec || !child_) return;
      spdlog::warn("the tick did not stop within {} s: killing it",
                   duration_cast<seconds>(kStopGrace).count());
      child_->signal(SIGKILL);
    });
  }

  // Stop the loop once the tick in flight (if any) has ended.
  void stop(int exit_code) {
    stopping_ = true;
    exit_code_ = exit_code;
    signals_.cancel();
    tick_timer_.cancel();
    retry_timer_.cancel();
    poll_timer_.cancel();
    watchdog_timer_.cancel();
    lease_timer_.cancel();
    if (lease_) lease_->signal(SIGTERM);  // lets go of the lease: a standby takes over
  }

  // Start the lease child; it reads the programme file as it last loaded.
  void start_lease() {
    if (stopping_) return;
    std::vector<std::string> argv{options_.mentorcal, "service-lease", "--config",
                                  options_.config,    "--service-pid", std::to_string(getpid())};
    if (options_.verbose) argv.push_back("--verbose");
    try {
      lease_ = std::make_unique<Child>(
          io_, argv, config_, [this](const std::string& line) { lease_heard(line); },
          [this](int status) { lease_ended(status); });
    } catch (const std::exception& e) {
      spdlog::error("{}", e.what());
      stop(3);
    }
  }

  void lease_heard(const std::string& line) {
    std::istringstream in(line);
    std::string word, since, who;
    in >> word >> since;
    std::getline(in >> std::ws, who);
    if (word == "single") {
      role_ = Role::single;
      start(Kind::first);
    } else if (word == "standby") {
      const bool was_leader = role_ == Role::leader;
      role_ = Role::standby;
      role_text_ = since == "-" ? "standby (no leader yet)"
                                : fmt::format("standby: {} leads since {}", who, since);
      spdlog::info("{}", role_text_);
      if (!announced_ && !was_leader) {
        announced_ = true;
        notify("READY=1\nSTATUS=" + role_text_);
      } else {
        notify("STATUS=" + role_text_);
      }
    } else if (word == "leader") {
      const bool first = !announced_;
      role_ = Role::leader;
      role_text_ = fmt::format("leader: {} since {}", who, since);
      announced_ = true;
      notify("STATUS=" + role_text_);
      start(first ? Kind::first : Kind::full);
    } else {
      spdlog::warn("the lease child said something unexpected: {}", line);
    }
  }

  void lease_ended(int status) {
    auto lease = std::move(lease_);  // destroyed when this handler returns
    if (stopping_) return;
    const int code = WIFEXITED(status) ? WEXITSTATUS(status) : 3;
    if (role_ == Role::single && code == 0) return;  // SQLite: no lease to hold
    if (role_ == Role::unknown) {  // it never said: the config or the server is wrong
      spdlog::error("mentorcal daemon cannot start (exit {})", code);
      stop(code == 0 ? 3 : code);
      return;
    }
    if (role_ == Role::leader) {
      spdlog::error("this daemon lost the leader lease: stopping the tick in flight");
      tick_timer_.cancel();
      retry_timer_.cancel();
      poll_timer_.cancel();
      waiting_full_ = false;
      stop_tick();
    }
    role_ = Role::standby;
    role_text_ = "standby: the lease was lost or the state is unreachable; trying again";
    notify("STATUS=" + role_text_);
    lease_timer_.expires_after(kLeaseRetry);
    lease_timer_.async_wait([this](const boost::system::error_code& ec) {
      if (!ec) start_lease();
    });
  }

  // Start a tick of `kind`, or remember a full one for when the one running ends (a mailbox poll
  // asked for meanwhile is dropped: the next one is never far).
  void start(Kind kind) {
    if (stopping_) return;
    if (role_ != Role::single && role_ != Role::leader) {  // another daemon ticks
      if (kind == Kind::reload) {
        config_ = std::move(fresh_);
        notify("READY=1");
      }
      return;
    }
    if (child_) {
      if (kind == Kind::full) waiting_full_ = true;
      return;
    }
    std::vector<std::string> argv{options_.mentorcal, "service-tick", "--config", options_.config};
    if (!options_.now.empty()) argv.insert(argv.end(), {"--now", options_.now});
    if (options_.verbose) argv.push_back("--verbose");
    if (kind == Kind::replies) argv.push_back("--replies-only");
    if (kind == Kind::first || kind == Kind::reload) argv.push_back("--announce");
    if (options_.tick_deadline_seconds > 0)
      argv.insert(argv.end(), {"--tick-deadline", std::to_string(options_.tick_deadline_seconds)});
    kind_ = kind;
    ready_ = false;
    done_ = false;
    try {
      child_ = std::make_unique<Child>(
          io_, argv, kind == Kind::reload ? fresh_ : config_,
          [this](const std::string& line) { heard(line); }, [this](int status) { ended(status); });
      watch_deadline();
    } catch (const std::exception& e) {
      spdlog::error("{}", e.what());
      child_.reset();
      if (kind == Kind::first) stop(3);
      if (kind == Kind::reload) notify("READY=1");
      if (!stopping_) schedule_tick();
    }
  }

  void heard(const std::string& line) {
    std::istringstream in(line);
    std::string word;
    in >> word;
    if (word == "ready") {
      int pairs = 0;
      int every = 0;
      int deadline = 0;
      if (in >> pairs >> every && every > 0) pairs_ = pairs, plan_every_ = every;
      if (in >> deadline && deadline > 0 && options_.tick_deadline_seconds == 0 &&
          seconds(deadline) != deadline_) {
        deadline_ = seconds(deadline);  // the file's; this tick's deadline moves with it
        deadline_timer_.expires_at(tick_started_ + deadline_);
        arm_deadline();
      }
      ready_ = true;
      if (kind_ == Kind::first) {
        notify("READY=1\nSTATUS=starting the first tick");
        spdlog::info("mentorcal daemon started: {} pairs, planning every {} minutes", pairs_,
                     plan_every_);
      } else if (kind_ == Kind::reload) {
        config_ = std::move(fresh_);
        spdlog::info("configuration reloaded: {} pairs", pairs_);
        notify("READY=1");
        poll_minutes_ = -1;  // the poll timer is set again from this tick's report
      }
    } else if (word == "done") {
      std::string due;
      int poll = 0;
      in >> due >> poll;
      std::string status;
      std::getline(in >> std::ws, status);
      done_ = true;
      notify("STATUS=" + (role_ == Role::leader ? role_text_ + "; " : std::string()) + status);
      next_due_.reset();
      long long due_seconds = 0;
      const auto [end, ec] = std::from_chars(due.data(), due.data() + due.size(), due_seconds);
      if (ec == std::errc() && end == due.data() + due.size())
        next_due_ = system_clock::time_point(seconds(due_seconds));
      if (poll != poll_minutes_) {
        poll_minutes_ = poll;
        schedule_poll();
      }
    } else {
      spdlog::warn("a tick said something unexpected: {}", line);
    }
  }

  // Kill the tick that runs past its deadline, and stop pinging the watchdog until it has ended:
  // a tick that cannot even be killed (stuck in the kernel on a hung mount) gets the service
  // restarted by systemd.
  void watch_deadline() {
    overdue_ = false;
    tick_started_ = std::chrono::steady_clock::now();
    deadline_timer_.expires_at(tick_started_ + deadline_);
    arm_deadline();
  }

  void arm_deadline() {
    deadline_timer_.async_wait([this](const boost::system::error_code& ec) {
      if (ec || !child_) return;
      overdue_ = true;
      spdlog::error(
          "a tick ran past its deadline of {} s (a feed, mail server or the disk did not "
          "answer): killing it; the watchdog waits until it has ended",
          deadline_.count());
      notify("STATUS=the last tick ran past its deadline and was killed");
      child_->signal(SIGKILL);
    });
  }

  void ended(int status) {
    auto child = std::move(child_);  // destroyed when this handler returns
    kill_timer_.cancel();
    deadline_timer_.cancel();
    overdue_ = false;
    const Kind kind = kind_;
    const bool ok = WIFEXITED(status) && WEXITSTATUS(status) == 0 && done_;
    if (!ready_) {
      const int code = WIFEXITED(status) ? WEXITSTATUS(status) : 3;
      if (kind == Kind::first) {
        spdlog::error("mentorcal daemon cannot start (exit {})", code);
        stop(code == 0 ? 3 : code);
        return;
      }
      if (kind == Kind::reload) {
        if (code == 1) {
          spdlog::error("the configuration has errors: the previous one stays in force");
        } else {
          spdlog::error("the reload failed (exit {}): the previous configuration stays in force",
                        code);
        }
        notify("READY=1");
      } else if (!stopping_) {
        spdlog::error("a tick could not start (exit {})", code);
      }
    } else if (!ok && !stopping_) {
      spdlog::error("a tick ended early ({})", WIFSIGNALED(status)
                                                   ? fmt::format("signal {}", WTERMSIG(status))
                                                   : fmt::format("exit {}", WEXITSTATUS(status)));
    }
    if (stopping_) return;
    if (waiting_reload_) {
      waiting_reload_ = waiting_full_ = false;  // a reload is a full tick
      start_reload();
      return;
    }
    if (waiting_full_) {
      waiting_full_ = false;
      start(Kind::full);
      return;
    }
    if (kind != Kind::replies) schedule_tick();
  }

  // The next full tick in plan_every minutes, or sooner for an outbox retry.
  void schedule_tick() {
    const minutes every(plan_every_);
    tick_timer_.expires_after(every);
    tick_timer_.async_wait([this](const boost::system::error_code& ec) {
      if (!ec) start(Kind::full);
    });
    retry_timer_.cancel();
    if (next_due_ && options_.now.empty()) {
      const auto wait =
          std::max<system_clock::duration>(seconds(1), *next_due_ - system_clock::now());
      if (wait < every) {
        retry_timer_.expires_after(wait);
        retry_timer_.async_wait([this](const boost::system::error_code& ec) {
          if (!ec) start(Kind::full);
        });
      }
    }
  }

  // Read replies between ticks, every poll_minutes, while [imap] is set.
  void schedule_poll() {
    poll_timer_.cancel();
    if (stopping_ || poll_minutes_ <= 0) return;
    poll_timer_.expires_after(minutes(poll_minutes_));
    poll_timer_.async_wait([this](const boost::system::error_code& ec) {
      if (ec) return;
      start(Kind::replies);
      schedule_poll();
    });
  }

  void start_watchdog() {
    std::uint64_t usec = 0;
    if (sd_watchdog_enabled(0, &usec) <= 0 || usec == 0) return;
    watchdog_interval_ = microseconds(usec / 2);
    ping_watchdog();
  }

  void ping_watchdog() {
    if (!overdue_) notify("WATCHDOG=1");
    watchdog_timer_.expires_after(watchdog_interval_);
    watchdog_timer_.async_wait([this](const boost::system::error_code& ec) {
      if (!ec) ping_watchdog();
    });
  }

  Options options_;
  Snapshot config_;   // the file as it last loaded
  Snapshot fresh_{};  // during a reload: the file as it is now
  asio::io_context io_;
  asio::signal_set signals_;
  asio::steady_timer tick_timer_;
  asio::steady_timer retry_timer_;
  asio::steady_timer poll_timer_;
  asio::steady_timer watchdog_timer_;
  asio::steady_timer kill_timer_;      // after SIGTERM, for a tick that does not stop
  asio::steady_timer deadline_timer_;  // the running tick's deadline
  asio::steady_timer lease_timer_;     // a new lease child after one ended
  std::chrono::steady_clock::time_point tick_started_;
  seconds deadline_ = kDefaultDeadline;  // --tick-deadline, else the file's
  microseconds watchdog_interval_{0};

  std::unique_ptr<Child> child_;  // the tick running, if any
  std::unique_ptr<Child> lease_;  // the lease child (app/service_lease.h), if running
  Role role_ = Role::unknown;
  std::string role_text_;   // for STATUS=: who leads and since when
  bool announced_ = false;  // READY=1 was sent for a standby, or a leader's first tick began
  Kind kind_ = Kind::first;
  bool ready_ = false;  // it said "ready"
  bool done_ = false;   // it said "done"
  bool waiting_reload_ = false;
  bool waiting_full_ = false;
  bool stopping_ = false;
  bool overdue_ = false;  // the running tick is past its deadline
  int exit_code_ = 0;

  int pairs_ = 0;
  int plan_every_ = 60;
  int poll_minutes_ = -1;  // from the last report; -1 before the first
  std::optional<system_clock::time_point> next_due_;
};

}  // namespace
}  // namespace mentorcal::supervisor

int main(int argc, char** argv) {
  mentorcal::base::keep_large_blocks_mapped();
  mentorcal::supervisor::Options options;
  CLI::App app{"mentorcal-service: the service loop of `mentorcal daemon`", "mentorcal-service"};
  app.add_option("--mentorcal", options.mentorcal, "The mentorcal binary")->required();
  app.add_option("--config", options.config, "The programme file")->required();
  app.add_option("--now", options.now, "Fix the clock of every tick");
  app.add_flag("-v,--verbose", options.verbose, "Log debug messages");
  app.add_option("--tick-deadline", options.tick_deadline_seconds,
                 "Kill a tick that runs longer than this many seconds (default: the file's)")
      ->check(CLI::Range(1, 86400));
  CLI11_PARSE(app, argc, argv);
  mentorcal::base::init_logging(options.verbose);
  std::optional<mentorcal::supervisor::Snapshot> config;
  try {
    config.emplace(options.config);
  } catch (const std::exception& e) {
    spdlog::error("{}", e.what());
    return 1;
  }
  mentorcal::supervisor::Service service(std::move(options), std::move(*config));
  return service.run();
}
