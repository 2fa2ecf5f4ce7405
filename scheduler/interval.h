// Half-open spans of UTC time and the algebra the planner needs on sorted lists of them.
#pragma once

#include <chrono>
#include <vector>

namespace mentorcal::scheduler {

using Instant = std::chrono::sys_seconds;

struct Interval {
  Instant begin;
  Instant end;  // exclusive

  bool empty() const { return end <= begin; }
  std::chrono::seconds length() const { return empty() ? std::chrono::seconds(0) : end - begin; }
  bool contains(Instant t) const { return begin <= t && t < end; }
  // Return true when [t, t + d) lies inside.
  bool holds(Instant t, std::chrono::seconds d) const { return begin <= t && t + d <= end; }
  bool overlaps(const Interval& o) const { return begin < o.end && o.begin < end; }
  friend bool operator==(const Interval&, const Interval&) = default;
};

// A list of disjoint, non-adjacent, non-empty intervals in increasing order.
using Intervals = std::vector<Interval>;

// Return `v` sorted, with empty intervals dropped and overlapping or touching ones merged.
Intervals normalized(Intervals v);

// Return the instants in both `a` and `b` (both normalized).
Intervals intersect(const Intervals& a, const Intervals& b);

// Return the instants of `a` not in `b` (both normalized).
Intervals subtract(const Intervals& a, const Intervals& b);

// Return the parts of `a` inside `window` (in place when `a` is an rvalue).
Intervals clip(Intervals a, Interval window);

// Return the total length.
std::chrono::seconds total_length(const Intervals& v);

}  // namespace mentorcal::scheduler
