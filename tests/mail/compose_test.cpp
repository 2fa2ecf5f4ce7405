// The two messages of a meeting: one per partner, each speaking in that partner's zone, read back
// with GMime's parser (the library INTEROP.md recommends for incoming mail).
#include "mail/compose.h"

#include <gmime/gmime.h>

#include <gtest/gtest.h>

namespace mentorcal::mail {
namespace {

using namespace std::chrono;

struct Fixture {
  config::ProgrammeInfo info;
  PairView pair;
  Fixture() {
    info.name = "Programa de mentoría";
    info.organiser_name = "Mentoring Team";
    info.organiser_email = "mentoring@example.org";
    info.timezone = "Europe/London";
    pair.id = "amara-li";
    pair.mentor = {"Amara Okafor", "amara@example.org", "Africa/Lagos"};
    pair.mentee = {"李伟", "li@example.org", "Asia/Kolkata"};
    pair.agreement.location = "https://meet.example.org/{pair}?x={pair}";
  }
};

const sys_seconds kNow = sys_days{year{2026} / November / 22} + hours(9);
const sys_seconds kStart = sys_days{year{2026} / November / 30} + hours(8);

// The decoded text/plain body and headers of a message.
struct Read {
  std::string subject, to, from, message_id, text, calendar_method;
};

Read read(const std::string& bytes) {
  g_mime_init();
  GMimeStream* stream = g_mime_stream_mem_new_with_buffer(bytes.data(), bytes.size());
  GMimeParser* parser = g_mime_parser_new_with_stream(stream);
  GMimeMessage* msg = g_mime_parser_construct_message(parser, nullptr);
  Read r;
  r.subject = g_mime_message_get_subject(msg);
  r.message_id = g_mime_message_get_message_id(msg);
  char* to = internet_address_list_to_string(g_mime_message_get_to(msg), nullptr, FALSE);
  r.to = to;
  g_free(to);
  char* from = internet_address_list_to_string(g_mime_message_get_from(msg), nullptr, FALSE);
  r.from = from;
  g_free(from);
  GMimePartIter* it = g_mime_part_iter_new(GMIME_OBJECT(msg));
  do {
    GMimeObject* part = g_mime_part_iter_get_current(it);
    GMimeContentType* type = g_mime_object_get_content_type(part);
    if (g_mime_content_type_is_type(type, "text", "plain")) {
      char* t = g_mime_text_part_get_text(GMIME_TEXT_PART(part));
      r.text = t;
      g_free(t);
    } else if (g_mime_content_type_is_type(type, "text", "calendar")) {
      r.calendar_method = g_mime_content_type_get_parameter(type, "method");
    }
  } while (g_mime_part_iter_next(it));
  g_mime_part_iter_free(it);
  g_object_unref(msg);
  g_object_unref(parser);
  g_object_unref(stream);
  return r;
}

TEST(Compose, OneMessagePerPartnerInTheirOwnZone) {
  Fixture f;
  const MeetingNotice n{ical::Method::request,
                        "amara-li-00ff@example.org",
                        0,
                        kStart,
                        kStart + minutes(30),
                        true,
                        {},
                        {}};
  const auto out = compose(f.info, f.pair, n, kNow);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].recipient, "amara@example.org");
  EXPECT_EQ(out[1].recipient, "li@example.org");
  EXPECT_EQ(out[0].message_id, "amara-li-00ff.0.r0@example.org");
  EXPECT_EQ(out[1].message_id, "amara-li-00ff.0.r1@example.org");

  const auto mentor = read(out[0].bytes);
  EXPECT_EQ(mentor.subject, "Getting to know you with 李伟, Mon 30 Nov 09:00");  // Lagos is UTC+1
  EXPECT_EQ(mentor.from, "Mentoring Team <mentoring@example.org>");
  EXPECT_EQ(mentor.to, "Amara Okafor <amara@example.org>");
  EXPECT_EQ(mentor.message_id, "amara-li-00ff.0.r0@example.org");
  EXPECT_EQ(mentor.calendar_method, "REQUEST");
  EXPECT_NE(mentor.text.find("Monday 30 November 2026, 09:00-09:30 (Africa/Lagos)"),
            std::string::npos)
      << mentor.text;
  EXPECT_NE(mentor.text.find("that is Mon 30 Nov 13:30-14:00 for 李伟 (Asia/Kolkata)"),
            std::string::npos);
  EXPECT_NE(mentor.text.find("30-minute getting-to-know-you session"), std::string::npos);
  EXPECT_NE(mentor.text.find("Where:   https://meet.example.org/amara-li?x=amara-li"),
            std::string::npos);
  EXPECT_NE(mentor.text.find("your mentee"), std::string::npos);

  const auto mentee = read(out[1].bytes);
  EXPECT_EQ(mentee.subject, "Getting to know you with Amara Okafor, Mon 30 Nov 13:30");
  EXPECT_NE(mentee.text.find("Hello 李伟,"), std::string::npos);
  EXPECT_NE(mentee.text.find("your mentor"), std::string::npos);
}

TEST(Compose, RegularMeetingsCarryTheAgendaPrompts) {
  Fixture f;
  const MeetingNotice n{ical::Method::request, "u@example.org", 0,  kStart,
                        kStart + hours(1),     false,           {}, {}};
  const auto text = read(compose(f.info, f.pair, n, kNow)[0].bytes).text;
  for (const char* prompt : {"updates since you last met", "the topics you want to discuss",
                             "action items", "the date and format of your next meeting"}) {
    EXPECT_NE(text.find(prompt), std::string::npos) << prompt;
  }
  EXPECT_EQ(text.find("getting-to-know-you"), std::string::npos);
}

TEST(Compose, UpdatesAndCancellationsSaySo) {
  Fixture f;
  const MeetingNotice update{ical::Method::request, "u@example.org", 2,  kStart,
                             kStart + hours(1),     false,           {}, {}};
  const auto u = read(compose(f.info, f.pair, update, kNow)[0].bytes);
  EXPECT_EQ(u.subject.rfind("New time: Mentoring with 李伟", 0), 0u) << u.subject;
  EXPECT_EQ(u.message_id, "u.2.r0@example.org");
  EXPECT_NE(u.text.find("has a new time"), std::string::npos);

  const MeetingNotice cancel{ical::Method::cancel, "u@example.org", 3,  kStart,
                             kStart + hours(1),    false,           {}, {}};
  const auto c = read(compose(f.info, f.pair, cancel, kNow)[1].bytes);
  EXPECT_EQ(c.subject.rfind("Cancelled: Mentoring with Amara Okafor", 0), 0u) << c.subject;
  EXPECT_EQ(c.calendar_method, "CANCEL");
  EXPECT_EQ(c.message_id, "u.3.c1@example.org");
  EXPECT_NE(c.text.find("is cancelled"), std::string::npos);
}

TEST(Compose, BytesAreCrlfAndShortLined) {
  Fixture f;
  f.pair.mentor.name = std::string(300, 'x');  // a long name still folds
  const MeetingNotice n{ical::Method::request, "u@example.org", 0,  kStart,
                        kStart + hours(1),     false,           {}, {}};
  for (const auto& m : compose(f.info, f.pair, n, kNow)) {
    std::size_t at = 0;
    for (std::size_t next; (next = m.bytes.find('\n', at)) != std::string::npos; at = next + 1) {
      ASSERT_GT(next, 0u);
      EXPECT_EQ(m.bytes[next - 1], '\r') << "bare LF at " << next;
      EXPECT_LE(next - at, 999u);
    }
  }
}

}  // namespace
}  // namespace mentorcal::mail
