// ical::read_busy_feed. First the fixtures of tests/ical/feeds/: each NAME.ics gives exactly the
// busy times in NAME.busy, which feed_compare.py checks against a second implementation
// (python3-recurring-ical-events). Then the rules of mail/feed.h one by one on small feeds, the
// limits, the traps of libical 3.0, and jumping into a long series against walking all of it.
#include "ical/feed.h"

#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>

#include <gtest/gtest.h>

namespace mentorcal::ical {
namespace {

using namespace std::chrono;

const std::string kFeeds = std::string(MENTORCAL_SOURCE_DIR) + "/tests/ical/feeds/";

sys_seconds at(const std::string& text) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  if (std::sscanf(text.c_str(), "%d-%d-%dT%d:%d:%dZ", &y, &mo, &d, &h, &mi, &s) != 6)
    throw std::runtime_error("bad time " + text);
  return sys_days{year{y} / mo / d} + hours(h) + minutes(mi) + seconds(s);
}

std::string text(sys_seconds t) {
  const auto day = floor<days>(t);
  const year_month_day ymd{day};
  const hh_mm_ss hms{t - day};
  char out[64];
  std::snprintf(out, sizeof out, "%04d-%02u-%02uT%02ld:%02ld:%02ldZ", int(ymd.year()),
                unsigned(ymd.month()), unsigned(ymd.day()), long(hms.hours().count()),
                long(hms.minutes().count()), long(hms.seconds().count()));
  return out;
}

std::vector<std::string> lines(const std::vector<BusyTime>& busy) {
  std::vector<std::string> out;
  for (const auto& b : busy)
    out.push_back(text(b.begin) + " " + text(b.end));
  return out;
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

const auto kNoneOurs = [](std::string_view) { return false; };

// Every warning must contain the matching piece, in order, and there are no others.
void expect_warnings(const std::vector<std::string>& got, const std::vector<std::string>& want) {
  ASSERT_EQ(got.size(), want.size()) << [&] {
    std::string all;
    for (const auto& w : got)
      all += "\n  " + w;
    return "warnings:" + all;
  }();
  for (std::size_t i = 0; i < want.size(); ++i)
    EXPECT_NE(got[i].find(want[i]), std::string::npos) << got[i] << "\n  wanted: " << want[i];
}

// ---- the fixtures ----------------------------------------------------------------------------

struct Expected {
  std::string zone;
  sys_seconds from, to;
  std::set<std::string, std::less<>> ours;
  std::vector<std::string> busy;
};

Expected read_expected(const std::string& name) {
  Expected e;
  std::istringstream in(slurp(kFeeds + name + ".busy"));
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    if (line[0] != '#') {
      e.busy.push_back(line);
      continue;
    }
    const auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    const std::string key = line.substr(2, colon - 2);
    std::istringstream value(line.substr(colon + 1));
    std::string word;
    value >> word;
    if (key == "zone") e.zone = word;
    if (key == "from") e.from = at(word);
    if (key == "to") e.to = at(word);
    if (key == "ours")
      for (; value; value >> word)
        e.ours.insert(word);
  }
  return e;
}

struct FixtureCase {
  std::string name;
  int events;
  std::vector<std::string> warnings;
};

std::ostream& operator<<(std::ostream& os, const FixtureCase& c) {
  return os << c.name;
}

class Fixture : public testing::TestWithParam<FixtureCase> {};

TEST_P(Fixture, GivesTheExpectedBusyTimes) {
  const auto& c = GetParam();
  const auto want = read_expected(c.name);
  ASSERT_FALSE(want.zone.empty()) << c.name << ".busy has no zone";
  std::vector<std::string> asked;
  const auto reading = read_busy_feed(slurp(kFeeds + c.name + ".ics"), want.from, want.to,
                                      want.zone, [&](std::string_view uid) {
                                        asked.emplace_back(uid);
                                        return want.ours.count(uid) > 0;
                                      });
  ASSERT_TRUE(reading) << reading.error();
  EXPECT_EQ(lines(reading->busy), want.busy);
  EXPECT_EQ(reading->events, c.events);
  expect_warnings(reading->warnings, c.warnings);
  for (const auto& uid : want.ours)
    EXPECT_NE(std::find(asked.begin(), asked.end(), uid), asked.end()) << uid << " never asked";
}

INSTANTIATE_TEST_SUITE_P(
    Feeds, Fixture,
    testing::Values(
        FixtureCase{"london_weekly_dst", 1, {}},  // 09:00 London is 09:00Z, then 08:00Z
        FixtureCase{"sydney_weekly_dst", 1, {}},  // 10:00 Sydney is 23:00Z, then 00:00Z
        FixtureCase{"exdate", 1, {}}, FixtureCase{"rdate", 1, {}},
        FixtureCase{"overrides", 6, {}},  // moved, cancelled, transparent, moved out and in
        FixtureCase{"count_until", 3, {}},
        FixtureCase{"all_day", 5, {}},   // whole days in New York, one across DST
        FixtureCase{"floating", 3, {}},  // Los Angeles; a time in the gap, one in the fold
        FixtureCase{"transparent_cancelled", 6, {}}, FixtureCase{"freebusy", 1, {}},
        FixtureCase{"ours", 4, {}},
        FixtureCase{"windows_tzid", 1, {}},  // "FLE Standard Time" with its VTIMEZONE
        FixtureCase{"missing_dtstart",
                    3,
                    {"event 'no-start@example.org' skipped: no DTSTART",
                     "event 'bad-start@example.org': libical dropped a bad property: ",
                     "event 'bad-start@example.org' skipped: no DTSTART"}},
        FixtureCase{"outlook", 5, {}},  // W. Europe Standard Time from 1601, EXDATE, override
        FixtureCase{"google", 7, {}}),  // X-WR-TIMEZONE, overrides, UTC singles, all-day
    [](const testing::TestParamInfo<FixtureCase>& info) { return info.param.name; });

TEST(Feed, GarbageIsAnError) {
  const auto reading = read_busy_feed(slurp(kFeeds + "garbage.ics"), at("2026-03-01T00:00:00Z"),
                                      at("2026-04-01T00:00:00Z"), "Europe/London", kNoneOurs);
  ASSERT_FALSE(reading);
  EXPECT_NE(reading.error().find("not iCalendar"), std::string::npos) << reading.error();
}

// ---- one rule at a time ------------------------------------------------------------------------

const std::string kLondon = R"(BEGIN:VTIMEZONE
TZID:Europe/London
BEGIN:DAYLIGHT
TZOFFSETFROM:+0000
TZOFFSETTO:+0100
DTSTART:19700329T010000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
END:DAYLIGHT
BEGIN:STANDARD
TZOFFSETFROM:+0100
TZOFFSETTO:+0000
DTSTART:19701025T020000
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
END:STANDARD
END:VTIMEZONE
)";

