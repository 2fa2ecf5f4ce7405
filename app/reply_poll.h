// Reading the organiser mailbox over IMAP for the partners' answers (the replies issue): every
// message after the last one read (UIDVALIDITY-aware) is fetched, read leniently and applied.
// Mail that carries no answer is put back unseen for the people who read the mailbox; mail that
// could not be handled is put back unseen and tried again next time.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include <tl/expected.hpp>

#include "config/programme.h"
#include "net/mailbox.h"
#include "scheduler/interval.h"
#include "store/store.h"

namespace mentorcal::app {

struct PollReport {
  int messages = 0;           // fetched
  int applied = 0;            // answers that changed something
  int ignored = 0;            // answers recorded but not applied (unknown UID, spoofed, stale...)
  int declined = 0;           // meetings cancelled because a partner declined
  int counters_accepted = 0;  // meetings moved to a partner's proposed time
  int counters_declined = 0;  // proposed times refused
  std::string error;          // what went wrong, if anything: retried next tick
  bool unreadable = false;    // the mailbox itself could not be made, reached or listed
};

// The organiser mailbox as a tick is given it: `mailbox` is null without [imap], or when it could
// not be made, and then `error` says why.
struct MailboxAccess {
  net::Mailbox* mailbox = nullptr;
  std::string error;
};

// Return the mailbox the programme's [imap] asks for (null without [imap]), or why it cannot be
// made (a password that cannot be read). Does no I/O on the network.
tl::expected<std::unique_ptr<net::Mailbox>, std::string> make_mailbox(
    const config::Programme& programme);

// Return the access to what make_mailbox() made.
MailboxAccess access_to(const tl::expected<std::unique_ptr<net::Mailbox>, std::string>& made);

// The settings where a poll records how it went: "<RFC 3339 time>" of the last complete read, and
// "<RFC 3339 time> <error>" of the last failure.
inline constexpr std::string_view kMailboxLastSuccess = "imap.last_success";
inline constexpr std::string_view kMailboxLastError = "imap.last_error";

// Return when the mailbox was last read completely, if ever.
std::optional<scheduler::Instant> mailbox_last_success(store::Store& store);

// Poll `access` when [imap] is configured, and record the outcome in the settings; otherwise
// return an empty report.
PollReport poll_replies(const config::Programme& programme, store::Store& store,
                        const MailboxAccess& access, scheduler::Instant now);

}  // namespace mentorcal::app
