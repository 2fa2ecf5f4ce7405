// The embedded default: each message written as "<message-id>.eml" in a folder, atomically
// (a temporary file, fsync, rename), for trying mentorcal without a mail server.
#pragma once

#include <filesystem>

#include "net/transport.h"

namespace mentorcal::net {

class DirectoryTransport final : public Transport {
 public:
  // The folder is created on first use.
  explicit DirectoryTransport(std::filesystem::path directory) : directory_(std::move(directory)) {}

  void deliver(const std::vector<Envelope>& messages, const std::atomic<bool>& stop,
               const OnDelivery& on_delivery) override;

 private:
  std::filesystem::path directory_;
};

}  // namespace mentorcal::net
