#include "app/pair_ends.h"

#include <fmt/format.h>

#include "base/time_text.h"

namespace mentorcal::app {

config::Programme with_ends(const config::Programme& programme, const store::PairEnds& ended) {
  config::Programme out = programme;
  apply_ends(out, ended);
  return out;
}

void apply_ends(config::Programme& programme, const store::PairEnds& ended) {
  if (ended.empty()) return;
  for (auto& pair : programme.pairs) {
    const auto e = ended.find(pair.id);
    if (e == ended.end()) continue;
    pair.status = config::PairStatus::ended;
    pair.ended_on = e->second.on;
    pair.ended_reason = e->second.reason;
  }
}

std::vector<config::PersonAway> partner_away(store::Store& store) {
  std::vector<config::PersonAway> out;
  for (const auto& row : store.partner_away()) {
    const auto from = config::parse_date(row.from);
    const auto to = config::parse_date(row.to);
    if (!from || !to) continue;
    out.push_back({row.person, {*from, *to, row.note}});
  }
  return out;
}

std::vector<std::string> partner_change_lines(store::Store& store) {
  std::vector<std::string> out;
  for (const auto& a : store.partner_away()) {
    out.push_back(fmt::format("{} is away {} to {}{} (their page, {})", a.person, a.from, a.to,
                              a.note.empty() ? "" : " (" + a.note + ")", base::rfc3339(a.added)));
  }
  return out;
}

}  // namespace mentorcal::app
