#include "net/curl_server.h"

#include <algorithm>

namespace mentorcal::net {

CURLcode set_server_options(CURL* handle, const ServerOptions& o) {
  CURLcode result = set_transfer_options(handle, {o.ca_file, o.timeout, o.error_buffer});
  const auto set = [&](CURLoption option, auto value) {
    if (result == CURLE_OK) result = curl_easy_setopt(handle, option, value);
  };
  const long seconds = static_cast<long>(std::max<std::chrono::seconds::rep>(o.timeout.count(), 1));
  set(CURLOPT_PROTOCOLS_STR, o.protocols);
  set(CURLOPT_USE_SSL, static_cast<long>(o.require_starttls ? CURLUSESSL_ALL : CURLUSESSL_NONE));
  if (!o.username.empty()) {
    set(CURLOPT_USERNAME, o.username.c_str());
    set(CURLOPT_PASSWORD, o.password.c_str());
  }
  // Bounds each reply, including the one to QUIT/LOGOUT that curl_easy_cleanup waits for (else 120
  // s).
  set(CURLOPT_SERVER_RESPONSE_TIMEOUT, seconds);
  return result;
}

ServerHandle open_server_handle(const ServerOptions& options) {
  ServerHandle h{Easy(curl_easy_init()), CURLE_FAILED_INIT};
  if (h.easy) h.result = set_server_options(h.easy.get(), options);
  return h;
}

std::string redact(std::string text, const std::string& secret) {
  if (secret.empty()) return text;
  for (size_t at = text.find(secret); at != std::string::npos; at = text.find(secret, at + 3))
    text.replace(at, secret.size(), "***");
  return text;
}

}  // namespace mentorcal::net
