// The partner_away table of SqliteStore.
#include "store/sqlite_store.h"

namespace mentorcal::store {

std::int64_t SqliteStore::add_away(const AwayRow& row, Instant now) {
  auto q = db_.prepare(
      "INSERT INTO partner_away (person, from_date, to_date, note, added) VALUES (?, ?, ?, ?, ?) "
      "RETURNING id");
  q.bind(1, row.person).bind(2, row.from).bind(3, row.to).bind(4, row.note).bind(5, unix_time(now));
  q.step();
  return q.integer(0);
}

bool SqliteStore::remove_away(std::string_view person, std::int64_t id) {
  auto q = db_.prepare("DELETE FROM partner_away WHERE person = ? AND id = ? RETURNING id");
  q.bind(1, person).bind(2, id);
  const bool removed = q.step();
  q.run();
  return removed;
}

namespace {

std::vector<AwayRow> read_away(sql::Statement& q) {
  std::vector<AwayRow> out;
  while (q.step())
    out.push_back(
        {q.integer(0), q.text(1), q.text(2), q.text(3), q.text(4), from_unix(q.integer(5))});
  return out;
}

}  // namespace

std::vector<AwayRow> SqliteStore::partner_away() {
  auto q = db_.prepare(
      "SELECT id, person, from_date, to_date, note, added FROM partner_away ORDER BY person, "
      "from_date, id");
  return read_away(q);
}

std::vector<AwayRow> SqliteStore::partner_away_of(std::string_view person) {
  auto q = db_.prepare(
      "SELECT id, person, from_date, to_date, note, added FROM partner_away WHERE person = ? "
      "ORDER BY from_date, id");
  q.bind(1, person);
  return read_away(q);
}

}  // namespace mentorcal::store
