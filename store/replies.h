// The replies log: every answer read from the organiser mailbox, with what was done about it.
#pragma once

#include <chrono>
#include <string>

#include "scheduler/meeting_state.h"

namespace mentorcal::store {

using scheduler::ReplyOutcome;

struct ReplyRecord {
  std::chrono::sys_seconds received;
  std::string meeting_uid;
  std::string attendee;
  std::string method;    // as the reply said it (REPLY, COUNTER, REFRESH, ...)
  std::string partstat;  // as the reply said it: outside input, kept verbatim
  int sequence = 0;
  ReplyOutcome outcome = ReplyOutcome::ignored;
  std::string detail;  // one line for the log
};

}  // namespace mentorcal::store