std::string calendar(const std::string& body) {
  return "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//mentorcal tests//EN\n" + body + "END:VCALENDAR\n";
}

std::string event(const std::string& uid, const std::string& props) {
  return "BEGIN:VEVENT\nUID:" + uid + "\nDTSTAMP:20260101T000000Z\n" + props + "END:VEVENT\n";
}

struct Case {
  std::string name;
  std::string ics;
  std::vector<std::string> busy;
  std::vector<std::string> warnings = {};
  std::string from = "2026-03-01T00:00:00Z";
  std::string to = "2026-05-01T00:00:00Z";
  std::string zone = "Europe/London";
};

std::ostream& operator<<(std::ostream& os, const Case& c) {
  return os << c.name;
}

class Rule : public testing::TestWithParam<Case> {};

TEST_P(Rule, Holds) {
  const auto& c = GetParam();
  const auto reading = read_busy_feed(c.ics, at(c.from), at(c.to), c.zone, kNoneOurs);
  ASSERT_TRUE(reading) << reading.error();
  EXPECT_EQ(lines(reading->busy), c.busy);
  expect_warnings(reading->warnings, c.warnings);
}

INSTANTIATE_TEST_SUITE_P(
    Feed, Rule,
    testing::Values(
        Case{"rdate_periods_keep_their_own_length",
             calendar(event("p",
                            "DTSTART:20260309T090000Z\nDTEND:20260309T100000Z\n"
                            "RDATE;VALUE=PERIOD:20260310T090000Z/20260310T093000Z,"
                            "20260311T090000Z/PT2H\n")),
             {"2026-03-09T09:00:00Z 2026-03-09T10:00:00Z",
              "2026-03-10T09:00:00Z 2026-03-10T09:30:00Z",
              "2026-03-11T09:00:00Z 2026-03-11T11:00:00Z"}},
        Case{"duration_days_are_wall_clock_days",  // P1D over the spring change is 23 hours
             calendar(kLondon +
                      event("d", "DTSTART;TZID=Europe/London:20260328T120000\nDURATION:P1D\n") +
                      event("h", "DTSTART;TZID=Europe/London:20260321T120000\nDURATION:PT24H\n")),
             {"2026-03-21T12:00:00Z 2026-03-22T12:00:00Z",
              "2026-03-28T12:00:00Z 2026-03-29T11:00:00Z"}},
        Case{"dtend_gives_an_exact_length_to_every_instance",
             calendar(kLondon + event("x",
                                      "DTSTART;TZID=Europe/London:20260327T233000\n"
                                      "DTEND;TZID=Europe/London:20260328T003000\n"
                                      "RRULE:FREQ=DAILY;COUNT=3\n")),
             {"2026-03-27T23:30:00Z 2026-03-28T00:30:00Z",
              "2026-03-28T23:30:00Z 2026-03-29T00:30:00Z",
              "2026-03-29T22:30:00Z 2026-03-29T23:30:00Z"}},
        Case{"a_date_time_without_end_takes_no_time",
             calendar(event("z", "DTSTART:20260309T090000Z\n")),
             {}},
        Case{"an_event_ending_before_it_starts_is_skipped",
             calendar(event("n", "DTSTART:20260309T090000Z\nDTEND:20260309T080000Z\n")),
             {},
             {"event 'n' skipped: it ends before it starts"}},
        Case{"an_unknown_tzid_is_the_persons_zone",
             calendar(event("u",
                            "DTSTART;TZID=Mars/Olympus:20260309T090000\n"
                            "DTEND;TZID=Mars/Olympus:20260309T100000\n")),
             {"2026-03-09T08:00:00Z 2026-03-09T09:00:00Z"},
             {"time zone 'Mars/Olympus' is unknown: read as the person's zone"},
             "2026-03-01T00:00:00Z",
             "2026-05-01T00:00:00Z",
             "Europe/Berlin"},
        Case{"an_iana_tzid_without_vtimezone_comes_from_the_tz_database",
             calendar(event("i",
                            "DTSTART;TZID=America/New_York:20260309T090000\n"
                            "DTEND;TZID=America/New_York:20260309T100000\n")),
             {"2026-03-09T13:00:00Z 2026-03-09T14:00:00Z"}},
        Case{"a_prefixed_tzid_ends_in_an_iana_name",
             calendar(event("m",
                            "DTSTART;TZID=/mozilla.org/20050126_1/Europe/Paris:20260309T090000\n"
                            "DTEND;TZID=/mozilla.org/20050126_1/Europe/Paris:20260309T100000\n")),
             {"2026-03-09T08:00:00Z 2026-03-09T09:00:00Z"}},
        Case{"the_feeds_vtimezone_wins_over_the_tz_database",  // a feed that says London is +3
             calendar(
                 "BEGIN:VTIMEZONE\nTZID:Europe/London\nBEGIN:STANDARD\nDTSTART:19700101T000000\n"
                 "TZOFFSETFROM:+0300\nTZOFFSETTO:+0300\nEND:STANDARD\nEND:VTIMEZONE\n" +
                 event("v",
                       "DTSTART;TZID=Europe/London:20260309T090000\n"
                       "DTEND;TZID=Europe/London:20260309T100000\n")),
             {"2026-03-09T06:00:00Z 2026-03-09T07:00:00Z"}},
        Case{"a_vtimezone_with_a_non_yearly_rule_keeps_the_rest",
             calendar("BEGIN:VTIMEZONE\nTZID:Odd\nBEGIN:STANDARD\nDTSTART:19700101T000000\n"
                      "TZOFFSETFROM:+0100\nTZOFFSETTO:+0100\nRRULE:FREQ=SECONDLY\nEND:STANDARD\n"
                      "END:VTIMEZONE\n" +
                      event("o",
                            "DTSTART;TZID=Odd:20260309T090000\nDTEND;TZID=Odd:20260309T100000\n")),
             {"2026-03-09T08:00:00Z 2026-03-09T09:00:00Z"},
             {"VTIMEZONE 'Odd': a rule that is not FREQ=YEARLY was left out"}},
        Case{"a_wall_clock_time_in_the_gap_uses_the_offset_before_it",
             calendar(kLondon + event("g",
                                      "DTSTART;TZID=Europe/London:20260329T013000\n"
                                      "DURATION:PT15M\n")),
             {"2026-03-29T01:30:00Z 2026-03-29T01:45:00Z"}},
        Case{"a_repeated_wall_clock_time_is_the_first",
             calendar(kLondon + event("f",
                                      "DTSTART;TZID=Europe/London:20261025T013000\n"
                                      "DURATION:PT15M\n")),
             {"2026-10-25T00:30:00Z 2026-10-25T00:45:00Z"},
             {},
             "2026-10-01T00:00:00Z",
             "2026-11-01T00:00:00Z"},
        Case{"dtstart_counts_even_off_the_rule",
             calendar(event("o",
                            "DTSTART:20260309T090000Z\nDTEND:20260309T100000Z\n"
                            "RRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=2\n")),
             {"2026-03-09T09:00:00Z 2026-03-09T10:00:00Z",
              "2026-03-10T09:00:00Z 2026-03-10T10:00:00Z",
              "2026-03-17T09:00:00Z 2026-03-17T10:00:00Z"}},
        Case{"an_instance_given_twice_counts_once",
             calendar(event("t",
                            "DTSTART:20260309T090000Z\nDTEND:20260309T100000Z\n"
                            "RRULE:FREQ=DAILY;COUNT=2\nRDATE:20260310T090000Z\n")),
             {"2026-03-09T09:00:00Z 2026-03-09T10:00:00Z",
              "2026-03-10T09:00:00Z 2026-03-10T10:00:00Z"}},
        Case{"a_date_exdate_removes_that_day_of_a_timed_series",
             calendar(kLondon + event("e",
                                      "DTSTART;TZID=Europe/London:20260309T090000\n"
                                      "DTEND;TZID=Europe/London:20260309T100000\n"
                                      "RRULE:FREQ=DAILY;COUNT=3\nEXDATE;VALUE=DATE:20260310\n")),
             {"2026-03-09T09:00:00Z 2026-03-09T10:00:00Z",
              "2026-03-11T09:00:00Z 2026-03-11T10:00:00Z"}},
        Case{"a_floating_exdate_matches_the_wall_clock",
             calendar(kLondon + event("w",
                                      "DTSTART;TZID=Europe/London:20260330T090000\n"
                                      "DTEND;TZID=Europe/London:20260330T100000\n"
                                      "RRULE:FREQ=DAILY;COUNT=2\nEXDATE:20260331T090000\n")),
             {"2026-03-30T08:00:00Z 2026-03-30T09:00:00Z"}},
        Case{"a_date_until_keeps_its_whole_day",
             calendar(event("d",
                            "DTSTART:20260309T180000Z\nDTEND:20260309T190000Z\n"
                            "RRULE:FREQ=DAILY;UNTIL=20260310\n")),
             {"2026-03-09T18:00:00Z 2026-03-09T19:00:00Z",
              "2026-03-10T18:00:00Z 2026-03-10T19:00:00Z"}},
        Case{"an_override_without_its_series_is_one_event",
             calendar(event("lone",
                            "RECURRENCE-ID:20260309T090000Z\nDTSTART:20260309T100000Z\n"
                            "DTEND:20260309T110000Z\n")),
             {"2026-03-09T10:00:00Z 2026-03-09T11:00:00Z"}},
        Case{"an_all_day_override_replaces_its_day",
             calendar(event("a", "DTSTART;VALUE=DATE:20260309\nRRULE:FREQ=DAILY;COUNT=3\n") +
                      event("a",
                            "RECURRENCE-ID;VALUE=DATE:20260310\nDTSTART:20260310T120000Z\n"
                            "DTEND:20260310T130000Z\n")),
             {"2026-03-09T00:00:00Z 2026-03-10T00:00:00Z",
              "2026-03-10T12:00:00Z 2026-03-10T13:00:00Z",
              "2026-03-11T00:00:00Z 2026-03-12T00:00:00Z"}},
        Case{"thisandfuture_is_read_as_one_instance",
             calendar(event("r",
                            "DTSTART:20260309T090000Z\nDTEND:20260309T100000Z\n"
                            "RRULE:FREQ=DAILY;COUNT=3\n") +
                      event("r",
                            "RECURRENCE-ID;RANGE=THISANDFUTURE:20260310T090000Z\n"
                            "DTSTART:20260310T150000Z\nDTEND:20260310T160000Z\n")),
             {"2026-03-09T09:00:00Z 2026-03-09T10:00:00Z",
              "2026-03-10T15:00:00Z 2026-03-10T16:00:00Z",
              "2026-03-11T09:00:00Z 2026-03-11T10:00:00Z"},
             {"event 'r': RANGE=THISANDFUTURE is read as this instance only"}},
        Case{"a_bad_rrule_is_warned_and_the_event_stays",
             calendar(event("b",
                            "DTSTART:20260309T090000Z\nDTEND:20260309T100000Z\n"
                            "RRULE:FREQ=DAILY;INTERVAL=0\n")),
             {"2026-03-09T09:00:00Z 2026-03-09T10:00:00Z"},
             {"event 'b': libical dropped a bad property: Can't parse as RECUR value"}},
        Case{"an_impossible_date_is_warned",  // libical keeps month 13, day 45
             calendar(event("i", "DTSTART;TZID=Europe/London:2026-13-45\n")),
             {},
             {"event 'i' skipped: DTSTART is not a real date"}},
        Case{"rscale_rules_are_refused",
             calendar(event("h",
                            "DTSTART:20260309T090000Z\nDTEND:20260309T100000Z\n"
                            "RRULE:RSCALE=HEBREW;FREQ=YEARLY\n")),
             {"2026-03-09T09:00:00Z 2026-03-09T10:00:00Z"},
             {"event 'h': RRULE ignored: RSCALE rules are not supported"}},
        Case{"a_long_sub_daily_walk_is_refused",  // INTERVAL > 1: no jump, 1.6 M steps from 2020
             calendar(event("s",
                            "DTSTART:20200101T000000Z\nDURATION:PT1M\n"
                            "RRULE:FREQ=MINUTELY;INTERVAL=2\n")),
             {},
             {"event 's': RRULE ignored: too many steps of a sub-daily rule"}},
        Case{"instances_in_the_range_are_capped",
             calendar(event("c", "DTSTART:20260301T000000Z\nDURATION:PT1M\nRRULE:FREQ=MINUTELY\n")),
             {"2026-03-01T00:00:00Z 2026-03-07T22:40:00Z"},  // 10,000 minutes
             {"event 'c': stopped after 10000 instances in the range"}},
        Case{"every_vcalendar_of_a_stream_counts",
             calendar(event("one", "DTSTART:20260309T090000Z\nDTEND:20260309T100000Z\n")) +
                 calendar(event("two", "DTSTART:20260310T090000Z\nDTEND:20260310T100000Z\n")),
             {"2026-03-09T09:00:00Z 2026-03-09T10:00:00Z",
              "2026-03-10T09:00:00Z 2026-03-10T10:00:00Z"}},
        Case{"an_empty_range_is_empty",
             calendar(event("e", "DTSTART:20260309T090000Z\nDTEND:20260309T100000Z\n")),
             {},
             {},
             "2026-03-09T09:30:00Z",
             "2026-03-09T09:30:00Z"},
        Case{"an_unknown_persons_zone_is_utc",
             calendar(event("f", "DTSTART:20260309T090000\nDTEND:20260309T100000\n")),
             {"2026-03-09T09:00:00Z 2026-03-09T10:00:00Z"},
             {"the person's time zone 'Nowhere/Special' is unknown: UTC is used"},
             "2026-03-01T00:00:00Z",
             "2026-05-01T00:00:00Z",
             "Nowhere/Special"}),
    [](const testing::TestParamInfo<Case>& info) { return info.param.name; });

