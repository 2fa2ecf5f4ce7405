// One read of one file as mentorcal reads outside text: `hostile_read reply FILE` reads it as an
// incoming message (mail::read_reply) with no gate, `hostile_read gated FILE` as the tick does,
// behind the cheap checks (partner li.wei@example.org, our UID "u"; mail/reply_gate.h),
// `hostile_read feed FILE` as a busy feed over eight weeks
// (ical::read_busy_feed). Prints what it made of it; scripts/hostile-bench.sh measures its CPU
// time and peak memory for each generated attack input.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>

#include "ical/feed.h"
#include "mail/reply.h"

int main(int argc, char** argv) {
  using namespace std::chrono;
  if (argc != 3) {
    std::fprintf(stderr, "usage: hostile_read reply|gated|feed FILE\n");
    return 2;
  }
  // Read in one go: a character at a time, the reading of a 17 MB input cost a second (Debug).
  std::ifstream in(argv[2], std::ios::binary | std::ios::ate);
  std::string text(static_cast<std::size_t>(in.tellg()), '\0');
  in.seekg(0);
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  const std::string kind = argv[1];
  if (kind == "reply" || kind == "gated") {
    const mentorcal::mail::ReplyGate gate{{"li.wei@example.org"}, {"u"}};
    const auto message = mentorcal::mail::read_reply(text, kind == "gated" ? &gate : nullptr);
    std::printf("%zu replies; %s\n", message.replies.size(),
                message.skipped.substr(0, 100).c_str());
    return 0;
  }
  const sys_seconds from = sys_days{year{2026} / March / 1};
  const auto reading = mentorcal::ical::read_busy_feed(text, from, from + weeks(8), "Europe/London",
                                                       [](std::string_view) { return false; });
  if (reading) {
    std::printf("%zu busy, %d events, %zu warnings\n", reading->busy.size(), reading->events,
                reading->warnings.size());
  } else {
    std::printf("refused: %s\n", reading.error().c_str());
  }
  return 0;
}
