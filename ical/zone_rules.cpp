#include "ical/zone_rules.h"

#include <algorithm>

namespace mentorcal::ical {

using std::chrono::days;
using std::chrono::local_seconds;
using std::chrono::seconds;
using std::chrono::sys_days;
using std::chrono::sys_seconds;

namespace {

constexpr sys_seconds kYear1900 = sys_days{std::chrono::year{1900} / 1 / 1};
constexpr sys_seconds kYear1970 = sys_days{std::chrono::year{1970} / 1 / 1};
constexpr sys_seconds kYear2600 = sys_days{std::chrono::year{2600} / 1 / 1};

}  // namespace

Coverage coverage(sys_seconds from, sys_seconds to) {
  return {std::clamp(from, kYear1900, kYear1970) - days(2),
          std::clamp(to, kYear1970, kYear2600) + days(400)};
}

sys_seconds tame(sys_seconds t) {
  return std::clamp(t, kYear1900, kYear2600);
}

ZoneRules::ZoneRules(seconds fixed) : segments_{{sys_seconds::min(), fixed}} {}

ZoneRules::ZoneRules(const date::time_zone& tz, sys_seconds lo, sys_seconds hi) {
  auto info = tz.get_info(lo);
  segments_.push_back({sys_seconds::min(), info.offset});
  while (info.end < hi) {
    info = tz.get_info(info.end);
    if (info.offset != segments_.back().offset) segments_.push_back({info.begin, info.offset});
  }
}

ZoneRules::ZoneRules(std::vector<Onset> onsets) {
  std::stable_sort(onsets.begin(), onsets.end(),
                   [](const Onset& a, const Onset& b) { return a.at < b.at; });
  segments_.push_back({sys_seconds::min(), onsets.front().offset_from});
  for (const auto& o : onsets) {
    if (o.offset_to == segments_.back().offset) continue;
    if (o.at == segments_.back().begin) {
      segments_.back().offset = o.offset_to;
    } else {
      segments_.push_back({o.at, o.offset_to});
    }
  }
}

seconds ZoneRules::offset_at(sys_seconds t) const {
  return segments_[segment_at(t)].offset;
}

local_seconds ZoneRules::to_local(sys_seconds t) const {
  return local_seconds{t.time_since_epoch() + offset_at(t)};
}

sys_seconds ZoneRules::to_utc(local_seconds t) const {
  const sys_seconds as_utc{t.time_since_epoch()};
  const std::size_t first = segment_at(as_utc - kMaxOffset);
  for (std::size_t i = first; i < segments_.size() && segments_[i].begin <= as_utc + kMaxOffset;
       ++i) {
    const sys_seconds at = as_utc - segments_[i].offset;
    if (segments_[i].begin <= at && at < end_of(i)) return at;
  }
  for (std::size_t i = first; i + 1 < segments_.size(); ++i) {
    const sys_seconds gap = segments_[i + 1].begin;
    if (as_utc - segments_[i].offset >= gap && as_utc - segments_[i + 1].offset < gap)
      return as_utc - segments_[i].offset;
    if (gap > as_utc + kMaxOffset) break;
  }
  return as_utc - offset_at(as_utc);  // not reached for rules with offsets within kMaxOffset
}

std::size_t ZoneRules::segment_at(sys_seconds t) const {
  const auto it = std::upper_bound(segments_.begin(), segments_.end(), t,
                                   [](sys_seconds v, const Segment& s) { return v < s.begin; });
  return static_cast<std::size_t>(it - segments_.begin()) - 1;
}

sys_seconds ZoneRules::end_of(std::size_t i) const {
  return i + 1 < segments_.size() ? segments_[i + 1].begin : sys_seconds::max();
}

}  // namespace mentorcal::ical
