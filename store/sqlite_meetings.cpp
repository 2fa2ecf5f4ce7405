// The meetings table of SqliteStore.
#include <fmt/format.h>

#include "store/names.h"
#include "store/sqlite_store.h"

namespace mentorcal::store {
namespace {

constexpr std::string_view kColumns =
    "uid, pair, mentor_name, mentor_email, mentee_name, mentee_email, start, \"end\", first, "
    "sequence, status, mentor_partstat, mentee_partstat, cancelled_at, cancel_kind, "
    "cancel_reason, sent, created, makes_up";

// An answer the table holds in a form this program does not know counts as no answer yet.
PartStat partstat_from(const std::string& word) {
  return config::enum_from<PartStat>(word).value_or(PartStat::needs_action);
}

MeetingRow read_row(const sql::Statement& q) {
  MeetingRow m;
  m.uid = q.text(0);
  m.pair = q.text(1);
  m.mentor_name = q.text(2);
  m.mentor_email = q.text(3);
  m.mentee_name = q.text(4);
  m.mentee_email = q.text(5);
  m.when = {from_unix(q.integer(6)), from_unix(q.integer(7))};
  m.first = q.integer(8) != 0;
  m.sequence = static_cast<int>(q.integer(9));
  m.status = config::enum_from<MeetingStatus>(q.text(10)).value_or(MeetingStatus::cancelled);
  m.partstat = {partstat_from(q.text(11)), partstat_from(q.text(12))};
  if (!q.is_null(13)) m.cancelled_at = from_unix(q.integer(13));
  m.cancel_kind = config::enum_from<CancelKind>(q.text(14)).value_or(CancelKind::none);
  m.cancel_reason = q.text(15);
  m.sent = from_unix(q.integer(16));
  m.created = from_unix(q.integer(17));
  if (!q.is_null(18)) m.makes_up = from_unix(q.integer(18));
  return m;
}

}  // namespace

std::vector<MeetingRow> SqliteStore::select_meetings(std::string_view where) {
  std::vector<MeetingRow> out;
  auto q =
      db_.prepare(fmt::format("SELECT {} FROM meetings {} ORDER BY start, uid", kColumns, where));
  while (q.step())
    out.push_back(read_row(q));
  return out;
}

std::vector<MeetingRow> SqliteStore::booked_meetings() {
  return select_meetings("WHERE status = 'booked'");
}

std::vector<MeetingRow> SqliteStore::all_meetings() {
  return select_meetings("");
}

std::vector<MeetingRow> SqliteStore::pair_meetings(std::string_view pair) {
  std::vector<MeetingRow> out;
  auto q = db_.prepare(
      fmt::format("SELECT {} FROM meetings WHERE pair = ? ORDER BY start, uid", kColumns));
  q.bind(1, pair);
  while (q.step())
    out.push_back(read_row(q));
  return out;
}

int SqliteStore::booked_count(Instant now) {
  auto q = db_.prepare("SELECT count(*) FROM meetings WHERE status = 'booked' AND start >= ?");
  q.bind(1, unix_time(now));
  q.step();
  return static_cast<int>(q.integer(0));
}

std::optional<MeetingRow> SqliteStore::find_meeting(std::string_view uid) {
  auto q = db_.prepare(fmt::format("SELECT {} FROM meetings WHERE uid = ?", kColumns));
  q.bind(1, uid);
  if (!q.step()) return std::nullopt;
  return read_row(q);
}

std::set<std::string, std::less<>> SqliteStore::meeting_uids() {
  std::set<std::string, std::less<>> out;
  auto q = db_.prepare("SELECT uid FROM meetings");
  while (q.step())
    out.insert(q.text(0));
  return out;
}

void SqliteStore::save_meeting(const MeetingRow& m, Instant now) {
  auto q = db_.prepare(
      R"(INSERT INTO meetings (uid, pair, mentor_name, mentor_email, mentee_name, mentee_email,
                           start, "end", first, sequence, status, mentor_partstat, mentee_partstat, cancelled_at,
                           cancel_kind, cancel_reason, sent, created, updated, makes_up)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (uid) DO UPDATE SET start = excluded.start, "end" = excluded."end",
                  sequence = excluded.sequence, status = excluded.status,
                  mentor_partstat = excluded.mentor_partstat, mentee_partstat = excluded.mentee_partstat,
                  cancelled_at = excluded.cancelled_at, cancel_kind = excluded.cancel_kind,
                  cancel_reason = excluded.cancel_reason, sent = excluded.sent, updated = excluded.updated)");
  q.bind(1, m.uid)
      .bind(2, m.pair)
      .bind(3, m.mentor_name)
      .bind(4, m.mentor_email)
      .bind(5, m.mentee_name)
      .bind(6, m.mentee_email)
      .bind(7, unix_time(m.when.begin))
      .bind(8, unix_time(m.when.end))
      .bind(9, m.first ? 1 : 0)
      .bind(10, m.sequence)
      .bind(11, config::enum_name(m.status))
      .bind(12, config::enum_name(m.partstat[0]))
      .bind(13, config::enum_name(m.partstat[1]));
  if (m.cancelled_at) {
    q.bind(14, unix_time(*m.cancelled_at));
  } else {
    q.bind_null(14);
  }
  q.bind(15, config::enum_name(m.cancel_kind))
      .bind(16, m.cancel_reason)
      .bind(17, unix_time(m.sent))
      .bind(18, unix_time(now))
      .bind(19, unix_time(now));
  if (m.makes_up) {
    q.bind(20, unix_time(*m.makes_up));
  } else {
    q.bind_null(20);
  }
  q.run();
}

}  // namespace mentorcal::store
