// The feeds table of SqliteStore.
#include "store/sqlite_store.h"

namespace mentorcal::store {

std::optional<FeedValidators> SqliteStore::feed_validators(std::string_view person) {
  auto q = db_.prepare("SELECT url, etag, last_modified FROM feeds WHERE person = ?");
  q.bind(1, person);
  if (!q.step()) return std::nullopt;
  return FeedValidators{q.text(0), q.text(1), q.text(2)};
}

std::map<std::string, FeedValidators, std::less<>> SqliteStore::all_feed_validators() {
  std::map<std::string, FeedValidators, std::less<>> out;
  auto q = db_.prepare("SELECT person, url, etag, last_modified FROM feeds");
  while (q.step())
    out.emplace(q.text(0), FeedValidators{q.text(1), q.text(2), q.text(3)});
  return out;
}

void SqliteStore::feed_fresh(std::string_view person, const FeedValidators& v,
                             std::string_view body, Instant now) {
  db_.prepare(
         R"(INSERT INTO feeds (person, url, etag, last_modified, body, good_at, tried_at, error)
                    VALUES (?, ?, ?, ?, ?, ?, ?, '')
                    ON CONFLICT (person) DO UPDATE SET url = excluded.url, etag = excluded.etag,
                      last_modified = excluded.last_modified, body = excluded.body, good_at = excluded.good_at,
                      tried_at = excluded.tried_at, error = '')")
      .bind(1, person)
      .bind(2, v.url)
      .bind(3, v.etag)
      .bind(4, v.last_modified)
      .bind_blob(5, body)
      .bind(6, unix_time(now))
      .bind(7, unix_time(now))
      .run();
}

void SqliteStore::feed_not_modified(std::string_view person, Instant now) {
  db_.prepare("UPDATE feeds SET good_at = ?, tried_at = ?, error = '' WHERE person = ?")
      .bind(1, unix_time(now))
      .bind(2, unix_time(now))
      .bind(3, person)
      .run();
}

void SqliteStore::feed_failed(std::string_view person, std::string_view url, std::string_view error,
                              Instant now) {
  db_.prepare(R"(INSERT INTO feeds (person, url, tried_at, error) VALUES (?, ?, ?, ?)
                    ON CONFLICT (person) DO UPDATE SET tried_at = excluded.tried_at, error = excluded.error)")
      .bind(1, person)
      .bind(2, url)
      .bind(3, unix_time(now))
      .bind(4, error)
      .run();
}

std::optional<std::string> SqliteStore::feed_body(std::string_view person, std::string_view url) {
  auto q = db_.prepare("SELECT body FROM feeds WHERE person = ? AND url = ? AND body IS NOT NULL");
  q.bind(1, person).bind(2, url);
  if (!q.step()) return std::nullopt;
  return q.text(0);
}

void SqliteStore::each_feed_body(const FeedBodyUse& use) {
  // Pages by person: a few reads at 10k pairs, and at most kPage bodies held at once.
  constexpr std::int64_t kPage = 512;
  std::string after;  // person ids are never empty
  for (;;) {
    auto q = db_.prepare(
        "SELECT person, url, body FROM feeds WHERE body IS NOT NULL AND person > ? "
        "ORDER BY person LIMIT ?");
    q.bind(1, after).bind(2, kPage);
    std::int64_t rows = 0;
    while (q.step()) {
      ++rows;
      after = q.text(0);
      use(after, q.text(1), q.text(2));
    }
    if (rows < kPage) return;
  }
}

std::vector<FeedState> SqliteStore::feed_states() {
  std::vector<FeedState> out;
  auto q = db_.prepare("SELECT person, url, good_at, error FROM feeds ORDER BY person");
  while (q.step()) {
    FeedState f{q.text(0), q.text(1), std::nullopt, q.text(3)};
    if (!q.is_null(2)) f.good_at = from_unix(q.integer(2));
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace mentorcal::store
