// The two messages of a meeting: one per partner, each speaking in that partner's zone, read back
// with GMime's parser (the library INTEROP.md recommends for incoming mail).
#include "mail/compose.h"

#include <gmime/gmime.h>

#include <gtest/gtest.h>

#include "mail/language.h"
#include "mail/notices.h"
#include "mail/pages.h"

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
    pair.mentor = {"Amara Okafor", "amara@example.org", "Africa/Lagos", "en", {}};
    pair.mentee = {"李伟", "li@example.org", "Asia/Kolkata", "en", {}};
    pair.agreement.location = "https://meet.example.org/{pair}?x={pair}";
  }
};

const sys_seconds kNow = sys_days{year{2026} / November / 22} + hours(9);
const sys_seconds kStart = sys_days{year{2026} / November / 30} + hours(8);

// The decoded text/plain body and headers of a message.
struct Read {
  std::string subject, to, from, message_id, text, calendar_method, calendar;
};

// Call `each(message, part)` for every leaf part of the message `bytes`, read with GMime.
template <typename Each>
void parse(const std::string& bytes, Each each) {
  g_mime_init();
  GMimeStream* stream = g_mime_stream_mem_new_with_buffer(bytes.data(), bytes.size());
  GMimeParser* parser = g_mime_parser_new_with_stream(stream);
  GMimeMessage* msg = g_mime_parser_construct_message(parser, nullptr);
  GMimePartIter* it = g_mime_part_iter_new(GMIME_OBJECT(msg));
  do {
    each(msg, g_mime_part_iter_get_current(it));
  } while (g_mime_part_iter_next(it));
  g_mime_part_iter_free(it);
  g_object_unref(msg);
  g_object_unref(parser);
  g_object_unref(stream);
}

std::string text_of(GMimeObject* part) {
  char* t = g_mime_text_part_get_text(GMIME_TEXT_PART(part));
  std::string out = t;
  g_free(t);
  return out;
}

Read read(const std::string& bytes) {
  Read r;
  parse(bytes, [&r](GMimeMessage* msg, GMimeObject* part) {
    if (r.subject.empty()) {
      r.subject = g_mime_message_get_subject(msg);
      r.message_id = g_mime_message_get_message_id(msg);
      char* to = internet_address_list_to_string(g_mime_message_get_to(msg), nullptr, FALSE);
      r.to = to;
      g_free(to);
      char* from = internet_address_list_to_string(g_mime_message_get_from(msg), nullptr, FALSE);
      r.from = from;
      g_free(from);
    }
    GMimeContentType* type = g_mime_object_get_content_type(part);
    if (g_mime_content_type_is_type(type, "text", "plain")) {
      r.text = text_of(part);
    } else if (g_mime_content_type_is_type(type, "text", "calendar")) {
      r.calendar_method = g_mime_content_type_get_parameter(type, "method");
      r.calendar = text_of(part);
    }
  });
  return r;
}

// The bytes of each text part, transfer-decoded but not converted from their charset, with the
// charset they declare.
std::vector<std::pair<std::string, std::string>> text_parts(const std::string& bytes) {
  std::vector<std::pair<std::string, std::string>> out;
  parse(bytes, [&out](GMimeMessage*, GMimeObject* part) {
    GMimeContentType* type = g_mime_object_get_content_type(part);
    if (!GMIME_IS_PART(part) || !g_mime_content_type_is_type(type, "text", "*")) return;
    GByteArray* array = g_byte_array_new();
    GMimeStream* sink = g_mime_stream_mem_new_with_byte_array(array);
    g_mime_stream_mem_set_owner(GMIME_STREAM_MEM(sink), FALSE);
    g_mime_data_wrapper_write_to_stream(g_mime_part_get_content(GMIME_PART(part)), sink);
    const char* charset = g_mime_content_type_get_parameter(type, "charset");
    out.emplace_back(charset ? charset : "",
                     std::string(reinterpret_cast<char*>(array->data), array->len));
    g_object_unref(sink);
    g_byte_array_free(array, TRUE);
  });
  return out;
}

