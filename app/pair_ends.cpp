#include "app/pair_ends.h"

#include <fmt/format.h>

#include "base/time_text.h"

namespace mentorcal::app {

using base::Phrase;

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

std::vector<config::PersonWindows> partner_windows(store::Store& store) {
  std::vector<config::PersonWindows> out;
  for (const auto& row : store.partner_windows()) {
    auto windows = config::parse_windows(row.windows);
    if (!windows || windows->empty()) continue;
    out.push_back({row.person, std::move(*windows)});
  }
  return out;
}

config::Programme with_partners(const config::Programme& with_ended,
                                const std::vector<config::PersonAway>& away,
                                const std::vector<config::PersonWindows>& windows) {
  return config::with_partner_windows(config::with_partner_away(with_ended, away), windows);
}

base::Phrase request_phrase(const store::RequestRow& r) {
  const auto why = [&] {
    if (r.reason == "goals-met") return Phrase("the goals have been met");
    if (r.reason == "not-compatible") return Phrase("not a good match");
    if (r.reason == "lost-contact") return Phrase("busy schedules or lost touch");
    return Phrase("another reason");
  };
  switch (r.kind) {
    case store::RequestKind::continue_yes:
      return Phrase("{{person}} wants to continue {{pair}} after the first meeting")
          .with("person", r.person)
          .with("pair", r.pair);
    case store::RequestKind::continue_no:
      return Phrase(
                 "{{person}} does not want to continue {{pair}} after the first meeting: asks "
                 "to end it")
          .with("person", r.person)
          .with("pair", r.pair);
    case store::RequestKind::pause:
      return Phrase("{{person}} asks to pause {{pair}} ({{reason}})")
          .with("person", r.person)
          .with("pair", r.pair)
          .with("reason", why());
    case store::RequestKind::end:
      break;
  }
  return Phrase("{{person}} asks to end {{pair}} ({{reason}})")
      .with("person", r.person)
      .with("pair", r.pair)
      .with("reason", why());
}

namespace {

// A request with the partner's own word, if any.
Phrase request_with_word(const store::RequestRow& r) {
  return r.word.empty() ? request_phrase(r)
                        : Phrase("{{request}}: \"{{word}}\"")
                              .with("request", request_phrase(r))
                              .with("word", r.word);
}

Phrase on_their_page(Phrase change, scheduler::Instant when) {
  return Phrase("{{change}} (their page, {{when}})")
      .with("change", std::move(change))
      .with("when", base::rfc3339(when));
}

}  // namespace

std::string request_line(const store::RequestRow& r) {
  return on_their_page(request_with_word(r), r.asked).text();
}

std::vector<Phrase> partner_changes(store::Store& store) {
  std::vector<Phrase> out;
  for (const auto& a : store.partner_away()) {
    auto away =
        a.note.empty()
            ? Phrase("{{person}} is away {{from}} to {{to}}")
            : Phrase("{{person}} is away {{from}} to {{to}} ({{note}})").with("note", a.note);
    away.with("person", a.person).with("from", a.from).with("to", a.to);
    out.push_back(on_their_page(std::move(away), a.added));
  }
  for (const auto& w : store.partner_windows()) {
    out.push_back(on_their_page(Phrase("{{person}}'s weekly availability is now {{windows}}")
                                    .with("person", w.person)
                                    .with("windows", w.windows),
                                w.changed));
  }
  for (const auto& r : store.partner_requests())
    out.push_back(on_their_page(request_with_word(r), r.asked));
  return out;
}

std::vector<store::RequestRow> open_requests(const config::Programme& programme,
                                             store::Store& store) {
  std::vector<store::RequestRow> out;
  for (auto& r : store.partner_requests()) {
    if (r.kind == store::RequestKind::continue_yes) continue;
    const auto* pair = programme.pair(r.pair);
    if (!pair || pair->status == config::PairStatus::ended) continue;
    if (r.kind == store::RequestKind::pause && pair->status == config::PairStatus::paused) continue;
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace mentorcal::app
