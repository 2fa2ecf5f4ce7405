#include "daemon/meetings.h"

namespace mentorcal::daemon {
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
    "status";

MeetingRow read_row(const Statement& q) {
  return {q.text(0),
          q.text(1),
          q.text(2),
          q.text(3),
          q.text(4),
          q.text(5),
          {from_unix(q.integer(6)), from_unix(q.integer(7))},
          q.integer(8) != 0,
          int(q.integer(9)),
          q.text(10)};
}

}  // namespace

std::vector<MeetingRow> booked_meetings(Database& db) {
  std::vector<MeetingRow> out;
  auto q = db.prepare(std::string("SELECT ") + kColumns +
                      " FROM meetings WHERE status = 'booked' ORDER BY start, uid");
  while (q.step())
    out.push_back(read_row(q));
  return out;
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
  db.prepare(
        R"(INSERT INTO meetings (uid, pair, mentor_name, mentor_email, mentee_name, mentee_email, start, end,
                                      first, sequence, status, created, updated)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (uid) DO UPDATE SET start = excluded.start, end = excluded.end,
                  sequence = excluded.sequence, status = excluded.status, updated = excluded.updated)")
      .bind(1, m.uid)
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
      .bind(12, unix_time(now))
      .bind(13, unix_time(now))
      .run();
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

}  // namespace mentorcal::daemon
