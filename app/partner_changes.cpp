#include "app/partner_changes.h"

#include <algorithm>
#include <optional>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "app/links.h"
#include "app/pair_ends.h"
#include "app/queue.h"
#include "config/partner_windows.h"

namespace mentorcal::app {
namespace {

using scheduler::Instant;

// The "continue?" question stays on the page this long after the getting-to-know-you meeting.
constexpr auto kContinueAsked = std::chrono::weeks(8);
// Blank rows under the person's windows, to add some.
constexpr std::size_t kBlankRows = 3;
// The longest word to the coordinator.
constexpr std::size_t kLongestWord = 500;

web::Response html(const mail::PersonPage& page, int status = 200) {
  return {status, "text/html; charset=utf-8", mail::render_person_page(page), {}, {}};
}

mail::PageWindow row_of(const config::Window& w) {
  const auto text = w.text();  // "Mon 09:00-12:00"
  return {static_cast<int>(w.day.c_encoding()), text.substr(4, 5), text.substr(10, 5)};
}

// The person's windows as planning sees them: theirs from the state, else the file's.
std::vector<config::Window> windows_now(const config::Person& person, store::Store& store) {
  for (const auto& given : partner_windows(store)) {
    if (given.person == person.id) return given.windows;
  }
  return person.available;
}

// The word to the coordinator: one line (line breaks become spaces), no other control
// character, at most kLongestWord bytes; nullopt when it breaks those rules.
std::optional<std::string> word_of(std::string text) {
  if (text.size() > kLongestWord) return std::nullopt;
  for (auto& c : text) {
    if (c == '\r' || c == '\n' || c == '\t') c = ' ';
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return std::nullopt;
  }
  while (!text.empty() && text.back() == ' ')
    text.pop_back();
  return text;
}

const mail::PagePair* find_pair(const std::vector<mail::PagePair>& pairs, const std::string& id) {
  const auto found =
      std::find_if(pairs.begin(), pairs.end(), [&](const auto& p) { return p.id == id; });
  return found == pairs.end() ? nullptr : &*found;
}

// Keep the request with its audit row and the confirmation letter, in one transaction; then show
// the confirmation on the page.
web::Response keep_request(PageChange& c, const mail::PagePair& pair, store::RequestKind kind,
                           const std::string& reason, const std::string& word) {
  const store::RequestRow row{0, pair.id, c.person.id, kind, reason, word, c.now};
  const mail::PageRequest asked{pair, std::string(store::to_string(kind)), reason};
  // The same open request again (a second click, a reload) adds nothing.
  const auto open = open_requests(c.programme, c.store);
  const bool again = std::any_of(open.begin(), open.end(), [&](const auto& r) {
    return r.pair == row.pair && r.person == row.person && r.kind == row.kind;
  });
  if (!again) {
    auto tx = c.store.transaction();
    const auto id = c.store.add_request(row, c.now);
    c.store.audit(c.now, "web-" + std::string(store::to_string(kind)), pair.id,
                  fmt::format("{} on their page{}, from {}", c.person.id,
                              reason.empty() ? "" : " (" + reason + ")", c.client));
    auto me = c.page.me;
    me.link = link_url(c.store, c.programme, c.person.id);
    const auto letter = mail::compose_request_confirmation(
        c.programme.programme, me, asked, fmt::format("asked-{}-{}", id, c.person.id), c.now);
    queue_messages(c.store, std::span(&letter, 1), nullptr, c.now);
    tx.commit();
    spdlog::info("web: {} on their page: {}", c.person.id, request_line(row));
  }
  c.page.asked = asked;
  return html(c.page);
}

}  // namespace

void fill_partner_sections(const config::Programme& programme, store::Store& store,
                           const config::Person& person, const store::PairEnds& ended,
                           PartnerAbilities may, mail::PersonPage& page, Instant now) {
  page.can_availability = may.availability;
  if (may.availability) {
    page.windows.clear();
    for (const auto& w : windows_now(person, store))
      page.windows.push_back(row_of(w));
    for (std::size_t i = 0; i < kBlankRows && page.windows.size() < config::kMostPartnerWindows;
         ++i)
      page.windows.push_back({});
  }
  page.can_ask = may.ask;
  page.to_continue.clear();
  page.pairs.clear();
  if (!may.answer_continue && !may.ask) return;
  std::vector<store::RequestRow> answered;
  if (may.answer_continue) answered = store.partner_requests();
  for (const auto& pair : programme.pairs) {
    if (pair.mentor != person.id && pair.mentee != person.id) continue;
    if (pair.status == config::PairStatus::ended || ended.contains(pair.id)) continue;
    const auto* other = programme.person(pair.mentor == person.id ? pair.mentee : pair.mentor);
    const mail::PagePair shown{pair.id, other ? other->name : std::string()};
    if (may.ask) page.pairs.push_back(shown);
    if (!may.answer_continue) continue;
    // Asked once the getting-to-know-you meeting was held (as the "continue?" letter is), until
    // they answer, for kContinueAsked.
    const auto meetings = store.pair_meetings(pair.id);
    const bool held = std::any_of(meetings.begin(), meetings.end(), [&](const auto& m) {
      return m.first && m.status == store::MeetingStatus::booked && m.when.end <= now &&
             m.when.end + kContinueAsked > now && m.partstat[0] != store::PartStat::declined &&
             m.partstat[1] != store::PartStat::declined;
    });
    const bool answered_already = std::any_of(answered.begin(), answered.end(), [&](const auto& r) {
      return r.pair == pair.id && r.person == person.id &&
             (r.kind == store::RequestKind::continue_yes ||
              r.kind == store::RequestKind::continue_no);
    });
    if (held && !answered_already) page.to_continue.push_back(shown);
  }
}

web::Response save_availability(PageChange& c) {
  // The rows as posted: shown again as they were typed when one is refused.
  std::vector<mail::PageWindow> rows;
  std::vector<config::Window> windows;
  bool bad = false;
  std::size_t given = 0;
  for (std::size_t n = 1; n <= config::kMostPartnerWindows + kBlankRows; ++n) {
    const auto day = c.field(fmt::format("day{}", n));
    const auto start = c.field(fmt::format("start{}", n));
    const auto end = c.field(fmt::format("end{}", n));
    if (day.empty() && start.empty() && end.empty()) continue;
    const auto weekday = config::parse_weekday(day);
    rows.push_back({weekday ? static_cast<int>(weekday->c_encoding()) : 1, start.substr(0, 5),
                    end.substr(0, 5)});
    if (start.empty() && end.empty()) continue;  // a row cleared: removed
    ++given;
    // The config's own rule for a window, on the same text it reads.
    const auto window = config::parse_window(fmt::format("{} {}-{}", day, start, end));
    if (!window || !weekday || day.size() != 3) {
      bad = true;
      continue;
    }
    windows.push_back(*window);
  }
  c.page.windows = rows;
  if (bad) {
    c.page.bad_windows = true;
    return html(c.page, 400);
  }
  if (given == 0) {
    c.page.no_windows = true;
    return html(c.page, 400);
  }
  if (windows.size() > config::kMostPartnerWindows) {
    c.page.windows_full = static_cast<int>(config::kMostPartnerWindows);
    return html(c.page, 409);
  }
  std::sort(windows.begin(), windows.end(), [](const auto& a, const auto& b) {
    const auto monday_first = [](const config::Window& w) { return (w.day.c_encoding() + 6) % 7; };
    return std::pair(monday_first(a), a.start) < std::pair(monday_first(b), b.start);
  });
  windows.erase(std::unique(windows.begin(), windows.end()), windows.end());
  const auto text = config::windows_text(windows);
  c.page.windows.clear();
  for (const auto& w : windows)
    c.page.windows.push_back(row_of(w));
  const auto words = mail::windows_words(c.person.language, c.page.windows);
  {
    auto tx = c.store.transaction();
    c.store.save_windows({c.person.id, text, {}}, c.now);
    c.store.audit(c.now, "web-availability", c.person.id,
                  fmt::format("{}, from {}", text, c.client));
    auto me = c.page.me;
    me.link = link_url(c.store, c.programme, c.person.id);
    const auto letter = mail::compose_windows_confirmation(
        c.programme.programme, me, words,
        // One letter per change: the same second with other windows is another change.
        fmt::format(
            "availability-{}-{}-{:08x}", c.person.id,
            std::chrono::duration_cast<std::chrono::seconds>(c.now.time_since_epoch()).count(),
            std::hash<std::string>{}(text)&0xffffffffu),
        c.now);
    queue_messages(c.store, std::span(&letter, 1), nullptr, c.now);
    tx.commit();
  }
  spdlog::info("web: {} set their weekly availability to {} (their page)", c.person.id, text);
  for (std::size_t i = 0; i < kBlankRows && c.page.windows.size() < config::kMostPartnerWindows;
       ++i)
    c.page.windows.push_back({});
  c.page.windows_saved = words;
  return html(c.page);
}

web::Response answer_continue(PageChange& c) {
  const auto* pair = find_pair(c.page.to_continue, c.field("pair"));
  if (!pair) return web::not_found();
  const auto answer = c.field("answer");
  const auto word = word_of(c.field("word"));
  if ((answer != "yes" && answer != "no") || !word) {
    c.page.bad_request = true;
    return html(c.page, 400);
  }
  const auto shown = *pair;
  c.page.to_continue.erase(c.page.to_continue.begin() + (pair - c.page.to_continue.data()));
  return keep_request(
      c, shown,
      answer == "yes" ? store::RequestKind::continue_yes : store::RequestKind::continue_no, "",
      *word);
}

web::Response ask_pause_or_end(PageChange& c) {
  const auto* pair = find_pair(c.page.pairs, c.field("pair"));
  if (!pair) return web::not_found();
  const auto kind = c.field("kind");
  const auto reason = c.field("reason");
  const auto word = word_of(c.field("word"));
  const bool known_reason = reason == "goals-met" || reason == "not-compatible" ||
                            reason == "lost-contact" || reason == "other";
  if ((kind != "pause" && kind != "end") || !known_reason || !word) {
    c.page.bad_request = true;
    return html(c.page, 400);
  }
  return keep_request(c, *pair,
                      kind == "pause" ? store::RequestKind::pause : store::RequestKind::end, reason,
                      *word);
}

}  // namespace mentorcal::app
