#include "app/service_tick.h"

#include <algorithm>
#include <atomic>
#include <csignal>
#include <iostream>
#include <iterator>
#include <random>
#include <string>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "app/locked_state.h"
#include "app/metrics_file.h"
#include "app/outbox_flush.h"
#include "app/reply_poll.h"
#include "app/run_command.h"
#include "app/secrets.h"
#include "app/service_child.h"
#include "app/service_lease.h"
#include "app/tick.h"
#include "base/exit_code.h"
#include "config/load.h"
#include "store/store.h"

namespace mentorcal::app {
namespace {

using std::chrono::sys_seconds;

// Plan, send and read replies (or only read replies and send); return the line for STATUS=.
std::string run_one(const config::Programme& programme, store::Store& store, sys_seconds now,
                    bool replies_only, int deadline_seconds,
                    const std::atomic<bool>& stop_requested) {
  std::mt19937_64 rng(std::random_device{}());
  auto transport = make_transport(programme);
  const auto mailbox = make_mailbox(programme);
  if (replies_only) {
    const auto replies = poll_replies(programme, store, access_to(mailbox), now);
    if (replies.applied || replies.ignored) {
      spdlog::info("replies: {} read, {} applied, {} ignored", replies.messages, replies.applied,
                   replies.ignored);
    }
    if (transport) {
      flush_outbox(store, **transport, programme.programme.organiser_email, now, RetryPolicy{}, rng,
                   stop_requested);
    }
  } else if (!transport) {
    spdlog::error("{}", transport.error());
    update_meetings(programme, store, now, rng);
  } else {
    net::HttpFeedSource feeds;
    const auto started = std::chrono::steady_clock::now();
    const auto r = run_tick(programme, store, {**transport, feeds, access_to(mailbox)}, now, rng,
                            stop_requested);
    write_metrics(programme, store, *r.health, now,
                  std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(),
                  deadline_seconds);
    if (r.invited || r.cancelled || r.moved || r.flush.sent || r.flush.failed || r.flush.retrying) {
      spdlog::info("tick: {} invited, {} moved, {} cancelled; sent {}, retrying {}, failed {}",
                   r.invited, r.moved, r.cancelled, r.flush.sent, r.flush.retrying, r.flush.failed);
    }
  }
  const auto stats = store.outbox_stats(now);
  return fmt::format("{} pairs, {} meetings booked, outbox: {} pending{}", programme.pairs.size(),
                     store.booked_count(now), stats.pending,
                     stats.failed ? fmt::format(", {} failed", stats.failed) : "");
}

// The wall clock to the microsecond, for the audit's tick-started and tick-ended (the tick's own
// clock may be fixed by --now): two ticks' spans never overlap, even on two hosts.
std::string wall_clock() {
  const auto us = std::chrono::duration_cast<std::chrono::microseconds>(
                      std::chrono::system_clock::now().time_since_epoch())
                      .count();
  return fmt::format("{}.{:06}", us / 1000000, us % 1000000);
}

}  // namespace

int service_tick_command(const ServiceTickOptions& options) {
  const auto& stop_requested = stop_on_signals();

  const std::string text{std::istreambuf_iterator<char>(std::cin), {}};
  const auto& file = options.config_file;
  auto loaded = config::parse_programme(text, file.string(), file.parent_path());
  if (!loaded) {
    for (const auto& d : loaded.error())
      spdlog::error("{}", d.text());
    return base::kInvalidInput;
  }
  if (options.announce) {
    for (const auto& d : loaded->warnings)
      spdlog::warn("{}", d.text());
  }
  const config::Programme& programme = loaded->programme;
  // store::StoreError: exit 3, before "ready".
  const LockedState state(store::state_path(programme.programme.state),
                          state_password(programme.programme));
  tell("ready {} {} {}\n", programme.pairs.size(), programme.scheduling.plan_every_minutes,
       programme.programme.tick_deadline_minutes * 60);

  std::string status;
  std::optional<sys_seconds> next_due;
  const auto who = this_process();
  try {
    state->audit(options.now, "tick-started", who, wall_clock());
    status = run_one(programme, *state, options.now, options.replies_only,
                     options.tick_deadline_seconds, stop_requested);
    next_due = state->outbox_stats(options.now).next_due;
    state->audit(options.now, "tick-ended", who, wall_clock());
  } catch (const std::exception& e) {
    // A failing database or a bug in one tick must not end the service: log, retry next tick.
    spdlog::error("tick failed: {}", e.what());
    status = fmt::format("last tick failed: {}", e.what());
  }
  std::replace(status.begin(), status.end(), '\n', ' ');  // one line
  tell("done {} {} {}\n",
       next_due ? std::to_string(next_due->time_since_epoch().count()) : std::string("-"),
       programme.imap ? programme.imap->poll_minutes : 0, status);
  return base::kOk;
}

}  // namespace mentorcal::app
