// Busy-calendar feeds from memory, by URL (an unknown URL fails), with every request kept; for the
// tick without an HTTP server.
#pragma once

#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "net/feed_source.h"

namespace mentorcal::testing {

class FakeFeedSource final : public net::FeedSource {
 public:
  std::map<std::string, net::FeedFetch> answers;  // by URL
  std::vector<net::FeedRequest> requests;

  net::FeedFetch fetch(const net::FeedRequest& request) override {
    const std::lock_guard hold(lock_);  // the tick fetches several feeds at once
    requests.push_back(request);
    const auto answer = answers.find(request.url);
    if (answer == answers.end()) {
      return {net::FeedFetch::Outcome::failed, "", "", "", "connection refused"};
    }
    return answer->second;
  }

 private:
  std::mutex lock_;
};

}  // namespace mentorcal::testing
