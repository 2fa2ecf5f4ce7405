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

}  // namespace mentorcal::mail
