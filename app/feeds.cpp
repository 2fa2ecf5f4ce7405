#include "app/feeds.h"

#include <algorithm>
#include <atomic>
#include <functional>
#include <mutex>
#include <set>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "base/log_fields.h"
#include "base/log_text.h"
#include "ical/feed.h"

namespace mentorcal::app {
namespace {

using scheduler::Instant;
using Reading = tl::expected<ical::FeedReading, std::string>;

// A feed's last reading, kept for the rest of the process: a tick (one process) asks for busy
// times three times (planning, replies, health) from the same copy, and reading a big feed is the
// costliest step of a tick. Valid for the same person, text (by size and hash: a copy of every
// body would double the memory of the feeds), range and zone, and the same answer to each
// is_ours question the reading asked (the tick books meetings between the three).
struct Memo {
  std::size_t size = 0, hash = 0;
  Instant from, to;
  std::string zone;
  std::vector<std::pair<std::string, bool>> asked;
  Reading reading;
};

const Reading& read_once(const std::string& person, const std::string& body, Instant from,
                         Instant to, const std::string& zone,
                         const std::function<bool(std::string_view)>& is_ours) {
  static std::mutex lock;
  static std::map<std::string, Memo, std::less<>> memos;
  const std::lock_guard hold(lock);
  const std::size_t hash = std::hash<std::string_view>{}(body);
  if (const auto it = memos.find(person); it != memos.end()) {
    const Memo& m = it->second;
    const bool same_answers = std::all_of(m.asked.begin(), m.asked.end(), [&](const auto& a) {
      return is_ours(a.first) == a.second;
    });
    if (m.size == body.size() && m.hash == hash && m.from == from && m.to == to && m.zone == zone &&
        same_answers)
      return m.reading;
  }
  Memo m{body.size(), hash, from, to, zone, {}, {}};
  m.reading = ical::read_busy_feed(body, from, to, zone, [&](std::string_view uid) {
    const bool ours = is_ours(uid);
    m.asked.emplace_back(std::string(uid), ours);
    return ours;
  });
  return memos.insert_or_assign(person, std::move(m)).first->second.reading;
}

// The feeds of one tick are fetched kParallelFetches at a time, each request within
// kRequestTimeout and all of them within kFeedBudget: slow servers cannot hold up the tick (five
// silent ones cost 150 s one after another before).
constexpr std::chrono::seconds kRequestTimeout{30};
constexpr std::chrono::seconds kFeedBudget{60};
constexpr std::size_t kParallelFetches = 6;

// Return the answer to each of `requests`, in order.
std::vector<net::FeedFetch> fetch_all(net::FeedSource& source,
                                      std::vector<net::FeedRequest> requests) {
  std::vector<net::FeedFetch> got(requests.size());
  const auto end = std::chrono::steady_clock::now() + kFeedBudget;
  std::atomic<std::size_t> next{0};
  const auto work = [&] {
    for (std::size_t i = next++; i < requests.size(); i = next++) {
      const auto left =
          std::chrono::duration_cast<std::chrono::seconds>(end - std::chrono::steady_clock::now());
      if (left < std::chrono::seconds(1)) {
        got[i].error = fmt::format("not fetched: the {} s for this tick's feeds were spent",
                                   kFeedBudget.count());
        continue;
      }
      requests[i].timeout = std::min(kRequestTimeout, left);
      got[i] = source.fetch(requests[i]);
    }
  };
  std::vector<std::thread> helpers;
  for (std::size_t k = 1; k < std::min(kParallelFetches, requests.size()); ++k)
    helpers.emplace_back(work);
  work();
  for (std::thread& t : helpers)
    t.join();
  return got;
}

}  // namespace

void refresh_feeds(const config::Programme& programme, store::Store& store, net::FeedSource& source,
                   Instant now) {
  std::vector<const config::Person*> people;
  std::vector<net::FeedRequest> requests;
  const auto copies = store.all_feed_validators();  // one read, not one per person
  for (const auto& person : programme.people) {
    if (person.busy_calendar.empty()) continue;
    net::FeedRequest request{person.busy_calendar, "", "", kRequestTimeout};
    request.redirects_to = person.busy_calendar_redirects_to;
    if (const auto copy = copies.find(person.id);
        copy != copies.end() && copy->second.url == person.busy_calendar)
      request.etag = copy->second.etag, request.last_modified = copy->second.last_modified;
    people.push_back(&person);
    requests.push_back(std::move(request));
  }
  const std::vector<net::FeedFetch> answers = fetch_all(source, std::move(requests));
  // One transaction for all of them: one commit (on PostgreSQL one round trip for every write).
  auto tx = store.transaction();
  for (std::size_t i = 0; i < people.size(); ++i) {
    const config::Person& person = *people[i];
    const net::FeedFetch& got = answers[i];
    if (got.outcome == net::FeedFetch::Outcome::fresh) {
      store.feed_fresh(person.id, {person.busy_calendar, got.etag, got.last_modified}, got.body,
                       now);
    } else if (got.outcome == net::FeedFetch::Outcome::not_modified) {
      store.feed_not_modified(person.id, now);
    } else {
      const base::LogFields fields{{base::LogFields::kPerson, person.id}};
      spdlog::warn("busy calendar of {} ({}): {}; the last good copy stays in use", person.id,
                   base::redacted_url(person.busy_calendar), got.error);
      store.feed_failed(person.id, person.busy_calendar, got.error, now);
    }
  }
  tx.commit();
}

namespace {

// Add the busy times in `body`, the person's feed, to `out`, over the planning horizon.
void add_busy(BusyMap& out, const config::Programme& programme, const config::Person& person,
              const std::string& body, const std::set<std::string, std::less<>>& ours,
              Instant now) {
  const auto is_ours = [&](std::string_view uid) { return ours.count(uid) > 0; };
  const Instant to =
      now + std::chrono::weeks(programme.scheduling.horizon_weeks) + std::chrono::weeks(1);
  const auto& read = read_once(person.id, body, now, to, person.timezone, is_ours);
  if (!read) {
    const base::LogFields fields{{base::LogFields::kPerson, person.id}};
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
  std::map<std::string_view, const config::Person*> with_feed;
  for (const auto& person : programme.people) {
    if (!person.busy_calendar.empty()) with_feed.emplace(person.id, &person);
  }
  // The copies are read a page at a time, not one read per person.
  store.each_feed_body([&](const std::string& id, const std::string& url, const std::string& body) {
    const auto person = with_feed.find(id);
    if (person != with_feed.end() && person->second->busy_calendar == url)
      add_busy(out, programme, *person->second, body, ours, now);
  });
  return out;
}

PreviewBusy preview_busy_times(const config::Programme& programme, store::Store* store,
                               net::FeedSource& source, Instant now) {
  PreviewBusy out;
  const auto ours = store ? store->meeting_uids() : std::set<std::string, std::less<>>{};
  std::vector<store::FeedState> states;
  if (store) states = store->feed_states();
  // Each person's state by id, the first row of a person as before (a scan per person cost
  // people x feeds: 7,000 feeds at 100k pairs, 50 million comparisons).
  std::unordered_map<std::string_view, const store::FeedState*> state_of;
  state_of.reserve(states.size());
  for (const auto& f : states)
    state_of.emplace(f.person, &f);
  for (const auto& person : programme.people) {
    if (person.busy_calendar.empty()) continue;
    const auto found = state_of.find(person.id);
    const store::FeedState* state = found == state_of.end() ? nullptr : found->second;
    const auto stored = store ? store->feed_body(person.id, person.busy_calendar) : std::nullopt;
    const bool fresh =
        stored && state && state->good_at && *state->good_at > now - kPreviewFreshFor;
    if (fresh) {
      add_busy(out.busy, programme, person, *stored, ours, now);
      continue;
    }
    net::FeedRequest request{person.busy_calendar, "", "", std::chrono::seconds(30)};
    request.redirects_to = person.busy_calendar_redirects_to;
    const auto got = source.fetch(request);
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
