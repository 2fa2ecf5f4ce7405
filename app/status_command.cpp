#include "app/status_command.h"

#include <iostream>
#include <sstream>

#include <date/date.h>
#include <date/tz.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "app/feeds.h"
#include "app/health_view.h"
#include "app/locked_state.h"
#include "app/pair_ends.h"
#include "app/programme_file.h"
#include "app/reply_poll.h"
#include "app/secrets.h"
#include "app/tick.h"
#include "base/exit_code.h"
#include "base/time_text.h"
#include "config/enum_names.h"
#include "config/load.h"
#include "store/store.h"

namespace mentorcal::app {

int status_command(const std::filesystem::path& config_file, std::chrono::sys_seconds now,
                   bool json) {
  const auto programme = load_for_command(config_file);
  if (!programme) return base::kInvalidInput;
  // A programme that never ran has no state yet: report it as such, without creating a file.
  const auto state = store::open_existing(store::state_path(programme->programme.state),
                                          state_password(programme->programme));
  const auto view = health_view(*programme, state.get(), now);

  if (json) {
    nlohmann::ordered_json doc;
    doc["now"] = base::rfc3339(now);
    doc["pairs"] = nlohmann::ordered_json::array();
    for (const auto& h : view.health) {
      nlohmann::ordered_json flags = nlohmann::ordered_json::array();
      for (const auto& f : h.flags)
        flags.push_back({{"flag", scheduler::to_string(f.kind)}, {"detail", f.detail}});
      doc["pairs"].push_back(
          {{"pair", h.pair}, {"flags", flags}, {"held", h.held}, {"booked", h.booked}});
    }
    if (programme->imap) {
      const auto setting = [&](std::string_view key) -> nlohmann::ordered_json {
        if (!state) return nullptr;
        const auto value = state->setting(key);
        return value ? nlohmann::ordered_json(*value) : nlohmann::ordered_json(nullptr);
      };
      doc["mailbox"] = {{"last_success", setting(kMailboxLastSuccess)},
                        {"last_error", setting(kMailboxLastError)}};
    }
    std::cout << doc.dump(2) << '\n';
    return base::kOk;
  }
  const auto flagged = std::count_if(view.health.begin(), view.health.end(),
                                     [](const auto& h) { return !h.flags.empty(); });
  fmt::print("Status at {} for {}: {} pairs, {} flagged\n\n", base::rfc3339(now),
             programme->programme.name, view.health.size(), flagged);
  fmt::print("{:<20} {:>4} {:>6} {:>9} {:>8} {:>6}  {}\n", "PAIR", "HELD", "BOOKED", "CANCELLED",
             "DECLINED", "MONTHS", "FLAGS");
  for (const auto& h : view.health) {
    fmt::print("{:<20} {:>4} {:>6} {:>9} {:>8} {:>6}  {}\n", h.pair + (h.ended ? " (ended)" : ""),
               h.held, h.booked, h.cancelled, h.declined, h.months,
               h.flags.empty() ? "-"
                               : fmt::format("{}: {}", scheduler::to_string(h.flags.front().kind),
                                             h.flags.front().detail));
    for (std::size_t i = 1; i < h.flags.size(); ++i) {
      fmt::print("{:<20} {:>4} {:>6} {:>9} {:>8} {:>6}  {}: {}\n", "", "", "", "", "", "",
                 scheduler::to_string(h.flags[i].kind), h.flags[i].detail);
    }
  }
  if (!state) return base::kOk;
  // What an operator needs to see: mail waiting or given up, feeds that fail.
  const auto mail = state->outbox_stats(now);
  fmt::print(
      "\nOutbox: {} waiting{}, {} failed\n", mail.pending,
      mail.pending
          ? fmt::format(" (the oldest for {} h)",
                        std::chrono::duration_cast<std::chrono::hours>(mail.oldest_pending).count())
          : "",
      mail.failed);
  for (const auto& f : state->feed_states()) {
    const auto age =
        f.good_at
            ? fmt::format("{} h old",
                          std::chrono::duration_cast<std::chrono::hours>(now - *f.good_at).count())
            : std::string("never fetched");
    fmt::print("Busy calendar of {}: {}{}\n", f.person, age,
               f.error.empty() ? "" : "; last try failed: " + f.error);
  }
  // What partners changed on their own pages (issue 15), over the file.
  for (const auto& line : partner_change_lines(*state))
    fmt::print("Partner change: {}\n", line);
  if (programme->imap) {
    const auto success = state->setting(kMailboxLastSuccess);
    const auto error = state->setting(kMailboxLastError);
    fmt::print("Mailbox: last read {}{}\n", success ? *success : "never",
               error ? "; last failure " + *error : "");
  }
  return base::kOk;
}

int pair_end_command(const std::filesystem::path& config_file, std::chrono::sys_seconds now,
                     const std::string& pair_id, const std::string& reason_word,
                     const std::string& on_text) {
  const auto programme = load_for_command(config_file);
  if (!programme) return base::kInvalidInput;
  const auto* pair = programme->pair(pair_id);
  if (!pair) {
    spdlog::error("pair end: no pair \"{}\" in {}", pair_id, config_file.string());
    return base::kInvalidInput;
  }
  const auto reason = config::enum_from<config::EndReason>(reason_word);
  if (!reason) {
    spdlog::error("pair end: --reason must be goals-met, not-compatible, lost-contact or other");
    return base::kUsage;
  }
  // The day it ends, in the programme's zone; default today.
  const auto* zone = date::locate_zone(programme->programme.timezone);
  std::chrono::year_month_day on{
      std::chrono::floor<std::chrono::days>(zone->to_local(now)).time_since_epoch() +
      std::chrono::sys_days{}};
  if (!on_text.empty()) {
    std::istringstream in(on_text);
    date::sys_days day;
    in >> date::parse("%F", day);
    if (in.fail() || in.peek() != std::char_traits<char>::eof()) {
      spdlog::error("pair end: --on \"{}\" is not a date like 2027-02-10", on_text);
      return base::kUsage;
    }
    on = std::chrono::year_month_day{day};
  }
  if (on < pair->started) {
    spdlog::error("pair end: {} is before the pair started", on_text);
    return base::kInvalidInput;
  }
  const std::chrono::sys_seconds from =
      std::max(now, zone->to_sys(date::local_days{std::chrono::sys_days{on}.time_since_epoch()},
                                 date::choose::earliest));

  const LockedState state(store::state_path(programme->programme.state),
                          state_password(programme->programme));
  const scheduler::PairEnd end{on, *reason};
  const auto ended = with_ends(*programme, {{pair_id, end}});
  int cancelled = 0;
  auto tx = state->transaction();
  state->record_pair_end(pair_id, end, now);
  for (const auto& m : state->booked_meetings()) {
    if (m.pair != pair_id || m.when.begin < from) continue;
    cancel_meeting(*state, ended, m, store::CancelKind::ended,
                   "the pair ended (" + reason_word + ")", now);
    ++cancelled;
  }
  state->audit(now, "pair-ended", pair_id,
               fmt::format("on {} ({})", base::date_text(on), reason_word));
  tx.commit();

  fmt::print("{} ended on {} ({}): {} future meeting{} cancelled.\n", pair_id, base::date_text(on),
             reason_word, cancelled, cancelled == 1 ? "" : "s");
  if (cancelled > 0) {
    fmt::print(
        "The cancellations are in the outbox: the daemon sends them on its next tick (`systemctl "
        "reload "
        "mentorcal` starts one now), or run `mentorcal run --once`.\n");
  }
  if (pair->status != config::PairStatus::ended) {
    fmt::print(
        "{} still says status = \"{}\" for {}; mentorcal keeps the pair ended. To match, set "
        "there:\n"
        "  status = \"ended\"\n  ended_on = {}\n  ended_reason = \"{}\"\n",
        config_file.string(), config::to_string(pair->status), pair_id, base::date_text(on),
        reason_word);
  }
  return base::kOk;
}

int pair_review_command(const std::filesystem::path& config_file, std::chrono::sys_seconds now,
                        const std::string& pair_id) {
  const auto programme = load_for_command(config_file);
  if (!programme) return base::kInvalidInput;
  if (!programme->pair(pair_id)) {
    spdlog::error("pair review: no pair \"{}\" in {}", pair_id, config_file.string());
    return base::kInvalidInput;
  }
  const auto* zone = date::locate_zone(programme->programme.timezone);
  const std::chrono::year_month_day today{
      std::chrono::floor<std::chrono::days>(zone->to_local(now)).time_since_epoch() +
      std::chrono::sys_days{}};
  const auto state = store::open_store(store::state_path(programme->programme.state),
                                       state_password(programme->programme));
  auto tx = state->transaction();
  state->set_setting(review_setting(pair_id), base::date_text(today));
  state->audit(now, "pair-reviewed", pair_id, base::date_text(today));
  tx.commit();
  fmt::print("{}: the agreement's review on {} is recorded.\n", pair_id, base::date_text(today));
  return base::kOk;
}

}  // namespace mentorcal::app
