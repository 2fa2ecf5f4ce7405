#include "mail/compose.h"

#include <date/tz.h>
#include <fmt/format.h>

#include "base/address.h"
#include "mail/message.h"

namespace mentorcal::mail {
namespace {

using std::chrono::sys_seconds;

std::string local(sys_seconds t, const std::string& zone, const char* format) {
  return date::format(format, date::make_zoned(zone, t));
}

std::string format_word(config::Format f) {
  switch (f) {
    case config::Format::video:
      return "video call";
    case config::Format::phone:
      return "phone call";
    case config::Format::in_person:
      return "in person";
  }
  return {};
}

// The body one partner reads.
std::string body(const config::ProgrammeInfo& programme, const PairView& pair,
                 const MeetingNotice& n, const Partner& me, const Partner& other, bool i_mentor) {
  const auto& a = pair.agreement;
  std::string out = fmt::format("Hello {},\n\n", me.name);
  const std::string with =
      fmt::format("{} ({})", other.name, i_mentor ? "your mentee" : "your mentor");
  if (n.method == ical::Method::declinecounter) {
    out += fmt::format(
        "Thank you for proposing a new time for your mentoring meeting with {}. It does not work: "
        "{}.\n\n"
        "The meeting stays on {} ({}); please accept it, or decline it and another time will be "
        "found.\n",
        with, n.note, local(n.start, me.timezone, "%A %d %B %Y, %H:%M"), me.timezone);
  } else if (n.method == ical::Method::cancel) {
    out += fmt::format(
        "Your mentoring meeting with {} on {} ({}) is cancelled. It has been removed from "
        "your calendar.\n",
        with, local(n.start, me.timezone, "%A %d %B %Y, %H:%M"), me.timezone);
  } else {
    out += n.sequence == 0
               ? fmt::format("You have a mentoring meeting with {}.\n\n", with)
               : fmt::format("Your mentoring meeting with {} has a new time.\n\n", with);
    out += fmt::format("When:    {}-{} ({})\n", local(n.start, me.timezone, "%A %d %B %Y, %H:%M"),
                       local(n.end, me.timezone, "%H:%M"), me.timezone);
    out += fmt::format("         that is {}-{} for {} ({})\n",
                       local(n.start, other.timezone, "%a %d %b %H:%M"),
                       local(n.end, other.timezone, "%H:%M"), other.name, other.timezone);
    out += fmt::format("Format:  {}\n", format_word(a.format));
    const auto where = location_for(pair);
    if (!where.empty()) out += fmt::format("Where:   {}\n", where);
    if (n.first) {
      out += fmt::format(
          "\nThis is your first meeting: a {}-minute getting-to-know-you session. Share your "
          "backgrounds, "
          "careers, ambitions and what you each hope to gain from mentoring, and agree how you "
          "will work "
          "together: how often you meet, how you keep in touch, and that what you discuss stays "
          "confidential.\n",
          std::chrono::duration_cast<std::chrono::minutes>(n.end - n.start).count());
    } else {
      out +=
          "\nA suggested agenda:\n"
          "  - updates since you last met\n"
          "  - the topics you want to discuss\n"
          "  - action items, and how you will follow them up\n"
          "  - the date and format of your next meeting\n";
    }
    out +=
        "\nPlease answer with your calendar's Accept or Decline buttons; if the time does not suit "
        "you, decline it or propose a new time, and a new one will be found.\n";
  }
  out += fmt::format("\n{}\n{}\n", programme.organiser_name, programme.name);
  return out;
}

}  // namespace

PairView view_of(const config::Programme& programme, const config::Pair& pair) {
  const auto partner = [&](const std::string& id) {
    const auto& p = *programme.person(id);
    return Partner{p.name, p.email, p.timezone};
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
  const auto& a = pair.agreement;

  ical::Invite invite;
  invite.method = notice.method;
  invite.uid = notice.uid;
  invite.sequence = notice.sequence;
  invite.stamp = now;
  invite.start = notice.start;
  invite.end = notice.end;
  invite.summary = fmt::format("{}: {} & {}", notice.first ? "Getting to know you" : "Mentoring",
                               mentor.name, mentee.name);
  invite.location = location_for(pair);
  invite.description =
      notice.method == ical::Method::declinecounter
          ? notice.note
          : fmt::format(
                "{} meeting of {} (mentor) and {} (mentee), {}, {}.\nSuggested agenda: updates; "
                "the topics "
                "you want to discuss; action items; the date and format of your next meeting.",
                notice.first ? "Getting-to-know-you" : "Mentoring", mentor.name, mentee.name,
                format_word(a.format), programme.name);
  invite.organiser = organiser;
  invite.attendees = {ical::Party{mentor.name, mentor.email},
                      ical::Party{mentee.name, mentee.email}};
  auto ics = ical::render_ics(invite);
  if (!ics) throw std::logic_error("iCalendar object refused: " + ics.error());

  std::vector<Outgoing> out;
  const std::array<const Partner*, 2> people{&mentor, &mentee};
  for (int i = 0; i < 2; ++i) {
    const auto& me = *people[i];
    const auto& other = *people[1 - i];
    const char* prefix = notice.method == ical::Method::cancel ? "Cancelled: "
                         : notice.method == ical::Method::declinecounter
                             ? "Proposed time not possible: "
                         : notice.sequence > 0 ? "New time: "
                                               : "";
    Letter letter;
    letter.from = organiser;
    letter.to = ical::Party{me.name, me.email};
    letter.subject =
        fmt::format("{}{} with {}, {}", prefix, notice.first ? "Getting to know you" : "Mentoring",
                    other.name, local(notice.start, me.timezone, "%a %d %b %H:%M"));
    letter.text = body(programme, pair, notice, me, other, i == 0);
    letter.ics = *ics;
    letter.method = notice.method;
    letter.message_id = message_id(notice, i, programme.organiser_email);
    letter.date = now;
    out.push_back({me.email, letter.message_id, render_message(letter)});
  }
  return out;
}

}  // namespace mentorcal::mail
