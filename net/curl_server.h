// What every connection to a mail server shares (SMTP and IMAP alike): what every libcurl handle
// gets (net/curl_handle.h: verification, TLS 1.2 at least, timeouts), plus TLS required (STARTTLS,
// or implicit for smtps:// and imaps://), credentials only when a username is set, and a timeout on
// each reply.
#pragma once

#include <chrono>
#include <filesystem>
#include <string>

#include <curl/curl.h>

#include "net/curl_handle.h"

namespace mentorcal::net {

struct ServerOptions {
  const char* protocols;  // CURLOPT_PROTOCOLS_STR, e.g. "smtp,smtps"
  bool require_starttls;
  const std::string& username;  // "" for no AUTH
  const std::string& password;
  const std::filesystem::path& ca_file;  // "" for the system's CAs
  std::chrono::seconds timeout;
  char* error_buffer;  // CURL_ERROR_SIZE bytes, outliving the handle
};

// Return `text` (a server's reply, libcurl's error) with every occurrence of `secret` replaced by
// "***": a password never reaches a log or an error text.
std::string redact(std::string text, const std::string& secret);

// Set those options on `handle`; return the first failure, or CURLE_OK.
CURLcode set_server_options(CURL* handle, const ServerOptions& options);

// A new handle with those options set, and the first failure (CURLE_FAILED_INIT when libcurl
// could not make one) or CURLE_OK. The caller sets what its protocol needs after.
struct ServerHandle {
  Easy easy;
  CURLcode result;
};
ServerHandle open_server_handle(const ServerOptions& options);

}  // namespace mentorcal::net
