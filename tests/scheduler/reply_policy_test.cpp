// scheduler::judge_answer: what each answer does to the meeting it names, one row per rule.
#include "scheduler/reply_policy.h"

#include <gtest/gtest.h>

#include "tests/support/time_text.h"

namespace mentorcal::scheduler {
namespace {

using testing::utc;

AnsweredMeeting meeting() {
  return {{"Amara@Example.org", "li.wei@example.org"},
          2,
          true,
          true,
          {utc("2026-12-02T13:00:00Z"), utc("2026-12-02T14:00:00Z")}};
}

Answer from_li(AnswerMethod method, std::string partstat = "") {
  Answer a;
  a.method = method;
  a.attendee = "li.wei@example.org";
  a.from = "li.wei@example.org";
  a.sequence = 2;
  a.partstat = std::move(partstat);
  return a;
}

const ProposalCheck kAnyTimeWorks = [](Interval) { return std::string(); };

TEST(ReplyPolicy, AnUnknownUidIsIgnored) {
  const auto v = judge_answer(from_li(AnswerMethod::reply, "ACCEPTED"), nullptr, kAnyTimeWorks);
  EXPECT_EQ(v.outcome, ReplyOutcome::ignored);
  EXPECT_EQ(v.action, ReplyAction::none);
  EXPECT_EQ(v.detail, "the UID is not a meeting mentorcal sent");
}

TEST(ReplyPolicy, OnlyAPartnerMayAnswerAndOnlyFromTheirOwnAddress) {
  const auto m = meeting();
  auto stranger = from_li(AnswerMethod::reply, "DECLINED");
  stranger.attendee = stranger.from = "eve@example.org";
  EXPECT_EQ(judge_answer(stranger, &m, kAnyTimeWorks).detail,
            "eve@example.org is not a partner of this meeting");

  auto spoofed = from_li(AnswerMethod::reply, "DECLINED");
  spoofed.from = "eve@example.org";
  const auto v = judge_answer(spoofed, &m, kAnyTimeWorks);
  EXPECT_EQ(v.outcome, ReplyOutcome::ignored);
  EXPECT_EQ(v.action, ReplyAction::none);
  EXPECT_EQ(v.detail, "sent from eve@example.org, not by the attendee li.wei@example.org");
}

TEST(ReplyPolicy, PartnerAddressesMatchWhateverTheirCase) {
  const auto m = meeting();
  auto amara = from_li(AnswerMethod::reply, "ACCEPTED");
  amara.attendee = amara.from = "amara@example.org";
  const auto v = judge_answer(amara, &m, kAnyTimeWorks);
  EXPECT_EQ(v.outcome, ReplyOutcome::applied);
  EXPECT_EQ(v.partner, 0);
}

TEST(ReplyPolicy, AnOlderSequenceIsStale) {
  const auto m = meeting();
  auto old = from_li(AnswerMethod::reply, "DECLINED");
  old.sequence = 1;
  const auto v = judge_answer(old, &m, kAnyTimeWorks);
  EXPECT_EQ(v.outcome, ReplyOutcome::stale);
  EXPECT_EQ(v.action, ReplyAction::none);
  EXPECT_EQ(v.detail, "SEQUENCE 1 is older than the meeting's 2");
}

TEST(ReplyPolicy, AMeetingNoLongerBookedChangesNothing) {
  auto m = meeting();
  m.booked = false;
  EXPECT_EQ(judge_answer(from_li(AnswerMethod::reply, "DECLINED"), &m, kAnyTimeWorks).detail,
            "the meeting is no longer booked");
  m = meeting();
  m.pair_known = false;
  EXPECT_EQ(judge_answer(from_li(AnswerMethod::reply, "DECLINED"), &m, kAnyTimeWorks).action,
            ReplyAction::none);
}

TEST(ReplyPolicy, ReplyPartstats) {
  const auto m = meeting();
  struct Row {
    const char* partstat;
    ReplyOutcome outcome;
    ReplyAction action;
    const char* detail;
  };
  for (const Row& row : {
           Row{"DECLINED", ReplyOutcome::applied, ReplyAction::cancel,
               "declined: cancelled for both; the next plan books another time"},
           Row{"ACCEPTED", ReplyOutcome::applied, ReplyAction::set_partstat,
               "li.wei@example.org ACCEPTED"},
           Row{"TENTATIVE", ReplyOutcome::applied, ReplyAction::set_partstat,
               "li.wei@example.org TENTATIVE"},
           Row{"NEEDS-ACTION", ReplyOutcome::ignored, ReplyAction::none,
               "PARTSTAT \"NEEDS-ACTION\" changes nothing"},
           Row{"DELEGATED", ReplyOutcome::ignored, ReplyAction::none,
               "PARTSTAT \"DELEGATED\" changes nothing"},
       }) {
    const auto v = judge_answer(from_li(AnswerMethod::reply, row.partstat), &m, kAnyTimeWorks);
    EXPECT_EQ(v.outcome, row.outcome) << row.partstat;
    EXPECT_EQ(v.action, row.action) << row.partstat;
    EXPECT_EQ(v.detail, row.detail);
    if (v.action != ReplyAction::none) {
      EXPECT_EQ(v.partner, 1);
      EXPECT_EQ(config::enum_name(v.partstat), row.partstat);
    }
  }
}

TEST(ReplyPolicy, RefreshResendsToTheAsker) {
  const auto m = meeting();
  const auto v = judge_answer(from_li(AnswerMethod::refresh), &m, kAnyTimeWorks);
  EXPECT_EQ(v.action, ReplyAction::resend);
  EXPECT_EQ(v.partner, 1);
}

TEST(ReplyPolicy, ACounterThatKeepsEveryRuleMovesTheMeeting) {
  const auto m = meeting();
  auto counter = from_li(AnswerMethod::counter);
  counter.proposed_start = utc("2026-12-03T09:00:00Z");  // no end: the meeting's length
  std::optional<Interval> asked;
  const auto v = judge_answer(counter, &m, [&](Interval p) {
    asked = p;
    return std::string();
  });
  ASSERT_TRUE(asked.has_value());
  EXPECT_EQ(asked->end, utc("2026-12-03T10:00:00Z"));
  EXPECT_EQ(v.action, ReplyAction::move);
  EXPECT_EQ(v.proposed.begin, utc("2026-12-03T09:00:00Z"));
  EXPECT_EQ(v.proposed.end, utc("2026-12-03T10:00:00Z"));
  EXPECT_EQ(v.detail, "the proposed time 2026-12-03T09:00:00Z was accepted");
}

TEST(ReplyPolicy, ACounterThatBreaksARuleIsRefusedWithTheReason) {
  const auto m = meeting();
  auto counter = from_li(AnswerMethod::counter);
  counter.proposed_start = utc("2026-12-03T09:00:00Z");
  counter.proposed_end = utc("2026-12-03T09:30:00Z");
  const auto v = judge_answer(counter, &m, [](Interval) { return std::string("Li is away"); });
  EXPECT_EQ(v.outcome, ReplyOutcome::applied);
  EXPECT_EQ(v.action, ReplyAction::refuse_counter);
  EXPECT_EQ(v.why_not, "Li is away");
  EXPECT_EQ(v.proposed.end, utc("2026-12-03T09:30:00Z"));
  EXPECT_EQ(v.detail, "the proposed time was refused: Li is away");
}

TEST(ReplyPolicy, ACounterWithoutAStartChangesNothing) {
  const auto m = meeting();
  bool checked = false;
  const ProposalCheck check = [&](Interval) {
    checked = true;
    return std::string();
  };
  EXPECT_EQ(judge_answer(from_li(AnswerMethod::counter), &m, check).detail,
            "a COUNTER without a proposed start");
  EXPECT_FALSE(checked);
}

}  // namespace
}  // namespace mentorcal::scheduler
