// Busy-feed benchmark: read_busy_feed over a generated 10k-event feed, 8 weeks.
//   The feed (fixed seed): four VTIMEZONEs (Google-style London, New York and Sydney, Outlook-style
//   "W. Europe Standard Time" from 1601); 2,000 series (weekly, weekly on 2-3 days, daily,
//   weekdays, monthly; COUNT, UNTIL or open; EXDATEs; of the open ones a quarter with a moved
//   instance and a tenth with a cancelled one) starting up to 14 months before the range; 8,000
//   single events around it (a quarter in UTC, some transparent or cancelled). The range:
//   2026-03-02 + 8 weeks, over the DST changes of all four zones.
// The feed is written to $MENTORCAL_FEED_BENCH_FILE (default: <temp dir>/mentorcal-feed-bench.ics)
// and left there, so that tests/bench/feed_icaljs.mjs can expand the same file with ical.js:
//   feed_bench && node tests/bench/feed_icaljs.mjs
// Both print the number of merged busy intervals and busy hours: they must agree. The feed keeps
// to what both read alike (see the comments in generate_feed()).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "ical/feed.h"

namespace mentorcal {
namespace {

using namespace std::chrono;

const sys_seconds kFrom = sys_days{year{2026} / March / 2};
const sys_seconds kTo = kFrom + weeks(8);

const char* const kZones[] = {"Europe/London", "America/New_York", "Australia/Sydney",
                              "W. Europe Standard Time"};

const char* const kTimezones = R"(BEGIN:VTIMEZONE
TZID:Europe/London
BEGIN:DAYLIGHT
TZOFFSETFROM:+0000
TZOFFSETTO:+0100
TZNAME:BST
DTSTART:19700329T010000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
END:DAYLIGHT
BEGIN:STANDARD
TZOFFSETFROM:+0100
TZOFFSETTO:+0000
TZNAME:GMT
DTSTART:19701025T020000
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
END:STANDARD
END:VTIMEZONE
BEGIN:VTIMEZONE
TZID:America/New_York
BEGIN:DAYLIGHT
TZOFFSETFROM:-0500
TZOFFSETTO:-0400
TZNAME:EDT
DTSTART:19700308T020000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU
END:DAYLIGHT
BEGIN:STANDARD
TZOFFSETFROM:-0400
TZOFFSETTO:-0500
TZNAME:EST
DTSTART:19701101T020000
RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU
END:STANDARD
END:VTIMEZONE
BEGIN:VTIMEZONE
TZID:Australia/Sydney
BEGIN:STANDARD
TZOFFSETFROM:+1100
TZOFFSETTO:+1000
TZNAME:AEST
DTSTART:19700405T030000
RRULE:FREQ=YEARLY;BYMONTH=4;BYDAY=1SU
END:STANDARD
BEGIN:DAYLIGHT
TZOFFSETFROM:+1000
TZOFFSETTO:+1100
TZNAME:AEDT
DTSTART:19701004T020000
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=1SU
END:DAYLIGHT
END:VTIMEZONE
BEGIN:VTIMEZONE
TZID:W. Europe Standard Time
BEGIN:STANDARD
DTSTART:16011028T030000
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:16010325T020000
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
END:DAYLIGHT
END:VTIMEZONE
)";

// Return `t` as an iCalendar local DATE-TIME ("20260302T093000").
std::string local_text(local_seconds t) {
  const auto day = floor<days>(t);
  const year_month_day ymd{day};
  const hh_mm_ss hms{t - day};
  char out[40];
  std::snprintf(out, sizeof out, "%04d%02u%02uT%02d%02d%02d", int(ymd.year()),
                unsigned(ymd.month()), unsigned(ymd.day()), int(hms.hours().count()),
                int(hms.minutes().count()), int(hms.seconds().count()));
  return out;
}

std::string utc_text(sys_seconds t) {
  return local_text(local_seconds{t.time_since_epoch()}) + "Z";
}

std::string generate_feed() {
  std::mt19937 rng(20260302);
  const auto pick = [&](int n) { return int(rng() % unsigned(n)); };
  std::string ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//mentorcal//feed bench//EN\r\n" +
                    std::string(kTimezones);
  const auto line = [&](const std::string& text) { ics += text + "\r\n"; };
  const auto stamp = [&] { line("DTSTAMP:20260301T000000Z"); };

  const local_days series_from{year{2025} / January / 1};
  for (int i = 0; i < 2000; ++i) {
    const std::string zone = kZones[pick(4)];
    const std::string uid = "series-" + std::to_string(i) + "@bench.example.org";
    // A weekday start between 2025-01-01 and 2026-03-31, at a half hour between 08:00 and 17:30.
    local_days day = series_from + days(pick(455));
    const int kind = pick(10);
    const weekday first_day = kind == 5 ? Tuesday : Monday;
    while (weekday{day} == Saturday || weekday{day} == Sunday ||
           ((kind == 4 || kind == 5) && weekday{day} != first_day))
      day += days(1);
    // The monthly rule starts on an instance: ical.js drops a DTSTART that is not one (libical,
    // dateutil and read_busy_feed keep it, as RFC 5545 says).
    if (kind == 9) {
      const year_month_day ymd{day};
      day = local_days{ymd.year() / ymd.month() / Monday[1]};
    }
    const local_seconds start = day + minutes(480 + 30 * pick(20));
    const minutes length{30 * (1 + pick(3))};
    std::string rule;
    if (kind < 3) rule = "FREQ=WEEKLY";
    if (kind == 3) rule = "FREQ=WEEKLY;INTERVAL=2";
    if (kind == 4) rule = "FREQ=WEEKLY;BYDAY=MO,WE,FR";
    if (kind == 5) rule = "FREQ=WEEKLY;BYDAY=TU,TH";
    if (kind == 6 || kind == 7) rule = "FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR";
    if (kind == 8) rule = "FREQ=DAILY";
    if (kind == 9) rule = "FREQ=MONTHLY;BYDAY=1MO";
    const int end = pick(3);
    if (end == 0) rule += ";COUNT=" + std::to_string(10 + pick(190));
    if (end == 1) {  // after DTSTART: ical.js drops a DTSTART past UNTIL, RFC 5545 keeps it
      const sys_days until = std::max(sys_days{year{2026} / March / 15} + days(pick(290)),
                                      sys_days{day.time_since_epoch()} + days(8));
      rule += ";UNTIL=" + utc_text(until);
    }
    const std::string tz = ";TZID=" + zone + ":";
    // Whole weeks after DTSTART (even ones for INTERVAL=2) are instances of every weekly and
    // daily rule here. EXDATEs, the moved and the cancelled instance take distinct ones in the
    // range (ical.js 2.2.1 stops honouring EXDATEs after one that matches no instance).
    std::vector<local_seconds> in_range;
    const int step = kind == 3 ? 2 : 1;
    auto first = ceil<weeks>(local_seconds{kFrom.time_since_epoch()} - start);
    first = std::max(first, weeks(0));
    if (first.count() % step) first += weeks(1);
    for (int w = 0; w < 8; w += step)
      in_range.push_back(start + first + weeks(w));
    std::shuffle(in_range.begin(), in_range.end(), rng);
    ics += "BEGIN:VEVENT\r\n";
    line("UID:" + uid);
    stamp();
    line("DTSTART" + tz + local_text(start));
    line("DTEND" + tz + local_text(start + length));
    line("RRULE:" + rule);
    line("SUMMARY:Series " + std::to_string(i));
    std::size_t used = 0;
    for (int n = kind < 9 ? pick(4) : 0; n > 0 && used + 2 < in_range.size(); --n)
      line("EXDATE" + tz + local_text(in_range[used++]));
    ics += "END:VEVENT\r\n";
    // Instances are moved or cancelled only in open series: ical.js drops an override whose
    // instance is past COUNT or UNTIL (read_busy_feed and recurring_ical_events keep it).
    if (kind < 9 && end == 2 && pick(4) == 0) {
      const local_seconds moved = in_range[used++];
      ics += "BEGIN:VEVENT\r\n";
      line("UID:" + uid);
      stamp();
      line("RECURRENCE-ID" + tz + local_text(moved));
      line("DTSTART" + tz + local_text(moved + hours(2)));
      line("DTEND" + tz + local_text(moved + hours(2) + length));
      line("SEQUENCE:1");
      line("SUMMARY:Series " + std::to_string(i) + " (moved)");
      ics += "END:VEVENT\r\n";
    }
    if (kind < 9 && end == 2 && pick(10) == 0 && used < in_range.size()) {
      const local_seconds cancelled = in_range[used++];
      ics += "BEGIN:VEVENT\r\n";
      line("UID:" + uid);
      stamp();
      line("RECURRENCE-ID" + tz + local_text(cancelled));
      line("DTSTART" + tz + local_text(cancelled));
      line("DTEND" + tz + local_text(cancelled + length));
      line("STATUS:CANCELLED");
      line("SEQUENCE:1");
      ics += "END:VEVENT\r\n";
    }
  }

  const local_days singles_from{year{2025} / June / 1};
  for (int i = 0; i < 8000; ++i) {
    const local_seconds start = singles_from + days(pick(457)) + minutes(480 + 15 * pick(40));
    const minutes length{15 * (2 + pick(7))};
    ics += "BEGIN:VEVENT\r\n";
    line("UID:single-" + std::to_string(i) + "@bench.example.org");
    stamp();
    if (pick(4) == 0) {
      const sys_seconds utc{start.time_since_epoch()};
      line("DTSTART:" + utc_text(utc));
      line("DTEND:" + utc_text(utc + length));
    } else {
      const std::string tz = ";TZID=" + std::string(kZones[pick(4)]) + ":";
      line("DTSTART" + tz + local_text(start));
      line("DTEND" + tz + local_text(start + length));
    }
    if (pick(20) == 0) line("TRANSP:TRANSPARENT");
    if (pick(50) == 0) line("STATUS:CANCELLED");
    line("SUMMARY:Single " + std::to_string(i));
    ics += "END:VEVENT\r\n";
  }
  ics += "END:VCALENDAR\r\n";
  return ics;
}

std::filesystem::path feed_path() {
  const char* env = std::getenv("MENTORCAL_FEED_BENCH_FILE");
  return env ? std::filesystem::path(env)
             : std::filesystem::temp_directory_path() / "mentorcal-feed-bench.ics";
}

// Return the generated feed, written to feed_path() on the first call.
const std::string& feed() {
  static const std::string text = [] {
    std::string t = generate_feed();
    std::ofstream(feed_path(), std::ios::binary) << t;
    return t;
  }();
  return text;
}

void read_busy_feed_8_weeks(benchmark::State& state) {
  const std::string& text = feed();
  ical::FeedReading last;
  for (auto _ : state) {
    auto reading = ical::read_busy_feed(text, kFrom, kTo, "Europe/London",
                                        [](std::string_view uid) { return uid.empty(); });
    if (!reading) {
      state.SkipWithError(reading.error().c_str());
      return;
    }
    benchmark::DoNotOptimize(reading->busy.data());
    last = std::move(*reading);
  }
  seconds busy{0};
  for (const auto& b : last.busy)
    busy += b.end - b.begin;
  state.counters["events"] = last.events;
  state.counters["busy_intervals"] = double(last.busy.size());
  state.counters["busy_hours"] = double(busy.count()) / 3600.0;
  state.counters["warnings"] = double(last.warnings.size());
  state.counters["feed_bytes"] = double(text.size());
  state.SetLabel(feed_path().string());
}
BENCHMARK(read_busy_feed_8_weeks)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace mentorcal

BENCHMARK_MAIN();
