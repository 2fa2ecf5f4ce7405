// The tick's reply handling without servers: answers read from a fake mailbox are applied to a
// ":memory:" store (an acceptance recorded, a decline cancelling for both, a forgery ignored), the
// mailbox position is kept, mail that is no answer is left unseen, a message that cannot be
// fetched twice is passed over. And one whole tick over fakes.
#include "app/reply_poll.h"

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <gtest/gtest.h>

#include "app/tick.h"
#include "base/time_text.h"
#include "store/store.h"
#include "tests/support/demo_programme.h"
#include "tests/support/fake_feed_source.h"
#include "tests/support/fake_mailbox.h"
#include "tests/support/fake_transport.h"

namespace mentorcal::app {
namespace {

using namespace std::chrono;
using store::Instant;

const Instant t0 = sys_days{year{2026} / November / 22} + hours(9);

// Return an iMIP answer as a calendar client sends it.
std::string answer(const std::string& uid, const std::string& from, const std::string& attendee,
                   const std::string& partstat, int sequence = 0) {
  return fmt::format(
      "From: {0}\r\nTo: mentoring@example.org\r\nMessage-ID: <{1}-{3}@client.example>\r\n"
      "Subject: Answer\r\nMIME-Version: 1.0\r\n"
      "Content-Type: text/calendar; charset=UTF-8; method=REPLY\r\n\r\n"
      "BEGIN:VCALENDAR\r\nPRODID:-//Test//EN\r\nVERSION:2.0\r\nMETHOD:REPLY\r\n"
      "BEGIN:VEVENT\r\nUID:{1}\r\nSEQUENCE:{4}\r\nDTSTAMP:20261122T100000Z\r\n"
      "ORGANIZER:mailto:mentoring@example.org\r\n"
      "ATTENDEE;PARTSTAT={3}:mailto:{2}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
      from, uid, attendee, partstat, sequence);
}

// Return a COUNTER from `attendee` holding one VEVENT per proposed start, each `length` long.
std::string counter(const std::string& uid, const std::string& attendee, int sequence,
                    const std::vector<Instant>& starts, seconds length) {
  std::string events;
  for (const auto start : starts) {
    events += fmt::format(
        "BEGIN:VEVENT\r\nUID:{}\r\nSEQUENCE:{}\r\nDTSTAMP:20261122T100000Z\r\n"
        "DTSTART:{:%Y%m%dT%H%M%SZ}\r\nDTEND:{:%Y%m%dT%H%M%SZ}\r\n"
        "ORGANIZER:mailto:mentoring@example.org\r\n"
        "ATTENDEE;PARTSTAT=NEEDS-ACTION:mailto:{}\r\nEND:VEVENT\r\n",
        uid, sequence, start, start + length, attendee);
  }
  return fmt::format(
      "From: {0}\r\nTo: mentoring@example.org\r\nMessage-ID: <{1}-counter@client.example>\r\n"
      "Subject: New time proposed\r\nMIME-Version: 1.0\r\n"
      "Content-Type: text/calendar; charset=UTF-8; method=COUNTER\r\n\r\n"
      "BEGIN:VCALENDAR\r\nPRODID:-//Test//EN\r\nVERSION:2.0\r\nMETHOD:COUNTER\r\n{2}"
      "END:VCALENDAR\r\n",
      attendee, uid, events);
}

constexpr const char* kOrdinaryMail =
    "From: li.wei@example.org\r\nTo: mentoring@example.org\r\nMessage-ID: "
    "<hello@client.example>\r\n"
    "Subject: Hello\r\nContent-Type: text/plain\r\n\r\nSee you on Monday!\r\n";

class ReplyPollTest : public ::testing::Test {
 protected:
  void SetUp() override {
    update_meetings(programme_, *store_, t0, rng_);
    const auto booked = store_->booked_meetings();
    ASSERT_FALSE(booked.empty());
    uid_ = booked.front().uid;
    mentor_ = booked.front().mentor_email;
    mentee_ = booked.front().mentee_email;
    queued_before_ = store_->outbox_rows().size();
  }
  PollReport poll(Instant now = t0 + hours(1)) {
    return poll_replies(programme_, *store_, {&mailbox_, ""}, now);
  }
  store::MeetingRow meeting() { return *store_->find_meeting(uid_); }

