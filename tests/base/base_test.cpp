// base/: ASCII text, spans, addresses and atomic file writes, fed directly.
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

#include <date/date.h>
#include <gtest/gtest.h>

#include "base/address.h"
#include "base/ascii.h"
#include "base/atomic_file.h"
#include "base/log_text.h"
#include "base/network.h"
#include "base/spans.h"
#include "base/time_text.h"

namespace mentorcal::base {
namespace {

// Issue 12: the networks an admin allows a feed's redirects into.
TEST(Network, ParsesWhatAnAdminWritesAndContainsWhatItShould) {
  const auto ten = parse_network("10.20.0.0/16");
  ASSERT_TRUE(ten);
  EXPECT_TRUE(ten->contains("10.20.255.1"));
  EXPECT_TRUE(ten->contains("::ffff:10.20.0.9"));
  EXPECT_FALSE(ten->contains("10.21.0.1"));
  EXPECT_FALSE(ten->contains("fd00::1"));
  const auto one = parse_network("192.168.1.5");
  ASSERT_TRUE(one);
  EXPECT_TRUE(one->contains("192.168.1.5"));
  EXPECT_FALSE(one->contains("192.168.1.6"));
  const auto six = parse_network("fd00::/8");
  ASSERT_TRUE(six);
  EXPECT_TRUE(six->contains("fd12:3456::1"));
  EXPECT_FALSE(six->contains("fe80::1"));
  EXPECT_FALSE(six->contains("10.0.0.1"));
  EXPECT_TRUE(parse_network("0.0.0.0/0")->contains("169.254.169.254"));
  for (const char* bad : {"", "10.1.2.3/8", "10.0.0.0/33", "10.0.0.0/", "10.0.0.0/x", "fd00::/129",
                          "example.org", "10.0.0.0/8 ", "10.0.0/8"})
    EXPECT_FALSE(parse_network(bad)) << bad;
}

TEST(LogText, ControlAndFormatCharactersAreEscaped) {
  EXPECT_EQ(log_escaped("id\x1b[31m\x07<x@y>"), "id\\x1B[31m\\x07<x@y>");
  EXPECT_EQ(log_escaped("a\u202Eb\u2028c\u2029d\u0085e\u200Bf"),
            "a\\u{202E}b\\u{2028}c\\u{2029}d\\u{0085}e\\u{200B}f");
  EXPECT_EQ(log_escaped("Mar\xC3\xAD"
                        "a\tok"),
            "Mar\xC3\xAD"
            "a\tok");
  EXPECT_EQ(log_escaped("bad\xFF"), "bad\\xFF");
  EXPECT_EQ(first_format_character("ok \u00E9"), std::nullopt);
  EXPECT_EQ(first_format_character("x\u2066y"), U'\u2066');
}

TEST(LogText, UrlsLoseTheirSecrets) {
  EXPECT_EQ(redacted_url("https://user:pw@cal.example.org/private/token.ics?key=s3cret#x"),
            "https://***@cal.example.org/private/token.ics?***");
  EXPECT_EQ(redacted_url("https://cal.example.org/a.ics"), "https://cal.example.org/a.ics");
  EXPECT_EQ(redacted_url("file:///srv/a@b.ics"), "file:///srv/a@b.ics");
}

TEST(Ascii, FoldsOnlyAsciiLetters) {
  EXPECT_EQ(lower_ascii("MAILTO:Li.Wei@Example.ORG"), "mailto:li.wei@example.org");
  EXPECT_EQ(lower_ascii("\xC3\x89t\xC3\xA9"), "\xC3\x89t\xC3\xA9");  // "Été": bytes kept
  EXPECT_EQ(upper_ascii("needs-action"), "NEEDS-ACTION");
  EXPECT_EQ(lower_ascii('Z'), 'z');
  EXPECT_EQ(lower_ascii('@'), '@');
}

TEST(Ascii, ComparesIgnoringCase) {
  EXPECT_TRUE(iequals("UTF-8", "utf-8"));
  EXPECT_FALSE(iequals("utf-8", "utf8"));
  EXPECT_TRUE(istarts_with("MailTo:x", "mailto:"));
  EXPECT_FALSE(istarts_with("mail", "mailto:"));
  EXPECT_TRUE(iends_with("invite.ICS", ".ics"));
  EXPECT_EQ(trim(" \t\r\nx y\r\n"), "x y");
  EXPECT_EQ(trim(" \t"), "");
}

TEST(Ascii, TrimsTheBlanksAsked) {
  EXPECT_EQ(trim(" \t Mon 09:00 \r\n"), "Mon 09:00");
  EXPECT_EQ(trim(" \t Mon 09:00 \r\n", " \t"), "Mon 09:00 \r\n");  // the config's blanks
  EXPECT_EQ(trim(" \t "), "");
}

TEST(Ascii, PrintableReplacesWhatALogCannotShowAndCuts) {
  EXPECT_EQ(printable("NO [ALERT]\x1b[31m\r\n", 200), "NO [ALERT]?[31m??");
  EXPECT_EQ(printable("Mar\xc3\xad"
                      "a",
                      200),
            "Mar??a");
  EXPECT_EQ(printable("abcdef", 4), "abcd");
}

TEST(Address, DomainIsWhatFollowsTheLastAt) {
  EXPECT_EQ(domain_of("amara@example.org"), "example.org");
  EXPECT_EQ(domain_of("\"a@b\"@example.org"), "example.org");
  EXPECT_EQ(domain_of("no-at"), "no-at");
}

struct Span {
  int begin, end;
  friend bool operator==(const Span&, const Span&) = default;
};

TEST(Spans, MergesOverlappingAndTouching) {
  EXPECT_EQ(merged(std::vector<Span>{{5, 7}, {1, 3}, {3, 4}, {6, 9}, {11, 12}}),
            (std::vector<Span>{{1, 4}, {5, 9}, {11, 12}}));
  EXPECT_EQ(merged(std::vector<Span>{{1, 10}, {2, 3}}), (std::vector<Span>{{1, 10}}));
  EXPECT_TRUE(merged(std::vector<Span>{}).empty());
}

class AtomicFile : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("mentorcal-base-test-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  static std::string read(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
  }

