#include "scheduler/interval.h"

#include <algorithm>

namespace mentorcal::scheduler {

Intervals normalized(Intervals v) {
  std::erase_if(v, [](const Interval& i) { return i.empty(); });
  const auto by_begin = [](const Interval& a, const Interval& b) { return a.begin < b.begin; };
  if (!std::is_sorted(v.begin(), v.end(), by_begin)) std::sort(v.begin(), v.end(), by_begin);
  // Merged in place: v[0, kept) is the result so far.
  std::size_t kept = 0;
  for (const auto& i : v) {
    if (kept > 0 && i.begin <= v[kept - 1].end) {
      v[kept - 1].end = std::max(v[kept - 1].end, i.end);
    } else {
      v[kept++] = i;
    }
  }
  v.resize(kept);
  return v;
}

Intervals intersect(const Intervals& a, const Intervals& b) {
  Intervals out;
  auto i = a.begin();
  auto j = b.begin();
  while (i != a.end() && j != b.end()) {
    const Interval both{std::max(i->begin, j->begin), std::min(i->end, j->end)};
    if (!both.empty()) out.push_back(both);
    if (i->end < j->end) {
      ++i;
    } else {
      ++j;
    }
  }
  return out;
}

Intervals subtract(const Intervals& a, const Intervals& b) {
  Intervals out;
  auto j = b.begin();
  for (Interval rest : a) {
    while (j != b.end() && j->end <= rest.begin)
      ++j;
    for (auto k = j; k != b.end() && k->begin < rest.end; ++k) {
      if (k->begin > rest.begin) out.push_back({rest.begin, k->begin});
      rest.begin = std::max(rest.begin, k->end);
      if (rest.empty()) break;
    }
    if (!rest.empty()) out.push_back(rest);
  }
  return out;
}

Intervals clip(Intervals a, Interval window) {
  std::size_t kept = 0;
  for (const auto& i : a) {
    const Interval part{std::max(i.begin, window.begin), std::min(i.end, window.end)};
    if (!part.empty()) a[kept++] = part;
  }
  a.resize(kept);
  return a;
}

std::chrono::seconds total_length(const Intervals& v) {
  std::chrono::seconds sum{0};
  for (const auto& i : v)
    sum += i.length();
  return sum;
}

}  // namespace mentorcal::scheduler
