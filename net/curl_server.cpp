#include "net/curl_server.h"

#include <algorithm>

namespace mentorcal::net {

CURLcode set_server_options(CURL* handle, const ServerOptions& o) {
  CURLcode result = CURLE_OK;
  const auto set = [&](CURLoption option, auto value) {
    if (result == CURLE_OK) result = curl_easy_setopt(handle, option, value);
  };
  const long seconds = static_cast<long>(std::max<std::chrono::seconds::rep>(o.timeout.count(), 1));
  set(CURLOPT_ERRORBUFFER, o.error_buffer);
  set(CURLOPT_NOSIGNAL, 1L);
  set(CURLOPT_PROTOCOLS_STR, o.protocols);
  set(CURLOPT_USE_SSL, static_cast<long>(o.require_starttls ? CURLUSESSL_ALL : CURLUSESSL_NONE));
  set(CURLOPT_SSL_VERIFYPEER, 1L);
  set(CURLOPT_SSL_VERIFYHOST, 2L);
  set(CURLOPT_SSLVERSION, static_cast<long>(CURL_SSLVERSION_TLSv1_2));
  if (!o.ca_file.empty()) set(CURLOPT_CAINFO, o.ca_file.c_str());  // libcurl copies strings
  if (!o.username.empty()) {
    set(CURLOPT_USERNAME, o.username.c_str());
    set(CURLOPT_PASSWORD, o.password.c_str());
  }
  set(CURLOPT_CONNECTTIMEOUT, seconds);
  set(CURLOPT_TIMEOUT, seconds);
  // Bounds each reply, including the one to QUIT/LOGOUT that curl_easy_cleanup waits for (else 120
  // s).
  set(CURLOPT_SERVER_RESPONSE_TIMEOUT, seconds);
  set(CURLOPT_LOW_SPEED_LIMIT, 1L);
  set(CURLOPT_LOW_SPEED_TIME, seconds);
  return result;
}

}  // namespace mentorcal::net
