#include "app/feeds.h"

#include <algorithm>
#include <set>

#include <fmt/format.h>
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

namespace {

// Add the busy times in `body`, the person's feed, to `out`, over the planning horizon.
void add_busy(BusyMap& out, const config::Programme& programme, const config::Person& person,
              const std::string& body, const std::set<std::string, std::less<>>& ours,
              Instant now) {
  const auto is_ours = [&](std::string_view uid) { return ours.count(uid) > 0; };
  const Instant to =
      now + std::chrono::weeks(programme.scheduling.horizon_weeks) + std::chrono::weeks(1);
  const auto read = ical::read_busy_feed(body, now, to, person.timezone, is_ours);
  if (!read) {
    spdlog::warn("busy calendar of {}: {}", person.id, read.error());
    return;
  }
  for (const auto& w : read->warnings)
    spdlog::debug("busy calendar of {}: {}", person.id, w);
  auto& busy = out[person.id];
  for (const auto& b : read->busy)
    busy.push_back({b.begin, b.end});
}

}  // namespace

BusyMap busy_times(const config::Programme& programme, store::Store& store, Instant now) {
  BusyMap out;
  const auto ours = store.meeting_uids();
  for (const auto& person : programme.people) {
    if (person.busy_calendar.empty()) continue;
    if (const auto body = store.feed_body(person.id, person.busy_calendar))
      add_busy(out, programme, person, *body, ours, now);
  }
  return out;
}

PreviewBusy preview_busy_times(const config::Programme& programme, store::Store* store,
                               net::FeedSource& source, Instant now) {
  PreviewBusy out;
  const auto ours = store ? store->meeting_uids() : std::set<std::string, std::less<>>{};
  std::vector<store::FeedState> states;
  if (store) states = store->feed_states();
  for (const auto& person : programme.people) {
    if (person.busy_calendar.empty()) continue;
    const auto state = std::find_if(states.begin(), states.end(),
                                    [&](const auto& f) { return f.person == person.id; });
    const auto stored = store ? store->feed_body(person.id, person.busy_calendar) : std::nullopt;
    const bool fresh = stored && state != states.end() && state->good_at &&
                       *state->good_at > now - kPreviewFreshFor;
    if (fresh) {
      add_busy(out.busy, programme, person, *stored, ours, now);
      continue;
    }
    const auto got = source.fetch({person.busy_calendar, "", "", std::chrono::seconds(30)});
    if (got.outcome == net::FeedFetch::Outcome::fresh) {
      add_busy(out.busy, programme, person, got.body, ours, now);
      out.notes.push_back(fmt::format(
          "the busy calendar of {} was fetched for this preview and not stored", person.id));
    } else if (stored) {
      add_busy(out.busy, programme, person, *stored, ours, now);
      out.notes.push_back(fmt::format(
          "the busy calendar of {} could not be fetched ({}); the preview uses the stored copy",
          person.id, got.error));
    } else {
      out.notes.push_back(fmt::format(
          "the busy calendar of {} could not be fetched ({}); the preview does not include it",
          person.id, got.error));
    }
  }
  return out;
}

}  // namespace mentorcal::app
