#include "mail/pages.h"

#include <date/tz.h>
#include <fmt/format.h>

#include "mail/letter.h"
#include "mail/templates.h"

namespace mentorcal::mail {
namespace {

std::string local(const Language& language, std::chrono::sys_seconds t, const std::string& zone,
                  std::string_view pattern) {
  return language.format(date::make_zoned(zone, t).get_local_time(),
                         render_line(language, pattern, {}));
}

base::TemplateData meeting_data(const PageMeeting& m, const PersonPage& page,
                                const Language& language) {
  base::TemplateData d;
  d.set("uid", m.uid);
  d.set("start", local(language, m.start, page.me.timezone, "date.long"));
  d.set("end", local(language, m.end, page.me.timezone, "date.time"));
  d.set("other", m.other);
  d.set("video", m.format == config::Format::video);
  d.set("phone", m.format == config::Format::phone);
  d.set("in_person", m.format == config::Format::in_person);
  if (!m.where.empty()) d.set("where", m.where);
  d.set("first", m.first);
  d.set("cancelled", m.cancelled);
  d.set("can_decline", m.can_decline);
  d.set("action", page.action);
  d.set("csrf", page.csrf);
  return d;
}

std::string day(const Language& language, config::Date d) {
  return language.format(
      date::local_seconds(date::local_days(std::chrono::sys_days(d).time_since_epoch())),
      render_line(language, "date.week", {}));
}

base::TemplateData away_data(const PageAway& a, const Language& language) {
  base::TemplateData d;
  d.set("id", std::to_string(a.id));
  d.set("from", day(language, a.from));
  d.set("to", day(language, a.to));
  if (!a.note.empty()) d.set("note", a.note);
  return d;
}

// Return the weekday's name in `language` ("Monday", "lundi").
std::string weekday_words(const Language& language, int day) {
  // 4 January 1970 was a Sunday.
  const date::local_days sunday{date::days(3)};
  return language.format(date::local_seconds(sunday + date::days(day)), "%A");
}

// What the page and the letter say about a request: the kind and the reason as flags.
base::TemplateData request_data(const PageRequest& r) {
  base::TemplateData d;
  d.set("other", r.pair.other);
  d.set("pair", r.pair.id);
  d.set("continue_yes", r.kind == "continue-yes");
  d.set("continue_no", r.kind == "continue-no");
  d.set("pause", r.kind == "pause");
  d.set("end", r.kind == "end");
  d.set("goals_met", r.reason == "goals-met");
  d.set("not_compatible", r.reason == "not-compatible");
  d.set("lost_contact", r.reason == "lost-contact");
  d.set("other_reason", r.reason == "other");
  return d;
}

base::TemplateData pair_list(const std::vector<PagePair>& pairs, const PersonPage& page) {
  base::TemplateData out{base::TemplateData::type::list};
  for (const auto& p : pairs) {
    base::TemplateData d;
    d.set("pair", p.id);
    d.set("other", p.other);
    d.set("action", page.action);
    d.set("csrf", page.csrf);
    out.push_back(std::move(d));
  }
  return out;
}

base::TemplateData window_rows(const PersonPage& page, const Language& language) {
  base::TemplateData rows{base::TemplateData::type::list};
  int n = 0;
  for (const auto& w : page.windows) {
    base::TemplateData row;
    row.set("n", std::to_string(++n));
    row.set("start", w.start);
    row.set("end", w.end);
    base::TemplateData days{base::TemplateData::type::list};
    for (int i = 1; i <= 7; ++i) {  // Monday first
      const int day = i % 7;
      base::TemplateData option;
      option.set(
          "value",
          std::string(config::weekday_name(std::chrono::weekday(static_cast<unsigned>(day)))));
      option.set("name", weekday_words(language, day));
      option.set("selected", day == w.day);
      days.push_back(std::move(option));
    }
    row.set("days", std::move(days));
    rows.push_back(std::move(row));
  }
  return rows;
}

// The letter `name` to `me` with `data` and their name and zone.
Outgoing page_letter(const config::ProgrammeInfo& programme, const Partner& me,
                     const Language& language, base::TemplateData data, const std::string& name,
                     const std::string& id_stem, std::chrono::sys_seconds now) {
  data.set("me", me.name);
  data.set("zone", me.timezone);
  return letter_to(programme, me, language, data, name, id_stem, now);
}

}  // namespace

std::string render_person_page(const PersonPage& page) {
  const Language language(page.me.language);
  base::TemplateData d;
  d.set("lang", language.name() == "pt_BR" ? "pt-BR" : language.name());
  d.set("programme", page.programme);
  d.set("me", page.me.name);
  d.set("zone", page.me.timezone);
  d.set("organiser", page.organiser);
  const auto list = [&](const std::vector<PageMeeting>& meetings) {
    base::TemplateData out{base::TemplateData::type::list};
    for (const auto& m : meetings)
      out.push_back(meeting_data(m, page, language));
    return out;
  };
  d.set("upcoming", list(page.upcoming));
  d.set("recent", list(page.recent));
  if (page.declined) d.set("declined", meeting_data(*page.declined, page, language));
  d.set("action", page.action);
  d.set("csrf", page.csrf);
  d.set("can_away", page.can_away);
  base::TemplateData away{base::TemplateData::type::list};
  for (const auto& a : page.away)
    away.push_back(away_data(a, language));
  d.set("away", away);
  if (page.away_added) d.set("away_added", away_data(*page.away_added, language));
  d.set("away_removed", page.away_removed);
  d.set("bad_away", page.bad_away);
  if (page.away_full > 0) d.set("away_full", std::to_string(page.away_full));
  d.set("can_availability", page.can_availability);
  d.set("windows", window_rows(page, language));
  if (!page.windows_saved.empty()) d.set("windows_saved", page.windows_saved);
  d.set("bad_windows", page.bad_windows);
  d.set("no_windows", page.no_windows);
  if (page.windows_full > 0) d.set("windows_full", std::to_string(page.windows_full));
  d.set("to_continue", pair_list(page.to_continue, page));
  d.set("can_ask", page.can_ask && !page.pairs.empty());
  d.set("pairs", pair_list(page.pairs, page));
  if (page.asked) d.set("asked", request_data(*page.asked));
  d.set("bad_request", page.bad_request);
  return render_text(language, "page.html", std::move(d));
}

Outgoing compose_decline_confirmation(const config::ProgrammeInfo& programme, const Partner& me,
                                      const PageMeeting& meeting, const std::string& id_stem,
                                      std::chrono::sys_seconds now) {
  const Language language(me.language);
  base::TemplateData data;
  data.set("other", meeting.other);
  data.set("start", local(language, meeting.start, me.timezone, "date.long"));
  return page_letter(programme, me, language, std::move(data), "declined", id_stem, now);
}

Outgoing compose_away_confirmation(const config::ProgrammeInfo& programme, const Partner& me,
                                   const PageAway& away, const std::string& id_stem,
                                   std::chrono::sys_seconds now) {
  const Language language(me.language);
  return page_letter(programme, me, language, away_data(away, language), "away", id_stem, now);
}

std::string windows_words(const std::string& tag, const std::vector<PageWindow>& windows) {
  const Language language(tag);
  std::string out;
  for (const auto& w : windows) {
    out += fmt::format("{}{} {}–{}", out.empty() ? "" : ", ", weekday_words(language, w.day),
                       w.start, w.end);
  }
  return out;
}

Outgoing compose_windows_confirmation(const config::ProgrammeInfo& programme, const Partner& me,
                                      const std::string& words, const std::string& id_stem,
                                      std::chrono::sys_seconds now) {
  const Language language(me.language);
  base::TemplateData data;
  data.set("windows", words);
  return page_letter(programme, me, language, std::move(data), "availability", id_stem, now);
}

Outgoing compose_request_confirmation(const config::ProgrammeInfo& programme, const Partner& me,
                                      const PageRequest& request, const std::string& id_stem,
                                      std::chrono::sys_seconds now) {
  const Language language(me.language);
  return page_letter(programme, me, language, request_data(request), "asked", id_stem, now);
}

}  // namespace mentorcal::mail
