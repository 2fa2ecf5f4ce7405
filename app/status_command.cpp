#include "app/status_command.h"

#include <algorithm>
#include <array>
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
#include "mail/language.h"
#include "mail/notices.h"
#include "store/leader_lease.h"
#include "store/store.h"

namespace mentorcal::app {
namespace {

using base::Phrase;

// Return the width of UTF-8 text in characters.
std::size_t width(const std::string& s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

// Return `s` padded with spaces to `n` characters, on the right (`left`) or on the left.
std::string pad(const std::string& s, std::size_t n, bool left) {
  const auto w = width(s);
  if (w >= n) return s;
  return left ? s + std::string(n - w, ' ') : std::string(n - w, ' ') + s;
}

nlohmann::ordered_json request_json(const store::RequestRow& r) {
  return {{"id", r.id},
          {"pair", r.pair},
          {"person", r.person},
          {"kind", store::to_string(r.kind)},
          {"reason", r.reason},
          {"word", r.word},
          {"asked", base::rfc3339(r.asked)}};
}

// Everything partners changed on their pages, with when: away dates, weekly windows, requests
// and answers (open or not).
nlohmann::ordered_json partner_changes_json(store::Store& state) {
  auto out = nlohmann::ordered_json::array();
  for (const auto& a : state.partner_away()) {
    out.push_back({{"change", "away"},
                   {"person", a.person},
                   {"from", a.from},
                   {"to", a.to},
                   {"note", a.note},
                   {"at", base::rfc3339(a.added)}});
  }
  for (const auto& w : state.partner_windows()) {
    out.push_back({{"change", "availability"},
                   {"person", w.person},
                   {"windows", w.windows},
                   {"at", base::rfc3339(w.changed)}});
  }
  for (const auto& r : state.partner_requests()) {
    auto one = request_json(r);
    one["change"] = "request";
    out.push_back(std::move(one));
  }
  return out;
}

}  // namespace

int status_command(const std::filesystem::path& config_file, std::chrono::sys_seconds now,
                   bool json) {
  const auto programme = load_for_command(config_file);
  if (!programme) return base::kInvalidInput;
  // A programme that never ran has no state yet: report it as such, without creating a file.
  const auto state = store::open_existing(store::state_path(programme->programme.state),
                                          state_password(programme->programme));
  const auto view = health_view(*programme, state.get(), now);
  // A PostgreSQL state: which daemon leads (store/leader_lease.h).
  const bool leased = state && store::has_lease(*state);
  const auto leader = leased ? store::leader_of(*state) : std::nullopt;

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
    if (state) {
      // Partners' requests that wait for an admin, and everything partners changed (issue 15):
      // keys present only when there is something, as DESIGN.md's shape has neither.
      auto requests = nlohmann::ordered_json::array();
      for (const auto& r : open_requests(view.programme, *state))
        requests.push_back(request_json(r));
      auto changes = partner_changes_json(*state);
      if (!requests.empty()) doc["requests"] = std::move(requests);
      if (!changes.empty()) doc["partner_changes"] = std::move(changes);
    }
    if (leased) {
      doc["leader"] = leader
                          ? nlohmann::ordered_json{{"who", leader->who}, {"since", leader->since}}
                          : nlohmann::ordered_json(nullptr);
    }
    std::cout << doc.dump(2) << '\n';
    return base::kOk;
  }
  // What the admin reads, in the programme's language (issue 13); --json stays as it is.
  const mail::Language words(programme->programme.language);
  const auto flagged = std::count_if(view.health.begin(), view.health.end(),
                                     [](const auto& h) { return !h.flags.empty(); });
  fmt::print("{}\n\n",
             words.say(Phrase("Status at {{now}} for {{programme}}: {{pairs}} pairs, {{flagged}} "
                              "flagged")
                           .with("now", base::rfc3339(now))
                           .with("programme", programme->programme.name)
                           .with("pairs", static_cast<long long>(view.health.size()))
                           .with("flagged", flagged)));
  // The columns: each as wide as its heading in this language, and at least as in English.
  const std::array<std::string, 7> heading{
      words.say(Phrase("PAIR")),      words.say(Phrase("HELD")),     words.say(Phrase("BOOKED")),
      words.say(Phrase("CANCELLED")), words.say(Phrase("DECLINED")), words.say(Phrase("MONTHS")),
      words.say(Phrase("FLAGS"))};
  std::array<std::size_t, 6> column{20, 4, 6, 9, 8, 6};
  for (std::size_t i = 0; i < column.size(); ++i)
    column[i] = std::max(column[i], width(heading[i]));
  const auto row = [&](const std::array<std::string, 6>& cells, const std::string& flags) {
    std::string line = pad(cells[0], column[0], true);
    for (std::size_t i = 1; i < cells.size(); ++i)
      line += " " + pad(cells[i], column[i], false);
    fmt::print("{}  {}\n", line, flags);
  };
  row({heading[0], heading[1], heading[2], heading[3], heading[4], heading[5]}, heading[6]);
  const auto flag_text = [&](const scheduler::Flag& f) {
    return mail::flag_name(words, scheduler::to_string(f.kind)) + ": " + words.say(f.what);
  };
  for (const auto& h : view.health) {
    row({h.ended ? words.say(Phrase("{{pair}} (ended)").with("pair", h.pair)) : h.pair,
         std::to_string(h.held), std::to_string(h.booked), std::to_string(h.cancelled),
         std::to_string(h.declined), std::to_string(h.months)},
        h.flags.empty() ? "-" : flag_text(h.flags.front()));
    for (std::size_t i = 1; i < h.flags.size(); ++i)
      row({}, flag_text(h.flags[i]));
  }
  if (!state) return base::kOk;
  if (leased) {
    fmt::print("\n{}\n", words.say(leader ? Phrase("Leader: {{who}} since {{since}}")
                                                .with("who", leader->who)
                                                .with("since", leader->since)
                                          : Phrase("Leader: none (no daemon holds the lease)")));
  }
  // What an operator needs to see: mail waiting or given up, feeds that fail.
  const auto mail = state->outbox_stats(now);
  using std::chrono::duration_cast;
  using std::chrono::hours;
  auto outbox = mail.pending ? Phrase(
                                   "Outbox: {{waiting}} waiting (the oldest for {{hours}} h), "
                                   "{{failed}} failed")
                             : Phrase("Outbox: {{waiting}} waiting, {{failed}} failed");
  outbox.with("waiting", mail.pending)
      .with("hours", duration_cast<hours>(mail.oldest_pending).count())
      .with("failed", mail.failed);
  fmt::print("\n{}\n", words.say(outbox));
  for (const auto& f : state->feed_states()) {
    auto line = f.good_at
                    ? Phrase("Busy calendar of {{person}}: {{hours}} h old")
                          .with("person", f.person)
                          .with("hours", duration_cast<hours>(now - *f.good_at).count())
                    : Phrase("Busy calendar of {{person}}: never fetched").with("person", f.person);
    if (!f.error.empty())
      line =
          Phrase("{{line}}; last try failed: {{error}}").with("line", line).with("error", f.error);
    fmt::print("{}\n", words.say(line));
  }
  // What partners ask of the admins on their own pages (issue 15), then what they changed.
  const auto requests = open_requests(view.programme, *state);
  if (!requests.empty())
    fmt::print("\n{}\n", words.say(Phrase("Requests from partners, waiting for an admin:")));
  for (const auto& r : requests) {
    fmt::print("  {}{} ({})\n", words.say(request_phrase(r)),
               r.word.empty() ? "" : ": \"" + r.word + "\"", base::rfc3339(r.asked));
  }
  for (auto& change : partner_changes(*state))
    fmt::print("{}\n", words.say(Phrase("Partner change: {{change}}").with("change", change)));
  if (programme->imap) {
    const auto success = state->setting(kMailboxLastSuccess);
    const auto error = state->setting(kMailboxLastError);
    auto line = success ? Phrase("Mailbox: last read {{when}}").with("when", *success)
                        : Phrase("Mailbox: never read");
    if (error)
      line = Phrase("{{line}}; last failure {{error}}").with("line", line).with("error", *error);
    fmt::print("{}\n", words.say(line));
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

  const mail::Language words(programme->programme.language);
  fmt::print("{}\n",
             words.say(Phrase(cancelled == 1 ? "{{pair}} ended on {{day}} ({{reason}}): 1 future "
                                               "meeting cancelled."
                                             : "{{pair}} ended on {{day}} ({{reason}}): {{count}} "
                                               "future meetings cancelled.")
                           .with("pair", pair_id)
                           .with("day", Phrase::Day{on})
                           .with("reason", reason_word)
                           .with("count", cancelled)));
  if (cancelled > 0) {
    fmt::print("{}\n", words.say(Phrase("The cancellations are in the outbox: the daemon sends "
                                        "them on its next tick (`systemctl reload mentorcal` "
                                        "starts one now), or run `mentorcal run --once`.")));
  }
  if (pair->status != config::PairStatus::ended) {
    fmt::print("{}\n", words.say(Phrase("{{file}} still says status = \"{{status}}\" for {{pair}}; "
                                        "mentorcal keeps the pair ended. To match, set there:")
                                     .with("file", config_file.string())
                                     .with("status", std::string(config::to_string(pair->status)))
                                     .with("pair", pair_id)));
    fmt::print("  status = \"ended\"\n  ended_on = {}\n  ended_reason = \"{}\"\n",
               base::date_text(on), reason_word);
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
  fmt::print("{}\n", mail::Language(programme->programme.language)
                         .say(Phrase("{{pair}}: the agreement's review on {{day}} is recorded.")
                                  .with("pair", pair_id)
                                  .with("day", Phrase::Day{today})));
  return base::kOk;
}

}  // namespace mentorcal::app
