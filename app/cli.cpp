#include "app/cli.h"

#include <csignal>
#include <exception>

#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include "app/backup_command.h"
#include "app/check_config.h"
#include "app/journal_sink.h"
#include "app/options.h"
#include "app/plan_command.h"
#include "app/report_command.h"
#include "app/run_command.h"
#include "app/service.h"
#include "app/service_lease.h"
#include "app/service_tick.h"
#include "app/state_copy_command.h"
#include "app/status_command.h"
#include "app/web_command.h"
#include "base/exit_code.h"
#include "base/logging.h"
#include "config/enum_names.h"
#include "store/store.h"

#ifndef MENTORCAL_VERSION
#define MENTORCAL_VERSION "unknown"
#endif

namespace mentorcal::app {

int run_cli(int argc, char** argv) {
  // A peer that hangs up must be an error from write(), not a signal that kills the daemon
  // (libcurl runs with CURLOPT_NOSIGNAL and does not ignore SIGPIPE for us).
  std::signal(SIGPIPE, SIG_IGN);
  CLI::App app{"mentorcal: keeps mentoring pairs meeting", "mentorcal"};
  app.set_version_flag("--version", std::string("mentorcal ") + MENTORCAL_VERSION);
  app.require_subcommand(1);
  app.fallthrough();  // global options may follow the command too

  GlobalOptions options;
  app.add_option("--config", options.config,
                 "Programme file (default: $MENTORCAL_CONFIG, else /etc/mentorcal/mentorcal.toml)");
  app.add_option("--now", options.now, "Fix the clock, e.g. 2026-11-22T09:00:00Z");
  app.add_flag("-v,--verbose", options.verbose, "Log debug messages");

  std::string check_file;
  auto* check = app.add_subcommand("check-config",
                                   "Validate a programme file; print FILE:LINE:COLUMN "
                                   "for every problem");
  check->add_option("file", check_file, "The file to check (default: --config)");

  bool plan_json = false;
  auto* plan = app.add_subcommand(
      "plan", "Show the meetings the scheduler wants (nothing is sent or stored)");
  plan->add_flag("--json", plan_json, "Print JSON (DESIGN.md section 9)");

  bool once = false;
  auto* run =
      app.add_subcommand("run", "One full tick: plan, write invites to the outbox, send them");
  run->add_flag("--once", once, "Run one tick and exit (the service loop is `mentorcal daemon`)")
      ->required();

  auto* daemon = app.add_subcommand(
      "daemon", "Run the service loop until SIGTERM (SIGHUP reloads the config)");
  int tick_deadline = 0;
  daemon
      ->add_option("--tick-deadline", tick_deadline,
                   "Kill a tick that runs longer than this many seconds (default: the file's "
                   "tick_deadline_minutes, 5)")
      ->check(CLI::Range(1, 86400));

  // Internal: one tick of the service loop, run by it in a child process (daemon/service_tick.h).
  ServiceTickOptions tick_options;
  auto* service_tick = app.add_subcommand("service-tick", "")->group("");
  service_tick->add_flag("--replies-only", tick_options.replies_only);
  service_tick->add_flag("--announce", tick_options.announce);
  service_tick->add_option("--tick-deadline", tick_options.tick_deadline_seconds);
  // Internal: the daemon's leader lease on a PostgreSQL state (app/service_lease.h).
  auto* service_lease = app.add_subcommand("service-lease", "")->group("");
  int service_pid = 0;
  service_lease->add_option("--service-pid", service_pid);

  bool status_json = false;
  auto* status =
      app.add_subcommand("status", "Pairs with their health flags and counts, flagged first");
  status->add_flag("--json", status_json, "Print JSON (DESIGN.md section 9)");

  std::string report_file;
  auto* report = app.add_subcommand(
      "report", "Write a self-contained HTML report of every pair's meetings against its cadence");
  report->add_option("--html", report_file, "The HTML file to write")->required();

  std::string backup_file;
  auto* backup = app.add_subcommand(
      "backup", "Copy the state to FILE, consistent, while the daemon runs (SQLite online backup)");
  backup->add_option("file", backup_file, "The copy to write (replaced whole)")->required();

  std::string end_pair, end_reason, end_on;
  auto* pair_cmd = app.add_subcommand("pair", "Change a pairing");
  pair_cmd->require_subcommand(1);
  auto* pair_end = pair_cmd->add_subcommand(
      "end", "End a pairing: cancel its future meetings, record the reason");
  pair_end->add_option("id", end_pair, "The pair id")->required();
  std::vector<std::string> reasons;
  for (const auto& [word, value] : config::EnumNames<config::EndReason>::values)
    reasons.emplace_back(word);
  pair_end->add_option("--reason", end_reason, config::enum_choices<config::EndReason>())
      ->required()
      ->check(CLI::IsMember(reasons));
  pair_end->add_option("--on", end_on, "The day it ends, YYYY-MM-DD (default: today)");
  std::string review_pair;
  auto* pair_review = pair_cmd->add_subcommand(
      "review", "Record that a pairing's agreement was reviewed today (clears review-due)");
  pair_review->add_option("id", review_pair, "The pair id")->required();

  StateCopyOptions copy_options;
  auto* state_cmd = app.add_subcommand("state", "Work on a programme's state as a whole");
  state_cmd->require_subcommand(1);
  auto* state_copy = state_cmd->add_subcommand(
      "copy",
      "Copy a state from FROM to TO (SQLite file or postgresql:// URL), verified by row counts "
      "and a checksum per table");
  state_copy->add_option("from", copy_options.from, "The state to copy")->required();
  state_copy->add_option("to", copy_options.to, "Where to copy it")->required();
  state_copy->add_flag("--replace", copy_options.replace,
                       "Replace the state TO holds (else a TO that is not empty is refused)");
  state_copy->add_option("--password-file", copy_options.password_file,
                         "The password of the PostgreSQL end(s) (else PGPASSWORD, ~/.pgpass)");
  auto* web = app.add_subcommand(
      "web", "Serve the partners' own pages ([web] listen; or the socket systemd passes)");
  std::string relink_person;
  auto* person_cmd = app.add_subcommand("person", "Change what a person may do");
  person_cmd->require_subcommand(1);
  auto* person_relink = person_cmd->add_subcommand(
      "relink", "Revoke a person's link and give them a new one (in their next letter)");
  person_relink->add_option("id", relink_person, "The person id")->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? base::kOk : base::kUsage;
  }

