#include "report/timeline.h"

#include <algorithm>

namespace mentorcal::report {

double Axis::x(scheduler::Instant t) const {
  t = std::clamp(t, begin, end);
  return kLeft + (kRight - kLeft) * double((t - begin).count()) / double((end - begin).count());
}

double text_width(std::string_view text, double size) {
  std::size_t glyphs = 0;
  for (unsigned char c : text)
    glyphs += (c & 0xC0) != 0x80;
  return double(glyphs) * size * 0.6;
}

Band band_on(const Axis& axis, const BandText& band) {
  Band out{axis.x(band.span.begin), axis.x(band.span.end), band.label, band.count,
           band.inactive ? 12.5 : 16};
  const double room = out.x1 - out.x0 - 8;
  if (text_width(out.label, 13) > room) out.label = band.short_label;
  if (text_width(out.label, 13) > room) out.label.clear();
  if (text_width(out.count, out.count_size) > out.x1 - out.x0 - 4)
    out.count = band.inactive ? "–" : "";
  return out;
}

std::vector<AxisLabel> place_labels(const std::vector<AxisLabel>& labels) {
  std::vector<AxisLabel> out;
  std::vector<std::pair<double, double>> taken;
  for (const auto& l : labels) {
    const double w = text_width(l.text, 12) + 8;
    const double cx = std::clamp(l.x, w / 2, Axis::kWidth - w / 2);
    const bool clash = std::any_of(taken.begin(), taken.end(), [&](const auto& t) {
      return cx - w / 2 < t.second && t.first < cx + w / 2;
    });
    if (clash) continue;
    taken.emplace_back(cx - w / 2, cx + w / 2);
    out.push_back({cx, l.text, l.bold});
  }
  return out;
}

std::vector<std::size_t> lanes(const std::vector<double>& xs) {
  std::array<double, kLaneY.size()> lane_end;
  lane_end.fill(-1e9);
  std::vector<std::size_t> out;
  for (const double x : xs) {
    std::size_t lane = 0;
    while (lane < kLaneY.size() && lane_end[lane] + 16 > x)
      ++lane;
    if (lane == kLaneY.size())
      lane = std::min_element(lane_end.begin(), lane_end.end()) - lane_end.begin();
    lane_end[lane] = x;
    out.push_back(lane);
  }
  return out;
}

Glyph glyph_at(double x, double y) {
  return {x, y, x - 5.5, x + 5.5, y - 5.5, y + 5.5, x - 9, x + 9};
}

Legend legend_layout(const std::vector<std::string>& mark_texts,
                     const std::vector<std::string>& swatch_texts) {
  Legend out;
  double x = 10;
  for (const auto& text : mark_texts) {
    out.marks.push_back({x + 6, x + 18});
    x += 28 + text_width(text, 13);
  }
  for (const auto& text : swatch_texts) {
    out.swatches.push_back({x, x + 32});
    x += 44 + text_width(text, 13);
  }
  out.now = {x + 2, x + 8};
  return out;
}

}  // namespace mentorcal::report
