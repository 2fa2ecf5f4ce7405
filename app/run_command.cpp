#include "app/run_command.h"

#include <random>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "app/locked_state.h"
#include "app/metrics_file.h"
#include "app/programme_file.h"
#include "app/secrets.h"
#include "app/tick.h"
#include "base/exit_code.h"
#include "base/log_fields.h"
#include "config/load.h"
#include "net/directory_transport.h"
#include "net/smtp_transport.h"
#include "store/store.h"

namespace mentorcal::app {

tl::expected<std::unique_ptr<net::Transport>, std::string> make_transport(
    const config::Programme& programme) {
  if (programme.mail.transport == config::Transport::directory) {
    return std::make_unique<net::DirectoryTransport>(programme.mail.directory);
  }
  const auto& smtp = *programme.smtp;
  auto password = read_secret(smtp.password, "smtp-password");
  if (!password) return tl::unexpected("smtp: " + password.error());
  if (!smtp.username.empty() && password->empty()) {
    return tl::unexpected(
        std::string("smtp: a username is set but no password: set password_file or password_env, "
                    "or give the systemd credential smtp-password"));
  }
  net::SmtpSettings settings{smtp.url,      smtp.starttls == config::StartTls::required,
                             smtp.username, *password,
                             smtp.ca_file,  std::chrono::seconds(smtp.timeout_seconds)};
  return std::make_unique<net::SmtpTransport>(std::move(settings));
}

int run_once_command(const std::filesystem::path& config_file, std::chrono::sys_seconds now) {
  const auto programme_file = load_for_command(config_file);
  if (!programme_file) return base::kInvalidInput;
  const auto& programme = *programme_file;
  auto transport = make_transport(programme);
  if (!transport) {
    spdlog::error("{}", transport.error());
    return base::kInvalidInput;
  }
  const LockedState state(store::state_path(programme.programme.state),
                          state_password(programme.programme));
  const auto mailbox = make_mailbox(programme);
  net::HttpFeedSource feeds;
  std::mt19937_64 rng(std::random_device{}());
  const std::atomic<bool> stop{false};
  const auto started = std::chrono::steady_clock::now();
  const auto report =
      run_tick(programme, *state, {**transport, feeds, access_to(mailbox)}, now, rng, stop);
  write_metrics(programme, *state, *report.health, now,
                std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(),
                0);
  for (const auto& u : report.unscheduled) {
    const base::LogFields fields{{base::LogFields::kPair, u.pair}};
    spdlog::warn("no slot for {}: {}", u.pair, u.reason);
  }
  const auto stats = state->outbox_stats(now);
  fmt::print("{}\n", summary_line(report, stats.pending));
  if (report.replies.unreadable) {
    // Answers that are not being read are a failure (DESIGN.md §9), like mail not delivered.
    spdlog::error("the mailbox could not be read: {}", report.replies.error);
    return base::kRuntimeFailure;
  }
  return report.flush.retrying + report.flush.not_attempted > 0 ? base::kRuntimeFailure : base::kOk;
}

}  // namespace mentorcal::app
