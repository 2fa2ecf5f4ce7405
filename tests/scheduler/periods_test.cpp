// Cadence periods (DESIGN.md §5) in the programme's zone: months and weeks that start at local
// midnight across DST, ISO week numbers across a year end, blocks of N weeks counted from the
// pair's start, and `required` pro-rated to the part of a period the pair is active.
// Offsets and transitions used here were checked with `zdump -v -c 2026,2028 ZONE` on the build
// machine: London is GMT+0 until 2026-03-29 and from 2026-10-25 01:00Z to 2027-03-28 01:00Z,
// BST+1 otherwise; Sydney +11 from 2026-10-03 16:00Z; Santiago's 2026-09-06 starts at 01:00 -03.
#include "scheduler/periods.h"

#include <sstream>
#include <string>
#include <vector>

#include <date/date.h>
#include <gtest/gtest.h>

#include "tests/support/time_text.h"

namespace mentorcal::scheduler {
namespace {

using testing::text;
using testing::utc;

using namespace std::chrono;
using config::Cadence;
using Kind = Cadence::Period;

year_month_day ymd(const char* text) {
  std::istringstream in(text);
  sys_days d;
  in >> date::parse("%Y-%m-%d", d);
  EXPECT_FALSE(in.fail()) << text;
  return year_month_day{d};
}

const Interval kSpan{utc("2024-01-01T00:00Z"), utc("2028-06-01T00:00Z")};

// Return the pair's [started, ends) in UTC, as the planner computes it.
Interval active(const Zone& zone, const char* started, const char* ends = nullptr) {
  return {zone.first_at_or_after(local_days{ymd(started)}),
          ends ? zone.first_at_or_after(local_days{ymd(ends)}) : Instant::max()};
}

// Return "label [begin, end) required" for each period, checking what every period must hold.
std::vector<std::string> rendered(const std::vector<Period>& periods, const Cadence& cadence,
                                  const Zone& zone) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < periods.size(); ++i) {
    const Period& p = periods[i];
    EXPECT_EQ(p.kind, cadence.period);
    EXPECT_EQ(p.span.begin, zone.first_at_or_after(local_days{p.first}))
        << "a period starts when its first local day does";
    if (i > 0) {
      EXPECT_EQ(periods[i - 1].span.end, p.span.begin) << "periods follow each other";
    }
    out.push_back(p.label(cadence) + " [" + text(p.span.begin) + ", " + text(p.span.end) + ") " +
                  std::to_string(p.required));
  }
  return out;
}

struct Row {
  const char* why;
  Cadence cadence;
  const char* zone;
  const char* started;
  const char* ends;  // nullptr: open-ended
  const char* from;  // the range, UTC
  const char* to;
  std::vector<std::string> want;
};

void check(const std::vector<Row>& rows) {
  for (const Row& r : rows) {
    const Zone zone(r.zone, kSpan);
    const auto got = periods(r.cadence, zone, ymd(r.started), active(zone, r.started, r.ends),
                             {utc(r.from), utc(r.to)});
    EXPECT_EQ(rendered(got, r.cadence, zone), r.want) << r.why << " (" << r.zone << ")";
  }
}

const Cadence k2Month{Kind::month, 2};
const Cadence k1Week{Kind::week, 1};
const Cadence k6Year{Kind::year, 6};

TEST(Periods, CalendarMonthsStartAtLocalMidnight) {
  check({
      {"London across the October fall-back",
       k2Month,
       "Europe/London",
       "2026-01-05",
       nullptr,
       "2026-09-15T00:00Z",
       "2026-12-10T00:00Z",
       {"September 2026 [2026-08-31T23:00Z, 2026-09-30T23:00Z) 2",
        "October 2026 [2026-09-30T23:00Z, 2026-11-01T00:00Z) 2",
        "November 2026 [2026-11-01T00:00Z, 2026-12-01T00:00Z) 2",
        "December 2026 [2026-12-01T00:00Z, 2027-01-01T00:00Z) 2"}},
      {"London across the March spring-forward",
       k2Month,
       "Europe/London",
       "2026-01-05",
       nullptr,
       "2027-02-10T00:00Z",
       "2027-04-02T00:00Z",
       {"February 2027 [2027-02-01T00:00Z, 2027-03-01T00:00Z) 2",
        "March 2027 [2027-03-01T00:00Z, 2027-03-31T23:00Z) 2",
        "April 2027 [2027-03-31T23:00Z, 2027-04-30T23:00Z) 2"}},
      {"Sydney, clocks forward in October",
       k2Month,
       "Australia/Sydney",
       "2026-01-05",
       nullptr,
       "2026-09-15T00:00Z",
       "2026-11-15T00:00Z",
       {"September 2026 [2026-08-31T14:00Z, 2026-09-30T14:00Z) 2",
        "October 2026 [2026-09-30T14:00Z, 2026-10-31T13:00Z) 2",
        "November 2026 [2026-10-31T13:00Z, 2026-11-30T13:00Z) 2"}},
      {"Santiago, clocks forward in September",
       k2Month,
       "America/Santiago",
       "2026-01-05",
       nullptr,
       "2026-08-20T00:00Z",
       "2026-10-15T00:00Z",
       {"August 2026 [2026-08-01T04:00Z, 2026-09-01T04:00Z) 2",
        "September 2026 [2026-09-01T04:00Z, 2026-10-01T03:00Z) 2",
        "October 2026 [2026-10-01T03:00Z, 2026-11-01T03:00Z) 2"}},
      {"a range that ends where a month starts",
       k2Month,
       "Europe/London",
       "2026-01-05",
       nullptr,
       "2026-11-22T09:00Z",
       "2026-12-01T00:00Z",
       {"November 2026 [2026-11-01T00:00Z, 2026-12-01T00:00Z) 2"}},
      {"an empty range",
       k2Month,
       "Europe/London",
       "2026-01-05",
       nullptr,
       "2026-11-22T09:00Z",
       "2026-11-22T09:00Z",
       {}},
  });
}

