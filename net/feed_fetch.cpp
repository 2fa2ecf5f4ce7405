#include "net/feed_fetch.h"

#include <filesystem>
#include <memory>

#include <curl/curl.h>
#include <fmt/format.h>

#include "base/ascii.h"
#include "net/curl_handle.h"

namespace mentorcal::net {
namespace {

struct Download {
  std::string body;
  std::size_t max_bytes = 0;
  bool too_big = false;
  std::string etag;
  std::string last_modified;
  std::string date;
};

std::size_t on_body(char* data, std::size_t size, std::size_t n, void* user) {
  auto* d = static_cast<Download*>(user);
  if (d->body.size() + size * n > d->max_bytes) {
    d->too_big = true;
    return 0;  // abort the transfer
  }
  d->body.append(data, size * n);
  return size * n;
}

// Keep the validators of the final response (a redirect's headers come first).
std::size_t on_header(char* data, std::size_t size, std::size_t n, void* user) {
  auto* d = static_cast<Download*>(user);
  std::string line(data, size * n);
  if (line.rfind("HTTP/", 0) == 0) d->etag.clear(), d->last_modified.clear(), d->date.clear();
  const auto colon = line.find(':');
  if (colon != std::string::npos) {
    const std::string name = base::lower_ascii(line.substr(0, colon));
    auto value = line.substr(colon + 1);
    const auto first = value.find_first_not_of(" \t");
    const auto last = value.find_last_not_of(" \t\r\n");
    value = first == std::string::npos ? "" : value.substr(first, last - first + 1);
    if (name == "etag") d->etag = value;
    if (name == "last-modified") d->last_modified = value;
    if (name == "date") d->date = value;
  }
  return size * n;
}

// A Last-Modified time has a resolution of one second: a feed changed again within the second it
// was served would carry the same time, and asking "modified since?" would then hide that change
// for good. So the time is kept as a validator only when the server's Date is at least a second
// later (RFC 9110 §8.8.2.2); otherwise the next fetch is unconditional.
std::string safe_last_modified(const Download& d) {
  if (d.last_modified.empty() || d.date.empty()) return {};
  const time_t modified = curl_getdate(d.last_modified.c_str(), nullptr);
  const time_t served = curl_getdate(d.date.c_str(), nullptr);
  if (modified < 0 || served < 0 || served - modified < 1) return {};
  return d.last_modified;
}

}  // namespace

FeedFetch fetch_feed(const FeedRequest& request) {
  FeedFetch out;
  Easy curl(curl_easy_init());
  if (!curl) {
    out.error = "cannot start libcurl";
    return out;
  }
  Download d;
  d.max_bytes = request.max_bytes;
  char error[CURL_ERROR_SIZE] = {};
  Slist headers;
  const auto add_header = [&](const std::string& h) {
    headers.reset(curl_slist_append(headers.release(), h.c_str()));
  };
  if (!request.etag.empty()) add_header("If-None-Match: " + request.etag);
  if (!request.last_modified.empty()) add_header("If-Modified-Since: " + request.last_modified);
  CURL* h = curl.get();
  const std::filesystem::path system_cas;
  if (const CURLcode rc = set_transfer_options(h, {system_cas, request.timeout, error});
      rc != CURLE_OK) {
    out.error = curl_easy_strerror(rc);
    return out;
  }
  curl_easy_setopt(h, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https,file");
  curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(h, CURLOPT_MAXREDIRS, 5L);
  curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(request.max_bytes));
  curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");  // gzip and friends, decoded
  curl_easy_setopt(h, CURLOPT_USERAGENT, "mentorcal (busy-calendar reader)");
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, &on_body);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &d);
  curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, &on_header);
  curl_easy_setopt(h, CURLOPT_HEADERDATA, &d);
  if (headers) curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers.get());

  const CURLcode rc = curl_easy_perform(h);
  long code = 0;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code);
  if (d.too_big || rc == CURLE_FILESIZE_EXCEEDED) {
    out.error = fmt::format("the feed is larger than {} MiB", request.max_bytes / (1024 * 1024));
    return out;
  }
  if (rc != CURLE_OK) {
    out.error = fmt::format("{}{}{}", curl_easy_strerror(rc), error[0] ? ": " : "", error);
    return out;
  }
  const bool http = request.url.rfind("http", 0) == 0;
  if (http && code == 304) {
    out.outcome = FeedFetch::Outcome::not_modified;
    return out;
  }
  if (http && (code < 200 || code >= 300)) {
    out.error = fmt::format("the server answered {}", code);
    return out;
  }
  out.outcome = FeedFetch::Outcome::fresh;
  out.body = std::move(d.body);
  out.etag = std::move(d.etag);
  out.last_modified = safe_last_modified(d);
  return out;
}

}  // namespace mentorcal::net
