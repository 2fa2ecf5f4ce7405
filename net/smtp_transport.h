// SMTP with libcurl: smtp:// with STARTTLS required (or "off", loopback only), or smtps://;
// peer and host verification always on, with an optional private CA; AUTH when a username is set;
// one connection for a whole batch; one recipient per transaction.
#pragma once

#include <chrono>
#include <filesystem>
#include <string>

#include "net/transport.h"

namespace mentorcal::net {

struct SmtpSettings {
  std::string url;                // smtp://host:port or smtps://host:port
  bool require_starttls = true;   // ignored for smtps:// (TLS from the first byte)
  std::string username;           // empty: no AUTH
  std::string password;           // never logged
  std::filesystem::path ca_file;  // empty: the system's CAs
  std::chrono::seconds timeout{30};
};

class SmtpTransport final : public Transport {
 public:
  explicit SmtpTransport(SmtpSettings settings);
  ~SmtpTransport() override;
  SmtpTransport(const SmtpTransport&) = delete;
  SmtpTransport& operator=(const SmtpTransport&) = delete;

  void deliver(const std::vector<Envelope>& messages, const std::atomic<bool>& stop,
               const OnDelivery& on_delivery) override;

 private:
  SmtpSettings settings_;
};

}  // namespace mentorcal::net
