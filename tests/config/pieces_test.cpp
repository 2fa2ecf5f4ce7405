// Reading a programme a piece at a time (config/pieces.h) must give what reading it whole gives:
// the same people and pairs, the same diagnostics at the same lines.
#include "config/pieces.h"

#include <algorithm>
#include <string>

#include <gtest/gtest.h>

namespace mentorcal::config {
namespace {

const std::string kHead = R"([programme]
name = "P"
organiser_email = "o@example.org"
timezone = "UTC"
)";

std::string person(const std::string& id, const std::string& extra = "") {
  return "[[person]]\nid = \"" + id + "\"\nname = \"N\"\nemail = \"" + id +
         "@example.org\"\navailable = [\"Mon 09:00-12:00\"]\n" + extra;
}

std::string pair(const std::string& mentor, const std::string& mentee,
                 const std::string& extra = "") {
  return "[[pair]]\nmentor = \"" + mentor + "\"\nmentee = \"" + mentee +
         "\"\nstarted = 2026-11-02\n" + extra;
}

std::vector<std::string> texts(const tl::expected<Loaded, Diagnostics>& loaded) {
  std::vector<std::string> out;
  for (const auto& d : loaded ? loaded->warnings : loaded.error())
    out.push_back(d.text());
  if (loaded) {
    for (const auto& p : loaded->programme.people)
      out.push_back("person " + p.id + " " + p.email);
    for (const auto& p : loaded->programme.pairs)
      out.push_back("pair " + p.id + " " + p.agreement.cadence.text());
  }
  return out;
}

TEST(Pieces, CutsBeforeEachPersonAndPairHeader) {
  const std::string text = kHead + person("a") + "# a comment\n" + person("b") +
                           "[[pair]] # the first pair\nmentor = \"a\"\nmentee = \"b\"\n";
  const auto pieces = cut_into_pieces(text);
  ASSERT_TRUE(pieces);
  EXPECT_EQ(pieces->head, kHead);
  ASSERT_EQ(pieces->people.size(), 2u);
  EXPECT_EQ(pieces->people[0].first_line, 5);
  EXPECT_EQ(pieces->people[0].text, person("a") + "# a comment\n");
  EXPECT_EQ(pieces->people[1].first_line, 11);
  ASSERT_EQ(pieces->pairs.size(), 1u);
  EXPECT_EQ(pieces->pairs[0].first_line, 16);
}

TEST(Pieces, RefusesShapesThatPiecesCouldReadDifferently) {
  EXPECT_FALSE(cut_into_pieces(kHead + "note = \"\"\"\n[[person]]\n\"\"\"\n"));
  EXPECT_FALSE(cut_into_pieces(kHead + "note = '''x'''\n" + person("a")));
  EXPECT_FALSE(cut_into_pieces(kHead + person("a") + "[programme.more]\n"));
  EXPECT_FALSE(cut_into_pieces(kHead + person("a") + "  [[person]]\n"));
  EXPECT_FALSE(cut_into_pieces(kHead + person("a") + "[[person.sub]]\n"));
  EXPECT_FALSE(cut_into_pieces(kHead + person("a") + "x = [\n[1],\n]\n"));
  EXPECT_TRUE(cut_into_pieces(kHead + "[mail]\n" + person("a")));
}

TEST(Pieces, ReadLikeTheWholeFile) {
  const std::string cases[] = {
      // good, with a pair before the people it names and a person in no pair
      kHead + pair("a", "b", "cadence = \"1/week\"\n") + person("a") + person("b") + person("c"),
      // duplicates across pieces: "first used on line" must count lines in the whole file
      kHead + person("a") + person("b") + person("a") + pair("a", "b") + pair("a", "b"),
      // an unknown key and a bad value in later pieces, a pair naming nobody
      kHead + person("a", "colour = \"red\"\n") + person("b", "timezone = \"Mars/Base\"\n") +
          pair("a", "zed") + pair("a", "b", "cadence = \"often\"\n"),
      // a syntax error in a late piece: the whole file's first error, nothing else
      kHead + person("a") + person("b") + pair("a", "b", "x = = 1\n") + person("c", "y = [\n"),
      // the head names person itself: read whole, toml++ refuses it
      kHead + "person = 1\n" + person("a"),
      // a table header after the pieces began: read whole
      kHead + person("a") + person("b") + pair("a", "b") + "[scheduling]\nhorizon_weeks = 4\n",
      // unknown top-level key in the head, missing [programme]
      "stray = 1\n" + person("a") + person("b") + pair("a", "b"),
      // an unterminated string in a pair, then non-ASCII text outside strings in a later person:
      // the whole file's guard stops at the string, and pieces read people before pairs, so each
      // piece needs the guard of its own (toml++ reached its unreachable point; fuzzer, CI)
      kHead + pair("a", "b", "note = \"open\n") + person("a") + person("b", "x = 1Ã©\n"),
  };
  for (const auto& text : cases) {
    const auto pieces = parse_programme(text, "p.toml", "/srv");
    const auto whole = parse_programme_whole(text, "p.toml", "/srv");
    EXPECT_EQ(texts(pieces), texts(whole)) << text;
    EXPECT_FALSE(texts(whole).empty()) << text;
  }
}

// A file of 700 people and 600 pairs, with problems in pieces far apart and a pair between
// people, reads like the whole file.
TEST(Pieces, ManyPiecesReadLikeTheWholeFile) {
  std::string good = kHead, bad = kHead;
  for (int i = 0; i < 700; ++i) {
    const auto id = "p" + std::to_string(i);
    good += person(id);
    bad += i == 255 || i == 256 || i == 512 ? person(id, "colour = \"red\"\n") : person(id);
    if (i == 300) good += pair("p0", "p1"), bad += pair("p0", "zed");
  }
  for (int i = 2; i < 600; ++i) {
    const auto mentor = "p" + std::to_string(i), mentee = "p" + std::to_string(i + 100);
    good += pair(mentor, mentee);
    bad += i == 257   ? pair(mentor, mentor)
           : i == 513 ? pair(mentor, mentee, "x = [\n")
                      : pair(mentor, mentee);
  }
  for (const auto& text : {good, bad, bad.substr(0, bad.find("x = [")) + "\n"}) {
    const auto pieces = parse_programme(text, "p.toml", "/srv");
    const auto whole = parse_programme_whole(text, "p.toml", "/srv");
    EXPECT_EQ(texts(pieces), texts(whole));
    EXPECT_GT(texts(whole).size(), text == good ? 1000u : 0u);
  }
}

TEST(Pieces, DuplicateInALaterPieceNamesTheLineOfTheFirst) {
  const std::string text = kHead + person("a") + person("b") + person("a");
  const auto loaded = parse_programme(text, "p.toml", "/srv");
  ASSERT_FALSE(loaded);
  const auto& all = loaded.error();
  EXPECT_TRUE(std::any_of(all.begin(), all.end(), [](const Diagnostic& d) {
    return d.text() ==
           "p.toml:16:6: error: person.id: duplicate person id \"a\" (first used on line 6)";
  }));
}

}  // namespace
}  // namespace mentorcal::config
