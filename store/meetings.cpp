#include "store/meetings.h"

namespace mentorcal::store {
namespace {

using scheduler::Instant;

std::int64_t unix_time(Instant t) {
  return t.time_since_epoch().count();
}
Instant from_unix(std::int64_t s) {
  return Instant{std::chrono::seconds{s}};
}

constexpr const char* kColumns =
    "uid, pair, mentor_name, mentor_email, mentee_name, mentee_email, start, end, first, sequence, "
    "status, "
    "mentor_partstat, mentee_partstat, cancelled_at, cancel_kind, cancel_reason, sent, created";

MeetingRow read_row(const Statement& q) {
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
  m.status = q.text(10);
  m.partstat = {q.text(11), q.text(12)};
  if (!q.is_null(13)) m.cancelled_at = from_unix(q.integer(13));
  m.cancel_kind = q.text(14);
  m.cancel_reason = q.text(15);
  m.sent = from_unix(q.integer(16));
  m.created = from_unix(q.integer(17));
  return m;
}

std::vector<MeetingRow> select(Database& db, const std::string& where) {
  std::vector<MeetingRow> out;
  auto q = db.prepare(std::string("SELECT ") + kColumns + " FROM meetings " + where +
                      " ORDER BY start, uid");
  while (q.step())
    out.push_back(read_row(q));
  return out;
}

}  // namespace

scheduler::MeetingRecord record_of(const MeetingRow& row) {
  scheduler::MeetingRecord r;
  r.pair = row.pair;
  r.when = row.when;
  r.cancelled = row.status == "cancelled";
  r.cancelled_at = row.cancelled_at;
  // The pair ending or leaving the file is no sign of trouble; declines and lost slots are.
  r.trouble = r.cancelled && (row.cancel_kind == "declined" || row.cancel_kind == "impossible");
  r.partstat = row.partstat;
  r.sent = row.sent;
  return r;
}

std::vector<MeetingRow> booked_meetings(Database& db) {
  return select(db, "WHERE status = 'booked'");
}

std::vector<MeetingRow> all_meetings(Database& db) {
  return select(db, "");
}

int booked_count(Database& db, Instant now) {
  auto q = db.prepare("SELECT count(*) FROM meetings WHERE status = 'booked' AND start >= ?");
  q.bind(1, unix_time(now));
  q.step();
  return static_cast<int>(q.integer(0));
}

std::optional<MeetingRow> find_meeting(Database& db, const std::string& uid) {
  auto q = db.prepare(std::string("SELECT ") + kColumns + " FROM meetings WHERE uid = ?");
  q.bind(1, uid);
  if (!q.step()) return std::nullopt;
  return read_row(q);
}

void save_meeting(Database& db, const MeetingRow& m, Instant now) {
  auto q = db.prepare(
      R"(INSERT INTO meetings (uid, pair, mentor_name, mentor_email, mentee_name, mentee_email,
                           start, end, first, sequence, status, mentor_partstat, mentee_partstat, cancelled_at,
                           cancel_kind, cancel_reason, sent, created, updated)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (uid) DO UPDATE SET start = excluded.start, end = excluded.end,
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
      .bind(11, m.status)
      .bind(12, m.partstat[0])
      .bind(13, m.partstat[1]);
  if (m.cancelled_at) {
    q.bind(14, unix_time(*m.cancelled_at));
  } else {
    q.bind_null(14);
  }
  q.bind(15, m.cancel_kind)
      .bind(16, m.cancel_reason)
      .bind(17, unix_time(m.sent))
      .bind(18, unix_time(now))
      .bind(19, unix_time(now));
  q.run();
}

void audit(Database& db, Instant now, const std::string& kind, const std::string& subject,
           const std::string& detail) {
  db.prepare("INSERT INTO audit (at, kind, subject, detail) VALUES (?, ?, ?, ?)")
      .bind(1, unix_time(now))
      .bind(2, kind)
      .bind(3, subject)
      .bind(4, detail)
      .run();
}

}  // namespace mentorcal::store
