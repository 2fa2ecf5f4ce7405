#include "daemon/service.h"

#include <atomic>
#include <memory>
#include <random>

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <systemd/sd-daemon.h>

#include "config/load.h"
#include "daemon/database.h"
#include "daemon/exit_code.h"
#include "daemon/meetings.h"
#include "daemon/outbox.h"
#include "daemon/reply_poll.h"
#include "daemon/run_command.h"
#include "daemon/tick.h"

namespace mentorcal::daemon {
namespace {

namespace asio = boost::asio;
using namespace std::chrono;
using Programme = std::shared_ptr<const config::Programme>;

void notify(const std::string& state) {
  sd_notify(0, state.c_str());
}

// Return the programme in `file`, or nullptr after logging every problem.
Programme load(const std::filesystem::path& file) {
  auto loaded = config::load_programme(file);
  if (!loaded) {
    for (const auto& d : loaded.error())
      spdlog::error("{}", d.text());
    return nullptr;
  }
  for (const auto& d : loaded->warnings)
    spdlog::warn("{}", d.text());
  return std::make_shared<const config::Programme>(std::move(loaded->programme));
}

// What a tick found out, handed back to the loop.
struct TickOutcome {
  std::string status;                   // one line for systemd's STATUS=
  std::optional<sys_seconds> next_due;  // the next outbox retry, if any
  bool replies_only = false;            // a mailbox poll between ticks: the tick timer stays as set
};

class Service {
 public:
  Service(ServiceOptions options, Programme programme, std::unique_ptr<Database> db)
      : options_(std::move(options)),
        programme_(std::move(programme)),
        db_(std::move(db)),
        signals_(io_, SIGTERM, SIGINT, SIGHUP),
        tick_timer_(io_),
        retry_timer_(io_),
        poll_timer_(io_),
        watchdog_timer_(io_),
        rng_(std::random_device{}()) {}

  int run() {
    wait_for_signal();
    start_watchdog();
    notify("READY=1\nSTATUS=starting the first tick");
    spdlog::info("mentorcal daemon started: {} pairs, planning every {} minutes",
                 programme_->pairs.size(), programme_->scheduling.plan_every_minutes);
    tick();
    schedule_poll();
    io_.run();
    worker_.join();
    spdlog::info("mentorcal daemon stopped");
    return kOk;
  }

 private:
  sys_seconds now() const {
    return options_.fixed_now ? *options_.fixed_now : floor<seconds>(system_clock::now());
  }

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
    spdlog::info("reloading {}", options_.config_file.string());
    if (auto fresh = load(options_.config_file)) {
      programme_ = std::move(fresh);
      poll_timer_.cancel();
      schedule_poll();
      spdlog::info("configuration reloaded: {} pairs", programme_->pairs.size());
      tick();  // plan with the new file now
    } else {
      spdlog::error("the configuration has errors: the previous one stays in force");
    }
    notify("READY=1");
  }

  void shutdown(int signal) {
    spdlog::info("received {}: finishing the message in flight, then stopping",
                 signal == SIGTERM ? "SIGTERM" : "SIGINT");
    notify("STOPPING=1");
    stop_ = true;
    signals_.cancel();
    tick_timer_.cancel();
    retry_timer_.cancel();
    poll_timer_.cancel();
    watchdog_timer_.cancel();
    // io_.run() returns once the worker's last completion has been handled.
  }

  // Read replies between ticks, every poll_minutes, while [imap] is set.
  void schedule_poll() {
    if (stop_ || !programme_->imap) return;
    poll_timer_.expires_after(minutes(programme_->imap->poll_minutes));
    poll_timer_.async_wait([this](const boost::system::error_code& ec) {
      if (ec) return;
      tick(true);
      schedule_poll();
    });
  }

  // Run one tick on the worker, unless one is running: then a full tick runs right after it.
  // `replies_only`: read the mailbox and send what that queues, without planning.
  void tick(bool replies_only = false) {
    if (stop_) return;
    if (busy_) {
      again_ = true;
      return;
    }
    busy_ = true;
    asio::post(worker_, [this, replies_only, programme = programme_, now = now(),
                         guard = asio::make_work_guard(io_)] {
      TickOutcome outcome = run_one(*programme, now, replies_only);
      asio::post(io_, [this, outcome = std::move(outcome)] { after_tick(outcome); });
    });
  }

