#include "app/metrics_file.h"

#include <spdlog/spdlog.h>

#include "app/reply_poll.h"
#include "base/atomic_file.h"
#include "base/log_text.h"
#include "report/metrics.h"

#ifndef MENTORCAL_VERSION
#define MENTORCAL_VERSION "unknown"
#endif

namespace mentorcal::app {

void write_metrics(const config::Programme& programme, store::Store& store, const HealthView& view,
                   std::chrono::sys_seconds now, double tick_seconds, int deadline_seconds) {
  const auto& file = programme.programme.metrics_file;
  if (file.empty()) return;
  report::TickFigures figures;
  figures.version = MENTORCAL_VERSION;
  figures.now = now;
  figures.tick_seconds = tick_seconds;
  figures.tick_deadline_seconds =
      deadline_seconds > 0 ? deadline_seconds : programme.programme.tick_deadline_minutes * 60;
  figures.tick_interval_seconds = programme.scheduling.plan_every_minutes * 60;
  figures.outbox = store.outbox_stats(now);
  figures.replies = store.reply_counts();
  figures.has_mailbox = programme.imap.has_value();
  if (figures.has_mailbox) figures.mailbox_last_success = mailbox_last_success(store);
  figures.feeds = store.feed_states();
  // Readable by the collector (node_exporter runs as its own user).
  const auto written = base::write_file_atomically(file, report::metrics_text(view, figures), 0644);
  if (!written) {
    spdlog::warn("metrics: cannot write {}: {}", base::log_escaped(file.string()), written.error());
  }
}

}  // namespace mentorcal::app