TEST(Feed, NotICalendarIsAnError) {
  for (const std::string text : {"", "hello", "BEGIN:VEVENT\nUID:x\nEND:VEVENT\n"}) {
    const auto reading = read_busy_feed(text, at("2026-03-01T00:00:00Z"),
                                        at("2026-04-01T00:00:00Z"), "UTC", kNoneOurs);
    EXPECT_FALSE(reading) << text;
  }
}

TEST(Feed, WarningsStopAtAHundredLines) {
  std::string body;
  for (int i = 0; i < 150; ++i)
    body += event("w" + std::to_string(i), "");
  const auto reading = read_busy_feed(calendar(body), at("2026-03-01T00:00:00Z"),
                                      at("2026-04-01T00:00:00Z"), "UTC", kNoneOurs);
  ASSERT_TRUE(reading);
  EXPECT_EQ(reading->events, 150);
  ASSERT_EQ(reading->warnings.size(), 100u);
  EXPECT_EQ(reading->warnings[98], "event 'w98' skipped: no DTSTART");
  EXPECT_EQ(reading->warnings[99], "51 more warnings left out");
}

TEST(Feed, WarningsQuoteFeedTextSafely) {
  const std::string uid = "evil\x1b[31m\x01" + std::string(200, 'x');
  const auto reading = read_busy_feed(calendar(event(uid, "")), at("2026-03-01T00:00:00Z"),
                                      at("2026-04-01T00:00:00Z"), "UTC", kNoneOurs);
  ASSERT_TRUE(reading);
  ASSERT_EQ(reading->warnings.size(), 1u);
  const auto& w = reading->warnings[0];
  EXPECT_EQ(w.find('\x1b'), std::string::npos) << w;
  EXPECT_EQ(w.find('\x01'), std::string::npos) << w;
  EXPECT_LT(w.size(), 130u) << w;
}