  TickOutcome run_one(const config::Programme& programme, sys_seconds now, bool replies_only) {
    TickOutcome out;
    out.replies_only = replies_only;
    try {
      auto transport = make_transport(programme);
      if (replies_only) {
        const auto replies = poll_replies(programme, *db_, now);
        if (replies.applied || replies.ignored) {
          spdlog::info("replies: {} read, {} applied, {} ignored", replies.messages,
                       replies.applied, replies.ignored);
        }
        if (transport) {
          flush_outbox(*db_, **transport, programme.programme.organiser_email, now, RetryPolicy{},
                       rng_, stop_);
        }
      } else if (!transport) {
        spdlog::error("{}", transport.error());
        update_meetings(programme, *db_, now, rng_);
      } else {
        const auto r = run_tick(programme, *db_, **transport, now, rng_, stop_);
        if (r.invited || r.cancelled || r.moved || r.flush.sent || r.flush.failed ||
            r.flush.retrying) {
          spdlog::info("tick: {} invited, {} moved, {} cancelled; sent {}, retrying {}, failed {}",
                       r.invited, r.moved, r.cancelled, r.flush.sent, r.flush.retrying,
                       r.flush.failed);
        }
      }
      const auto stats = outbox_stats(*db_, now);
      out.next_due = stats.next_due;
      out.status = fmt::format("{} pairs, {} meetings booked, outbox: {} pending{}",
                               programme.pairs.size(), booked_count(*db_, now), stats.pending,
                               stats.failed ? fmt::format(", {} failed", stats.failed) : "");
    } catch (const std::exception& e) {
      // A failing database or a bug in one tick must not end the service: log, retry next tick.
      spdlog::error("tick failed: {}", e.what());
      out.status = fmt::format("last tick failed: {}", e.what());
    }
    return out;
  }

  void after_tick(const TickOutcome& outcome) {
    busy_ = false;
    if (stop_) return;
    notify("STATUS=" + outcome.status);
    if (again_) {
      again_ = false;
      tick();
      return;
    }
    if (outcome.replies_only) return;
    tick_timer_.expires_after(minutes(programme_->scheduling.plan_every_minutes));
    tick_timer_.async_wait([this](const boost::system::error_code& ec) {
      if (!ec) tick();
    });
    // Wake for an outbox retry that falls before the next tick; otherwise sleep.
    retry_timer_.cancel();
    if (outcome.next_due && !options_.fixed_now) {
      const auto wait = std::max(seconds(1), *outcome.next_due - now());
      if (wait < minutes(programme_->scheduling.plan_every_minutes)) {
        retry_timer_.expires_after(wait);
        retry_timer_.async_wait([this](const boost::system::error_code& ec) {
          if (!ec) tick();
        });
      }
    }
  }

  void start_watchdog() {
    std::uint64_t usec = 0;
    if (sd_watchdog_enabled(0, &usec) <= 0 || usec == 0) return;
    watchdog_interval_ = microseconds(usec / 2);
    ping_watchdog();
  }

  void ping_watchdog() {
    notify("WATCHDOG=1");
    watchdog_timer_.expires_after(watchdog_interval_);
    watchdog_timer_.async_wait([this](const boost::system::error_code& ec) {
      if (!ec) ping_watchdog();
    });
  }

  ServiceOptions options_;
  Programme programme_;           // replaced on reload; a running tick keeps its own copy
  std::unique_ptr<Database> db_;  // used by the worker only, one tick at a time
  asio::io_context io_;
  asio::thread_pool worker_{1};
  asio::signal_set signals_;
  asio::steady_timer tick_timer_;
  asio::steady_timer retry_timer_;
  asio::steady_timer poll_timer_;
  asio::steady_timer watchdog_timer_;
  microseconds watchdog_interval_{0};
  std::mt19937_64 rng_;
  std::atomic<bool> stop_{false};
  bool busy_ = false;   // a tick is on the worker (loop thread only)
  bool again_ = false;  // another tick was asked for meanwhile
};

}  // namespace

int run_service(const ServiceOptions& options) {
  auto programme = load(options.config_file);
  if (!programme) return kInvalidInput;
  std::unique_ptr<Database> db;
  try {
    db = std::make_unique<Database>(state_path(programme->programme.state));
  } catch (const StoreError& e) {
    spdlog::error("{}", e.what());
    return kRuntimeFailure;
  }
  Service service(options, std::move(programme), std::move(db));
  return service.run();
}

}  // namespace mentorcal::daemon
