// The admin digest and the nudges without a server: nothing before the first booking, then once per
// week from its slot on, over a ":memory:" store.
#include "app/notices.h"

#include <algorithm>
#include <set>

#include <gtest/gtest.h>

#include "app/reply_poll.h"
#include "app/tick.h"
#include "base/time_text.h"
#include "store/store.h"
#include "tests/support/demo_programme.h"

namespace mentorcal::app {
namespace {

using namespace std::chrono;
using store::Instant;

const Instant t0 = sys_days{year{2026} / November / 22} + hours(9);             // a Sunday
const Instant monday_digest = sys_days{year{2026} / November / 23} + hours(8);  // Mon 08:00 GMT

class NoticesTest : public ::testing::Test {
 protected:
  NoticeReport queue(Instant now) {
    return queue_notices(health_view(programme_, store_.get(), now), *store_, now);
  }
  std::size_t queued(const std::string& stem) {
    std::size_t n = 0;
    for (const auto& r : store_->outbox_rows())
      n += r.message.message_id.rfind(stem, 0) == 0;
    return n;
  }

  const config::Programme programme_ = testing::demo_programme();
  std::unique_ptr<store::Store> store_ = store::open_store(":memory:");
  std::mt19937_64 rng_{42};
};

TEST_F(NoticesTest, NothingIsDueBeforeTheFirstBooking) {
  const auto report = queue(monday_digest);
  EXPECT_EQ(report.digests, 0);
  EXPECT_EQ(report.nudges, 0);
  EXPECT_TRUE(store_->outbox_rows().empty());
}

TEST_F(NoticesTest, TheDigestGoesOncePerWeekFromItsSlot) {
  update_meetings(programme_, *store_, t0, rng_);
  EXPECT_EQ(queue(t0).digests, 0);  // the last slot was before anything was booked
  EXPECT_EQ(queue(monday_digest - minutes(1)).digests, 0);
  EXPECT_EQ(queue(monday_digest).digests, 1);  // one admin
  EXPECT_EQ(queue(monday_digest + hours(5)).digests, 0);
  EXPECT_EQ(queued("digest-2026-11-23."), 1u);
  EXPECT_EQ(queue(monday_digest + days(7)).digests, 1);
  const auto rows = store_->outbox_rows();
  const auto digest = std::find_if(rows.rbegin(), rows.rend(), [](const auto& r) {
    return r.message.message_id.rfind("digest-", 0) == 0;
  });
  ASSERT_NE(digest, rows.rend());
  EXPECT_EQ(digest->message.recipient, "coordinator@example.org");
  EXPECT_EQ(digest->message.meeting_uid, "");
  EXPECT_EQ(digest->message.method, "");
}

TEST_F(NoticesTest, AnAtRiskPairIsNudgedOncePerPeriodNamedByThePeriod) {
  update_meetings(programme_, *store_, t0, rng_);
  const Instant now = sys_days{year{2026} / December / 10} + hours(9);
  auto view = health_view(programme_, store_.get(), now);
  auto& pair = view.health.front();
  // The sentence is for people; the Message-ID must come from the period itself.
  pair.flags.push_back(
      {scheduler::FlagKind::at_risk, "a sentence with no period: in it",
       base::Phrase("a sentence with no period: in it"),
       scheduler::Interval{sys_days{year{2026} / December / 1}, sys_days{year{2027} / January / 1}},
       "December 2026"});
  EXPECT_EQ(queue_notices(view, *store_, now).nudges, 2);  // both partners
  const auto stem = "nudge-" + pair.pair + "-december-2026.";
  EXPECT_EQ(queued(stem), 2u);
  EXPECT_EQ(queue_notices(view, *store_, now + days(1)).nudges, 0);  // once per period
  std::set<std::string> to;
  for (const auto& r : store_->outbox_rows()) {
    if (r.message.message_id.rfind(stem, 0) == 0) to.insert(r.message.recipient);
  }
  const auto* p = programme_.pair(pair.pair);
  EXPECT_EQ(to, (std::set<std::string>{programme_.person(p->mentor)->email,
                                       programme_.person(p->mentee)->email}));
}

// Issue 11: a mailbox not read for a day is in the digest, with its last error.
TEST_F(NoticesTest, AMailboxSilentForADayIsInTheDigest) {
  auto with_imap = programme_;
  with_imap.imap = config::Imap{};
  update_meetings(with_imap, *store_, t0, rng_);
  {
    auto tx = store_->transaction();
    store_->set_setting(kMailboxLastSuccess, "2026-11-22T07:00:00Z");
    store_->set_setting(kMailboxLastError, "2026-11-23T07:00:00Z imap: connection refused");
    tx.commit();
  }
  EXPECT_EQ(
      queue_notices(health_view(with_imap, store_.get(), monday_digest), *store_, monday_digest)
          .digests,
      1);
  const auto rows = store_->outbox_rows();
  const auto& digest = rows.back().message;
  ASSERT_EQ(digest.recipient, "coordinator@example.org");
  const std::string& bytes = digest.bytes;
  EXPECT_NE(bytes.find("The organiser mailbox has not been read for 25 hours (last error: "),
            std::string::npos)
      << bytes;
}

// Issue 11: after the getting-to-know-you meeting both partners are asked whether to continue,
// once; when the pair ends both get one closing letter, in kind words, without the admins' notes.
TEST_F(NoticesTest, ContinueAndClosingLettersGoOnceToBoth) {
  update_meetings(programme_, *store_, t0, rng_);
  store::MeetingRow first;  // the earliest getting-to-know-you meeting
  for (const auto& m : store_->booked_meetings()) {
    if (m.first && first.uid.empty()) first = m;
  }
  ASSERT_FALSE(first.uid.empty());
  const auto stem = "continue-" + first.pair + ".";
  EXPECT_EQ(queue(first.when.end - minutes(1)).letters, 0);
  EXPECT_EQ(queued(stem), 0u);
  EXPECT_EQ(queue(first.when.end).letters, 2);
  EXPECT_EQ(queued(stem), 2u);
  EXPECT_EQ(queue(first.when.end + days(1)).letters, 0);  // once

  {
    auto tx = store_->transaction();
    store_->record_pair_end(
        first.pair,
        {year_month_day{floor<days>(first.when.end + days(2))}, config::EndReason::not_compatible},
        first.when.end + days(2));
    tx.commit();
  }
  const Instant later = first.when.end + days(3);
  const auto closing = "closing-" + first.pair + ".";
  EXPECT_GE(queue(later).letters, 2);  // other pairs' first meetings may have been held too
  EXPECT_EQ(queued(closing), 2u);
  EXPECT_EQ(queue(later + days(1)).letters, 0);  // once
  EXPECT_EQ(queued(closing), 2u);
  for (const auto& r : store_->outbox_rows()) {
    if (r.message.message_id.rfind(closing, 0) != 0) continue;
    EXPECT_NE(r.message.bytes.find("the pairing was not the right fit"), std::string::npos)
        << r.message.bytes;
  }
}

// Issue 11: when the agreement falls due for review both partners get the review letter, once.
TEST_F(NoticesTest, TheReviewLetterGoesOnceWhenDue) {
  update_meetings(programme_, *store_, t0, rng_);
  const auto* pair = programme_.pairs.empty() ? nullptr : &programme_.pairs.front();
  ASSERT_NE(pair, nullptr);
  const auto due = pair->started + months(pair->agreement.review_after_months);
  const Instant at = sys_days{due} + hours(12);
  const auto stem = "review-" + pair->id + "-" + base::date_text(due) + ".";
  queue(at);
  EXPECT_EQ(queued(stem), 2u);
  queue(at + days(1));
  EXPECT_EQ(queued(stem), 2u);  // once
}

}  // namespace
}  // namespace mentorcal::app
