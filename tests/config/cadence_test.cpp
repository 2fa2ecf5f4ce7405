#include "config/cadence.h"

#include <gtest/gtest.h>

namespace mentorcal::config {
namespace {

using P = Cadence::Period;

TEST(Cadence, ParsesEveryForm) {
  struct Row {
    const char* text;
    P period;
    int count;
    int meetings;
    const char* canonical;
  };
  for (const Row& r :
       {Row{"2/month", P::month, 2, 2, "2/month"}, Row{" 1 / week ", P::week, 1, 1, "1/week"},
        Row{"2/year", P::year, 2, 2, "2/year"},
        Row{"every 3 weeks", P::weeks, 3, 1, "every 3 weeks"},
        Row{"Every week", P::weeks, 1, 1, "every week"},
        Row{"every 1 week", P::weeks, 1, 1, "every week"},
        Row{"31/MONTH", P::month, 31, 31, "31/month"}}) {
    const auto c = parse_cadence(r.text);
    ASSERT_TRUE(c) << r.text << ": " << c.error();
    EXPECT_EQ(c->period, r.period) << r.text;
    EXPECT_EQ(c->count, r.count) << r.text;
    EXPECT_EQ(c->meetings(), r.meetings) << r.text;
    EXPECT_EQ(c->text(), r.canonical);
  }
}

TEST(Cadence, RefusesWithAReason) {
  struct Row {
    const char* text;
    const char* needle;
  };
  for (const Row& r :
       {Row{"", "is not a cadence"}, Row{"twice a month", "is not a cadence"},
        Row{"2/fortnight", "unknown period \"fortnight\""}, Row{"0/month", "1 or more"},
        Row{"-1/month", "1 or more"}, Row{"8/week", "at most 7 meetings per week"},
        Row{"32/month", "at most 31"}, Row{"367/year", "at most 366"},
        Row{"every 0 weeks", "1 to 52"}, Row{"every 53 weeks", "1 to 52"},
        Row{"every two weeks", "\"two\" is not a number"}, Row{"every 2 months", "unknown period"},
        Row{"1.5/month", "1 or more"}}) {
    const auto c = parse_cadence(r.text);
    ASSERT_FALSE(c) << r.text;
    EXPECT_NE(c.error().find(r.needle), std::string::npos) << r.text << " -> " << c.error();
  }
}

TEST(Cadence, MinimumMustFitTheCadence) {
  const auto c = [](const char* t) { return *parse_cadence(t); };
  EXPECT_TRUE(is_within(c("1/month"), c("2/month")));
  EXPECT_TRUE(is_within(c("2/month"), c("2/month")));
  EXPECT_FALSE(is_within(c("3/month"), c("2/month")));
  EXPECT_FALSE(is_within(c("1/week"), c("2/month")));
  EXPECT_TRUE(is_within(c("every 4 weeks"), c("every 2 weeks")));
  EXPECT_FALSE(is_within(c("every 1 week"), c("every 2 weeks")));
}

}  // namespace
}  // namespace mentorcal::config
