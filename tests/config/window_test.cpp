#include "config/window.h"

#include <gtest/gtest.h>

namespace mentorcal::config {
namespace {

using namespace std::chrono;

TEST(Window, ParsesDaysAndTimes) {
  struct Row {
    const char* text;
    Window want;
    const char* canonical;
  };
  for (const Row& r :
       {Row{"Mon 09:00-12:00", {Monday, 9h, 12h}, "Mon 09:00-12:00"},
        Row{"wednesday 14:00-17:30", {Wednesday, 14h, 17h + 30min}, "Wed 14:00-17:30"},
        Row{"  SUN 00:00 - 24:00 ", {Sunday, 0h, 24h}, "Sun 00:00-24:00"},
        Row{"Sat 9:15-10:45", {Saturday, 9h + 15min, 10h + 45min}, "Sat 09:15-10:45"}}) {
    const auto w = parse_window(r.text);
    ASSERT_TRUE(w) << r.text << ": " << w.error();
    EXPECT_EQ(*w, r.want) << r.text;
    EXPECT_EQ(w->text(), r.canonical);
  }
}

TEST(Window, RefusesWithAReason) {
  struct Row {
    const char* text;
    const char* needle;
  };
  for (const Row& r :
       {Row{"Mon", "is not a window"}, Row{"09:00-12:00", "is not a window"},
        Row{"Funday 09:00-12:00", "\"Funday\" is not a weekday"},
        Row{"Mon 12:00-09:00", "must end after it starts"},
        Row{"Mon 09:00-09:00", "must end after"},
        Row{"Mon 24:00-24:00", "\"24:00\" is not a time of day"},
        Row{"Mon 09:00-24:01", "\"24:01\" is not a time of day"},
        Row{"Mon 09:60-10:00", "\"09:60\" is not a time of day"},
        Row{"Mon 9-12", "\"9\" is not a time"}, Row{"Mon 090:00-10:00", "is not a time"},
        Row{"Mon 09:0-10:00", "is not a time"}, Row{"Mon -1:00-10:00", "is not a"}}) {
    const auto w = parse_window(r.text);
    ASSERT_FALSE(w) << r.text;
    EXPECT_NE(w.error().find(r.needle), std::string::npos) << r.text << " -> " << w.error();
  }
}

TEST(Window, WeeklyTime) {
  const auto t = parse_weekly_time("Fri 16:30");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->day, Friday);
  EXPECT_EQ(t->time, 16h + 30min);
  EXPECT_FALSE(parse_weekly_time("Fri"));
  EXPECT_FALSE(parse_weekly_time("Fri 24:00"));
  EXPECT_EQ(weekday_name(Sunday), "Sun");
}

}  // namespace
}  // namespace mentorcal::config
