#include "store/state_copy.h"

#include <algorithm>
#include <string_view>

#include <fmt/format.h>

#include "store/sql.h"
#include "store/sqlite_store.h"
#include "store/store.h"

namespace mentorcal::store {
namespace {

// A column and how it is read and written: I an integer, T text, B bytes.
struct Column {
  std::string_view name;
  char kind;
};
struct Table {
  std::string_view name;
  std::vector<Column> columns;
  bool identity;  // an `id` key the engine numbers (PostgreSQL's sequence is moved past the copy)
};

// Every table of the schema (store/database.cpp, store/pg_database.cpp) at its latest version,
// parents before the rows that name them.
const std::vector<Table>& tables() {
  static const std::vector<Table> all{
      {"meetings",
       {{"uid", 'T'},
        {"pair", 'T'},
        {"mentor_name", 'T'},
        {"mentor_email", 'T'},
        {"mentee_name", 'T'},
        {"mentee_email", 'T'},
        {"start", 'I'},
        {"\"end\"", 'I'},
        {"first", 'I'},
        {"sequence", 'I'},
        {"status", 'T'},
        {"cancelled_at", 'I'},
        {"cancel_kind", 'T'},
        {"cancel_reason", 'T'},
        {"mentor_partstat", 'T'},
        {"mentee_partstat", 'T'},
        {"created", 'I'},
        {"sent", 'I'},
        {"updated", 'I'},
        {"makes_up", 'I'}},
       false},
      {"outbox",
       {{"id", 'I'},
        {"message_id", 'T'},
        {"recipient", 'T'},
        {"meeting_uid", 'T'},
        {"sequence", 'I'},
        {"method", 'T'},
        {"state", 'T'},
        {"attempts", 'I'},
        {"next_attempt", 'I'},
        {"created", 'I'},
        {"last_code", 'I'},
        {"last_error", 'T'},
        {"finished", 'I'},
        {"claimed_until", 'I'}},
       true},
      {"outbox_bytes", {{"id", 'I'}, {"bytes", 'B'}}, false},
      {"replies",
       {{"id", 'I'},
        {"received", 'I'},
        {"meeting_uid", 'T'},
        {"attendee", 'T'},
        {"method", 'T'},
        {"partstat", 'T'},
        {"sequence", 'I'},
        {"outcome", 'T'},
        {"detail", 'T'}},
       true},
      {"pair_events",
       {{"id", 'I'}, {"pair", 'T'}, {"kind", 'T'}, {"on_date", 'T'}, {"reason", 'T'}, {"at", 'I'}},
       true},
      {"feeds",
       {{"person", 'T'},
        {"url", 'T'},
        {"etag", 'T'},
        {"last_modified", 'T'},
        {"body", 'B'},
        {"good_at", 'I'},
        {"tried_at", 'I'},
        {"error", 'T'}},
       false},
      {"settings", {{"key", 'T'}, {"value", 'T'}}, false},
      {"audit", {{"id", 'I'}, {"at", 'I'}, {"kind", 'T'}, {"subject", 'T'}, {"detail", 'T'}}, true},
      {"links",
       {{"person", 'T'}, {"generation", 'I'}, {"token_hash", 'T'}, {"changed", 'I'}},
       false},
      {"partner_away",
       {{"id", 'I'},
        {"person", 'T'},
        {"from_date", 'T'},
        {"to_date", 'T'},
        {"note", 'T'},
        {"added", 'I'}},
       true},
      {"partner_windows", {{"person", 'T'}, {"windows", 'T'}, {"changed", 'I'}}, false},
      {"partner_requests",
       {{"id", 'I'},
        {"pair", 'T'},
        {"person", 'T'},
        {"kind", 'T'},
        {"reason", 'T'},
        {"word", 'T'},
        {"asked", 'I'}},
       true},
  };
  return all;
}

sql::Connection& connection(Store& store) {
  auto* sql = dynamic_cast<SqliteStore*>(&store);
  if (!sql) throw StoreError("state copy needs a SQLite or PostgreSQL store");
  return sql->database();
}

std::string column_list(const Table& t) {
  std::string out;
  for (const auto& c : t.columns)
    out += (out.empty() ? "" : ", ") + std::string(c.name);
  return out;
}

constexpr std::uint64_t kFnvBasis = 14695981039346656037ull;
std::uint64_t fnv(std::uint64_t h, std::string_view bytes) {
  for (const unsigned char c : bytes)
    h = (h ^ c) * 1099511628211ull;
  return h;
}

// One value as the checksum sees it: its kind, NULL or its length and bytes.
std::uint64_t hash_value(std::uint64_t h, const sql::Statement& q, int i, char kind) {
  if (q.is_null(i)) return fnv(h, "N;");
  const std::string value = kind == 'I' ? std::to_string(q.integer(i)) : q.text(i);
  return fnv(fnv(h, fmt::format("{}{}:", kind, value.size())), value);
}

// Visit every row of `t` in `db`, then return its sum.
template <typename OnRow>
TableSum read_table(sql::Connection& db, const Table& t, OnRow on_row) {
  TableSum sum{std::string(t.name), 0, {}};
  std::vector<std::uint64_t> hashes;
  auto q = db.prepare(fmt::format("SELECT {} FROM {}", column_list(t), t.name));
  while (q.step()) {
    std::uint64_t h = kFnvBasis;
    for (int i = 0; i < static_cast<int>(t.columns.size()); ++i)
      h = hash_value(h, q, i, t.columns[static_cast<std::size_t>(i)].kind);
    hashes.push_back(h);
    on_row(q);
  }
  std::sort(hashes.begin(), hashes.end());
  std::uint64_t all = kFnvBasis;
  for (const auto h : hashes)
    all = fnv(all, std::string_view(reinterpret_cast<const char*>(&h), sizeof h));
  sum.rows = static_cast<std::int64_t>(hashes.size());
  sum.checksum = fmt::format("{:016x}", all);
  return sum;
}

}  // namespace

std::vector<TableSum> table_sums(Store& store) {
  auto& db = connection(store);
  std::vector<TableSum> out;
  for (const auto& t : tables())
    out.push_back(read_table(db, t, [](const sql::Statement&) {}));
  return out;
}

std::vector<TableSum> copy_state(Store& from, Store& to, bool replace) {
  auto& source = connection(from);
  auto& target = connection(to);
  if (source.where() == target.where())
    throw StoreError(
        fmt::format("state copy: {} is both the source and the target", source.where()));
  std::vector<TableSum> copied;
  {
    sql::Transaction tx(target);
    for (const auto& t : tables()) {
      auto count = target.prepare(fmt::format("SELECT count(*) FROM {}", t.name));
      count.step();
      if (count.integer(0) > 0 && !replace) {
        throw StoreError(fmt::format(
            "state copy: the target {} already holds a state ({} rows in {}): give --replace "
            "to replace it",
            target.where(), count.integer(0), t.name));
      }
    }
    for (auto t = tables().rbegin(); t != tables().rend(); ++t)
      target.exec(fmt::format("DELETE FROM {}", t->name));
    for (const auto& t : tables()) {
      std::string marks;
      for (std::size_t i = 0; i < t.columns.size(); ++i)
        marks += i ? ", ?" : "?";
      const auto insert =
          fmt::format("INSERT INTO {} ({}) VALUES ({})", t.name, column_list(t), marks);
      copied.push_back(read_table(source, t, [&](const sql::Statement& q) {
        auto row = target.prepare(insert);
        for (int i = 0; i < static_cast<int>(t.columns.size()); ++i) {
          const char kind = t.columns[static_cast<std::size_t>(i)].kind;
          if (q.is_null(i)) {
            row.bind_null(i + 1);
          } else if (kind == 'I') {
            row.bind(i + 1, q.integer(i));
          } else if (kind == 'B') {
            row.bind_blob(i + 1, q.text(i));
          } else {
            row.bind(i + 1, q.text(i));
          }
        }
        row.run();
      }));
      if (t.identity) target.after_explicit_ids(t.name);
    }
    tx.commit();
  }
  const auto landed = table_sums(to);
  for (std::size_t i = 0; i < copied.size(); ++i) {
    if (copied[i].rows != landed[i].rows || copied[i].checksum != landed[i].checksum) {
      throw StoreError(fmt::format(
          "state copy: {} in {} does not match the source after the copy: {} rows, checksum {} "
          "(source: {} rows, checksum {})",
          copied[i].table, target.where(), landed[i].rows, landed[i].checksum, copied[i].rows,
          copied[i].checksum));
    }
  }
  return copied;
}

}  // namespace mentorcal::store