// libical 3.0 spends up to a second inside one call on a rule that never matches; the walks of
// one call stop after 2 s of CPU time (this test takes about that long).
TEST(Feed, RulesThatNeverMatchCostBoundedTime) {
  std::string body;
  for (int i = 0; i < 40; ++i) {
    body += event("never-" + std::to_string(i),
                  "DTSTART:20200101T090000Z\nDURATION:PT1H\n"
                  "RRULE:FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=30\n");
  }
  body += event("fine", "DTSTART:20260309T090000Z\nDTEND:20260309T100000Z\n");
  const auto started = steady_clock::now();
  const auto reading = read_busy_feed(calendar(body), at("2026-03-01T00:00:00Z"),
                                      at("2026-04-01T00:00:00Z"), "UTC", kNoneOurs);
  EXPECT_LT(steady_clock::now() - started, seconds(20));
  ASSERT_TRUE(reading);
  EXPECT_EQ(lines(reading->busy),
            std::vector<std::string>{"2026-03-09T09:00:00Z 2026-03-09T10:00:00Z"});
  ASSERT_EQ(reading->warnings.size(), 1u);
  EXPECT_NE(reading->warnings[0].find("RRULE ignored, as are those of later events: expanding "
                                      "rules took 2 s of CPU time"),
            std::string::npos)
      << reading->warnings[0];
}

