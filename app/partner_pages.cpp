#include "app/partner_pages.h"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "app/links.h"
#include "app/locked_state.h"
#include "app/partner_changes.h"
#include "app/queue.h"
#include "app/replies.h"
#include "base/time_text.h"
#include "config/partner_away.h"
#include "mail/pages.h"
#include "web/form.h"
#include "web/link_token.h"
#include "web/secret.h"

namespace mentorcal::app {
namespace {

using scheduler::Instant;

constexpr auto kRecent = std::chrono::weeks(8);
// The most away ranges one person keeps (past ones count until removed).
constexpr std::size_t kMostAwayRanges = 20;

// The stylesheet: small, readable at 360 px, no outside resource.
constexpr std::string_view kStyle = R"(html{font-family:system-ui,sans-serif;line-height:1.5}
body{margin:0;padding:0 1rem;max-width:40rem}
h1{font-size:1.4rem}h2{font-size:1.15rem;margin-top:1.5rem}
.who,.private{color:#444}
ul.meetings{list-style:none;padding:0}
ul.meetings li{border:1px solid #bbb;border-radius:.4rem;padding:.5rem .75rem;margin:.5rem 0}
ul.meetings p{margin:.2rem 0}.when{font-weight:600}
button{font:inherit;padding:.6rem .8rem;min-height:44px;max-width:100%;white-space:normal}
button:focus,a:focus{outline:3px solid #1a5fb4;outline-offset:2px}
.done{border-left:.4rem solid #2a7a2a;background:#eef7ee;padding:.25rem .75rem}
.problem{border-left:.4rem solid #a51d2d;background:#fbeeee;padding:.25rem .75rem}
input{font:inherit;padding:.4rem;max-width:100%;box-sizing:border-box}
input:focus,select:focus,textarea:focus{outline:3px solid #1a5fb4;outline-offset:2px}
select,textarea{font:inherit;padding:.4rem;max-width:100%;box-sizing:border-box}
textarea{width:100%}
fieldset{border:1px solid #bbb;border-radius:.4rem;margin:.5rem 0;padding:.25rem .75rem .5rem;min-width:0}
fieldset p{margin:.3rem 0}
)";

struct Person {
  const config::Person* person = nullptr;
  std::string hash;  // the link's token hash
  std::string action;
};

bool may(const config::Programme& programme, const config::Person& person, config::Ability a) {
  const auto& all = programme.web->abilities;
  if (std::find(all.begin(), all.end(), a) == all.end()) return false;
  return !person.web_abilities ||
         std::find(person.web_abilities->begin(), person.web_abilities->end(), a) !=
             person.web_abilities->end();
}

web::Response html(std::string body, int status = 200) {
  return {status, "text/html; charset=utf-8", std::move(body), {}, {}};
}

}  // namespace

PartnerPages::PartnerPages(PagesSetting setting)
    : s_(std::move(setting)), per_link_(s_.per_link_per_minute, s_.per_link_burst) {}

web::Response PartnerPages::operator()(const web::Request& request) {
  const auto target = web::split_target(request.target);
  if (!target) return web::bad_request();
  const auto path = target->path;
  if (path == "/static/page.css") {
    if (request.method != "GET" && request.method != "HEAD") return web::method_not_allowed();
    return {200, "text/css; charset=utf-8", std::string(kStyle), {}, {}};
  }
  if (path == "/healthz") return {200, "text/plain; charset=utf-8", "ok\n", {}, {}};
  if (!path.starts_with("/p/")) return web::not_found();
  auto rest = path.substr(3);
  const auto slash = rest.find('/');
  const auto token = rest.substr(0, slash);
  const auto action = slash == std::string_view::npos ? std::string_view{} : rest.substr(slash);
  if (!web::looks_like_token(token)) return web::not_found();
  const auto hash = web::token_hash(token);
  // Per link, known or not: guessing costs as much as using.
  if (!per_link_.allow(hash, std::chrono::steady_clock::now())) return web::too_many_requests();
  // A page rendered for this link since the last commit of another process (a relink, a tick, a
  // decline) and in this minute is still true: the link was live then and nothing has changed.
  const auto now = s_.now();
  const scheduler::Instant minute = std::chrono::floor<std::chrono::minutes>(now);
  const auto version = s_.store.others_changes();
  const bool reading = action.empty() && (request.method == "GET" || request.method == "HEAD");
  if (reading && version) {
    const auto cached = cache_.find(hash);
    if (cached != cache_.end() && cached->second.version == *version &&
        cached->second.minute == minute)
      return html(cached->second.body);
  }
  const auto link = s_.store.link_by_hash(hash);
  if (!link || !web::equal_in_constant_time(link->token_hash, hash)) return web::not_found();
  const auto* person = s_.programme.person(link->person);
  if (!person) return web::not_found();
  const auto& programme = s_.programme;
  const auto ended = s_.store.ended_pairs();  // `mentorcal pair end` wins over the file
  const auto& key = link_key(s_.programme, false);

  mail::PersonPage page;
  page.programme = programme.programme.name;
  page.organiser = programme.programme.organiser_name;
  page.me = {person->name, person->email, person->timezone, person->language, {}};
  page.action = fmt::format("/p/{}", token);
  page.csrf = web::csrf_token(key, hash);
  const bool can_decline = may(programme, *person, config::Ability::decline);
  std::vector<store::MeetingRow> mine;  // booked, upcoming, of the person's pairs
  for (const auto& pair : programme.pairs) {
    if (pair.mentor != person->id && pair.mentee != person->id) continue;
    if (pair.status == config::PairStatus::ended || ended.contains(pair.id)) continue;
    const bool i_mentor = pair.mentor == person->id;
    const auto view = mail::view_of(programme, pair);
    for (const auto& m : s_.store.pair_meetings(pair.id)) {
      mail::PageMeeting pm{m.uid,
                           m.when.begin,
                           m.when.end,
                           i_mentor ? m.mentee_name : m.mentor_name,
                           pair.agreement.format,
                           mail::location_for(view),
                           m.first,
                           m.status == store::MeetingStatus::cancelled,
                           false};
      if (m.when.begin >= now && m.status == store::MeetingStatus::booked) {
        pm.can_decline = can_decline;
        page.upcoming.push_back(std::move(pm));
        mine.push_back(m);
      } else if (m.when.end < now && m.when.begin >= now - kRecent) {
        page.recent.push_back(std::move(pm));
      }
    }
  }
  const auto by_start = [](const auto& a, const auto& b) { return a.start < b.start; };
  std::sort(page.upcoming.begin(), page.upcoming.end(), by_start);
  std::sort(page.recent.begin(), page.recent.end(),
            [](const auto& a, const auto& b) { return a.start > b.start; });

  page.can_away = may(programme, *person, config::Ability::away);
  const auto read_away = [&] {
    page.away.clear();
    for (const auto& row : s_.store.partner_away_of(person->id)) {
      const auto from = config::parse_date(row.from);
      const auto to = config::parse_date(row.to);
      if (from && to) page.away.push_back({row.id, *from, *to, row.note});
    }
  };
  if (page.can_away) read_away();
  fill_partner_sections(programme, s_.store, *person, ended,
                        {may(programme, *person, config::Ability::availability),
                         may(programme, *person, config::Ability::continue_),
                         may(programme, *person, config::Ability::pause_or_end)},
                        page, now);

  if (action.empty()) {
    if (!reading) return web::method_not_allowed();
    auto body = mail::render_person_page(page);
    if (version) {
      if (cache_.size() >= 4096) cache_.clear();  // bounded; a miss costs one render
      cache_[hash] = {*version, minute, body};
    }
    return html(std::move(body));
  }
  const bool away = action == "/away" || action == "/away/remove";
  const bool known = away || action == "/decline" || action == "/availability" ||
                     action == "/continue" || action == "/ask";
  if (!known) return web::not_found();
  if (request.method != "POST") return web::method_not_allowed();
  const bool allowed = action == "/decline"        ? can_decline
                       : action == "/availability" ? page.can_availability
                       : action == "/continue"     ? !page.to_continue.empty()
                       : action == "/ask"          ? page.can_ask
                                                   : page.can_away;
  if (!allowed) return web::not_found();
  if (request.content_type.find("application/x-www-form-urlencoded") != 0)
    return web::bad_request();
  const auto form = web::decode_form(request.body);
  if (!form) return web::bad_request();
  const auto csrf = form->find("csrf");
  if (csrf == form->end() || !web::csrf_matches(key, hash, csrf->second)) {
    spdlog::warn("web: a change for {} without a valid CSRF token was refused", person->id);
    return {403, "text/plain; charset=utf-8", "Forbidden: reload the page and try again\n", {}, {}};
  }
  const auto field = [&](std::string_view name) {
    const auto f = form->find(name);
    return f == form->end() ? std::string() : f->second;
  };
  if (action == "/availability" || action == "/continue" || action == "/ask") {
    PageChange change{programme, s_.store, *person, page, field, request.client, now};
    cache_.clear();  // this connection's own commits do not change others_changes()
    return action == "/availability" ? save_availability(change)
           : action == "/continue"   ? answer_continue(change)
                                     : ask_pause_or_end(change);
  }
  if (action == "/away/remove") {
    std::int64_t id = 0;
    const auto text = field("id");
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (ec != std::errc{} || end != text.data() + text.size()) return web::bad_request();
    auto tx = s_.store.transaction();
    cache_.clear();  // this connection's own commits do not change others_changes()
    const bool removed = s_.store.remove_away(person->id, id);
    if (removed)
      s_.store.audit(now, "web-away-removed", person->id,
                     fmt::format("entry {}, from {}", id, request.client));
    tx.commit();
    if (!removed) return web::not_found();
    read_away();
    page.away_removed = true;
    return html(mail::render_person_page(page));
  }
  if (action == "/away") {
    // The config's rules for an away range: real days, the last not before the first; and a
    // range that is not over yet, within a year.
    const auto from = config::parse_date(field("from"));
    const auto to = config::parse_date(field("to"));
    const auto note = field("note");
    const auto today = std::chrono::floor<std::chrono::days>(now);
    const bool ok =
        from && to && *from <= *to && std::chrono::sys_days(*to) >= today &&
        std::chrono::sys_days(*from) <= today + std::chrono::days(366) &&
        std::chrono::sys_days(*to) - std::chrono::sys_days(*from) <= std::chrono::days(366) &&
        note.size() <= 300 && note.find_first_of("\r\n\t") == std::string::npos;
    if (!ok) {
      page.bad_away = true;
      return html(mail::render_person_page(page), 400);
    }
    // Each range is merged into every plan: a link, leaked or not, may not grow that without
    // bound (the rate limit alone still lets thousands a day through).
    if (page.away.size() >= kMostAwayRanges) {
      page.away_full = static_cast<int>(kMostAwayRanges);
      return html(mail::render_person_page(page), 409);
    }
    mail::PageAway added{0, *from, *to, note};
    cache_.clear();  // this connection's own commits do not change others_changes()
    auto tx = s_.store.transaction();
    added.id = s_.store.add_away(
        {0, person->id, base::date_text(*from), base::date_text(*to), note, {}}, now);
    s_.store.audit(now, "web-away-added", person->id,
                   fmt::format("{} to {}{}, from {}", base::date_text(*from), base::date_text(*to),
                               note.empty() ? "" : " (" + note + ")", request.client));
    auto me = page.me;
    me.link = link_url(s_.store, s_.programme, person->id);
    const auto letter = mail::compose_away_confirmation(
        programme.programme, me, added, fmt::format("away-{}-{}", person->id, added.id), now);
    queue_messages(s_.store, std::span(&letter, 1), nullptr, now);
    tx.commit();
    spdlog::info("web: {} is away {} to {} (their page)", person->id, base::date_text(*from),
                 base::date_text(*to));
    read_away();
    page.away_added = added;
    return html(mail::render_person_page(page));
  }
  const auto uid = form->find("uid");
  const auto meeting =
      uid == form->end() ? mine.end() : std::find_if(mine.begin(), mine.end(), [&](const auto& m) {
        return m.uid == uid->second;
      });
  if (meeting == mine.end()) return web::not_found();

  // A change waits for no tick: with the tick lock held elsewhere, the person tries again.
  std::optional<LockedState> state;
  try {
    state.emplace(s_.state, s_.password, LockedState::Wait::no);
  } catch (const LockedState::Busy&) {
    return {503,
            "text/plain; charset=utf-8",
            "The planner is busy right now: go back and try again in a minute\n",
            {},
            {}};
  }
  // The decline, as a DECLINE reply by mail would be: judged and applied by app/replies.
  mail::ReadMessage message;
  message.from = person->email;
  ical::CalendarReply reply;
  reply.method = "REPLY";
  reply.uid = meeting->uid;
  reply.sequence = meeting->sequence;
  reply.attendee = person->email;
  reply.partstat = "DECLINED";
  reply.dtstamp = now;
  message.replies.push_back(reply);
  const auto effects = apply_reply(s_.programme, **state, message, {}, now);
  if (effects.empty() || effects.front().outcome != store::ReplyOutcome::applied) {
    return web::not_found();
  }
  auto declined = std::find_if(page.upcoming.begin(), page.upcoming.end(),
                               [&](const auto& m) { return m.uid == meeting->uid; });
  page.declined = *declined;
  page.upcoming.erase(declined);
  // The confirmation letter, and the audit of who did it.
  auto tx = (*state)->transaction();
  auto me = page.me;
  me.link = link_url(**state, s_.programme, person->id);
  const auto letter = mail::compose_decline_confirmation(
      programme.programme, me, *page.declined,
      fmt::format("declined-{}-{}.{}", meeting->uid.substr(0, meeting->uid.find('@')),
                  meeting->sequence, person->id),
      now);
  queue_messages(**state, std::span(&letter, 1), nullptr, now);
  (*state)->audit(now, "web-declined", meeting->uid,
                  fmt::format("{} on their page, from {}", person->id, request.client));
  tx.commit();
  spdlog::info("web: {} declined {} on their page", person->id, meeting->uid);
  return html(mail::render_person_page(page));
}

}  // namespace mentorcal::app
