// The organiser mailbox as the reply handling reads it: a seam, so the tick's reply handling is
// tested with a fake (tests/support/fake_mailbox.h). net::ImapMailbox is the real one.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <tl/expected.hpp>

namespace mentorcal::net {

// Every call returns an error text instead of throwing. REQUIRES: one thread at a time.
class Mailbox {
 public:
  virtual ~Mailbox() = default;

  // Return the mailbox's UIDVALIDITY. While it stays the same, a UID names the same message for
  // ever; when it changes, every UID recorded earlier is void.
  virtual tl::expected<std::uint32_t, std::string> uid_validity() = 0;
  // Return the UIDs greater than `last`, ascending.
  virtual tl::expected<std::vector<std::uint32_t>, std::string> uids_after(std::uint32_t last) = 0;
  // Return the whole message with UID `uid` as the server holds it, and mark it \Seen.
  virtual tl::expected<std::string, std::string> fetch(std::uint32_t uid) = 0;
  // Set or clear \Seen on the message with UID `uid`.
  virtual tl::expected<void, std::string> set_seen(std::uint32_t uid, bool seen) = 0;
};

}  // namespace mentorcal::net