  const config::Programme programme_ = testing::demo_programme();
  std::unique_ptr<store::Store> store_ = store::open_store(":memory:");
  testing::FakeMailbox mailbox_;
  std::mt19937_64 rng_{42};
  std::string uid_, mentor_, mentee_;
  std::size_t queued_before_ = 0;
};

TEST_F(ReplyPollTest, AnAcceptanceIsRecordedAndTheMailboxPositionKept) {
  mailbox_.messages[3] = answer(uid_, mentee_, mentee_, "ACCEPTED");
  const auto report = poll();
  EXPECT_EQ(report.messages, 1);
  EXPECT_EQ(report.applied, 1);
  EXPECT_EQ(report.error, "");
  EXPECT_EQ(meeting().partstat[1], store::PartStat::accepted);
  EXPECT_EQ(meeting().partstat[0], store::PartStat::needs_action);
  const auto replies = store_->replies();
  ASSERT_EQ(replies.size(), 1u);
  EXPECT_EQ(replies[0].outcome, store::ReplyOutcome::applied);
  EXPECT_EQ(replies[0].attendee, mentee_);
  EXPECT_EQ(store_->setting("imap.uidvalidity"), "7");
  EXPECT_EQ(store_->setting("imap.last_uid"), "3");
  EXPECT_EQ(poll().messages, 0);  // read once
  EXPECT_EQ(store_->outbox_rows().size(), queued_before_);
}

// Issue 11: declining a meeting one had accepted calls off an appointment (it counts toward
// repeated-cancellations); declining a proposal (above) does not.
TEST_F(ReplyPollTest, DecliningAnAcceptedMeetingWithdrawsIt) {
  mailbox_.messages[1] = answer(uid_, mentor_, mentor_, "ACCEPTED");
  EXPECT_EQ(poll().applied, 1);
  mailbox_.messages[2] = answer(uid_, mentor_, mentor_, "DECLINED");
  EXPECT_EQ(poll().applied, 1);
  const auto after = meeting();
  EXPECT_EQ(after.status, store::MeetingStatus::cancelled);
  EXPECT_EQ(after.cancel_kind, store::CancelKind::withdrawn);
  EXPECT_TRUE(store::record_of(after).trouble);
  EXPECT_EQ(store::declined_times(store_->all_meetings()).at(after.pair).size(), 1u);
}

TEST_F(ReplyPollTest, ADeclineCancelsForBoth) {
  const auto before = meeting();
  mailbox_.messages[1] = answer(uid_, mentor_, mentor_, "DECLINED");
  EXPECT_EQ(poll().applied, 1);
  const auto after = meeting();
  EXPECT_EQ(after.status, store::MeetingStatus::cancelled);
  EXPECT_EQ(after.cancel_kind, store::CancelKind::declined);
  EXPECT_FALSE(store::record_of(after).trouble);  // a proposal that did not suit
  EXPECT_EQ(after.sequence, before.sequence + 1);
  EXPECT_EQ(after.partstat[0], store::PartStat::declined);
  const auto rows = store_->outbox_rows();
  ASSERT_EQ(rows.size(), queued_before_ + 2);
  for (std::size_t i = queued_before_; i < rows.size(); ++i) {
    EXPECT_EQ(rows[i].message.method, "CANCEL");
    EXPECT_EQ(rows[i].message.meeting_uid, uid_);
    EXPECT_EQ(rows[i].message.sequence, before.sequence + 1);
  }
  EXPECT_EQ(rows[queued_before_].message.recipient, mentor_);
  EXPECT_EQ(rows[queued_before_ + 1].message.recipient, mentee_);
}

TEST_F(ReplyPollTest, AnAnswerSentBySomeoneElseIsIgnored) {
  mailbox_.messages[1] = answer(uid_, "eve@example.org", mentee_, "DECLINED");
  const auto report = poll();
  EXPECT_EQ(report.applied, 0);
  EXPECT_EQ(report.ignored, 1);
  EXPECT_EQ(meeting().status, store::MeetingStatus::booked);
  const auto replies = store_->replies();
  ASSERT_EQ(replies.size(), 1u);
  EXPECT_EQ(replies[0].outcome, store::ReplyOutcome::ignored);
  // Eve is no partner: the answer is recorded from her address, never parsed (issue 12).
  EXPECT_EQ(replies[0].meeting_uid, uid_);
  EXPECT_EQ(replies[0].attendee, "eve@example.org");
  EXPECT_EQ(replies[0].method, "REPLY");
  EXPECT_EQ(replies[0].detail, "sent from eve@example.org, who is no partner (not parsed)");
}

TEST_F(ReplyPollTest, AStaleSequenceIsRecordedNotApplied) {
  auto row = meeting();
  row.sequence = 2;
  auto tx = store_->transaction();
  store_->save_meeting(row, t0);
  tx.commit();
  mailbox_.messages[1] = answer(uid_, mentee_, mentee_, "DECLINED", 1);
  EXPECT_EQ(poll().ignored, 1);
  EXPECT_EQ(store_->replies().at(0).outcome, store::ReplyOutcome::stale);
  EXPECT_EQ(meeting().status, store::MeetingStatus::booked);
}

TEST_F(ReplyPollTest, MailThatIsNoAnswerIsLeftUnseen) {
  mailbox_.messages[1] = kOrdinaryMail;
  const auto report = poll();
  EXPECT_EQ(report.messages, 1);
  EXPECT_EQ(report.applied + report.ignored, 0);
  EXPECT_FALSE(mailbox_.seen.count(1));
  EXPECT_EQ(store_->setting("imap.last_uid"), "1");
  EXPECT_TRUE(store_->replies().empty());
}

TEST_F(ReplyPollTest, AMessageThatCannotBeFetchedTwiceIsPassedOver) {
  mailbox_.messages[1] = "never readable";
  mailbox_.broken.insert(1);
  mailbox_.messages[2] = answer(uid_, mentee_, mentee_, "TENTATIVE");
  auto report = poll();
  EXPECT_EQ(report.error, "imap: no such message");
  EXPECT_FALSE(report.unreadable);  // one message, not the mailbox
  EXPECT_EQ(report.messages, 0);
  EXPECT_FALSE(store_->setting("imap.last_uid"));
  EXPECT_EQ(store_->setting("imap.failed_uid"), "7:1");
  report = poll();
  EXPECT_EQ(report.messages, 1);
  EXPECT_EQ(report.applied, 1);
  EXPECT_EQ(meeting().partstat[1], store::PartStat::tentative);
  EXPECT_EQ(store_->setting("imap.last_uid"), "2");
}

TEST_F(ReplyPollTest, ANewUidValidityReadsEverythingAgain) {
  mailbox_.messages[1] = answer(uid_, mentee_, mentee_, "ACCEPTED");
  EXPECT_EQ(poll().messages, 1);
  mailbox_.validity = 8;
  const auto report = poll();
  EXPECT_EQ(report.messages, 1);
  EXPECT_EQ(report.applied, 1);  // applying an answer again changes nothing
  EXPECT_EQ(meeting().partstat[1], store::PartStat::accepted);
  EXPECT_EQ(store_->setting("imap.uidvalidity"), "8");
}

TEST_F(ReplyPollTest, AMailboxThatIsDownIsTriedAgainNextTime) {
  mailbox_.down = "connection refused";
  mailbox_.messages[1] = answer(uid_, mentee_, mentee_, "ACCEPTED");
  EXPECT_EQ(poll().error, "imap: connection refused");
  mailbox_.down.clear();
  EXPECT_EQ(poll().applied, 1);
}

TEST_F(ReplyPollTest, AMailboxThatCouldNotBeMadeIsReported) {
  const auto report =
      poll_replies(programme_, *store_, {nullptr, "imap: no password"}, t0 + hours(1));
  EXPECT_EQ(report.error, "imap: no password");
  EXPECT_TRUE(report.unreadable);
  EXPECT_EQ(report.messages, 0);
}

// Issue 11, defect 1: the make-up of a declined meeting is booked at another time.
TEST_F(ReplyPollTest, TheMakeUpOfADeclinedMeetingIsAtAnotherTime) {
  const auto declined = meeting();
  mailbox_.messages[1] = answer(uid_, mentor_, mentor_, "DECLINED");
  const auto report = poll();
  EXPECT_EQ(report.declined, 1);
  const auto next = update_meetings(programme_, *store_, t0 + hours(2), rng_);
  EXPECT_EQ(next.invited, 1);
  for (const auto& m : store_->booked_meetings()) {
    if (m.pair != declined.pair) continue;
    EXPECT_FALSE(m.when.begin < declined.when.end && declined.when.begin < m.when.end)
        << "booked again at the declined time " << base::rfc3339(m.when.begin);
  }
}

// Issue 11, defect 3: one message holding several COUNTERs for one meeting is one answer (the
// last); the others are recorded and change nothing.
TEST_F(ReplyPollTest, SeveralCountersInOneMessageCountOnce) {
  const auto before = meeting();
  const Instant sunday_night = sys_days{year{2026} / December / 6} + hours(3);
  mailbox_.messages[1] =
      counter(uid_, mentee_, before.sequence,
              {sunday_night, sunday_night + hours(1), before.when.begin}, before.when.length());
  const auto report = poll();
  EXPECT_EQ(report.applied, 1);
  EXPECT_EQ(report.ignored, 2);
  EXPECT_EQ(report.counters_accepted, 1);
  EXPECT_EQ(report.counters_declined, 0);
  EXPECT_EQ(meeting().sequence, before.sequence + 1);
  EXPECT_EQ(store_->outbox_rows().size(), queued_before_ + 2);  // one REQUEST to each partner
  const auto replies = store_->replies();
  ASSERT_EQ(replies.size(), 3u);
  EXPECT_EQ(replies[0].detail, "a later answer in the same message for this meeting counts");
}

// Issue 11, defect 4: declining a meeting that has taken place is recorded and changes nothing.
TEST_F(ReplyPollTest, ADeclineOfAMeetingThatTookPlaceChangesNothing) {
  const auto before = meeting();
  mailbox_.messages[1] = answer(uid_, mentee_, mentee_, "DECLINED", before.sequence);
  const auto report = poll(before.when.end + hours(1));
  EXPECT_EQ(report.applied, 0);
  EXPECT_EQ(report.ignored, 1);
  EXPECT_EQ(report.declined, 0);
  EXPECT_EQ(meeting().status, store::MeetingStatus::booked);
  EXPECT_EQ(meeting().partstat[1], store::PartStat::needs_action);
  EXPECT_EQ(store_->outbox_rows().size(), queued_before_);
  ASSERT_EQ(store_->replies().size(), 1u);
}

// Issue 11, defect 5: the mailbox's last success and last failure are kept for `status`.
TEST_F(ReplyPollTest, TheMailboxsLastSuccessAndFailureAreRecorded) {
  mailbox_.down = "connection refused";
  EXPECT_TRUE(poll(t0 + hours(1)).unreadable);
  EXPECT_EQ(store_->setting(kMailboxLastError), "2026-11-22T10:00:00Z imap: connection refused");
  EXPECT_FALSE(store_->setting(kMailboxLastSuccess));
  mailbox_.down.clear();
  EXPECT_EQ(poll(t0 + hours(2)).error, "");
  EXPECT_EQ(store_->setting(kMailboxLastSuccess), "2026-11-22T11:00:00Z");
}

// Issue 11, defect 6: the summary counts what happened.
TEST(Tick, TheSummaryCountsWhatHappened) {
  TickReport r;
  r.invited = 2;
  r.moved = 1;
  r.cancelled = 3;
  r.ended_pair = 1;
  r.impossible = 2;
  r.replies.declined = 4;
  r.replies.counters_accepted = 1;
  r.replies.counters_declined = 2;
  r.replies.applied = 7;
  r.replies.ignored = 1;
  r.flush.sent = 9;
  EXPECT_EQ(summary_line(r, 0),
            "2 new meetings invited, 2 moved, 7 cancelled (1 ended, 4 declined, 2 impossible); "
            "counters: 1 accepted, 2 declined; replies: 7 applied, 1 ignored; sent 9 messages, 0 "
            "to retry, 0 failed; outbox: 0 pending");
}

TEST(Tick, RunsWithoutServers) {
  const auto p = testing::demo_programme();
  const auto store = store::open_store(":memory:");
  testing::ScriptedTransport transport;
  testing::FakeFeedSource feeds;
  feeds.answers["https://calendar.example.org/amara.ics"] = {
      net::FeedFetch::Outcome::fresh,
      "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\nEND:VCALENDAR\r\n", "\"v1\"", "",
      ""};
  testing::FakeMailbox mailbox;
  std::mt19937_64 rng(42);
  const std::atomic<bool> stop{false};
  const auto report = run_tick(p, *store, {transport, feeds, {&mailbox, ""}}, t0, rng, stop);
  EXPECT_GE(report.invited, 1);
  EXPECT_EQ(report.flush.sent, 2 * report.invited + report.digests + report.nudges);
  EXPECT_EQ(transport.attempts.size(), static_cast<std::size_t>(report.flush.sent));
  ASSERT_EQ(feeds.requests.size(), 1u);  // only Amara has a busy calendar
  const auto states = store->feed_states();
  ASSERT_EQ(states.size(), 1u);
  EXPECT_EQ(states[0].good_at, t0);
  EXPECT_EQ(store->feed_validators("amara")->etag, "\"v1\"");
  EXPECT_EQ(store->outbox_stats(t0).pending, 0);

  // The next tick asks for the feed conditionally, and reads the answer that came meanwhile.
  const auto booked = store->booked_meetings().front();
  mailbox.messages[1] = answer(booked.uid, booked.mentee_email, booked.mentee_email, "ACCEPTED");
  const auto next =
      run_tick(p, *store, {transport, feeds, {&mailbox, ""}}, t0 + hours(1), rng, stop);
  EXPECT_EQ(feeds.requests.back().etag, "\"v1\"");
  EXPECT_EQ(next.replies.applied, 1);
  EXPECT_EQ(next.invited, 0);
}

}  // namespace
}  // namespace mentorcal::app
