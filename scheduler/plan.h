// The planner: from a programme, its booked meetings, people's busy times and `now`, the meetings
// every pair should have over the horizon (DESIGN.md §3, §5). Pure: no clock, no I/O beyond the
// tz database, no logging. The same inputs give the same plan, byte for byte, whatever the order
// of pairs in the file.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/phrase.h"
#include "config/programme.h"
#include "scheduler/interval.h"

namespace mentorcal::scheduler {

// A meeting already sent to the partners. Planning never moves it.
struct BookedMeeting {
  std::string uid;
  std::string pair;
  Interval when;
  bool first = false;  // it was the pair's getting-to-know-you meeting
  // Set on a late make-up: the start of the declined meeting it makes up for. It counts toward
  // that meeting's cadence period, not the one it lies in.
  std::optional<Instant> makes_up = std::nullopt;
};

struct PlanInput {
  const config::Programme* programme = nullptr;  // REQUIRES: not null, validated
  Instant now;
  std::vector<BookedMeeting>
      booked;  // any order; meetings of pairs not in the programme are ignored
  std::map<std::string, Intervals, std::less<>> busy;  // person id -> busy times (any order)
  // Pair id -> the times a partner declined (any order). No meeting of that pair is placed
  // overlapping one, and a regular weekday and time declined twice is no longer preferred.
  std::map<std::string, Intervals, std::less<>> declined;
};

struct Meeting {
  std::string pair;
  Interval when;
  bool first = false;              // the pair's getting-to-know-you meeting
  std::optional<std::string> uid;  // set for a booked meeting, empty for a new one
  bool moved = false;              // a booked meeting that had become impossible, at its new time
  // A late make-up: a partner declined a meeting, and its cadence period had no other free time,
  // so the make-up lies as soon as possible after the period. `makes_up` is the declined
  // meeting's start; `note` says why, in words an admin reads (plan, the audit log).
  std::optional<Instant> makes_up = std::nullopt;
  std::string note = {};
};

// A booked meeting that became impossible (an away day, a busy time, a window or a planned end
// that no longer allows it). It is either moved (a Meeting with its uid and `moved`) or, when no
// other time exists or the pair is paused, listed in Plan::cancelled.
struct Displaced {
  std::string uid;
  std::string pair;
  Interval was;
  std::string reason;  // why it became impossible, e.g. "Li is away (holiday) from ..."
};

struct Unscheduled {
  std::string pair;
  std::string reason;  // one line an admin can act on
  base::Phrase why;    // the same, for a reader's language (the digest, the nudge)
};

struct Plan {
  Instant now;
  std::vector<Meeting> meetings;         // booked, moved and new, from `now` on, by start then pair
  std::vector<Unscheduled> unscheduled;  // by pair
  std::vector<Displaced> moved;          // booked meetings that had to move (see Meeting::moved)
  std::vector<Displaced> cancelled;  // booked meetings that became impossible and found no new time
};

Plan plan(const PlanInput& input);

}  // namespace mentorcal::scheduler
