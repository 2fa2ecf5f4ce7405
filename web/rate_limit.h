// A rate limit per key (a client address, a link's hash): a token bucket of `burst` requests that
// refills at `per_minute`. Bounded memory: at most `max_keys` keys are remembered; when full, the
// buckets that are full again are forgotten, and if none is, the new key is refused (a flood of
// addresses cannot grow the table or push out a limited one). Time is passed in (a steady clock).
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>

namespace mentorcal::web {

class RateLimit {
 public:
  using Clock = std::chrono::steady_clock;

  RateLimit(double per_minute, double burst, std::size_t max_keys = 100000)
      : per_second_(per_minute / 60.0), burst_(burst), max_keys_(max_keys) {}

  // Take one request for `key` at `now`: true if allowed.
  bool allow(std::string_view key, Clock::time_point now);
  // Return whether `key` has no request left at `now` (takes nothing; an unknown key has some).
  bool exhausted(std::string_view key, Clock::time_point now) const;
  std::size_t keys() const { return buckets_.size(); }

 private:
  struct Bucket {
    double tokens;
    Clock::time_point at;
  };
  double level(const Bucket& b, Clock::time_point now) const;
  void forget_full(Clock::time_point now);

  double per_second_;
  double burst_;
  std::size_t max_keys_;
  std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace mentorcal::web
