#include "store/meetings.h"

#include "store/names.h"

namespace mentorcal::store {

scheduler::MeetingRecord record_of(const MeetingRow& row) {
  scheduler::MeetingRecord r;
  r.pair = row.pair;
  r.when = row.when;
  r.cancelled = row.status == MeetingStatus::cancelled;
  r.cancelled_at = row.cancelled_at;
  // The pair ending or leaving the file is no sign of trouble; declines and lost slots are.
  r.trouble = r.cancelled && (row.cancel_kind == CancelKind::declined ||
                              row.cancel_kind == CancelKind::impossible);
  r.partstat = row.partstat;
  r.sent = row.sent;
  return r;
}

}  // namespace mentorcal::store
