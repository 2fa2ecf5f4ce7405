#include "scheduler/zone.h"

#include <algorithm>

#include <date/tz.h>

namespace mentorcal::scheduler {

using std::chrono::seconds;

Zone::Zone(const std::string& name, Interval span) : name_(name) {
  const auto* tz = date::locate_zone(name);
  const Instant from = span.begin - std::chrono::days(2);
  const Instant to = span.end + std::chrono::days(2);
  auto info = tz->get_info(from);
  segments_.push_back({Instant::min(), info.offset});
  while (info.end < to) {
    info = tz->get_info(info.end);
    // Rule changes that keep the offset (e.g. a new abbreviation) are not transitions here.
    if (info.offset != segments_.back().offset) segments_.push_back({info.begin, info.offset});
  }
}

std::size_t Zone::segment_at(Instant t) const {
  const auto it = std::upper_bound(segments_.begin(), segments_.end(), t,
                                   [](Instant v, const Segment& s) { return v < s.begin; });
  return static_cast<std::size_t>(it - segments_.begin()) - 1;
}

seconds Zone::offset_at(Instant t) const {
  return segments_[segment_at(t)].offset;
}

void Zone::to_utc(LocalTime from, LocalTime to, Intervals& out) const {
  if (to <= from) return;
  // Candidate instants lie within the widest offsets of the zone (-26 h to +26 h covers all).
  const Instant lo{from.time_since_epoch() - std::chrono::hours(26)};
  const Instant hi{to.time_since_epoch() + std::chrono::hours(26)};
  for (std::size_t i = segment_at(lo); i < segments_.size() && segments_[i].begin < hi; ++i) {
    const auto& s = segments_[i];
    const Instant seg_end = i + 1 < segments_.size() ? segments_[i + 1].begin : Instant::max();
    Instant seg_begin = s.begin;
    // After a fall-back, the first (previous offset - offset) of this segment repeats wall-clock
    // times the previous segment already showed: skip them.
    if (i > 0 && segments_[i - 1].offset > s.offset)
      seg_begin += segments_[i - 1].offset - s.offset;
    const Interval piece{std::max(seg_begin, Instant{from.time_since_epoch() - s.offset}),
                         std::min(seg_end, Instant{to.time_since_epoch() - s.offset})};
    if (piece.empty()) continue;
    if (!out.empty() && out.back().end == piece.begin) {
      out.back().end = piece.end;  // across a spring-forward gap the pieces touch
    } else {
      out.push_back(piece);
    }
  }
}

Instant Zone::first_at_or_after(LocalTime t) const {
  // The walk of to_utc(), stopping at the first instant found: no allocation.
  const Instant lo{t.time_since_epoch() - std::chrono::hours(26)};
  for (std::size_t i = segment_at(lo); i < segments_.size(); ++i) {
    const auto& s = segments_[i];
    const Instant seg_end = i + 1 < segments_.size() ? segments_[i + 1].begin : Instant::max();
    Instant seg_begin = s.begin;
    if (i > 0 && segments_[i - 1].offset > s.offset)
      seg_begin += segments_[i - 1].offset - s.offset;
    const Instant at = std::max(seg_begin, Instant{t.time_since_epoch() - s.offset});
    if (at < seg_end) return at;
  }
  return Instant::max();
}

}  // namespace mentorcal::scheduler
