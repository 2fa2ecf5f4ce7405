#include "app/feeds.h"

#include <spdlog/spdlog.h>

#include "ical/feed.h"

namespace mentorcal::app {

using scheduler::Instant;

void refresh_feeds(const config::Programme& programme, store::Store& store, net::FeedSource& source,
                   Instant now) {
  for (const auto& person : programme.people) {
    if (person.busy_calendar.empty()) continue;
    net::FeedRequest request{person.busy_calendar, "", "", std::chrono::seconds(30)};
    if (const auto copy = store.feed_validators(person.id);
        copy && copy->url == person.busy_calendar)
      request.etag = copy->etag, request.last_modified = copy->last_modified;
    const auto got = source.fetch(request);
    auto tx = store.transaction();
    if (got.outcome == net::FeedFetch::Outcome::fresh) {
      store.feed_fresh(person.id, {person.busy_calendar, got.etag, got.last_modified}, got.body,
                       now);
    } else if (got.outcome == net::FeedFetch::Outcome::not_modified) {
      store.feed_not_modified(person.id, now);
    } else {
      spdlog::warn("busy calendar of {} ({}): {}; the last good copy stays in use", person.id,
                   person.busy_calendar, got.error);
      store.feed_failed(person.id, person.busy_calendar, got.error, now);
    }
    tx.commit();
  }
}

BusyMap busy_times(const config::Programme& programme, store::Store& store, Instant now) {
  BusyMap out;
  const auto ours = store.meeting_uids();
  const auto is_ours = [&](std::string_view uid) { return ours.count(uid) > 0; };
  const Instant to =
      now + std::chrono::weeks(programme.scheduling.horizon_weeks) + std::chrono::weeks(1);
  for (const auto& person : programme.people) {
    if (person.busy_calendar.empty()) continue;
    const auto body = store.feed_body(person.id, person.busy_calendar);
    if (!body) continue;
    const auto read = ical::read_busy_feed(*body, now, to, person.timezone, is_ours);
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

}  // namespace mentorcal::app
