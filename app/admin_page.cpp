#include "app/admin_page.h"

#include <cstdlib>
#include <fstream>
#include <iterator>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "app/health_view.h"
#include "report/report_html.h"
#include "web/form.h"

namespace mentorcal::app {
namespace {

constexpr std::string_view kStylesheet = "/admin/report.css";

std::optional<std::string> read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  return std::string{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

web::Response challenge() {
  web::Response r{401, "text/plain; charset=utf-8", "Sign in to see the report\n", {}, {}};
  r.www_authenticate = std::string(web::kAdminChallenge);
  return r;
}

}  // namespace

std::optional<web::AdminCredentials> admin_credentials(const config::Programme& programme) {
  auto path = programme.web->admin_credentials_file;
  bool given = !path.empty();
  if (!given) {
    const char* dir = std::getenv("CREDENTIALS_DIRECTORY");
    if (!dir || !*dir) return std::nullopt;
    path = std::filesystem::path(dir) / "web-admin";
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) return std::nullopt;
  }
  const auto text = read_text(path);
  if (!text)
    throw store::StoreError(fmt::format("cannot read the admins' credentials {}", path.string()));
  // The unit's fallback (SetCredential=web-admin:) is an empty credential: no /admin.
  if (!given && text->find_first_not_of(" \t\r\n") == std::string::npos) return std::nullopt;
  auto credentials = web::AdminCredentials::parse(*text);
  if (!credentials)
    throw store::StoreError(fmt::format("{}: {}", path.string(), credentials.error()));
  return std::move(*credentials);
}

bool is_admin_path(std::string_view target) {
  const auto path = target.substr(0, target.find('?'));
  return path == "/admin" || path.starts_with("/admin/");
}

AdminPage::AdminPage(const config::Programme& programme, store::Store& store,
                     std::function<scheduler::Instant()> now, web::AdminCredentials credentials)
    : programme_(programme), store_(store), now_(std::move(now)), gate_(std::move(credentials)) {}

web::Response AdminPage::operator()(const web::Request& request) {
  const auto target = web::split_target(request.target);
  if (!target) return web::bad_request();
  if (target->path != "/admin" && target->path != "/admin/" && target->path != kStylesheet)
    return web::not_found();
  const auto now = now_();
  const auto outcome =
      gate_.check(request.authorization, request.client, std::chrono::steady_clock::now());
  using Verdict = web::AdminGate::Verdict;
  if (outcome.verdict == Verdict::limited) return web::too_many_requests();
  if (outcome.verdict == Verdict::refused || outcome.verdict == Verdict::signed_in) {
    const bool in = outcome.verdict == Verdict::signed_in;
    // A browser's first request carries no credentials: that is a question, not an attempt.
    if (in || !request.authorization.empty()) {
      const auto who = outcome.user.empty() ? std::string("(unknown user)") : outcome.user;
      auto tx = store_.transaction();
      store_.audit(now, in ? "web-admin-signed-in" : "web-admin-refused", who,
                   fmt::format("/admin from {}", request.client));
      tx.commit();
      if (in) {
        spdlog::info("web: {} signed in to /admin from {}", who, request.client);
      } else {
        spdlog::warn("web: /admin refused {} from {}", who, request.client);
      }
    }
    if (!in) return challenge();
  }
  if (request.method != "GET" && request.method != "HEAD") return web::method_not_allowed();
  if (target->path == kStylesheet)
    return {200, "text/css; charset=utf-8", std::string(report::report_css()), {}, {}};
  // Another process's commit, or a new minute, makes the page be read and drawn again; this
  // process's own audit lines change nothing the report shows.
  const scheduler::Instant minute = std::chrono::floor<std::chrono::minutes>(now);
  const auto version = store_.others_changes();
  if (!version || version != version_ || minute != minute_ || page_.empty()) {
    page_ = report::report_html(health_view(programme_, &store_, now), now, kStylesheet);
    version_ = version;
    minute_ = minute;
  }
  return {200, "text/html; charset=utf-8", page_, {}, {}};
}

}  // namespace mentorcal::app
