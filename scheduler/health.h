// Cadence health (DESIGN.md §6): for each pair at `now`, the flags an admin acts on, each with a
// one-line explanation, and the counts behind them. Pure: the caller supplies the meetings it has
// sent and the plan at `now`.
#pragma once

#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/phrase.h"
#include "config/programme.h"
#include "scheduler/meeting_state.h"
#include "scheduler/plan.h"

namespace mentorcal::scheduler {

// A meeting as the state store knows it.
struct MeetingRecord {
  std::string pair;
  Interval when;
  bool cancelled = false;  // a CANCEL went out
  std::optional<Instant> cancelled_at;
  // Cancelled for a reason that signals a pairing going wrong: a partner declined a meeting they
  // had accepted, or it became impossible. Not: the pair ended, the file changed, or a partner
  // declined a time mentorcal proposed and they never accepted.
  bool trouble = false;
  std::array<PartStat, 2> partstat{PartStat::needs_action, PartStat::needs_action};  // mentor,
                                                                                     // mentee
  Instant sent;  // when its current invite went out
};

// An end recorded with `mentorcal pair end`; it wins over the config's status.
struct PairEnd {
  config::Date on;
  config::EndReason reason;
};

struct HealthInput {
  const config::Programme* programme = nullptr;  // REQUIRES: not null
  Instant now;
  std::vector<MeetingRecord> meetings;  // any order, any pair
  const Plan* plan = nullptr;           // the plan at `now`; REQUIRES: not null
  std::map<std::string, PairEnd, std::less<>> ended;
  bool replies_read = false;  // replies are read ([imap] set): only then can "unanswered" be judged
  // When mentorcal began keeping this programme's calendar (its first meeting). Periods that
  // ended before it are not judged: mentorcal had no part in them. Unset: nothing is judged yet.
  std::optional<Instant> tracking_since;
  // Pair id -> the day its agreement was last reviewed (`mentorcal pair review`).
  std::map<std::string, config::Date, std::less<>> reviewed;
};

// What an admin is told to look at (DESIGN.md §6).
enum class FlagKind {
  below_cadence,           // a completed period had fewer meetings held than the minimum
  at_risk,                 // the current period cannot reach the minimum with what is planned
  no_slot,                 // a meeting that is due could not be placed
  repeated_cancellations,  // two or more accepted-then-declined or impossible meetings in 60
                           // days, or a partner who declined one weekday and time twice
  unanswered,              // an invite older than 7 days has no answer from a partner
  ended_early,             // the pair ended before the agreement's minimum months
  short_agreement,         // the pair's planned end is before the minimum months
  review_due,              // the agreement is due for review and none was recorded since
};

// Every kind, in the order above.
inline constexpr std::array<FlagKind, 8> kFlagKinds{
    FlagKind::below_cadence,          FlagKind::at_risk,    FlagKind::no_slot,
    FlagKind::repeated_cancellations, FlagKind::unanswered, FlagKind::ended_early,
    FlagKind::short_agreement,        FlagKind::review_due};

// Return the flag's name as DESIGN.md §6 spells it: "below-cadence", "at-risk", ...
std::string_view to_string(FlagKind kind);

struct Flag {
  FlagKind kind;
  std::string detail;  // one line for people, e.g. "October 2026: 1 of 2 meetings held (minimum 1)"
  base::Phrase what;   // the same, for a reader's language (the digest); detail == what.text()
  // below-cadence and at-risk: the cadence period the flag is about (for below-cadence the most
  // recent one), as a span and as its name ("October 2026"). Empty for the other kinds.
  std::optional<Interval> period;
  std::string period_label;
  // at-risk: the period's meetings held and planned, and the minimum they fall short of (the
  // numbers of `detail`, for letters that say them in the partners' language).
  int held = 0, planned = 0, minimum = 0;
};

struct PairHealth {
  std::string pair;
  std::vector<Flag> flags;
  int held = 0;                            // ended before now, not cancelled, declined by nobody
  int booked = 0;                          // booked, from now on
  int cancelled = 0;                       // cancellations sent
  int declined = 0;                        // meetings a partner declined
  int months = 0;                          // whole months since the pair started (until it ended)
  bool ended = false;                      // by the config or by `pair end`
  std::optional<config::Date> review_due;  // set with the review_due flag: the day it fell due
};

// Return the health of every pair of the programme: flagged pairs first, then by pair id.
std::vector<PairHealth> evaluate_health(const HealthInput& input);

// Return true when the meeting counts as held at `now`.
bool is_held(const MeetingRecord& m, Instant now);

}  // namespace mentorcal::scheduler
