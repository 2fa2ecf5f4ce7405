// After each tick: the operators' metrics (report/metrics.h) written to [programme] metrics_file,
// for node_exporter's textfile collector.
#pragma once

#include <chrono>

#include "app/health_view.h"
#include "config/programme.h"
#include "store/store.h"

namespace mentorcal::app {

// Write the metrics of a tick that started at `now`, took `tick_seconds` and evaluated `view`,
// to the programme's metrics_file, atomically (the collector never reads half a file); nothing
// when none is set. `deadline_seconds` 0: the file's tick_deadline_minutes. A file that cannot be
// written is logged, and the tick goes on: metrics are never a reason to stop sending invites.
void write_metrics(const config::Programme& programme, store::Store& store, const HealthView& view,
                   std::chrono::sys_seconds now, double tick_seconds, int deadline_seconds);

}  // namespace mentorcal::app
