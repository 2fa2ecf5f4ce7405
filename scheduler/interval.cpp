#include "scheduler/interval.h"

#include <algorithm>
#include <utility>

#include "base/spans.h"

namespace mentorcal::scheduler {

Intervals normalized(Intervals v) {
  std::erase_if(v, [](const Interval& i) { return i.empty(); });
  return base::merged(std::move(v));
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
