#include "report/report_html.h"

#include <algorithm>
#include <array>
#include <optional>
#include <vector>

#include <date/date.h>
#include <date/tz.h>
#include <fmt/format.h>

#include "base/text_template.h"
#include "base/time_text.h"
#include "config/programme.h"
#include "report/marks.h"
#include "report/timeline.h"
#include "scheduler/health.h"
#include "scheduler/periods.h"
#include "scheduler/zone.h"

namespace mentorcal::report {

// Generated from report/templates/ by cmake/EmbedText.cmake.
std::string_view embedded_template(std::string_view path);

namespace {

using namespace std::chrono;
using base::TemplateData;
using scheduler::Instant;
using scheduler::Interval;

constexpr std::string_view kLanguage = "en";
constexpr const char* kMonthAbbr[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
constexpr int kPeriodsBack = 3;  // the timeline starts this many periods before the current one

// The CSS class of each Kind, and the key report.mark_note reads for each Note, in their order.
constexpr std::array<std::string_view, 5> kKindCss{"held", "booked", "planned", "declined",
                                                   "cancelled"};

constexpr std::array<std::string_view, 10> kNoteKey{
    "",      "declined_by", "pair_ended", "pair_removed", "impossible",
    "moves", "dropped",     "accepted",   "moved",        "invited"};

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

// Numbers as the SVG writes them: positions to a tenth, sizes as they are.
std::string tenths(double v) {
  return fmt::format("{:.1f}", v);
}
std::string number(double v) {
  return fmt::format("{}", v);
}

// Set what report.word and report.symbol read: the kind of a mark.
void set_kind(TemplateData& d, Kind kind) {
  d.set("held", kind == Kind::held);
  d.set("booked", kind == Kind::booked);
  d.set("planned", kind == Kind::planned);
  d.set("open", kind == Kind::booked || kind == Kind::planned);
  d.set("declined", kind == Kind::declined);
  d.set("cancelled", kind == Kind::cancelled);
  d.set("css", std::string(kKindCss[static_cast<int>(kind)]));
}

// Set what report.glyph reads: the kind of a mark, and where its shape goes.
void set_mark(TemplateData& d, Kind kind, const Glyph& g) {
  set_kind(d, kind);
  d.set("x", tenths(g.x));
  d.set("y", tenths(g.y));
  d.set("cross_left", tenths(g.left));
  d.set("cross_right", tenths(g.right));
  d.set("cross_top", tenths(g.top));
  d.set("cross_bottom", tenths(g.bottom));
  d.set("bar_left", tenths(g.bar_left));
  d.set("bar_right", tenths(g.bar_right));
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

struct PairFacts {
  const config::Pair* pair;
  Instant active_begin, active_end;  // [started, ended or planned end) in UTC
};

PairFacts facts_of(const config::Pair& pair, const scheduler::Zone& zone) {
  const auto active = scheduler::active_span(pair, zone);
  PairFacts facts{&pair, active.begin, active.end};
  if (pair.status == config::PairStatus::ended && pair.ended_on) {
    facts.active_end =
        std::min(facts.active_end, zone.first_at_or_after(local_days{*pair.ended_on}));
  }
  return facts;
}

// The state of a cadence period, as its tint and its tooltip say (report.band_note).
enum class BandState { plain, off, untracked, below, risk };
enum class BandNote { none, off, paused, ended, untracked, below, beyond, risk };

// The pair's timeline: its cadence periods as bands with meetings counted against the minimum,
// and every meeting as a mark; `hidden` counts the meetings outside it.
TemplateData timeline_data(const HealthView& view, const PairFacts& facts,
                           const std::vector<Mark>& marks, const scheduler::Zone& zone,
                           const ZoneText& zt, Instant now, std::optional<Instant> tracking_since,
                           int& hidden) {
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

  const auto periods = scheduler::periods(a.cadence, zone, pair.started, active, {begin, end});
  const auto floors = scheduler::periods(a.minimum, zone, pair.started, active, {begin, end});
  const auto count_in = [&](Interval span) {
    return static_cast<int>(std::count_if(marks.begin(), marks.end(), [&](const Mark& m) {
      return m.counts && span.contains(m.when.begin);
    }));
  };
  // Cadence health judges active pairs only (DESIGN.md §6); the bands say what it counts.
  const bool judged = pair.status == config::PairStatus::active;

  TemplateData tl;
  tl.set("width", number(Axis::kWidth));
  tl.set("height", number(kHeight));
  tl.set("id", pair.id);
  tl.set("from", zt.instant(begin));
  tl.set("to", zt.instant(end));
  TemplateData bands{TemplateData::type::list};
  std::vector<AxisLabel> labels;
  for (std::size_t i = 0; i < periods.size(); ++i) {
    const auto& p = periods[i];
    const int count = count_in(p.span);
    const auto floor_it = std::find_if(floors.begin(), floors.end(), [&](const auto& f) {
      return f.span.contains(std::max(p.span.begin, begin));
    });
    const int minimum = floor_it == floors.end() ? 0 : floor_it->required;
    const bool below = floor_it != floors.end() && count_in(floor_it->span) < minimum;
    const bool inactive =
        Interval{std::max(p.span.begin, active.begin), std::min(p.span.end, active.end)}.empty();

    auto state = BandState::plain;
    auto note = BandNote::none;
    if (inactive) {
      state = BandState::off, note = BandNote::off;
    } else if (!judged) {
      note = pair.status == config::PairStatus::paused ? BandNote::paused : BandNote::ended;
    } else if (p.span.end <= now) {
      if (!tracking_since || p.span.end <= *tracking_since) {
        state = BandState::untracked, note = BandNote::untracked;
      } else if (below && p.required > 0) {
        state = BandState::below, note = BandNote::below;
      }
    } else if (p.span.end > horizon_end) {
      note = BandNote::beyond;
    } else if (below && p.required > 0) {
      state = BandState::risk, note = BandNote::risk;
    }
    std::string count_text = p.required > 0 ? fmt::format("{}/{}", count, p.required)
                             : count > 0    ? fmt::format("{}", count)
                                            : "–";
    if (inactive && count == 0) count_text = "not active";
    const auto label = p.label(a.cadence);
    const auto band = band_on(axis, {p.span, label, short_label(p), count_text, inactive});

    TemplateData b;
    b.set("off", state == BandState::off);
    b.set("untracked", state == BandState::untracked);
    b.set("below", state == BandState::below);
    b.set("risk", state == BandState::risk);
    b.set("plain", state == BandState::plain || state == BandState::untracked);
    b.set("odd", i % 2 == 1);
    b.set("bar", state == BandState::below || state == BandState::risk);
    b.set("note", note != BandNote::none);
    b.set("paused_note", note == BandNote::paused);
    b.set("ended_note", note == BandNote::ended);
    b.set("beyond", note == BandNote::beyond);
    b.set("label", label);
    b.set("count", std::to_string(count));
    b.set("required", std::to_string(p.required));
    b.set("minimum", std::to_string(minimum));
    b.set("x0", tenths(band.x0));
    b.set("width", tenths(std::max(0.0, band.x1 - band.x0)));
    b.set("cx", tenths((band.x0 + band.x1) / 2));
    b.set("bottom", number(kBandBottom));
    b.set("bar_y", number(kBandBottom - 4));
    b.set("label_y", number(kLabelY));
    b.set("count_y", number(kCountY));
    if (!band.label.empty()) b.set("shown", band.label);
    if (!band.count.empty()) b.set("count_text", band.count);
    b.set("count_size", number(band.count_size));
    b.set("separator", i > 0);
    b.set("separator_bottom", number(kBandBottom + 4));
    bands.push_back(b);
    if (p.span.begin >= begin) labels.push_back({band.x0, day_month(p.first)});
  }
  tl.set("bands", bands);
  tl.set("axis_left", number(Axis::kLeft));
  tl.set("axis_right", number(Axis::kRight));
  tl.set("axis_y", number(kBandBottom));

  // Lines for now, and for the pair's start and end.
  TemplateData lines{TemplateData::type::list};
  std::vector<AxisLabel> events;
  const auto line = [&](Instant t, const std::string& text, bool strong) {
    if (t < begin || t > end) return;
    const double x = axis.x(t);
    TemplateData l;
    l.set("x", tenths(x));
    l.set("bottom", number(kBandBottom + 6));
    l.set("strong", strong);
    lines.push_back(l);
    events.push_back({x, text, true});
  };
  line(now, "now", true);  // first: its label wins over the others
  if (facts.active_begin > begin) line(facts.active_begin, "started", false);
  if (facts.active_end < end) {
    line(facts.active_end, pair.status == config::PairStatus::ended ? "ended" : "planned end",
         false);
  }
  tl.set("lines", lines);

  // Marks, in lanes so that close meetings do not hide each other.
  std::vector<const Mark*> shown;
  std::vector<double> xs;
  for (const auto& m : marks) {
    if (m.when.begin < begin || m.when.begin >= end) {
      hidden += 1;
      continue;
    }
    shown.push_back(&m);
    xs.push_back(axis.x(m.when.begin));
  }
  const auto lane = lanes(xs);
  TemplateData dots{TemplateData::type::list};
  for (std::size_t i = 0; i < shown.size(); ++i) {
    const auto& m = *shown[i];
    TemplateData d;
    set_mark(d, m.kind, glyph_at(xs[i], kLaneY[lane[i]]));
    d.set("span", zt.span(m.when));
    d.set("first", m.first);
    d.set("note", m.note != Note::none);
    for (std::size_t n = 1; n < kNoteKey.size(); ++n)
      d.set(std::string(kNoteKey[n]), m.note == static_cast<Note>(n));
    if (m.note == Note::declined_by) {
      d.set("declined_by", m.declined_by[0]);
      if (m.declined_by.size() > 1) d.set("declined_by_too", m.declined_by[1]);
    }
    dots.push_back(d);
  }
  tl.set("dots", dots);

  // Under the axis: now, start and end first, then the periods' first days.
  events.insert(events.end(), labels.begin(), labels.end());
  TemplateData texts{TemplateData::type::list};
  for (const auto& l : place_labels(events)) {
    TemplateData t;
    t.set("x", tenths(l.x));
    t.set("y", number(kTextY));
    t.set("bold", l.bold);
    t.set("text", l.text);
    texts.push_back(t);
  }
  tl.set("labels", texts);
  return tl;
}

std::string_view flag_colour(scheduler::FlagKind kind) {
  using scheduler::FlagKind;
  switch (kind) {
    case FlagKind::below_cadence:
    case FlagKind::no_slot:
      return "red";
    case FlagKind::at_risk:
    case FlagKind::repeated_cancellations:
    case FlagKind::unanswered:
      return "amber";
    case FlagKind::ended_early:
    case FlagKind::short_agreement:
    case FlagKind::review_due:
      return "violet";
  }
  return "violet";
}

// The legend: the marks and band tints once, for every timeline.
TemplateData legend_data() {
  const std::vector<std::pair<Kind, std::string>> marks{{Kind::held, "held"},
                                                        {Kind::booked, "booked (invited)"},
                                                        {Kind::planned, "new in the plan"},
                                                        {Kind::declined, "declined"},
                                                        {Kind::cancelled, "cancelled"}};
  const std::vector<std::pair<BandState, std::string>> swatches{
      {BandState::below, "period below the minimum"}, {BandState::risk, "at risk"}};
  std::vector<std::string> mark_texts, swatch_texts;
  for (const auto& [kind, text] : marks)
    mark_texts.push_back(text);
  for (const auto& [state, text] : swatches)
    swatch_texts.push_back(text);
  const auto layout = legend_layout(mark_texts, swatch_texts);

  TemplateData legend, items{TemplateData::type::list}, tints{TemplateData::type::list};
  for (std::size_t i = 0; i < marks.size(); ++i) {
    TemplateData m;
    set_mark(m, marks[i].first, glyph_at(layout.marks[i].x, 15));
    m.set("text_x", fmt::format("{:.0f}", layout.marks[i].text_x));
    m.set("text", marks[i].second);
    items.push_back(m);
  }
  for (std::size_t i = 0; i < swatches.size(); ++i) {
    TemplateData s;
    s.set("off", false);
    s.set("plain", false);
    s.set("below", swatches[i].first == BandState::below);
    s.set("risk", swatches[i].first == BandState::risk);
    s.set("x", fmt::format("{:.0f}", layout.swatches[i].x));
    s.set("text_x", fmt::format("{:.0f}", layout.swatches[i].text_x));
    s.set("text", swatches[i].second);
    tints.push_back(s);
  }
  legend.set("marks", items);
  legend.set("swatches", tints);
  legend.set("now_x", fmt::format("{:.0f}", layout.now.x));
  legend.set("now_text_x", fmt::format("{:.0f}", layout.now.text_x));
  return legend;
}

// What report.status reads.
void set_status(TemplateData& d, const config::Pair& pair) {
  d.set("status", std::string(config::to_string(pair.status)));
  d.set("has_ended", pair.status == config::PairStatus::ended);
  if (pair.ended_on) d.set("ended_on", base::date_text(*pair.ended_on));
  if (pair.ended_reason) d.set("ended_reason", std::string(config::to_string(*pair.ended_reason)));
}

// What report.agreement reads.
TemplateData agreement_data(const config::Agreement& a) {
  TemplateData d;
  d.set("cadence", a.cadence.text());
  d.set("same_minimum", a.minimum == a.cadence);
  d.set("minimum", a.minimum.text());
  d.set("duration", std::to_string(a.duration.count()));
  if (a.first_meeting.count() > 0) d.set("first_minutes", std::to_string(a.first_meeting.count()));
  d.set("format", std::string(config::to_string(a.format)));
  d.set("min_months", std::to_string(a.min_months));
  d.set("one_min_month", a.min_months == 1);
  return d;
}

}  // namespace

std::string_view report_css() {
  return embedded_template("report.css");
}

std::string report_html(const HealthView& view, Instant now, std::string_view stylesheet) {
  const auto& programme = view.programme;
  const auto& tz = programme.programme.timezone;
  const ZoneText zt(tz);
  const Index index(view);

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

  TemplateData page;
  page.set("name", programme.programme.name);
  page.set("date", date::format("%F", now));
  if (stylesheet.empty()) {
    page.set("css", std::string(report_css()));
  } else {
    page.set("stylesheet", std::string(stylesheet));
  }
  page.set("generated", date::format("%Y-%m-%d %H:%M", now));
  page.set("now", zt.instant(now));
  page.set("zone", tz);
  page.set("pairs", std::to_string(view.health.size()));
  page.set("alert", flagged > 0);
  page.set("flagged", std::to_string(flagged));
  page.set("ended", std::to_string(ended));
  page.set("paused", std::to_string(paused));
  page.set("held", std::to_string(held));
  page.set("booked", std::to_string(booked));
  page.set("cancelled", std::to_string(cancelled));
  page.set("declined", std::to_string(declined));
  auto legend = legend_data();
  legend.set("horizon_weeks", std::to_string(programme.scheduling.horizon_weeks));
  page.set("legend", legend);

  // Every pair, flagged first: a row of the summary table and a section.
  TemplateData rows{TemplateData::type::list};
  for (const auto& h : view.health) {
    const auto& pair = index.pair(h.pair);
    TemplateData row;
    row.set("id", pair.id);
    row.set("mentor", index.person(pair.mentor).name);
    row.set("mentee", index.person(pair.mentee).name);
    set_status(row, pair);
    row.set("flagged", !h.flags.empty());
    TemplateData flags{TemplateData::type::list};
    for (const auto& f : h.flags) {
      TemplateData flag;
      flag.set("flag", std::string(scheduler::to_string(f.kind)));
      flag.set("colour", std::string(flag_colour(f.kind)));
      flag.set("detail", f.detail);
      flags.push_back(flag);
    }
    row.set("flags", flags);
    row.set("held", std::to_string(h.held));
    row.set("booked", std::to_string(h.booked));
    row.set("cancelled", std::to_string(h.cancelled));
    row.set("declined", std::to_string(h.declined));
    row.set("months", std::to_string(h.months));
    row.set("one_month", h.months == 1);
    row.set("agreement", agreement_data(pair.agreement));

    const auto facts = facts_of(pair, zone);
    row.set("starts", facts.active_begin > now);
    row.set("started", base::date_text(pair.started));
    if (pair.ends) row.set("ends", base::date_text(*pair.ends));

    const auto marks = marks_of(index, pair, now);
    int hidden = 0;
    row.set("timeline", timeline_data(view, facts, marks, zone, zt, now, tracking_since, hidden));
    TemplateData listed{TemplateData::type::list};
    for (const auto& m : marks) {
      TemplateData item;
      set_kind(item, m.kind);
      item.set("when", zt.short_start(m.when.begin));
      item.set("first", m.first);
      listed.push_back(item);
    }
    row.set("has_marks", !marks.empty());
    row.set("marks", listed);
    if (hidden > 0) row.set("hidden", std::to_string(hidden));
    row.set("one_hidden", hidden == 1);
    rows.push_back(row);
  }
  page.set("has_rows", !view.health.empty());
  page.set("rows", rows);
  return base::render_template(embedded_template, kLanguage, "report.html", std::move(page));
}

}  // namespace mentorcal::report
