#include "base/logging.h"

#include <cstdlib>
#include <memory>

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "base/log_text.h"

namespace mentorcal::base {
namespace {

// "%*" in the pattern: the sd-daemon priority of the message's level, e.g. "<3>" for errors.
class JournalPriority final : public spdlog::custom_flag_formatter {
 public:
  void format(const spdlog::details::log_msg& msg, const std::tm&,
              spdlog::memory_buf_t& dest) override {
    static constexpr const char* kPriority[] = {"<7>", "<7>", "<6>", "<4>", "<3>", "<2>", "<6>"};
    const std::string_view p = kPriority[static_cast<int>(msg.level)];
    dest.append(p.data(), p.data() + p.size());
  }
  std::unique_ptr<custom_flag_formatter> clone() const override {
    return std::make_unique<JournalPriority>();
  }
};

// "%&" in the pattern: the message, escaped (log_text.h): text from outside (Message-IDs, feed
// errors, names) cannot move the cursor, ring the bell or turn the line around.
class EscapedMessage final : public spdlog::custom_flag_formatter {
 public:
  void format(const spdlog::details::log_msg& msg, const std::tm&,
              spdlog::memory_buf_t& dest) override {
    const std::string text = log_escaped(std::string_view(msg.payload.data(), msg.payload.size()));
    dest.append(text.data(), text.data() + text.size());
  }
  std::unique_ptr<custom_flag_formatter> clone() const override {
    return std::make_unique<EscapedMessage>();
  }
};

}  // namespace

void init_logging(bool verbose, std::shared_ptr<spdlog::sinks::sink> journal) {
  auto formatter = std::make_unique<spdlog::pattern_formatter>();
  std::shared_ptr<spdlog::sinks::sink> sink;
  if (journal) {
    sink = std::move(journal);  // it sends the priority and the time itself
    formatter->add_flag<EscapedMessage>('&').set_pattern("%&");
  } else {
    sink = std::make_shared<spdlog::sinks::stderr_color_sink_mt>(spdlog::color_mode::automatic);
    if (std::getenv("JOURNAL_STREAM") != nullptr) {
      formatter->add_flag<JournalPriority>('*').add_flag<EscapedMessage>('&').set_pattern("%*%&");
    } else {
      formatter->add_flag<EscapedMessage>('&').set_pattern("%Y-%m-%d %H:%M:%S %^%l%$: %&");
    }
  }
  auto logger = std::make_shared<spdlog::logger>("mentorcal", std::move(sink));
  logger->set_formatter(std::move(formatter));
  logger->set_level(verbose ? spdlog::level::debug : spdlog::level::info);
  spdlog::set_default_logger(std::move(logger));
}

}  // namespace mentorcal::base
