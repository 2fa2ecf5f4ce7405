// The whole file: [agreement], [[person]], [[pair]] and the checks that tie them together.
#include <algorithm>
#include <unordered_set>

#include <fmt/format.h>

#include "base/network.h"
#include "base/time_text.h"
#include "config/enum_names.h"
#include "config/load_sections.h"

namespace mentorcal::config {
namespace {

// Return true when `id` is [a-z0-9._-]+.
bool is_id(std::string_view id) {
  if (id.empty()) return false;
  for (const char c : id) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-'))
      return false;
  }
  return true;
}

std::optional<Cadence> read_cadence(TableReader& r, std::string_view key) {
  const auto text = r.text(key);
  if (!text) return std::nullopt;
  auto cadence = parse_cadence(*text);
  if (!cadence) {
    r.error(key, cadence.error());
    return std::nullopt;
  }
  return *cadence;
}

using base::date_text;

// Return a unique id or report the duplicate.
void check_unique(TableReader& r, std::string_view key, const std::string& id,
                  std::unordered_map<std::string, std::optional<std::pair<int, int>>>& seen,
                  std::string_view what) {
  std::optional<std::pair<int, int>> at;
  if (const auto* n = r.node(key))
    at = {r.report().line(n->source().begin), static_cast<int>(n->source().begin.column)};
  const auto [it, inserted] = seen.emplace(id, at);
  if (!inserted) {
    const auto& first = it->second;
    r.error(key, first ? fmt::format("duplicate {} id \"{}\" (first used on line {})", what, id,
                                     first->first)
                       : fmt::format("duplicate {} id \"{}\"", what, id));
  }
}

}  // namespace

template <typename Each>
void Loader::read_array_of_tables(TableReader& root, std::string_view name, Each each) {
  const auto* n = root.node(name);
  if (!n) return;
  const auto* items = n->as_array();
  if (!items || !items->is_array_of_tables()) {
    root.error(name, fmt::format("expected tables written as [[{}]]", name));
    return;
  }
  for (const auto& item : *items) {
    TableReader r(*item.as_table(), std::string(name), report_);
    each(r);
    r.finish();
  }
}

Agreement Loader::read_agreement(TableReader& r, const Agreement& defaults) {
  Agreement a = defaults;
  const auto cadence = read_cadence(r, "cadence");
  if (cadence) a.cadence = *cadence;
  const auto minimum = read_cadence(r, "minimum");
  if (minimum) {
    a.minimum = *minimum;
  } else if (cadence) {
    // The programme-wide minimum still applies when it fits this cadence; else the cadence itself.
    a.minimum = explicit_minimum_ && is_within(*explicit_minimum_, *cadence) ? *explicit_minimum_
                                                                             : *cadence;
  }
  if (minimum && !is_within(a.minimum, a.cadence)) {
    r.error("minimum",
            fmt::format("\"{}\" must ask for no more than the cadence \"{}\", counted over the "
                        "same kind of period",
                        a.minimum.text(), a.cadence.text()));
  }
  if (const auto d = r.integer("duration_minutes", 1, 8 * 60))
    a.duration = std::chrono::minutes(*d);
  if (const auto d = r.integer("first_meeting_minutes", 0, 8 * 60))
    a.first_meeting = std::chrono::minutes(*d);
  a.min_months = r.integer("min_months", 1, 120).value_or(a.min_months);
  a.review_after_months = r.integer("review_after_months", 0, 120).value_or(a.review_after_months);
  a.format = read_enum<Format>(r, "format").value_or(a.format);
  a.location = r.text("location").value_or(a.location);
  return a;
}

