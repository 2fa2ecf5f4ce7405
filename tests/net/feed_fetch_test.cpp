// fetch_feed against a real HTTP server on loopback (tests/net/feed_server.py, started once for
// the suite): conditional requests with ETag and Last-Modified, the size cap, redirects, timeouts
// and errors; and file:// feeds.
#include "net/feed_fetch.h"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <sys/stat.h>

#include <gtest/gtest.h>

#include "tests/support/processes.h"

namespace mentorcal::net {
namespace {

namespace fs = std::filesystem;
using testing::Child;
using testing::TempDir;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;
using Outcome = FeedFetch::Outcome;

const fs::path kServer = fs::path(MENTORCAL_SOURCE_DIR) / "tests/net/feed_server.py";
const std::string kCalendar =
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nEND:VCALENDAR\r\n";

class FeedFetchTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir("feed-fetch");
    server_ = new Child({"/usr/bin/python3", kServer.string()}, dir_->path() / "server.log");
    const std::optional<std::string> line = server_->read_line(Clock::now() + 20s);
    ASSERT_TRUE(line && line->rfind("READY ", 0) == 0) << "the feed server did not start";
    base_ = "http://127.0.0.1:" + line->substr(6);
  }
  static void TearDownTestSuite() {
    delete server_;
    delete dir_;
  }

  static FeedFetch get(const std::string& path, std::string etag = "",
                       std::string last_modified = "") {
    return fetch_feed({base_ + path, std::move(etag), std::move(last_modified), 5s});
  }

  static inline TempDir* dir_ = nullptr;
  static inline Child* server_ = nullptr;
  static inline std::string base_;
};

TEST_F(FeedFetchTest, AnUnchangedFeedIsNotSentAgainForItsETag) {
  const FeedFetch first = get("/etag.ics");
  ASSERT_EQ(first.outcome, Outcome::fresh) << first.error;
  EXPECT_EQ(first.body, kCalendar);
  EXPECT_EQ(first.etag, "\"v1\"");
  EXPECT_EQ(first.last_modified, "");

  const FeedFetch again = get("/etag.ics", first.etag);
  EXPECT_EQ(again.outcome, Outcome::not_modified) << again.error;
  EXPECT_EQ(again.body, "");
  EXPECT_EQ(get("/etag.ics", "\"v0\"").outcome, Outcome::fresh);
}

TEST_F(FeedFetchTest, AnUnchangedFeedIsNotSentAgainForItsLastModifiedTime) {
  const FeedFetch first = get("/old.ics");
  ASSERT_EQ(first.outcome, Outcome::fresh) << first.error;
  ASSERT_NE(first.last_modified, "");
  EXPECT_EQ(get("/old.ics", "", first.last_modified).outcome, Outcome::not_modified);
}

// A feed served in the second it last changed could change again within that second under the
// same Last-Modified time: that time must not be used to ask "modified since?" next time.
TEST_F(FeedFetchTest, ALastModifiedTimeInTheSecondItWasServedIsNotKept) {
  const FeedFetch first = get("/just-changed.ics");
  ASSERT_EQ(first.outcome, Outcome::fresh) << first.error;
  EXPECT_EQ(first.body, kCalendar);
  EXPECT_EQ(first.last_modified, "");
}

TEST_F(FeedFetchTest, AFeedOverFiveMebibytesIsRefused) {
  for (const char* path : {"/big.ics", "/big-unsized.ics"}) {
    const FeedFetch got = get(path);
    EXPECT_EQ(got.outcome, Outcome::failed) << path;
    EXPECT_EQ(got.error, "the feed is larger than 5 MiB") << path;
    EXPECT_EQ(got.body, "") << path;
  }
}

TEST_F(FeedFetchTest, ACompressedFeedIsDecoded) {
  const FeedFetch got = get("/gzip.ics");
  ASSERT_EQ(got.outcome, Outcome::fresh) << got.error;
  EXPECT_EQ(got.body, kCalendar);
}

TEST_F(FeedFetchTest, RedirectsAreFollowedOnlyToHttp) {
  const FeedFetch http = get("/to-http");
  ASSERT_EQ(http.outcome, Outcome::fresh) << http.error;
  EXPECT_EQ(http.body, kCalendar);
  EXPECT_EQ(http.etag, "\"v1\"");  // the validators of the final answer, not the redirect's

  const FeedFetch file = get("/to-file");
  EXPECT_EQ(file.outcome, Outcome::failed);
  EXPECT_NE(file.error.find("Unsupported protocol"), std::string::npos) << file.error;
  EXPECT_EQ(file.body.find("root:"), std::string::npos);

  const FeedFetch loop = get("/loop");
  EXPECT_EQ(loop.outcome, Outcome::failed);
  EXPECT_NE(loop.error.find("redirect"), std::string::npos) << loop.error;
}

TEST_F(FeedFetchTest, AnErrorAnswerIsAFailureNotAnEmptyCalendar) {
  const FeedFetch got = get("/missing");
  EXPECT_EQ(got.outcome, Outcome::failed);
  EXPECT_EQ(got.error, "the server answered 404");
}