// Issue 13: text that fits ISO-8859-1 ("María") went out as ISO-8859-1 bytes under a label that
// said UTF-8. Every kind of letter, every text part: the UTF-8 bytes of the names.
TEST(Compose, EveryTextPartIsTheUtf8ItDeclares) {
  config::ProgrammeInfo info;
  info.name = "Programa de mentoría";
  info.organiser_name = "Equipo de mentoría";
  info.organiser_email = "mentoring@example.org";
  info.admin_emails = {"admin@example.org"};
  info.timezone = "Europe/Madrid";
  PairView pair;
  pair.id = "maria-sofia";
  pair.mentor = {"María González", "maria@example.org", "America/New_York", "es", {}};
  pair.mentee = {"Sofía Marín", "sofia@example.org", "Europe/Madrid", "en", {}};
  std::vector<std::string> letters;
  for (const auto method :
       {ical::Method::request, ical::Method::cancel, ical::Method::declinecounter}) {
    const MeetingNotice n{method,
                          "u@example.org",
                          method == ical::Method::request ? 0 : 1,
                          kStart,
                          kStart + hours(1),
                          false,
                          base::Phrase("it is too soon"),
                          ""};
    for (const auto& m : compose(info, pair, n, kNow))
      letters.push_back(m.bytes);
  }
  DigestFacts facts;
  facts.week = kNow;
  facts.pairs = 1;
  facts.flagged.push_back(
      {"maria-sofia", "María González", "Sofía Marín", {{"at-risk", base::Phrase("ñ")}}});
  for (const auto& m : compose_digest(info, facts, "digest", kNow))
    letters.push_back(m.bytes);
  for (const auto& m : compose_nudge(
           info, pair, {kStart, kStart + days(30), 0, 0, 1, base::Phrase("why")}, "nudge", kNow))
    letters.push_back(m.bytes);
  for (const auto kind : {PairLetter::closing, PairLetter::continue_, PairLetter::review}) {
    for (const auto& m : compose_pair_letter(info, pair, kind, Ending::goals_met, "l", kNow))
      letters.push_back(m.bytes);
  }
  ASSERT_EQ(letters.size(), 15u);
  int parts = 0;
  for (const auto& bytes : letters) {
    for (const auto& [charset, text] : text_parts(bytes)) {
      ++parts;
      EXPECT_EQ(charset, "UTF-8");
      EXPECT_NE(text.find("Mar\xC3\xAD"), std::string::npos) << text;  // María or Marín
      EXPECT_EQ(text.find("Mar\xED"), std::string::npos) << "ISO-8859-1 bytes: " << text;
    }
  }
  EXPECT_EQ(parts, 6 * 2 + 2 + 2 + 6);  // calendar parts too; the digest has text and HTML
}

TEST(Language, TagsFindTheirCatalog) {
  EXPECT_EQ(catalog_for("es"), "es");
  EXPECT_EQ(catalog_for("es-MX"), "es");
  EXPECT_EQ(catalog_for("es-419"), "es");
  EXPECT_EQ(catalog_for("pt-BR"), "pt_BR");
  EXPECT_EQ(catalog_for("PT-br"), "pt_BR");
  EXPECT_EQ(catalog_for("pt"), "pt_BR");
  EXPECT_EQ(catalog_for("de-AT"), "de");
  EXPECT_EQ(catalog_for("fr-CA"), "fr");
  EXPECT_EQ(catalog_for("en-GB"), "en");
  EXPECT_EQ(catalog_for("zh-Hant-TW"), "");
  EXPECT_EQ(catalog_for("ar"), "");
  EXPECT_EQ(languages(), (std::vector<std::string>{"en", "de", "es", "fr", "pt_BR"}));
  EXPECT_EQ(Language("zh").name(), "en");  // no catalog: English
}

