#include "scheduler/health.h"

#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <unordered_map>

#include <fmt/format.h>

#include "base/time_text.h"
#include "scheduler/periods.h"
#include "scheduler/zone.h"

namespace mentorcal::scheduler {
namespace {

using namespace std::chrono;

constexpr auto kCancellationWindow = days(60);
constexpr auto kAnswerWithin = days(7);
constexpr auto kLookBack =
    days(92);  // completed periods judged: those that ended in the last quarter

using base::Phrase;

Phrase::Day day(config::Date d) {
  return {d, Phrase::Day::As::date};
}

// Add a flag of `kind` saying `what`.
void add(PairHealth& h, FlagKind kind, Phrase what) {
  auto detail = what.text();
  h.flags.push_back({kind, std::move(detail), std::move(what), {}, {}});
}

int whole_months(year_month_day from, year_month_day to) {
  int m = (int(to.year()) - int(from.year())) * 12 + int(unsigned(to.month())) -
          int(unsigned(from.month()));
  if (to.day() < from.day()) --m;
  return std::max(m, 0);
}

bool declined(const MeetingRecord& m) {
  return m.partstat[0] == PartStat::declined || m.partstat[1] == PartStat::declined;
}

// Return true when a partner had declined `m`'s time before it was cancelled: mentorcal proposed
// a time already refused (older states; the planner no longer does), so its end is mentorcal's
// doing, not the partners'.
bool declined_before(const MeetingRecord& m, const std::vector<const MeetingRecord*>& mine) {
  return std::any_of(mine.begin(), mine.end(), [&](const MeetingRecord* other) {
    return other != &m && declined(*other) && other->cancelled_at && m.cancelled_at &&
           *other->cancelled_at < *m.cancelled_at && other->when.overlaps(m.when);
  });
}

// Return what an admin should know when a partner declined two or more meetings at the same
// weekday and time of their own clock ("Priya declined two Wednesday 13:00 meetings; ..."), or
// nothing. The planner no longer prefers such a time (PairState::habit_before).
std::vector<Phrase> declined_habit_note(const config::Programme& programme,
                                        const config::Pair& pair,
                                        const std::vector<const MeetingRecord*>& mine,
                                        Instant now) {
  std::vector<Phrase> note;
  const std::array<const std::string*, 2> ids{&pair.mentor, &pair.mentee};
  for (std::size_t i = 0; i < 2; ++i) {
    const auto* person = programme.person(*ids[i]);
    if (!person) continue;
    std::map<std::pair<unsigned, long>, int> at;  // (weekday, minutes) -> declines
    std::optional<Zone> own;
    for (const auto* m : mine) {
      if (!m->cancelled || m->partstat[i] != PartStat::declined || declined_before(*m, mine))
        continue;
      if (!own) own.emplace(person->timezone, Interval{now - days(800), now + days(800)});
      const auto local = own->local(m->when.begin);
      const auto day = floor<days>(local);
      ++at[{weekday{day}.c_encoding(), duration_cast<minutes>(local - day).count()}];
    }
    // A day of that weekday, for its name: 4 January 1970 was a Sunday.
    const auto a_day = [](unsigned c_weekday) {
      return Phrase::Day{year_month_day{sys_days{days(3 + c_weekday)}}, Phrase::Day::As::weekday};
    };
    for (const auto& [when, count] : at) {
      if (count < 2) continue;
      note.push_back(
          Phrase(
              "{{name}} declined {{count}} {{weekday}} {{time}} meetings; {{name}}'s availability "
              "may be out of date")
              .with("name", person->name)
              .with("count", count, true)
              .with("weekday", a_day(when.first))
              .with("time", fmt::format("{:02}:{:02}", when.second / 60, when.second % 60)));
    }
  }
  return note;
}

// The flags of the cadence periods: below-cadence for completed ones, at-risk for the current.
void cadence_flags(const config::Pair& pair, const Zone& zone, Interval active,
                   const std::vector<const MeetingRecord*>& mine,
                   const std::vector<Instant>& planned_starts, const HealthInput& in,
                   PairHealth& out) {
  const auto& a = pair.agreement;
  const Instant now = in.now;
  const Instant horizon_end = now + weeks(in.programme->scheduling.horizon_weeks);
  const Interval range{now - kLookBack, std::min(now + seconds(1), active.end)};
  if (range.empty()) return;
  const auto asked = periods(a.cadence, zone, pair.started, active, range);
  const auto floor_ = periods(a.minimum, zone, pair.started, active, range);
  std::vector<std::pair<Phrase, const Period*>> below;  // what, period
  for (std::size_t i = 0; i < asked.size() && i < floor_.size(); ++i) {
    const auto& p = asked[i];
    const int minimum = floor_[i].required;
    const int held =
        static_cast<int>(std::count_if(mine.begin(), mine.end(), [&](const MeetingRecord* m) {
          return p.span.contains(m->when.begin) && is_held(*m, now);
        }));
    if (p.span.end <= now) {
      if (in.tracking_since && p.span.end > *in.tracking_since && held < minimum) {
        below.emplace_back(Phrase("{{period}}: {{held}} of {{asked}} meetings held (minimum "
                                  "{{minimum}})")
                               .with("period", p.name(a.cadence))
                               .with("held", held)
                               .with("asked", p.required)
                               .with("minimum", minimum),
                           &p);
      }
    } else if (p.span.contains(now) && p.span.end <= horizon_end) {
      const int planned =
          static_cast<int>(std::count_if(planned_starts.begin(), planned_starts.end(),
                                         [&](Instant begin) { return p.span.contains(begin); }));
      if (held + planned < minimum) {
        add(out, FlagKind::at_risk,
            Phrase("{{period}}: {{held}} held and {{planned}} planned, below the minimum of "
                   "{{minimum}}")
                .with("period", p.name(a.cadence))
                .with("held", held)
                .with("planned", planned)
                .with("minimum", minimum));
        auto& f = out.flags.back();
        f.period = p.span;
        f.period_label = p.label(a.cadence);
        f.held = held, f.planned = planned, f.minimum = minimum;
      }
    }
  }
  if (!below.empty()) {
    // Most recent first; older ones are counted.
    auto [what, period] = below.back();
    if (below.size() == 2) {
      what = Phrase("{{what}} (and 1 earlier period)").with("what", std::move(what));
    } else if (below.size() > 2) {
      what = Phrase("{{what}} (and {{count}} earlier periods)")
                 .with("what", std::move(what))
                 .with("count", static_cast<long long>(below.size() - 1));
    }
    Flag flag{FlagKind::below_cadence, what.text(), std::move(what), period->span,
              period->label(a.cadence)};
    out.flags.insert(out.flags.begin(), std::move(flag));
  }
}

}  // namespace

std::string_view to_string(FlagKind kind) {
  switch (kind) {
    case FlagKind::below_cadence:
      return "below-cadence";
    case FlagKind::at_risk:
      return "at-risk";
    case FlagKind::no_slot:
      return "no-slot";
    case FlagKind::repeated_cancellations:
      return "repeated-cancellations";
    case FlagKind::unanswered:
      return "unanswered";
    case FlagKind::ended_early:
      return "ended-early";
    case FlagKind::short_agreement:
      return "short-agreement";
    case FlagKind::review_due:
      return "review-due";
  }
  return "?";
}

bool is_held(const MeetingRecord& m, Instant now) {
  return m.when.end <= now && !m.cancelled && !declined(m);
}

std::vector<PairHealth> evaluate_health(const HealthInput& in) {
  const auto& programme = *in.programme;
  const Instant now = in.now;
  const Zone zone(programme.programme.timezone,
                  {now - days(400), now + weeks(programme.scheduling.horizon_weeks) + days(400)});

  std::map<std::string_view, std::vector<const MeetingRecord*>> by_pair;
  for (const auto& m : in.meetings)
    by_pair[m.pair].push_back(&m);
  // The plan by pair, looked up once per pair rather than scanned.
  std::unordered_map<std::string_view, std::vector<Instant>> planned_by_pair;
  for (const auto& m : in.plan->meetings)
    planned_by_pair[m.pair].push_back(m.when.begin);
  std::unordered_map<std::string_view, std::vector<const Unscheduled*>> unscheduled_by_pair;
  for (const auto& u : in.plan->unscheduled)
    unscheduled_by_pair[u.pair].push_back(&u);
  const std::vector<Instant> none;

  std::vector<PairHealth> out;
  for (const auto& pair : programme.pairs) {
    PairHealth h;
    h.pair = pair.id;
    const auto& mine = by_pair[pair.id];
    for (const auto* m : mine) {
      h.held += is_held(*m, now);
      h.booked += !m->cancelled && m->when.begin >= now;
      h.cancelled += m->cancelled;
      h.declined += declined(*m);
    }

    // How it ended, if it did: the state's record wins over the file.
    std::optional<config::Date> ended_on =
        pair.status == config::PairStatus::ended ? pair.ended_on : std::nullopt;
    std::optional<config::EndReason> reason = pair.ended_reason;
    if (const auto e = in.ended.find(pair.id); e != in.ended.end())
      ended_on = e->second.on, reason = e->second.reason;
    h.ended = ended_on.has_value();
    const year_month_day today{floor<days>(zone.local(now))};
    h.months = whole_months(pair.started, ended_on ? std::min(*ended_on, today) : today);

    const auto minimum_end = pair.started + months(pair.agreement.min_months);
    if (ended_on && *ended_on < minimum_end) {
      const int months_held = whole_months(pair.started, *ended_on);
      add(h, FlagKind::ended_early,
          Phrase(months_held == 1
                     ? "ended on {{day}} ({{reason}}) after 1 month; the agreement asked for "
                       "{{minimum}}"
                     : "ended on {{day}} ({{reason}}) after {{months}} months; the agreement asked "
                       "for {{minimum}}")
              .with("day", day(*ended_on))
              .with("reason", std::string(config::to_string(*reason)))
              .with("months", months_held)
              .with("minimum", pair.agreement.min_months));
    }
    if (!ended_on && pair.ends && *pair.ends < minimum_end) {
      add(h, FlagKind::short_agreement,
          Phrase("planned to end on {{day}} after {{months}} months; the agreement asks for "
                 "{{minimum}}")
              .with("day", day(*pair.ends))
              .with("months", whole_months(pair.started, *pair.ends))
              .with("minimum", pair.agreement.min_months));
    }

    // The agreement is reviewed every review_after_months, from the start or the last review.
    if (!ended_on && pair.agreement.review_after_months > 0) {
      const auto last = in.reviewed.find(pair.id);
      const config::Date from = last != in.reviewed.end() ? last->second : pair.started;
      auto due = from + months(pair.agreement.review_after_months);
      if (!due.ok()) due = year_month_day{due.year() / due.month() / std::chrono::last};
      if (due <= today) {
        h.review_due = due;
        add(h, FlagKind::review_due,
            Phrase(last != in.reviewed.end()
                       ? "the agreement was due for review on {{day}} ({{months}} months after it "
                         "was last reviewed); record the review with `mentorcal pair review "
                         "{{pair}}`"
                       : "the agreement was due for review on {{day}} ({{months}} months after it "
                         "started); record the review with `mentorcal pair review {{pair}}`")
                .with("day", day(due))
                .with("months", pair.agreement.review_after_months)
                .with("pair", pair.id));
      }
    }

    if (!ended_on && pair.status == config::PairStatus::active) {
      const auto planned = planned_by_pair.find(pair.id);
      cadence_flags(pair, zone, active_span(pair, zone), mine,
                    planned == planned_by_pair.end() ? none : planned->second, in, h);
      if (const auto u = unscheduled_by_pair.find(pair.id); u != unscheduled_by_pair.end()) {
        for (const auto* why : u->second)
          h.flags.push_back({FlagKind::no_slot, why->reason, why->why, {}, {}});
      }
    }

    if (!ended_on) {
      const int trouble =
          static_cast<int>(std::count_if(mine.begin(), mine.end(), [&](const MeetingRecord* m) {
            return m->trouble && m->cancelled_at && *m->cancelled_at > now - kCancellationWindow &&
                   *m->cancelled_at <= now && !declined_before(*m, mine);
          }));
      // Proposals declined at the same weekday and time twice tell of availability out of date:
      // flagged with what to do, though no appointment was called off.
      const auto note = declined_habit_note(programme, pair, mine, now);
      if (trouble >= 2 && note.empty()) {
        add(h, FlagKind::repeated_cancellations,
            Phrase("{{count}} meetings declined or cancelled in the last 60 days")
                .with("count", trouble));
      } else if (trouble >= 2) {
        add(h, FlagKind::repeated_cancellations,
            Phrase("{{count}} meetings declined or cancelled in the last 60 days ({{note}})")
                .with("count", trouble)
                .with("note", note));
      } else if (!note.empty()) {
        add(h, FlagKind::repeated_cancellations, Phrase("{{note}}").with("note", note));
      }
    }

    if (in.replies_read && !ended_on) {
      const std::array<const config::Person*, 2> people{programme.person(pair.mentor),
                                                        programme.person(pair.mentee)};
      int silent = 0;
      Phrase first;
      for (const auto* m : mine) {
        if (m->cancelled || m->sent > now - kAnswerWithin) continue;
        for (int i = 0; i < 2; ++i) {
          if (m->partstat[i] != PartStat::needs_action) continue;
          if (silent++ == 0) {
            first =
                Phrase("{{name}} has not answered the invite for {{day}} (sent {{days}} days ago)")
                    .with("name", people[i]->name)
                    .with("day", day(year_month_day{floor<days>(zone.local(m->when.begin))}))
                    .with("days", duration_cast<days>(now - m->sent).count());
          }
        }
      }
      if (silent > 0) {
        add(h, FlagKind::unanswered,
            silent == 1 ? std::move(first)
                        : Phrase("{{first}} (and {{count}} more)")
                              .with("first", std::move(first))
                              .with("count", silent - 1));
      }
    }
    out.push_back(std::move(h));
  }
  std::stable_sort(out.begin(), out.end(), [](const PairHealth& a, const PairHealth& b) {
    return std::pair(a.flags.empty(), a.pair) < std::pair(b.flags.empty(), b.pair);
  });
  return out;
}

}  // namespace mentorcal::scheduler
