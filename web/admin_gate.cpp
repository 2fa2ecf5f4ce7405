#include "web/admin_gate.h"

#include "web/secret.h"

namespace mentorcal::web {

AdminGate::AdminGate(AdminCredentials credentials, AdminGateLimits limits)
    : credentials_(std::move(credentials)),
      limits_(limits),
      per_address_(limits.failures_per_minute, limits.failures_burst),
      in_total_(limits.all_failures_per_minute, limits.all_failures_burst),
      key_(random_bytes(32)) {}

AdminGate::Outcome AdminGate::check(std::string_view authorization, std::string_view client,
                                    Clock::time_point now) {
  const auto seen = hmac_sha256(key_, std::string(client) + '\n' + std::string(authorization));
  if (const auto found = passed_.find(seen); found != passed_.end()) {
    if (found->second.until > now) return {Verdict::admitted, found->second.user};
    passed_.erase(found);
  }
  if (per_address_.exhausted(client, now) || in_total_.exhausted("", now))
    return {Verdict::limited, {}};
  const auto basic = read_basic_authorization(authorization);
  if (basic && credentials_.matches(basic->user, basic->password)) {
    if (passed_.size() >= 256)
      std::erase_if(passed_, [&](const auto& p) { return p.second.until <= now; });
    if (passed_.size() >= 256) passed_.clear();  // bounded; a miss costs one hash
    passed_[seen] = {basic->user, now + limits_.remember};
    return {Verdict::signed_in, basic->user};
  }
  // No credentials at all is how every browser asks first: not a failure to count.
  if (!authorization.empty()) {
    per_address_.allow(client, now);
    in_total_.allow("", now);
  }
  return {Verdict::refused, basic && credentials_.knows(basic->user) ? basic->user : ""};
}

}  // namespace mentorcal::web