TEST(Language, DatesInTheReadersWords) {
  const date::local_seconds t{date::local_days{date::year{2026} / 12 / 16} + hours(14)};
  const auto long_date = [&](const char* tag, const char* pattern) {
    return Language(tag).format(t, Language(tag).translate(pattern));
  };
  EXPECT_EQ(long_date("en", "%A %d %B %Y, %H:%M"), "Wednesday 16 December 2026, 14:00");
  EXPECT_EQ(long_date("es", "%A %d %B %Y, %H:%M"), "miércoles 16 de diciembre de 2026, 14:00");
  EXPECT_EQ(long_date("fr", "%A %d %B %Y, %H:%M"), "mercredi 16 décembre 2026, 14:00");
  EXPECT_EQ(long_date("pt-BR", "%A %d %B %Y, %H:%M"),
            "quarta-feira, 16 de dezembro de 2026, 14:00");
  EXPECT_EQ(long_date("de", "%A %d %B %Y, %H:%M"), "Mittwoch, 16. Dezember 2026, 14:00");
}

// Dates are written once per language, pattern and time (issue 14): a text written again, from
// the cache, is the same, and the language and the pattern each still choose their own.
TEST(Language, ADateWrittenAgainIsTheSame) {
  const date::local_seconds t{date::local_days{date::year{2027} / 3 / 3} + hours(9)};
  const Language es("es");
  const Language en("en");
  const auto first = es.format(t, "%A %d %B");
  EXPECT_EQ(first, "miércoles 03 marzo");
  EXPECT_EQ(es.format(t, "%A %d %B"), first);
  EXPECT_EQ(en.format(t, "%A %d %B"), "Wednesday 03 March");
  EXPECT_EQ(es.format(t, "%a %d %b"), "mié 03 mar");
  EXPECT_EQ(es.format(t + hours(1), "%H:%M"), "10:00");
  EXPECT_EQ(es.format(t, "%H:%M"), "09:00");
}

// Issue 13: the scheduler's reasons and flags (base::Phrase) in the reader's words: the pattern
// from the catalog, days in the catalog's date patterns with ICU's names, counts as numerals.
TEST(Language, SaysTheSchedulersPhrasesInTheReadersWords) {
  using base::Phrase;
  const auto away = Phrase("{{name}} is away ({{note}}) from {{from}} to {{to}}")
                        .with("name", "Li")
                        .with("note", "vacaciones")
                        .with("from", Phrase::Day{year{2027} / 2 / 1})
                        .with("to", Phrase::Day{year{2027} / 2 / 10});
  EXPECT_EQ(Language("en").say(away), "Li is away (vacaciones) from 2027-02-01 to 2027-02-10");
  EXPECT_EQ(Language("es").say(away),
            "Li está ausente (vacaciones) del lun 1 feb 2027 al mié 10 feb 2027");
  const auto held =
      Phrase("{{period}}: {{held}} of {{asked}} meetings held (minimum {{minimum}})")
          .with("period",
                Phrase("{{month}}")
                    .with("month", Phrase::Day{year{2026} / 11 / 1, Phrase::Day::As::month}))
          .with("held", 0)
          .with("asked", 2)
          .with("minimum", 1);
  EXPECT_EQ(Language("es").say(held), "noviembre de 2026: 0 de 2 reuniones celebradas (mínimo 1)");
  EXPECT_EQ(Language("de").say(held), "November 2026: 0 von 2 Treffen gehalten (Minimum 1)");
  const auto habit =
      Phrase(
          "{{name}} declined {{count}} {{weekday}} {{time}} meetings; {{name}}'s availability "
          "may be out of date")
          .with("name", "Li")
          .with("count", 2, true)
          .with("weekday", Phrase::Day{year{2026} / 12 / 16, Phrase::Day::As::weekday})
          .with("time", "13:00");
  EXPECT_EQ(Language("fr").say(habit),
            "Li a refusé 2 réunions du mercredi à 13:00 ; les disponibilités de Li ne sont "
            "peut-être plus à jour");
  // A pattern no catalog has keeps its English words, with the values in the reader's.
  EXPECT_EQ(Language("es").say(
                Phrase("not in any catalog: {{d}}").with("d", Phrase::Day{year{2027} / 2 / 1})),
            "not in any catalog: lun 1 feb 2027");
}

// A programme in Spanish with one admin.
Fixture spanish_admins() {
  Fixture f;
  f.info.language = "es";
  f.info.admin_emails = {"coordinator@example.org"};
  return f;
}