TEST(Feed, OurUidsAreAskedAndSkippedWithTheirOverrides) {
  const auto ics = calendar(
      event("ours-1",
            "DTSTART:20260309T090000Z\nDTEND:20260309T100000Z\nRRULE:FREQ=DAILY;COUNT=3\n") +
      event("ours-1",
            "RECURRENCE-ID:20260310T090000Z\nDTSTART:20260312T090000Z\n"
            "DTEND:20260312T100000Z\n") +
      event("theirs", "DTSTART:20260309T120000Z\nDTEND:20260309T130000Z\n"));
  std::multiset<std::string> asked;
  const auto reading = read_busy_feed(ics, at("2026-03-01T00:00:00Z"), at("2026-04-01T00:00:00Z"),
                                      "UTC", [&](std::string_view uid) {
                                        asked.emplace(uid);
                                        return uid == "ours-1";
                                      });
  ASSERT_TRUE(reading);
  EXPECT_EQ(lines(reading->busy),
            std::vector<std::string>{"2026-03-09T12:00:00Z 2026-03-09T13:00:00Z"});
  EXPECT_EQ(reading->events, 3);
  EXPECT_GE(asked.count("ours-1"), 2u);
  EXPECT_GE(asked.count("theirs"), 1u);
}

// ---- jumping into a series -------------------------------------------------------------------

