#include "app/plan_command.h"

#include <algorithm>
#include <array>
#include <iostream>
#include <iterator>

#include <date/tz.h>
#include <fmt/format.h>
#include <fmt/ostream.h>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "app/health_view.h"
#include "app/pair_ends.h"
#include "app/programme_file.h"
#include "app/secrets.h"
#include "base/exit_code.h"
#include "base/time_text.h"
#include "config/load.h"
#include "mail/language.h"
#include "store/store.h"

namespace mentorcal::app {

namespace {

// Append `s` as a JSON string, as nlohmann's dump() writes it: ids and times, plain printable
// ASCII without quotes or backslashes, need no escaping and no JSON value.
void append_quoted(std::string& out, std::string_view s) {
  const bool plain = std::all_of(
      s.begin(), s.end(), [](char c) { return c >= 0x20 && c < 0x7F && c != '"' && c != '\\'; });
  if (!plain) {
    out += nlohmann::json(std::string(s)).dump();
    return;
  }
  out += '"';
  out += s;
  out += '"';
}

// Append `t` as base::rfc3339() writes it, in quotes, without a string of its own per time (a
// fifth of writing 100k meetings).
void append_quoted_time(std::string& out, scheduler::Instant t) {
  const auto day = std::chrono::floor<std::chrono::days>(t);
  const std::chrono::year_month_day ymd{day};
  const int year = static_cast<int>(ymd.year());
  if (year < 0 || year > 9999) {
    append_quoted(out, base::rfc3339(t));
    return;
  }
  const std::chrono::hh_mm_ss hms{t - day};
  const auto digits = [&](long long v, int n) {
    char buffer[4];
    for (int i = n - 1; i >= 0; --i, v /= 10)
      buffer[i] = static_cast<char>('0' + v % 10);
    out.append(buffer, static_cast<std::size_t>(n));
  };
  out += '"';
  digits(year, 4), out += '-', digits(static_cast<unsigned>(ymd.month()), 2), out += '-';
  digits(static_cast<unsigned>(ymd.day()), 2), out += 'T', digits(hms.hours().count(), 2);
  out += ':', digits(hms.minutes().count(), 2), out += ':', digits(hms.seconds().count(), 2);
  out += "Z\"";
}

}  // namespace

void write_plan_json(const scheduler::Plan& plan, std::ostream& out) {
  // Written as it goes, in nlohmann's dump(2) layout, a buffer of about 64 KiB at a time: a
  // document of 100k meetings built first cost a fifth of `plan --json`, and the whole text held
  // at once 50 MB. Appended piece by piece: formatting each meeting with fmt was 4% of `plan`.
  constexpr std::size_t kBuffer = 64 * 1024;
  std::string text;
  text.reserve(kBuffer + 1024);
  const auto flush_if_full = [&] {
    if (text.size() < kBuffer) return;
    out << text;
    text.clear();
  };
  text += "{\n  \"now\": ";
  append_quoted_time(text, plan.now);
  text += ",\n  \"meetings\": ";
  if (plan.meetings.empty()) text += "[]";
  for (std::size_t i = 0; i < plan.meetings.size(); ++i) {
    const auto& m = plan.meetings[i];
    text += i == 0 ? "[\n" : ",\n";
    text += "    {\n      \"pair\": ";
    append_quoted(text, m.pair);
    text += ",\n      \"start\": ";
    append_quoted_time(text, m.when.begin);
    text += ",\n      \"end\": ";
    append_quoted_time(text, m.when.end);
    text += ",\n      \"first\": ";
    text += m.first ? "true" : "false";
    text += ",\n      \"uid\": ";
    if (m.uid) {
      append_quoted(text, *m.uid);
    } else {
      text += "null";
    }
    if (!m.note.empty()) {
      text += ",\n      \"note\": ";
      append_quoted(text, m.note);
    }
    text += "\n    }";
    flush_if_full();
  }
  if (!plan.meetings.empty()) text += "\n  ]";
  text += ",\n  \"unscheduled\": ";
  if (plan.unscheduled.empty()) text += "[]";
  for (std::size_t i = 0; i < plan.unscheduled.size(); ++i) {
    const auto& u = plan.unscheduled[i];
    text += i == 0 ? "[\n" : ",\n";
    text += "    {\n      \"pair\": ";
    append_quoted(text, u.pair);
    text += ",\n      \"reason\": ";
    append_quoted(text, u.reason);
    text += "\n    }";
    flush_if_full();
  }
  if (!plan.unscheduled.empty()) text += "\n  ]";
  text += "\n}\n";
  out << text;
}

void write_plan_table(const scheduler::Plan& plan, const config::Programme& programme,
                      std::ostream& out) {
  using base::Phrase;
  // What the admin reads, in the programme's language (issue 13); --json stays as it is.
  const mail::Language words(programme.programme.language);
  const auto booked = std::count_if(plan.meetings.begin(), plan.meetings.end(),
                                    [](const auto& m) { return m.uid; });
  fmt::print(out, "{}\n",
             words.say(Phrase(plan.unscheduled.size() == 1
                                  ? "Plan at {{now}} for {{programme}}: {{meetings}} meetings in "
                                    "the next {{weeks}} weeks ({{booked}} booked, {{new}} new), 1 "
                                    "pair unscheduled"
                                  : "Plan at {{now}} for {{programme}}: {{meetings}} meetings in "
                                    "the next {{weeks}} weeks ({{booked}} booked, {{new}} new), "
                                    "{{unscheduled}} pairs unscheduled")
                           .with("now", base::rfc3339(plan.now))
                           .with("programme", programme.programme.name)
                           .with("meetings", static_cast<long long>(plan.meetings.size()))
                           .with("weeks", programme.scheduling.horizon_weeks)
                           .with("booked", booked)
                           .with("new", static_cast<long long>(plan.meetings.size()) - booked)
                           .with("unscheduled", static_cast<long long>(plan.unscheduled.size()))));
  if (!plan.meetings.empty()) {
    fmt::print(out, "\n{:<20}  {:<16}  {:<38}  {:<38}  {:>3}  {}\n",
               words.say(Phrase("START (UTC)")), words.say(Phrase("PAIR")),
               words.say(Phrase("MENTOR (local time)")), words.say(Phrase("MENTEE (local time)")),
               words.say(Phrase("MIN")), "");
  }
  // Said once, used on every row.
  const std::array<std::string, 4> kinds{
      words.say(Phrase("booked")), words.say(Phrase("booked, first meeting")),
      words.say(Phrase("new")), words.say(Phrase("new, first meeting"))};
  const auto short_time = words.translate("%a %d %b %H:%M");
  for (const auto& m : plan.meetings) {
    const auto* pair = programme.pair(m.pair);
    const auto* mentor = programme.person(pair->mentor);
    const auto* mentee = programme.person(pair->mentee);
    const auto who = [&](const config::Person* p) {
      const auto local =
          words.name() == "en"
              ? base::local_text(m.when.begin, p->timezone)
              : words.format(date::make_zoned(p->timezone, m.when.begin).get_local_time(),
                             short_time);
      return fmt::format("{} {} {}", local, p->id, p->timezone);
    };
    fmt::print(out, "{:<20}  {:<16}  {:<38}  {:<38}  {:>3}  {}\n", base::rfc3339(m.when.begin),
               m.pair, who(mentor), who(mentee),
               std::chrono::duration_cast<std::chrono::minutes>(m.when.length()).count(),
               kinds[(m.uid ? 0 : 2) + (m.first ? 1 : 0)]);
  }
  bool late = false;
  for (const auto& m : plan.meetings) {
    if (m.note.empty()) continue;
    if (!late) fmt::print(out, "\n{}\n", words.say(Phrase("Late make-ups:")));
    late = true;
    fmt::print(out, "  {} {}: {}\n", base::rfc3339(m.when.begin), m.pair, m.note);
  }
  if (!plan.unscheduled.empty()) fmt::print(out, "\n{}\n", words.say(Phrase("Unscheduled:")));
  for (const auto& u : plan.unscheduled)
    fmt::print(out, "  {}: {}\n", u.pair, words.say(u.why));
}

int plan_command(const std::filesystem::path& config_file, std::chrono::sys_seconds now,
                 bool json) {
  auto programme_file = load_for_command(config_file);
  if (!programme_file) return base::kInvalidInput;
  // The calendar as it would be after the next tick: booked meetings from the state (read only;
  // a programme that never ran has none) with `pair end` records applied, and the new ones.
  const auto state = store::open_existing(store::state_path(programme_file->programme.state),
                                          state_password(programme_file->programme));
  // Busy feeds as the next tick would see them: fetched now when no fresh copy is stored (read
  // only: nothing is stored), and said so.
  net::HttpFeedSource feeds;
  auto busy = preview_busy_times(*programme_file, state.get(), feeds, now);
  for (const auto& note : busy.notes)
    fmt::print(stderr, "plan: {}\n", note);
  // The programme takes the state's ends and away dates in place: a copy of it was a third of
  // plan's memory at 100k pairs.
  const auto plan = plan_view(*programme_file, state.get(), now, std::move(busy.busy));
  if (json) {
    write_plan_json(plan, std::cout);
  } else {
    write_plan_table(plan, *programme_file, std::cout);
    // The plan above already follows them; say what they are and when they were given.
    const auto changes = state ? partner_changes(*state) : std::vector<base::Phrase>{};
    const mail::Language words(programme_file->programme.language);
    if (!changes.empty())
      fmt::print("\n{}\n", words.say(base::Phrase("Partners' changes (their pages):")));
    for (const auto& change : changes)
      fmt::print("  {}\n", words.say(change));
  }
  return base::kOk;
}

}  // namespace mentorcal::app
