#include "net/smtp_transport.h"

#include <algorithm>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <curl/curl.h>

#include "net/curl_server.h"

namespace mentorcal::net {
namespace {

// One message's bytes, handed to libcurl piece by piece.
struct Reader {
  const std::string& bytes;
  size_t offset = 0;
};

size_t read_message(char* buffer, size_t size, size_t count, void* user) {
  auto* reader = static_cast<Reader*>(user);
  const size_t n = std::min(size * count, reader->bytes.size() - reader->offset);
  std::memcpy(buffer, reader->bytes.data() + reader->offset, n);
  reader->offset += n;
  return n;
}

// The server's replies during one transfer, as libcurl hands them to the header callback. On an
// error libcurl may already have sent QUIT, so the last reply is not always the one that counts.
struct Replies {
  std::string first;                // on a new connection, the greeting
  std::vector<std::string> recent;  // the last few, oldest first

  // Return the last reply with `code`, or "".
  std::string with_code(long code) const {
    const std::string digits = std::to_string(code);
    for (auto reply = recent.rbegin(); reply != recent.rend(); ++reply) {
      if (reply->compare(0, 3, digits) == 0) return *reply;
    }
    return "";
  }
};

// Keep each reply's final line ("250 ok", not "250-SIZE"): printable ASCII, at most 200 bytes.
size_t record_reply(char* line, size_t size, size_t count, void* user) {
  auto* replies = static_cast<Replies*>(user);
  std::string_view text(line, size * count);
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r'))
    text.remove_suffix(1);
  if (text.size() == 3 || (text.size() > 3 && text[3] == ' ')) {
    std::string clean;
    for (const char c : text.substr(0, 200))
      clean += (c >= ' ' && c <= '~') ? c : '?';
    if (replies->first.empty()) replies->first = clean;
    if (replies->recent.size() == 4) replies->recent.erase(replies->recent.begin());
    replies->recent.push_back(std::move(clean));
  }
  return size * count;
}

// Return whether `result` means the server cannot take mail from us at all right now (unreachable,
// silent, no STARTTLS, TLS or login refused, bad settings), so the rest of a batch would fail the
// same way and is not tried.
bool server_unusable(CURLcode result) {
  switch (result) {
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
    case CURLE_NOT_BUILT_IN:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
    case CURLE_REMOTE_ACCESS_DENIED:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_UNKNOWN_OPTION:
    case CURLE_SSL_ENGINE_NOTFOUND:
    case CURLE_SSL_ENGINE_SETFAILED:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_USE_SSL_FAILED:
    case CURLE_SSL_ENGINE_INITFAILED:
    case CURLE_LOGIN_DENIED:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_SHUTDOWN_FAILED:
    case CURLE_SSL_CRL_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_AUTH_ERROR:
    case CURLE_SSL_CLIENTCERT:
      return true;
    default:
      return false;
  }
}

// What libcurl said about one transfer.
struct Attempt {
  CURLcode result = CURLE_OK;
  long code = 0;                  // CURLINFO_RESPONSE_CODE: the last reply's code, 0 without one
  bool refused_greeting = false;  // the failing reply was the first on a new connection
  std::string_view error_text;    // CURLOPT_ERRORBUFFER
  const Replies* replies = nullptr;
};

// Return the verdict on one transfer. A 4xx/5xx is about this message only when the failure
// did not make the server unusable: a refused login (535) or greeting is our settings' or the
// server's trouble, and the message must stay deliverable later.
Delivery verdict(const Attempt& attempt) {
  Delivery delivery;
  const std::string server_said = attempt.replies->with_code(attempt.code);
  if (attempt.result == CURLE_OK) {
    delivery.outcome = Delivery::Outcome::sent;
    delivery.code = static_cast<int>(attempt.code);
    delivery.detail = server_said.empty() ? "sent" : server_said;
    return delivery;
  }
  // A failure can leave a stale code from an earlier good reply (250 to EHLO before
  // CURLE_USE_SSL_FAILED): only 4xx and 5xx are the server's verdict.
  const bool refusal = attempt.code >= 400 && attempt.code <= 599;
  const bool about_server = server_unusable(attempt.result) || attempt.refused_greeting;
  delivery.code = refusal ? static_cast<int>(attempt.code) : 0;
  delivery.outcome = refusal && attempt.code >= 500 && !about_server ? Delivery::Outcome::permanent
                                                                     : Delivery::Outcome::transient;
  delivery.detail = curl_easy_strerror(attempt.result);
  std::string_view error_text = attempt.error_text;
  while (!error_text.empty() && (error_text.back() == '\n' || error_text.back() == '\r')) {
    error_text.remove_suffix(1);
  }
  if (!error_text.empty()) delivery.detail += ": " + std::string(error_text);
  // No server text after a refused login: a server might echo what it was sent.
  const bool login = attempt.result == CURLE_LOGIN_DENIED || attempt.result == CURLE_AUTH_ERROR;
  if (refusal && !login && !server_said.empty()) {
    delivery.detail += "; server said \"" + server_said + "\"";
  } else if (refusal) {
    delivery.detail += " (reply " + std::to_string(attempt.code) + ")";
  }
  return delivery;
}

Delivery not_attempted(const std::string& reason) {
  Delivery delivery;
  delivery.outcome = Delivery::Outcome::transient;
  delivery.detail = reason.empty() ? "not attempted" : "not attempted: " + reason;
  delivery.attempted = false;
  return delivery;
}

// Return a handle set up for `settings`, writing errors to `error_buffer` (CURL_ERROR_SIZE bytes)
// and replies to `replies`, which must outlive it; or null with `why` set.
Easy open_handle(const SmtpSettings& settings, char* error_buffer, Replies* replies,
                 std::string& why) {
  auto [easy, result] =
      open_server_handle({"smtp,smtps", settings.require_starttls, settings.username,
                          settings.password, settings.ca_file, settings.timeout, error_buffer});
  const auto set = [&, &easy = easy, &result = result](CURLoption option, auto value) {
    if (result == CURLE_OK) result = curl_easy_setopt(easy.get(), option, value);
  };
  set(CURLOPT_URL, settings.url.c_str());
  set(CURLOPT_UPLOAD, 1L);
  set(CURLOPT_READFUNCTION, &read_message);
  set(CURLOPT_HEADERFUNCTION, &record_reply);
  set(CURLOPT_HEADERDATA, replies);
  if (result == CURLE_OK) return std::move(easy);
  why = std::string("cannot set up libcurl: ") + curl_easy_strerror(result);
  return nullptr;
}

}  // namespace

SmtpTransport::SmtpTransport(SmtpSettings settings) : settings_(std::move(settings)) {
  curl_global_init(CURL_GLOBAL_DEFAULT);  // thread-safe and counted in libcurl >= 7.84
}

SmtpTransport::~SmtpTransport() {
  curl_global_cleanup();
}

void SmtpTransport::deliver(const std::vector<Envelope>& messages, const std::atomic<bool>& stop,
                            const OnDelivery& on_delivery) {
  // Both outlive `easy`, whose clean-up still reads the reply to QUIT.
  char error_buffer[CURL_ERROR_SIZE] = {};
  Replies replies;
  Easy easy;             // one connection for the batch, while transactions succeed
  std::string unusable;  // why the server cannot be used, once known: the rest is not tried
  for (std::size_t i = 0; i < messages.size(); ++i) {
    const Envelope& envelope = messages[i];
    if (stop.load()) {
      on_delivery(i, not_attempted(""));
      continue;
    }
    if (unusable.empty() && !easy) easy = open_handle(settings_, error_buffer, &replies, unusable);
    if (!unusable.empty()) {
      on_delivery(i, not_attempted(unusable));
      continue;
    }
    if (envelope.bytes == nullptr) {
      on_delivery(i, not_attempted("no message bytes"));
      continue;
    }
    const std::string from = "<" + envelope.from + ">";
    const Slist rcpt(curl_slist_append(nullptr, ("<" + envelope.to + ">").c_str()));
    Reader reader{*envelope.bytes};
    replies = Replies{};
    CURL* h = easy.get();
    CURLcode result = rcpt ? CURLE_OK : CURLE_OUT_OF_MEMORY;
    if (result == CURLE_OK) result = curl_easy_setopt(h, CURLOPT_MAIL_FROM, from.c_str());
    if (result == CURLE_OK) result = curl_easy_setopt(h, CURLOPT_MAIL_RCPT, rcpt.get());
    if (result == CURLE_OK) result = curl_easy_setopt(h, CURLOPT_READDATA, &reader);
    if (result == CURLE_OK) {
      result = curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE,
                                static_cast<curl_off_t>(reader.bytes.size()));
    }
    error_buffer[0] = '\0';
    Attempt attempt;
    if (result == CURLE_OK) {
      result = curl_easy_perform(h);
      long connects = 0;
      curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &attempt.code);
      curl_easy_getinfo(h, CURLINFO_NUM_CONNECTS, &connects);
      const char greeting = replies.first.empty() ? '2' : replies.first[0];
      attempt.refused_greeting = result != CURLE_OK && connects > 0 && greeting >= '4';
    }
    curl_easy_setopt(h, CURLOPT_MAIL_RCPT, static_cast<curl_slist*>(nullptr));
    attempt.result = result;
    attempt.error_text = error_buffer;
    attempt.replies = &replies;
    Delivery delivery = verdict(attempt);
    delivery.detail = redact(std::move(delivery.detail), settings_.password);
    if (server_unusable(result) || attempt.refused_greeting) unusable = delivery.detail;
    // libcurl may keep a connection the server has just closed (421 after the final ".") and
    // reuse it for the next message; after any failure the next message gets a new handle.
    if (result != CURLE_OK) easy.reset();
    on_delivery(i, delivery);
  }
}

}  // namespace mentorcal::net
