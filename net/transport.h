// Moving finished messages: one recipient per transaction, the server's verdict kept, so delivery
// is tracked per person (DESIGN.md §7-8). The daemon decides what and when; a transport only moves
// bytes when asked.
#pragma once

#include <atomic>
#include <functional>
#include <string>
#include <vector>

namespace mentorcal::net {

struct Envelope {
  std::string from;                    // MAIL FROM (the organiser address)
  std::string to;                      // RCPT TO (one partner)
  std::string message_id;              // for logs and the directory transport's file name
  const std::string* bytes = nullptr;  // the whole message, CRLF line ends
};

struct Delivery {
  enum class Outcome {
    sent,       // the server said 250 (or the file is on disk): never send it again
    transient,  // 4xx, 421, connection or TLS trouble, timeout: try again later
    permanent,  // 5xx: this message will never be accepted
  };
  Outcome outcome = Outcome::transient;
  int code = 0;           // the server's reply code, 0 when there was none
  std::string detail;     // a line for logs and reports; never holds credentials
  bool attempted = true;  // false when the message was not tried at all (stop, server unreachable)
};

// REQUIRES: one thread at a time.
class Transport {
 public:
  virtual ~Transport() = default;
  // Called once per message, in order, as soon as its fate is known, so the caller can record it
  // before the next transaction starts.
  using OnDelivery = std::function<void(std::size_t index, const Delivery& delivery)>;

  // Deliver `messages` in order, reusing one connection where the transport has one, and report
  // each. When `stop` becomes true the transaction in flight is finished and the rest are reported
  // transient and not attempted.
  virtual void deliver(const std::vector<Envelope>& messages, const std::atomic<bool>& stop,
                       const OnDelivery& on_delivery) = 0;

  // Return how many deliveries the caller may record in one commit of its state. A crash after
  // a delivery and before its commit delivers it again, with the same Message-ID, on the next
  // tick: 1 where that would reach a person twice (SMTP); more where it rewrites the same file.
  virtual std::size_t deliveries_per_commit() const { return 1; }

  // Return every Delivery in order (a convenience over the above).
  std::vector<Delivery> deliver_all(const std::vector<Envelope>& messages,
                                    const std::atomic<bool>& stop) {
    std::vector<Delivery> out(messages.size());
    deliver(messages, stop, [&](std::size_t i, const Delivery& d) { out[i] = d; });
    return out;
  }
};

}  // namespace mentorcal::net
