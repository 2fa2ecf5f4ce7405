// Bad programme files: each must fail with an error at the right FILE:LINE:COLUMN that names the
// key.
#include <string>

#include <gtest/gtest.h>

#include "config/load.h"

namespace mentorcal::config {
namespace {

// Lines 1-5: a valid [programme].
const std::string kHead = R"([programme]
name = "P"
organiser_email = "o@example.org"
timezone = "UTC"
admin_emails = ["a@example.org"]
)";

// Lines 6-15: two valid people, after kHead.
const std::string kPeople = R"([[person]]
id = "amara"
name = "Amara"
email = "amara@example.org"
available = ["Mon 09:00-12:00"]
[[person]]
id = "li"
name = "Li"
email = "li@example.org"
available = ["Mon 09:00-12:00"]
)";

// Lines 16-19 of a pair, after kHead + kPeople; a case appends its own lines from line 20.
const std::string kPair = R"([[pair]]
mentor = "amara"
mentee = "li"
started = 2026-11-02
)";

struct Case {
  std::string name;
  std::string text;
  int line;
  int column;
  std::string needle;  // must appear in the message: the key, and what is wrong
};

std::string person(const std::string& extra) {
  return kHead + "[[person]]\nid = \"amara\"\nname = \"Amara\"\nemail = \"amara@example.org\"\n" +
         extra;
}

