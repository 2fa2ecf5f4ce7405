#include "web/rate_limit.h"

#include <algorithm>

namespace mentorcal::web {

double RateLimit::level(const Bucket& b, Clock::time_point now) const {
  const std::chrono::duration<double> elapsed = now - b.at;
  return std::min(burst_, b.tokens + std::max(0.0, elapsed.count()) * per_second_);
}

void RateLimit::forget_full(Clock::time_point now) {
  std::erase_if(buckets_, [&](const auto& entry) { return level(entry.second, now) >= burst_; });
}

bool RateLimit::allow(std::string_view key, Clock::time_point now) {
  auto it = buckets_.find(std::string(key));
  if (it == buckets_.end()) {
    if (buckets_.size() >= max_keys_) {
      forget_full(now);
      if (buckets_.size() >= max_keys_) return false;
    }
    it = buckets_.emplace(std::string(key), Bucket{burst_, now}).first;
  }
  auto& b = it->second;
  b.tokens = level(b, now);
  b.at = now;
  if (b.tokens < 1.0) return false;
  b.tokens -= 1.0;
  return true;
}

bool RateLimit::exhausted(std::string_view key, Clock::time_point now) const {
  const auto it = buckets_.find(std::string(key));
  return it != buckets_.end() && level(it->second, now) < 1.0;
}

}  // namespace mentorcal::web
