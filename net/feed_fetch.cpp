#include "net/feed_fetch.h"

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <memory>
#include <sys/stat.h>
#include <unistd.h>

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
  int connections = 0;   // requests sent so far (the first, then one per redirect)
  std::string first_ip;  // where the first went: the URL the admin configured
  const std::vector<base::Network>* redirects_to = nullptr;
  bool refused_redirect = false;
};

}  // namespace

bool is_public_address(const char* ip) {
  unsigned char a[16] = {};
  if (inet_pton(AF_INET, ip, a) == 1) {
  } else if (inet_pton(AF_INET6, ip, a) == 1) {
    static constexpr unsigned char kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF};
    static constexpr unsigned char kNat64[12] = {0, 0x64, 0xFF, 0x9B};
    if (std::memcmp(a, kMapped, 12) == 0 || std::memcmp(a, kNat64, 12) == 0) {
      std::memmove(a, a + 12, 4);
    } else {
      if ((a[0] & 0xFE) == 0xFC || a[0] == 0xFF || (a[0] == 0xFE && (a[1] & 0xC0) == 0x80))
        return false;  // unique local, multicast, link-local
      static constexpr unsigned char kZero[15] = {};
      return std::memcmp(a, kZero, 15) != 0 || a[15] > 1;  // :: and ::1
    }
  } else {
    return false;
  }
  const unsigned b0 = a[0], b1 = a[1];
  return !(b0 == 0 || b0 == 10 || b0 == 127 || b0 >= 224 || (b0 == 100 && (b1 & 0xC0) == 64) ||
           (b0 == 169 && b1 == 254) || (b0 == 172 && (b1 & 0xF0) == 16) ||
           (b0 == 192 && b1 == 168) || (b0 == 192 && b1 == 0 && a[2] == 0) ||
           (b0 == 198 && (b1 & 0xFE) == 18));
}

namespace {

// Before each request: a redirect to a non-public address is refused (a feed must not reach the
// services beside mentorcal, or cloud metadata), unless it goes back to the address the admin
// configured or into a network the admin allowed for this feed.
int before_request(void* user, char* ip, char*, int, int) {
  auto* d = static_cast<Download*>(user);
  if (d->connections++ == 0) {
    d->first_ip = ip;
    return CURL_PREREQFUNC_OK;
  }
  if (is_public_address(ip) || d->first_ip == ip) return CURL_PREREQFUNC_OK;
  for (const auto& network : *d->redirects_to) {
    if (network.contains(ip)) return CURL_PREREQFUNC_OK;
  }
  d->refused_redirect = true;
  return CURL_PREREQFUNC_ABORT;
}

// True when `value` holds no control character: an ETag with a CR must not be sent back.
bool printable(std::string_view value) {
  for (const char ch : value) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c == 0x7F) return false;
  }
  return true;
}

// Read a file:// feed: a regular file only, opened without blocking (a FIFO or a device would
// block open() or read() forever) and read up to `max_bytes`.
FeedFetch read_file_feed(const std::string& url, std::size_t max_bytes) {
  FeedFetch out;
  std::unique_ptr<CURLU, decltype(&curl_url_cleanup)> parsed(curl_url(), &curl_url_cleanup);
  char* raw_path = nullptr;
  char* raw_host = nullptr;
  if (!parsed || curl_url_set(parsed.get(), CURLUPART_URL, url.c_str(), 0) != CURLUE_OK ||
      curl_url_get(parsed.get(), CURLUPART_PATH, &raw_path, CURLU_URLDECODE) != CURLUE_OK) {
    out.error = "not a usable file:// URL";
    return out;
  }
  const std::string path(raw_path);
  curl_free(raw_path);
  if (curl_url_get(parsed.get(), CURLUPART_HOST, &raw_host, 0) == CURLUE_OK) {
    const std::string host(raw_host);
    curl_free(raw_host);
    if (!host.empty() && !base::iequals(host, "localhost")) {
      out.error = "a file:// URL names another host";
      return out;
    }
  }
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) {
    out.error = fmt::format("cannot open the file: {}", std::strerror(errno));
    return out;
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    out.error = "not a regular file";
    return out;
  }
  std::string body;
  char buffer[65536];
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      out.error = fmt::format("cannot read the file: {}", std::strerror(errno));
      ::close(fd);
      return out;
    }
    if (n == 0) break;
    if (body.size() + static_cast<std::size_t>(n) > max_bytes) {
      ::close(fd);
      out.error = fmt::format("the feed is larger than {} MiB", max_bytes / (1024 * 1024));
      return out;
    }
    body.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(fd);
  out.outcome = FeedFetch::Outcome::fresh;
  out.body = std::move(body);
  return out;
}

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
    if (name == "etag") d->etag = printable(value) ? value : "";
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
  if (base::istarts_with(request.url, "file:"))
    return read_file_feed(request.url, request.max_bytes);
  FeedFetch out;
  Easy curl(curl_easy_init());
  if (!curl) {
    out.error = "cannot start libcurl";
    return out;
  }
  Download d;
  d.max_bytes = request.max_bytes;
  d.redirects_to = &request.redirects_to;
  char error[CURL_ERROR_SIZE] = {};
  Slist headers;
  const auto add_header = [&](const std::string& h) {
    headers.reset(curl_slist_append(headers.release(), h.c_str()));
  };
  if (!request.etag.empty() && printable(request.etag))
    add_header("If-None-Match: " + request.etag);
  if (!request.last_modified.empty() && printable(request.last_modified))
    add_header("If-Modified-Since: " + request.last_modified);
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
  curl_easy_setopt(h, CURLOPT_PREREQFUNCTION, &before_request);
  curl_easy_setopt(h, CURLOPT_PREREQDATA, &d);

  const CURLcode rc = curl_easy_perform(h);
  long code = 0;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code);
  if (d.refused_redirect) {
    out.error = "redirected to a non-public address (refused)";
    return out;
  }
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
