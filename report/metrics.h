// The operators' figures in Prometheus text format (exposition format 0.0.4), as node_exporter's
// textfile collector reads them: what each tick leaves behind, for dashboards and alerts
// (packaging/mentorcal-alerts.yml). Pure: a view in, text out.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "report/health_view.h"
#include "store/feeds.h"
#include "store/outbox.h"
#include "store/replies.h"

namespace mentorcal::report {

// What a tick knows besides the programme's health.
struct TickFigures {
  std::string version;                               // mentorcal's
  scheduler::Instant now;                            // when the tick ran
  double tick_seconds = 0;                           // how long it took
  int tick_deadline_seconds = 0;                     // past it, the daemon kills a tick
  int tick_interval_seconds = 0;                     // plan_every_minutes
  store::OutboxStats outbox;                         // at the end of the tick
  std::map<store::ReplyOutcome, long long> replies;  // answers ever read, by outcome
  bool has_mailbox = false;                          // [imap] is configured
  std::optional<scheduler::Instant> mailbox_last_success;
  std::vector<store::FeedState> feeds;  // by person
};

// Return the metrics of `view` and `figures`, every family with its HELP and TYPE, series in a
// fixed order (labels sorted), label values escaped. Feeds are labelled by person id, never URL.
std::string metrics_text(const HealthView& view, const TickFigures& figures);

}  // namespace mentorcal::report
