#include "net/directory_transport.h"

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
  for (std::size_t i = 0; i < messages.size(); ++i) {
    const auto& m = messages[i];
    if (stop || ec) {
      on_delivery(i,
                  {Delivery::Outcome::transient, 0,
                   ec ? "not attempted: cannot create " + directory_.string() + ": " + ec.message()
                      : "not attempted",
                   false});
      continue;
    }
    const auto final_path = directory_ / file_name(m.message_id);
    if (const auto written = base::write_file_atomically(final_path, *m.bytes, 0640); !written) {
      on_delivery(i, {Delivery::Outcome::transient, 0,
                      "cannot write " + final_path.string() + ": " + written.error()});
      continue;
    }
    on_delivery(i, {Delivery::Outcome::sent, 250, final_path.string()});
  }
}

}  // namespace mentorcal::net
