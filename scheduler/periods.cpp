#include "scheduler/periods.h"

#include <cmath>

#include <fmt/format.h>

namespace mentorcal::scheduler {
namespace {

using namespace std::chrono;
using Kind = config::Cadence::Period;

// Return the first local day of the period holding local day `d`.
year_month_day period_start(Kind kind, year_month_day d, year_month_day started, int block_weeks) {
  switch (kind) {
    case Kind::month:
      return d.year() / d.month() / 1;
    case Kind::year:
      return d.year() / January / 1;
    case Kind::week: {
      const local_days ld{d};
      return year_month_day{ld - (weekday{ld} - Monday)};
    }
    case Kind::weeks: {
      const auto from_start = (local_days{d} - local_days{started}).count();
      const auto block = days(7 * block_weeks).count();
      const auto k = from_start >= 0 ? from_start / block : -((-from_start + block - 1) / block);
      return year_month_day{local_days{started} + days(k * block)};
    }
  }
  return d;
}

year_month_day next_start(Kind kind, year_month_day first, int block_weeks) {
  switch (kind) {
    case Kind::month:
      return first + months(1);
    case Kind::year:
      return first + years(1);
    case Kind::week:
      return year_month_day{local_days{first} + days(7)};
    case Kind::weeks:
      return year_month_day{local_days{first} + days(7 * block_weeks)};
  }
  return first;
}

}  // namespace

base::Phrase Period::name(const config::Cadence& cadence) const {
  using base::Phrase;
  switch (kind) {
    case Kind::month:
      return Phrase("{{month}}").with("month", Phrase::Day{first, Phrase::Day::As::month});
    case Kind::year:
      return Phrase("{{year}}").with("year", Phrase::Day{first, Phrase::Day::As::year});
    case Kind::week: {
      // ISO week-numbering: the year of this week's Thursday.
      const year_month_day thursday{local_days{first} + days(3)};
      const local_days jan4{thursday.year() / January / 4};
      const auto week1 = jan4 - (weekday{jan4} - Monday);
      const auto week = (local_days{first} - week1).count() / 7 + 1;
      return Phrase("week {{week}}")
          .with("week", fmt::format("{}-W{:02}", int(thursday.year()), week));
    }
    case Kind::weeks: {
      const Phrase::Day from{first, Phrase::Day::As::date};
      if (cadence.count == 1) return Phrase("the week from {{from}}").with("from", from);
      return Phrase("the {{count}} weeks from {{from}}")
          .with("count", cadence.count)
          .with("from", from);
    }
  }
  return {};
}

std::string Period::label(const config::Cadence& cadence) const {
  return name(cadence).text();
}

seconds ideal_interval(const config::Cadence& cadence) {
  seconds length{0};
  switch (cadence.period) {
    case Kind::month:
      length = duration_cast<seconds>(months(1));
      break;
    case Kind::year:
      length = duration_cast<seconds>(years(1));
      break;
    case Kind::week:
      length = weeks(1);
      break;
    case Kind::weeks:
      length = weeks(cadence.count);
      break;
  }
  return length / cadence.meetings();
}

std::vector<Period> periods(const config::Cadence& cadence, const Zone& zone,
                            year_month_day started, Interval active, Interval range) {
  std::vector<Period> out;
  if (range.empty()) return out;
  const year_month_day first_local{floor<days>(zone.local(range.begin))};
  auto first = period_start(cadence.period, first_local, started, cadence.count);
  Instant begin = zone.first_at_or_after(local_days{first});
  while (begin < range.end) {
    const auto next = next_start(cadence.period, first, cadence.count);
    const Instant end = zone.first_at_or_after(local_days{next});
    Period p{{begin, end}, first, cadence.period, 0};
    const Interval covered{std::max(begin, active.begin), std::min(end, active.end)};
    if (!covered.empty()) {
      const double fraction = double(covered.length().count()) / double(p.span.length().count());
      p.required = fraction >= 1.0
                       ? cadence.meetings()
                       : static_cast<int>(std::floor(cadence.meetings() * fraction + 0.5));
    }
    out.push_back(p);
    first = next;
    begin = end;
  }
  return out;
}

Interval active_span(const config::Pair& pair, const Zone& zone) {
  using std::chrono::local_days;
  return {zone.first_at_or_after(local_days{pair.started}),
          pair.ends ? zone.first_at_or_after(local_days{*pair.ends}) : Instant::max()};
}

}  // namespace mentorcal::scheduler
