#include "scheduler/availability.h"

#include <algorithm>
#include <array>

namespace mentorcal::scheduler {

using namespace std::chrono;

Intervals weekly_windows(const config::Person& person, const Zone& zone, Interval range) {
  Intervals out;
  if (range.empty() || person.available.empty()) return out;
  // The windows of each weekday, in order of start, so the result comes out sorted.
  std::array<std::vector<const config::Window*>, 7> by_day;
  for (const auto& w : person.available)
    by_day[w.day.c_encoding()].push_back(&w);
  for (auto& day : by_day) {
    std::sort(day.begin(), day.end(),
              [](const auto* a, const auto* b) { return a->start < b->start; });
  }
  // Local days that can hold part of the range, whatever the offset.
  const auto first = floor<days>(zone.local(range.begin)) - days(1);
  const auto last = floor<days>(zone.local(range.end)) + days(1);
  out.reserve(static_cast<std::size_t>((last - first).count() + 1) * person.available.size() / 7 +
              2);
  for (auto day = first; day <= last; day += days(1)) {
    for (const auto* w : by_day[weekday{day}.c_encoding()])
      zone.to_utc(day + w->start, day + w->end, out);
  }
  return clip(normalized(std::move(out)), range);
}

Interval local_days_span(const Zone& zone, year_month_day from, year_month_day to) {
  return {zone.first_at_or_after(local_days{from}),
          zone.first_at_or_after(local_days{to} + days(1))};
}

Intervals away_days(const config::Person& person, const Zone& zone, Interval range) {
  Intervals out;
  for (const auto& a : person.away) {
    const auto span = local_days_span(zone, a.from, a.to);
    if (span.overlaps(range)) out.push_back(span);
  }
  return normalized(std::move(out));
}

}  // namespace mentorcal::scheduler
