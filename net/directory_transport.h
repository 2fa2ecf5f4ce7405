// The embedded default: each message written as "<message-id>.eml" in a folder, atomically
// (a temporary file, then rename), for trying mentorcal without a mail server. Messages go in
// batches of kBatch: each batch is made durable with one syncfs() before the renames and one
// fsync() of the folder after them (base::write_files_atomically), and only then reported sent.
// Sending a message again rewrites the same file, so the caller may record a batch in one commit.
#pragma once

#include <filesystem>

#include "net/transport.h"

namespace mentorcal::net {

class DirectoryTransport final : public Transport {
 public:
  // The folder is created on first use.
  explicit DirectoryTransport(std::filesystem::path directory) : directory_(std::move(directory)) {}

  static constexpr std::size_t kBatch = 256;

  void deliver(const std::vector<Envelope>& messages, const std::atomic<bool>& stop,
               const OnDelivery& on_delivery) override;
  std::size_t deliveries_per_commit() const override { return kBatch; }

 private:
  std::filesystem::path directory_;
};

}  // namespace mentorcal::net