TEST(Compose, TheDigestsFlagsAreInTheProgrammesLanguage) {
  const auto f = spanish_admins();
  DigestFacts facts;
  facts.week = kNow;
  facts.pairs = 3;
  facts.flagged.push_back(
      {"amara-li",
       "Amara Okafor",
       "李伟",
       {{"review-due",
         base::Phrase("the agreement was due for review on {{day}} ({{months}} months after it "
                      "started); record the review with `mentorcal pair review {{pair}}`")
             .with("day", base::Phrase::Day{year{2026} / 12 / 1})
             .with("months", 3)
             .with("pair", "amara-li")}}});
  const auto out = compose_digest(f.info, facts, "digest", kNow);
  ASSERT_FALSE(out.empty());
  const auto digest = read(out[0].bytes);
  EXPECT_NE(digest.text.find("  - revisión pendiente (review-due): el acuerdo debía revisarse el "
                             "mar 1 dic 2026 (3 meses después de su inicio); registra la revisión "
                             "con `mentorcal pair review amara-li`"),
            std::string::npos)
      << digest.text;
  EXPECT_EQ(digest.text.find("the agreement"), std::string::npos) << digest.text;
}

// Issue 15: partners' requests are listed in the digest (text and HTML), in the programme's
// language.
TEST(Compose, TheDigestListsPartnersRequests) {
  const auto f = spanish_admins();
  DigestFacts facts;
  facts.week = kNow;
  facts.requests.push_back(base::Phrase("{{person}} asks to pause {{pair}} ({{reason}})")
                               .with("person", "diego")
                               .with("pair", "maria-diego")
                               .with("reason", base::Phrase("busy schedules or lost touch")));
  const auto out = compose_digest(f.info, facts, "digest", kNow);
  ASSERT_FALSE(out.empty());
  const auto digest = read(out[0].bytes);
  EXPECT_NE(digest.text.find("  - diego pide pausar maria-diego (agendas ocupadas o contacto "
                             "perdido)"),
            std::string::npos)
      << digest.text;
  const auto parts = text_parts(out[0].bytes);
  EXPECT_TRUE(std::any_of(parts.begin(), parts.end(), [](const auto& p) {
    return p.second.find("<li>diego pide pausar maria-diego") != std::string::npos;
  }));
  facts.requests.clear();
  EXPECT_EQ(
      read(compose_digest(f.info, facts, "digest", kNow)[0].bytes).text.find("mentorcal status"),
      std::string::npos);
}

TEST(Compose, ANudgeAndARefusalSayWhyInTheReadersLanguage) {
  Fixture f;
  f.pair.mentor = {"María González", "maria@example.org", "America/New_York", "es", ""};
  const auto why =
      base::Phrase("{{period}}: the only free times left are times a partner declined")
          .with("period", base::Phrase("{{month}}")
                              .with("month", base::Phrase::Day{year{2026} / 12 / 1,
                                                               base::Phrase::Day::As::month}));
  const auto nudge =
      compose_nudge(f.info, f.pair, {kStart, kStart + days(31), 0, 0, 1, why}, "nudge", kNow);
  ASSERT_EQ(nudge.size(), 2u);
  EXPECT_NE(read(nudge[0].bytes)
                .text.find("Lo que lo impide: diciembre de 2026: los únicos huecos libres que "
                           "quedan son horas que uno de los dos rechazó."),
            std::string::npos)
      << read(nudge[0].bytes).text;
  EXPECT_NE(read(nudge[1].bytes)
                .text.find("What stands in the way: December 2026: the only free times left are "
                           "times a partner declined."),
            std::string::npos)
      << read(nudge[1].bytes).text;

  const MeetingNotice refusal{
      ical::Method::declinecounter,
      "u@example.org",
      1,
      kStart,
      kStart + hours(1),
      false,
      base::Phrase("it is less than {{hours}} hours away").with("hours", 24),
      "counter-1"};
  const auto out = compose(f.info, f.pair, refusal, kNow);
  const auto maria = read(out[0].bytes);
  EXPECT_NE(maria.text.find("es dentro de menos de 24 horas"), std::string::npos) << maria.text;
  EXPECT_NE(maria.calendar.find("COMMENT:es dentro de menos de 24 horas"), std::string::npos)
      << maria.calendar;
  EXPECT_NE(read(out[1].bytes).text.find("it is less than 24 hours away"), std::string::npos);
}

