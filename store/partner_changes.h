// Partners' weekly availability and their requests to the admins (issue 15), given on their own
// page and kept in the state: the windows replace the file's before planning
// (config/partner_windows.h); the requests wait for an admin (digest, `status`).
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace mentorcal::store {

struct WindowsRow {
  std::string person;
  std::string windows;  // config::windows_text: "Mon 09:00-12:00, Thu 18:00-20:00"
  std::chrono::sys_seconds changed;
};

// What a partner asked about one of their pairs.
enum class RequestKind {
  continue_yes,  // after the getting-to-know-you meeting: yes, go on
  continue_no,   // after it: no; asks the admins to end the pairing
  pause,         // asks the admins to pause the pairing
  end,           // asks the admins to end the pairing
};
std::string_view to_string(RequestKind kind);  // "continue-yes", "continue-no", "pause", "end"

struct RequestRow {
  std::int64_t id = 0;
  std::string pair;
  std::string person;  // who asked
  RequestKind kind = RequestKind::continue_yes;
  std::string reason;  // pause, end: config::EndReason's word ("goals-met", ...); else ""
  std::string word;    // their optional word to the coordinator
  std::chrono::sys_seconds asked;
};

}  // namespace mentorcal::store
