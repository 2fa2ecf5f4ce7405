// Where the tick gets busy-calendar feeds from: a seam, so the tick is tested with a fake
// (tests/support/fake_feed_source.h). HttpFeedSource fetches them with net::fetch_feed.
#pragma once

#include "net/feed_fetch.h"

namespace mentorcal::app {

class FeedSource {
 public:
  virtual ~FeedSource() = default;
  // Fetch the feed `request` names, conditionally on its validators. Never throws.
  virtual net::FeedFetch fetch(const net::FeedRequest& request) = 0;
};

class HttpFeedSource final : public FeedSource {
 public:
  net::FeedFetch fetch(const net::FeedRequest& request) override {
    return net::fetch_feed(request);
  }
};

}  // namespace mentorcal::app
