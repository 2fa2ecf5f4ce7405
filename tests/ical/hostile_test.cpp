// Hostile iCalendar text, generated here (issue 12): every reader of outside text stays bounded in
// CPU time and memory before libical sees it. Each input below crashed mentorcal or took minutes
// before ical/bounded_text.h.
#include <chrono>
#include <string>
#include <sys/resource.h>
#include <time.h>

#include <gtest/gtest.h>

#include "ical/feed.h"
#include "ical/itip_answer.h"

namespace mentorcal::ical {
namespace {

using namespace std::chrono;

const sys_seconds kFrom = sys_days{year{2026} / March / 1};
const sys_seconds kTo = kFrom + weeks(8);
const auto kNoneOurs = [](std::string_view) { return false; };

// CPU seconds this thread has used.
double cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) / 1e9;
}

// Return `n` copies of `line` (CRLF-ended).
std::string repeated(const std::string& line, int n) {
  std::string out;
  out.reserve((line.size() + 2) * static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i)
    out += line + "\r\n";
  return out;
}

std::string one_event(const std::string& inside) {
  return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:a\r\n"
         "DTSTART:20260302T100000Z\r\nDTEND:20260302T110000Z\r\n" +
         inside + "END:VEVENT\r\nEND:VCALENDAR\r\n";
}

// The CPU budget of one hostile input in these (unoptimised, Debug) tests; minutes before.
constexpr double kCpuBudget = 3.0;

TEST(HostileFeed, DeepNestingIsRefusedNotACrash) {
  // 290,000 nested components overflowed the stack in icalcomponent_free (defect 1).
  // 4.6 MB, under the 5 MiB a feed may have.
  const std::string text = "BEGIN:VCALENDAR\r\n" + repeated("BEGIN:X", 290'000) +
                           repeated("END:X", 290'000) + "END:VCALENDAR\r\n";
  const auto reading = read_busy_feed(text, kFrom, kTo, "UTC", kNoneOurs);
  ASSERT_FALSE(reading);
  EXPECT_EQ(reading.error(), "not read: components nested too deeply");
}

TEST(HostileFeed, ManyBadDatesAreNotQuadratic) {
  // 130,000 "DTEND:x" lines took 242 s of CPU (defect 2).
  const double before = cpu_seconds();
  const auto reading =
      read_busy_feed(one_event(repeated("DTEND:x", 130'000)), kFrom, kTo, "UTC", kNoneOurs);
  EXPECT_LT(cpu_seconds() - before, kCpuBudget);
  ASSERT_FALSE(reading);
  EXPECT_EQ(reading.error(), "not read: more than 200 unreadable dates");
}

TEST(HostileFeed, FewBadDatesAreDroppedAndTheEventKept) {
  const auto reading =
      read_busy_feed(one_event(repeated("EXDATE:x", 20)), kFrom, kTo, "UTC", kNoneOurs);
  ASSERT_TRUE(reading);
  ASSERT_EQ(reading->busy.size(), 1u);
  EXPECT_EQ(reading->warnings.at(0),
            "event 'a': libical dropped a bad property: Can't parse as DATE-TIME value in EXDATE "
            "property. Removing entire property: x");
}

TEST(HostileFeed, OtherBadValuesAreBoundedPerComponent) {
  // Values libical rejects that are not dates (DURATION, TRIGGER, any VALUE=): the same scan.
  for (const std::string line : {"TRIGGER:x", "DURATION:x", "X-A;VALUE=DATE:x", "GEO:x"}) {
    std::string body;
    for (int i = 0; i < 2'000; ++i)
      body += "BEGIN:VEVENT\r\nUID:" + std::to_string(i) + "\r\n" + repeated(line, 60) +
              "END:VEVENT\r\n";
    const double before = cpu_seconds();
    const auto reading = read_busy_feed("BEGIN:VCALENDAR\r\n" + body + "END:VCALENDAR\r\n", kFrom,
                                        kTo, "UTC", kNoneOurs);
    EXPECT_LT(cpu_seconds() - before, kCpuBudget) << line;
    ASSERT_TRUE(reading) << line;
  }
  const double before = cpu_seconds();
  const auto reading =
      read_busy_feed(one_event(repeated("TRIGGER:x", 500'000)), kFrom, kTo, "UTC", kNoneOurs);
  EXPECT_LT(cpu_seconds() - before, kCpuBudget);
  EXPECT_FALSE(reading);  // more than 5 MiB
}

TEST(HostileFeed, ManyRulesInOneEventAreDropped) {
  // 300,000 RRULE lines took a tick to ~1 GB resident (defect 5).
  rusage before{};
  getrusage(RUSAGE_SELF, &before);
  const auto reading = read_busy_feed(one_event(repeated("RRULE:FREQ=DAILY;COUNT=2", 200'000)),
                                      kFrom, kTo, "UTC", kNoneOurs);
  rusage after{};
  getrusage(RUSAGE_SELF, &after);
  ASSERT_TRUE(reading);
  EXPECT_EQ(reading->warnings.at(0), "199992 RRULE/EXRULE beyond 8 in one component dropped");
  EXPECT_LT(after.ru_maxrss - before.ru_maxrss, 150 * 1024);  // KiB
}

TEST(HostileFeed, TooManyEventsAreRefused) {
  std::string body;
  for (int i = 0; i < 20'001; ++i)
    body += "BEGIN:VEVENT\r\nEND:VEVENT\r\n";
  const auto reading = read_busy_feed("BEGIN:VCALENDAR\r\n" + body + "END:VCALENDAR\r\n", kFrom,
                                      kTo, "UTC", kNoneOurs);
  ASSERT_FALSE(reading);
  EXPECT_EQ(reading.error(), "not read: more than 20000 events");
}

TEST(HostileFeed, LongLinesAreDropped) {
  const auto reading = read_busy_feed(
      one_event("DESCRIPTION:" + std::string(100'000, 'x') + "\r\n"), kFrom, kTo, "UTC", kNoneOurs);
  ASSERT_TRUE(reading);
  EXPECT_EQ(reading->busy.size(), 1u);
  EXPECT_EQ(reading->warnings.at(0), "1 lines longer than 64 KiB dropped");
}

TEST(HostileReply, ManyBadDatesInOneReplyAreNotQuadratic) {
  // One calendar part of 110,000 "DTEND:x" lines (990 KB) took 75 s of CPU (defect 2).
  const std::string text =
      "BEGIN:VCALENDAR\r\nMETHOD:REPLY\r\nBEGIN:VEVENT\r\nUID:u\r\n"
      "ATTENDEE;PARTSTAT=ACCEPTED:mailto:a@example.org\r\n" +
      repeated("DTEND:x", 110'000) + "END:VEVENT\r\nEND:VCALENDAR\r\n";
  const double before = cpu_seconds();
  ItipAnswers answers(Senders{"a@example.org", ""});
  answers.read(text, "REPLY");
  EXPECT_LT(cpu_seconds() - before, kCpuBudget);
  EXPECT_TRUE(answers.replies().empty());
  ASSERT_EQ(answers.problems().size(), 1u);
  EXPECT_EQ(answers.problems()[0], "calendar part unreadable: more than 200 unreadable dates");
}

}  // namespace
}  // namespace mentorcal::ical