// A series read over a late range (the walk jumps near it with icalrecur_iterator_set_start)
// gives exactly what walking it from DTSTART gives, clipped to that range.
struct JumpCase {
  std::string rule;
  std::string dtstart = "20230117T093000";  // a Tuesday, London winter time
};

std::ostream& operator<<(std::ostream& os, const JumpCase& c) {
  return os << c.rule;
}

class Jump : public testing::TestWithParam<JumpCase> {};

TEST_P(Jump, MatchesTheWholeWalk) {
  const auto& c = GetParam();
  const auto ics = calendar(kLondon + event("j", "DTSTART;TZID=Europe/London:" + c.dtstart +
                                                     "\nDURATION:PT45M\nRRULE:" + c.rule + "\n"));
  const sys_seconds from = at("2026-03-01T00:00:00Z"), to = at("2026-05-01T00:00:00Z");
  const auto late = read_busy_feed(ics, from, to, "Europe/London", kNoneOurs);
  const auto whole =
      read_busy_feed(ics, at("2020-01-01T00:00:00Z"), to, "Europe/London", kNoneOurs);
  ASSERT_TRUE(late && whole);
  EXPECT_TRUE(late->warnings.empty()) << late->warnings.front();
  EXPECT_TRUE(whole->warnings.empty()) << whole->warnings.front();
  std::vector<BusyTime> clipped;
  for (const auto& b : whole->busy) {
    if (b.end <= from) continue;
    clipped.push_back({std::max(b.begin, from), b.end});
  }
  EXPECT_FALSE(late->busy.empty());
  EXPECT_EQ(lines(late->busy), lines(clipped));
}

