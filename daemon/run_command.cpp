#include "daemon/run_command.h"

#include <random>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "config/load.h"
#include "daemon/database.h"
#include "daemon/exit_code.h"
#include "daemon/programme_file.h"
#include "daemon/secrets.h"
#include "daemon/tick.h"
#include "mail/directory_transport.h"
#include "mail/smtp_transport.h"

namespace mentorcal::daemon {

tl::expected<std::unique_ptr<mail::Transport>, std::string> make_transport(
    const config::Programme& programme) {
  if (programme.mail.transport == config::Transport::directory) {
    return std::make_unique<mail::DirectoryTransport>(programme.mail.directory);
  }
  const auto& smtp = *programme.smtp;
  auto password = read_secret(smtp.password, "smtp-password");
  if (!password) return tl::unexpected("smtp: " + password.error());
  if (!smtp.username.empty() && password->empty()) {
    return tl::unexpected(
        std::string("smtp: a username is set but no password: set password_file or password_env, "
                    "or give the systemd credential smtp-password"));
  }
  mail::SmtpSettings settings{smtp.url,      smtp.starttls == config::StartTls::required,
                              smtp.username, *password,
                              smtp.ca_file,  std::chrono::seconds(smtp.timeout_seconds)};
  return std::make_unique<mail::SmtpTransport>(std::move(settings));
}

int run_once_command(const std::filesystem::path& config_file, std::chrono::sys_seconds now) {
  const auto programme_file = load_for_command(config_file);
  if (!programme_file) return kInvalidInput;
  const auto& programme = *programme_file;
  auto transport = make_transport(programme);
  if (!transport) {
    spdlog::error("{}", transport.error());
    return kInvalidInput;
  }
  Database db(state_path(programme.programme.state));
  std::mt19937_64 rng(std::random_device{}());
  const std::atomic<bool> stop{false};
  const auto report = run_tick(programme, db, **transport, now, rng, stop);
  for (const auto& u : report.unscheduled)
    spdlog::warn("no slot for {}: {}", u.pair, u.reason);
  const auto stats = outbox_stats(db, now);
  fmt::print(
      "{} new meeting{} invited, {} cancelled; sent {} message{}, {} to retry, {} failed; outbox: "
      "{} pending\n",
      report.invited, report.invited == 1 ? "" : "s", report.cancelled, report.flush.sent,
      report.flush.sent == 1 ? "" : "s", report.flush.retrying + report.flush.not_attempted,
      report.flush.failed, stats.pending);
  return report.flush.retrying + report.flush.not_attempted > 0 ? kRuntimeFailure : kOk;
}

}  // namespace mentorcal::daemon
