#include "app/journal_sink.h"

#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <string>
#include <sys/stat.h>
#include <sys/uio.h>
#include <vector>

#include <spdlog/sinks/base_sink.h>
// Without it, every entry would carry CODE_FILE= and CODE_LINE= of this sink, not of the line.
#define SD_JOURNAL_SUPPRESS_LOCATION
#include <systemd/sd-journal.h>

#include "base/log_fields.h"

namespace mentorcal::app {
namespace {

// syslog priorities of spdlog's levels: trace, debug, info, warn, err, critical, off.
constexpr const char* kPriority[] = {"PRIORITY=7", "PRIORITY=7", "PRIORITY=6", "PRIORITY=4",
                                     "PRIORITY=3", "PRIORITY=2", "PRIORITY=6"};

class JournalSink final : public spdlog::sinks::base_sink<std::mutex> {
 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    spdlog::memory_buf_t text;
    formatter_->format(msg, text);  // the escaped message (base/logging.cpp)
    std::string message = "MESSAGE=";
    message.append(text.data(), text.size());
    while (!message.empty() && message.back() == '\n')
      message.pop_back();

    std::vector<iovec> parts;
    const auto add = [&](const char* data, std::size_t size) {
      parts.push_back({const_cast<char*>(data), size});
    };
    add(message.data(), message.size());
    const std::string_view priority = kPriority[static_cast<int>(msg.level)];
    add(priority.data(), priority.size());
    static constexpr std::string_view kIdentifier = "SYSLOG_IDENTIFIER=mentorcal";
    add(kIdentifier.data(), kIdentifier.size());
    for (const auto& field : base::LogFields::current())
      add(field.data(), field.size());
    if (sd_journal_sendv(parts.data(), static_cast<int>(parts.size())) < 0) {
      std::fprintf(stderr, "%s\n", message.c_str() + 8);  // journald is gone: keep the line
    }
  }
  void flush_() override {}
};

// Whether standard error is the stream systemd connected to the journal.
bool stderr_is_journal() {
  const char* stream = std::getenv("JOURNAL_STREAM");
  if (!stream) return false;
  unsigned long long device = 0, inode = 0;
  if (std::sscanf(stream, "%llu:%llu", &device, &inode) != 2) return false;
  struct stat st {};
  if (::fstat(2, &st) != 0) return false;
  return st.st_dev == device && st.st_ino == inode;
}

}  // namespace

std::shared_ptr<spdlog::sinks::sink> journal_sink() {
  if (!stderr_is_journal()) return nullptr;
  return std::make_shared<JournalSink>();
}

}  // namespace mentorcal::app
