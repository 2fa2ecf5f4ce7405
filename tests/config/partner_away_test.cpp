// Partners' away dates over the admin's file (issue 15): a pure merge.
#include "config/partner_away.h"

#include <gtest/gtest.h>

namespace mentorcal::config {
namespace {

using namespace std::chrono;

Programme two_people() {
  Programme p;
  p.people.push_back({});
  p.people.back().id = "ana";
  p.people.back().away.push_back({2026y / December / 24d, 2026y / December / 26d, "holiday"});
  p.people.push_back({});
  p.people.back().id = "ben";
  p.index();
  return p;
}

TEST(PartnerAway, AddsToThePersonsOwnDatesAndKeepsTheFile) {
  const auto file = two_people();
  const auto merged =
      with_partner_away(file, {{"ben", {2026y / March / 3d, 2026y / March / 14d, "conference"}},
                               {"ana", {2026y / May / 1d, 2026y / May / 1d, ""}},
                               {"nobody", {2026y / May / 1d, 2026y / May / 2d, ""}}});
  ASSERT_EQ(merged.person("ben")->away.size(), 1u);
  EXPECT_EQ(merged.person("ben")->away[0].note, "conference");
  ASSERT_EQ(merged.person("ana")->away.size(), 2u);  // the file's first, then the partner's
  EXPECT_EQ(merged.person("ana")->away[0].note, "holiday");
  EXPECT_EQ(merged.person("ana")->away[1].from, 2026y / May / 1d);
  EXPECT_EQ(file.person("ana")->away.size(), 1u);  // the file is untouched
  EXPECT_EQ(merged.people.size(), 2u);
}

TEST(PartnerAway, ReadsOnlyRealDays) {
  EXPECT_EQ(parse_date("2026-03-14"), 2026y / March / 14d);
  EXPECT_EQ(parse_date("2028-02-29"), 2028y / February / 29d);
  EXPECT_FALSE(parse_date("2026-02-29"));
  EXPECT_FALSE(parse_date("2026-13-01"));
  EXPECT_FALSE(parse_date("2026-3-14"));
  EXPECT_FALSE(parse_date("14/03/2026"));
  EXPECT_FALSE(parse_date("2026-03-14 "));
  EXPECT_FALSE(parse_date("+026-03-14"));
  EXPECT_FALSE(parse_date(""));
}

}  // namespace
}  // namespace mentorcal::config
