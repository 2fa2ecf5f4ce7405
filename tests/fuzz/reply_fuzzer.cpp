// libFuzzer target for incoming mail (mail/reply.h): any byte string must give either replies or a
// reason, never a crash, a hang, a leak or undefined behaviour in our code. GMime, glib and libical
// are not instrumented: their own memory errors show up only as crashes (run the corpus under
// valgrind to see more). Seeds: tests/fuzz/reply_corpus/ (the fixtures of tests/mail/replies/).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <glib.h>
#include <string_view>

#include "mail/reply.h"

namespace {

// Abort (so libFuzzer saves the input) when the result breaks the header's promises.
void check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "broken promise: %s\n", what);
    std::abort();
  }
}

bool lower_case(std::string_view s) {
  for (const char c : s) {
    if (c >= 'A' && c <= 'Z') return false;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view raw(reinterpret_cast<const char*>(data), size);
  const auto read = mentorcal::mail::read_reply(raw);
  check(read.replies.empty() != read.skipped.empty(), "a reason exactly when nothing was read");
  check(lower_case(read.from) && lower_case(read.sender), "addresses lower-cased");
  for (const auto& r : read.replies) {
    check(r.method == "REPLY" || r.method == "COUNTER" || r.method == "REFRESH", "method");
    check(!r.uid.empty(), "uid");
    check(!r.attendee.empty() && lower_case(r.attendee), "attendee");
    check(r.method == "COUNTER" || (!r.proposed_start && !r.proposed_end), "times only in COUNTER");
    check(r.method != "COUNTER" || r.proposed_start.has_value(), "COUNTER has a start");
    check(r.comment.size() <= 500 &&
              g_utf8_validate(r.comment.data(), static_cast<gssize>(r.comment.size()), nullptr),
          "comment loggable");
    for (const char c : r.comment) {
      check(static_cast<unsigned char>(c) >= 0x20 && c != 0x7f, "no control characters");
    }
  }
  return 0;
}
