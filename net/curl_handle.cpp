#include "net/curl_handle.h"

#include <algorithm>

namespace mentorcal::net {

CURLcode set_transfer_options(CURL* handle, const TransferOptions& o) {
  CURLcode result = CURLE_OK;
  const auto set = [&](CURLoption option, auto value) {
    if (result == CURLE_OK) result = curl_easy_setopt(handle, option, value);
  };
  const long seconds = static_cast<long>(std::max<std::chrono::seconds::rep>(o.timeout.count(), 1));
  set(CURLOPT_ERRORBUFFER, o.error_buffer);
  set(CURLOPT_NOSIGNAL, 1L);
  set(CURLOPT_SSL_VERIFYPEER, 1L);
  set(CURLOPT_SSL_VERIFYHOST, 2L);
  set(CURLOPT_SSLVERSION, static_cast<long>(CURL_SSLVERSION_TLSv1_2));
  if (!o.ca_file.empty()) set(CURLOPT_CAINFO, o.ca_file.c_str());  // libcurl copies strings
  set(CURLOPT_CONNECTTIMEOUT, seconds);
  set(CURLOPT_TIMEOUT, seconds);
  set(CURLOPT_LOW_SPEED_LIMIT, 1L);
  set(CURLOPT_LOW_SPEED_TIME, seconds);
  return result;
}

}  // namespace mentorcal::net
