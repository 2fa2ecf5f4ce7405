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

const Instant kNow = utc("2026-11-22T09:00:00Z");  // before the meeting

const ProposalCheck kAnyTimeWorks = [](Interval) { return base::Phrase(); };

TEST(ReplyPolicy, AnUnknownUidIsIgnored) {
  const auto v =
      judge_answer(from_li(AnswerMethod::reply, "ACCEPTED"), nullptr, kNow, kAnyTimeWorks);
  EXPECT_EQ(v.outcome, ReplyOutcome::ignored);
  EXPECT_EQ(v.action, ReplyAction::none);
  EXPECT_EQ(v.detail, "the UID is not a meeting mentorcal sent");
}

TEST(ReplyPolicy, OnlyAPartnerMayAnswerAndOnlyFromTheirOwnAddress) {
  const auto m = meeting();
  auto stranger = from_li(AnswerMethod::reply, "DECLINED");
  stranger.attendee = stranger.from = "eve@example.org";
  EXPECT_EQ(judge_answer(stranger, &m, kNow, kAnyTimeWorks).detail,
            "eve@example.org is not a partner of this meeting");

  auto spoofed = from_li(AnswerMethod::reply, "DECLINED");
  spoofed.from = "eve@example.org";
  const auto v = judge_answer(spoofed, &m, kNow, kAnyTimeWorks);
  EXPECT_EQ(v.outcome, ReplyOutcome::ignored);
  EXPECT_EQ(v.action, ReplyAction::none);
  EXPECT_EQ(v.detail, "sent from eve@example.org, not by the attendee li.wei@example.org");
}

TEST(ReplyPolicy, PartnerAddressesMatchWhateverTheirCase) {
  const auto m = meeting();
  auto amara = from_li(AnswerMethod::reply, "ACCEPTED");
  amara.attendee = amara.from = "amara@example.org";
  const auto v = judge_answer(amara, &m, kNow, kAnyTimeWorks);
  EXPECT_EQ(v.outcome, ReplyOutcome::applied);
  EXPECT_EQ(v.partner, 0);
}

TEST(ReplyPolicy, AnOlderSequenceIsStale) {
  const auto m = meeting();
  auto old = from_li(AnswerMethod::reply, "DECLINED");
  old.sequence = 1;
  const auto v = judge_answer(old, &m, kNow, kAnyTimeWorks);
  EXPECT_EQ(v.outcome, ReplyOutcome::stale);
  EXPECT_EQ(v.action, ReplyAction::none);
  EXPECT_EQ(v.detail, "SEQUENCE 1 is older than the meeting's 2");
}

