// The busy-calendar feeds: per person, the last good copy of the feed and what its server said
// the copy's validators are, and how the last fetch went.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>

namespace mentorcal::store {

// What a conditional request needs: the URL the copy came from and its validators.
struct FeedValidators {
  std::string url;
  std::string etag;
  std::string last_modified;
};

struct FeedState {
  std::string person;
  std::string url;
  std::optional<std::chrono::sys_seconds> good_at;  // unset: never fetched successfully
  std::string error;                                // the last failure, "" if the last try worked
};

// What Store::each_feed_body calls with each good copy: the person, the URL it came from, the body.
using FeedBodyUse =
    std::function<void(const std::string& person, const std::string& url, const std::string& body)>;

}  // namespace mentorcal::store
