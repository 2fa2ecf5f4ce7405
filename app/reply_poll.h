// Reading the organiser mailbox over IMAP for the partners' answers (the replies issue): every
// message after the last one read (UIDVALIDITY-aware) is fetched, read leniently and applied.
// Mail that carries no answer is put back unseen for the people who read the mailbox; mail that
// could not be handled is put back unseen and tried again next time.
#pragma once

#include <string>

#include "config/programme.h"
#include "scheduler/interval.h"
#include "store/store.h"

namespace mentorcal::app {

struct PollReport {
  int messages = 0;   // fetched
  int applied = 0;    // answers that changed something
  int ignored = 0;    // answers recorded but not applied (unknown UID, spoofed, stale...)
  std::string error;  // the mailbox could not be read: retried next tick
};

// Poll when [imap] is configured; otherwise return an empty report.
PollReport poll_replies(const config::Programme& programme, store::Store& store,
                        scheduler::Instant now);

}  // namespace mentorcal::app
