#include "scheduler/availability.h"

namespace mentorcal::scheduler {

using namespace std::chrono;

Intervals weekly_windows(const config::Person& person, const Zone& zone, Interval range) {
  Intervals out;
  if (range.empty() || person.available.empty()) return out;
  // Local days that can hold part of the range, whatever the offset.
  const auto first = floor<days>(zone.local(range.begin)) - days(1);
  const auto last = floor<days>(zone.local(range.end)) + days(1);
  for (auto day = first; day <= last; day += days(1)) {
    const weekday wd{day};
    for (const auto& w : person.available) {
      if (w.day == wd) zone.to_utc(day + w.start, day + w.end, out);
    }
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
