// libFuzzer target for the programme-file loader: any byte string must give either a Programme or
// diagnostics that point into the file, never a crash, a leak or undefined behaviour.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "config/load.h"

namespace {

// Abort (so libFuzzer saves the input) when a diagnostic has no place in the file: only
// load_programme's "cannot read the file" may use line 0, and parse_programme never reads a file.
void check_positions(const mentorcal::config::Diagnostics& diagnostics) {
  for (const auto& d : diagnostics) {
    if (d.line < 1 || d.column < 1) {
      std::fprintf(stderr, "diagnostic without a position: %s\n", d.text().c_str());
      std::abort();
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  // "/nonexistent": relative paths in the file resolve to somewhere that is never there.
  const auto loaded = mentorcal::config::parse_programme(text, "fuzz.toml", "/nonexistent");
  if (!loaded) {
    check_positions(loaded.error());
    return 0;
  }
  check_positions(loaded->warnings);
  // Walk the result so the optimiser keeps every part of it, and ASan sees every string read.
  std::size_t sum =
      loaded->programme.programme.name.size() + loaded->programme.source.native().size();
  for (const auto& person : loaded->programme.people) {
    sum += person.id.size() + person.name.size() + person.email.size() + person.timezone.size() +
           person.available.size() + person.away.size() + person.busy_calendar.size();
  }
  for (const auto& pair : loaded->programme.pairs)
    sum += pair.id.size() + pair.mentor.size() + pair.mentee.size();
  volatile std::size_t sink = sum;
  (void)sink;
  return 0;
}
