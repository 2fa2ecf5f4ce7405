// The door of /admin: HTTP Basic (RFC 7617) against AdminCredentials, meant to be reached only
// through the operator's TLS proxy. Failures are rate-limited per client address and in total
// (then 429, and no hash is computed: guessing costs the guesser time, not the server CPU).
// Credentials that passed are remembered for a while, by an HMAC under a key of this process,
// so a page's every request does not pay the slow hash again.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <unordered_map>

#include "web/admin_credentials.h"
#include "web/rate_limit.h"

namespace mentorcal::web {

struct AdminGateLimits {
  double failures_per_minute = 5;  // per client address, after a burst of:
  double failures_burst = 10;
  double all_failures_per_minute = 30;  // from every address together, after a burst of:
  double all_failures_burst = 60;
  std::chrono::minutes remember{10};  // how long credentials that passed skip the hash
};

class AdminGate {
 public:
  using Clock = std::chrono::steady_clock;

  enum class Verdict {
    admitted,   // credentials that passed from this address a moment ago
    signed_in,  // credentials that passed the hash now (worth an audit line)
    refused,    // none, wrong, or another scheme: 401 with the challenge
    limited,    // too many failures: 429, nothing checked
  };
  struct Outcome {
    Verdict verdict;
    std::string user;  // the user, when admitted or signed in; a known user's name when refused
  };

  AdminGate(AdminCredentials credentials, AdminGateLimits limits = {});

  // Judge a request's Authorization header (may be empty) from `client` at `now`.
  Outcome check(std::string_view authorization, std::string_view client, Clock::time_point now);

 private:
  struct Remembered {
    std::string user;
    Clock::time_point until;
  };
  AdminCredentials credentials_;
  AdminGateLimits limits_;
  RateLimit per_address_;
  RateLimit in_total_;
  std::string key_;  // random, this process's: what passed is remembered by HMAC, not in clear
  std::unordered_map<std::string, Remembered> passed_;
};

// The challenge a 401 carries.
inline constexpr std::string_view kAdminChallenge =
    R"(Basic realm="mentorcal admin", charset="UTF-8")";

}  // namespace mentorcal::web
