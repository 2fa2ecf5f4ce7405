// report/timeline.h: the geometry of a pair's timeline, fed plain numbers and texts.
#include "report/timeline.h"

#include <gtest/gtest.h>

namespace mentorcal::report {
namespace {

using scheduler::Instant;
using std::chrono::days;

const Instant kStart{std::chrono::sys_days{std::chrono::year{2026} / 11 / 1}};

TEST(Axis, MapsTimesOntoTheWidthAndClampsOutside) {
  const Axis axis{kStart, kStart + days(10)};
  EXPECT_DOUBLE_EQ(axis.x(kStart), Axis::kLeft);
  EXPECT_DOUBLE_EQ(axis.x(kStart + days(10)), Axis::kRight);
  EXPECT_DOUBLE_EQ(axis.x(kStart + days(5)), (Axis::kLeft + Axis::kRight) / 2);
  EXPECT_DOUBLE_EQ(axis.x(kStart - days(3)), Axis::kLeft);
  EXPECT_DOUBLE_EQ(axis.x(kStart + days(30)), Axis::kRight);
}

TEST(TextWidth, CountsCharactersNotBytes) {
  EXPECT_DOUBLE_EQ(text_width("", 10), 0);
  EXPECT_DOUBLE_EQ(text_width("abcd", 10), 24);
  EXPECT_DOUBLE_EQ(text_width("–", 10), 6);  // one character, three bytes
  EXPECT_DOUBLE_EQ(text_width("1/2", 16), 3 * 16 * 0.6);
}

TEST(BandOn, KeepsTheTextsThatFit) {
  const Axis axis{kStart, kStart + days(88)};  // 10 units a day
  const BandText month{{kStart, kStart + days(30)}, "November 2026", "Nov", "1/2", false};
  const auto wide = band_on(axis, month);
  EXPECT_DOUBLE_EQ(wide.x0, axis.x(kStart));
  EXPECT_DOUBLE_EQ(wide.x1, axis.x(kStart + days(30)));
  EXPECT_EQ(wide.label, "November 2026");
  EXPECT_EQ(wide.count, "1/2");
  EXPECT_DOUBLE_EQ(wide.count_size, 16);
}

TEST(BandOn, ShortensThenDropsTheLabelAndTheCount) {
  const Axis axis{kStart, kStart + days(880)};  // one unit a day
  const auto fourteen =
      band_on(axis, {{kStart, kStart + days(14)}, "November 2026", "Nov", "1/2", false});
  EXPECT_EQ(fourteen.label, "");  // 14 - 8 units of room: not even "Nov" (23.4)
  EXPECT_EQ(fourteen.count, "");
  const auto forty =
      band_on(axis, {{kStart, kStart + days(40)}, "November 2026", "Nov", "1/2", false});
  EXPECT_EQ(forty.label, "Nov");
  EXPECT_EQ(forty.count, "1/2");
}

TEST(BandOn, AnInactivePeriodKeepsADashWhenItsCountDoesNotFit) {
  const Axis axis{kStart, kStart + days(880)};
  const auto narrow =
      band_on(axis, {{kStart, kStart + days(20)}, "November 2026", "Nov", "not active", true});
  EXPECT_EQ(narrow.count, "–");
  EXPECT_DOUBLE_EQ(narrow.count_size, 12.5);
  const auto wide =
      band_on(axis, {{kStart, kStart + days(200)}, "November 2026", "Nov", "not active", true});
  EXPECT_EQ(wide.count, "not active");
}

TEST(PlaceLabels, DropsLabelsThatCollideWithEarlierOnes) {
  const auto placed = place_labels({{400, "now", true}, {410, "1 Dec"}, {600, "1 Jan"}});
  ASSERT_EQ(placed.size(), 2u);
  EXPECT_EQ(placed[0].text, "now");
  EXPECT_TRUE(placed[0].bold);
  EXPECT_EQ(placed[1].text, "1 Jan");
  EXPECT_DOUBLE_EQ(placed[1].x, 600);
}

TEST(PlaceLabels, MovesLabelsInsideTheAxis) {
  const auto placed = place_labels({{0, "1 Nov"}, {Axis::kWidth, "1 Mar"}});
  ASSERT_EQ(placed.size(), 2u);
  const double half = (text_width("1 Nov", 12) + 8) / 2;
  EXPECT_DOUBLE_EQ(placed[0].x, half);
  EXPECT_DOUBLE_EQ(placed[1].x, Axis::kWidth - half);
}

TEST(Lanes, CloseMarksTakeTheNextLaneAndShareWhenAllAreTaken) {
  EXPECT_EQ(lanes({10, 100, 200}), (std::vector<std::size_t>{0, 0, 0}));
  EXPECT_EQ(lanes({10, 15, 20, 25}), (std::vector<std::size_t>{0, 1, 2, 0}));
  EXPECT_EQ(lanes({10, 15, 40}), (std::vector<std::size_t>{0, 1, 0}));
  EXPECT_TRUE(lanes({}).empty());
}

TEST(GlyphAt, PlacesTheCrossAndTheBarAroundTheCentre) {
  const auto g = glyph_at(100, 50);
  EXPECT_DOUBLE_EQ(g.left, 94.5);
  EXPECT_DOUBLE_EQ(g.right, 105.5);
  EXPECT_DOUBLE_EQ(g.top, 44.5);
  EXPECT_DOUBLE_EQ(g.bottom, 55.5);
  EXPECT_DOUBLE_EQ(g.bar_left, 91);
  EXPECT_DOUBLE_EQ(g.bar_right, 109);
}

TEST(LegendLayout, PutsItemsInOneRowByTheirTextWidth) {
  const auto legend = legend_layout({"held", "declined"}, {"at risk"});
  ASSERT_EQ(legend.marks.size(), 2u);
  EXPECT_DOUBLE_EQ(legend.marks[0].x, 16);
  EXPECT_DOUBLE_EQ(legend.marks[0].text_x, 28);
  const double second = 10 + 28 + text_width("held", 13);
  EXPECT_DOUBLE_EQ(legend.marks[1].x, second + 6);
  const double swatch = second + 28 + text_width("declined", 13);
  ASSERT_EQ(legend.swatches.size(), 1u);
  EXPECT_DOUBLE_EQ(legend.swatches[0].x, swatch);
  EXPECT_DOUBLE_EQ(legend.swatches[0].text_x, swatch + 32);
  const double now = swatch + 44 + text_width("at risk", 13);
  EXPECT_DOUBLE_EQ(legend.now.x, now + 2);
  EXPECT_DOUBLE_EQ(legend.now.text_x, now + 8);
}

}  // namespace
}  // namespace mentorcal::report
