#include "mail/notices.h"

#include <algorithm>

#include <date/tz.h>
#include <fmt/format.h>

#include "base/address.h"
#include "mail/letter.h"
#include "mail/message.h"
#include "mail/templates.h"

namespace mentorcal::mail {

using base::domain_of;

std::string flag_name(const Language& language, std::string_view flag) {
  base::TemplateData kind;
  std::string key(flag);
  std::replace(key.begin(), key.end(), '-', '_');
  kind.set(key, true);
  return render_line(language, "digest.flag", kind);
}

namespace {

// The digest's facts as its templates name them.
base::TemplateData digest_data(const config::ProgrammeInfo& programme, const DigestFacts& f,
                               const Language& language) {
  using base::TemplateData;
  TemplateData d;
  d.set("programme", programme.name);
  d.set("organiser", programme.organiser_name);
  d.set("lang", programme.language);
  d.set("week", language.format(date::make_zoned(programme.timezone, f.week).get_local_time(),
                                render_line(language, "date.week", {})));
  d.set("pairs", std::to_string(f.pairs));
  d.set("flagged_count", std::to_string(f.flagged.size()));
  d.set("on_track", f.flagged.empty());
  TemplateData flagged{TemplateData::type::list};
  for (const auto& p : f.flagged) {
    TemplateData pair;
    pair.set("pair", p.pair);
    pair.set("mentor", p.mentor);
    pair.set("mentee", p.mentee);
    TemplateData flags{TemplateData::type::list};
    for (const auto& [flag, what] : p.flags) {
      TemplateData one;
      one.set("flag", flag_name(language, flag));
      one.set("detail", language.say(what));
      flags.push_back(one);
    }
    pair.set("flags", flags);
    pair.set("held", std::to_string(p.held));
    pair.set("booked", std::to_string(p.booked));
    pair.set("cancelled", std::to_string(p.cancelled));
    pair.set("declined", std::to_string(p.declined));
    pair.set("months", std::to_string(p.months));
    pair.set("one_month", p.months == 1);
    flagged.push_back(pair);
  }
  d.set("flagged", flagged);
  // What is wrong with the mail: messages stuck for a day, messages given up on.
  TemplateData problems{TemplateData::type::list};
  const auto problem = [&](bool waiting, int count, long hours) {
    TemplateData p;
    p.set("waiting", waiting);
    p.set("failed", !waiting);
    p.set("count", std::to_string(count));
    p.set("one", count == 1);
    p.set("hours", std::to_string(hours));
    problems.push_back(p);
  };
  if (f.waiting > 0 && f.oldest_waiting_hours >= 24)
    problem(true, f.waiting, f.oldest_waiting_hours);
  if (f.failed > 0) problem(false, f.failed, 0);
  if (f.mailbox_silent_hours) {
    TemplateData p;
    p.set("mailbox", true);
    p.set("never", *f.mailbox_silent_hours < 0);
    p.set("hours", std::to_string(*f.mailbox_silent_hours));
    p.set("error", f.mailbox_error);
    problems.push_back(p);
  }
  TemplateData requests{TemplateData::type::list};
  for (const auto& r : f.requests) {
    TemplateData one;
    one.set("request", language.say(r));
    requests.push_back(one);
  }
  d.set("has_requests", !f.requests.empty());
  d.set("requests", requests);
  d.set("mail", !problems.is_empty_list());
  d.set("problems", problems);
  return d;
}

}  // namespace

Outgoing letter_to(const config::ProgrammeInfo& programme, const Partner& me,
                   const Language& language, base::TemplateData& data, const std::string& name,
                   const std::string& id_local, std::chrono::sys_seconds now) {
  data.set("organiser", programme.organiser_name);
  data.set("organiser_email", programme.organiser_email);
  data.set("programme", programme.name);
  if (!me.link.empty()) data.set("link", me.link);
  Note note{{programme.organiser_name, programme.organiser_email},
            {me.name, me.email},
            render_line(language, name + ".subject", data),
            render_text(language, name + ".txt", data),
            "",
            fmt::format("{}@{}", id_local, domain_of(programme.organiser_email)),
            now};
  return {me.email, note.message_id, render_note(note)};
}

std::vector<Outgoing> compose_digest(const config::ProgrammeInfo& programme, const DigestFacts& f,
                                     const std::string& id_stem, std::chrono::sys_seconds now) {
  const Language language(programme.language);
  auto data = digest_data(programme, f, language);
  const auto subject = render_line(language, "digest.subject", data);
  data.set("subject", subject);
  const auto text = render_text(language, "digest.txt", data);
  const auto html = render_line(language, "digest.html", data);

  std::vector<Outgoing> out;
  for (std::size_t i = 0; i < programme.admin_emails.size(); ++i) {
    const auto& admin = programme.admin_emails[i];
    Note note{{programme.organiser_name, programme.organiser_email},
              {"", admin},
              subject,
              text,
              html,
              fmt::format("{}.{}@{}", id_stem, i, domain_of(programme.organiser_email)),
              now};
    out.push_back({admin, note.message_id, render_note(note)});
  }
  return out;
}

std::vector<Outgoing> compose_nudge(const config::ProgrammeInfo& programme, const PairView& pair,
                                    const Shortfall& shortfall, const std::string& id_stem,
                                    std::chrono::sys_seconds now) {
  const auto local_start = date::make_zoned(programme.timezone, shortfall.period_start);
  // How the period is named: a month, a year, a week or a block of weeks (scheduler/periods.h).
  const auto days =
      std::chrono::duration_cast<std::chrono::days>(shortfall.period_end - shortfall.period_start)
          .count();
  const auto period_pattern = days >= 28 && days <= 31 ? "date.month"
                              : days >= 365            ? "date.year"
                              : days == 7              ? "nudge.week"
                                                       : "nudge.weeks";
  std::vector<Outgoing> out;
  const std::array<const Partner*, 2> people{&pair.mentor, &pair.mentee};
  for (int i = 0; i < 2; ++i) {
    const auto& me = *people[i];
    const auto& other = *people[1 - i];
    const Language language(me.language);
    base::TemplateData data;
    data.set("me", me.name);
    data.set("other", other.name);
    data.set("period", language.format(local_start.get_local_time(),
                                       render_line(language, period_pattern, {})));
    data.set("held", std::to_string(shortfall.held));
    data.set("planned", std::to_string(shortfall.planned));
    data.set("minimum", std::to_string(shortfall.minimum));
    if (!shortfall.why.empty()) data.set("why", language.say(shortfall.why));
    out.push_back(
        letter_to(programme, me, language, data, "nudge", fmt::format("{}.{}", id_stem, i), now));
  }
  return out;
}

std::vector<Outgoing> compose_pair_letter(const config::ProgrammeInfo& programme,
                                          const PairView& pair, PairLetter kind, Ending ending,
                                          const std::string& id_stem,
                                          std::chrono::sys_seconds now) {
  const std::string name = kind == PairLetter::closing     ? "closing"
                           : kind == PairLetter::continue_ ? "continue"
                                                           : "review";
  std::vector<Outgoing> out;
  const std::array<const Partner*, 2> people{&pair.mentor, &pair.mentee};
  for (int i = 0; i < 2; ++i) {
    const auto& me = *people[i];
    const Language language(me.language);
    base::TemplateData data;
    data.set("me", me.name);
    data.set("other", people[1 - i]->name);
    data.set("mentor", i == 0);
    data.set("no_reason", ending == Ending::none);
    data.set("planned_end", ending == Ending::planned_end);
    data.set("goals_met", ending == Ending::goals_met);
    data.set("not_compatible", ending == Ending::not_compatible);
    data.set("lost_contact", ending == Ending::lost_contact);
    out.push_back(
        letter_to(programme, me, language, data, name, fmt::format("{}.{}", id_stem, i), now));
  }
  return out;
}

}  // namespace mentorcal::mail
