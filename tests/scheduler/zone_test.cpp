// Zone against the real rules of zones in both hemispheres, with :30 and :45 offsets, and the
// availability built on it (weekly windows, away days).
//
// Every expected instant and offset below was written out from the system tz database and checked
// with `zdump -v -c 2026,2028 ZONE` on the build machine (Debian tzdata 2025b). The transitions
// used:
//   Europe/London        2026-10-25 01:00Z BST+1 -> GMT+0    2027-03-28 01:00Z GMT+0 -> BST+1
//   America/New_York     2026-11-01 06:00Z -4 -> -5           2027-03-14 07:00Z -5 -> -4
//   Australia/Sydney     2026-10-03 16:00Z +10 -> +11         2027-04-03 16:00Z +11 -> +10
//   Australia/Lord_Howe  2026-10-03 15:30Z +10:30 -> +11      2027-04-03 15:00Z +11 -> +10:30
//   America/Santiago     2026-09-06 04:00Z -4 -> -3 (00:00 local does not exist)
//                        2027-04-04 03:00Z -3 -> -4 (23:00-24:00 local repeats)
//   Asia/Kolkata +05:30 and Asia/Kathmandu +05:45 have no transitions.
#include "scheduler/zone.h"

#include <sstream>
#include <string>
#include <vector>

#include <date/date.h>
#include <gtest/gtest.h>

#include "config/programme.h"
#include "scheduler/availability.h"
#include "tests/support/time_text.h"

