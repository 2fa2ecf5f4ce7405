// Fetching a busy-calendar feed (https://, http:// or file://) with libcurl: conditional on the
// last ETag / Last-Modified, bounded in time and size, redirects limited to http(s), TLS as every
// libcurl handle has it (net/curl_handle.h: certificate checks on, TLS 1.2 at least). The daemon
// decides when; this only moves the bytes.
#pragma once

#include <chrono>
#include <string>

namespace mentorcal::net {

struct FeedFetch {
  enum class Outcome { fresh, not_modified, failed };
  Outcome outcome = Outcome::failed;
  std::string body;  // fresh: the feed
  std::string etag;  // fresh: the new validators, to send next time
  std::string last_modified;
  std::string error;  // failed: why, for the log and `status`
};

struct FeedRequest {
  std::string url;
  std::string etag;           // from the last fresh fetch, or ""
  std::string last_modified;  // likewise
  std::chrono::seconds timeout{30};
  std::size_t max_bytes = 5 * 1024 * 1024;
};

// Fetch the feed. Never throws.
FeedFetch fetch_feed(const FeedRequest& request);

}  // namespace mentorcal::net
