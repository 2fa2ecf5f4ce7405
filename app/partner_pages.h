// What `mentorcal web` answers (issue 15): a partner's meetings page at /p/<token>, the "I can't
// make this one" action, away dates, and (app/partner_changes.h) weekly availability, the
// "continue?" answer and pause/end requests; the stylesheet, and 404 for everything else. The HTTP
// server is web/'s; this is the part that knows mentoring. Each request reads the state in its own
// statements; a decline takes the state's tick lock without waiting (a tick running: "try again in
// a minute") and runs exactly the path a DECLINE reply by mail takes (app/replies.h); the other
// changes are one transaction each.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>

#include "config/programme.h"
#include "scheduler/interval.h"
#include "store/store.h"
#include "web/http.h"
#include "web/rate_limit.h"

namespace mentorcal::app {

struct PagesSetting {
  const config::Programme& programme;
  store::Store& store;                      // the web process's own connection, for reading
  std::filesystem::path state;              // where changes open the state under its lock
  std::string password;                     // a PostgreSQL state's
  std::function<scheduler::Instant()> now;  // the clock (app/options.h)
  double per_link_per_minute = 30;          // each link, known or not: this many a minute
  double per_link_burst = 20;               // after a burst of this many
};

class PartnerPages {
 public:
  explicit PartnerPages(PagesSetting setting);
  web::Response operator()(const web::Request& request);

 private:
  PagesSetting s_;
  web::RateLimit per_link_;
  // Pages as last rendered, by link hash: served again while no other process has committed
  // (store::Store::others_changes) and the clock is in the same minute; emptied by this process's
  // own changes.
  struct Cached {
    std::int64_t version = 0;
    scheduler::Instant minute;
    std::string body;
  };
  std::unordered_map<std::string, Cached> cache_;
};

}  // namespace mentorcal::app
