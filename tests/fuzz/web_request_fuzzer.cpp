// libFuzzer target for what `mentorcal web` reads from the network (issue 15): an HTTP request
// read by Boost.Beast's parser under the server's limits, then its target split and its body
// decoded as a form, as the pages do; its Authorization header read as /admin reads it, and the
// input read as an admins' credentials file. Checks: nothing crashes or leaks; a decoded form
// stays within its limits and holds only clean UTF-8; a target split keeps its parts inside the
// input; Basic credentials read are clean text no longer than their header.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include <boost/beast/http.hpp>

#include "web/admin_credentials.h"
#include "web/form.h"
#include "web/link_token.h"

namespace http = boost::beast::http;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  // The body alone, as a form.
  if (const auto form = mentorcal::web::decode_form(input)) {
    if (form->size() > mentorcal::web::kMaxFormFields) std::abort();
    for (const auto& [name, value] : *form) {
      if (name.empty() || value.size() > mentorcal::web::kMaxFieldBytes) std::abort();
      if (!mentorcal::web::is_clean_text(name) || !mentorcal::web::is_clean_text(value))
        std::abort();
    }
  }
  // The input as an admins' credentials file (no hash is computed: only their shape is read).
  (void)mentorcal::web::AdminCredentials::parse(input);
  // The whole request, as the server reads it.
  http::request_parser<http::string_body> parser;
  parser.header_limit(8 * 1024);
  parser.body_limit(16 * 1024);
  parser.eager(true);
  boost::beast::error_code ec;
  parser.put(boost::asio::buffer(data, size), ec);
  if (ec || !parser.is_done()) return 0;
  const auto& request = parser.get();
  const std::string_view target(request.target().data(), request.target().size());
  if (const auto split = mentorcal::web::split_target(target)) {
    if (split->path.size() + split->query.size() > target.size()) std::abort();
    if (split->path.starts_with("/p/"))
      (void)mentorcal::web::looks_like_token(split->path.substr(3));
  }
  (void)mentorcal::web::decode_form(request.body());
  const auto authorization = request[http::field::authorization];
  if (const auto basic = mentorcal::web::read_basic_authorization(
          std::string_view(authorization.data(), authorization.size()))) {
    if (basic->user.size() + basic->password.size() >= authorization.size()) std::abort();
    if (!mentorcal::web::is_clean_text(basic->user + basic->password)) std::abort();
  }
  return 0;
}
