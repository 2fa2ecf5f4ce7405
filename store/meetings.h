// A meeting as the store keeps it: every meeting mentorcal has sent, with the SEQUENCE last sent,
// the partners it went to and their answers. The words each state is stored as are in
// store/names.h.
#pragma once

#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "scheduler/health.h"
#include "scheduler/interval.h"
#include "scheduler/meeting_state.h"

namespace mentorcal::store {

using scheduler::CancelKind;
using scheduler::MeetingStatus;
using scheduler::PartStat;

struct MeetingRow {
  std::string uid;
  std::string pair;
  std::string mentor_name, mentor_email;
  std::string mentee_name, mentee_email;
  scheduler::Interval when;
  bool first = false;
  int sequence = 0;
  MeetingStatus status = MeetingStatus::booked;
  std::array<PartStat, 2> partstat{PartStat::needs_action, PartStat::needs_action};  // mentor,
                                                                                     // mentee
  std::optional<scheduler::Instant> cancelled_at;
  CancelKind cancel_kind = CancelKind::none;
  std::string cancel_reason;   // in words
  scheduler::Instant sent;     // when the current invite was queued
  scheduler::Instant created;  // when it was first booked (read only; set by save_meeting)
  // A late make-up: the start of the declined meeting it makes up for (scheduler::BookedMeeting).
  std::optional<scheduler::Instant> makes_up = std::nullopt;
};

// Return the meeting as cadence health counts it.
scheduler::MeetingRecord record_of(const MeetingRow& row);

// Return, by pair, the times of the meetings cancelled because a partner declined them: the plan
// never proposes them to that pair again (scheduler::PlanInput::declined).
std::map<std::string, scheduler::Intervals, std::less<>> declined_times(
    const std::vector<MeetingRow>& meetings);

}  // namespace mentorcal::store