INSTANTIATE_TEST_SUITE_P(
    Feed, Jump,
    testing::Values(
        JumpCase{"FREQ=DAILY"}, JumpCase{"FREQ=DAILY;INTERVAL=3"},
        JumpCase{"FREQ=DAILY;INTERVAL=10;BYDAY=MO,TU"}, JumpCase{"FREQ=DAILY;BYMONTH=3,4"},
        JumpCase{"FREQ=WEEKLY"}, JumpCase{"FREQ=WEEKLY;INTERVAL=2"},
        JumpCase{"FREQ=WEEKLY;INTERVAL=5"}, JumpCase{"FREQ=WEEKLY;BYDAY=MO,WE,FR"},
        JumpCase{"FREQ=WEEKLY;INTERVAL=3;BYDAY=TU,SU;WKST=SU"},
        JumpCase{"FREQ=WEEKLY;INTERVAL=2;BYDAY=SA,SU;WKST=MO"},
        JumpCase{"FREQ=WEEKLY;INTERVAL=2;BYDAY=MO", "20230118T093000"}, JumpCase{"FREQ=MONTHLY"},
        JumpCase{"FREQ=MONTHLY;BYMONTHDAY=31"}, JumpCase{"FREQ=MONTHLY;BYMONTHDAY=-1"},
        JumpCase{"FREQ=MONTHLY;INTERVAL=3;BYDAY=2TH"}, JumpCase{"FREQ=MONTHLY;INTERVAL=13"},
        JumpCase{"FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1"},
        JumpCase{"FREQ=MONTHLY;BYDAY=-1FR"}, JumpCase{"FREQ=YEARLY;BYMONTH=3,4;BYDAY=-1SU"},
        JumpCase{"FREQ=YEARLY;INTERVAL=3;BYMONTH=4"},
        JumpCase{"FREQ=YEARLY;BYWEEKNO=12,16;BYDAY=MO"}, JumpCase{"FREQ=YEARLY;BYYEARDAY=70,100"},
        JumpCase{"FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=31", "20200331T093000"},
        JumpCase{"FREQ=WEEKLY;UNTIL=20260415T000000Z"},
        JumpCase{"FREQ=HOURLY;BYHOUR=9,17", "20251201T090000"},
        JumpCase{"FREQ=HOURLY;INTERVAL=7", "20260101T093000"},
        JumpCase{"FREQ=MINUTELY;BYHOUR=9;BYMINUTE=0,30", "20260110T090000"}));

}  // namespace
}  // namespace mentorcal::ical
