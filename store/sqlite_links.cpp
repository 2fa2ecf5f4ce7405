// The links table of SqliteStore.
#include <fmt/format.h>

#include "store/sqlite_store.h"

namespace mentorcal::store {
namespace {
LinkRow link_of(const sql::Statement& q) {
  return {q.text(0), q.integer(1), q.is_null(2) ? std::string() : q.text(2),
          from_unix(q.integer(3))};
}

// The row whose `column` (a literal of this file) is `value`.
std::optional<LinkRow> one_link(sql::Connection& db, std::string_view column,
                                std::string_view value) {
  auto q = db.prepare(fmt::format(
      "SELECT person, generation, token_hash, changed FROM links WHERE {} = ?", column));
  q.bind(1, value);
  if (!q.step()) return std::nullopt;
  return link_of(q);
}
}  // namespace

std::optional<LinkRow> SqliteStore::link(std::string_view person) {
  return one_link(db_, "person", person);
}

std::optional<LinkRow> SqliteStore::link_by_hash(std::string_view token_hash) {
  return one_link(db_, "token_hash", token_hash);
}

std::vector<LinkRow> SqliteStore::links() {
  auto q = db_.prepare("SELECT person, generation, token_hash, changed FROM links ORDER BY person");
  std::vector<LinkRow> out;
  while (q.step())
    out.push_back(link_of(q));
  return out;
}

void SqliteStore::save_link(const LinkRow& row, Instant now) {
  auto q = db_.prepare(
      R"(INSERT INTO links (person, generation, token_hash, changed) VALUES (?, ?, ?, ?)
         ON CONFLICT (person) DO UPDATE SET generation = excluded.generation,
           token_hash = excluded.token_hash, changed = excluded.changed)");
  q.bind(1, row.person).bind(2, row.generation);
  if (row.token_hash.empty()) {
    q.bind_null(3);
  } else {
    q.bind(3, row.token_hash);
  }
  q.bind(4, unix_time(now)).run();
}

}  // namespace mentorcal::store
