// app/feeds: a tick asks for busy times three times (planning, replies, health); a big feed is
// read once per copy, not each time (issue 12: 2-3 reads of a costly feed per tick).
#include "app/feeds.h"

#include <string>
#include <time.h>

#include <gtest/gtest.h>

#include "store/store.h"
#include "tests/support/demo_programme.h"

namespace mentorcal::app {
namespace {

using namespace std::chrono;

const scheduler::Instant t0 = sys_days{year{2026} / November / 22} + hours(9);

double cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) / 1e9;
}

// A feed of `n` weekly events, each its own VEVENT.
std::string big_feed(int n) {
  std::string out = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\n";
  for (int i = 0; i < n; ++i) {
    out += "BEGIN:VEVENT\r\nUID:e" + std::to_string(i) +
           "\r\nDTSTART:20261123T100000Z\r\nDTEND:20261123T110000Z\r\nRRULE:FREQ=WEEKLY;COUNT=" +
           std::to_string(1 + i % 20) + "\r\nEND:VEVENT\r\n";
  }
  return out + "END:VCALENDAR\r\n";
}

TEST(Feeds, ACopyIsReadOnceForTheSameRangeAndMeetings) {
  const auto programme = testing::demo_programme();
  auto store = store::open_store(":memory:");
  {
    auto tx = store->transaction();
    store->feed_fresh("amara", {"https://calendar.example.org/amara.ics", "", ""}, big_feed(5'000),
                      t0);
    tx.commit();
  }
  double before = cpu_seconds();
  const BusyMap first = busy_times(programme, *store, t0);
  const double read = cpu_seconds() - before;
  before = cpu_seconds();
  const BusyMap again = busy_times(programme, *store, t0);
  const double reused = cpu_seconds() - before;
  EXPECT_EQ(first, again);
  ASSERT_EQ(first.count("amara"), 1u);
  EXPECT_LT(reused, read / 4) << "read " << read << " s, then " << reused << " s";

  // Another range is read again, and gives its own answer.
  const BusyMap later = busy_times(programme, *store, t0 + weeks(30));
  EXPECT_NE(later, first);
}

}  // namespace
}  // namespace mentorcal::app
