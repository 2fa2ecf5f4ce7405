// A mailbox in memory: messages by UID, a UIDVALIDITY to change, messages that fail to fetch,
// and what was flagged; for the reply handling without an IMAP server.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "net/mailbox.h"

namespace mentorcal::testing {

class FakeMailbox final : public net::Mailbox {
 public:
  std::uint32_t validity = 7;
  std::map<std::uint32_t, std::string> messages;  // by UID
  std::set<std::uint32_t> broken;                 // fetch() fails for these
  std::string down;                               // set: every call fails with this text
  std::set<std::uint32_t> seen;
  std::vector<std::uint32_t> fetched;

  tl::expected<std::uint32_t, std::string> uid_validity() override {
    if (!down.empty()) return tl::unexpected(down);
    return validity;
  }
  tl::expected<std::vector<std::uint32_t>, std::string> uids_after(std::uint32_t last) override {
    if (!down.empty()) return tl::unexpected(down);
    std::vector<std::uint32_t> out;
    for (auto it = messages.upper_bound(last); it != messages.end(); ++it)
      out.push_back(it->first);
    return out;
  }
  tl::expected<std::string, std::string> fetch(std::uint32_t uid) override {
    if (!down.empty()) return tl::unexpected(down);
    if (broken.count(uid) || !messages.count(uid))
      return tl::unexpected(std::string("no such message"));
    fetched.push_back(uid);
    seen.insert(uid);
    return messages.at(uid);
  }
  tl::expected<void, std::string> set_seen(std::uint32_t uid, bool on) override {
    if (!down.empty()) return tl::unexpected(down);
    if (on) {
      seen.insert(uid);
    } else {
      seen.erase(uid);
    }
    return {};
  }
};

}  // namespace mentorcal::testing
