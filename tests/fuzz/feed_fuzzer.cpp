// libFuzzer target for the busy-calendar reader (mail/feed.h): any byte string must give either an
// error or busy times that keep the contract (sorted, disjoint, non-empty, inside the range), never
// a crash, a leak, undefined behaviour or a hang (libFuzzer's -timeout). libical itself is only
// instrumented when it is built with the sanitizers (see scripts/fuzz.sh); the system library is
// not, so ASan sees its reads only through the libc calls it intercepts.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "ical/feed.h"

namespace {

using namespace std::chrono;

// Eight weeks over the spring DST changes of Europe and the autumn one of Australia.
const sys_seconds kFrom = sys_days{year{2026} / March / 1};
const sys_seconds kTo = kFrom + weeks(8);

[[noreturn]] void fail(const char* what) {
  std::fprintf(stderr, "contract broken: %s\n", what);
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto reading = mentorcal::ical::read_busy_feed(
      text, kFrom, kTo, "Europe/London",
      [](std::string_view uid) { return uid.substr(0, 10) == "mentorcal-"; });
  if (!reading) {
    if (reading.error().empty()) fail("an empty error");
    return 0;
  }
  const auto& busy = reading->busy;
  for (std::size_t i = 0; i < busy.size(); ++i) {
    if (!(busy[i].begin < busy[i].end)) fail("an empty interval");
    if (busy[i].begin < kFrom || busy[i].end > kTo) fail("an interval outside the range");
    if (i > 0 && !(busy[i - 1].end < busy[i].begin)) fail("intervals not sorted and merged");
  }
  if (reading->warnings.size() > 100) fail("more than 100 warnings");
  if (reading->events < 0) fail("a negative event count");
  std::size_t sum = 0;
  for (const auto& w : reading->warnings) {
    if (w.empty()) fail("an empty warning");
    sum += w.size();
  }
  volatile std::size_t sink = sum;
  (void)sink;
  return 0;
}
