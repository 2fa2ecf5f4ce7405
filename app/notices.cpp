#include "app/notices.h"

#include <cctype>
#include <optional>
#include <set>
#include <sstream>
#include <string_view>
#include <unordered_map>

#include <date/tz.h>
#include <fmt/format.h>

#include "app/links.h"
#include "app/pair_ends.h"
#include "app/queue.h"
#include "app/reply_poll.h"
#include "base/address.h"
#include "base/ascii.h"
#include "base/time_text.h"
#include "mail/notices.h"

namespace mentorcal::app {
namespace {

using namespace std::chrono;
using scheduler::Instant;

std::string slug(const std::string& s) {
  std::string out;
  for (const char c : s) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      out += base::lower_ascii(c);
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  while (!out.empty() && out.back() == '-')
    out.pop_back();
  return out;
}

// Return why a pair ended, as the closing letter says it: from the reason's kind only, never the
// admins' notes.
mail::Ending ending(const config::Pair& pair, bool planned_end) {
  if (pair.status != config::PairStatus::ended || !pair.ended_reason) {
    return planned_end ? mail::Ending::planned_end : mail::Ending::none;
  }
  switch (*pair.ended_reason) {
    case config::EndReason::goals_met:
      return mail::Ending::goals_met;
    case config::EndReason::not_compatible:
      return mail::Ending::not_compatible;
    case config::EndReason::lost_contact:
      return mail::Ending::lost_contact;
    case config::EndReason::other:
      break;
  }
  return mail::Ending::none;
}

// Queue the closing letter of each pair that ended (config, `pair end`, or its planned end
// passed) and the "continue?" letter of each pair whose getting-to-know-you meeting was held;
// each once, by a Message-ID made from the pair. Pairs mentorcal never booked get neither.
int queue_pair_letters(const HealthView& view, store::Store& store, Instant now,
                       std::string_view domain,
                       const std::set<std::string, std::less<>>& sent_before) {
  const auto& programme = view.programme;
  const auto* zone = date::locate_zone(programme.programme.timezone);
  const year_month_day today{sys_days{floor<days>(zone->to_local(now)).time_since_epoch()}};
  // Per pair with any meeting: whether its getting-to-know-you meeting was held. One pass over
  // the meetings (a scan per pair cost 40% of an unchanged tick at 10k pairs).
  std::unordered_map<std::string_view, bool> first_held_by_pair;
  first_held_by_pair.reserve(view.health.size());
  for (const auto& m : view.meetings) {
    auto& held = first_held_by_pair[m.pair];
    held = held || (m.first && m.status == store::MeetingStatus::booked && m.when.end <= now &&
                    m.partstat[0] != store::PartStat::declined &&
                    m.partstat[1] != store::PartStat::declined);
  }
  int queued = 0;
  for (const auto& h : view.health) {
    const auto* pair = programme.pair(h.pair);
    if (!pair) continue;
    const auto found = first_held_by_pair.find(h.pair);
    if (found == first_held_by_pair.end()) continue;  // never booked
    const bool first_held = found->second;
    // The review letter, once per time the agreement falls due.
    if (h.review_due) {
      const auto stem = fmt::format("review-{}-{}", h.pair, base::date_text(*h.review_due));
      if (!sent_before.contains(fmt::format("{}.0@{}", stem, domain))) {
        const auto out =
            mail::compose_pair_letter(programme.programme, view_with_links(store, programme, *pair),
                                      mail::PairLetter::review, mail::Ending::none, stem, now);
        queue_messages(store, out, nullptr, now);
        queued += static_cast<int>(out.size());
      }
    }
    const bool planned_end = pair->ends && *pair->ends <= today;
    const bool ended = h.ended || planned_end;
    if (!ended && !first_held) continue;
    const auto kind = ended ? mail::PairLetter::closing : mail::PairLetter::continue_;
    const auto stem = fmt::format("{}-{}", ended ? "closing" : "continue", h.pair);
    if (sent_before.contains(fmt::format("{}.0@{}", stem, domain))) continue;
    const auto out = mail::compose_pair_letter(
        programme.programme, view_with_links(store, programme, *pair), kind,
        ended ? ending(*pair, planned_end) : mail::Ending::none, stem, now);
    queue_messages(store, out, nullptr, now);
    queued += static_cast<int>(out.size());
  }
  return queued;
}

}  // namespace

Instant last_digest_slot(const config::Programme& programme, Instant now) {
  const auto* zone = date::locate_zone(programme.programme.timezone);
  const auto& d = programme.programme.digest;
  const auto local_now = zone->to_local(now);
  auto day = floor<days>(local_now);
  day -= days(
      (weekday{sys_days{day.time_since_epoch()}} - d.day).count());  // back to the digest weekday
  auto slot = zone->to_sys(day + d.time, date::choose::earliest);
  if (slot > now) slot = zone->to_sys(day - days(7) + d.time, date::choose::earliest);
  return slot;
}

NoticeReport queue_notices(const HealthView& view, store::Store& store, Instant now) {
  NoticeReport report;
  const auto& programme = view.programme;
  const auto& info = programme.programme;
  Instant since = Instant::max();
  for (const auto& m : view.meetings)
    since = std::min(since, m.created);
  if (since == Instant::max()) return report;  // nothing booked yet: nothing to report
  const auto domain = base::domain_of(info.organiser_email);
  auto tx = store.transaction();
  // Each letter below goes once, by its Message-ID: the ones already queued, read at once. Each
  // Message-ID is looked for once in this call, so letters queued below need not be added.
  static constexpr std::string_view kLetters[] = {"digest-", "nudge-", "review-", "closing-",
                                                  "continue-"};
  const auto queued = store.queued_starting_with(kLetters);

  if (info.digest.enabled && !info.admin_emails.empty()) {
    const auto slot = last_digest_slot(programme, now);
    const auto stem = fmt::format("digest-{}", base::date_text(year_month_day{floor<days>(slot)}));
    if (slot >= since && !queued.contains(fmt::format("{}.0@{}", stem, domain))) {
      mail::DigestFacts facts;
      facts.week = slot;
      facts.pairs = static_cast<int>(view.health.size());
      for (const auto& h : view.health) {
        if (h.flags.empty()) continue;
        const auto* pair = programme.pair(h.pair);
        mail::DigestPair p{h.pair,
                           programme.person(pair->mentor)->name,
                           programme.person(pair->mentee)->name,
                           {},
                           h.held,
                           h.booked,
                           h.cancelled,
                           h.declined,
                           h.months};
        for (const auto& f : h.flags)
          p.flags.emplace_back(scheduler::to_string(f.kind), f.what);
        facts.flagged.push_back(std::move(p));
      }
      for (const auto& r : open_requests(programme, store))
        facts.requests.push_back(request_phrase(r));
      const auto stats = store.outbox_stats(now);
      facts.waiting = stats.pending;
      facts.failed = stats.failed;
      facts.oldest_waiting_hours = duration_cast<hours>(stats.oldest_pending).count();
      if (programme.imap) {
        const auto success = store.setting(kMailboxLastSuccess);
        const auto error = store.setting(kMailboxLastError);
        const auto read_at = mailbox_last_success(store);
        if (read_at && now - *read_at >= hours(24)) {
          facts.mailbox_silent_hours = duration_cast<hours>(now - *read_at).count();
        } else if (!success && error) {
          facts.mailbox_silent_hours = -1;
        }
        if (facts.mailbox_silent_hours && error) facts.mailbox_error = *error;
      }
      const auto out = mail::compose_digest(info, facts, stem, now);
      queue_messages(store, out, nullptr, now);
      report.digests += static_cast<int>(out.size());
    }
  }

  if (info.nudges) {
    for (const auto& h : view.health) {
      const auto at_risk = std::find_if(h.flags.begin(), h.flags.end(), [](const auto& f) {
        return f.kind == scheduler::FlagKind::at_risk;
      });
      if (at_risk == h.flags.end()) continue;
      const auto stem = fmt::format("nudge-{}-{}", h.pair, slug(at_risk->period_label));
      if (queued.contains(fmt::format("{}.0@{}", stem, domain))) continue;  // once per period
      const auto no_slot = std::find_if(h.flags.begin(), h.flags.end(), [](const auto& f) {
        return f.kind == scheduler::FlagKind::no_slot;
      });
      mail::Shortfall shortfall;
      if (at_risk->period) {
        shortfall.period_start = at_risk->period->begin;
        shortfall.period_end = at_risk->period->end;
      }
      shortfall.held = at_risk->held;
      shortfall.planned = at_risk->planned;
      shortfall.minimum = at_risk->minimum;
      if (no_slot != h.flags.end()) shortfall.why = no_slot->what;
      const auto out = mail::compose_nudge(
          info, view_with_links(store, programme, *programme.pair(h.pair)), shortfall, stem, now);
      queue_messages(store, out, nullptr, now);
      report.nudges += static_cast<int>(out.size());
    }
  }
  report.letters = queue_pair_letters(view, store, now, domain, queued);
  tx.commit();
  return report;
}

}  // namespace mentorcal::app