namespace mentorcal::scheduler {
namespace {

using testing::utc;

using namespace std::chrono;

// Return the wall-clock time written "2026-10-25T01:00".
LocalTime wall(const char* text) {
  std::istringstream in(text);
  sys_seconds t;  // date::parse knows date::local_t, not std::chrono::local_t
  in >> date::parse("%Y-%m-%dT%H:%M", t);
  EXPECT_FALSE(in.fail()) << text;
  return LocalTime{t.time_since_epoch()};
}

year_month_day ymd(const char* text) {
  return year_month_day{floor<days>(wall((std::string(text) + "T00:00").c_str()))};
}

std::string text(Instant t) {
  return date::format(
      t.time_since_epoch() % minutes(1) == seconds(0) ? "%Y-%m-%dT%H:%MZ" : "%Y-%m-%dT%H:%M:%SZ",
      t);
}

std::string text(LocalTime t) {
  const sys_seconds as_utc{t.time_since_epoch()};  // date::format knows date::local_t only
  return date::format(
      as_utc.time_since_epoch() % minutes(1) == seconds(0) ? "%Y-%m-%dT%H:%M" : "%Y-%m-%dT%H:%M:%S",
      as_utc);
}

// Return "[begin, end)" for each interval, joined by a space.
std::string text(const Intervals& v) {
  std::string out;
  for (const auto& i : v)
    out += (out.empty() ? "[" : " [") + text(i.begin) + ", " + text(i.end) + ")";
  return out;
}

// Return "+05:45", "-04:00".
std::string offset_text(seconds offset) {
  const auto m = duration_cast<minutes>(offset).count();
  const auto a = m < 0 ? -m : m;
  return date::format("%H:%M", minutes(a)).insert(0, m < 0 ? "-" : "+");
}

const Interval kSpan{utc("2026-01-01T00:00Z"), utc("2028-01-01T00:00Z")};

Intervals to_utc(const Zone& zone, LocalTime from, LocalTime to) {
  Intervals out;
  zone.to_utc(from, to, out);
  return out;
}

TEST(Zone, OffsetAndLocalTimeOnEachSideOfATransition) {
  struct Row {
    const char* zone;
    const char* transition;  // the first instant of the new offset
    const char* before;
    const char* after;
    const char* local_before;  // local(transition - 1s)
    const char* local_after;   // local(transition)
  };
  for (const Row& r : {
           Row{"Europe/London", "2026-10-25T01:00Z", "+01:00", "+00:00", "2026-10-25T01:59:59",
               "2026-10-25T01:00"},
           Row{"Europe/London", "2027-03-28T01:00Z", "+00:00", "+01:00", "2027-03-28T00:59:59",
               "2027-03-28T02:00"},
           Row{"America/New_York", "2026-11-01T06:00Z", "-04:00", "-05:00", "2026-11-01T01:59:59",
               "2026-11-01T01:00"},
           Row{"America/New_York", "2027-03-14T07:00Z", "-05:00", "-04:00", "2027-03-14T01:59:59",
               "2027-03-14T03:00"},
           Row{"Australia/Sydney", "2026-10-03T16:00Z", "+10:00", "+11:00", "2026-10-04T01:59:59",
               "2026-10-04T03:00"},
           Row{"Australia/Sydney", "2027-04-03T16:00Z", "+11:00", "+10:00", "2027-04-04T02:59:59",
               "2027-04-04T02:00"},
           Row{"Australia/Lord_Howe", "2026-10-03T15:30Z", "+10:30", "+11:00",
               "2026-10-04T01:59:59", "2026-10-04T02:30"},
           Row{"Australia/Lord_Howe", "2027-04-03T15:00Z", "+11:00", "+10:30",
               "2027-04-04T01:59:59", "2027-04-04T01:30"},
           Row{"America/Santiago", "2026-09-06T04:00Z", "-04:00", "-03:00", "2026-09-05T23:59:59",
               "2026-09-06T01:00"},
           Row{"America/Santiago", "2027-04-04T03:00Z", "-03:00", "-04:00", "2027-04-03T23:59:59",
               "2027-04-03T23:00"},
       }) {
    const Zone zone(r.zone, kSpan);
    const Instant t = utc(r.transition);
    EXPECT_EQ(zone.name(), r.zone);
    EXPECT_EQ(offset_text(zone.offset_at(t - seconds(1))), r.before)
        << r.zone << " " << r.transition;
    EXPECT_EQ(offset_text(zone.offset_at(t)), r.after) << r.zone << " " << r.transition;
    // A day either side, too: the offset holds between transitions.
    EXPECT_EQ(offset_text(zone.offset_at(t - days(1))), r.before) << r.zone << " " << r.transition;
    EXPECT_EQ(offset_text(zone.offset_at(t + days(1))), r.after) << r.zone << " " << r.transition;
    EXPECT_EQ(text(zone.local(t - seconds(1))), r.local_before) << r.zone << " " << r.transition;
    EXPECT_EQ(text(zone.local(t)), r.local_after) << r.zone << " " << r.transition;
  }
}

TEST(Zone, FixedOffsetsWithHalfAndQuarterHours) {
  struct Row {
    const char* zone;
    const char* offset;
    const char* midnight_utc;  // when 2027-01-01T00:00 local begins
  };
  for (const Row& r : {
           Row{"Asia/Kolkata", "+05:30", "2026-12-31T18:30Z"},
           Row{"Asia/Kathmandu", "+05:45", "2026-12-31T18:15Z"},
       }) {
    const Zone zone(r.zone, kSpan);
    for (const char* t :
         {"2026-01-15T12:00Z", "2026-07-01T12:00Z", "2027-03-28T01:00Z", "2027-10-31T01:00Z"}) {
      EXPECT_EQ(offset_text(zone.offset_at(utc(t))), r.offset) << r.zone << " " << t;
    }
    EXPECT_EQ(text(zone.local(utc(r.midnight_utc))), "2027-01-01T00:00") << r.zone;
    EXPECT_EQ(text(zone.first_at_or_after(wall("2027-01-01T00:00"))), r.midnight_utc) << r.zone;
  }
}

struct WindowRow {
  const char* why;
  const char* zone;
  const char* from;  // local
  const char* to;    // local
  const char* want;  // UTC
  int minutes;       // total length of `want`
};

void check_windows(const std::vector<WindowRow>& rows) {
  for (const WindowRow& r : rows) {
    const Zone zone(r.zone, kSpan);
    const auto got = to_utc(zone, wall(r.from), wall(r.to));
    EXPECT_EQ(text(got), r.want) << r.why << ": " << r.zone << " " << r.from << " - " << r.to;
    EXPECT_EQ(total_length(got), minutes(r.minutes)) << r.why;
    EXPECT_EQ(normalized(got), got) << r.why << ": pieces are sorted, apart and not empty";
  }
}

TEST(Zone, ToUtcOfOrdinaryWindows) {
  check_windows({
      {"summer", "Europe/London", "2026-07-01T09:00", "2026-07-01T10:00",
       "[2026-07-01T08:00Z, 2026-07-01T09:00Z)", 60},
      {"winter", "Europe/London", "2026-12-01T09:00", "2026-12-01T10:00",
       "[2026-12-01T09:00Z, 2026-12-01T10:00Z)", 60},
      {"west of UTC, across UTC midnight", "America/New_York", "2026-12-01T18:00",
       "2026-12-01T20:00", "[2026-12-01T23:00Z, 2026-12-02T01:00Z)", 120},
      {"east of UTC, previous UTC day", "Australia/Sydney", "2026-12-01T09:00", "2026-12-01T12:00",
       "[2026-11-30T22:00Z, 2026-12-01T01:00Z)", 180},
      {":30 offset, in DST", "Australia/Lord_Howe", "2026-12-01T09:00", "2026-12-01T10:00",
       "[2026-11-30T22:00Z, 2026-11-30T23:00Z)", 60},
      {":30 offset, standard", "Australia/Lord_Howe", "2026-07-01T09:00", "2026-07-01T10:00",
       "[2026-06-30T22:30Z, 2026-06-30T23:30Z)", 60},
      {":30 offset", "Asia/Kolkata", "2026-10-25T09:00", "2026-10-25T17:00",
       "[2026-10-25T03:30Z, 2026-10-25T11:30Z)", 480},
      {":45 offset", "Asia/Kathmandu", "2026-10-25T09:00", "2026-10-25T17:00",
       "[2026-10-25T03:15Z, 2026-10-25T11:15Z)", 480},
      {"empty window", "Europe/London", "2026-07-01T09:00", "2026-07-01T09:00", "", 0},
      {"reversed window", "Europe/London", "2026-07-01T10:00", "2026-07-01T09:00", "", 0},
  });
}

TEST(Zone, ToUtcDropsTheSpringForwardGap) {
  check_windows({
      {"across the gap", "Europe/London", "2027-03-28T00:30", "2027-03-28T02:30",
       "[2027-03-28T00:30Z, 2027-03-28T01:30Z)", 60},
      {"inside the gap", "Europe/London", "2027-03-28T01:15", "2027-03-28T01:45", "", 0},
      {"exactly the gap", "Europe/London", "2027-03-28T01:00", "2027-03-28T02:00", "", 0},
      {"ending in the gap", "Europe/London", "2027-03-28T00:00", "2027-03-28T01:30",
       "[2027-03-28T00:00Z, 2027-03-28T01:00Z)", 60},
      {"starting in the gap", "Europe/London", "2027-03-28T01:30", "2027-03-28T03:00",
       "[2027-03-28T01:00Z, 2027-03-28T02:00Z)", 60},
      {"the whole day", "Europe/London", "2027-03-28T00:00", "2027-03-29T00:00",
       "[2027-03-28T00:00Z, 2027-03-28T23:00Z)", 23 * 60},
      {"across the gap", "America/New_York", "2027-03-14T01:00", "2027-03-14T04:00",
       "[2027-03-14T06:00Z, 2027-03-14T08:00Z)", 120},
      {"southern spring", "Australia/Sydney", "2026-10-04T01:00", "2026-10-04T04:00",
       "[2026-10-03T15:00Z, 2026-10-03T17:00Z)", 120},
      {"a 30-minute gap", "Australia/Lord_Howe", "2026-10-04T01:00", "2026-10-04T03:00",
       "[2026-10-03T14:30Z, 2026-10-03T16:00Z)", 90},
      {"inside the 30-minute gap", "Australia/Lord_Howe", "2026-10-04T02:00", "2026-10-04T02:30",
       "", 0},
      {"across local midnight", "America/Santiago", "2026-09-05T22:00", "2026-09-06T02:00",
       "[2026-09-06T02:00Z, 2026-09-06T05:00Z)", 180},
      {"the day without its midnight", "America/Santiago", "2026-09-06T00:00", "2026-09-07T00:00",
       "[2026-09-06T04:00Z, 2026-09-07T03:00Z)", 23 * 60},
  });
}

TEST(Zone, ToUtcTakesARepeatedHourOnce) {
  check_windows({
      {"01:00-03:00 on the fall-back day", "Europe/London", "2026-10-25T01:00", "2026-10-25T03:00",
       "[2026-10-25T00:00Z, 2026-10-25T01:00Z) [2026-10-25T02:00Z, 2026-10-25T03:00Z)", 120},
      {"inside the repeated hour", "Europe/London", "2026-10-25T01:15", "2026-10-25T01:45",
       "[2026-10-25T00:15Z, 2026-10-25T00:45Z)", 30},
      {"ending at the repeat's end", "Europe/London", "2026-10-25T00:00", "2026-10-25T02:00",
       "[2026-10-24T23:00Z, 2026-10-25T01:00Z)", 120},
      {"after the repeat", "Europe/London", "2026-10-25T02:00", "2026-10-25T03:00",
       "[2026-10-25T02:00Z, 2026-10-25T03:00Z)", 60},
      {"the whole day", "Europe/London", "2026-10-25T00:00", "2026-10-26T00:00",
       "[2026-10-24T23:00Z, 2026-10-25T01:00Z) [2026-10-25T02:00Z, 2026-10-26T00:00Z)", 24 * 60},
      {"across the repeat", "America/New_York", "2026-11-01T00:30", "2026-11-01T02:30",
       "[2026-11-01T04:30Z, 2026-11-01T06:00Z) [2026-11-01T07:00Z, 2026-11-01T07:30Z)", 120},
      {"southern autumn, inside", "Australia/Sydney", "2027-04-04T02:00", "2027-04-04T03:00",
       "[2027-04-03T15:00Z, 2027-04-03T16:00Z)", 60},
      {"southern autumn, across", "Australia/Sydney", "2027-04-04T01:30", "2027-04-04T03:30",
       "[2027-04-03T14:30Z, 2027-04-03T16:00Z) [2027-04-03T17:00Z, 2027-04-03T17:30Z)", 120},
      {"a 30-minute repeat, across", "Australia/Lord_Howe", "2027-04-04T01:00", "2027-04-04T02:30",
       "[2027-04-03T14:00Z, 2027-04-03T15:00Z) [2027-04-03T15:30Z, 2027-04-03T16:00Z)", 90},
      {"a 30-minute repeat, inside", "Australia/Lord_Howe", "2027-04-04T01:30", "2027-04-04T02:00",
       "[2027-04-03T14:30Z, 2027-04-03T15:00Z)", 30},
      {"repeat before local midnight", "America/Santiago", "2027-04-03T22:30", "2027-04-04T00:30",
       "[2027-04-04T01:30Z, 2027-04-04T03:00Z) [2027-04-04T04:00Z, 2027-04-04T04:30Z)", 120},
  });
}

TEST(Zone, FirstAtOrAfter) {
  struct Row {
    const char* why;
    const char* zone;
    const char* local;
    const char* want;
  };
  for (const Row& r : {
           Row{"in the gap", "Europe/London", "2027-03-28T01:30", "2027-03-28T01:00Z"},
           Row{"the gap's start", "Europe/London", "2027-03-28T01:00", "2027-03-28T01:00Z"},
           Row{"the gap's end", "Europe/London", "2027-03-28T02:00", "2027-03-28T01:00Z"},
           Row{"just before the gap", "Europe/London", "2027-03-28T00:59", "2027-03-28T00:59Z"},
           Row{"after the gap", "Europe/London", "2027-03-28T03:00", "2027-03-28T02:00Z"},
           Row{"repeated: the first time", "Europe/London", "2026-10-25T01:30",
               "2026-10-25T00:30Z"},
           Row{"after the repeat", "Europe/London", "2026-10-25T02:00", "2026-10-25T02:00Z"},
           Row{"in the gap", "America/New_York", "2027-03-14T02:30", "2027-03-14T07:00Z"},
           Row{"normal", "America/New_York", "2026-06-15T12:00", "2026-06-15T16:00Z"},
           Row{"in the gap", "Australia/Sydney", "2026-10-04T02:00", "2026-10-03T16:00Z"},
           Row{"normal", "Australia/Sydney", "2026-12-25T00:00", "2026-12-24T13:00Z"},
           Row{"in the 30-minute gap", "Australia/Lord_Howe", "2026-10-04T02:15",
               "2026-10-03T15:30Z"},
           Row{"the 30-minute gap's end", "Australia/Lord_Howe", "2026-10-04T02:30",
               "2026-10-03T15:30Z"},
           Row{"midnight that does not exist", "America/Santiago", "2026-09-06T00:00",
               "2026-09-06T04:00Z"},
           Row{"late in that gap", "America/Santiago", "2026-09-06T00:59", "2026-09-06T04:00Z"},
           Row{"first time after the gap", "America/Santiago", "2026-09-06T01:00",
               "2026-09-06T04:00Z"},
           Row{"repeated before midnight", "America/Santiago", "2027-04-03T23:30",
               "2027-04-04T02:30Z"},
           Row{"midnight after the repeat", "America/Santiago", "2027-04-04T00:00",
               "2027-04-04T04:00Z"},
           Row{":30", "Asia/Kolkata", "2026-12-01T00:00", "2026-11-30T18:30Z"},
           Row{":45", "Asia/Kathmandu", "2026-12-01T00:00", "2026-11-30T18:15Z"},
       }) {
    const Zone zone(r.zone, kSpan);
    EXPECT_EQ(text(zone.first_at_or_after(wall(r.local))), r.want)
        << r.why << ": " << r.zone << " " << r.local;
  }
}

const char* const kZones[] = {"Europe/London",       "America/New_York", "Australia/Sydney",
                              "Australia/Lord_Howe", "America/Santiago", "Asia/Kolkata",
                              "Asia/Kathmandu"};

// Every quarter hour of 2026-2027: the wall clock read back is the one we started from, and
// first_at_or_after() finds the first instant showing it.
TEST(Zone, EveryQuarterHourRoundTrips) {
  for (const char* name : kZones) {
    const Zone zone(name, kSpan);
    int mismatches = 0;
    for (Instant t = kSpan.begin + days(2); t < kSpan.end - days(2); t += minutes(15)) {
      const LocalTime local = zone.local(t);
      const Instant back = zone.first_at_or_after(local);
      if ((back > t || zone.local(back) != local) && ++mismatches <= 3) {
        ADD_FAILURE() << name << ": " << text(t) << " shows " << text(local)
                      << ", first_at_or_after gives " << text(back);
      }
    }
    EXPECT_EQ(mismatches, 0) << name;
  }
}

// Every local day of 2026-2027 is 24 hours long, a repeated hour counted once, except the
// spring-forward days, which lose their gap.
TEST(Zone, EveryLocalDayIsWholeButForItsGap) {
  struct Row {
    const char* zone;
    std::vector<std::pair<const char*, int>> short_days;  // day, minutes lost
  };
  for (const Row& r : {
           Row{"Europe/London", {{"2026-03-29", 60}, {"2027-03-28", 60}}},
           Row{"America/New_York", {{"2026-03-08", 60}, {"2027-03-14", 60}}},
           Row{"Australia/Sydney", {{"2026-10-04", 60}, {"2027-10-03", 60}}},
           Row{"Australia/Lord_Howe", {{"2026-10-04", 30}, {"2027-10-03", 30}}},
           Row{"America/Santiago", {{"2026-09-06", 60}, {"2027-09-05", 60}}},
           Row{"Asia/Kolkata", {}},
           Row{"Asia/Kathmandu", {}},
       }) {
    const Zone zone(r.zone, kSpan);
    for (auto d = local_days{ymd("2026-01-02")}; d < local_days{ymd("2027-12-30")}; d += days(1)) {
      minutes want{24 * 60};
      for (const auto& [day, lost] : r.short_days) {
        if (local_days{ymd(day)} == d) want -= minutes(lost);
      }
      const auto got = total_length(to_utc(zone, d, d + days(1)));
      EXPECT_EQ(duration_cast<minutes>(got).count(), want.count())
          << r.zone << " " << text(LocalTime{d});
    }
  }
}

config::Person person(const char* zone, std::vector<config::Window> windows,
                      std::vector<config::Away> away = {}) {
  config::Person p;
  p.id = "amara";
  p.name = "Amara";
  p.email = "amara@example.org";
  p.timezone = zone;
  p.available = std::move(windows);
  p.away = std::move(away);
  return p;
}

config::Window window(weekday d, int from_h, int from_m, int to_h, int to_m) {
  return {d, hours(from_h) + minutes(from_m), hours(to_h) + minutes(to_m)};
}

TEST(Availability, WeeklyWindowsKeepTheirLocalTimesAcrossDst) {
  struct Row {
    const char* why;
    const char* zone;
    std::vector<config::Window> windows;
    const char* from;  // the range, UTC
    const char* to;
    const char* want;
  };
  const auto mon_9_12 = window(Monday, 9, 0, 12, 0);
  for (const Row& r : {
           Row{"the week before and the week of spring forward",
               "Europe/London",
               {mon_9_12},
               "2027-03-22T00:00Z",
               "2027-04-05T00:00Z",
               "[2027-03-22T09:00Z, 2027-03-22T12:00Z) [2027-03-29T08:00Z, 2027-03-29T11:00Z)"},
           Row{"the week before and the week after fall-back",
               "Europe/London",
               {mon_9_12},
               "2026-10-19T00:00Z",
               "2026-11-02T00:00Z",
               "[2026-10-19T08:00Z, 2026-10-19T11:00Z) [2026-10-26T09:00Z, 2026-10-26T12:00Z)"},
           Row{"southern autumn",
               "Australia/Sydney",
               {mon_9_12},
               "2027-03-28T00:00Z",
               "2027-04-11T00:00Z",
               "[2027-03-28T22:00Z, 2027-03-29T01:00Z) [2027-04-04T23:00Z, 2027-04-05T02:00Z)"},
           Row{"southern spring",
               "Australia/Sydney",
               {mon_9_12},
               "2026-09-27T00:00Z",
               "2026-10-11T00:00Z",
               "[2026-09-27T23:00Z, 2026-09-28T02:00Z) [2026-10-04T22:00Z, 2026-10-05T01:00Z)"},
           Row{"no DST: the same UTC times",
               "Asia/Kathmandu",
               {mon_9_12},
               "2027-03-22T00:00Z",
               "2027-04-05T00:00Z",
               "[2027-03-22T03:15Z, 2027-03-22T06:15Z) [2027-03-29T03:15Z, 2027-03-29T06:15Z)"},
           Row{"a window over the spring-forward gap",
               "Europe/London",
               {window(Sunday, 0, 0, 3, 0)},
               "2027-03-21T00:00Z",
               "2027-03-29T00:00Z",
               "[2027-03-21T00:00Z, 2027-03-21T03:00Z) [2027-03-28T00:00Z, 2027-03-28T02:00Z)"},
           Row{"a window over the repeated hour",
               "Europe/London",
               {window(Sunday, 1, 0, 3, 0)},
               "2026-10-18T00:00Z",
               "2026-10-26T00:00Z",
               "[2026-10-18T00:00Z, 2026-10-18T02:00Z) [2026-10-25T00:00Z, 2026-10-25T01:00Z) "
               "[2026-10-25T02:00Z, 2026-10-25T03:00Z)"},
           Row{"windows either side of a midnight without its 00:00",
               "America/Santiago",
               {window(Saturday, 23, 0, 24, 0), window(Sunday, 0, 0, 2, 0)},
               "2026-09-05T00:00Z",
               "2026-09-07T00:00Z",
               "[2026-09-06T03:00Z, 2026-09-06T05:00Z)"},
           Row{"windows meeting at midnight merge",
               "Europe/London",
               {window(Sunday, 0, 0, 1, 0), window(Saturday, 22, 0, 24, 0)},
               "2026-11-21T00:00Z",
               "2026-11-23T00:00Z",
               "[2026-11-21T22:00Z, 2026-11-22T01:00Z)"},
           Row{"clipped to the range",
               "Europe/London",
               {mon_9_12},
               "2026-11-23T10:00Z",
               "2026-11-23T11:30Z",
               "[2026-11-23T10:00Z, 2026-11-23T11:30Z)"},
           Row{"no windows", "Europe/London", {}, "2026-11-23T00:00Z", "2026-12-23T00:00Z", ""},
           Row{"empty range",
               "Europe/London",
               {mon_9_12},
               "2026-11-23T10:00Z",
               "2026-11-23T10:00Z",
               ""},
       }) {
    const Zone zone(r.zone, kSpan);
    const Interval range{utc(r.from), utc(r.to)};
    EXPECT_EQ(text(weekly_windows(person(r.zone, r.windows), zone, range)), r.want)
        << r.why << ": " << r.zone;
  }
}

TEST(Availability, AwayDaysAreWholeLocalDays) {
  struct Row {
    const char* why;
    const char* zone;
    std::vector<std::pair<const char*, const char*>> away;  // inclusive local dates
    const char* from;                                       // the range, UTC
    const char* to;
    const char* want;
  };
  for (const Row& r : {
           Row{"over the spring-forward day: 47 hours",
               "Europe/London",
               {{"2027-03-27", "2027-03-28"}},
               "2027-03-01T00:00Z",
               "2027-05-01T00:00Z",
               "[2027-03-27T00:00Z, 2027-03-28T23:00Z)"},
           Row{"the fall-back day: 25 hours",
               "Europe/London",
               {{"2026-10-25", "2026-10-25"}},
               "2026-10-01T00:00Z",
               "2026-11-01T00:00Z",
               "[2026-10-24T23:00Z, 2026-10-26T00:00Z)"},
           Row{"a day that starts at 01:00",
               "America/Santiago",
               {{"2026-09-06", "2026-09-06"}},
               "2026-09-01T00:00Z",
               "2026-10-01T00:00Z",
               "[2026-09-06T04:00Z, 2026-09-07T03:00Z)"},
           Row{"east of UTC",
               "Australia/Sydney",
               {{"2026-12-24", "2026-12-26"}},
               "2026-12-01T00:00Z",
               "2027-01-01T00:00Z",
               "[2026-12-23T13:00Z, 2026-12-26T13:00Z)"},
           Row{":45 offset",
               "Asia/Kathmandu",
               {{"2026-12-24", "2026-12-24"}},
               "2026-12-01T00:00Z",
               "2027-01-01T00:00Z",
               "[2026-12-23T18:15Z, 2026-12-24T18:15Z)"},
           Row{"only those touching the range, whole",
               "Europe/London",
               {{"2026-11-02", "2026-11-06"}, {"2026-12-21", "2026-12-24"}},
               "2026-11-22T09:00Z",
               "2026-12-22T00:00Z",
               "[2026-12-21T00:00Z, 2026-12-25T00:00Z)"},
           Row{"the range's first day",
               "Europe/London",
               {{"2026-11-22", "2026-11-22"}},
               "2026-11-22T09:00Z",
               "2026-12-22T00:00Z",
               "[2026-11-22T00:00Z, 2026-11-23T00:00Z)"},
           Row{"back to back ranges merge",
               "Europe/London",
               {{"2027-01-07", "2027-01-08"}, {"2027-01-04", "2027-01-06"}},
               "2027-01-01T00:00Z",
               "2027-02-01T00:00Z",
               "[2027-01-04T00:00Z, 2027-01-09T00:00Z)"},
           Row{"overlapping ranges merge",
               "Europe/London",
               {{"2027-02-10", "2027-02-20"}, {"2027-02-01", "2027-02-12"}},
               "2027-02-01T00:00Z",
               "2027-03-01T00:00Z",
               "[2027-02-01T00:00Z, 2027-02-21T00:00Z)"},
           Row{"none", "Europe/London", {}, "2027-02-01T00:00Z", "2027-03-01T00:00Z", ""},
       }) {
    const Zone zone(r.zone, kSpan);
    std::vector<config::Away> away;
    for (const auto& [from, to] : r.away)
      away.push_back({ymd(from), ymd(to), "away"});
    const Interval range{utc(r.from), utc(r.to)};
    EXPECT_EQ(text(away_days(person(r.zone, {}, away), zone, range)), r.want)
        << r.why << ": " << r.zone;
  }
}

TEST(Availability, LocalDaysSpan) {
  const Zone london("Europe/London", kSpan);
  EXPECT_EQ(text(Intervals{local_days_span(london, ymd("2026-10-01"), ymd("2026-10-31"))}),
            "[2026-09-30T23:00Z, 2026-11-01T00:00Z)");
  const Zone santiago("America/Santiago", kSpan);
  EXPECT_EQ(text(Intervals{local_days_span(santiago, ymd("2026-09-05"), ymd("2026-09-05"))}),
            "[2026-09-05T04:00Z, 2026-09-06T04:00Z)");
}

}  // namespace
}  // namespace mentorcal::scheduler
