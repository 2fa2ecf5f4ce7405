// A pair's timeline as geometry: where its cadence periods, meetings and moments fall on one
// horizontal axis, in SVG user units, and which texts fit. Pure: times, numbers and short texts
// in, positions out. The report's template draws the shapes (report/templates/en/).
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "scheduler/interval.h"

namespace mentorcal::report {

// The rows of a timeline: its height, the bottom of its period bands, the baselines of the
// period labels, the counts and the texts under the axis, and the centres of the lanes of marks.
constexpr double kHeight = 130, kBandBottom = 106, kLabelY = 16, kCountY = 36, kTextY = 123;
constexpr std::array<double, 3> kLaneY{74, 92, 56};

// The horizontal scale of one timeline.
struct Axis {
  static constexpr double kWidth = 880, kLeft = 3, kRight = 877;
  scheduler::Instant begin, end;

  // Return the x of `t`, clamped to [begin, end]. REQUIRES: begin < end.
  double x(scheduler::Instant t) const;
};

// Return roughly how wide `text` (UTF-8) is at `size` px in a sans-serif font: for fitting, not
// for layout.
double text_width(std::string_view text, double size);

// One cadence period as the timeline shows it.
struct BandText {
  scheduler::Interval span;
  std::string label;        // "November 2026"
  std::string short_label;  // "Nov", when the label does not fit
  std::string count;        // "1/2": held, booked or planned of asked for
  bool inactive = false;    // the pair was not active then: the count is smaller and grey
};
struct Band {
  double x0 = 0, x1 = 0;
  std::string label;  // the label or its short form, whichever fits; "" if neither does
  std::string count;  // the count if it fits; else "" ("–" for an inactive period)
  double count_size;  // the count's font size
};
// Return the box of `band` on `axis` and the texts that fit in it.
Band band_on(const Axis& axis, const BandText& band);

// A text under the axis, centred on x.
struct AxisLabel {
  double x = 0;
  std::string text;
  bool bold = false;
};
// Return the `labels` (in priority order) that do not overlap one of higher priority, each
// moved inside the axis.
std::vector<AxisLabel> place_labels(const std::vector<AxisLabel>& labels);

// Return the lane (an index of kLaneY) of each mark, given their x in order, so that marks
// closer than their size do not hide each other; when every lane is taken, the one free longest.
std::vector<std::size_t> lanes(const std::vector<double>& xs);

// Where the strokes of a mark centred on (x, y) go: the cross of a declined meeting and the bar
// of a cancelled one.
struct Glyph {
  double x, y;
  double left, right, top, bottom;  // the cross
  double bar_left, bar_right;       // the bar
};
Glyph glyph_at(double x, double y);

// The legend: each mark with its text, then each band tint with its text, then the "now" line,
// in one row of a 1000-unit-wide SVG.
struct LegendItem {
  double x;       // the mark's centre, or the swatch's left
  double text_x;  // where its text starts
};
struct Legend {
  std::vector<LegendItem> marks, swatches;
  LegendItem now;  // the line's x and its text's
};
Legend legend_layout(const std::vector<std::string>& mark_texts,
                     const std::vector<std::string>& swatch_texts);

}  // namespace mentorcal::report
