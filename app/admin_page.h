// What `mentorcal web` answers under /admin (issue 15): the admins' report, live — the same page
// and data as `mentorcal report --html` at the same moment, read from the state on each request
// (or kept while nothing was committed and the minute is the same) — behind HTTP Basic
// (web/admin_gate.h). Its stylesheet is /admin/report.css, so the page needs no inline style
// under the partner pages' Content-Security-Policy. Each sign-in and each refused attempt is
// audited ("web-admin-signed-in", "web-admin-refused") and logged.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "config/programme.h"
#include "scheduler/interval.h"
#include "store/store.h"
#include "web/admin_gate.h"
#include "web/http.h"

namespace mentorcal::app {

// Return the admins' credentials: [web] admin_credentials_file, else the systemd credential
// "web-admin" (an empty one is none); nullopt when neither is given (no /admin). Throws
// store::StoreError naming the file for one that cannot be read or is not user:hash lines.
std::optional<web::AdminCredentials> admin_credentials(const config::Programme& programme);

// Return whether a request target is /admin's (the page, or anything under /admin/).
bool is_admin_path(std::string_view target);

class AdminPage {
 public:
  AdminPage(const config::Programme& programme, store::Store& store,
            std::function<scheduler::Instant()> now, web::AdminCredentials credentials);
  web::Response operator()(const web::Request& request);

 private:
  const config::Programme& programme_;
  store::Store& store_;
  std::function<scheduler::Instant()> now_;
  web::AdminGate gate_;
  // The page as last rendered, while no other process has committed and in the same minute.
  std::optional<std::int64_t> version_;
  scheduler::Instant minute_{};
  std::string page_;
};

}  // namespace mentorcal::app