Person Loader::read_person(TableReader& r, const ProgrammeInfo& info) {
  Person p;
  p.id = r.text("id", Need::required).value_or("");
  if (!p.id.empty()) {
    if (!is_id(p.id)) {
      r.error("id", fmt::format("\"{}\" may only use a-z, 0-9, '.', '_' and '-'", p.id));
    } else {
      check_unique(r, "id", p.id, person_ids_, "person");
    }
  }
  p.name = r.text("name", Need::required).value_or("");
  p.email = read_email(r, "email", Need::required).value_or("");
  p.timezone = read_timezone(r, "timezone", Need::optional).value_or(info.timezone);
  p.language = info.language;
  p.language_place = info.language_place;
  read_language(r, p.language, p.language_place);

  if (const auto* windows = r.array("available")) {
    for (const auto& n : *windows) {
      const auto* s = n.as_string();
      auto window = s ? parse_window(s->get())
                      : tl::unexpected(fmt::format("expected a string like "
                                                   "\"Mon 09:00-12:00\", found {}",
                                                   type_name(n)));
      if (!window) {
        report_.error(n.source(), fmt::format("{}: {}", r.name("available"), window.error()));
        continue;
      }
      p.available.push_back(*window);
    }
  }
  if (p.available.empty()) {
    r.warning(r.node("available") ? "available" : "id",
              fmt::format("{} has no availability: none of their pairs can be scheduled", p.id));
  }

  if (const auto* away = r.array("away")) {
    for (const auto& n : *away) {
      const auto* t = n.as_table();
      if (!t) {
        report_.error(n.source(),
                      fmt::format("{}: expected {{ from = 2026-12-21, to = 2027-01-04 }}, found {}",
                                  r.name("away"), type_name(n)));
        continue;
      }
      TableReader ar(*t, r.name("away"), report_);
      const auto from = ar.date("from", Need::required);
      const auto to = ar.date("to", Need::required);
      const auto note = ar.text("note").value_or("");
      ar.finish();
      if (from && to && *to < *from) {
        ar.error("to", fmt::format("the range is reversed: {} is before {}", date_text(*to),
                                   date_text(*from)));
      } else if (from && to) {
        p.away.push_back({*from, *to, note});
      }
    }
  }

  if (auto feed = r.text("busy_calendar")) {
    constexpr std::string_view kFile = "file://";
    if (feed->rfind("https://", 0) == 0 || feed->rfind("http://", 0) == 0) {
      p.busy_calendar = *feed;
    } else if (feed->rfind(kFile, 0) == 0 && feed->size() > kFile.size()) {
      std::filesystem::path path(feed->substr(kFile.size()));
      p.busy_calendar = std::string(kFile) +
                        (path.is_absolute() ? path : base_dir_ / path).lexically_normal().string();
    } else {
      r.error("busy_calendar",
              fmt::format("\"{}\" is not a feed URL: use https://, http:// or file://", *feed));
    }
  }
  if (const auto* networks = r.array("busy_calendar_redirects_to")) {
    for (const auto& n : *networks) {
      const auto* s = n.as_string();
      const auto network = s ? base::parse_network(s->get()) : std::nullopt;
      if (!network) {
        report_.error(n.source(),
                      fmt::format("{}: expected a network like \"10.20.0.0/16\", \"fd00::/8\" or "
                                  "\"192.168.1.5\", found {}",
                                  r.name("busy_calendar_redirects_to"),
                                  s ? "\"" + s->get() + "\"" : type_name(n)));
        continue;
      }
      p.busy_calendar_redirects_to.push_back(*network);
    }
    if (p.busy_calendar.empty())
      r.error("busy_calendar_redirects_to", "is set but the person has no busy_calendar");
  }
  p.max_meetings_per_week = r.integer("max_meetings_per_week", 1, 100);
  if (r.node("web_abilities")) p.web_abilities = read_abilities(r, "web_abilities");
  return p;
}

Pair Loader::read_pair(TableReader& r, const Programme& programme) {
  Pair pair;
  const auto mentor = r.text("mentor", Need::required);
  const auto mentee = r.text("mentee", Need::required);
  for (const auto& [key, id] : {std::pair{"mentor", mentor}, std::pair{"mentee", mentee}}) {
    if (id && !programme.person(*id))
      r.error(key, fmt::format("no [[person]] has the id \"{}\"", *id));
  }
  if (mentor && mentee && *mentor == *mentee) {
    r.error("mentee", fmt::format("\"{}\" cannot mentor themselves", *mentee));
  }
  pair.mentor = mentor.value_or("");
  pair.mentee = mentee.value_or("");

  if (auto id = r.text("id")) {
    if (!is_id(*id))
      r.error("id", fmt::format("\"{}\" may only use a-z, 0-9, '.', '_' and '-'", *id));
    pair.id = *id;
  } else if (mentor && mentee) {
    pair.id = *mentor + "-" + *mentee;
  }
  if (!pair.id.empty()) check_unique(r, r.node("id") ? "id" : "mentee", pair.id, pair_ids_, "pair");

  pair.started = r.date("started", Need::required).value_or(Date{});
  pair.ends = r.date("ends");
  if (pair.ends && pair.started.ok() && *pair.ends <= pair.started) {
    r.error("ends", fmt::format("{} is not after started = {}", date_text(*pair.ends),
                                date_text(pair.started)));
  }
  pair.status = read_enum<PairStatus>(r, "status").value_or(PairStatus::active);
  pair.ended_on = r.date("ended_on");
  pair.ended_reason = read_enum<EndReason>(r, "ended_reason");
  if (pair.status == PairStatus::ended) {
    if (!r.node("ended_on"))
      r.error("status", "a pair with status = \"ended\" needs ended_on = DATE");
    if (!r.node("ended_reason")) {
      r.error("status", fmt::format("a pair with status = \"ended\" needs ended_reason = {}",
                                    enum_choices<EndReason>()));
    }
  } else {
    for (const auto* key : {"ended_on", "ended_reason"}) {
      if (r.node(key))
        r.warning(key, fmt::format("ignored: the pair's status is \"{}\", not \"ended\"",
                                   enum_name(pair.status)));
    }
  }
  if (pair.ended_on && pair.started.ok() && *pair.ended_on < pair.started) {
    r.error("ended_on", fmt::format("{} is before started = {}", date_text(*pair.ended_on),
                                    date_text(pair.started)));
  }

  pair.agreement = read_agreement(r, programme.agreement);
  if (pair.ends && pair.started.ok()) {
    const auto minimum_end = pair.started + std::chrono::months(pair.agreement.min_months);
    if (*pair.ends < minimum_end) {
      r.warning("ends", fmt::format("the planned end {} is shorter than the minimum of {} months "
                                    "(the pair will be flagged short-agreement)",
                                    date_text(*pair.ends), pair.agreement.min_months));
    }
  }
  return pair;
}

