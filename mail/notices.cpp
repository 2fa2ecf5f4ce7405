#include "mail/notices.h"

#include <fmt/format.h>

#include "base/address.h"
#include "mail/message.h"
#include "mail/templates.h"

namespace mentorcal::mail {
namespace {

using base::domain_of;

// The digest's facts as its templates name them.
base::TemplateData digest_data(const config::ProgrammeInfo& programme, const DigestFacts& f) {
  using base::TemplateData;
  TemplateData d;
  d.set("programme", programme.name);
  d.set("organiser", programme.organiser_name);
  d.set("week", f.week);
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
    for (const auto& [flag, detail] : p.flags) {
      TemplateData one;
      one.set("flag", flag);
      one.set("detail", detail);
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
  d.set("mail", !problems.is_empty_list());
  d.set("problems", problems);
  return d;
}

// Return the letter `name` (templates <name>.subject and <name>.txt, `data` plus the programme's
// names) to partner `me`, number `i` of the pair: Message-ID "<id_stem>.<i>@<domain>".
Outgoing letter_to(const config::ProgrammeInfo& programme, const Partner& me,
                   base::TemplateData& data, const std::string& name, const std::string& id_stem,
                   int i, std::chrono::sys_seconds now) {
  data.set("organiser", programme.organiser_name);
  data.set("organiser_email", programme.organiser_email);
  data.set("programme", programme.name);
  Note note{{programme.organiser_name, programme.organiser_email},
            {me.name, me.email},
            render_line(name + ".subject", data),
            render_text(name + ".txt", data),
            "",
            fmt::format("{}.{}@{}", id_stem, i, domain_of(programme.organiser_email)),
            now};
  return {me.email, note.message_id, render_note(note)};
}

}  // namespace

std::vector<Outgoing> compose_digest(const config::ProgrammeInfo& programme, const DigestFacts& f,
                                     const std::string& id_stem, std::chrono::sys_seconds now) {
  auto data = digest_data(programme, f);
  const auto subject = render_line("digest.subject", data);
  data.set("subject", subject);
  const auto text = render_text("digest.txt", data);
  const auto html = render_line("digest.html", data);

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
                                    const std::string& shortfall, const std::string& why,
                                    const std::string& id_stem, std::chrono::sys_seconds now) {
  const auto period = shortfall.substr(0, shortfall.find(':'));
  std::vector<Outgoing> out;
  const std::array<const Partner*, 2> people{&pair.mentor, &pair.mentee};
  for (int i = 0; i < 2; ++i) {
    const auto& me = *people[i];
    const auto& other = *people[1 - i];
    base::TemplateData data;
    data.set("me", me.name);
    data.set("other", other.name);
    data.set("period", period);
    data.set("shortfall", shortfall.substr(std::min(shortfall.size(), period.size() + 2)));
    if (!why.empty()) data.set("why", why);
    out.push_back(letter_to(programme, me, data, "nudge", id_stem, i, now));
  }
  return out;
}

std::vector<Outgoing> compose_pair_letter(const config::ProgrammeInfo& programme,
                                          const PairView& pair, PairLetter kind,
                                          const std::string& reason, const std::string& id_stem,
                                          std::chrono::sys_seconds now) {
  const std::string name = kind == PairLetter::closing     ? "closing"
                           : kind == PairLetter::continue_ ? "continue"
                                                           : "review";
  std::vector<Outgoing> out;
  const std::array<const Partner*, 2> people{&pair.mentor, &pair.mentee};
  for (int i = 0; i < 2; ++i) {
    const auto& me = *people[i];
    base::TemplateData data;
    data.set("me", me.name);
    data.set("other", people[1 - i]->name);
    data.set("mentor", i == 0);
    if (!reason.empty()) data.set("reason", reason);
    out.push_back(letter_to(programme, me, data, name, id_stem, i, now));
  }
  return out;
}

}  // namespace mentorcal::mail