TEST(Compose, EachPartnerReadsTheirOwnLanguage) {
  Fixture f;
  f.pair.mentor = {"María González", "maria@example.org", "America/New_York", "es", {}};
  const MeetingNotice n{ical::Method::request, "u@example.org", 0,  kStart,
                        kStart + hours(1),     false,           {}, {}};
  const auto out = compose(f.info, f.pair, n, kNow);
  const auto maria = read(out[0].bytes);
  EXPECT_EQ(maria.subject, "Mentoría con 李伟, lun 30 nov, 03:00");
  EXPECT_NE(maria.text.find("Hola, María González:"), std::string::npos) << maria.text;
  // The labels' column fits the widest, "Formato:".
  auto lines = maria.text;
  std::erase(lines, '\r');
  EXPECT_NE(lines.find("Cuándo:   lunes 30 de noviembre de 2026, 03:00-04:00 "
                       "(America/New_York)\n"
                       "          es decir, lun 30 nov, 13:30-14:30 para 李伟 (Asia/Kolkata)\n"
                       "Formato:  videollamada\n"
                       "Dónde:    https://"),
            std::string::npos)
      << maria.text;
  EXPECT_NE(maria.text.find("novedades desde la última reunión"), std::string::npos);
  EXPECT_EQ(maria.text.find("Hello"), std::string::npos);
  EXPECT_NE(maria.calendar.find("SUMMARY:Mentoría: María González y 李伟"), std::string::npos)
      << maria.calendar;
  const auto li = read(out[1].bytes);
  EXPECT_EQ(li.subject, "Mentoring with María González, Mon 30 Nov 13:30");
  EXPECT_NE(li.text.find("Hello 李伟,"), std::string::npos);
}