void Loader::read_sections(TableReader& top, const toml::table& root, Programme& programme) {
  const auto section = [&](std::string_view name, auto&& body) {
    if (const auto* t = top.table(name)) {
      TableReader r(*t, std::string(name), report_);
      body(r);
      r.finish();
      return true;
    }
    return false;
  };

  if (!section("programme", [&](TableReader& r) { read_programme(r, programme.programme); })) {
    report_.error(root.source(),
                  "programme: missing: the file needs a [programme] table with name, "
                  "organiser_email and timezone");
  }
  section("scheduling", [&](TableReader& r) { read_scheduling(r, programme.scheduling); });
  section("agreement", [&](TableReader& r) {
    programme.agreement = read_agreement(r, Agreement{});
    if (r.node("minimum")) explicit_minimum_ = programme.agreement.minimum;
  });
  section("mail", [&](TableReader& r) { read_mail(r, programme.mail); });
  if (programme.mail.directory.empty())
    programme.mail.directory = (base_dir_ / "outbox").lexically_normal();
  section("smtp", [&](TableReader& r) { programme.smtp = read_smtp(r); });
  section("imap", [&](TableReader& r) { programme.imap = read_imap(r); });
  section("web", [&](TableReader& r) { programme.web = read_web(r); });
  if (programme.mail.transport == Transport::smtp && !programme.smtp) {
    const auto* mail = root.get("mail");
    report_.error(mail ? mail->source() : root.source(),
                  "mail.transport: \"smtp\" needs an [smtp] table with at least url");
  }
}

Programme Loader::read(const toml::table& root) {
  Programme programme;
  TableReader top(root, "", report_);
  read_sections(top, root, programme);
  read_array_of_tables(top, "person", [&](TableReader& r) {
    programme.people.push_back(read_person(r, programme.programme));
  });
  programme.index();
  people_indexed_ = true;
  read_array_of_tables(top, "pair",
                       [&](TableReader& r) { programme.pairs.push_back(read_pair(r, programme)); });
  top.finish();
  finish(programme);
  return programme;
}

void Loader::read_head(const toml::table& root, Programme& programme) {
  TableReader top(root, "", report_);
  read_sections(top, root, programme);
  top.node("person"), top.node("pair");  // in the pieces that follow
  top.finish();
}

void Loader::read_people(const toml::table& root, Programme& programme) {
  TableReader top(root, "", report_);
  read_array_of_tables(top, "person", [&](TableReader& r) {
    programme.people.push_back(read_person(r, programme.programme));
  });
}

void Loader::read_pairs(const toml::table& root, Programme& programme) {
  if (!people_indexed_) programme.index(), people_indexed_ = true;
  TableReader top(root, "", report_);
  read_array_of_tables(top, "pair",
                       [&](TableReader& r) { programme.pairs.push_back(read_pair(r, programme)); });
}

void Loader::reserve(Programme& programme, std::size_t people, std::size_t pairs) {
  programme.people.reserve(people), person_ids_.reserve(people);
  programme.pairs.reserve(pairs), pair_ids_.reserve(pairs);
}

void Loader::finish(Programme& programme) {
  if (people_indexed_) {  // people were indexed before the pairs were read: the pairs alone
    programme.pair_positions.clear();
    programme.pair_positions.reserve(programme.pairs.size());
    for (std::size_t i = 0; i < programme.pairs.size(); ++i)
      programme.pair_positions.emplace(programme.pairs[i].id, i);
  } else {
    programme.index();
  }
  std::unordered_set<std::string_view> paired;
  paired.reserve(programme.people.size());
  for (const auto& p : programme.pairs) {
    paired.insert(p.mentor);
    paired.insert(p.mentee);
  }
  for (const auto& person : programme.people) {
    const auto it = person_ids_.find(person.id);
    if (!paired.contains(person.id) && it != person_ids_.end() && it->second) {
      report_.warning_at(it->second->first, it->second->second,
                         fmt::format("person.id: \"{}\" is in no pair", person.id));
    }
  }
}

}  // namespace mentorcal::config