TEST(Periods, IsoWeeksAcrossAYearEnd) {
  check({
      {"2026 has a week 53",
       k1Week,
       "Europe/London",
       "2026-01-05",
       nullptr,
       "2026-12-24T12:00Z",
       "2027-01-12T00:00Z",
       {"week 2026-W52 [2026-12-21T00:00Z, 2026-12-28T00:00Z) 1",
        "week 2026-W53 [2026-12-28T00:00Z, 2027-01-04T00:00Z) 1",
        "week 2027-W01 [2027-01-04T00:00Z, 2027-01-11T00:00Z) 1",
        "week 2027-W02 [2027-01-11T00:00Z, 2027-01-18T00:00Z) 1"}},
      {"the fall-back week is an hour longer",
       k1Week,
       "Europe/London",
       "2026-01-05",
       nullptr,
       "2026-10-20T00:00Z",
       "2026-10-27T00:00Z",
       {"week 2026-W43 [2026-10-18T23:00Z, 2026-10-26T00:00Z) 1",
        "week 2026-W44 [2026-10-26T00:00Z, 2026-11-02T00:00Z) 1"}},
      {"the week is the programme zone's",
       k1Week,
       "Australia/Sydney",
       "2026-01-05",
       nullptr,
       "2026-12-30T00:00Z",
       "2027-01-02T00:00Z",
       {"week 2026-W53 [2026-12-27T13:00Z, 2027-01-03T13:00Z) 1"}},
  });
}

TEST(Periods, BlocksOfNWeeksCountFromStarted) {
  check({
      {"started shortly before the range",
       {Kind::weeks, 3},
       "Europe/London",
       "2026-11-02",
       nullptr,
       "2026-11-22T09:00Z",
       "2027-01-17T09:00Z",
       {"the 3 weeks from 2026-11-02 [2026-11-02T00:00Z, 2026-11-23T00:00Z) 1",
        "the 3 weeks from 2026-11-23 [2026-11-23T00:00Z, 2026-12-14T00:00Z) 1",
        "the 3 weeks from 2026-12-14 [2026-12-14T00:00Z, 2027-01-04T00:00Z) 1",
        "the 3 weeks from 2027-01-04 [2027-01-04T00:00Z, 2027-01-25T00:00Z) 1"}},
      // 1047 days from Wednesday 2024-01-10 to 2026-11-22: block 37 starts on day 1036.
      {"started long before the range, on a Wednesday",
       {Kind::weeks, 4},
       "Europe/London",
       "2024-01-10",
       nullptr,
       "2026-11-22T09:00Z",
       "2027-01-17T09:00Z",
       {"the 4 weeks from 2026-11-11 [2026-11-11T00:00Z, 2026-12-09T00:00Z) 1",
        "the 4 weeks from 2026-12-09 [2026-12-09T00:00Z, 2027-01-06T00:00Z) 1",
        "the 4 weeks from 2027-01-06 [2027-01-06T00:00Z, 2027-02-03T00:00Z) 1"}},
      {"a block starting on a midnight that does not exist",
       {Kind::weeks, 2},
       "America/Santiago",
       "2026-08-23",
       nullptr,
       "2026-09-01T00:00Z",
       "2026-09-10T00:00Z",
       {"the 2 weeks from 2026-08-23 [2026-08-23T04:00Z, 2026-09-06T04:00Z) 1",
        "the 2 weeks from 2026-09-06 [2026-09-06T04:00Z, 2026-09-20T03:00Z) 1"}},
      {"a range before the start: the block before asks for nothing",
       {Kind::weeks, 3},
       "Europe/London",
       "2026-11-02",
       nullptr,
       "2026-10-20T00:00Z",
       "2026-11-05T00:00Z",
       {"the 3 weeks from 2026-10-12 [2026-10-11T23:00Z, 2026-11-02T00:00Z) 0",
        "the 3 weeks from 2026-11-02 [2026-11-02T00:00Z, 2026-11-23T00:00Z) 1"}},
  });
}

