// Cadence health (DESIGN.md §6), one scenario per row: the flags and their explanations.
#include "scheduler/health.h"

#include <date/date.h>
#include <gtest/gtest.h>

#include "tests/support/time_text.h"

namespace mentorcal::scheduler {
namespace {

using testing::utc;

using namespace std::chrono;
using config::Cadence;

year_month_day ymd(int y, unsigned m, unsigned d) {
  return year{y} / month{m} / day{d};
}

// A programme of one pair amara-li, both in London, 2/month with a minimum of 1/month.
config::Programme programme(const std::string& zone = "Europe/London") {
  config::Programme p;
  p.programme.name = "P";
  p.programme.timezone = zone;
  for (const char* id : {"amara", "li"}) {
    config::Person person;
    person.id = id;
    person.name = id == std::string("amara") ? "Amara" : "Li";
    person.email = std::string(id) + "@example.org";
    person.timezone = zone;
    p.people.push_back(person);
  }
  config::Pair pair;
  pair.id = "amara-li";
  pair.mentor = "amara";
  pair.mentee = "li";
  pair.started = ymd(2026, 9, 1);
  pair.agreement.cadence = Cadence{Cadence::Period::month, 2};
  pair.agreement.minimum = Cadence{Cadence::Period::month, 1};
  pair.agreement.review_after_months = 0;  // the review has its own test
  p.pairs.push_back(pair);
  return p;
}

MeetingRecord held(const char* start, int minutes_long = 60) {
  MeetingRecord m;
  m.pair = "amara-li";
  m.when = {utc(start), utc(start) + minutes(minutes_long)};
  m.partstat = {PartStat::accepted, PartStat::accepted};
  m.sent = m.when.begin - days(20);
  return m;
}

struct Scenario {
  config::Programme programme;
  Instant now;
  std::vector<MeetingRecord> meetings;
  Plan plan;
  std::map<std::string, PairEnd, std::less<>> ended;
  bool replies_read = true;
  std::optional<Instant> since = utc("2026-10-01T00:00:00Z");  // mentorcal took over in October
  std::map<std::string, config::Date, std::less<>> reviewed{};
};

PairHealth run(Scenario& s) {
  s.plan.now = s.now;
  HealthInput in{&s.programme, s.now,          s.meetings, &s.plan,
                 s.ended,      s.replies_read, s.since,    s.reviewed};
  const auto all = evaluate_health(in);
  EXPECT_EQ(all.size(), 1u);
  return all.front();
}

std::string flags(const PairHealth& h) {
  std::string out;
  for (const auto& f : h.flags)
    out += (out.empty() ? "" : " | ") + std::string(to_string(f.kind)) + ": " + f.detail;
  return out;
}

// Return the repeated-cancellations flag as flags() shows it, or "".
std::string repeated(const PairHealth& h) {
  for (const auto& f : h.flags) {
    if (f.kind == FlagKind::repeated_cancellations)
      return std::string(to_string(f.kind)) + ": " + f.detail;
  }
  return {};
}

TEST(Health, AQuietPairHasNoFlags) {
  Scenario s{
      programme(),
      utc("2026-11-20T12:00:00Z"),
      {held("2026-10-05T09:00:00Z"), held("2026-10-19T09:00:00Z"), held("2026-11-02T09:00:00Z")},
      {},
      {}};
  s.plan.meetings.push_back(
      {"amara-li", {utc("2026-11-23T09:00:00Z"), utc("2026-11-23T10:00:00Z")}, false, "u", false});
  const auto h = run(s);
  EXPECT_EQ(flags(h), "");
  EXPECT_EQ(h.held, 3);
  EXPECT_EQ(h.booked, 0);
  EXPECT_EQ(h.months, 2);
}

TEST(Health, BelowCadenceNamesTheMonth) {
  // October had no meeting: 0 of 2 against a minimum of 1. November is fine.
  Scenario s{programme(), utc("2026-11-20T12:00:00Z"), {held("2026-11-02T09:00:00Z")}, {}, {}};
  EXPECT_EQ(flags(run(s)), "below-cadence: October 2026: 0 of 2 meetings held (minimum 1)");
}

TEST(Health, ACadenceFlagCarriesItsPeriodAsData) {
  // The nudge's Message-ID and the digest use the period itself, not the sentence about it.
  Scenario late{programme(), utc("2026-11-20T12:00:00Z"), {held("2026-11-02T09:00:00Z")}, {}, {}};
  const auto below = run(late).flags.at(0);
  EXPECT_EQ(below.kind, FlagKind::below_cadence);
  EXPECT_EQ(below.period_label, "October 2026");
  ASSERT_TRUE(below.period.has_value());
  EXPECT_EQ(below.period->begin, utc("2026-09-30T23:00:00Z"));  // London is on BST (UTC+1)
  EXPECT_EQ(below.period->end, utc("2026-11-01T00:00:00Z"));

  Scenario london{programme("Europe/London"),
                  utc("2026-11-20T12:00:00Z"),
                  {held("2026-10-31T23:30:00Z", 30)},
                  {},
                  {}};
  const auto at_risk = run(london).flags.at(0);
  EXPECT_EQ(at_risk.kind, FlagKind::at_risk);
  EXPECT_EQ(at_risk.period_label, "November 2026");
  ASSERT_TRUE(at_risk.period.has_value());
  EXPECT_TRUE(at_risk.period->contains(utc("2026-11-20T12:00:00Z")));
}

TEST(Health, MonthsAreLocalToTheProgramme) {
  // 23:30 UTC on 31 October is already 1 November in Berlin (UTC+1 after the DST change):
  // October is empty there, not in London.
  Scenario berlin{programme("Europe/Berlin"),
                  utc("2026-11-20T12:00:00Z"),
                  {held("2026-10-31T23:30:00Z", 30)},
                  {},
                  {}};
  EXPECT_EQ(flags(run(berlin)), "below-cadence: October 2026: 0 of 2 meetings held (minimum 1)");
  Scenario london{programme("Europe/London"),
                  utc("2026-11-20T12:00:00Z"),
                  {held("2026-10-31T23:30:00Z", 30)},
                  {},
                  {}};
  EXPECT_EQ(flags(run(london)),
            "at-risk: November 2026: 0 held and 0 planned, below the minimum of 1");
}

TEST(Health, PeriodsBeforeTrackingAreNotJudged) {
  Scenario s{programme(), utc("2026-11-20T12:00:00Z"), {held("2026-11-02T09:00:00Z")}, {}, {}};
  s.since = utc("2026-11-01T10:00:00Z");
  EXPECT_EQ(flags(run(s)), "");
}

TEST(Health, IsoWeeksAcrossTheYearEnd) {
  auto p = programme();
  p.pairs[0].agreement.cadence = Cadence{Cadence::Period::week, 1};
  p.pairs[0].agreement.minimum = Cadence{Cadence::Period::week, 1};
  // Week 2026-W53 runs Mon 28 Dec to Sun 3 Jan; a meeting on 2 January counts for it.
  Scenario s{
      p,
      utc("2027-01-06T12:00:00Z"),
      {held("2026-12-22T09:00:00Z"), held("2027-01-02T09:00:00Z"), held("2027-01-05T09:00:00Z")},
      {},
      {}};
  s.since = utc("2026-12-21T00:00:00Z");
  EXPECT_EQ(flags(run(s)), "");
  s.meetings.erase(s.meetings.begin() + 1);
  EXPECT_EQ(flags(run(s)), "below-cadence: week 2026-W53: 0 of 1 meetings held (minimum 1)");
}

TEST(Health, BlocksOfWeeksCountFromTheStart) {
  auto p = programme();
  p.pairs[0].started = ymd(2026, 10, 7);  // a Wednesday
  p.pairs[0].agreement.cadence = Cadence{Cadence::Period::weeks, 3};
  p.pairs[0].agreement.minimum = Cadence{Cadence::Period::weeks, 3};
  // Blocks: 7-28 Oct, 28 Oct-18 Nov, 18 Nov-9 Dec. The second has nothing.
  Scenario s{p,
             utc("2026-11-20T12:00:00Z"),
             {held("2026-10-20T09:00:00Z"), held("2026-11-19T09:00:00Z")},
             {},
             {}};
  EXPECT_EQ(flags(run(s)),
            "below-cadence: the 3 weeks from 2026-10-28: 0 of 1 meetings held (minimum 1)");
}

TEST(Health, TwiceAYear) {
  auto p = programme();
  p.pairs[0].started = ymd(2025, 1, 1);
  p.pairs[0].agreement.cadence = Cadence{Cadence::Period::year, 2};
  p.pairs[0].agreement.minimum = Cadence{Cadence::Period::year, 2};
  p.pairs[0].agreement.min_months = 4;
  Scenario s{p, utc("2026-01-20T12:00:00Z"), {held("2025-03-10T09:00:00Z")}, {}, {}};
  s.since = utc("2025-01-01T00:00:00Z");
  EXPECT_EQ(flags(run(s)), "below-cadence: 2025: 1 of 2 meetings held (minimum 2)");
}

TEST(Health, AtRiskWhenThePlanCannotReachTheMinimum) {
  Scenario s{programme(), utc("2026-11-20T12:00:00Z"), {held("2026-10-05T09:00:00Z")}, {}, {}};
  EXPECT_EQ(flags(run(s)), "at-risk: November 2026: 0 held and 0 planned, below the minimum of 1");
  s.plan.meetings.push_back(
      {"amara-li", {utc("2026-11-26T09:00:00Z"), utc("2026-11-26T10:00:00Z")}, false, {}, false});
  EXPECT_EQ(flags(run(s)), "");
}

TEST(Health, NoSlotComesFromThePlan) {
  Scenario s{programme(),
             utc("2026-11-20T12:00:00Z"),
             {held("2026-10-05T09:00:00Z"), held("2026-11-02T09:00:00Z")},
             {},
             {}};
  s.plan.unscheduled.push_back(
      {"amara-li", "November 2026: li is away", base::Phrase("November 2026: li is away")});
  EXPECT_EQ(flags(run(s)), "no-slot: November 2026: li is away");
}

TEST(Health, RepeatedCancellationsInSixtyDays) {
  Scenario s{programme(),
             utc("2026-11-20T12:00:00Z"),
             {held("2026-10-05T09:00:00Z"), held("2026-11-02T09:00:00Z")},
             {},
             {}};
  auto declined = held("2026-11-09T09:00:00Z");
  declined.cancelled = true;
  declined.trouble = true;
  declined.partstat[1] = PartStat::declined;
  declined.cancelled_at = utc("2026-11-06T10:00:00Z");
  auto lost = held("2026-09-20T09:00:00Z");  // long ago: outside the 60 days
  lost.cancelled = true;
  lost.trouble = true;
  lost.cancelled_at = utc("2026-09-15T10:00:00Z");
  auto ended = held("2026-11-16T09:00:00Z");  // cancelled for a reason that is no sign of trouble
  ended.cancelled = true;
  ended.cancelled_at = utc("2026-11-10T10:00:00Z");
  s.meetings.insert(s.meetings.end(), {declined, lost, ended});
  auto h = run(s);
  EXPECT_EQ(flags(h), "");
  EXPECT_EQ(h.cancelled, 3);
  EXPECT_EQ(h.declined, 1);
  auto again = held("2026-11-12T09:00:00Z");
  again.cancelled = true;
  again.trouble = true;
  again.cancelled_at = utc("2026-11-11T10:00:00Z");
  s.meetings.push_back(again);
  EXPECT_EQ(flags(run(s)),
            "repeated-cancellations: 2 meetings declined or cancelled in the last 60 days");
}

// Amara and Li met on two November Wednesdays at 13:00; now is 20 December.
Scenario december() {
  return {programme(),
          utc("2026-12-20T12:00:00Z"),
          {held("2026-11-04T13:00:00Z"), held("2026-11-18T13:00:00Z")},
          {},
          {}};
}

// A meeting Li declined, cancelled three days before it; `trouble` as the store judges it (an
// accepted meeting called off).
MeetingRecord declined_by_li(const char* start, bool trouble) {
  auto m = held(start);
  m.cancelled = true;
  m.trouble = trouble;
  m.partstat[1] = PartStat::declined;
  m.cancelled_at = m.when.begin - days(3);
  return m;
}

// Issue 11: two declines at the same weekday and time are told in words an admin can act on.
TEST(Health, TwoDeclinesOfTheSameWeekdayAndTimeAreNamed) {
  auto s = december();
  for (const char* start : {"2026-12-02T13:00:00Z", "2026-12-16T13:00:00Z"})
    s.meetings.push_back(declined_by_li(start, true));
  const auto h = run(s);
  ASSERT_FALSE(h.flags.empty());
  EXPECT_EQ(h.flags.back().kind, FlagKind::repeated_cancellations);
  EXPECT_EQ(h.flags.back().detail,
            "2 meetings declined or cancelled in the last 60 days (Li declined two Wednesday "
            "13:00 meetings; Li's availability may be out of date)");
}

// Issue 11: three proposals declined (each make-up at a new time, none ever accepted) are no
// repeated cancellations; two accepted meetings called off are; and a meeting at a time a partner
// had already declined never counts (mentorcal's doing, not the partners').
TEST(Health, OnlyAppointmentsCalledOffCountAsRepeatedCancellations) {
  auto s = december();
  const auto cancelled = declined_by_li;
  for (const char* start : {"2026-12-09T13:00:00Z", "2026-12-12T09:00:00Z", "2026-12-16T14:30:00Z"})
    s.meetings.push_back(cancelled(start, false));
  auto h = run(s);
  EXPECT_EQ(repeated(h), "");
  EXPECT_EQ(h.declined, 3);
  // Accepted, then declined: an appointment called off, but at 9 December 13:00, which had been
  // declined already.
  auto repeat = cancelled("2026-12-09T13:00:00Z", true);
  repeat.cancelled_at = utc("2026-12-08T09:00:00Z");
  s.meetings.push_back(repeat);
  s.meetings.push_back(cancelled("2026-12-17T13:00:00Z", true));
  EXPECT_EQ(repeated(run(s)), "");
  s.meetings.push_back(cancelled("2026-12-19T13:00:00Z", true));
  EXPECT_EQ(repeated(run(s)),
            "repeated-cancellations: 2 meetings declined or cancelled in the last 60 days");
}

// Proposals declined twice at the same weekday and time: no appointment was called off, but the
// admin is told what to do.
TEST(Health, TwoProposalsDeclinedAtTheSameTimeAreNamedAlone) {
  auto s = december();
  for (const char* start : {"2026-12-02T13:00:00Z", "2026-12-16T13:00:00Z"})
    s.meetings.push_back(declined_by_li(start, false));
  EXPECT_EQ(repeated(run(s)),
            "repeated-cancellations: Li declined two Wednesday 13:00 meetings; Li's availability "
            "may be out of date");
}

// Issue 11: review_after_months after the start (then after the last review) the pair is
// review-due until `pair review` is recorded.
TEST(Health, AReviewFallsDueAndIsClearedByRecordingIt) {
  Scenario s{programme(), utc("2026-11-30T12:00:00Z"), {}, {}, {}};
  s.programme.pairs.front().agreement.review_after_months = 3;  // started 1 September
  const auto review = [&] {
    const auto h = run(s);
    for (const auto& f : h.flags) {
      if (f.kind == FlagKind::review_due) return f.detail;
    }
    return std::string();
  };
  EXPECT_EQ(review(), "");
  s.now = utc("2026-12-01T00:00:00Z");
  EXPECT_EQ(review(),
            "the agreement was due for review on 2026-12-01 (3 months after it started); record "
            "the review with `mentorcal pair review amara-li`");
  EXPECT_EQ(run(s).review_due, ymd(2026, 12, 1));
  s.reviewed["amara-li"] = ymd(2026, 12, 3);
  EXPECT_EQ(review(), "");
  s.now = utc("2027-03-03T00:00:00Z");
  EXPECT_EQ(review(),
            "the agreement was due for review on 2027-03-03 (3 months after it was last "
            "reviewed); record the review with `mentorcal pair review amara-li`");
  s.programme.pairs.front().agreement.review_after_months = 0;
  EXPECT_EQ(review(), "");
}

TEST(Health, UnansweredAfterSevenDaysOnlyWhenRepliesAreRead) {
  Scenario s{programme(),
             utc("2026-11-20T12:00:00Z"),
             {held("2026-10-05T09:00:00Z"), held("2026-11-02T09:00:00Z")},
             {},
             {}};
  auto pending = held("2026-11-30T09:00:00Z");
  pending.partstat = {PartStat::accepted, PartStat::needs_action};
  pending.sent = utc("2026-11-11T09:00:00Z");
  s.meetings.push_back(pending);
  s.plan.meetings.push_back({"amara-li", pending.when, false, "u", false});
  EXPECT_EQ(flags(run(s)),
            "unanswered: Li has not answered the invite for 2026-11-30 (sent 9 days ago)");
  s.replies_read = false;
  EXPECT_EQ(flags(run(s)), "");
  s.replies_read = true;
  s.meetings.back().sent = utc("2026-11-15T09:00:00Z");  // 5 days: not yet
  EXPECT_EQ(flags(run(s)), "");
}

TEST(Health, EndedEarlyAndShortAgreements) {
  auto p = programme();
  p.pairs[0].ends = ymd(2026, 12, 1);  // 3 months after 1 September, minimum 4
  Scenario s{p,
             utc("2026-11-20T12:00:00Z"),
             {held("2026-10-05T09:00:00Z"), held("2026-11-02T09:00:00Z")},
             {},
             {}};
  s.plan.meetings.push_back(
      {"amara-li", {utc("2026-11-26T09:00:00Z"), utc("2026-11-26T10:00:00Z")}, false, {}, false});
  EXPECT_EQ(
      flags(run(s)),
      "short-agreement: planned to end on 2026-12-01 after 3 months; the agreement asks for 4");
  s.ended["amara-li"] = {ymd(2026, 11, 10), config::EndReason::lost_contact};
  const auto h = run(s);
  EXPECT_TRUE(h.ended);
  EXPECT_EQ(
      flags(h),
      "ended-early: ended on 2026-11-10 (lost-contact) after 2 months; the agreement asked for 4");
  EXPECT_EQ(h.months, 2);
}

}  // namespace
}  // namespace mentorcal::scheduler
