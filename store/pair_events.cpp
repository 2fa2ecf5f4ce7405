#include "store/pair_events.h"

#include <sstream>

#include <date/date.h>
#include <fmt/format.h>

#include "base/time_text.h"

namespace mentorcal::store {
namespace {

std::optional<config::EndReason> reason_from(const std::string& word) {
  for (const auto r : {config::EndReason::goals_met, config::EndReason::not_compatible,
                       config::EndReason::lost_contact, config::EndReason::other}) {
    if (config::to_string(r) == word) return r;
  }
  return std::nullopt;
}

}  // namespace

std::map<std::string, scheduler::PairEnd, std::less<>> ended_pairs(Database& db) {
  std::map<std::string, scheduler::PairEnd, std::less<>> out;
  auto q =
      db.prepare("SELECT pair, on_date, reason FROM pair_events WHERE kind = 'ended' ORDER BY id");
  while (q.step()) {
    std::istringstream in(q.text(1));
    date::sys_days day;
    in >> date::parse("%F", day);
    const auto reason = reason_from(q.text(2));
    if (in.fail() || !reason) continue;  // written by us; unreadable means a newer format: skip
    out[q.text(0)] = {std::chrono::year_month_day{day}, *reason};
  }
  return out;
}

void record_pair_end(Database& db, const std::string& pair, const scheduler::PairEnd& end,
                     scheduler::Instant now) {
  db.prepare(
        "INSERT INTO pair_events (pair, kind, on_date, reason, at) VALUES (?, 'ended', ?, ?, ?)")
      .bind(1, pair)
      .bind(2, base::date_text(end.on))
      .bind(3, config::to_string(end.reason))
      .bind(4, now.time_since_epoch().count())
      .run();
}

config::Programme with_ends(const config::Programme& programme,
                            const std::map<std::string, scheduler::PairEnd, std::less<>>& ended) {
  config::Programme out = programme;
  for (auto& pair : out.pairs) {
    const auto e = ended.find(pair.id);
    if (e == ended.end()) continue;
    pair.status = config::PairStatus::ended;
    pair.ended_on = e->second.on;
    pair.ended_reason = e->second.reason;
  }
  return out;
}

}  // namespace mentorcal::store