TEST(Periods, CalendarYears) {
  check({
      {"London",
       k6Year,
       "Europe/London",
       "2025-06-02",
       nullptr,
       "2026-11-22T09:00Z",
       "2027-01-17T09:00Z",
       {"2026 [2026-01-01T00:00Z, 2027-01-01T00:00Z) 6",
        "2027 [2027-01-01T00:00Z, 2028-01-01T00:00Z) 6"}},
      {"Sydney's new year is in summer time",
       k6Year,
       "Australia/Sydney",
       "2025-06-02",
       nullptr,
       "2026-11-22T09:00Z",
       "2027-01-17T09:00Z",
       {"2026 [2025-12-31T13:00Z, 2026-12-31T13:00Z) 6",
        "2027 [2026-12-31T13:00Z, 2027-12-31T13:00Z) 6"}},
  });
}

TEST(Periods, RequiredIsProRatedToTheActiveSpan) {
  check({
      {"2/month from the 16th of a 30-day month: half of it, 1",
       k2Month,
       "Europe/London",
       "2026-11-16",
       nullptr,
       "2026-11-22T09:00Z",
       "2026-12-10T00:00Z",
       {"November 2026 [2026-11-01T00:00Z, 2026-12-01T00:00Z) 1",
        "December 2026 [2026-12-01T00:00Z, 2027-01-01T00:00Z) 2"}},
      {"2/month from the 28th: 3 days of 30, 0",
       k2Month,
       "Europe/London",
       "2026-11-28",
       nullptr,
       "2026-11-28T00:00Z",
       "2026-12-10T00:00Z",
       {"November 2026 [2026-11-01T00:00Z, 2026-12-01T00:00Z) 0",
        "December 2026 [2026-12-01T00:00Z, 2027-01-01T00:00Z) 2"}},
      {"2/month from the 1st: all of it",
       k2Month,
       "Europe/London",
       "2026-11-01",
       nullptr,
       "2026-11-22T09:00Z",
       "2026-11-30T00:00Z",
       {"November 2026 [2026-11-01T00:00Z, 2026-12-01T00:00Z) 2"}},
      {"2/month from the 8th: 23 days of 30 round to 2",
       k2Month,
       "Europe/London",
       "2026-11-08",
       nullptr,
       "2026-11-22T09:00Z",
       "2026-11-30T00:00Z",
       {"November 2026 [2026-11-01T00:00Z, 2026-12-01T00:00Z) 2"}},
      {"from the 16th of October, a month an hour longer: 385 of 745 hours",
       k2Month,
       "Europe/London",
       "2026-10-16",
       nullptr,
       "2026-10-20T00:00Z",
       "2026-11-10T00:00Z",
       {"October 2026 [2026-09-30T23:00Z, 2026-11-01T00:00Z) 1",
        "November 2026 [2026-11-01T00:00Z, 2026-12-01T00:00Z) 2"}},
      {"ending on the 16th (exclusive): 15 days of 31",
       k2Month,
       "Europe/London",
       "2026-01-05",
       "2026-12-16",
       "2026-11-22T09:00Z",
       "2027-01-17T09:00Z",
       {"November 2026 [2026-11-01T00:00Z, 2026-12-01T00:00Z) 2",
        "December 2026 [2026-12-01T00:00Z, 2027-01-01T00:00Z) 1",
        "January 2027 [2027-01-01T00:00Z, 2027-02-01T00:00Z) 0"}},
      {"ending on the 8th: 7 days of 31",
       k2Month,
       "Europe/London",
       "2026-01-05",
       "2026-12-08",
       "2026-12-01T00:00Z",
       "2026-12-10T00:00Z",
       {"December 2026 [2026-12-01T00:00Z, 2027-01-01T00:00Z) 0"}},
      {"started and ending in one month: 10 days of 30",
       k2Month,
       "Europe/London",
       "2026-11-10",
       "2026-11-20",
       "2026-11-10T00:00Z",
       "2026-12-10T00:00Z",
       {"November 2026 [2026-11-01T00:00Z, 2026-12-01T00:00Z) 1",
        "December 2026 [2026-12-01T00:00Z, 2027-01-01T00:00Z) 0"}},
      {"1/week from a Thursday: 4 days of 7",
       k1Week,
       "Europe/London",
       "2026-11-26",
       nullptr,
       "2026-11-26T00:00Z",
       "2026-11-30T00:00Z",
       {"week 2026-W48 [2026-11-23T00:00Z, 2026-11-30T00:00Z) 1"}},
      {"1/week from a Saturday: 2 days of 7",
       k1Week,
       "Europe/London",
       "2026-11-28",
       nullptr,
       "2026-11-28T00:00Z",
       "2026-11-30T00:00Z",
       {"week 2026-W48 [2026-11-23T00:00Z, 2026-11-30T00:00Z) 0"}},
      {"6/year from July 1st: 184 days and an hour of 365",
       k6Year,
       "Europe/London",
       "2026-07-01",
       nullptr,
       "2026-11-22T09:00Z",
       "2027-01-17T09:00Z",
       {"2026 [2026-01-01T00:00Z, 2027-01-01T00:00Z) 3",
        "2027 [2027-01-01T00:00Z, 2028-01-01T00:00Z) 6"}},
      {"every 3 weeks, ending 11 days into a block",
       {Kind::weeks, 3},
       "Europe/London",
       "2026-11-02",
       "2026-12-04",
       "2026-11-22T09:00Z",
       "2026-12-04T00:00Z",
       {"the 3 weeks from 2026-11-02 [2026-11-02T00:00Z, 2026-11-23T00:00Z) 1",
        "the 3 weeks from 2026-11-23 [2026-11-23T00:00Z, 2026-12-14T00:00Z) 1"}},
      {"every 3 weeks, ending 7 days into a block",
       {Kind::weeks, 3},
       "Europe/London",
       "2026-11-02",
       "2026-11-30",
       "2026-11-22T09:00Z",
       "2026-11-30T00:00Z",
       {"the 3 weeks from 2026-11-02 [2026-11-02T00:00Z, 2026-11-23T00:00Z) 1",
        "the 3 weeks from 2026-11-23 [2026-11-23T00:00Z, 2026-12-14T00:00Z) 0"}},
  });
}

