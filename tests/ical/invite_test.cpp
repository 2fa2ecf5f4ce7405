// The iTIP objects, read back with libical itself: no X-LIC-ERROR, icalrestriction_check passes,
// every property INTEROP.md asks for is there with the value we meant.
#include "ical/invite.h"

#include <gtest/gtest.h>
#include <libical/ical.h>

namespace mentorcal::ical {
namespace {

using namespace std::chrono;

Invite sample(Method method) {
  Invite i;
  i.method = method;
  i.uid = "amara-li-0123456789abcdef@example.org";
  i.sequence = method == Method::cancel ? 3 : 0;
  i.stamp = sys_days{year{2026} / November / 22} + hours(9);
  i.start = sys_days{year{2026} / November / 30} + hours(8);
  i.end = i.start + minutes(30);
  i.summary = "Mentoring: Zoë O'Brien-Núñez, \"Jo\"; 李伟 & Li";
  i.location = "Room 3; Building \"B\", 1st floor: x \\ east";
  i.description = "Line one\nLine two, with; punctuation";
  i.organiser = {"Mentoring Team", "mentoring@example.org"};
  i.attendees = {Party{"Zoë O'Brien-Núñez, \"Jo\"; 李伟", "zoe@example.org"},
                 Party{"Li ^ Wei", "li@example.org"}};
  return i;
}

struct Parsed {
  icalcomponent* root;
  ~Parsed() { icalcomponent_free(root); }
};

TEST(Invite, RequestReadsBackExactly) {
  const auto text = render_ics(sample(Method::request));
  ASSERT_TRUE(text) << text.error();
  EXPECT_EQ(text->find("\n"), text->find("\r\n") + 1);  // CRLF line ends
  for (std::size_t at = 0, next; (next = text->find("\r\n", at)) != std::string::npos;
       at = next + 2) {
    EXPECT_LE(next - at, 75u) << text->substr(at, next - at);
  }
  Parsed p{icalparser_parse_string(text->c_str())};
  ASSERT_NE(p.root, nullptr);
  EXPECT_EQ(icalcomponent_count_errors(p.root), 0);
  EXPECT_EQ(icalrestriction_check(p.root), 1);
  EXPECT_EQ(icalcomponent_get_method(p.root), ICAL_METHOD_REQUEST);
  EXPECT_EQ(icalcomponent_count_components(p.root, ICAL_VTIMEZONE_COMPONENT), 0);
  icalcomponent* ev = icalcomponent_get_first_component(p.root, ICAL_VEVENT_COMPONENT);
  ASSERT_NE(ev, nullptr);
  const auto want = sample(Method::request);
  EXPECT_STREQ(icalcomponent_get_uid(ev), want.uid.c_str());
  EXPECT_STREQ(icalcomponent_get_summary(ev), want.summary.c_str());
  EXPECT_STREQ(icalcomponent_get_location(ev), want.location.c_str());
  EXPECT_STREQ(icalcomponent_get_description(ev), want.description.c_str());
  EXPECT_EQ(icalcomponent_get_sequence(ev), 0);
  const auto start = icalcomponent_get_dtstart(ev);
  EXPECT_TRUE(icaltime_is_utc(start));
  EXPECT_EQ(icaltime_as_timet(start), want.start.time_since_epoch().count());
  EXPECT_EQ(icaltime_as_timet(icalcomponent_get_dtend(ev)), want.end.time_since_epoch().count());
  EXPECT_TRUE(icaltime_is_utc(icalcomponent_get_dtstamp(ev)));
  EXPECT_EQ(icalcomponent_get_status(ev), ICAL_STATUS_CONFIRMED);

  icalproperty* org = icalcomponent_get_first_property(ev, ICAL_ORGANIZER_PROPERTY);
  ASSERT_NE(org, nullptr);
  EXPECT_STREQ(icalproperty_get_organizer(org), "mailto:mentoring@example.org");
  int n = 0;
  for (icalproperty* a = icalcomponent_get_first_property(ev, ICAL_ATTENDEE_PROPERTY); a;
       a = icalcomponent_get_next_property(ev, ICAL_ATTENDEE_PROPERTY), ++n) {
    EXPECT_STREQ(icalproperty_get_attendee(a), ("mailto:" + want.attendees[n].email).c_str());
    icalparameter* role = icalproperty_get_first_parameter(a, ICAL_ROLE_PARAMETER);
    icalparameter* partstat = icalproperty_get_first_parameter(a, ICAL_PARTSTAT_PARAMETER);
    icalparameter* rsvp = icalproperty_get_first_parameter(a, ICAL_RSVP_PARAMETER);
    icalparameter* cn = icalproperty_get_first_parameter(a, ICAL_CN_PARAMETER);
    ASSERT_TRUE(role && partstat && rsvp && cn);
    EXPECT_EQ(icalparameter_get_role(role), ICAL_ROLE_REQPARTICIPANT);
    EXPECT_EQ(icalparameter_get_partstat(partstat), ICAL_PARTSTAT_NEEDSACTION);
    EXPECT_EQ(icalparameter_get_rsvp(rsvp), ICAL_RSVP_TRUE);
  }
  EXPECT_EQ(n, 2);
  // The CN travels RFC 6868 caret-encoded: '"' as ^' and '^' as ^^, inside quotes.
  EXPECT_NE(text->find("CN=\"Zoë O'Brien-Núñez, ^'Jo^'; 李伟\""), std::string::npos) << *text;
  EXPECT_NE(text->find("CN=Li ^^ Wei"), std::string::npos) << *text;
}

TEST(Invite, CancelKeepsTheUidAndSaysCancelled) {
  const auto text = render_ics(sample(Method::cancel));
  ASSERT_TRUE(text);
  Parsed p{icalparser_parse_string(text->c_str())};
  EXPECT_EQ(icalrestriction_check(p.root), 1);
  EXPECT_EQ(icalcomponent_get_method(p.root), ICAL_METHOD_CANCEL);
  icalcomponent* ev = icalcomponent_get_first_component(p.root, ICAL_VEVENT_COMPONENT);
  EXPECT_STREQ(icalcomponent_get_uid(ev), "amara-li-0123456789abcdef@example.org");
  EXPECT_EQ(icalcomponent_get_sequence(ev), 3);
  EXPECT_EQ(icalcomponent_get_status(ev), ICAL_STATUS_CANCELLED);
}

TEST(Invite, NoLocationNoDescriptionIsFine) {
  auto i = sample(Method::request);
  i.location.clear();
  i.description.clear();
  const auto text = render_ics(i);
  ASSERT_TRUE(text);
  EXPECT_EQ(text->find("LOCATION"), std::string::npos);
  EXPECT_EQ(text->find("DESCRIPTION"), std::string::npos);
}

}  // namespace
}  // namespace mentorcal::ical

