// Reading the organiser mailbox over IMAP with libcurl: imaps://, or imap:// with STARTTLS
// required; peer and host verification always on, with an optional private CA; one connection
// for the life of the session, reconnected after a transport error.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <tl/expected.hpp>

#include "net/mailbox.h"

namespace mentorcal::net {

struct ImapSettings {
  // imaps://host[:port]/MAILBOX or imap://host[:port]/MAILBOX. MAILBOX is the server's name for
  // it (hierarchy separator included, e.g. INBOX/Replies; modified UTF-7 if not ASCII),
  // URL-encoded: "Partner replies" is Partner%20replies. No user, query or ;options in the URL.
  std::string url;
  bool require_starttls = true;      // for imap:// (CURLUSESSL_ALL); ignored for imaps://
  std::string username, password;    // never logged, never in an error text
  std::filesystem::path ca_file;     // empty: the system's CAs
  std::chrono::seconds timeout{30};  // connect, each reply, each whole command
};

// One session with the mailbox in the URL: one connection, opened by the first call and reused
// by the next ones, which also see mail that arrived meanwhile. A connection the server closed
// while it idled is replaced once, silently (every command here is safe to repeat); after any
// other transport or TLS error, or a refused login, it is dropped and the next call connects
// afresh. (libcurl 7.88 also logs out after a fetch that finds no message.) Every call returns an
// error text (never holding the password) instead of throwing; a bad URL is reported by every
// call, as is any call on a moved-from session.
// REQUIRES: one thread at a time.
class ImapMailbox final : public Mailbox {
 public:
  // Does no I/O.
  explicit ImapMailbox(ImapSettings settings);
  // Logs out, waiting at most `timeout` for the server's reply.
  ~ImapMailbox();
  ImapMailbox(ImapMailbox&&) noexcept;
  ImapMailbox& operator=(ImapMailbox&&) noexcept;
  ImapMailbox(const ImapMailbox&) = delete;
  ImapMailbox& operator=(const ImapMailbox&) = delete;

  // Return the mailbox's UIDVALIDITY (STATUS). While it stays the same, a UID names the same
  // message for ever; when it changes, every UID recorded earlier is void.
  tl::expected<std::uint32_t, std::string> uid_validity() override;

  // Return the UIDs of the messages without \Seen (UID SEARCH UNSEEN), ascending.
  tl::expected<std::vector<std::uint32_t>, std::string> unseen_uids();

  // Return the UIDs greater than `last`, ascending (UID SEARCH UID last+1:*, without the highest
  // UID that IMAP's "*" adds even when it is not above `last`).
  tl::expected<std::vector<std::uint32_t>, std::string> uids_after(std::uint32_t last) override;

  // Return the whole message with UID `uid` exactly as the server holds it (RFC 822, CRLF line
  // ends). Sets \Seen on it: call set_seen(uid, false) if it could not be handled. A UID that is
  // not in the mailbox (never was, or expunged) is an error.
  tl::expected<std::string, std::string> fetch(std::uint32_t uid) override;

  // Set or clear \Seen on the message with UID `uid` (UID STORE +FLAGS/-FLAGS). A UID that is not
  // in the mailbox is an error.
  tl::expected<void, std::string> set_seen(std::uint32_t uid, bool seen) override;

 private:
  struct Session;
  std::unique_ptr<Session> session_;
};

}  // namespace mentorcal::net
