#include "scheduler/availability.h"

#include <algorithm>
#include <array>

namespace mentorcal::scheduler {

using namespace std::chrono;

Intervals weekly_windows(const config::Person& person, const Zone& zone, Interval range) {
  Intervals out;
  if (range.empty() || person.available.empty()) return out;
  // The windows by weekday and start, so the result comes out sorted; [of_day[d], of_day[d + 1])
  // are weekday d's. One allocation: this runs for every person of every plan.
  std::vector<const config::Window*> sorted;
  sorted.reserve(person.available.size());
  for (const auto& w : person.available)
    sorted.push_back(&w);
  std::sort(sorted.begin(), sorted.end(), [](const auto* a, const auto* b) {
    return std::pair(a->day.c_encoding(), a->start) < std::pair(b->day.c_encoding(), b->start);
  });
  std::array<std::size_t, 8> of_day{};
  for (const auto* w : sorted)
    ++of_day[w->day.c_encoding() + 1];
  for (std::size_t d = 1; d < of_day.size(); ++d)
    of_day[d] += of_day[d - 1];
  // Local days that can hold part of the range, whatever the offset.
  const auto first = floor<days>(zone.local(range.begin)) - days(1);
  const auto last = floor<days>(zone.local(range.end)) + days(1);
  out.reserve(static_cast<std::size_t>((last - first).count() + 1) * person.available.size() / 7 +
              2);
  for (auto day = first; day <= last; day += days(1)) {
    const auto d = weekday{day}.c_encoding();
    for (std::size_t i = of_day[d]; i < of_day[d + 1]; ++i)
      zone.to_utc(day + sorted[i]->start, day + sorted[i]->end, out);
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
