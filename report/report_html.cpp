#include "report/report_html.h"

#include <algorithm>
#include <array>
#include <iterator>
#include <map>
#include <optional>
#include <set>
#include <vector>

#include <date/date.h>
#include <date/tz.h>
#include <fmt/format.h>

#include "base/html.h"
#include "base/time_text.h"
#include "config/programme.h"
#include "scheduler/health.h"
#include "scheduler/periods.h"
#include "scheduler/zone.h"

namespace mentorcal::report {
namespace {

using base::html_escape;

using namespace std::chrono;
using scheduler::Instant;
using scheduler::Interval;

constexpr const char* kMonthAbbr[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
constexpr int kPeriodsBack = 3;  // the timeline starts this many periods before the current one

// What a mark on a timeline stands for.
enum class Kind { held, booked, planned, declined, cancelled };

// The CSS class and the words of each Kind, in the enum's order.
struct KindText {
  std::string_view css;
  std::string_view word;
};
constexpr KindText kKindText[] = {{"held", "held"},
                                  {"booked", "booked"},
                                  {"planned", "new in the plan"},
                                  {"declined", "declined"},
                                  {"cancelled", "cancelled"}};

std::string_view word(Kind k) {
  return kKindText[static_cast<int>(k)].word;
}
std::string_view css_class(Kind k) {
  return kKindText[static_cast<int>(k)].css;
}

// One meeting of a pair as the report shows it.
struct Mark {
  Interval when;
  Kind kind = Kind::booked;
  bool first = false;
  bool counts = false;  // counts towards its period: held, booked or planned
  std::string note;     // why it is what it is, in words; never meeting content
};

// Times in the programme's zone, for people.
class ZoneText {
 public:
  explicit ZoneText(const std::string& zone) : zone_(date::locate_zone(zone)) {}

  // "Tue 24 Nov 2026 15:00–16:00 GMT"
  std::string span(Interval w) const {
    const date::zoned_seconds b{zone_, w.begin}, e{zone_, w.end};
    return date::format("%a %d %b %Y %H:%M", b) + "–" + date::format("%H:%M %Z", e);
  }
  // "Tue 24 Nov 2026 15:00 GMT"
  std::string instant(Instant t) const {
    return date::format("%a %d %b %Y %H:%M %Z", date::zoned_seconds{zone_, t});
  }
  // "Tue 24 Nov 15:00"
  std::string short_start(Instant t) const {
    return date::format("%a %d %b %H:%M", date::zoned_seconds{zone_, t});
  }

 private:
  const date::time_zone* zone_;
};

std::string day_month(year_month_day d) {
  return fmt::format("{} {}", unsigned(d.day()), kMonthAbbr[unsigned(d.month()) - 1]);
}

std::string plural(int n, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

// The programme's pairs, people and meetings by id, looked up once: a programme may hold
// thousands of pairs.
struct Index {
  std::map<std::string_view, const config::Pair*> pairs;
  std::map<std::string_view, const config::Person*> people;
  std::map<std::string_view, std::vector<const store::MeetingRow*>> rows;      // by pair
  std::map<std::string_view, std::vector<const scheduler::Meeting*>> planned;  // by pair
  std::set<std::string_view> moving, dropping;  // UIDs of booked meetings the plan moves, cancels

  explicit Index(const HealthView& view) {
    for (const auto& p : view.programme.pairs)
      pairs.emplace(p.id, &p);
    for (const auto& p : view.programme.people)
      people.emplace(p.id, &p);
    for (const auto& m : view.meetings)
      rows[m.pair].push_back(&m);
    for (const auto& m : view.plan.meetings)
      planned[m.pair].push_back(&m);
    for (const auto& d : view.plan.moved)
      moving.insert(d.uid);
    for (const auto& d : view.plan.cancelled)
      dropping.insert(d.uid);
  }
  const config::Pair& pair(std::string_view id) const { return *pairs.at(id); }
  const config::Person& person(std::string_view id) const { return *people.at(id); }
};

// Return the pair's meetings, by start: those the state store holds, and the ones the plan at
// `now` would add or move.
std::vector<Mark> marks_of(const Index& index, const config::Pair& pair, Instant now) {
  const std::array<const config::Person*, 2> people{&index.person(pair.mentor),
                                                    &index.person(pair.mentee)};
  static const std::vector<const store::MeetingRow*> kNoRows;
  static const std::vector<const scheduler::Meeting*> kNoMeetings;
  const auto rows = index.rows.find(pair.id);
  const auto planned = index.planned.find(pair.id);

  std::vector<Mark> out;
  for (const auto* r : rows == index.rows.end() ? kNoRows : rows->second) {
    const auto& row = *r;
    Mark m{row.when, Kind::booked, row.first, false, {}};
    std::vector<std::string> declined_by;
    for (int i = 0; i < 2; ++i) {
      if (row.partstat[i] == store::PartStat::declined) declined_by.push_back(people[i]->name);
    }
    if (!declined_by.empty() || row.cancel_kind == store::CancelKind::declined) {
      m.kind = Kind::declined;
      if (!declined_by.empty()) {
        m.note = "declined by " + declined_by[0];
        if (declined_by.size() > 1) m.note += " and " + declined_by[1];
      }
    } else if (row.status == store::MeetingStatus::cancelled) {
      m.kind = Kind::cancelled;
      if (row.cancel_kind == store::CancelKind::ended)
        m.note = "the pair ended";
      else if (row.cancel_kind == store::CancelKind::removed)
        m.note = "the pair left the programme file";
      else if (row.cancel_kind == store::CancelKind::impossible)
        m.note = "no longer possible";
    } else if (scheduler::is_held(store::record_of(row), now)) {
      m.kind = Kind::held;
      m.counts = true;
    } else if (index.moving.count(row.uid)) {
      m.note = "no longer possible: moves to a new time at the next run";
    } else if (index.dropping.count(row.uid)) {
      m.note = "no longer possible: cancelled at the next run";
    } else {
      m.counts = true;
      if (row.partstat[0] == store::PartStat::accepted &&
          row.partstat[1] == store::PartStat::accepted)
        m.note = "accepted by both";
    }
    out.push_back(std::move(m));
  }
  for (const auto* m : planned == index.planned.end() ? kNoMeetings : planned->second) {
    const auto& p = *m;
    if (p.uid && !p.moved) continue;
    out.push_back({p.when, Kind::planned, p.first, true,
                   p.moved ? "a booked meeting's new time, sent at the next run"
                           : "invited at the next run"});
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const Mark& a, const Mark& b) { return a.when.begin < b.when.begin; });
  return out;
}

// The horizontal scale of one timeline, in SVG user units.
struct Axis {
  static constexpr double kWidth = 880, kLeft = 3, kRight = 877;
  Instant begin, end;

  double x(Instant t) const {
    t = std::clamp(t, begin, end);
    return kLeft + (kRight - kLeft) * double((t - begin).count()) / double((end - begin).count());
  }
};

// SVG rows.
constexpr double kHeight = 130, kBandBottom = 106, kLabelY = 16, kCountY = 36, kTextY = 123;
constexpr std::array<double, 3> kLaneY{74, 92, 56};

// Roughly how wide `text` is at `size` px in a sans-serif font (for fitting, not for layout).
double text_width(std::string_view text, double size) {
  std::size_t glyphs = 0;
  for (unsigned char c : text)
    glyphs += (c & 0xC0) != 0x80;
  return double(glyphs) * size * 0.6;
}

// A short name for a period when its full label does not fit its band.
std::string short_label(const scheduler::Period& p) {
  using Kind = config::Cadence::Period;
  switch (p.kind) {
    case Kind::month:
      return kMonthAbbr[unsigned(p.first.month()) - 1];
    case Kind::year:
      return fmt::format("{}", int(p.first.year()));
    case Kind::week: {
      const auto label = p.label(config::Cadence{Kind::week, 1});  // "week 2026-W49"
      return label.substr(label.rfind('-') + 1);
    }
    case Kind::weeks:
      return "from " + day_month(p.first);
  }
  return {};
}

// Draw the shape of a mark centred on (x, y).
void draw_shape(std::string& out, Kind kind, double x, double y) {
  constexpr const char* kGreen = "#17684f";
  switch (kind) {
    case Kind::held:
      fmt::format_to(std::back_inserter(out),
                     "<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"6.5\" fill=\"{}\" stroke=\"{}\" "
                     "stroke-width=\"2\"/>",
                     x, y, kGreen, kGreen);
      break;
    case Kind::booked:
    case Kind::planned:
      fmt::format_to(std::back_inserter(out),
                     "<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"6\" fill=\"#ffffff\" stroke=\"{}\" "
                     "stroke-width=\"2.2\"{}/>",
                     x, y, kGreen, kind == Kind::planned ? " stroke-dasharray=\"3 2.5\"" : "");
      break;
    case Kind::declined:
      fmt::format_to(std::back_inserter(out),
                     "<circle cx=\"{0:.1f}\" cy=\"{1:.1f}\" r=\"7\" fill=\"#ffffff\" "
                     "fill-opacity=\"0\"/><path d=\"M{2:.1f} {3:.1f}L{4:.1f} {5:.1f}M{2:.1f} "
                     "{5:.1f}L{4:.1f} {3:.1f}\" stroke=\"#c4320a\" stroke-width=\"2.6\" "
                     "stroke-linecap=\"round\"/>",
                     x, y, x - 5.5, y - 5.5, x + 5.5, y + 5.5);
      break;
    case Kind::cancelled:
      fmt::format_to(
          std::back_inserter(out),
          "<circle cx=\"{0:.1f}\" cy=\"{1:.1f}\" r=\"6\" fill=\"#e4e7ec\" "
          "stroke=\"#98a2b3\" stroke-width=\"1.5\"/><path d=\"M{2:.1f} {1:.1f}H{3:.1f}\" "
          "stroke=\"#475467\" stroke-width=\"2\" stroke-linecap=\"round\"/>",
          x, y, x - 9, x + 9);
      break;
  }
}

// Draw one meeting at (x, y), with its time and status as its tooltip.
void draw_mark(std::string& out, const Mark& m, double x, double y, const ZoneText& zt) {
  std::string title = zt.span(m.when) + ": " + std::string(word(m.kind));
  if (m.first) title += " (getting-to-know-you meeting)";
  if (!m.note.empty()) title += "; " + m.note;
  fmt::format_to(std::back_inserter(out), "<g class=\"mk {}\"><title>{}</title>", css_class(m.kind),
                 base::html_escape(title));
  draw_shape(out, m.kind, x, y);
  out += "</g>";
}

// A label under the axis, kept only if it does not collide with one of higher priority.
struct AxisLabel {
  double x;
  std::string text;
  bool bold = false;
};

void place_labels(std::string& out, std::vector<AxisLabel> labels) {
  // `labels` is in priority order.
  std::vector<std::pair<double, double>> taken;
  for (auto& l : labels) {
    const double w = text_width(l.text, 12) + 8;
    const double cx = std::clamp(l.x, w / 2, Axis::kWidth - w / 2);
    const bool clash = std::any_of(taken.begin(), taken.end(), [&](const auto& t) {
      return cx - w / 2 < t.second && t.first < cx + w / 2;
    });
    if (clash) continue;
    taken.emplace_back(cx - w / 2, cx + w / 2);
    fmt::format_to(std::back_inserter(out),
                   "<text x=\"{:.1f}\" y=\"{}\" text-anchor=\"middle\" font-size=\"12\"{} "
                   "fill=\"{}\">{}</text>",
                   cx, kTextY, l.bold ? " font-weight=\"700\"" : "", l.bold ? "#101828" : "#475467",
                   base::html_escape(l.text));
  }
}

struct PairFacts {
  const config::Pair* pair;
  Instant active_begin, active_end;  // [started, ended or planned end) in UTC
};

PairFacts facts_of(const config::Pair& pair, const scheduler::Zone& zone) {
  PairFacts facts{&pair, zone.first_at_or_after(local_days{pair.started}), Instant::max()};
  if (pair.ends) facts.active_end = zone.first_at_or_after(local_days{*pair.ends});
  if (pair.status == config::PairStatus::ended && pair.ended_on) {
    facts.active_end =
        std::min(facts.active_end, zone.first_at_or_after(local_days{*pair.ended_on}));
  }
  return facts;
}

// Draw the pair's timeline: its cadence periods as bands with meetings counted against the
// minimum, and every meeting as a mark.
void draw_timeline(std::string& out, const HealthView& view, const PairFacts& facts,
                   const std::vector<Mark>& marks, const scheduler::Zone& zone, const ZoneText& zt,
                   Instant now, std::optional<Instant> tracking_since, int& hidden) {
  const auto& pair = *facts.pair;
  const auto& a = pair.agreement;
  const Instant horizon_end = now + weeks(view.programme.scheduling.horizon_weeks);
  const Interval active{facts.active_begin, facts.active_end};

  // From kPeriodsBack periods before the current one (or the pair's first period) to the end of
  // the horizon. For a pair that has ended, the periods before its end.
  const Instant anchor = std::min(now, facts.active_end - seconds(1));
  const auto longest = a.cadence.period == config::Cadence::Period::year    ? days(366)
                       : a.cadence.period == config::Cadence::Period::month ? days(31)
                       : a.cadence.period == config::Cadence::Period::week
                           ? days(7)
                           : days(7 * a.cadence.count);
  auto back = scheduler::periods(a.cadence, zone, pair.started, active,
                                 {anchor - longest * (kPeriodsBack + 1), anchor + seconds(1)});
  Instant begin = back.size() > kPeriodsBack ? back[back.size() - 1 - kPeriodsBack].span.begin
                                             : back.front().span.begin;
  const auto first = scheduler::periods(a.cadence, zone, pair.started, active,
                                        {facts.active_begin, facts.active_begin + seconds(1)});
  if (!first.empty()) begin = std::max(begin, first.front().span.begin);
  Instant end = horizon_end;
  if (end <= begin) end = begin + longest;  // a pair that starts after the horizon
  const Axis axis{begin, end};

  const auto bands = scheduler::periods(a.cadence, zone, pair.started, active, {begin, end});
  const auto floors = scheduler::periods(a.minimum, zone, pair.started, active, {begin, end});
  const auto count_in = [&](Interval span) {
    return static_cast<int>(std::count_if(marks.begin(), marks.end(), [&](const Mark& m) {
      return m.counts && span.contains(m.when.begin);
    }));
  };
  // Cadence health judges active pairs only (DESIGN.md §6); the bands say what it counts.
  const bool judged = pair.status == config::PairStatus::active;

  fmt::format_to(std::back_inserter(out),
                 "<svg class=\"tl\" viewBox=\"0 0 {} {}\" role=\"img\" aria-label=\"{}\">",
                 Axis::kWidth, kHeight,
                 base::html_escape(fmt::format("Meetings of {} from {} to {}", pair.id,
                                               zt.instant(begin), zt.instant(end))));
  // Bands.
  std::vector<AxisLabel> labels;
  for (std::size_t i = 0; i < bands.size(); ++i) {
    const auto& p = bands[i];
    const double x0 = axis.x(p.span.begin), x1 = axis.x(p.span.end);
    const int count = count_in(p.span);
    const auto floor_it = std::find_if(floors.begin(), floors.end(), [&](const auto& f) {
      return f.span.contains(std::max(p.span.begin, begin));
    });
    const int minimum = floor_it == floors.end() ? 0 : floor_it->required;
    const bool below = floor_it != floors.end() && count_in(floor_it->span) < minimum;
    const bool inactive =
        Interval{std::max(p.span.begin, active.begin), std::min(p.span.end, active.end)}.empty();
    const auto label = p.label(a.cadence);

    std::string state, note;
    std::string fill = i % 2 ? "#eef2f7" : "#f7f9fc";
    if (inactive) {
      fill = "#fcfcfd";
      state = "off";
      note = "the pair was not active";
    } else if (!judged) {
      note = pair.status == config::PairStatus::paused ? "not judged: the pair is paused"
                                                       : "not judged: the pair has ended";
    } else if (p.span.end <= now) {
      if (!tracking_since || p.span.end <= *tracking_since) {
        state = "untracked";
        note = "before mentorcal kept this programme's calendar: not judged";
      } else if (below && p.required > 0) {
        state = "below";
        fill = "#fbd5d2";
        note = fmt::format("below the minimum of {}", minimum);
      }
    } else if (p.span.end > horizon_end) {
      note = "runs past the planning horizon: not judged yet";
    } else if (below && p.required > 0) {
      state = "risk";
      fill = "#fde9b8";
      note = fmt::format("cannot reach the minimum of {} with the meetings planned", minimum);
    }
    std::string count_text = p.required > 0 ? fmt::format("{}/{}", count, p.required)
                             : count > 0    ? fmt::format("{}", count)
                                            : "–";
    if (inactive && count == 0) count_text = "not active";
    std::string title = fmt::format("{}: {} held, booked or planned; asked for {}, minimum {}",
                                    label, count, p.required, minimum);
    if (!note.empty()) title += " — " + note;
    fmt::format_to(std::back_inserter(out),
                   "<g class=\"band{}{}\"><title>{}</title><rect x=\"{:.1f}\" y=\"0\" "
                   "width=\"{:.1f}\" height=\"{}\" fill=\"{}\"/>",
                   state.empty() ? "" : " ", state, base::html_escape(title), x0,
                   std::max(0.0, x1 - x0), kBandBottom, fill);
    if (state == "below" || state == "risk") {
      fmt::format_to(std::back_inserter(out),
                     "<rect x=\"{:.1f}\" y=\"{}\" width=\"{:.1f}\" height=\"4\" fill=\"{}\"/>", x0,
                     kBandBottom - 4, std::max(0.0, x1 - x0),
                     state == "below" ? "#d92d20" : "#dc6803");
    }
    // The label, shortened or left out when the band is narrow.
    const double room = x1 - x0 - 8;
    std::string shown = label;
    if (text_width(shown, 13) > room) shown = short_label(p);
    if (text_width(shown, 13) > room) shown.clear();
    const double cx = (x0 + x1) / 2;
    if (!shown.empty()) {
      fmt::format_to(std::back_inserter(out),
                     "<text x=\"{:.1f}\" y=\"{}\" text-anchor=\"middle\" font-size=\"13\" "
                     "fill=\"#344054\">{}</text>",
                     cx, kLabelY, base::html_escape(shown));
    }
    const double count_size = inactive ? 12.5 : 16;
    if (text_width(count_text, count_size) > x1 - x0 - 4) count_text = inactive ? "–" : "";
    if (!count_text.empty()) {
      fmt::format_to(std::back_inserter(out),
                     "<text x=\"{:.1f}\" y=\"{}\" text-anchor=\"middle\" font-size=\"{}\" "
                     "font-weight=\"{}\" fill=\"{}\">{}</text>",
                     cx, kCountY, count_size, inactive ? 400 : 700,
                     state == "below"  ? "#b42318"
                     : state == "risk" ? "#93370d"
                     : inactive        ? "#98a2b3"
                                       : "#101828",
                     base::html_escape(count_text));
    }
    out += "</g>";
    if (i > 0) {
      fmt::format_to(std::back_inserter(out),
                     "<line x1=\"{0:.1f}\" y1=\"0\" x2=\"{0:.1f}\" y2=\"{1}\" stroke=\"#98a2b3\" "
                     "stroke-width=\"1\"/>",
                     x0, kBandBottom + 4);
    }
    if (p.span.begin >= begin) labels.push_back({x0, day_month(p.first)});
  }
  fmt::format_to(std::back_inserter(out),
                 "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#667085\" "
                 "stroke-width=\"1\"/>",
                 Axis::kLeft, kBandBottom, Axis::kRight, kBandBottom);

  // Lines for the pair's start and end, and for now.
  std::vector<AxisLabel> events;
  const auto line = [&](Instant t, const std::string& text, bool strong) {
    if (t < begin || t > end) return;
    const double x = axis.x(t);
    fmt::format_to(std::back_inserter(out),
                   "<line x1=\"{0:.1f}\" y1=\"0\" x2=\"{0:.1f}\" y2=\"{1}\" stroke=\"{2}\" "
                   "stroke-width=\"{3}\"{4}/>",
                   x, kBandBottom + 6, strong ? "#101828" : "#475467", strong ? 2 : 1.5,
                   strong ? "" : " stroke-dasharray=\"5 3\"");
    events.push_back({x, text, true});
  };
  line(now, "now", true);  // first: its label wins over the others
  if (facts.active_begin > begin) line(facts.active_begin, "started", false);
  if (facts.active_end < end) {
    line(facts.active_end, pair.status == config::PairStatus::ended ? "ended" : "planned end",
         false);
  }

  // Marks, in lanes so that close meetings do not hide each other.
  std::array<double, kLaneY.size()> lane_end;
  lane_end.fill(-1e9);
  for (const auto& m : marks) {
    if (m.when.begin < begin || m.when.begin >= end) {
      hidden += 1;
      continue;
    }
    const double x = axis.x(m.when.begin);
    std::size_t lane = 0;
    while (lane < kLaneY.size() && lane_end[lane] + 16 > x)
      ++lane;
    if (lane == kLaneY.size())
      lane = std::min_element(lane_end.begin(), lane_end.end()) - lane_end.begin();
    lane_end[lane] = x;
    draw_mark(out, m, x, kLaneY[lane], zt);
  }

  // Under the axis: now, start and end first, then the periods' first days.
  events.insert(events.end(), labels.begin(), labels.end());
  place_labels(out, std::move(events));
  out += "</svg>\n";
}

std::string_view flag_colour(std::string_view flag) {
  if (flag == "below-cadence" || flag == "no-slot") return "red";
  if (flag == "at-risk" || flag == "repeated-cancellations" || flag == "unanswered") return "amber";
  return "violet";  // ended-early, short-agreement
}

void badge(std::string& out, std::string_view flag) {
  fmt::format_to(std::back_inserter(out), "<span class=\"badge {}\">{}</span>", flag_colour(flag),
                 base::html_escape(flag));
}

std::string status_text(const config::Pair& pair) {
  if (pair.status == config::PairStatus::ended) {
    std::string s = "ended";
    if (pair.ended_on) s += " on " + base::date_text(*pair.ended_on);
    if (pair.ended_reason) s += fmt::format(" ({})", config::to_string(*pair.ended_reason));
    return s;
  }
  return std::string(config::to_string(pair.status));
}

std::string agreement_text(const config::Agreement& a) {
  std::string s = a.cadence.text();
  s += a.minimum == a.cadence ? " (also the minimum)" : " (minimum " + a.minimum.text() + ")";
  s += fmt::format(" · {} min meetings", a.duration.count());
  s += a.first_meeting.count() > 0 ? fmt::format(", the first one {} min", a.first_meeting.count())
                                   : std::string(", no getting-to-know-you meeting");
  s += fmt::format(" · {} · at least {}", config::to_string(a.format),
                   plural(a.min_months, "month", "months"));
  return s;
}

constexpr std::string_view kStyle = R"CSS(
:root{color-scheme:light}
*{box-sizing:border-box}
body{margin:0;background:#fff;color:#101828;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Liberation Sans","DejaVu Sans",Arial,sans-serif}
main,header.page,footer{max-width:1080px;margin:0 auto;padding:0 20px}
header.page{padding-top:24px}
h1{font-size:26px;margin:0 0 2px}
.kicker{color:#475467;font-size:13px;text-transform:uppercase;letter-spacing:.06em;margin:0}
.generated{color:#344054;margin:4px 0 12px}
.totals{display:flex;flex-wrap:wrap;gap:10px;margin:0 0 14px;padding:0;list-style:none}
.totals li{border:1px solid #d0d5dd;border-radius:8px;padding:6px 12px;background:#f9fafb}
.totals b{font-size:20px;display:block;line-height:1.1}
.totals li.alert{border-color:#f04438;background:#fef3f2}
.legend{border:1px solid #e4e7ec;border-radius:8px;padding:8px 12px;margin:0 0 16px;font-size:12.5px;color:#344054}
.legend svg{display:block;width:100%;max-width:1000px;height:auto}
.legend p{margin:4px 0 0}
table.summary{border-collapse:collapse;width:100%;margin:0 0 22px;font-size:13px}
.summary th,.summary td{text-align:left;padding:5px 8px;border-bottom:1px solid #e4e7ec;vertical-align:top}
.summary th{background:#f2f4f7;font-weight:600}
.summary td.n,.summary th.n{text-align:right;font-variant-numeric:tabular-nums}
.summary a{color:#1849a9;text-decoration:none;font-weight:600;white-space:nowrap}
section.pair{border:1px solid #d0d5dd;border-radius:10px;padding:14px 16px 10px;margin:0 0 18px;break-inside:avoid;page-break-inside:avoid}
section.pair.flagged{border-left:6px solid #d92d20}
.pair h2{font-size:19px;margin:0;display:flex;flex-wrap:wrap;align-items:baseline;gap:10px}
.pair h2 .id{font-family:"DejaVu Sans Mono","Liberation Mono",Menlo,Consolas,monospace;font-size:17px}
.st{font-size:12px;font-weight:600;border-radius:10px;padding:1px 9px;border:1px solid}
.st.active{color:#05603a;border-color:#6ce9a6;background:#ecfdf3}
.st.paused{color:#344054;border-color:#98a2b3;background:#f2f4f7}
.st.ended{color:#475467;border-color:#d0d5dd;background:#fff}
.who{margin:2px 0 8px;color:#344054}
ul.flags{list-style:none;margin:0 0 8px;padding:0}
ul.flags li{margin:3px 0}
.badge{display:inline-block;font-size:12px;font-weight:700;border-radius:4px;padding:0 7px;margin-right:6px;border:1.5px solid;white-space:nowrap}
.badge.red{color:#912018;background:#fee4e2;border-color:#d92d20}
.badge.amber{color:#7a2e0e;background:#fef0c7;border-color:#dc6803}
.badge.violet{color:#4a1fb8;background:#ebe9fe;border-color:#7a5af8}
.summary .badge{font-size:11px;margin:1px 4px 1px 0}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px;margin:0 0 8px;font-size:13px}
dl.facts dt{color:#475467}
dl.facts dd{margin:0}
svg.tl{display:block;width:100%;height:auto;margin:4px 0 2px}
ol.meetings{list-style:none;margin:4px 0 0;padding:0;columns:4 200px;column-gap:18px;font-size:12px;color:#344054}
ol.meetings li{break-inside:avoid;white-space:nowrap}
ol.meetings .sym{display:inline-block;width:1.2em;text-align:center;font-weight:700}
.k-held .sym{color:#17684f}.k-booked .sym,.k-planned .sym{color:#17684f}
.k-declined .sym{color:#c4320a}.k-cancelled{color:#667085}
.k-cancelled .when{text-decoration:line-through}
p.hidden{font-size:12px;color:#667085;margin:4px 0 0}
footer{color:#475467;font-size:12px;padding-top:6px;padding-bottom:24px}
@media print{
  *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
  @page{size:A4;margin:12mm}
  body{font-size:10pt}
  main,header.page,footer{max-width:none;padding:0}
  table.summary{font-size:8.5pt}
  .summary th,.summary td{padding:3px 4px}
  .summary .badge{font-size:7.5pt;padding:0 4px}
  header.page{padding-top:0}
  section.pair{padding:10px 12px 8px;break-inside:avoid;page-break-inside:avoid}
  table.summary{page-break-after:always;break-after:page}
  .summary a{color:#101828}
  ol.meetings{columns:3}
}
)CSS";

// The legend: the marks and band tints once, for every timeline.
void legend(std::string& out, int horizon_weeks) {
  out +=
      "<div class=\"legend\"><svg viewBox=\"0 0 1000 30\" role=\"img\" "
      "aria-label=\"Legend\">";
  const std::vector<std::pair<Kind, std::string>> marks{{Kind::held, "held"},
                                                        {Kind::booked, "booked (invited)"},
                                                        {Kind::planned, "new in the plan"},
                                                        {Kind::declined, "declined"},
                                                        {Kind::cancelled, "cancelled"}};
  double x = 10;
  for (const auto& [kind, text] : marks) {
    draw_shape(out, kind, x + 6, 15);
    fmt::format_to(std::back_inserter(out),
                   "<text x=\"{:.0f}\" y=\"19.5\" font-size=\"13\" fill=\"#344054\">{}</text>",
                   x + 18, text);
    x += 28 + text_width(text, 13);
  }
  const auto swatch = [&](const char* fill, const char* bar, const char* text) {
    fmt::format_to(std::back_inserter(out),
                   "<rect x=\"{0:.0f}\" y=\"4\" width=\"26\" height=\"22\" fill=\"{1}\"/>"
                   "<rect x=\"{0:.0f}\" y=\"22\" width=\"26\" height=\"4\" fill=\"{2}\"/>"
                   "<text x=\"{3:.0f}\" y=\"19.5\" font-size=\"13\" fill=\"#344054\">{4}</text>",
                   x, fill, bar, x + 32, text);
    x += 44 + text_width(text, 13);
  };
  swatch("#fbd5d2", "#d92d20", "period below the minimum");
  swatch("#fde9b8", "#dc6803", "at risk");
  fmt::format_to(std::back_inserter(out),
                 "<line x1=\"{0:.0f}\" y1=\"3\" x2=\"{0:.0f}\" y2=\"27\" stroke=\"#101828\" "
                 "stroke-width=\"2\"/><text x=\"{1:.0f}\" y=\"19.5\" font-size=\"13\" "
                 "fill=\"#344054\">now</text>",
                 x + 2, x + 8);
  out += "</svg>";
  fmt::format_to(std::back_inserter(out),
                 "<p>Each band is one cadence period of the pair, with its meetings held, booked "
                 "or planned against the meetings the agreement asks for (<b>1/2</b>: one of "
                 "two). Timelines run from three periods back (or the pair's start) to the end "
                 "of the planning horizon, {} weeks ahead. Point at a mark or a band for its "
                 "details; the meetings are also listed under each timeline.</p></div>\n",
                 horizon_weeks);
}

}  // namespace

std::string report_html(const HealthView& view, Instant now) {
  const auto& programme = view.programme;
  const auto& tz = programme.programme.timezone;
  const ZoneText zt(tz);
  const Index index(view);
  const auto out_it = [](std::string& s) { return std::back_inserter(s); };

  // One zone covering every timeline: a few years back for yearly cadences, a year ahead.
  Instant earliest = now, latest = now + weeks(programme.scheduling.horizon_weeks);
  for (const auto& p : programme.pairs) {
    earliest = std::min<Instant>(earliest, sys_days{p.started});
    latest = std::max<Instant>(latest, sys_days{p.started});
  }
  const scheduler::Zone zone(tz, {earliest - days(366 * (kPeriodsBack + 2)), latest + days(800)});
  std::optional<Instant> tracking_since;
  for (const auto& m : view.meetings) {
    if (!tracking_since || m.created < *tracking_since) tracking_since = m.created;
  }

  int flagged = 0, ended = 0, paused = 0, held = 0, booked = 0, cancelled = 0, declined = 0;
  for (const auto& h : view.health) {
    flagged += !h.flags.empty();
    held += h.held, booked += h.booked, cancelled += h.cancelled, declined += h.declined;
    const auto& pair = index.pair(h.pair);
    ended += pair.status == config::PairStatus::ended;
    paused += pair.status == config::PairStatus::paused;
  }

  std::string out;
  out.reserve(8192 + 6144 * view.health.size());
  const auto name = base::html_escape(programme.programme.name);
  fmt::format_to(out_it(out),
                 "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                 "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                 "<meta name=\"generator\" content=\"mentorcal report\">\n"
                 "<title>{} — mentoring report {}</title>\n<style>{}</style>\n</head>\n<body>\n",
                 name, date::format("%F", now), kStyle);
  fmt::format_to(out_it(out),
                 "<header class=\"page\">\n<p class=\"kicker\">Mentoring report</p>\n"
                 "<h1>{}</h1>\n<p class=\"generated\">Generated at <b>{}</b> (UTC) · {} ({})</p>\n",
                 name, date::format("%Y-%m-%d %H:%M", now), base::html_escape(zt.instant(now)),
                 base::html_escape(tz));
  fmt::format_to(out_it(out),
                 "<ul class=\"totals\"><li><b>{}</b>pairs</li><li{}><b>{}</b>flagged</li>"
                 "<li><b>{}</b>ended</li><li><b>{}</b>paused</li><li><b>{}</b>meetings held</li>"
                 "<li><b>{}</b>booked ahead</li><li><b>{}</b>cancelled</li>"
                 "<li><b>{}</b>declined</li></ul>\n",
                 view.health.size(), flagged > 0 ? " class=\"alert\"" : "", flagged, ended, paused,
                 held, booked, cancelled, declined);
  legend(out, programme.scheduling.horizon_weeks);
  out += "</header>\n<main>\n";

  if (view.health.empty()) out += "<p>The programme has no pairs.</p>\n";

  // The summary table: every pair on one page, linked to its section.
  if (!view.health.empty()) {
    out +=
        "<table class=\"summary\"><thead><tr><th>Pair</th><th>Mentor</th><th>Mentee</th>"
        "<th>Status</th><th>Flags</th><th class=\"n\">Held</th><th class=\"n\">Booked</th>"
        "<th class=\"n\">Cancelled</th><th class=\"n\">Declined</th><th class=\"n\">Months</th>"
        "</tr></thead><tbody>\n";
  }
  for (const auto& h : view.health) {
    const auto& pair = index.pair(h.pair);
    const auto* mentor = &index.person(pair.mentor);
    const auto* mentee = &index.person(pair.mentee);
    const auto id = base::html_escape(pair.id);
    fmt::format_to(out_it(out),
                   "<tr><td><a href=\"#pair-{0}\">{0}</a></td><td>{1}</td><td>{2}</td>"
                   "<td>{3}</td><td>",
                   id, base::html_escape(mentor->name), base::html_escape(mentee->name),
                   base::html_escape(status_text(pair)));
    for (const auto& f : h.flags)
      badge(out, f.flag);
    if (h.flags.empty()) out += "—";
    fmt::format_to(out_it(out),
                   "</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>"
                   "<td class=\"n\">{}</td><td class=\"n\">{}</td></tr>\n",
                   h.held, h.booked, h.cancelled, h.declined, h.months);
  }
  if (!view.health.empty()) out += "</tbody></table>\n";

  for (const auto& h : view.health) {
    const auto& pair = index.pair(h.pair);
    const auto* mentor = &index.person(pair.mentor);
    const auto* mentee = &index.person(pair.mentee);
    const auto id = base::html_escape(pair.id);
    const auto status = std::string(config::to_string(pair.status));
    fmt::format_to(out_it(out),
                   "<section class=\"pair{}\" id=\"pair-{}\">\n<h2><span class=\"id\">{}</span>"
                   "<span class=\"st {}\">{}</span></h2>\n"
                   "<p class=\"who\">Mentor <b>{}</b> · Mentee <b>{}</b></p>\n",
                   h.flags.empty() ? "" : " flagged", id, id, status,
                   base::html_escape(status_text(pair)), base::html_escape(mentor->name),
                   base::html_escape(mentee->name));
    if (!h.flags.empty()) {
      out += "<ul class=\"flags\">";
      for (const auto& f : h.flags) {
        out += "<li>";
        badge(out, f.flag);
        fmt::format_to(out_it(out), "{}</li>", base::html_escape(f.detail));
      }
      out += "</ul>\n";
    }
    const auto facts = facts_of(pair, zone);
    std::string dates =
        (facts.active_begin > now ? "starts " : "started ") + base::date_text(pair.started);
    if (pair.ends) dates += " · planned end " + base::date_text(*pair.ends);
    fmt::format_to(out_it(out),
                   "<dl class=\"facts\"><dt>Agreement</dt><dd>{}</dd><dt>Dates</dt><dd>{}</dd>"
                   "<dt>Meetings</dt><dd>{} held · {} booked ahead · {} cancelled · {} declined "
                   "· {} of the relationship</dd></dl>\n",
                   base::html_escape(agreement_text(pair.agreement)), base::html_escape(dates),
                   h.held, h.booked, h.cancelled, h.declined, plural(h.months, "month", "months"));

    const auto marks = marks_of(index, pair, now);
    int hidden = 0;
    draw_timeline(out, view, facts, marks, zone, zt, now, tracking_since, hidden);

    if (marks.empty()) {
      out += "<p class=\"hidden\">No meetings yet.</p>\n";
    } else {
      out += "<ol class=\"meetings\">";
      for (const auto& m : marks) {
        constexpr std::array kSymbols{"●", "○", "◌", "✕", "⊘"};
        fmt::format_to(out_it(out),
                       "<li class=\"k-{}\"><span class=\"sym\" aria-hidden=\"true\">{}</span>"
                       "<span class=\"when\">{}</span> {}{}</li>",
                       css_class(m.kind), kSymbols[static_cast<int>(m.kind)],
                       base::html_escape(zt.short_start(m.when.begin)),
                       m.kind == Kind::planned ? "new" : word(m.kind), m.first ? " (first)" : "");
      }
      out += "</ol>\n";
    }
    if (hidden > 0) {
      fmt::format_to(out_it(out),
                     "<p class=\"hidden\">{} outside the timeline (listed above, counted in the "
                     "totals).</p>\n",
                     plural(hidden, "meeting lies", "meetings lie"));
    }
    out += "</section>\n";
  }
  fmt::format_to(out_it(out),
                 "</main>\n<footer><p>Confidential: this report holds dates, statuses, flags and "
                 "counts only — no meeting content, agendas or replies. Times are in {} unless "
                 "marked UTC. Made by mentorcal for the programme's admins.</p></footer>\n"
                 "</body>\n</html>\n",
                 base::html_escape(tz));
  return out;
}

}  // namespace mentorcal::report