TEST_F(FeedFetchTest, ASilentServerTimesOut) {
  const auto start = Clock::now();
  const FeedFetch got = fetch_feed({base_ + "/silent", "", "", 1s});
  EXPECT_EQ(got.outcome, Outcome::failed);
  EXPECT_NE(got.error.find("imeout"), std::string::npos) << got.error;
  EXPECT_LT(Clock::now() - start, 10s);
}

TEST_F(FeedFetchTest, ARefusedConnectionIsAFailure) {
  const FeedFetch got = fetch_feed({"http://127.0.0.1:1/feed.ics", "", "", 2s});
  EXPECT_EQ(got.outcome, Outcome::failed);
  EXPECT_NE(got.error, "");
}

TEST_F(FeedFetchTest, FileFeedsAreRead) {
  const fs::path path = dir_->path() / "local.ics";
  std::ofstream(path, std::ios::binary) << kCalendar;
  const FeedFetch got = fetch_feed({"file://" + path.string(), "", "", 2s});
  ASSERT_EQ(got.outcome, Outcome::fresh) << got.error;
  EXPECT_EQ(got.body, kCalendar);

  const FeedFetch missing =
      fetch_feed({"file://" + (dir_->path() / "none.ics").string(), "", "", 2s});
  EXPECT_EQ(missing.outcome, Outcome::failed);
}

TEST_F(FeedFetchTest, AFifoIsNotAFeed) {
  // Before issue 12, open() on a FIFO blocked the tick for ever.
  const fs::path path = dir_->path() / "fifo.ics";
  ASSERT_EQ(::mkfifo(path.c_str(), 0600), 0);
  const FeedFetch got = fetch_feed({"file://" + path.string(), "", "", 2s});
  EXPECT_EQ(got.outcome, Outcome::failed);
  EXPECT_EQ(got.error, "not a regular file");
}

TEST_F(FeedFetchTest, AnETagWithACarriageReturnIsNotKept) {
  const FeedFetch got = get("/cr-etag.ics");
  ASSERT_EQ(got.outcome, Outcome::fresh) << got.error;
  EXPECT_EQ(got.etag, "");
}

// Issue 12: a redirect to another non-public address (here a second server on 127.0.0.2) is
// refused unless the feed allows that network; back to the feed's own address it is followed.
TEST_F(FeedFetchTest, RedirectsToOtherNonPublicAddressesOnlyWhereAllowed) {
  Child other({"/usr/bin/python3", kServer.string(), "0", "127.0.0.2"}, dir_->path() / "other.log");
  const auto line = other.read_line(Clock::now() + 20s);
  ASSERT_TRUE(line && line->rfind("READY ", 0) == 0) << "the second feed server did not start";
  const std::string url = base_ + "/to/127.0.0.2/" + line->substr(6);

  const FeedFetch refused = fetch_feed({url, "", "", 5s});
  EXPECT_EQ(refused.outcome, Outcome::failed);
  EXPECT_EQ(refused.error, "redirected to a non-public address (refused)");

  FeedRequest allowed{url, "", "", 5s};
  allowed.redirects_to = {*base::parse_network("127.0.0.0/30")};
  const FeedFetch got = fetch_feed(allowed);
  ASSERT_EQ(got.outcome, Outcome::fresh) << got.error;
  EXPECT_EQ(got.body, kCalendar);

  FeedRequest elsewhere{url, "", "", 5s};
  elsewhere.redirects_to = {*base::parse_network("10.0.0.0/8"), *base::parse_network("127.0.0.1")};
  EXPECT_EQ(fetch_feed(elsewhere).outcome, Outcome::failed);

  // Back to the configured address (127.0.0.1): followed without any allowance.
  EXPECT_EQ(get("/to/127.0.0.1/" + base_.substr(base_.rfind(':') + 1)).outcome, Outcome::fresh);
}

TEST(PublicAddress, OnlyThePublicInternetIsPublic) {
  for (const char* ip : {"93.184.216.34", "8.8.8.8", "2606:4700::1111", "172.32.0.1"})
    EXPECT_TRUE(is_public_address(ip)) << ip;
  for (const char* ip :
       {"127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1",
        "0.0.0.0", "224.0.0.1", "::1", "::", "fe80::1", "fd00::1", "::ffff:127.0.0.1",
        "::ffff:169.254.169.254", "64:ff9b::a9fe:a9fe", "nonsense"})
    EXPECT_FALSE(is_public_address(ip)) << ip;
}

TEST_F(FeedFetchTest, OtherSchemesAreRefused) {
  for (const char* url :
       {"ftp://127.0.0.1/feed.ics", "gopher://127.0.0.1/feed.ics", "scp://127.0.0.1/feed.ics"}) {
    const FeedFetch got = fetch_feed({url, "", "", 2s});
    EXPECT_EQ(got.outcome, Outcome::failed) << url;
    // Refused before any connection, not merely failing to connect.
    EXPECT_NE(got.error.find("Unsupported protocol"), std::string::npos) << got.error;
  }
}

}  // namespace
}  // namespace mentorcal::net