const Case kCases[] = {
    // [programme]
    {"missing_organiser", "[programme]\nname = \"P\"\ntimezone = \"UTC\"\n", 1, 1,
     "programme.organiser_email: missing"},
    {"organiser_typo",
     "[programme]\nname = \"P\"\norganizer_email = \"o@example.org\"\ntimezone = \"UTC\"\n", 3, 1,
     "programme.organizer_email: unknown key (did you mean \"organiser_email\"?)"},
    {"unknown_zone",
     "[programme]\nname = \"P\"\norganiser_email = \"o@example.org\"\ntimezone = "
     "\"Europe/Londn\"\n",
     4, 12, "programme.timezone: \"Europe/Londn\" is not a time zone"},
    {"organiser_not_address",
     "[programme]\nname = \"P\"\norganiser_email = \"mentoring@\"\ntimezone = \"UTC\"\n", 3, 19,
     "programme.organiser_email: \"mentoring@\" is not an e-mail address"},
    {"unknown_top_level", kHead + "[x]\n", 6, 2, "x: unknown key"},
    {"admin_element",
     "[programme]\nname = \"P\"\norganiser_email = \"o@example.org\"\ntimezone = \"UTC\"\n"
     "admin_emails = [\"a@example.org\", \"bob at example.org\"]\n",
     5, 34, "programme.admin_emails: \"bob at example.org\" is not an e-mail address"},
    {"digest_day", kHead + "digest = \"Someday 08:00\"\n", 6, 10,
     "programme.digest: \"Someday\" is not a weekday"},
    {"digest_time", kHead + "digest = \"Mon 25:00\"\n", 6, 10,
     "programme.digest: \"25:00\" is not a time of day"},
    {"state_url_password", kHead + "state = \"postgresql://m:secret@db.example.org/m\"\n", 6, 9,
     "programme.state: holds a password: inline passwords are not allowed"},
    {"state_url_password_option",
     kHead + "state = \"postgres://m@db.example.org/m?password=secret\"\n", 6, 9,
     "programme.state: holds a password"},
    {"state_url_port", kHead + "state = \"postgresql://m@db.example.org:99999/m\"\n", 6, 9,
     "programme.state: has a bad port"},
    {"state_url_no_database", kHead + "state = \"postgresql://m@db.example.org\"\n", 6, 9,
     "programme.state: names no database"},
    {"state_url_no_host", kHead + "state = \"postgresql://m@/m\"\n", 6, 9,
     "programme.state: names no server"},
    {"state_url_option", kHead + "state = \"postgresql://m@db/m?sslmode\"\n", 6, 9,
     "programme.state: has an option \"sslmode\" without a value"},
    {"state_password_both", kHead + "state_password_file = \"p\"\nstate_password_env = \"P\"\n", 7,
     22, "programme.state_password_env: give state_password_file or state_password_env, not both"},
    {"nudges_type", kHead + "nudges = \"yes\"\n", 6, 10,
     "programme.nudges: expected true or false"},
    {"name_newline",
     "[programme]\nname = \"A\\nBcc: x@example.org\"\norganiser_email = \"o@example.org\"\n"
     "timezone = \"UTC\"\n",
     2, 8, "programme.name: the text contains a line break"},
    {"name_control", kHead + "organiser_name = \"Team\\u0007\"\n", 6, 18,
     "programme.organiser_name: the text contains the control character 0x07"},
    {"name_rtl_override", kHead + "organiser_name = \"Team\\u202Egpj.exe\"\n", 6, 18,
     "programme.organiser_name: the text contains the invisible format character U+202E"},
    {"name_line_separator", kHead + "organiser_name = \"Team\\u2028\"\n", 6, 18,
     "programme.organiser_name: the text contains the invisible format character U+2028"},
    {"name_nel", kHead + "organiser_name = \"Team\\u0085\"\n", 6, 18,
     "programme.organiser_name: the text contains the invisible format character U+0085"},
    {"name_zero_width", kHead + "organiser_name = \"Te\\u200Bam\"\n", 6, 18,
     "programme.organiser_name: the text contains the invisible format character U+200B"},
    {"language_word", kHead + "language = \"español\"\n", 6, 12,
     "programme.language: \"español\" is not a BCP 47 language tag"},
    {"language_underscore", kHead + "language = \"pt_BR\"\n", 6, 12,
     "programme.language: \"pt_BR\" is not a BCP 47 language tag"},
    {"person_language", person("language = \"e\"\n"), 10, 12,
     "person.language: \"e\" is not a BCP 47 language tag"},
    {"person_language_type", person("language = 3\n"), 10, 12,
     "person.language: expected a string"},
    {"no_programme", "[scheduling]\nhorizon_weeks = 8\n", 1, 1, "programme: missing"},
    {"programme_not_table", "programme = 3\n", 1, 13,
     "programme: expected a table, found an integer"},
    {"unknown_table", kHead + "[schedule]\nhorizon_weeks = 8\n", 6, 2,
     "schedule: unknown key (did you mean \"scheduling\"?)"},
    // [scheduling]
    {"horizon_zero", kHead + "[scheduling]\nhorizon_weeks = 0\n", 7, 17,
     "scheduling.horizon_weeks: 0 is out of range"},
    {"step_uneven", kHead + "[scheduling]\nslot_step_minutes = 7\n", 7, 21,
     "scheduling.slot_step_minutes: 7 does not divide a day"},
    {"buffer_type", kHead + "[scheduling]\nbuffer_minutes = \"10\"\n", 7, 18,
     "scheduling.buffer_minutes: expected a whole number, found a string"},
    {"per_day_negative", kHead + "[scheduling]\nmax_meetings_per_day = -1\n", 7, 24,
     "scheduling.max_meetings_per_day: -1 is out of range"},
    {"scheduling_typo", kHead + "[scheduling]\nhorizon = 8\n", 7, 1,
     "scheduling.horizon: unknown key (did you mean \"horizon_weeks\"?)"},
    // [agreement]
    {"cadence_typo", kHead + "[agreement]\ncadance = \"2/month\"\n", 7, 1,
     "agreement.cadance: unknown key (did you mean \"cadence\"?)"},
    {"cadence_period", kHead + "[agreement]\ncadence = \"3/fortnight\"\n", 7, 11,
     "agreement.cadence: unknown period \"fortnight\""},
    {"cadence_zero", kHead + "[agreement]\ncadence = \"0/month\"\n", 7, 11,
     "agreement.cadence: \"0/month\": the number of meetings"},
    {"cadence_block", kHead + "[agreement]\ncadence = \"every 60 weeks\"\n", 7, 11,
     "agreement.cadence: every 60 weeks: the block must be 1 to 52 weeks"},
    {"minimum_above", kHead + "[agreement]\ncadence = \"2/month\"\nminimum = \"3/month\"\n", 8, 11,
     "agreement.minimum: \"3/month\" must ask for no more than the cadence \"2/month\""},
    {"minimum_other_period", kHead + "[agreement]\nminimum = \"1/week\"\n", 7, 11,
     "agreement.minimum: \"1/week\" must ask for no more than the cadence \"2/month\""},
    {"duration_zero", kHead + "[agreement]\nduration_minutes = 0\n", 7, 20,
     "agreement.duration_minutes: 0 is out of range"},
    {"first_negative", kHead + "[agreement]\nfirst_meeting_minutes = -5\n", 7, 25,
     "agreement.first_meeting_minutes: -5 is out of range"},
    {"min_months_zero", kHead + "[agreement]\nmin_months = 0\n", 7, 14,
     "agreement.min_months: 0 is out of range"},
    {"format_unknown", kHead + "[agreement]\nformat = \"zoom\"\n", 7, 10,
     "agreement.format: \"zoom\" is not one of: video | phone | in-person"},
    {"location_tab", kHead + "[agreement]\nlocation = \"Room\\t4\"\n", 7, 12,
     "agreement.location: the text contains a tab"},
    // [mail]
    {"transport_unknown", kHead + "[mail]\ntransport = \"pigeon\"\n", 7, 13,
     "mail.transport: \"pigeon\" is not one of: smtp | directory"},
    {"smtp_without_table", kHead + "[mail]\ntransport = \"smtp\"\n", 6, 1,
     "mail.transport: \"smtp\" needs an [smtp] table"},
    {"directory_empty", kHead + "[mail]\ndirectory = \"\"\n", 7, 13, "mail.directory: is empty"},
    // [smtp]
    {"inline_password",
     kHead + "[smtp]\nurl = \"smtps://mail.example.org\"\npassword = \"hunter2\"\n", 8, 1,
     "smtp.password: inline passwords are not allowed"},
    {"starttls_off_remote",
     kHead + "[smtp]\nurl = \"smtp://mail.example.org:587\"\nstarttls = \"off\"\n", 8, 12,
     "smtp.starttls: \"off\" would send the password in clear text to mail.example.org"},
    {"smtp_scheme", kHead + "[smtp]\nurl = \"http://mail.example.org\"\n", 7, 7,
     "smtp.url: the scheme \"http\" is not supported here"},
    {"smtp_url_missing", kHead + "[smtp]\nusername = \"m\"\n", 6, 1, "smtp.url: missing"},
    {"smtp_url_shape", kHead + "[smtp]\nurl = \"mail.example.org\"\n", 7, 7,
     "smtp.url: \"mail.example.org\" is not a server URL"},
    {"secret_both",
     kHead +
         "[smtp]\nurl = \"smtps://m.example.org\"\npassword_file = \"p\"\npassword_env = \"P\"\n",
     9, 16, "smtp.password_env: give password_file or password_env, not both"},
    {"secret_env_name",
     kHead + "[smtp]\nurl = \"smtps://m.example.org\"\npassword_env = \"1BAD\"\n", 8, 16,
     "smtp.password_env: \"1BAD\" is not an environment variable name"},
    {"smtp_timeout", kHead + "[smtp]\nurl = \"smtps://m.example.org\"\ntimeout_seconds = 0\n", 8,
     19, "smtp.timeout_seconds: 0 is out of range"},
    {"starttls_word", kHead + "[smtp]\nurl = \"smtp://localhost:25\"\nstarttls = \"maybe\"\n", 8,
     12, "smtp.starttls: \"maybe\" is not one of: required | off"},
    // [web] (issue 15)
    {"web_base_url_missing", kHead + "[web]\nlisten = \"127.0.0.1:8080\"\n", 6, 1,
     "web.base_url: missing"},
    {"web_base_url_http", kHead + "[web]\nbase_url = \"http://mentoring.example.org\"\n", 7, 12,
     "web.base_url: use https://"},
    {"web_base_url_query", kHead + "[web]\nbase_url = \"https://m.example.org/x?y=1\"\n", 7, 12,
     "web.base_url: may not have a query"},
    {"web_listen_name",
     kHead + "[web]\nbase_url = \"https://m.example.org\"\nlisten = \"localhost:8080\"\n", 8, 10,
     "web.listen: \"localhost:8080\" is not address:port"},
    {"web_listen_port",
     kHead + "[web]\nbase_url = \"https://m.example.org\"\nlisten = \"127.0.0.1:70000\"\n", 8, 10,
     "web.listen: \"127.0.0.1:70000\" is not address:port"},
    {"web_ability",
     kHead + "[web]\nbase_url = \"https://m.example.org\"\nabilities = [\"decline\", \"fly\"]\n", 8,
     25,
     "web.abilities: \"fly\" is not one of: decline | away | availability | continue | "
     "pause-or-end"},
    {"person_web_ability", person("web_abilities = [\"travel\"]\n"), 10, 18,
     "person.web_abilities: \"travel\" is not one of: decline | away | availability | continue | "
     "pause-or-end"},
    // [imap]
    {"imap_userinfo",
     kHead + "[imap]\nurl = \"imaps://bob@mail.example.org/INBOX\"\nusername = \"m\"\n", 7, 7,
     "imap.url: \"imaps://bob@mail.example.org/INBOX\" is not a server URL"},
    {"imap_username", kHead + "[imap]\nurl = \"imaps://mail.example.org/INBOX\"\n", 6, 1,
     "imap.username: missing"},
    {"imap_starttls_off",
     kHead +
         "[imap]\nurl = \"imap://mail.example.org/INBOX\"\nusername = \"m\"\nstarttls = \"off\"\n",
     9, 12, "imap.starttls: \"off\" would send the password in clear text"},
    // [[person]]
    {"person_id_case",
     kHead + "[[person]]\nid = \"Amara\"\nname = \"A\"\nemail = \"a@example.org\"\n", 7, 6,
     "person.id: \"Amara\" may only use a-z"},
    {"person_duplicate",
     kHead + kPeople + "[[person]]\nid = \"li\"\nname = \"Li 2\"\nemail = \"l2@example.org\"\n", 17,
     6, "person.id: duplicate person id \"li\" (first used on line 12)"},
    {"person_email", kHead + "[[person]]\nid = \"a\"\nname = \"A\"\nemail = \"a@@example.org\"\n",
     9, 9, "person.email: \"a@@example.org\" is not an e-mail address"},
    {"person_injection",
     kHead + "[[person]]\nid = \"a\"\nname = \"A\"\nemail = \"a@example.org\\r\\nBcc: "
             "x@example.org\"\n",
     9, 9, "person.email: the text contains a carriage return"},
    {"person_zone", person("timezone = \"Mars/Olympus\"\n"), 10, 12,
     "person.timezone: \"Mars/Olympus\" is not a time zone"},
    {"window_reversed", person("available = [\"Mon 12:00-09:00\"]\n"), 10, 14,
     "person.available: \"Mon 12:00-09:00\": the window must end after it starts"},
    {"window_weekday", person("available = [\"Mon 09:00-10:00\", \"Funday 09:00-10:00\"]\n"), 10,
     33, "person.available: \"Funday\" is not a weekday"},
    {"window_shape", person("available = [\"Mon 9-12\"]\n"), 10, 14,
     "person.available: \"9\" is not a time"},
    {"window_past_midnight", person("available = [\"Mon 09:00-24:30\"]\n"), 10, 14,
     "person.available: \"24:30\" is not a time of day"},
    {"window_not_array", person("available = \"Mon 09:00-12:00\"\n"), 10, 13,
     "person.available: expected an array"},
    {"window_not_string", person("available = [900]\n"), 10, 14,
     "person.available: expected a string like \"Mon 09:00-12:00\", found an integer"},
    {"away_reversed", person("away = [{ from = 2027-01-04, to = 2026-12-21 }]\n"), 10, 35,
     "person.away.to: the range is reversed"},
    {"away_missing_to", person("away = [{ from = 2027-01-04 }]\n"), 10, 9,
     "person.away.to: missing"},
    {"away_extra_key", person("away = [{ from = 2027-01-04, to = 2027-01-05, reason = \"x\" }]\n"),
     10, 47, "person.away.reason: unknown key"},
    {"away_string_date", person("away = [{ from = \"2027-01-04\", to = 2027-01-05 }]\n"), 10, 18,
     "person.away.from: expected a date like 2026-11-02 (no quotes), found a string"},
    {"feed_scheme", person("busy_calendar = \"ftp://cal.example.org/a.ics\"\n"), 10, 17,
     "person.busy_calendar: \"ftp://cal.example.org/a.ics\" is not a feed URL"},
    {"redirect_network_bad",
     person("busy_calendar = \"https://c.example.org/a.ics\"\n"
            "busy_calendar_redirects_to = [\"10.0.0.0/8\", \"10.1.2.3/8\"]\n"),
     11, 45,
     "person.busy_calendar_redirects_to: expected a network like \"10.20.0.0/16\", \"fd00::/8\" "
     "or \"192.168.1.5\", found \"10.1.2.3/8\""},
    {"redirect_without_feed", person("busy_calendar_redirects_to = [\"10.0.0.0/8\"]\n"), 10, 30,
     "person.busy_calendar_redirects_to: is set but the person has no busy_calendar"},
    {"per_week_zero", person("max_meetings_per_week = 0\n"), 10, 25,
     "person.max_meetings_per_week: 0 is out of range"},
    {"person_single_table", kHead + "[person]\nid = \"a\"\n", 6, 1,
     "person: expected tables written as [[person]]"},
    {"person_name_missing", kHead + "[[person]]\nid = \"a\"\nemail = \"a@example.org\"\n", 6, 1,
     "person.name: missing"},
    // [[pair]]
    {"pair_unknown_mentee",
     kHead + kPeople + "[[pair]]\nmentor = \"amara\"\nmentee = \"zed\"\nstarted = 2026-11-02\n", 18,
     10, "pair.mentee: no [[person]] has the id \"zed\""},
    {"pair_same_person",
     kHead + kPeople + "[[pair]]\nmentor = \"li\"\nmentee = \"li\"\nstarted = 2026-11-02\n", 18, 10,
     "pair.mentee: \"li\" cannot mentor themselves"},
    {"pair_started_missing", kHead + kPeople + "[[pair]]\nmentor = \"amara\"\nmentee = \"li\"\n",
     16, 1, "pair.started: missing"},
    {"pair_started_string",
     kHead + kPeople + "[[pair]]\nmentor = \"amara\"\nmentee = \"li\"\nstarted = \"2026-11-02\"\n",
     19, 11, "pair.started: expected a date like 2026-11-02 (no quotes)"},
    {"pair_ends_before", kHead + kPeople + kPair + "ends = 2026-10-01\n", 20, 8,
     "pair.ends: 2026-10-01 is not after started = 2026-11-02"},
    {"pair_status_word", kHead + kPeople + kPair + "status = \"finished\"\n", 20, 10,
     "pair.status: \"finished\" is not one of: active | paused | ended"},
    {"pair_ended_no_date",
     kHead + kPeople + kPair + "status = \"ended\"\nended_reason = \"goals-met\"\n", 20, 10,
     "pair.status: a pair with status = \"ended\" needs ended_on"},
    {"pair_ended_no_reason",
     kHead + kPeople + kPair + "status = \"ended\"\nended_on = 2026-12-01\n", 20, 10,
     "pair.status: a pair with status = \"ended\" needs ended_reason"},
    {"pair_reason_word",
     kHead + kPeople + kPair +
         "status = \"ended\"\nended_on = 2026-12-01\nended_reason = \"bored\"\n",
     22, 16, "pair.ended_reason: \"bored\" is not one of: goals-met"},
    {"pair_ended_before_start",
     kHead + kPeople + kPair +
         "status = \"ended\"\nended_on = 2026-10-01\nended_reason = \"other\"\n",
     21, 12, "pair.ended_on: 2026-10-01 is before started = 2026-11-02"},
    {"pair_duplicate_id", kHead + kPeople + kPair + kPair, 22, 10,
     "pair.mentee: duplicate pair id \"amara-li\""},
    {"pair_bad_id", kHead + kPeople + kPair + "id = \"Amara Li\"\n", 20, 6,
     "pair.id: \"Amara Li\" may only use"},
    {"pair_cadence_typo", kHead + kPeople + kPair + "cadance = \"1/month\"\n", 20, 1,
     "pair.cadance: unknown key (did you mean \"cadence\"?)"},
    {"pair_cadence_bad", kHead + kPeople + kPair + "cadence = \"twice a month\"\n", 20, 11,
     "pair.cadence: \"twice a month\" is not a cadence"},
    {"pair_password", kHead + kPeople + kPair + "password = \"x\"\n", 20, 1,
     "pair.password: inline passwords"},
    // The file itself
    {"syntax", kHead + "horizon_weeks = = 8\n", 6, 17, "TOML syntax"},
    // Inputs that break toml++'s internal assertions (config/toml.h): an error, not an abort.
    {"toml_assert_table_newline", "[\n0x.", 1, 2, "TOML syntax"},
    {"toml_assert_array_brace", kHead + "a = [}\n", 6, 6, "TOML syntax"},
    {"utf8", kHead + "[agreement]\nlocation = \"Caf\xC3\" \n", 7, 16,
     "the file is not valid UTF-8 here"},
};