  std::filesystem::path dir_;
};

TEST_F(AtomicFile, ReplacesTheFileWholeAndLeavesNoTemporaryFile) {
  const auto file = dir_ / "report.html";
  ASSERT_TRUE(write_file_atomically(file, "old", 0666));
  ASSERT_TRUE(write_file_atomically(file, std::string(100'000, 'x'), 0666));
  EXPECT_EQ(read(file), std::string(100'000, 'x'));
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir_), {}), 1);
}

TEST_F(AtomicFile, CreatesWithTheModeLessTheUmask) {
  const mode_t mask = ::umask(022);
  const auto file = dir_ / "m.eml";
  ASSERT_TRUE(write_file_atomically(file, "x", 0640));
  ::umask(mask);
  struct stat st {};
  ASSERT_EQ(::stat(file.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0640u);
}

TEST_F(AtomicFile, ManyAtOnceEachWholeOrUntouched) {
  ASSERT_TRUE(write_file_atomically(dir_ / "b.eml", "old", 0640));
  const std::string big(100'000, 'x');
  const auto written = write_files_atomically(
      dir_, {{"a.eml", "first"}, {"b.eml", big}, {"missing/c.eml", "x"}}, 0640);
  ASSERT_EQ(written.size(), 3u);
  EXPECT_TRUE(written[0]);
  EXPECT_TRUE(written[1]);
  ASSERT_FALSE(written[2]);
  EXPECT_EQ(written[2].error(), "No such file or directory");
  EXPECT_EQ(read(dir_ / "a.eml"), "first");
  EXPECT_EQ(read(dir_ / "b.eml"), big);
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir_), {}), 2);  // no temp file
}

TEST_F(AtomicFile, FailureSaysWhyAndLeavesNothing) {
  const auto written = write_file_atomically(dir_ / "missing" / "f", "x", 0640);
  ASSERT_FALSE(written);
  EXPECT_EQ(written.error(), "No such file or directory");
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir_), {}), 0);
}

}  // namespace
}  // namespace mentorcal::base

namespace mentorcal::base {
namespace {

// rfc3339() is written by hand for years 0-9999; it must say what date::format says.
TEST(TimeText, Rfc3339IsWhatDateFormatWrites) {
  using namespace std::chrono;
  for (const sys_seconds t : std::vector<sys_seconds>{
           sys_seconds{}, sys_days{year{2027} / 3 / 1} + hours{9} + seconds{7},
           sys_days{year{999} / 12 / 31} + hours{23} + minutes{59} + seconds{59},
           sys_seconds{sys_days{year{9999} / 1 / 2}}, sys_seconds{sys_days{year{10000} / 1 / 1}},
           sys_days{year{-1} / 6 / 1} + minutes{1}}) {
    EXPECT_EQ(rfc3339(t), date::format("%Y-%m-%dT%H:%M:%SZ", t));
  }
  EXPECT_EQ(rfc3339(sys_days{year{2026} / 11 / 2} + hours{9}), "2026-11-02T09:00:00Z");
}

}  // namespace
}  // namespace mentorcal::base
