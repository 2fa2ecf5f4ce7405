#include "app/web_command.h"

#include <cstdlib>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "app/admin_page.h"
#include "app/links.h"
#include "app/locked_state.h"
#include "app/partner_pages.h"
#include "app/programme_file.h"
#include "app/secrets.h"
#include "base/exit_code.h"
#include "web/server.h"

namespace mentorcal::app {

int web_command(const std::filesystem::path& config_file,
                const std::function<std::chrono::sys_seconds()>& clock) {
  const auto programme = load_for_command(config_file);
  if (!programme) return base::kInvalidInput;
  if (!programme->web) {
    spdlog::error("{}: the partners' pages need a [web] table with base_url", config_file.string());
    return base::kInvalidInput;
  }
  const auto state = store::state_path(programme->programme.state);
  const auto password = state_password(programme->programme);
  const auto store = store::open_store(state, password);
  link_key(*programme, true);
  PagesSetting setting{*programme, *store, state, password, clock};
  web::ServerOptions options;
  options.listen = programme->web->listen;
  // scripts/bench-web.sh measures the page itself, from one address on one link: no limits.
  if (const char* bench = std::getenv("MENTORCAL_WEB_BENCH"); bench && std::string(bench) == "1") {
    spdlog::warn("web: MENTORCAL_WEB_BENCH=1: rate limits are off (for benchmarks only)");
    setting.per_link_per_minute = setting.per_link_burst = 1e9;
    options.per_address_per_minute = options.per_address_burst = 1e9;
  }
  PartnerPages pages(setting);
  // /admin: only with credentials; without, it is a path like any unknown one (404).
  std::optional<AdminPage> admin;
  if (auto credentials = admin_credentials(*programme))
    admin.emplace(*programme, *store, clock, std::move(*credentials));
  const auto served = web::serve(
      options,
      [&](const web::Request& r) {
        if (admin && is_admin_path(r.target)) return (*admin)(r);
        return pages(r);
      },
      [&](const std::string& where) {
        spdlog::info("web: serving the partners' pages{} on {} for {}", admin ? " and /admin" : "",
                     where, programme->web->base_url);
      });
  if (!served) {
    spdlog::error("web: {}", served.error());
    return base::kRuntimeFailure;
  }
  spdlog::info("web: stopped");
  return base::kOk;
}

int relink_command(const std::filesystem::path& config_file, std::chrono::sys_seconds now,
                   const std::string& person) {
  const auto programme = load_for_command(config_file);
  if (!programme) return base::kInvalidInput;
  if (!programme->web) {
    spdlog::error("{}: links need a [web] table with base_url", config_file.string());
    return base::kInvalidInput;
  }
  if (!programme->person(person)) {
    spdlog::error("no [[person]] has the id \"{}\"", person);
    return base::kInvalidInput;
  }
  const LockedState state(store::state_path(programme->programme.state),
                          state_password(programme->programme));
  auto tx = state->transaction();
  relink(*state, *programme, person, now);
  tx.commit();
  fmt::print("{}: a new link; the old one no longer works. Their next letter carries it.\n",
             person);
  return base::kOk;
}

}  // namespace mentorcal::app
