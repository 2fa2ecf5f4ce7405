// When the weekly admin digest and the nudges to pairs at risk are due, queue them in the outbox
// (DESIGN.md §6). Each has a Message-ID derived from what it is about (the digest's week, the
// pair and period of a nudge), so it is queued once however often this runs.
#pragma once

#include "app/health_view.h"
#include "config/programme.h"
#include "store/store.h"

namespace mentorcal::app {

struct NoticeReport {
  int digests = 0;  // messages: one per admin
  int nudges = 0;   // messages: two per pair
  int letters = 0;  // closing and "continue?" letters: two per pair, once each
};

// Queue what is due at `now`, given the state's health. Nothing is due before mentorcal has
// booked its first meeting.
NoticeReport queue_notices(const HealthView& view, store::Store& store, scheduler::Instant now);

// Return the last digest time at or before `now` ("Mon 08:00" in the programme's zone).
scheduler::Instant last_digest_slot(const config::Programme& programme, scheduler::Instant now);

}  // namespace mentorcal::app
