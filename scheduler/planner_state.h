// What the planner knows while it plans: each person's free time and meetings, each pair's
// shared free time, meetings and agreement. Internal to scheduler/.
#pragma once

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "config/programme.h"
#include "scheduler/interval.h"
#include "scheduler/periods.h"
#include "scheduler/zone.h"

namespace mentorcal::scheduler {

// A meeting on a person's calendar, with the local day it falls on (their zone). Kept to 16 bytes:
// a busy programme has hundreds of thousands of them.
struct PersonMeeting {
  Instant begin;
  std::int32_t length;  // seconds
  std::int32_t day;     // local days since 1970-01-01

  Interval when() const { return {begin, begin + std::chrono::seconds(length)}; }
  // Return the local Monday-based week, counted from Monday 1969-12-29.
  std::int32_t week() const { return (day + 3 >= 0 ? day + 3 : day + 3 - 6) / 7; }
};

struct PersonState {
  const config::Person* person = nullptr;
  const Zone* zone = nullptr;
  Intervals open;  // windows - away - busy from now on; only while their pairs are set up
  bool open_ready = false;
  int pairs_left = 0;                   // pairs not yet set up
  std::vector<PersonMeeting> meetings;  // sorted by start

  // Return the local day and week of `t` for this person.
  PersonMeeting at(Interval when) const;
  void add(Interval when);
  int meetings_on_day(std::int32_t day) const;
  int meetings_in_week(std::int32_t week) const;
  // Return true when `when` widened by `buffer` touches none of their meetings.
  bool clear_of(Interval when, std::chrono::seconds buffer) const;
};

// The mentor-local weekday and time a pair usually meets at.
struct Habit {
  std::chrono::weekday day;
  std::chrono::minutes time;
};

struct PairState {
  const config::Pair* pair = nullptr;
  PersonState* mentor = nullptr;
  PersonState* mentee = nullptr;
  Interval active;                       // [started, ends) in UTC, programme zone
  Intervals free;                        // both partners free, inside active and the planning range
  std::vector<Interval> meetings;        // booked (past and future) and placed, sorted by start
  std::vector<Instant> counted_at;       // where each meeting counts toward its cadence: its start,
                                         // or for a late make-up the declined meeting's
  Instant first_start = Instant::min();  // start of its getting-to-know-you meeting, if any
  std::chrono::seconds ideal{0};         // period length / meetings per period
  std::chrono::seconds min_gap{0};       // ideal / 3
  int failed = 0;                        // meetings that could not be placed
  Intervals declined;                    // times a partner declined: never proposed again
  std::vector<Instant> made_up;          // declined starts a late make-up already makes up for

  bool has_record = false;       // mentorcal has booked meetings for this pair (kept or displaced)
  bool first_displaced = false;  // its getting-to-know-you meeting became impossible

  // Put a meeting on the pair's calendar; it counts toward the period holding `counts_at`
  // (default: its start).
  void add(Interval when, bool first, std::optional<Instant> counts_at = std::nullopt);
  // Return the start of a meeting a partner declined inside `period` that no make-up has yet
  // made up for, if any: the earliest.
  std::optional<Instant> declined_without_make_up(Interval period) const;
  // Return true when the next meeting placed is the getting-to-know-you meeting: the agreement
  // has one and the pair has none in the records (or its booked one must move).
  bool first_pending() const {
    if (pair->agreement.first_meeting.count() <= 0) return false;
    if (!has_record) return meetings.empty();
    return first_displaced && first_start == Instant::min();
  }
  // Return the habit of the latest regular (non-first) meeting starting before `t`, if any,
  // unless the partners declined two meetings at that weekday and time.
  std::optional<Habit> habit_before(Instant t) const;
  // Return true when `when` overlaps a time a partner declined.
  bool was_declined(Interval when) const;
};

// One meeting a pair still needs in one period.
struct Need {
  PairState* pair;
  Interval period;       // the span of its cadence period
  Instant target;        // where it would ideally start
  bool soonest = false;  // a late make-up: as soon as possible, the usual weekday and time aside
};

struct Limits {
  const Zone* zone;     // the programme's: cadence periods are in it
  Instant earliest;     // now + min notice
  Instant horizon_end;  // now + horizon
  std::chrono::seconds buffer;
  std::chrono::seconds step;
  int max_per_day;
};

}  // namespace mentorcal::scheduler
