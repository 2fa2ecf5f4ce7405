// Where busy-calendar feeds come from, as the tick reads them: a seam, so the tick is tested with
// a fake (tests/support/fake_feed_source.h). HttpFeedSource fetches them with fetch_feed()
// (https://, http://, file://).
#pragma once

#include "net/feed_fetch.h"

namespace mentorcal::net {

class FeedSource {
 public:
  virtual ~FeedSource() = default;
  // Fetch the feed `request` names, conditionally on its validators. Never throws. Called from
  // several threads at once (the tick fetches its feeds together).
  virtual FeedFetch fetch(const FeedRequest& request) = 0;
};

class HttpFeedSource final : public FeedSource {
 public:
  FeedFetch fetch(const FeedRequest& request) override { return fetch_feed(request); }
};

}  // namespace mentorcal::net
