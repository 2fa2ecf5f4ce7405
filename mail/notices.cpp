#include "mail/notices.h"

#include <fmt/format.h>

#include "base/address.h"
#include "base/html.h"
#include "mail/message.h"

namespace mentorcal::mail {
namespace {

using base::domain_of;

std::string counts(const DigestPair& p) {
  return fmt::format("held {}, booked {}, cancelled {}, declined {}; {} month{} since it started",
                     p.held, p.booked, p.cancelled, p.declined, p.months, p.months == 1 ? "" : "s");
}

std::string backlog(const DigestFacts& f) {
  std::string out;
  if (f.waiting > 0 && f.oldest_waiting_hours >= 24) {
    out += fmt::format(
        "{} message{} waiting to be sent, the oldest for {} hours: check the mail server "
        "settings.\n",
        f.waiting, f.waiting == 1 ? "" : "s", f.oldest_waiting_hours);
  }
  if (f.failed > 0) {
    out += fmt::format(
        "{} message{} could not be delivered and {} given up (see `mentorcal status`).\n", f.failed,
        f.failed == 1 ? "" : "s", f.failed == 1 ? "was" : "were");
  }
  return out;
}

}  // namespace

std::vector<Outgoing> compose_digest(const config::ProgrammeInfo& programme, const DigestFacts& f,
                                     const std::string& id_stem, std::chrono::sys_seconds now) {
  const auto n = f.flagged.size();
  const std::string subject =
      n == 0 ? fmt::format("{}: all {} pairs on track ({})", programme.name, f.pairs, f.week)
             : fmt::format("{}: {} of {} pairs need attention ({})", programme.name, n, f.pairs,
                           f.week);

  std::string text = fmt::format("{}, {}\n\n", programme.name, f.week);
  std::string html = fmt::format(
      "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{}</title></head>"
      "<body style=\"font-family:sans-serif\"><h1 style=\"font-size:1.2em\">{}, {}</h1>",
      base::html_escape(subject), base::html_escape(programme.name), base::html_escape(f.week));
  text += n == 0 ? fmt::format("All {} pairs are keeping their agreements.\n", f.pairs)
                 : fmt::format("{} of {} pairs need attention:\n", n, f.pairs);
  html += fmt::format("<p>{}</p>",
                      n == 0 ? fmt::format("All {} pairs are keeping their agreements.", f.pairs)
                             : fmt::format("{} of {} pairs need attention:", n, f.pairs));
  for (const auto& p : f.flagged) {
    text += fmt::format("\n{} ({} and {})\n", p.pair, p.mentor, p.mentee);
    html += fmt::format("<h2 style=\"font-size:1em\">{} <small>({} and {})</small></h2><ul>",
                        base::html_escape(p.pair), base::html_escape(p.mentor),
                        base::html_escape(p.mentee));
    for (const auto& [flag, detail] : p.flags) {
      text += fmt::format("  - {}: {}\n", flag, detail);
      html +=
          fmt::format("<li><b>{}</b>: {}</li>", base::html_escape(flag), base::html_escape(detail));
    }
    text += "  " + counts(p) + "\n";
    html += fmt::format("</ul><p style=\"color:#555\">{}</p>", base::html_escape(counts(p)));
  }
  if (const auto b = backlog(f); !b.empty()) {
    text += "\nMail:\n" + b;
    html += "<h2 style=\"font-size:1em\">Mail</h2><p>" + base::html_escape(b) + "</p>";
  }
  text += fmt::format(
      "\nThis digest holds flags and counts only; what pairs discuss stays between them.\n{}\n",
      programme.organiser_name);
  html +=
      "<p style=\"color:#555\">This digest holds flags and counts only; what pairs discuss stays "
      "between them."
      "</p></body></html>";

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
    const auto text = fmt::format(
        "Hello {},\n\n"
        "Your mentoring agreement with {} asks for regular meetings, and {} falls short: {}.{}\n\n"
        "Regular meetings are what make mentoring work. If your availability has changed, please "
        "tell {} ({}) so "
        "that new times can be found, or agree a time with {} directly and let us "
        "know.\n\n{}\n{}\n",
        me.name, other.name, period,
        shortfall.substr(std::min(shortfall.size(), period.size() + 2)),
        why.empty() ? "" : "\nWhat stands in the way: " + why + ".", programme.organiser_name,
        programme.organiser_email, other.name, programme.organiser_name, programme.name);
    Note note{{programme.organiser_name, programme.organiser_email},
              {me.name, me.email},
              fmt::format("Your mentoring meetings with {} in {}", other.name, period),
              text,
              "",
              fmt::format("{}.{}@{}", id_stem, i, domain_of(programme.organiser_email)),
              now};
    out.push_back({me.email, note.message_id, render_note(note)});
  }
  return out;
}

}  // namespace mentorcal::mail
