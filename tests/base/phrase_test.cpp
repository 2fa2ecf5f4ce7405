// A phrase's English words (base/phrase.h): the scheduler's reasons read exactly as before.
#include "base/phrase.h"

#include <gtest/gtest.h>

namespace mentorcal::base {
namespace {

using namespace std::chrono;

TEST(Phrase, FillsEachPlaceWithItsValue) {
  const auto p = Phrase("{{name}} is away ({{note}}) from {{from}} to {{to}}")
                     .with("name", "Li")
                     .with("note", "holiday")
                     .with("from", Phrase::Day{year{2027} / 2 / 1})
                     .with("to", Phrase::Day{year{2027} / 2 / 10});
  EXPECT_EQ(p.text(), "Li is away (holiday) from 2027-02-01 to 2027-02-10");
}

TEST(Phrase, NamesDaysAsAskedAndSpellsSmallCounts) {
  const year_month_day d{year{2026} / 12 / 16};  // a Wednesday
  const auto p = Phrase("{{a}} | {{b}} | {{c}} | {{d}} | {{two}} | {{nine}} | {{plain}}")
                     .with("a", Phrase::Day{d})
                     .with("b", Phrase::Day{d, Phrase::Day::As::month})
                     .with("c", Phrase::Day{d, Phrase::Day::As::year})
                     .with("d", Phrase::Day{d, Phrase::Day::As::weekday})
                     .with("two", 2, true)
                     .with("nine", 9, true)
                     .with("plain", 2);
  EXPECT_EQ(p.text(), "2026-12-16 | December 2026 | 2026 | Wednesday | two | 9 | 2");
}

TEST(Phrase, NestsPhrasesAndJoinsListsWithSemicolons) {
  const auto inner = Phrase("{{n}} declined").with("n", "Li");
  const auto p =
      Phrase("{{count}} meetings ({{note}}); {{why}}")
          .with("count", 3)
          .with("note", std::vector<Phrase>{inner, Phrase("{{n}} declined").with("n", "Ana")})
          .with("why", inner);
  EXPECT_EQ(p.text(), "3 meetings (Li declined; Ana declined); Li declined");
}

TEST(Phrase, KeepsAPlaceWithNoValueAndUnclosedBraces) {
  EXPECT_EQ(Phrase("{{known}} {{unknown}} {{open").with("known", "x").text(),
            "x {{unknown}} {{open");
  EXPECT_TRUE(Phrase().empty());
  EXPECT_EQ(Phrase().text(), "");
}

}  // namespace
}  // namespace mentorcal::base
