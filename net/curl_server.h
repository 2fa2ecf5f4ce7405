// What every connection to a mail server shares (SMTP and IMAP alike), in one place because it is
// where security lives: TLS (STARTTLS required, or implicit for smtps:// and imaps://), peer and
// host verification always on, TLS 1.2 at least, an optional private CA, credentials only when a
// username is set, and timeouts on connecting, on the whole transfer, on each reply and on a
// stalled transfer. No signals (the daemon ignores SIGPIPE itself).
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>

#include <curl/curl.h>

namespace mentorcal::net {

// Owning handles for libcurl objects.
struct EasyCleanup {
  void operator()(CURL* easy) const { curl_easy_cleanup(easy); }
};
using Easy = std::unique_ptr<CURL, EasyCleanup>;

struct SlistFree {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using Slist = std::unique_ptr<curl_slist, SlistFree>;

struct ServerOptions {
  const char* protocols;  // CURLOPT_PROTOCOLS_STR, e.g. "smtp,smtps"
  bool require_starttls;
  const std::string& username;  // "" for no AUTH
  const std::string& password;
  const std::filesystem::path& ca_file;  // "" for the system's CAs
  std::chrono::seconds timeout;
  char* error_buffer;  // CURL_ERROR_SIZE bytes, outliving the handle
};

// Set those options on `handle`; return the first failure, or CURLE_OK.
CURLcode set_server_options(CURL* handle, const ServerOptions& options);

}  // namespace mentorcal::net