TEST(Periods, Labels) {
  struct LabelRow {
    Cadence cadence;
    const char* first;
    const char* want;
  };
  for (const LabelRow& r : {
           LabelRow{k2Month, "2026-12-01", "December 2026"},
           LabelRow{k2Month, "2027-01-01", "January 2027"},
           LabelRow{k6Year, "2027-01-01", "2027"},
           LabelRow{k1Week, "2026-11-30", "week 2026-W49"},
           LabelRow{k1Week, "2026-12-28", "week 2026-W53"},
           LabelRow{k1Week, "2027-01-04", "week 2027-W01"},
           LabelRow{k1Week, "2024-12-30", "week 2025-W01"},  // Monday in the year before
           LabelRow{k1Week, "2020-12-28", "week 2020-W53"},
           LabelRow{k1Week, "2021-01-04", "week 2021-W01"},
           LabelRow{k1Week, "2027-12-27", "week 2027-W52"},
           LabelRow{k1Week, "2029-12-31", "week 2030-W01"},
           LabelRow{{Kind::weeks, 3}, "2026-12-07", "the 3 weeks from 2026-12-07"},
       }) {
    const Period p{{}, ymd(r.first), r.cadence.period, 1};
    EXPECT_EQ(p.label(r.cadence), r.want) << r.first;
  }
}

// "every week" is "every 1 week" (config/cadence.h): an admin reads "the week from ...".
TEST(Periods, LabelOfAOneWeekBlock) {
  const Cadence every_week{Kind::weeks, 1};
  const Period p{{}, ymd("2026-12-07"), Kind::weeks, 1};
  EXPECT_EQ(p.label(every_week), "the week from 2026-12-07");
}

TEST(Periods, IdealInterval) {
  struct IdealRow {
    Cadence cadence;
    seconds want;
    const char* why;
  };
  for (const IdealRow& r : {
           IdealRow{k2Month, seconds(1314873), "2/month: a Gregorian month (30.436875 days) / 2"},
           IdealRow{{Kind::month, 1}, seconds(2629746), "1/month"},
           IdealRow{k1Week, seconds(604800), "1/week"},
           IdealRow{{Kind::week, 3}, seconds(201600), "3/week: 56 hours"},
           IdealRow{{Kind::weeks, 3}, seconds(1814400), "every 3 weeks: 21 days"},
           IdealRow{k6Year, seconds(5259492), "6/year: a Gregorian year (365.2425 days) / 6"},
           IdealRow{{Kind::year, 2}, seconds(15778476), "2/year"},
       }) {
    EXPECT_EQ(ideal_interval(r.cadence).count(), r.want.count()) << r.why;
  }
}

}  // namespace
}  // namespace mentorcal::scheduler
