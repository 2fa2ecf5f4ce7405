// The partner_windows and partner_requests tables of SqliteStore.
#include <array>

#include "store/sqlite_store.h"

namespace mentorcal::store {
namespace {

constexpr std::array<std::string_view, 4> kKinds{"continue-yes", "continue-no", "pause", "end"};

RequestKind kind_of(std::string_view text) {
  for (std::size_t i = 0; i < kKinds.size(); ++i) {
    if (kKinds[i] == text) return static_cast<RequestKind>(i);
  }
  throw StoreError("partner_requests holds an unknown kind");
}

}  // namespace

std::string_view to_string(RequestKind kind) {
  return kKinds[static_cast<std::size_t>(kind)];
}

void SqliteStore::save_windows(const WindowsRow& row, Instant now) {
  auto q = db_.prepare(
      R"(INSERT INTO partner_windows (person, windows, changed) VALUES (?, ?, ?)
         ON CONFLICT (person) DO UPDATE SET windows = excluded.windows,
           changed = excluded.changed)");
  q.bind(1, row.person).bind(2, row.windows).bind(3, unix_time(now)).run();
}

std::vector<WindowsRow> SqliteStore::partner_windows() {
  auto q = db_.prepare("SELECT person, windows, changed FROM partner_windows ORDER BY person");
  std::vector<WindowsRow> out;
  while (q.step())
    out.push_back({q.text(0), q.text(1), from_unix(q.integer(2))});
  return out;
}

std::int64_t SqliteStore::add_request(const RequestRow& row, Instant now) {
  auto q = db_.prepare(
      "INSERT INTO partner_requests (pair, person, kind, reason, word, asked) "
      "VALUES (?, ?, ?, ?, ?, ?) RETURNING id");
  q.bind(1, row.pair)
      .bind(2, row.person)
      .bind(3, to_string(row.kind))
      .bind(4, row.reason)
      .bind(5, row.word)
      .bind(6, unix_time(now));
  q.step();
  return q.integer(0);
}

std::vector<RequestRow> SqliteStore::partner_requests() {
  auto q = db_.prepare(
      "SELECT id, pair, person, kind, reason, word, asked FROM partner_requests ORDER BY id");
  std::vector<RequestRow> out;
  while (q.step())
    out.push_back({q.integer(0), q.text(1), q.text(2), kind_of(q.text(3)), q.text(4), q.text(5),
                   from_unix(q.integer(6))});
  return out;
}

}  // namespace mentorcal::store