void PrintTo(const Case& c, std::ostream* os) {
  *os << c.name;
}

class BadConfig : public testing::TestWithParam<Case> {};

TEST_P(BadConfig, FailsAtTheKey) {
  const Case& c = GetParam();
  const auto loaded = parse_programme(c.text, "t.toml", "/base");
  ASSERT_FALSE(loaded.has_value()) << "accepted:\n" << c.text;
  std::string all;
  for (const auto& d : loaded.error()) {
    all += d.text() + "\n";
    if (d.severity == Diagnostic::Severity::error && d.line == c.line && d.column == c.column &&
        d.message.find(c.needle) != std::string::npos) {
      EXPECT_EQ(d.file, "t.toml");
      EXPECT_EQ(
          d.text().rfind(
              "t.toml:" + std::to_string(c.line) + ":" + std::to_string(c.column) + ": error: ", 0),
          0u);
      return;
    }
  }
  ADD_FAILURE() << "no error at " << c.line << ":" << c.column << " containing [" << c.needle
                << "]; got:\n"
                << all;
}

INSTANTIATE_TEST_SUITE_P(Table, BadConfig, testing::ValuesIn(kCases),
                         [](const testing::TestParamInfo<Case>& info) { return info.param.name; });

TEST(BadConfig, ReportsEveryMistakeAtOnce) {
  const std::string text =
      kHead + "[agreement]\ncadance = \"2/month\"\nformat = \"zoom\"\n" +
      "[[person]]\nid = \"a\"\nname = \"A\"\nemail = \"nope\"\ntimezone = \"Nowhere/City\"\n" +
      "available = [\"Mon 12:00-09:00\"]\n";
  const auto loaded = parse_programme(text, "t.toml", "/base");
  ASSERT_FALSE(loaded);
  int errors = 0;
  for (const auto& d : loaded.error())
    errors += d.severity == Diagnostic::Severity::error;
  EXPECT_EQ(errors, 5);
}

}  // namespace
}  // namespace mentorcal::config
