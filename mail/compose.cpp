#include "mail/compose.h"

#include <algorithm>
#include <array>

#include <date/tz.h>
#include <fmt/format.h>

#include "base/address.h"
#include "mail/message.h"
#include "mail/templates.h"

namespace mentorcal::mail {
namespace {

using std::chrono::sys_seconds;

// Return `t` on the wall clock of `zone`, written with the date pattern template `pattern`
// ("date.long": "%A %d %B %Y, %H:%M" in English) in `language`.
std::string local(const Language& language, sys_seconds t, const std::string& zone,
                  std::string_view pattern) {
  return language.format(date::make_zoned(zone, t).get_local_time(),
                         render_line(language, pattern, {}));
}

// Return why a proposed time was refused (DECLINECOUNTER), in `language`; "" without a reason.
std::string refusal_reason(const Language& language, const base::Phrase& note) {
  return note.empty() ? std::string() : language.say(note);
}

// Set the invite's labels ("When:", "Format:", "Where:") in `language`, each padded to one
// column two characters wider than the widest, and the indent of that column.
void set_labels(base::TemplateData& d, const Language& language) {
  const std::array<std::pair<const char*, std::string>, 3> labels{
      {{"when_label", render_line(language, "label.when", {})},
       {"format_label", render_line(language, "label.format", {})},
       {"where_label", render_line(language, "label.where", {})}}};
  const auto width = [](const std::string& s) {  // characters, not bytes (UTF-8)
    return static_cast<std::size_t>(
        std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
  };
  std::size_t column = 0;
  for (const auto& [name, label] : labels)
    column = std::max(column, width(label) + 2);
  for (const auto& [name, label] : labels)
    d.set(name, label + std::string(column - width(label), ' '));
  d.set("label_indent", std::string(column, ' '));
}

// The facts every text about a meeting of the pair may name.
base::TemplateData meeting_data(const config::ProgrammeInfo& programme, const PairView& pair,
                                const MeetingNotice& n) {
  base::TemplateData d;
  d.set("mentor", pair.mentor.name);
  d.set("mentee", pair.mentee.name);
  d.set("programme", programme.name);
  d.set("organiser", programme.organiser_name);
  d.set("first", n.first);
  d.set("update", n.method == ical::Method::request && n.sequence > 0);
  d.set("cancel", n.method == ical::Method::cancel);
  d.set("declinecounter", n.method == ical::Method::declinecounter);
  d.set("plain", n.method == ical::Method::request && n.sequence == 0);
  d.set("video", pair.agreement.format == config::Format::video);
  d.set("phone", pair.agreement.format == config::Format::phone);
  d.set("in_person", pair.agreement.format == config::Format::in_person);
  return d;
}

// The same, for the letter to `me`.
base::TemplateData letter_data(base::TemplateData d, const PairView& pair, const MeetingNotice& n,
                               const Partner& me, const Partner& other, bool i_mentor,
                               const Language& language) {
  d.set("me", me.name);
  d.set("other", other.name);
  d.set("i_mentor", i_mentor);
  if (!me.link.empty()) d.set("link", me.link);
  d.set("zone", me.timezone);
  d.set("other_zone", other.timezone);
  d.set("start", local(language, n.start, me.timezone, "date.long"));
  d.set("end", local(language, n.end, me.timezone, "date.time"));
  d.set("short_start", local(language, n.start, me.timezone, "date.short"));
  d.set("other_start", local(language, n.start, other.timezone, "date.short"));
  d.set("other_end", local(language, n.end, other.timezone, "date.time"));
  d.set("minutes",
        std::to_string(std::chrono::duration_cast<std::chrono::minutes>(n.end - n.start).count()));
  d.set("note", refusal_reason(language, n.note));
  set_labels(d, language);
  if (const auto where = location_for(pair); !where.empty()) d.set("where", where);
  return d;
}

std::string_view body_template(ical::Method method) {
  switch (method) {
    case ical::Method::cancel:
      return "cancel.txt";
    case ical::Method::declinecounter:
      return "declinecounter.txt";
    default:
      return "invite.txt";
  }
}

}  // namespace

PairView view_of(const config::Programme& programme, const config::Pair& pair) {
  const auto partner = [&](const std::string& id) {
    const auto& p = *programme.person(id);
    return Partner{p.name, p.email, p.timezone, p.language, {}};
  };
  return {pair.id, partner(pair.mentor), partner(pair.mentee), pair.agreement};
}

std::string location_for(const PairView& pair) {
  std::string out = pair.agreement.location;
  for (auto at = out.find("{pair}"); at != std::string::npos;
       at = out.find("{pair}", at + pair.id.size())) {
    out.replace(at, 6, pair.id);
  }
  return out;
}

std::string message_id(const MeetingNotice& notice, int index, const std::string& organiser_email) {
  const auto domain = base::domain_of(organiser_email);
  const auto uid_local = notice.uid.substr(0, notice.uid.find('@'));
  const char kind = notice.method == ical::Method::request  ? 'r'
                    : notice.method == ical::Method::cancel ? 'c'
                                                            : 'd';
  return fmt::format("{}.{}.{}{}{}@{}", uid_local, notice.sequence, kind, index,
                     notice.id_suffix.empty() ? "" : "." + notice.id_suffix, domain);
}

std::vector<Outgoing> compose(const config::ProgrammeInfo& programme, const PairView& pair,
                              const MeetingNotice& notice, sys_seconds now) {
  const auto& mentor = pair.mentor;
  const auto& mentee = pair.mentee;
  const ical::Party organiser{programme.organiser_name, programme.organiser_email};
  const auto data = meeting_data(programme, pair, notice);

  ical::Invite invite;
  invite.method = notice.method;
  invite.uid = notice.uid;
  invite.sequence = notice.sequence;
  invite.stamp = now;
  invite.start = notice.start;
  invite.end = notice.end;
  invite.location = location_for(pair);
  invite.organiser = organiser;
  invite.attendees = {ical::Party{mentor.name, mentor.email},
                      ical::Party{mentee.name, mentee.email}};

  std::vector<Outgoing> out;
  const std::array<const Partner*, 2> people{&mentor, &mentee};
  for (int i = 0; i < 2; ++i) {
    const auto& me = *people[i];
    const auto& other = *people[1 - i];
    const Language language(me.language);
    const auto text = letter_data(data, pair, notice, me, other, i == 0, language);
    // Each partner's own copy of the object: its summary and description in their language.
    invite.summary = render_line(language, "meeting.summary", text);
    invite.description = notice.method == ical::Method::declinecounter
                             ? refusal_reason(language, notice.note)
                             : render_line(language, "meeting.description", text);
    auto ics = ical::render_ics(invite);
    if (!ics) throw std::logic_error("iCalendar object refused: " + ics.error());
    Letter letter;
    letter.from = organiser;
    letter.to = ical::Party{me.name, me.email};
    letter.subject = render_line(language, "meeting.subject", text);
    letter.text = render_text(language, body_template(notice.method), text);
    letter.ics = *ics;
    letter.method = notice.method;
    letter.message_id = message_id(notice, i, programme.organiser_email);
    letter.date = now;
    out.push_back({me.email, letter.message_id, render_message(letter)});
  }
  return out;
}

}  // namespace mentorcal::mail
