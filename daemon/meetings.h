// The meetings table: every meeting mentorcal has sent, with the SEQUENCE last sent and the
// partners it went to; and the audit log of every state change.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "daemon/database.h"
#include "scheduler/interval.h"

namespace mentorcal::daemon {

struct MeetingRow {
  std::string uid;
  std::string pair;
  std::string mentor_name, mentor_email;
  std::string mentee_name, mentee_email;
  scheduler::Interval when;
  bool first = false;
  int sequence = 0;
  std::string status = "booked";  // booked | cancelled
};

// Return the meetings with status booked, by start.
std::vector<MeetingRow> booked_meetings(Database& db);

// Return how many booked meetings start at or after `now`.
int booked_count(Database& db, scheduler::Instant now);

// Return the meeting with this UID, if any.
std::optional<MeetingRow> find_meeting(Database& db, const std::string& uid);

// Insert a new meeting or overwrite the row with the same UID. REQUIRES: inside a Transaction.
void save_meeting(Database& db, const MeetingRow& meeting, scheduler::Instant now);

// Append to the audit log. REQUIRES: inside a Transaction.
void audit(Database& db, scheduler::Instant now, const std::string& kind,
           const std::string& subject, const std::string& detail);

}  // namespace mentorcal::daemon
