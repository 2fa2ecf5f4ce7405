// libcurl handles: owning types, and the options every handle of mentorcal gets, in one place
// because it is where security lives: peer and host verification always on, TLS 1.2 at least, an
// optional private CA, no signals (the daemon ignores SIGPIPE itself), and timeouts on
// connecting, on the whole transfer and on a stalled transfer.
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>

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

struct TransferOptions {
  const std::filesystem::path& ca_file;  // "" for the system's CAs
  std::chrono::seconds timeout;          // at least 1 s is used
  char* error_buffer;                    // CURL_ERROR_SIZE bytes, outliving the handle
};

// Set those options on `handle`; return the first failure, or CURLE_OK.
CURLcode set_transfer_options(CURL* handle, const TransferOptions& options);

}  // namespace mentorcal::net
