#include "store/meetings.h"

#include "store/names.h"

namespace mentorcal::store {

scheduler::MeetingRecord record_of(const MeetingRow& row) {
  scheduler::MeetingRecord r;
  r.pair = row.pair;
  r.when = row.when;
  r.cancelled = row.status == MeetingStatus::cancelled;
  r.cancelled_at = row.cancelled_at;
  // The pair ending or leaving the file is no sign of trouble, nor a proposal that did not suit;
  // an accepted meeting called off and a lost slot are.
  r.trouble = r.cancelled && (row.cancel_kind == CancelKind::withdrawn ||
                              row.cancel_kind == CancelKind::impossible);
  r.partstat = row.partstat;
  r.sent = row.sent;
  return r;
}

std::map<std::string, scheduler::Intervals, std::less<>> declined_times(
    const std::vector<MeetingRow>& meetings) {
  std::map<std::string, scheduler::Intervals, std::less<>> out;
  for (const auto& m : meetings) {
    if (m.status == MeetingStatus::cancelled &&
        (m.cancel_kind == CancelKind::declined || m.cancel_kind == CancelKind::withdrawn))
      out[m.pair].push_back(m.when);
  }
  return out;
}

}  // namespace mentorcal::store
