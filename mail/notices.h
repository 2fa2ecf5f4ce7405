// Mail that is not an invitation: the weekly admin digest and the nudge to a pair at risk.
// Confidentiality (DESIGN.md §6): the digest carries flags, their explanations and counts only:
// never meeting descriptions, agendas, locations or replies.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "config/programme.h"
#include "mail/compose.h"

namespace mentorcal::mail {

struct DigestPair {
  std::string pair;
  std::string mentor;  // names
  std::string mentee;
  std::vector<std::pair<std::string, std::string>> flags;  // flag, one-line explanation
  int held = 0, booked = 0, cancelled = 0, declined = 0, months = 0;
};

struct DigestFacts {
  std::string week;                 // e.g. "week of Mon 23 Nov 2026"
  int pairs = 0;                    // all pairs of the programme
  std::vector<DigestPair> flagged;  // only pairs with flags
  int waiting = 0;                  // outbox messages not yet sent
  int failed = 0;                   // messages given up on
  long oldest_waiting_hours = 0;    // age of the oldest waiting one
  // With [imap]: the organiser mailbox has not been read for 24 h or more (the hours since its
  // last good read; -1: never read), and its last error.
  std::optional<long> mailbox_silent_hours;
  std::string mailbox_error;
};

// Return the digest for each admin address, one message each; `id_stem` makes the Message-IDs
// ("<id_stem>.<n>@<domain>") so that the same digest is never queued twice.
std::vector<Outgoing> compose_digest(const config::ProgrammeInfo& programme,
                                     const DigestFacts& facts, const std::string& id_stem,
                                     std::chrono::sys_seconds now);

// Return the nudge to both partners of a pair whose current period cannot reach its minimum.
// `shortfall`: the at-risk explanation ("November 2026: 0 held and 0 planned, below the minimum
// of 1"); `why`: what stops more meetings, if known (the planner's reason), else "".
std::vector<Outgoing> compose_nudge(const config::ProgrammeInfo& programme, const PairView& pair,
                                    const std::string& shortfall, const std::string& why,
                                    const std::string& id_stem, std::chrono::sys_seconds now);

// The letters about the relationship itself, one to each partner (seeds 001 and 004).
enum class PairLetter {
  closing,    // the pair has ended: thanks, the reason in kind words, prompts to reflect
  continue_,  // the getting-to-know-you meeting was held: either may decide not to continue
  review,     // the agreement is due for review: the seeds' questions
};

// Return the letter `kind` to both partners of `pair`. `reason` (closing only): why it ended, in
// kind words for the partners (never the admins' notes). Message-IDs "<id_stem>.<0|1>@<domain>".
std::vector<Outgoing> compose_pair_letter(const config::ProgrammeInfo& programme,
                                          const PairView& pair, PairLetter kind,
                                          const std::string& reason, const std::string& id_stem,
                                          std::chrono::sys_seconds now);

}  // namespace mentorcal::mail