namespace mentorcal::ical {
namespace {

TEST(Invite, DeclineCounterIsAValidItipObject) {
  auto i = sample(Method::declinecounter);
  i.sequence = 2;
  const auto text = render_ics(i);
  ASSERT_TRUE(text) << text.error();
  Parsed p{icalparser_parse_string(text->c_str())};
  EXPECT_EQ(icalcomponent_count_errors(p.root), 0);
  EXPECT_EQ(icalcomponent_get_method(p.root), ICAL_METHOD_DECLINECOUNTER);
  icalcomponent* ev = icalcomponent_get_first_component(p.root, ICAL_VEVENT_COMPONENT);
  // RFC 5546 §3.2.8 (libical 3.0's own restriction table disagrees, see invite.cpp).
  EXPECT_STREQ(icalcomponent_get_uid(ev), "amara-li-0123456789abcdef@example.org");
  EXPECT_EQ(icalcomponent_get_sequence(ev), 2);
  EXPECT_TRUE(icaltime_is_utc(icalcomponent_get_dtstamp(ev)));
  EXPECT_NE(icalcomponent_get_first_property(ev, ICAL_ORGANIZER_PROPERTY), nullptr);
  EXPECT_EQ(icalcomponent_count_properties(ev, ICAL_ATTENDEE_PROPERTY), 2);
  EXPECT_STREQ(icalcomponent_get_comment(ev), i.description.c_str());
}

}  // namespace
}  // namespace mentorcal::ical
