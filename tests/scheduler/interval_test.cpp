#include "scheduler/interval.h"

#include <ostream>
#include <string>

#include <gtest/gtest.h>

namespace mentorcal::scheduler {

// Found by GoogleTest through ADL; static so other test files may print Intervals their own way.
static void PrintTo(const Interval& i, std::ostream* os) {
  *os << "[" << (i.begin.time_since_epoch().count() / 60) << "m, "
      << (i.end.time_since_epoch().count() / 60) << "m)";
}

namespace {

using std::chrono::minutes;
using std::chrono::seconds;

// Return [b, e) in minutes after the epoch: small numbers keep the tables readable.
Interval iv(int b, int e) {
  return {Instant{minutes(b)}, Instant{minutes(e)}};
}

TEST(Interval, Members) {
  const Interval i = iv(10, 20);
  EXPECT_FALSE(i.empty());
  EXPECT_TRUE(iv(10, 10).empty());
  EXPECT_TRUE(iv(20, 10).empty());
  EXPECT_EQ(i.length(), minutes(10));
  EXPECT_EQ(iv(20, 10).length(), seconds(0));

  EXPECT_TRUE(i.contains(Instant{minutes(10)}));
  EXPECT_FALSE(i.contains(Instant{minutes(20)}));  // half-open
  EXPECT_FALSE(i.contains(Instant{minutes(9)}));

  EXPECT_TRUE(i.holds(Instant{minutes(10)}, minutes(10)));
  EXPECT_TRUE(i.holds(Instant{minutes(15)}, minutes(5)));
  EXPECT_FALSE(i.holds(Instant{minutes(15)}, minutes(6)));
  EXPECT_FALSE(i.holds(Instant{minutes(9)}, minutes(1)));

  EXPECT_TRUE(i.overlaps(iv(19, 30)));
  EXPECT_TRUE(i.overlaps(iv(12, 13)));
  EXPECT_TRUE(i.overlaps(iv(0, 100)));
  EXPECT_FALSE(i.overlaps(iv(20, 30)));  // touching is not overlapping
  EXPECT_FALSE(i.overlaps(iv(0, 10)));
}

TEST(Interval, Normalized) {
  struct Row {
    const char* name;
    Intervals in;
    Intervals want;
  };
  for (const Row& r : {
           Row{"empty list", {}, {}},
           Row{"only empty intervals", {iv(5, 5), iv(7, 3)}, {}},
           Row{"already normal", {iv(0, 10), iv(20, 30)}, {iv(0, 10), iv(20, 30)}},
           Row{"unsorted", {iv(20, 30), iv(0, 10)}, {iv(0, 10), iv(20, 30)}},
           Row{"empty ones dropped", {iv(20, 30), iv(15, 15), iv(0, 10)}, {iv(0, 10), iv(20, 30)}},
           Row{"touching merge", {iv(10, 20), iv(0, 10)}, {iv(0, 20)}},
           Row{"overlapping merge", {iv(0, 10), iv(5, 15)}, {iv(0, 15)}},
           Row{"nested", {iv(0, 30), iv(10, 20)}, {iv(0, 30)}},
           Row{"nested, inner first", {iv(10, 20), iv(0, 30)}, {iv(0, 30)}},
           Row{"duplicates", {iv(0, 10), iv(0, 10), iv(0, 10)}, {iv(0, 10)}},
           Row{"same start, longer second", {iv(0, 10), iv(0, 25)}, {iv(0, 25)}},
           Row{"chain", {iv(20, 30), iv(0, 10), iv(5, 22), iv(40, 50)}, {iv(0, 30), iv(40, 50)}},
           Row{"one long swallows many",
               {iv(1, 2), iv(3, 4), iv(5, 6), iv(0, 100), iv(7, 8)},
               {iv(0, 100)}},
       }) {
    EXPECT_EQ(normalized(r.in), r.want) << r.name;
  }
}

TEST(Interval, Intersect) {
  struct Row {
    const char* name;
    Intervals a;
    Intervals b;
    Intervals want;
  };
  for (const Row& r : {
           Row{"both empty", {}, {}, {}},
           Row{"a empty", {}, {iv(0, 10)}, {}},
           Row{"b empty", {iv(0, 10)}, {}, {}},
           Row{"disjoint", {iv(0, 10)}, {iv(20, 30)}, {}},
           Row{"touching", {iv(0, 10)}, {iv(10, 20)}, {}},
           Row{"overlapping", {iv(0, 10)}, {iv(5, 15)}, {iv(5, 10)}},
           Row{"nested", {iv(0, 30)}, {iv(10, 20)}, {iv(10, 20)}},
           Row{"identical",
               {iv(0, 10), iv(20, 30)},
               {iv(0, 10), iv(20, 30)},
               {iv(0, 10), iv(20, 30)}},
           Row{"one spans all", {iv(0, 10), iv(20, 30)}, {iv(-5, 100)}, {iv(0, 10), iv(20, 30)}},
           Row{"equal ends",
               {iv(0, 10), iv(20, 30)},
               {iv(5, 10), iv(15, 25)},
               {iv(5, 10), iv(20, 25)}},
           Row{"many to many",
               {iv(0, 10), iv(20, 30), iv(40, 50)},
               {iv(5, 25), iv(28, 45)},
               {iv(5, 10), iv(20, 25), iv(28, 30), iv(40, 45)}},
           Row{"interleaved, none shared", {iv(0, 10), iv(20, 30)}, {iv(10, 20), iv(30, 40)}, {}},
       }) {
    EXPECT_EQ(intersect(r.a, r.b), r.want) << r.name;
    EXPECT_EQ(intersect(r.b, r.a), r.want) << r.name << " (swapped)";
  }
}

TEST(Interval, Subtract) {
  struct Row {
    const char* name;
    Intervals a;
    Intervals b;
    Intervals want;
  };
  for (const Row& r : {
           Row{"both empty", {}, {}, {}},
           Row{"a empty", {}, {iv(0, 10)}, {}},
           Row{"b empty", {iv(0, 10), iv(20, 30)}, {}, {iv(0, 10), iv(20, 30)}},
           Row{"disjoint", {iv(0, 10)}, {iv(20, 30)}, {iv(0, 10)}},
           Row{"b before a", {iv(20, 30)}, {iv(0, 10)}, {iv(20, 30)}},
           Row{"touching after", {iv(0, 10)}, {iv(10, 20)}, {iv(0, 10)}},
           Row{"touching before", {iv(10, 20)}, {iv(0, 10)}, {iv(10, 20)}},
           Row{"hole in the middle", {iv(0, 30)}, {iv(10, 20)}, {iv(0, 10), iv(20, 30)}},
           Row{"removes all", {iv(10, 20)}, {iv(0, 30)}, {}},
           Row{"identical", {iv(0, 10), iv(20, 30)}, {iv(0, 10), iv(20, 30)}, {}},
           Row{"trims both ends", {iv(0, 30)}, {iv(-5, 5), iv(25, 35)}, {iv(5, 25)}},
           Row{"same start", {iv(0, 30)}, {iv(0, 10)}, {iv(10, 30)}},
           Row{"same end", {iv(0, 30)}, {iv(20, 30)}, {iv(0, 20)}},
           Row{"many holes in one",
               {iv(0, 100)},
               {iv(10, 20), iv(30, 40), iv(50, 60)},
               {iv(0, 10), iv(20, 30), iv(40, 50), iv(60, 100)}},
           Row{"one b across two a", {iv(0, 10), iv(20, 30)}, {iv(5, 25)}, {iv(0, 5), iv(25, 30)}},
           Row{"many to many",
               {iv(0, 10), iv(20, 30), iv(40, 50)},
               {iv(5, 25), iv(28, 42), iv(45, 46)},
               {iv(0, 5), iv(25, 28), iv(42, 45), iv(46, 50)}},
           Row{"b far after a", {iv(0, 10), iv(20, 30)}, {iv(100, 200)}, {iv(0, 10), iv(20, 30)}},
       }) {
    EXPECT_EQ(subtract(r.a, r.b), r.want) << r.name;
    // What is left never meets `b`, and with the common part gives `a` back.
    EXPECT_EQ(intersect(r.want, r.b), Intervals{}) << r.name;
    Intervals whole = r.want;
    for (const auto& i : intersect(r.a, r.b))
      whole.push_back(i);
    EXPECT_EQ(normalized(whole), r.a) << r.name;
  }
}

TEST(Interval, Clip) {
  struct Row {
    const char* name;
    Intervals a;
    Interval window;
    Intervals want;
  };
  const Intervals three{iv(0, 10), iv(20, 30), iv(40, 50)};
  for (const Row& r : {
           Row{"empty list", {}, iv(0, 100), {}},
           Row{"empty window", three, iv(25, 25), {}},
           Row{"window covers all", three, iv(-10, 60), three},
           Row{"window equals the span", three, iv(0, 50), three},
           Row{"cuts both ends", three, iv(5, 45), {iv(5, 10), iv(20, 30), iv(40, 45)}},
           Row{"in a gap", three, iv(12, 18), {}},
           Row{"touching a gap's edges", three, iv(10, 20), {}},
           Row{"inside one", three, iv(22, 28), {iv(22, 28)}},
           Row{"before all", three, iv(-20, -10), {}},
           Row{"after all", three, iv(50, 60), {}},
       }) {
    EXPECT_EQ(clip(r.a, r.window), r.want) << r.name;
  }
}

TEST(Interval, TotalLength) {
  struct Row {
    const char* name;
    Intervals v;
    seconds want;
  };
  for (const Row& r : {
           Row{"empty list", {}, seconds(0)},
           Row{"one", {iv(0, 10)}, minutes(10)},
           Row{"several", {iv(0, 10), iv(20, 30), iv(40, 45)}, minutes(25)},
           Row{"empty intervals count nothing", {iv(0, 10), iv(30, 20)}, minutes(10)},
       }) {
    EXPECT_EQ(total_length(r.v), r.want) << r.name;
  }
}

}  // namespace
}  // namespace mentorcal::scheduler