TEST(Compose, EachPartnerLetterCarriesTheirOwnLinkAndNoOneElses) {
  Fixture f;
  f.pair.mentor.link = "https://m.example.org/p/" + std::string(43, 'A');
  f.pair.mentee.link = "https://m.example.org/p/" + std::string(43, 'B');
  f.pair.mentor.language = "de";
  for (const auto method :
       {ical::Method::request, ical::Method::cancel, ical::Method::declinecounter}) {
    const MeetingNotice n{method, "u@example.org", 1, kStart, kStart + hours(1), false, {}, {}};
    const auto out = compose(f.info, f.pair, n, kNow);
    const auto mentor = read(out[0].bytes);
    const auto mentee = read(out[1].bytes);
    EXPECT_NE(mentor.text.find("\n" + f.pair.mentor.link), std::string::npos) << mentor.text;
    EXPECT_EQ(mentor.text.find(f.pair.mentee.link), std::string::npos);
    EXPECT_NE(mentor.text.find("Deine eigene Seite"), std::string::npos) << mentor.text;
    EXPECT_NE(mentee.text.find(f.pair.mentee.link), std::string::npos) << mentee.text;
    EXPECT_EQ(mentee.text.find(f.pair.mentor.link), std::string::npos);
  }
  // Without a link, not a word about one.
  f.pair.mentor.link.clear();
  const MeetingNotice n{ical::Method::request, "u@example.org", 0,  kStart,
                        kStart + hours(1),     false,           {}, {}};
  EXPECT_EQ(read(compose(f.info, f.pair, n, kNow)[0].bytes).text.find("/p/"), std::string::npos);
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

// Issue 15: the partner page's availability form, "continue?" question and pause/end request, in
// the reader's language; their confirmation letters decode and carry the reader's link.
TEST(PartnerPage, FormsStartFromTodaysWindowsInTheReadersLanguage) {
  PersonPage page;
  page.programme = "Programm";
  page.me = {"Jakob", "jakob@example.org", "Europe/Berlin", "de", {}};
  page.action = "/p/TOKEN";
  page.csrf = "CSRF";
  page.can_availability = true;
  page.windows = {{1, "09:00", "12:00"}, {4, "18:00", "20:00"}, {}};
  page.to_continue = {{"ana-jakob", "Ana"}};
  page.can_ask = true;
  page.pairs = {{"ana-jakob", "Ana"}};
  const auto html = render_person_page(page);
  EXPECT_NE(html.find(R"(<option value="Mon" selected>Montag</option>)"), std::string::npos);
  EXPECT_NE(html.find(R"(<option value="Thu" selected>Donnerstag</option>)"), std::string::npos);
  EXPECT_NE(html.find(R"(name="start1" type="text")"), std::string::npos);
  EXPECT_NE(html.find(R"(value="09:00")"), std::string::npos);
  EXPECT_NE(html.find(R"(id="start3")"), std::string::npos);  // a blank row to add one
  EXPECT_NE(html.find(R"(action="/p/TOKEN/availability")"), std::string::npos);
  EXPECT_NE(html.find("Möchtest du mit Ana weitermachen?"), std::string::npos);
  EXPECT_NE(html.find(R"(action="/p/TOKEN/continue")"), std::string::npos);
  EXPECT_NE(html.find(R"(action="/p/TOKEN/ask")"), std::string::npos);
  EXPECT_NE(html.find(R"(<option value="lost-contact">Volle Terminkalender)"), std::string::npos);
  EXPECT_EQ(html.find("style="), std::string::npos);
  page.can_availability = false;
  page.can_ask = false;
  page.to_continue.clear();
  const auto bare = render_person_page(page);
  EXPECT_EQ(bare.find("/availability"), std::string::npos);
  EXPECT_EQ(bare.find("/ask"), std::string::npos);
  EXPECT_EQ(bare.find("/continue"), std::string::npos);
}

TEST(PartnerPage, ConfirmationLettersDecodeInTheirLanguageWithTheirLink) {
  Fixture f;
  const Partner jakob{"Jakob", "jakob@example.org", "Europe/Berlin", "de",
                      "https://m.example.org/p/TOKEN"};
  const auto words = windows_words("de", {{1, "09:00", "12:00"}, {4, "18:00", "20:00"}});
  EXPECT_EQ(words, "Montag 09:00–12:00, Donnerstag 18:00–20:00");
  const auto windows =
      read(compose_windows_confirmation(f.info, jakob, words, "availability-jakob-1", kNow).bytes);
  EXPECT_EQ(windows.subject, "Du hast deine wöchentliche Verfügbarkeit geändert");
  EXPECT_NE(windows.text.find("Montag 09:00–12:00, Donnerstag 18:00–20:00"), std::string::npos);
  EXPECT_NE(windows.text.find("https://m.example.org/p/TOKEN"), std::string::npos);
  EXPECT_NE(windows.to.find("jakob@example.org"), std::string::npos);

  const Partner claire{"Claire", "claire@example.org", "Europe/Paris", "fr",
                       "https://m.example.org/p/OTHER"};
  const auto pause = read(
      compose_request_confirmation(f.info, claire, {{"ana-claire", "Ana"}, "pause", "lost-contact"},
                                   "asked-1-claire", kNow)
          .bytes);
  EXPECT_EQ(pause.subject, "Vous avez demandé de suspendre votre binôme avec Ana");
  EXPECT_NE(pause.text.find("des emplois du temps chargés"), std::string::npos) << pause.text;
  EXPECT_NE(pause.text.find("https://m.example.org/p/OTHER"), std::string::npos);
  EXPECT_EQ(pause.message_id, "asked-1-claire@example.org");
  const auto no =
      read(compose_request_confirmation(f.info, claire, {{"ana-claire", "Ana"}, "continue-no", ""},
                                        "asked-2-claire", kNow)
               .bytes);
  EXPECT_EQ(no.subject, "Vous préférez ne pas continuer avec Ana");
  EXPECT_EQ(no.text.find("Votre raison"), std::string::npos);
}

}  // namespace
}  // namespace mentorcal::mail
