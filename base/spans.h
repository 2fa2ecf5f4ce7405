// Merging spans: any type with ordered `begin` and `end` members, half-open.
#pragma once

#include <algorithm>
#include <cstddef>
#include <vector>

namespace mentorcal::base {

// Return `v` sorted by begin, with overlapping or touching spans merged into one. Empty spans are
// kept as they are (a caller that wants them gone drops them first).
template <class Span>
std::vector<Span> merged(std::vector<Span> v) {
  const auto by_begin = [](const Span& a, const Span& b) { return a.begin < b.begin; };
  if (!std::is_sorted(v.begin(), v.end(), by_begin)) std::sort(v.begin(), v.end(), by_begin);
  // Merged in place: v[0, kept) is the result so far.
  std::size_t kept = 0;
  for (const auto& s : v) {
    if (kept > 0 && s.begin <= v[kept - 1].end) {
      v[kept - 1].end = std::max(v[kept - 1].end, s.end);
    } else {
      v[kept++] = s;
    }
  }
  v.resize(kept);
  return v;
}

}  // namespace mentorcal::base
