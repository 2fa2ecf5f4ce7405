// Replies as real clients send them (tests/mail/replies/*.eml, one per client quirk of
// INTEROP.md rule 12), then the edges, fed as strings.
#include "mail/reply.h"

#include <fstream>
#include <glib.h>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <date/date.h>
#include <gtest/gtest.h>

namespace mentorcal::mail {
namespace {

using namespace std::chrono;

constexpr const char* kUid = "amara-li-0123456789abcdef@example.org";

std::string fixture(const std::string& name) {
  std::ifstream in(std::string(MENTORCAL_SOURCE_DIR) + "/tests/mail/replies/" + name + ".eml",
                   std::ios::binary);
  EXPECT_TRUE(in) << name;
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

std::optional<sys_seconds> utc(year_month_day day, hours h, minutes m = minutes(0)) {
  return sys_days(day) + h + m;
}

std::string show(const std::optional<sys_seconds>& t) {
  return t ? date::format("%FT%TZ", *t) : "none";
}

struct Expected {
  std::string method;
  int sequence = 0;
  std::string attendee;
  std::string partstat;
  std::optional<sys_seconds> start, end;
  std::string comment;
};

struct Case {
  std::string file;
  std::string message_id, from, sender;
  std::vector<Expected> replies;
  std::string skipped;
};

const year_month_day Oct22{year{2026}, October, day{22}};
const year_month_day Dec3{year{2026}, December, day{3}};

// clang-format off
const Case kCases[] = {
    {"outlook-accept",
     "AM9PR07MB7186B5E3A1C0D4F6A9E2B7C1D3F5A8E0@AM9PR07MB7186.eurprd07.prod.outlook.com",
     "amara@example.org", "",
     {{"REPLY", 0, "amara@example.org", "ACCEPTED", {}, {}, ""}}, ""},
    {"outlook-counter", "000001dc3e6f$8a2b41c0$9e81c540$@example.org", "li.wei@example.org", "",
     // 10:30-11:00 "GMT Standard Time" on 22 October is British Summer Time, UTC+1.
     {{"COUNTER", 1, "li.wei@example.org", "TENTATIVE", utc(Oct22, hours(9), minutes(30)),
       utc(Oct22, hours(10)), ""}}, ""},
    {"gmail-accept", "calendar-3f0e9a1c-6b2d-4e58-9c71-0a4d2e6b8f13@google.com",
     "amara@example.org", "calendar-notification@google.com",
     {{"REPLY", 0, "amara@example.org", "ACCEPTED", {}, {}, ""}}, ""},
    {"gmail-counter", "calendar-8d41c2e7-19fa-4b0e-a3c5-7e62b9d0f4a8@google.com",
     "li.wei@example.org", "calendar-notification@google.com",
     {{"COUNTER", 2, "li.wei@example.org", "TENTATIVE", utc(Dec3, hours(15)),
       utc(Dec3, hours(15), minutes(30)),
       "Could we move it to Thursday afternoon? I have an exam that morning."}}, ""},
    {"exchange-decline-base64",
     "VI1PR08MB53257F4A0E2C1B9D8A6E3F21C7B0@VI1PR08MB5325.eurprd08.prod.outlook.com",
     "li.wei@example.org", "",
     {{"REPLY", 2, "li.wei@example.org", "DECLINED", {}, {}, 
       "I'm away that week, sorry. Could we try the week after?"}}, ""},
    {"apple-tentative", "E2C7A9B4-51D3-4F6E-8A0C-9B1D3F5E7A21@example.org", "amara@example.org", "",
     {{"REPLY", 1, "amara@example.org", "TENTATIVE", {}, {}, ""}}, ""},
    {"android-tabfolded", "kfm3o2e9t1q8v7c4r6b0a5sd.1795552451000@email.android.com",
     "li.wei@example.org", "",
     {{"REPLY", 0, "li.wei@example.org", "ACCEPTED", {}, {}, ""}}, ""},
    {"outlook2010-single-part", "002a01dc6aef$3c1d9e30$b458da90$@example.org", "amara@example.org", "",
     {{"REPLY", 3, "amara@example.org", "ACCEPTED", {}, {}, ""}}, ""},
    {"tnef-only", "5E1B3C9A0D7F4E2A8C6B1F3D5A7E9C02@EXCH01.corp.example.org", "li.wei@example.org", "",
     {}, "TNEF (winmail.dat) only"},
    {"ordinary-mail", "CAH7pLq9x2Vb-1kR0m3TzYw8c5D4sEoN6aF@mail.example.org", "amara@example.org", "",
     {}, "no calendar part"},
    {"refresh", "7b3e9f12-4c6a-4d0b-9e25-a1f8c3d7e604@example.org", "li.wei@example.org", "",
     {{"REFRESH", 0, "li.wei@example.org", "", {}, {}, ""}}, ""},
    {"reply-with-valarm", "c41d8e2a-9b7f-4f63-8a10-5e2d7c9b3f48@example.org", "li.wei@example.org", "",
     {{"REPLY", 3, "li.wei@example.org", "ACCEPTED", {}, {}, ""}}, ""},
    {"mailto-uppercase-cn-folded", "A1B2C3D4-E5F6-4789-9ABC-DEF012345678@Example.ORG",
     "amara@example.org", "",
     {{"REPLY", 4, "amara@example.org", "ACCEPTED", {}, {}, ""}}, ""},
    {"duplicate-object", "20261128071500.3c9f2a@webmail.example.org", "amara@example.org", "",
     {{"REPLY", 3, "amara@example.org", "DECLINED", {}, {}, ""}}, ""},
    {"malformed-calendar", "malformed-counter-1@example.org", "li.wei@example.org", "",
     {}, "calendar part unreadable: COUNTER without DTSTART; "
         "calendar part unreadable: VEVENT without UID"},
    {"forwarded-request", "fwd-2b7c9e@mail.example.org", "amara@example.org", "",
     {}, "METHOD:REQUEST is not a reply"},
};
// clang-format on

void expect_read(const Case& c, const ReadMessage& got) {
  EXPECT_EQ(got.message_id, c.message_id);
  EXPECT_EQ(got.from, c.from);
  EXPECT_EQ(got.sender, c.sender);
  EXPECT_EQ(got.skipped, c.skipped);
  ASSERT_EQ(got.replies.size(), c.replies.size());
  for (std::size_t i = 0; i < c.replies.size(); ++i) {
    const CalendarReply& r = got.replies[i];
    const Expected& e = c.replies[i];
    EXPECT_EQ(r.method, e.method);
    EXPECT_EQ(r.uid, kUid);
    EXPECT_EQ(r.sequence, e.sequence);
    EXPECT_EQ(r.attendee, e.attendee);
    EXPECT_EQ(r.partstat, e.partstat);
    EXPECT_EQ(show(r.proposed_start), show(e.start));
    EXPECT_EQ(show(r.proposed_end), show(e.end));
    EXPECT_EQ(r.comment, e.comment);
  }
}

class Fixtures : public testing::TestWithParam<Case> {};

TEST_P(Fixtures, ReadAsSent) {
  expect_read(GetParam(), read_reply(fixture(GetParam().file)));
}

// The same bytes with every CRLF turned into LF (what a Maildir or a git checkout may hold) or
// into CR: the same answer.
TEST_P(Fixtures, AnyLineEnds) {
  const std::string crlf = fixture(GetParam().file);
  std::string lf, cr;
  for (std::size_t i = 0; i < crlf.size(); ++i) {
    if (crlf.compare(i, 2, "\r\n") == 0) {
      lf += '\n';
      cr += '\r';
      ++i;
    } else {
      lf += crlf[i];
      cr += crlf[i];
    }
  }
  {
    SCOPED_TRACE("LF line ends");
    expect_read(GetParam(), read_reply(lf));
  }
  {
    SCOPED_TRACE("CR line ends");
    expect_read(GetParam(), read_reply(cr));
  }
}

INSTANTIATE_TEST_SUITE_P(Replies, Fixtures, testing::ValuesIn(kCases),
                         [](const testing::TestParamInfo<Case>& info) {
                           std::string name = info.param.file;
                           for (char& ch : name) {
                             if (ch == '-') ch = '_';
                           }
                           return name;
                         });

// ---- Edges, fed as strings --------------------------------------------------------------------

// A one-part message from li.wei whose body is `calendar` (lines joined with CRLF).
std::string message(const std::string& content_type, const std::vector<std::string>& calendar,
                    const std::string& from = "li.wei@example.org") {
  std::string out = "From: " + from + "\r\nMessage-ID: <m@example.org>\r\nMIME-Version: 1.0\r\n" +
                    "Content-Type: " + content_type + "\r\n\r\n";
  for (const auto& line : calendar)
    out += line + "\r\n";
  return out;
}

std::vector<std::string> counter(const std::vector<std::string>& extra_event_lines,
                                 const std::vector<std::string>& extra_calendar_lines = {}) {
  std::vector<std::string> lines = {"BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//t//t//EN",
                                    "METHOD:COUNTER"};
  lines.insert(lines.end(), extra_calendar_lines.begin(), extra_calendar_lines.end());
  lines.insert(lines.end(), {"BEGIN:VEVENT", std::string("UID:") + kUid,
                             "ATTENDEE;PARTSTAT=TENTATIVE:mailto:li.wei@example.org"});
  lines.insert(lines.end(), extra_event_lines.begin(), extra_event_lines.end());
  lines.insert(lines.end(), {"END:VEVENT", "END:VCALENDAR"});
  return lines;
}

const char* const kCalendar = "text/calendar; charset=UTF-8; method=COUNTER";

TEST(ReadReply, CounterWithDurationEndsAfterIt) {
  const auto got =
      read_reply(message(kCalendar, counter({"DTSTART:20261203T150000Z", "DURATION:PT45M"})));
  ASSERT_EQ(got.replies.size(), 1u) << got.skipped;
  EXPECT_EQ(show(got.replies[0].proposed_end), "2026-12-03T15:45:00Z");
}

TEST(ReadReply, CounterWithoutEndHasNoProposedEnd) {
  const auto got = read_reply(message(kCalendar, counter({"DTSTART:20261203T150000Z"})));
  ASSERT_EQ(got.replies.size(), 1u) << got.skipped;
  EXPECT_EQ(show(got.replies[0].proposed_start), "2026-12-03T15:00:00Z");
  EXPECT_FALSE(got.replies[0].proposed_end);
}

TEST(ReadReply, IanaZoneWithoutVtimezoneUsesLibicalsOwn) {
  const auto got = read_reply(
      message(kCalendar, counter({"DTSTART;TZID=Europe/London:20260701T100000",
                                  "DTEND;TZID=/freeassociation.sourceforge.net/Europe/London:"
                                  "20260701T103000"})));
  ASSERT_EQ(got.replies.size(), 1u) << got.skipped;
  EXPECT_EQ(show(got.replies[0].proposed_start), "2026-07-01T09:00:00Z");
  EXPECT_EQ(show(got.replies[0].proposed_end), "2026-07-01T09:30:00Z");
}

TEST(ReadReply, OwnVtimezoneWinsOverLibicalsZoneOfTheSameName) {
  // A made-up "Europe/London" at UTC+5 all year: the sender's own definition is what they meant.
  const auto got = read_reply(message(
      kCalendar,
      counter({"DTSTART;TZID=Europe/London:20260701T100000"},
              {"BEGIN:VTIMEZONE", "TZID:Europe/London", "BEGIN:STANDARD", "DTSTART:19700101T000000",
               "TZOFFSETFROM:+0500", "TZOFFSETTO:+0500", "END:STANDARD", "END:VTIMEZONE"})));
  ASSERT_EQ(got.replies.size(), 1u) << got.skipped;
  EXPECT_EQ(show(got.replies[0].proposed_start), "2026-07-01T05:00:00Z");
}

TEST(ReadReply, CounterTimesThatCannotBePlacedAreRefused) {
  const std::string unknown =
      "calendar part unreadable: COUNTER DTSTART is a date, floating or in "
      "an unknown zone";
  for (const std::string& dtstart :
       {std::string("DTSTART:20261203T150000"),      // floating
        std::string("DTSTART;VALUE=DATE:20261203"),  // a day
        std::string("DTSTART;TZID=Mars/Olympus_Mons:20261203T150000"),
        std::string("DTSTART;TZID=W. Europe Standard Time:20261203T150000"),  // no VTIMEZONE
        // libical 3.0 would open /usr/share/zoneinfo/../../../../etc/passwd
        std::string("DTSTART;TZID=../../../../etc/passwd:20261203T150000"),
        std::string("DTSTART;TZID=/freeassociation.sourceforge.net/../../../etc/passwd:"
                    "20261203T150000")}) {
    const auto got = read_reply(message(kCalendar, counter({dtstart})));
    EXPECT_TRUE(got.replies.empty()) << dtstart;
    EXPECT_EQ(got.skipped, unknown) << dtstart;
  }
}

TEST(ReadReply, ZonesLibicalCouldNotExpandInTimeAreRefused) {
  // From year 1, every second: libical would expand it for hours.
  const auto started = steady_clock::now();
  const auto got = read_reply(message(
      kCalendar, counter({"DTSTART;TZID=Busy:20261203T150000"},
                         {"BEGIN:VTIMEZONE", "TZID:Busy", "BEGIN:STANDARD",
                          "DTSTART:00010101T000000", "RRULE:FREQ=SECONDLY", "TZOFFSETFROM:+0100",
                          "TZOFFSETTO:+0000", "END:STANDARD", "END:VTIMEZONE"})));
  EXPECT_TRUE(got.replies.empty());
  EXPECT_NE(got.skipped.find("unknown zone"), std::string::npos) << got.skipped;
  EXPECT_LT(steady_clock::now() - started, seconds(2));
  // Every day of every year: yearly, but not one month's rule.
  const auto daily = read_reply(
      message(kCalendar,
              counter({"DTSTART;TZID=Daily:20261203T150000"},
                      {"BEGIN:VTIMEZONE", "TZID:Daily", "BEGIN:STANDARD", "DTSTART:00010101T000000",
                       "RRULE:FREQ=YEARLY;BYDAY=MO,TU,WE,TH,FR,SA,SU", "TZOFFSETFROM:+0100",
                       "TZOFFSETTO:+0000", "END:STANDARD", "END:VTIMEZONE"})));
  EXPECT_TRUE(daily.replies.empty());
}

TEST(ReadReply, TheCostliestZoneAllowedIsQuickToo) {
  // Eight yearly rules from year 1, each on seven days of a month: what tame_zone still lets
  // through.
  std::vector<std::string> zone = {"BEGIN:VTIMEZONE", "TZID:Costly"};
  for (int month = 1; month <= 8; ++month) {
    zone.insert(zone.end(), {"BEGIN:STANDARD", "DTSTART:00010101T000000",
                             "RRULE:FREQ=YEARLY;BYMONTH=" + std::to_string(month) +
                                 ";BYMONTHDAY=8,9,10,11,12,13,14",
                             "TZOFFSETFROM:+0100", "TZOFFSETTO:+0000", "END:STANDARD"});
  }
  zone.push_back("END:VTIMEZONE");
  const auto started = steady_clock::now();
  const auto got =
      read_reply(message(kCalendar, counter({"DTSTART;TZID=Costly:20261203T150000"}, zone)));
  EXPECT_EQ(got.replies.size(), 1u) << got.skipped;
  EXPECT_LT(steady_clock::now() - started, seconds(2));
}

TEST(ReadReply, AMessageGetsSixteenZoneLookups) {
  std::vector<std::string> lines = {"BEGIN:VCALENDAR", "METHOD:COUNTER"};
  for (int i = 0; i < 20; ++i) {
    lines.insert(lines.end(), {"BEGIN:VTIMEZONE", "TZID:Zone " + std::to_string(i),
                               "BEGIN:STANDARD", "DTSTART:19700101T000000", "TZOFFSETFROM:+0100",
                               "TZOFFSETTO:+0100", "END:STANDARD", "END:VTIMEZONE"});
  }
  for (int i = 0; i < 20; ++i) {
    lines.insert(lines.end(),
                 {"BEGIN:VEVENT", "UID:u" + std::to_string(i) + "@example.org",
                  "ATTENDEE:mailto:li.wei@example.org",
                  "DTSTART;TZID=Zone " + std::to_string(i) + ":20261203T150000", "END:VEVENT"});
  }
  lines.push_back("END:VCALENDAR");
  const auto got = read_reply(message(kCalendar, lines));
  ASSERT_EQ(got.replies.size(), 16u);
  EXPECT_EQ(show(got.replies[15].proposed_start), "2026-12-03T14:00:00Z");
}

TEST(ReadReply, LibicalPrintsNothing) {
  testing::internal::CaptureStderr();
  const auto got = read_reply(
      message("text/calendar; method=REPLY",
              {"END:VEVENT", "END:VCALENDAR", "BEGIN:VCALENDAR", "METHOD:REPLY", "BEGIN:VEVENT",
               std::string("UID:") + kUid, "ATTENDEE:mailto:li.wei@example.org", "END:VEVENT",
               "END:VCALENDAR", "END:VCALENDAR"}));
  EXPECT_EQ(testing::internal::GetCapturedStderr(), "");
  EXPECT_EQ(got.replies.size(), 1u) << got.skipped;
}

TEST(ReadReply, AnswererIsTheSenderThenWhoeverAnswered) {
  const auto reply = [](const std::string& from) {
    return message("text/calendar; method=REPLY",
                   {"BEGIN:VCALENDAR", "METHOD:REPLY", "BEGIN:VEVENT", std::string("UID:") + kUid,
                    "ATTENDEE;PARTSTAT=NEEDS-ACTION:mailto:amara@example.org",
                    "ATTENDEE;PARTSTAT=DECLINED:mailto:li.wei@example.org",
                    "ATTENDEE:mailto:third@example.org", "END:VEVENT", "END:VCALENDAR"},
                   from);
  };
  EXPECT_EQ(read_reply(reply("Amara@example.org")).replies.at(0).attendee, "amara@example.org");
  EXPECT_EQ(read_reply(reply("third@example.org")).replies.at(0).attendee, "third@example.org");
  const auto stranger = read_reply(reply("someone@elsewhere.example"));
  EXPECT_EQ(stranger.replies.at(0).attendee, "li.wei@example.org");
  EXPECT_EQ(stranger.replies.at(0).partstat, "DECLINED");
}

TEST(ReadReply, AttendeesThatAreNotAddressesDoNotCount) {
  const auto got = read_reply(
      message("text/calendar",
              {"BEGIN:VCALENDAR", "METHOD:REPLY", "BEGIN:VEVENT", std::string("UID:") + kUid,
               "ATTENDEE;PARTSTAT=ACCEPTED:urn:uuid:6d1f0a5e-3c2b-4e7d-9a8f-0b1c2d3e4f50",
               "ATTENDEE;PARTSTAT=ACCEPTED:mailto:", "END:VEVENT", "END:VCALENDAR"}));
  EXPECT_TRUE(got.replies.empty());
  EXPECT_EQ(got.skipped, "calendar part unreadable: VEVENT without ATTENDEE");
}

TEST(ReadReply, ObjectWithoutMethodFallsBackToTheMimeParameter) {
  const std::vector<std::string> calendar = {"BEGIN:VCALENDAR",
                                             "BEGIN:VEVENT",
                                             std::string("UID:") + kUid,
                                             "ATTENDEE;PARTSTAT=ACCEPTED:mailto:li.wei@example.org",
                                             "END:VEVENT",
                                             "END:VCALENDAR"};
  const auto with = read_reply(message("text/calendar; method=reply", calendar));
  ASSERT_EQ(with.replies.size(), 1u) << with.skipped;
  EXPECT_EQ(with.replies[0].method, "REPLY");
  EXPECT_EQ(read_reply(message("text/calendar", calendar)).skipped,
            "calendar part unreadable: no METHOD");
}

TEST(ReadReply, EveryCalendarOfAPartAndEveryEventCounts) {
  const auto got = read_reply(
      message("application/ics",
              {"BEGIN:VCALENDAR", "METHOD:REPLY", "BEGIN:VEVENT", "UID:one@example.org",
               "ATTENDEE;PARTSTAT=ACCEPTED:mailto:li.wei@example.org", "END:VEVENT", "BEGIN:VEVENT",
               "UID:two@example.org", "ATTENDEE;PARTSTAT=DECLINED:mailto:li.wei@example.org",
               "END:VEVENT", "END:VCALENDAR", "BEGIN:VCALENDAR", "METHOD:REFRESH", "BEGIN:VEVENT",
               "UID:three@example.org", "ATTENDEE:mailto:li.wei@example.org", "END:VEVENT",
               "END:VCALENDAR"}));
  ASSERT_EQ(got.replies.size(), 3u) << got.skipped;
  EXPECT_EQ(got.replies[0].uid, "one@example.org");
  EXPECT_EQ(got.replies[1].partstat, "DECLINED");
  EXPECT_EQ(got.replies[2].method, "REFRESH");
}

TEST(ReadReply, OtherCharsetsBecomeUtf8) {
  std::string raw =
      message("text/calendar; method=REPLY; charset=iso-8859-1",
              {"BEGIN:VCALENDAR", "METHOD:REPLY", "BEGIN:VEVENT", std::string("UID:") + kUid,
               "ATTENDEE;PARTSTAT=DECLINED:mailto:li.wei@example.org", "COMMENT:D\xE9sol\xE9",
               "END:VEVENT", "END:VCALENDAR"});
  const auto got = read_reply(raw);
  ASSERT_EQ(got.replies.size(), 1u) << got.skipped;
  EXPECT_EQ(got.replies[0].comment, "Désolé");
}

TEST(ReadReply, CommentsAreSafeToLog) {
  const auto got = read_reply(
      message("text/calendar; method=REPLY",
              {"BEGIN:VCALENDAR", "METHOD:REPLY", "BEGIN:VEVENT", std::string("UID:") + kUid,
               "ATTENDEE;PARTSTAT=DECLINED:mailto:li.wei@example.org",
               "COMMENT:line\\nbreak\tand \x01 bad \xFF byte " + std::string(600, 'x') + "\\",
               "END:VEVENT", "END:VCALENDAR"}));
  ASSERT_EQ(got.replies.size(), 1u) << got.skipped;
  const std::string& c = got.replies[0].comment;
  EXPECT_EQ(c.rfind("line break and   bad \xEF\xBF\xBD byte xxx", 0), 0u) << c;
  EXPECT_LE(c.size(), 500u);
  EXPECT_TRUE(g_utf8_validate(c.data(), static_cast<gssize>(c.size()), nullptr));
}

TEST(ReadReply, OctetStreamNamedIcsIsACalendar) {
  const auto got = read_reply(
      "From: li.wei@example.org\r\nMIME-Version: 1.0\r\n"
      "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n"
      "Content-Type: application/octet-stream; name=\"reply.ICS\"\r\n"
      "Content-Transfer-Encoding: base64\r\n\r\n"
      // BEGIN:VCALENDAR METHOD:REPLY ... ATTENDEE;PARTSTAT=ACCEPTED:mailto:li.wei@example.org
      "QkVHSU46VkNBTEVOREFSDQpNRVRIT0Q6UkVQTFkNCkJFR0lOOlZFVkVOVA0KVUlEOnhAZXhhbXBs\r\n"
      "ZS5vcmcNCkFUVEVOREVFO1BBUlRTVEFUPUFDQ0VQVEVEOm1haWx0bzpsaS53ZWlAZXhhbXBsZS5v\r\n"
      "cmcNCkVORDpWRVZFTlQNCkVORDpWQ0FMRU5EQVINCg==\r\n--b--\r\n");
  ASSERT_EQ(got.replies.size(), 1u) << got.skipped;
  EXPECT_EQ(got.replies[0].partstat, "ACCEPTED");
}

TEST(ReadReply, ForwardedMessagesAreNotTheSendersAnswer) {
  const auto got = read_reply(
      "From: someone@elsewhere.example\r\nMIME-Version: 1.0\r\n"
      "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n"
      "Content-Type: message/rfc822\r\n\r\n" +
      message(
          "text/calendar; method=REPLY",
          {"BEGIN:VCALENDAR", "METHOD:REPLY", "BEGIN:VEVENT", std::string("UID:") + kUid,
           "ATTENDEE;PARTSTAT=ACCEPTED:mailto:li.wei@example.org", "END:VEVENT", "END:VCALENDAR"}) +
      "--b--\r\n");
  EXPECT_TRUE(got.replies.empty());
  EXPECT_EQ(got.skipped, "no calendar part");
}

TEST(ReadReply, FromInAGroup) {
  const auto got = read_reply("From: Partners: Li Wei <Li.Wei@Example.org>;\r\n\r\nhello\r\n");
  EXPECT_EQ(got.from, "li.wei@example.org");
  EXPECT_EQ(got.skipped, "no calendar part");
}

TEST(ReadReply, OverlargeOrDeepCalendarsAreNotRead) {
  std::vector<std::string> deep = {"BEGIN:VCALENDAR", "METHOD:REPLY"};
  for (int i = 0; i < 20; ++i)
    deep.push_back("BEGIN:X-NEST");
  EXPECT_EQ(read_reply(message("text/calendar", deep)).skipped,
            "calendar part unreadable: components nested too deeply");
  const std::vector<std::string> big = {"BEGIN:VCALENDAR", "X-PAD:" + std::string(1 << 20, 'a'),
                                        "END:VCALENDAR"};
  EXPECT_EQ(read_reply(message("text/calendar", big)).skipped,
            "calendar part unreadable: larger than 1 MiB");
}

TEST(ReadReply, OnlyTheFirstFourCalendarPartsAreRead) {
  // A 25 MiB message of ~1 MiB calendar parts cost half an hour of CPU (issue 12, defect 2).
  std::string raw =
      "From: li.wei@example.org\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; "
      "boundary=b\r\n\r\n";
  for (int i = 0; i < 40; ++i) {
    raw +=
        "--b\r\nContent-Type: text/calendar; method=REPLY\r\n\r\nBEGIN:VCALENDAR\r\n"
        "METHOD:REPLY\r\nBEGIN:VEVENT\r\nUID:u" +
        std::to_string(i) +
        "\r\nATTENDEE;PARTSTAT=ACCEPTED:mailto:li.wei@example.org\r\nEND:VEVENT\r\n"
        "END:VCALENDAR\r\n";
  }
  raw += "--b--\r\n";
  EXPECT_EQ(read_reply(raw).replies.size(), 4u);
}

TEST(ReadReply, NothingUsable) {
  EXPECT_EQ(read_reply("").skipped, "not a MIME message");
  EXPECT_EQ(read_reply(message("text/calendar", {"hello"})).skipped,
            "calendar part unreadable: not iCalendar");
  EXPECT_EQ(read_reply(message("text/calendar", {})).skipped, "calendar part unreadable: empty");
  EXPECT_EQ(read_reply(message("text/calendar", {"BEGIN:VEVENT", "UID:x", "END:VEVENT"})).skipped,
            "calendar part unreadable: no VCALENDAR");
  EXPECT_EQ(
      read_reply(message("text/calendar", {"BEGIN:VCALENDAR", "METHOD:REPLY", "END:VCALENDAR"}))
          .skipped,
      "calendar part unreadable: no VEVENT");
  EXPECT_EQ(read_reply(message("text/calendar", {"BEGIN:VCALENDAR", "METHOD:X-\x01WEIRD",
                                                 "BEGIN:VEVENT", "END:VEVENT", "END:VCALENDAR"}))
                .skipped,
            "METHOD:X-?WEIRD is not a reply");
}

}  // namespace
}  // namespace mentorcal::mail
