// A transport that answers from a script, one Delivery per attempt by Message-ID (default: 250),
// and remembers what it was given: for the outbox's failure paths without a server.
#pragma once

#include <algorithm>
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "net/transport.h"

namespace mentorcal::testing {

class ScriptedTransport final : public net::Transport {
 public:
  std::map<std::string, std::vector<net::Delivery>> script;   // consumed front to back
  std::vector<std::pair<std::string, std::string>> attempts;  // message id, bytes
  std::function<void(std::size_t)> before_each;               // e.g. set `stop`
  std::size_t largest_call = 0;  // the most messages one deliver() was given

  void deliver(const std::vector<net::Envelope>& messages, const std::atomic<bool>& stop,
               const OnDelivery& on_delivery) override {
    largest_call = std::max(largest_call, messages.size());
    for (std::size_t i = 0; i < messages.size(); ++i) {
      if (before_each) before_each(i);
      if (stop) {
        on_delivery(i, {net::Delivery::Outcome::transient, 0, "not attempted", false});
        continue;
      }
      attempts.emplace_back(messages[i].message_id, *messages[i].bytes);
      auto& answers = script[messages[i].message_id];
      net::Delivery d{net::Delivery::Outcome::sent, 250, "ok"};
      if (!answers.empty()) {
        d = answers.front();
        answers.erase(answers.begin());
      }
      on_delivery(i, d);
    }
  }
};

}  // namespace mentorcal::testing
