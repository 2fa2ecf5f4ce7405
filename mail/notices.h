// Mail that is not an invitation: the weekly admin digest and the nudge to a pair at risk.
// Confidentiality (DESIGN.md §6): the digest carries flags, their explanations and counts only:
// never meeting descriptions, agendas, locations or replies.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/phrase.h"
#include "config/programme.h"
#include "mail/compose.h"
#include "mail/language.h"

namespace mentorcal::mail {

struct DigestPair {
  std::string pair;
  std::string mentor;  // names
  std::string mentee;
  // Each flag: its name as DESIGN.md §6 spells it ("below-cadence"), and what it says.
  std::vector<std::pair<std::string, base::Phrase>> flags;
  int held = 0, booked = 0, cancelled = 0, declined = 0, months = 0;
};

struct DigestFacts {
  std::chrono::sys_seconds week;    // the digest's slot: "week of Mon 23 Nov 2026" in English
  int pairs = 0;                    // all pairs of the programme
  std::vector<DigestPair> flagged;  // only pairs with flags
  int waiting = 0;                  // outbox messages not yet sent
  int failed = 0;                   // messages given up on
  long oldest_waiting_hours = 0;    // age of the oldest waiting one
  // With [imap]: the organiser mailbox has not been read for 24 h or more (the hours since its
  // last good read; -1: never read), and its last error.
  std::optional<long> mailbox_silent_hours;
  std::string mailbox_error;
  // Requests partners made on their pages that wait for an admin ("continue? no", pause, end),
  // each said as app/pair_ends.h's request_phrase; their own words are in `mentorcal status`.
  std::vector<base::Phrase> requests;
};

// Return a flag's name (as DESIGN.md §6 spells it: "below-cadence") as an admin reads it in
// `language`: the name itself in English, "revisión pendiente (review-due)" in Spanish.
std::string flag_name(const Language& language, std::string_view flag);

// Return the digest for each admin address, one message each, in the programme's language;
// `id_stem` makes the Message-IDs ("<id_stem>.<n>@<domain>") so that the same digest is never
// queued twice.
std::vector<Outgoing> compose_digest(const config::ProgrammeInfo& programme,
                                     const DigestFacts& facts, const std::string& id_stem,
                                     std::chrono::sys_seconds now);

// The current period of a pair that cannot reach its minimum (scheduler's at-risk flag).
struct Shortfall {
  std::chrono::sys_seconds period_start;  // the cadence period ("November 2026" in English:
  std::chrono::sys_seconds period_end;    // a month, or the week starting at period_start)
  int held = 0, planned = 0, minimum = 0;
  base::Phrase why;  // what stops more meetings (the planner's reason), or nothing
};

// Return the nudge to both partners of a pair whose current period cannot reach its minimum,
// each in their language.
std::vector<Outgoing> compose_nudge(const config::ProgrammeInfo& programme, const PairView& pair,
                                    const Shortfall& shortfall, const std::string& id_stem,
                                    std::chrono::sys_seconds now);

// The letters about the relationship itself, one to each partner (seeds 001 and 004).
enum class PairLetter {
  closing,    // the pair has ended: thanks, the reason in kind words, prompts to reflect
  continue_,  // the getting-to-know-you meeting was held: either may decide not to continue
  review,     // the agreement is due for review: the seeds' questions
};

// Why a pair ended, as the closing letter says it in kind words (never the admins' notes).
enum class Ending { none, planned_end, goals_met, not_compatible, lost_contact };

// Return the letter `kind` to both partners of `pair`, each in their language. `ending`: closing
// only. Message-IDs "<id_stem>.<0|1>@<domain>".
std::vector<Outgoing> compose_pair_letter(const config::ProgrammeInfo& programme,
                                          const PairView& pair, PairLetter kind, Ending ending,
                                          const std::string& id_stem, std::chrono::sys_seconds now);

}  // namespace mentorcal::mail
