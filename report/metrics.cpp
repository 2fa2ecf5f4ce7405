#include "report/metrics.h"

#include <chrono>
#include <map>
#include <optional>
#include <string_view>

#include <fmt/format.h>

#include "config/enum_names.h"
#include "scheduler/meeting_state.h"

namespace mentorcal::report {
namespace {

using Labels = std::vector<std::pair<std::string_view, std::string>>;

// A label value as the exposition format quotes it: backslash, double quote and newline escaped.
std::string escaped(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (const char c : value) {
    if (c == '\\')
      out += "\\\\";
    else if (c == '"')
      out += "\\\"";
    else if (c == '\n')
      out += "\\n";
    else
      out += c;
  }
  return out;
}

double seconds_since_epoch(scheduler::Instant t) {
  return static_cast<double>(
      std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count());
}

class Writer {
 public:
  void family(std::string_view name, std::string_view type, std::string_view help) {
    fmt::format_to(std::back_inserter(out_), "# HELP {} {}\n# TYPE {} {}\n", name, help, name,
                   type);
  }
  void sample(std::string_view name, const Labels& labels, double value) {
    out_ += name;
    if (!labels.empty()) {
      out_ += '{';
      for (std::size_t i = 0; i < labels.size(); ++i) {
        fmt::format_to(std::back_inserter(out_), "{}{}=\"{}\"", i ? "," : "", labels[i].first,
                       escaped(labels[i].second));
      }
      out_ += '}';
    }
    fmt::format_to(std::back_inserter(out_), " {}\n", value);
  }
  std::string take() { return std::move(out_); }

 private:
  std::string out_;
};

template <typename Enum, typename Count>
void by_enum(Writer& w, std::string_view name, std::string_view label,
             const std::map<Enum, Count>& counts, std::optional<Enum> skip = std::nullopt) {
  for (const auto& [word, value] : config::EnumNames<Enum>::values) {
    if (skip && value == *skip) continue;
    const auto it = counts.find(value);
    w.sample(name, {{label, std::string(word)}},
             it == counts.end() ? 0.0 : static_cast<double>(it->second));
  }
}

}  // namespace

std::string metrics_text(const HealthView& view, const TickFigures& figures) {
  Writer w;
  w.family("mentorcal_build_info", "gauge", "The mentorcal version that wrote these metrics.");
  w.sample("mentorcal_build_info", {{"version", figures.version}}, 1);

  std::map<config::PairStatus, int> pairs;
  for (const auto& p : view.programme.pairs)
    ++pairs[p.status];
  w.family("mentorcal_pairs", "gauge", "Pairs in the programme, by status.");
  by_enum(w, "mentorcal_pairs", "status", pairs);

  std::map<scheduler::FlagKind, int> flags;
  for (const auto& h : view.health)
    for (const auto& f : h.flags)
      ++flags[f.kind];
  w.family("mentorcal_pairs_flagged", "gauge", "Pairs with a health flag, by flag.");
  for (const auto kind : scheduler::kFlagKinds) {
    const auto it = flags.find(kind);
    w.sample("mentorcal_pairs_flagged", {{"flag", std::string(scheduler::to_string(kind))}},
             it == flags.end() ? 0 : it->second);
  }

  int upcoming = 0, held = 0;
  std::map<scheduler::CancelKind, int> cancelled;
  for (const auto& h : view.health)
    held += h.held;
  for (const auto& m : view.meetings) {
    if (m.status == scheduler::MeetingStatus::cancelled)
      ++cancelled[m.cancel_kind];
    else if (m.when.begin >= figures.now)
      ++upcoming;
  }
  w.family("mentorcal_meetings", "gauge",
           "Meetings: booked ones to come, and ones held (ended, not cancelled, declined by "
           "nobody).");
  w.sample("mentorcal_meetings", {{"state", "upcoming"}}, upcoming);
  w.sample("mentorcal_meetings", {{"state", "held"}}, held);
  w.family("mentorcal_meetings_cancelled", "gauge", "Meetings cancelled, by reason.");
  by_enum(w, "mentorcal_meetings_cancelled", "reason", cancelled,
          std::optional(scheduler::CancelKind::none));

  w.family("mentorcal_outbox_messages", "gauge", "Messages in the outbox not sent, by state.");
  w.sample("mentorcal_outbox_messages", {{"state", "pending"}}, figures.outbox.pending);
  w.sample("mentorcal_outbox_messages", {{"state", "failed"}}, figures.outbox.failed);
  w.family("mentorcal_outbox_oldest_pending_age_seconds", "gauge",
           "Age of the oldest pending message (0: none pending).");
  w.sample("mentorcal_outbox_oldest_pending_age_seconds", {},
           static_cast<double>(figures.outbox.oldest_pending.count()));

  const auto& replies = figures.replies;
  w.family("mentorcal_replies_total", "counter",
           "Answers read from the organiser mailbox, by what was done with them.");
  by_enum(w, "mentorcal_replies_total", "outcome", replies);

  w.family("mentorcal_tick_duration_seconds", "gauge", "How long the last tick took.");
  w.sample("mentorcal_tick_duration_seconds", {}, figures.tick_seconds);
  w.family("mentorcal_tick_deadline_seconds", "gauge", "A tick running longer is killed.");
  w.sample("mentorcal_tick_deadline_seconds", {}, figures.tick_deadline_seconds);
  w.family("mentorcal_tick_interval_seconds", "gauge", "How often the daemon ticks.");
  w.sample("mentorcal_tick_interval_seconds", {}, figures.tick_interval_seconds);
  w.family("mentorcal_last_tick_timestamp_seconds", "gauge",
           "When the last tick that ran to its end started (Unix time).");
  w.sample("mentorcal_last_tick_timestamp_seconds", {}, seconds_since_epoch(figures.now));

  if (figures.has_mailbox) {
    w.family("mentorcal_mailbox_last_success_timestamp_seconds", "gauge",
             "When the organiser mailbox was last read (Unix time; 0: never).");
    w.sample("mentorcal_mailbox_last_success_timestamp_seconds", {},
             figures.mailbox_last_success ? seconds_since_epoch(*figures.mailbox_last_success) : 0);
  }
  if (!figures.feeds.empty()) {
    w.family("mentorcal_feed_last_success_timestamp_seconds", "gauge",
             "When a person's busy calendar was last fetched (Unix time; 0: never).");
    for (const auto& f : figures.feeds) {
      w.sample("mentorcal_feed_last_success_timestamp_seconds", {{"person", f.person}},
               f.good_at ? seconds_since_epoch(*f.good_at) : 0);
    }
    w.family("mentorcal_feed_up", "gauge", "Whether the last fetch of a busy calendar worked.");
    for (const auto& f : figures.feeds)
      w.sample("mentorcal_feed_up", {{"person", f.person}}, f.error.empty() ? 1 : 0);
  }
  return w.take();
}

}  // namespace mentorcal::report
