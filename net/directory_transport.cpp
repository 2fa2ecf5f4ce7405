#include "net/directory_transport.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <system_error>
#include <unistd.h>

namespace mentorcal::net {
namespace {

// Write all of `bytes` to a new file `path` and flush it to disk. Return an error text or "".
std::string write_file(const std::filesystem::path& path, const std::string& bytes) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
  if (fd < 0) return std::strerror(errno);
  std::size_t done = 0;
  while (done < bytes.size()) {
    const auto n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const std::string why = std::strerror(errno);
      ::close(fd);
      return why;
    }
    done += static_cast<std::size_t>(n);
  }
  const bool synced = ::fsync(fd) == 0;
  const std::string why = synced ? "" : std::strerror(errno);
  ::close(fd);
  return why;
}

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
    const auto temp_path = directory_ / ("." + file_name(m.message_id) + ".tmp");
    auto why = write_file(temp_path, *m.bytes);
    if (why.empty() && ::rename(temp_path.c_str(), final_path.c_str()) != 0)
      why = std::strerror(errno);
    if (!why.empty()) {
      ::unlink(temp_path.c_str());
      on_delivery(
          i, {Delivery::Outcome::transient, 0, "cannot write " + final_path.string() + ": " + why});
      continue;
    }
    on_delivery(i, {Delivery::Outcome::sent, 250, final_path.string()});
  }
}

}  // namespace mentorcal::net
