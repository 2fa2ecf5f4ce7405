#include "app/feeds.h"

#include <set>

#include <spdlog/spdlog.h>

#include "ical/feed.h"
#include "net/feed_fetch.h"

namespace mentorcal::app {
namespace {

using scheduler::Instant;
std::int64_t unix_time(Instant t) {
  return t.time_since_epoch().count();
}

}  // namespace

void refresh_feeds(const config::Programme& programme, store::Database& db, Instant now) {
  for (const auto& person : programme.people) {
    if (person.busy_calendar.empty()) continue;
    net::FeedRequest request{person.busy_calendar, "", "", std::chrono::seconds(30)};
    {
      auto q = db.prepare("SELECT url, etag, last_modified FROM feeds WHERE person = ?");
      q.bind(1, person.id);
      if (q.step() && q.text(0) == person.busy_calendar)
        request.etag = q.text(1), request.last_modified = q.text(2);
    }
    const auto got = net::fetch_feed(request);
    store::Transaction tx(db);
    if (got.outcome == net::FeedFetch::Outcome::fresh) {
      db.prepare(
            R"(INSERT INTO feeds (person, url, etag, last_modified, body, good_at, tried_at, error)
                    VALUES (?, ?, ?, ?, ?, ?, ?, '')
                    ON CONFLICT (person) DO UPDATE SET url = excluded.url, etag = excluded.etag,
                      last_modified = excluded.last_modified, body = excluded.body, good_at = excluded.good_at,
                      tried_at = excluded.tried_at, error = '')")
          .bind(1, person.id)
          .bind(2, person.busy_calendar)
          .bind(3, got.etag)
          .bind(4, got.last_modified)
          .bind_blob(5, got.body)
          .bind(6, unix_time(now))
          .bind(7, unix_time(now))
          .run();
    } else if (got.outcome == net::FeedFetch::Outcome::not_modified) {
      db.prepare("UPDATE feeds SET good_at = ?, tried_at = ?, error = '' WHERE person = ?")
          .bind(1, unix_time(now))
          .bind(2, unix_time(now))
          .bind(3, person.id)
          .run();
    } else {
      spdlog::warn("busy calendar of {} ({}): {}; the last good copy stays in use", person.id,
                   person.busy_calendar, got.error);
      db.prepare(R"(INSERT INTO feeds (person, url, tried_at, error) VALUES (?, ?, ?, ?)
                    ON CONFLICT (person) DO UPDATE SET tried_at = excluded.tried_at, error = excluded.error)")
          .bind(1, person.id)
          .bind(2, person.busy_calendar)
          .bind(3, unix_time(now))
          .bind(4, got.error)
          .run();
    }
    tx.commit();
  }
}

BusyMap busy_times(const config::Programme& programme, store::Database& db, Instant now) {
  BusyMap out;
  std::set<std::string, std::less<>> ours;
  {
    auto q = db.prepare("SELECT uid FROM meetings");
    while (q.step())
      ours.insert(q.text(0));
  }
  const auto is_ours = [&](std::string_view uid) { return ours.count(uid) > 0; };
  const Instant to =
      now + std::chrono::weeks(programme.scheduling.horizon_weeks) + std::chrono::weeks(1);
  for (const auto& person : programme.people) {
    if (person.busy_calendar.empty()) continue;
    auto q = db.prepare("SELECT body FROM feeds WHERE person = ? AND url = ? AND body IS NOT NULL");
    q.bind(1, person.id).bind(2, person.busy_calendar);
    if (!q.step()) continue;
    const auto read = ical::read_busy_feed(q.text(0), now, to, person.timezone, is_ours);
    if (!read) {
      spdlog::warn("busy calendar of {}: {}", person.id, read.error());
      continue;
    }
    for (const auto& w : read->warnings)
      spdlog::debug("busy calendar of {}: {}", person.id, w);
    auto& busy = out[person.id];
    for (const auto& b : read->busy)
      busy.push_back({b.begin, b.end});
  }
  return out;
}

std::vector<FeedState> feed_states(store::Database& db) {
  std::vector<FeedState> out;
  auto q = db.prepare("SELECT person, url, good_at, error FROM feeds ORDER BY person");
  while (q.step()) {
    FeedState f{q.text(0), q.text(1), std::nullopt, q.text(3)};
    if (!q.is_null(2)) f.good_at = Instant{std::chrono::seconds{q.integer(2)}};
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace mentorcal::app
