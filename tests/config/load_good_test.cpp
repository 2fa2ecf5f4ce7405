// Valid programme files: the examples load, defaults and overrides land where DESIGN.md §4 says.
#include <algorithm>
#include <string>

#include <gtest/gtest.h>

#include "config/load.h"

namespace mentorcal::config {
namespace {

using std::chrono::minutes;
using namespace std::chrono_literals;

const std::filesystem::path kExamples =
    std::filesystem::path(MENTORCAL_SOURCE_DIR) / "packaging/examples";

Loaded load_ok(const std::string& text) {
  auto loaded = parse_programme(text, "t.toml", "/etc/mentorcal");
  if (!loaded) {
    std::string all;
    for (const auto& d : loaded.error())
      all += d.text() + "\n";
    ADD_FAILURE() << all;
    return {};
  }
  return std::move(*loaded);
}

bool has_warning(const Loaded& l, int line, const std::string& needle) {
  return std::any_of(l.warnings.begin(), l.warnings.end(), [&](const Diagnostic& d) {
    return d.severity == Diagnostic::Severity::warning && d.line == line &&
           d.message.find(needle) != std::string::npos;
  });
}

const std::string kMinimal = R"([programme]
name = "P"
organiser_email = "o@example.org"
timezone = "Europe/London"
admin_emails = ["a@example.org"]
[[person]]
id = "amara"
name = "Amara"
email = "amara@example.org"
timezone = "Africa/Lagos"
available = ["Mon 09:00-12:00", "wednesday 14:00-24:00"]
[[person]]
id = "li"
name = "Li"
email = "li@example.org"
available = ["Mon 09:00-12:00"]
[[pair]]
mentor = "amara"
mentee = "li"
started = 2026-11-02
)";

TEST(GoodConfig, ExamplesLoadWithoutWarnings) {
  for (const auto* name : {"demo.toml", "mentorcal.toml"}) {
    const auto loaded = load_programme(kExamples / name);
    ASSERT_TRUE(loaded) << name << ": " << loaded.error().front().text();
    EXPECT_TRUE(loaded->warnings.empty()) << name << ": " << loaded->warnings.front().text();
  }
}

TEST(GoodConfig, DemoIsTheProgrammeTheReadmePromises) {
  const auto loaded = load_programme(kExamples / "demo.toml");
  ASSERT_TRUE(loaded);
  const Programme& p = loaded->programme;
  EXPECT_EQ(p.people.size(), 8u);
  EXPECT_EQ(p.pairs.size(), 5u);
  EXPECT_EQ(p.mail.transport, Transport::directory);
  EXPECT_EQ(p.mail.directory, kExamples / "outbox");
  EXPECT_EQ(p.programme.state, kExamples / "demo-state.sqlite3");
  EXPECT_EQ(p.source, kExamples / "demo.toml");
  // A mentor with two mentees.
  EXPECT_EQ(std::count_if(p.pairs.begin(), p.pairs.end(),
                          [](const Pair& x) { return x.mentor == "amara"; }),
            2);
}

TEST(GoodConfig, APostgresqlStateIsKeptAsWrittenWithItsPasswordFile) {
  std::string text = kMinimal;
  const std::string admins = "admin_emails = [\"a@example.org\"]\n";
  text.replace(text.find(admins), admins.size(),
               admins +
                   "state = \"postgresql://mentorcal@db.example.org:5433/mentoring"
                   "?sslrootcert=/etc/mentorcal/db-ca.pem\"\n"
                   "state_password_file = \"db-password\"\n");
  const auto l = load_ok(text);
  EXPECT_EQ(l.programme.programme.state.native(),
            "postgresql://mentorcal@db.example.org:5433/mentoring?sslrootcert=/etc/mentorcal/"
            "db-ca.pem");  // not resolved against the config's folder like a file
  EXPECT_EQ(l.programme.programme.state_password.file.filename(), "db-password");
  EXPECT_TRUE(l.programme.programme.state_password.file.is_absolute());
}

TEST(GoodConfig, DefaultsFollowTheDesign) {
  const auto l = load_ok(kMinimal);
  const Programme& p = l.programme;
  EXPECT_EQ(p.programme.organiser_name, "P");
  EXPECT_TRUE(p.programme.digest.enabled);
  EXPECT_EQ(p.programme.digest.day, std::chrono::Monday);
  EXPECT_EQ(p.programme.digest.time, 8h);
  EXPECT_TRUE(p.programme.nudges);
  EXPECT_TRUE(p.programme.state.empty());
  EXPECT_TRUE(p.programme.state_password.file.empty());
  EXPECT_EQ(p.scheduling.horizon_weeks, 8);
  EXPECT_EQ(p.scheduling.min_notice_hours, 48);
  EXPECT_EQ(p.scheduling.slot_step_minutes, 15);
  EXPECT_EQ(p.scheduling.buffer_minutes, 10);
  EXPECT_EQ(p.scheduling.max_meetings_per_day, 2);
  EXPECT_EQ(p.scheduling.plan_every_minutes, 15);
  EXPECT_EQ(p.agreement.cadence.text(), "2/month");
  EXPECT_EQ(p.agreement.minimum.text(), "2/month");
  EXPECT_EQ(p.agreement.duration, 60min);
  EXPECT_EQ(p.agreement.first_meeting, 30min);
  EXPECT_EQ(p.agreement.min_months, 4);
  EXPECT_EQ(p.agreement.format, Format::video);
  EXPECT_EQ(p.mail.transport, Transport::directory);
  EXPECT_EQ(p.mail.directory, std::filesystem::path("/etc/mentorcal/outbox"));
  EXPECT_FALSE(p.smtp);
  EXPECT_FALSE(p.imap);
  ASSERT_EQ(p.people.size(), 2u);
  EXPECT_EQ(p.people[1].timezone, "Europe/London");  // the programme's zone
  EXPECT_EQ(p.programme.language, "en");
  EXPECT_EQ(p.people[1].language, "en");
  ASSERT_EQ(p.people[0].available.size(), 2u);
  EXPECT_EQ(p.people[0].available[1], (Window{std::chrono::Wednesday, 14h, 24h}));
  ASSERT_EQ(p.pairs.size(), 1u);
  EXPECT_EQ(p.pairs[0].id, "amara-li");
  EXPECT_EQ(p.pairs[0].status, PairStatus::active);
  EXPECT_EQ(p.pairs[0].started,
            std::chrono::year_month_day(std::chrono::year(2026), std::chrono::November,
                                        std::chrono::day(2)));
  EXPECT_TRUE(l.warnings.empty());
}

TEST(GoodConfig, PairOverridesAndMinimumResolution) {
  const auto l = load_ok(kMinimal + R"(cadence = "4/month"
duration_minutes = 45
format = "in-person"
location = "Room {pair}"
[[pair]]
id = "li-amara"
mentor = "li"
mentee = "amara"
started = 2026-11-02
cadence = "1/week"
[agreement]
cadence = "2/month"
minimum = "1/month"
first_meeting_minutes = 0
)");
  const auto& pairs = l.programme.pairs;
  ASSERT_EQ(pairs.size(), 2u);
  // The programme minimum fits 4/month, so it stays.
  EXPECT_EQ(pairs[0].agreement.cadence.text(), "4/month");
  EXPECT_EQ(pairs[0].agreement.minimum.text(), "1/month");
  EXPECT_EQ(pairs[0].agreement.duration, 45min);
  EXPECT_EQ(pairs[0].agreement.first_meeting, 0min);  // from [agreement]
  EXPECT_EQ(pairs[0].agreement.format, Format::in_person);
  EXPECT_EQ(pairs[0].agreement.location, "Room {pair}");
  // 1/month cannot be a minimum of a weekly cadence: the cadence is its own minimum.
  EXPECT_EQ(pairs[1].agreement.cadence.text(), "1/week");
  EXPECT_EQ(pairs[1].agreement.minimum.text(), "1/week");
  EXPECT_EQ(pairs[1].agreement.format, Format::video);
}

TEST(GoodConfig, WarningsForSuspiciousButLegalThings) {
  const auto l = load_ok(R"([programme]
name = "P"
organiser_email = "o@example.org"
timezone = "UTC"
[[person]]
id = "amara"
name = "Amara"
email = "amara@example.org"
[[person]]
id = "li"
name = "Li"
email = "li@example.org"
available = ["Mon 09:00-12:00"]
[[person]]
id = "sam"
name = "Sam"
email = "sam@example.org"
available = ["Mon 09:00-12:00"]
[[pair]]
mentor = "amara"
mentee = "li"
started = 2026-11-02
ends = 2027-01-31
ended_on = 2027-01-01
)");
  EXPECT_TRUE(has_warning(l, 1, "no admin e-mail is set"));
  EXPECT_TRUE(has_warning(l, 6, "amara has no availability"));
  EXPECT_TRUE(has_warning(l, 15, "\"sam\" is in no pair"));
  EXPECT_TRUE(has_warning(l, 23, "shorter than the minimum of 4 months"));
  EXPECT_TRUE(has_warning(l, 24, "ended_on: ignored"));
  EXPECT_EQ(l.warnings.size(), 5u);
}

TEST(GoodConfig, SecretsAndServers) {
  const auto l = load_ok(kMinimal + R"([mail]
transport = "smtp"
directory = "/var/spool/mentorcal"
[smtp]
url = "smtp://127.0.0.1:2525"
starttls = "off"
username = "m"
password_file = "secrets/smtp"
ca_file = "/etc/ssl/ca.pem"
[imap]
url = "imaps://mail.example.org/INBOX"
username = "m"
password_env = "IMAP_PASSWORD"
)");
  const Programme& p = l.programme;
  EXPECT_EQ(p.mail.transport, Transport::smtp);
  EXPECT_EQ(p.mail.directory, std::filesystem::path("/var/spool/mentorcal"));
  ASSERT_TRUE(p.smtp);
  EXPECT_EQ(p.smtp->starttls, StartTls::off);  // loopback: allowed
  EXPECT_EQ(p.smtp->password.file, std::filesystem::path("/etc/mentorcal/secrets/smtp"));
  EXPECT_EQ(p.smtp->timeout_seconds, 30);
  ASSERT_TRUE(p.imap);
  EXPECT_EQ(p.imap->password.env, "IMAP_PASSWORD");
  EXPECT_EQ(p.imap->poll_minutes, 5);
}

TEST(GoodConfig, UnicodeTextIsKept) {
  const auto l = load_ok(R"([programme]
name = "Programa de mentoría"
organiser_name = "Zoë O'Brien-Núñez, \"Jo\"; 李伟"
organiser_email = "o@example.org"
timezone = "UTC"
digest = "off"
)");
  EXPECT_EQ(l.programme.programme.organiser_name, "Zoë O'Brien-Núñez, \"Jo\"; 李伟");
  EXPECT_FALSE(l.programme.programme.digest.enabled);
}

TEST(GoodConfig, LanguagesDefaultToTheProgrammes) {
  const auto l = load_ok(R"([programme]
name = "P"
organiser_email = "o@example.org"
timezone = "UTC"
language = "es"
digest = "off"
[[person]]
id = "maria"
name = "María"
email = "maria@example.org"
available = ["Mon 09:00-12:00"]
[[person]]
id = "li"
name = "Li"
email = "li@example.org"
language = "zh-Hant-TW"
available = ["Mon 09:00-12:00"]
[[pair]]
mentor = "maria"
mentee = "li"
started = 2026-11-02
)");
  const auto& p = l.programme;
  EXPECT_EQ(p.programme.language, "es");
  EXPECT_EQ((std::pair{p.programme.language_place.line, p.programme.language_place.column}),
            (std::pair{5, 12}));
  EXPECT_EQ(p.people[0].language, "es");  // the programme's
  EXPECT_EQ(p.people[1].language, "zh-Hant-TW");
  EXPECT_EQ((std::pair{p.people[1].language_place.line, p.people[1].language_place.column}),
            (std::pair{16, 12}));
}

// Issue 15: every ability is on by default; the admin switches each off programme-wide
// ([web] abilities) or for one person (web_abilities).
TEST(GoodConfig, PartnersAbilitiesDefaultToAllAndAreSwitchedOffByName) {
  const std::string web = "[web]\nbase_url = \"https://m.example.org\"\n";
  const auto all = load_ok(kMinimal + web);
  ASSERT_TRUE(all.programme.web);
  EXPECT_EQ(all.programme.web->abilities,
            (std::vector<Ability>{Ability::decline, Ability::away, Ability::availability,
                                  Ability::continue_, Ability::pause_or_end}));
  auto text = kMinimal + web + "abilities = [\"decline\", \"continue\", \"pause-or-end\"]\n";
  text.insert(text.find("id = \"li\"\n") + 10, "web_abilities = [\"availability\", \"away\"]\n");
  const auto some = load_ok(text);
  EXPECT_EQ(some.programme.web->abilities,
            (std::vector<Ability>{Ability::decline, Ability::continue_, Ability::pause_or_end}));
  EXPECT_EQ(some.programme.person("li")->web_abilities,
            (std::vector<Ability>{Ability::availability, Ability::away}));
  EXPECT_FALSE(some.programme.person("amara")->web_abilities);
}

}  // namespace
}  // namespace mentorcal::config