  base::init_logging(options.verbose, journal_sink());
  const auto now = resolve_now(options);
  if (!now) {
    spdlog::error("--now: {}", now.error());
    return base::kUsage;
  }

  try {
    if (*check) return check_config(config_path(check_file.empty() ? options.config : check_file));
    if (*plan) return plan_command(config_path(options.config), *now, plan_json);
    if (*run) return run_once_command(config_path(options.config), *now);
    if (*status) return status_command(config_path(options.config), *now, status_json);
    if (*report) return report_command(config_path(options.config), *now, report_file);
    if (*backup) return backup_command(config_path(options.config), backup_file);
    if (*pair_end)
      return pair_end_command(config_path(options.config), *now, end_pair, end_reason, end_on);
    if (*web) return web_command(config_path(options.config), clock_of(options, *now));
    if (*person_relink) return relink_command(config_path(options.config), *now, relink_person);
    if (*pair_review) return pair_review_command(config_path(options.config), *now, review_pair);
    if (*daemon)
      return run_service(
          {config_path(options.config), options.now, options.verbose, tick_deadline});
    if (*state_copy) return state_copy_command(copy_options);
    if (*service_lease) return service_lease_command(config_path(options.config), service_pid);
    if (*service_tick) {
      tick_options.config_file = config_path(options.config);
      tick_options.now = *now;
      return service_tick_command(tick_options);
    }
  } catch (const store::StoreError& e) {
    spdlog::error("{}", e.what());
    return base::kRuntimeFailure;
  } catch (const std::exception& e) {
    spdlog::critical("{}", e.what());
    return base::kRuntimeFailure;
  }
  return base::kUsage;
}

}  // namespace mentorcal::app
