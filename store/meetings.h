// The meetings table: every meeting mentorcal has sent, with the SEQUENCE last sent, the partners
// it went to and their answers; and the audit log of every state change.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "scheduler/health.h"
#include "scheduler/interval.h"
#include "store/database.h"

namespace mentorcal::store {

struct MeetingRow {
  std::string uid;
  std::string pair;
  std::string mentor_name, mentor_email;
  std::string mentee_name, mentee_email;
  scheduler::Interval when;
  bool first = false;
  int sequence = 0;
  std::string status = "booked";                                        // booked | cancelled
  std::array<std::string, 2> partstat{"NEEDS-ACTION", "NEEDS-ACTION"};  // mentor, mentee
  std::optional<scheduler::Instant> cancelled_at;
  std::string cancel_kind;     // ended | removed | declined | impossible
  std::string cancel_reason;   // in words
  scheduler::Instant sent;     // when the current invite was queued
  scheduler::Instant created;  // when it was first booked (read only; set by save_meeting)
};

// Return the meeting as cadence health counts it.
scheduler::MeetingRecord record_of(const MeetingRow& row);

// Return the meetings with status booked, by start.
std::vector<MeetingRow> booked_meetings(Database& db);

// Return every meeting, booked or cancelled, by start.
std::vector<MeetingRow> all_meetings(Database& db);

// Return how many booked meetings start at or after `now`.
int booked_count(Database& db, scheduler::Instant now);

// Return the meeting with this UID, if any.
std::optional<MeetingRow> find_meeting(Database& db, const std::string& uid);

// Insert a new meeting or overwrite the row with the same UID. REQUIRES: inside a Transaction.
void save_meeting(Database& db, const MeetingRow& meeting, scheduler::Instant now);

// Append to the audit log. REQUIRES: inside a Transaction.
void audit(Database& db, scheduler::Instant now, const std::string& kind,
           const std::string& subject, const std::string& detail);

}  // namespace mentorcal::store
