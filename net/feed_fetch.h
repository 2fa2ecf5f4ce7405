// Fetching a busy-calendar feed (https://, http:// or file://) with libcurl: conditional on the
// last ETag / Last-Modified, bounded in time and size, redirects limited to http(s), TLS as every
// libcurl handle has it (net/curl_handle.h: certificate checks on, TLS 1.2 at least). The daemon
// decides when; this only moves the bytes.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "base/network.h"

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
  // Non-public networks a redirect may go to (the admin's busy_calendar_redirects_to).
  std::vector<base::Network> redirects_to = {};
};

// Fetch the feed. Never throws. A file:// feed must be a regular file (a FIFO would block). A
// redirect to a non-public address (is_public_address) is refused before the request is sent,
// unless it is the address the feed's first request went to (the URL the admin configured) or
// lies inside one of `redirects_to`. An ETag with a control character is not kept, and validators
// with one are not sent.
FeedFetch fetch_feed(const FeedRequest& request);

// True for an IPv4 or IPv6 address (text) on the public internet; false for loopback, private,
// link-local (cloud metadata at 169.254.169.254), shared, multicast, reserved, unspecified and
// unreadable ones. IPv4-mapped and NAT64 addresses count as their IPv4 address.
bool is_public_address(const char* ip);

}  // namespace mentorcal::net