TEST(ReplyPolicy, AMeetingNoLongerBookedChangesNothing) {
  auto m = meeting();
  m.booked = false;
  EXPECT_EQ(judge_answer(from_li(AnswerMethod::reply, "DECLINED"), &m, kNow, kAnyTimeWorks).detail,
            "the meeting is no longer booked");
  m = meeting();
  m.pair_known = false;
  EXPECT_EQ(judge_answer(from_li(AnswerMethod::reply, "DECLINED"), &m, kNow, kAnyTimeWorks).action,
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
    const auto v =
        judge_answer(from_li(AnswerMethod::reply, row.partstat), &m, kNow, kAnyTimeWorks);
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
  const auto v = judge_answer(from_li(AnswerMethod::refresh), &m, kNow, kAnyTimeWorks);
  EXPECT_EQ(v.action, ReplyAction::resend);
  EXPECT_EQ(v.partner, 1);
}

TEST(ReplyPolicy, ACounterThatKeepsEveryRuleMovesTheMeeting) {
  const auto m = meeting();
  auto counter = from_li(AnswerMethod::counter);
  counter.proposed_start = utc("2026-12-03T09:00:00Z");  // no end: the meeting's length
  std::optional<Interval> asked;
  const auto v = judge_answer(counter, &m, kNow, [&](Interval p) {
    asked = p;
    return base::Phrase();
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
  const auto v =
      judge_answer(counter, &m, kNow, [](Interval) { return base::Phrase("Li is away"); });
  EXPECT_EQ(v.outcome, ReplyOutcome::applied);
  EXPECT_EQ(v.action, ReplyAction::refuse_counter);
  EXPECT_EQ(v.why_not.text(), "Li is away");
  EXPECT_EQ(v.proposed.end, utc("2026-12-03T09:30:00Z"));
  EXPECT_EQ(v.detail, "the proposed time was refused: Li is away");
}

TEST(ReplyPolicy, ACounterWithoutAStartChangesNothing) {
  const auto m = meeting();
  bool checked = false;
  const ProposalCheck check = [&](Interval) {
    checked = true;
    return base::Phrase();
  };
  EXPECT_EQ(judge_answer(from_li(AnswerMethod::counter), &m, kNow, check).detail,
            "a COUNTER without a proposed start");
  EXPECT_FALSE(checked);
}

TEST(ReplyPolicy, ANewerSequenceThanSentIsRecordedNotApplied) {
  const auto m = meeting();
  auto future = from_li(AnswerMethod::reply, "DECLINED");
  future.sequence = 3;
  const auto v = judge_answer(future, &m, kNow, kAnyTimeWorks);
  EXPECT_EQ(v.outcome, ReplyOutcome::stale);
  EXPECT_EQ(v.action, ReplyAction::none);
  EXPECT_EQ(v.detail, "SEQUENCE 3 is newer than any mentorcal sent (2)");
}

// A meeting that has begun is history: declining or moving it changes nothing; accepting it is
// still recorded.
TEST(ReplyPolicy, AnswersToAMeetingThatHasBegun) {
  const auto m = meeting();  // 2026-12-02 13:00-14:00
  auto counter = from_li(AnswerMethod::counter);
  counter.proposed_start = utc("2026-12-09T09:00:00Z");
  struct Row {
    const char* now;
    Answer answer;
    ReplyOutcome outcome;
    ReplyAction action;
  };
  for (const Row& row : {
           Row{"2026-12-02T15:00:00Z", from_li(AnswerMethod::reply, "DECLINED"),
               ReplyOutcome::ignored, ReplyAction::none},
           Row{"2026-12-02T13:30:00Z", from_li(AnswerMethod::reply, "DECLINED"),
               ReplyOutcome::ignored, ReplyAction::none},
           Row{"2026-12-02T12:59:59Z", from_li(AnswerMethod::reply, "DECLINED"),
               ReplyOutcome::applied, ReplyAction::cancel},
           Row{"2026-12-03T09:00:00Z", counter, ReplyOutcome::ignored, ReplyAction::none},
           Row{"2026-12-03T09:00:00Z", from_li(AnswerMethod::reply, "ACCEPTED"),
               ReplyOutcome::applied, ReplyAction::set_partstat},
       }) {
    const auto v = judge_answer(row.answer, &m, utc(row.now), kAnyTimeWorks);
    EXPECT_EQ(v.outcome, row.outcome) << row.now << " " << row.answer.partstat;
    EXPECT_EQ(v.action, row.action) << row.now << " " << row.answer.partstat;
  }
  EXPECT_EQ(judge_answer(from_li(AnswerMethod::reply, "DECLINED"), &m, utc("2026-12-03T09:00:00Z"),
                         kAnyTimeWorks)
                .detail,
            "li.wei@example.org declined a meeting that has already taken place: recorded, nothing "
            "changes");
}

// One message, several answers: one counts per UID, the last by SEQUENCE, then DTSTAMP, then
// place in the message.
TEST(ReplyPolicy, OneEffectiveAnswerPerUidPerMessage) {
  const auto at = [](const char* t) { return std::optional<Instant>(utc(t)); };
  struct Row {
    const char* name;
    std::vector<AnswerOrder> answers;
    std::vector<bool> effective;
  };
  for (const Row& row : {
           Row{"one", {{"a", 0, {}}}, {true}},
           Row{"same stamps: the last",
               {{"a", 1, {}}, {"a", 1, {}}, {"a", 1, {}}},
               {false, false, true}},
           Row{"higher SEQUENCE first", {{"a", 2, {}}, {"a", 1, {}}}, {true, false}},
           Row{"later DTSTAMP first",
               {{"a", 1, at("2026-11-20T10:00:00Z")}, {"a", 1, at("2026-11-20T09:00:00Z")}},
               {true, false}},
           Row{"a DTSTAMP beats none",
               {{"a", 1, at("2026-11-20T10:00:00Z")}, {"a", 1, {}}},
               {true, false}},
           Row{"SEQUENCE before DTSTAMP",
               {{"a", 2, at("2026-11-20T09:00:00Z")}, {"a", 1, at("2026-11-20T10:00:00Z")}},
               {true, false}},
           Row{"UIDs apart", {{"a", 1, {}}, {"b", 1, {}}, {"a", 1, {}}}, {false, true, true}},
       }) {
    EXPECT_EQ(effective_answers(row.answers), row.effective) << row.name;
  }
}

}  // namespace
}  // namespace mentorcal::scheduler
