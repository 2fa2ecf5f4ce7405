#include "net/directory_transport.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <system_error>

#include "base/atomic_file.h"

namespace mentorcal::net {
namespace {

// Message-IDs are made of safe characters; anything else becomes '_' in the file name.
std::string file_name(const std::string& message_id) {
  std::string out;
  for (const char c : message_id)
    out += (std::isalnum(static_cast<unsigned char>(c)) || std::strchr(".-_@+", c)) ? c : '_';
  return out + ".eml";
}

}  // namespace

void DirectoryTransport::deliver(const std::vector<Envelope>& messages,
                                 const std::atomic<bool>& stop, const OnDelivery& on_delivery) {
  std::error_code ec;
  std::filesystem::create_directories(directory_, ec);
  for (std::size_t first = 0; first < messages.size(); first += kBatch) {
    const auto end = std::min(first + kBatch, messages.size());
    if (stop || ec) {
      for (std::size_t i = first; i < end; ++i) {
        on_delivery(
            i, {Delivery::Outcome::transient, 0,
                ec ? "not attempted: cannot create " + directory_.string() + ": " + ec.message()
                   : "not attempted",
                false});
      }
      continue;
    }
    std::vector<base::FileToWrite> files;
    for (std::size_t i = first; i < end; ++i)
      files.push_back({file_name(messages[i].message_id), *messages[i].bytes});
    const auto written = base::write_files_atomically(directory_, files, 0640);
    for (std::size_t i = first; i < end; ++i) {
      const auto path = (directory_ / files[i - first].name).string();
      const auto& w = written[i - first];
      on_delivery(i, w ? Delivery{Delivery::Outcome::sent, 250, path}
                       : Delivery{Delivery::Outcome::transient, 0,
                                  "cannot write " + path + ": " + w.error()});
    }
  }
}

}  // namespace mentorcal::net
