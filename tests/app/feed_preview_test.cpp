// app/feeds: what `plan` previews with (issue 11, defect 8): a feed with no fresh copy in the
// state is fetched for the preview and not stored; a fresh copy is used as it is.
#include <gtest/gtest.h>

#include "app/feeds.h"
#include "tests/support/demo_programme.h"
#include "tests/support/fake_feed_source.h"

namespace mentorcal::app {
namespace {

using namespace std::chrono;

const scheduler::Instant t0 = sys_days{year{2026} / November / 22} + hours(9);
constexpr const char* kUrl = "https://calendar.example.org/amara.ics";

std::string feed_with(const char* start, const char* end) {
  return std::string(
             "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\nBEGIN:VEVENT\r\n"
             "UID:dentist@cal.example\r\nDTSTAMP:20261120T000000Z\r\nDTSTART:") +
         start + "\r\nDTEND:" + end + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
}

TEST(PreviewFeeds, AFeedWithNoCopyIsFetchedForThePreviewAndNotStored) {
  const auto p = testing::demo_programme();
  const auto store = store::open_store(":memory:");
  testing::FakeFeedSource feeds;
  feeds.answers[kUrl] = {net::FeedFetch::Outcome::fresh,
                         feed_with("20261201T100000Z", "20261201T110000Z"), "", "", ""};
  const auto preview = preview_busy_times(p, store.get(), feeds, t0);
  ASSERT_EQ(feeds.requests.size(), 1u);
  ASSERT_EQ(preview.busy.count("amara"), 1u);
  EXPECT_EQ(preview.busy.at("amara").size(), 1u);
  EXPECT_EQ(preview.notes,
            std::vector<std::string>{
                "the busy calendar of amara was fetched for this preview and not stored"});
  EXPECT_TRUE(store->feed_states().empty());  // read-only
  // Without a state at all, too.
  EXPECT_EQ(preview_busy_times(p, nullptr, feeds, t0).busy.count("amara"), 1u);
}

TEST(PreviewFeeds, AFreshCopyIsUsedAndAFailedFetchIsSaid) {
  const auto p = testing::demo_programme();
  const auto store = store::open_store(":memory:");
  {
    auto tx = store->transaction();
    store->feed_fresh("amara", {kUrl, "", ""}, feed_with("20261201T100000Z", "20261201T110000Z"),
                      t0 - minutes(10));
    tx.commit();
  }
  testing::FakeFeedSource feeds;
  auto preview = preview_busy_times(p, store.get(), feeds, t0);
  EXPECT_TRUE(feeds.requests.empty());
  EXPECT_EQ(preview.busy.at("amara").size(), 1u);
  EXPECT_TRUE(preview.notes.empty());
  // Two hours later the copy is not fresh; the fetch fails; the stored copy is used, and said so.
  preview = preview_busy_times(p, store.get(), feeds, t0 + hours(2));
  EXPECT_EQ(feeds.requests.size(), 1u);
  EXPECT_EQ(preview.busy.at("amara").size(), 1u);
  EXPECT_EQ(preview.notes,
            std::vector<std::string>{"the busy calendar of amara could not be fetched (connection "
                                     "refused); the preview uses the stored copy"});
}

}  // namespace
}  // namespace mentorcal::app
