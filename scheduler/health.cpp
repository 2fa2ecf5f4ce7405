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

using base::date_text;

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
// weekday and time of their own clock ("Priya declined two Wednesday 13:00 meetings; ..."), or "".
// The planner no longer prefers such a time (PairState::habit_before).
std::string declined_habit_note(const config::Programme& programme, const config::Pair& pair,
                                const std::vector<const MeetingRecord*>& mine, Instant now) {
  static constexpr std::array<const char*, 7> kDays{"Sunday",   "Monday", "Tuesday", "Wednesday",
                                                    "Thursday", "Friday", "Saturday"};
  std::string note;
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
    for (const auto& [when, count] : at) {
      if (count < 2) continue;
      static constexpr std::array<const char*, 9> kCounts{"",     "",    "two",   "three", "four",
                                                          "five", "six", "seven", "eight"};
      const auto count_text =
          count < 9 ? std::string(kCounts[static_cast<std::size_t>(count)]) : std::to_string(count);
      note += fmt::format(
          "{}{} declined {} {} {:02}:{:02} meetings; {}'s availability may be "
          "out of date",
          note.empty() ? "" : "; ", person->name, count_text, kDays[when.first], when.second / 60,
          when.second % 60, person->name);
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
  std::vector<std::pair<std::string, const Period*>> below;  // detail, period
  for (std::size_t i = 0; i < asked.size() && i < floor_.size(); ++i) {
    const auto& p = asked[i];
    const int minimum = floor_[i].required;
    const int held =
        static_cast<int>(std::count_if(mine.begin(), mine.end(), [&](const MeetingRecord* m) {
          return p.span.contains(m->when.begin) && is_held(*m, now);
        }));
    if (p.span.end <= now) {
      if (in.tracking_since && p.span.end > *in.tracking_since && held < minimum) {
        below.emplace_back(fmt::format("{}: {} of {} meetings held (minimum {})",
                                       p.label(a.cadence), held, p.required, minimum),
                           &p);
      }
    } else if (p.span.contains(now) && p.span.end <= horizon_end) {
      const int planned =
          static_cast<int>(std::count_if(planned_starts.begin(), planned_starts.end(),
                                         [&](Instant begin) { return p.span.contains(begin); }));
      if (held + planned < minimum) {
        out.flags.push_back({FlagKind::at_risk,
                             fmt::format("{}: {} held and {} planned, below the minimum of {}",
                                         p.label(a.cadence), held, planned, minimum),
                             p.span, p.label(a.cadence), held, planned, minimum});
      }
    }
  }
  if (!below.empty()) {
    // Most recent first; older ones are counted.
    auto [detail, period] = below.back();
    if (below.size() > 1)
      detail +=
          fmt::format(" (and {} earlier period{})", below.size() - 1, below.size() > 2 ? "s" : "");
    out.flags.insert(out.flags.begin(), {FlagKind::below_cadence, std::move(detail), period->span,
                                         period->label(a.cadence)});
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
  std::unordered_map<std::string_view, std::vector<const std::string*>> unscheduled_by_pair;
  for (const auto& u : in.plan->unscheduled)
    unscheduled_by_pair[u.pair].push_back(&u.reason);
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
      h.flags.push_back(
          {FlagKind::ended_early,
           fmt::format("ended on {} ({}) after {} month{}; the agreement asked for {}",
                       date_text(*ended_on), config::to_string(*reason),
                       whole_months(pair.started, *ended_on),
                       whole_months(pair.started, *ended_on) == 1 ? "" : "s",
                       pair.agreement.min_months),
           {},
           {}});
    }
    if (!ended_on && pair.ends && *pair.ends < minimum_end) {
      h.flags.push_back(
          {FlagKind::short_agreement,
           fmt::format("planned to end on {} after {} months; the agreement asks for {}",
                       date_text(*pair.ends), whole_months(pair.started, *pair.ends),
                       pair.agreement.min_months),
           {},
           {}});
    }

    // The agreement is reviewed every review_after_months, from the start or the last review.
    if (!ended_on && pair.agreement.review_after_months > 0) {
      const auto last = in.reviewed.find(pair.id);
      const config::Date from = last != in.reviewed.end() ? last->second : pair.started;
      auto due = from + months(pair.agreement.review_after_months);
      if (!due.ok()) due = year_month_day{due.year() / due.month() / std::chrono::last};
      if (due <= today) {
        h.review_due = due;
        h.flags.push_back(
            {FlagKind::review_due,
             fmt::format("the agreement was due for review on {} ({} months after it {}); "
                         "record the review with `mentorcal pair review {}`",
                         date_text(due), pair.agreement.review_after_months,
                         last != in.reviewed.end() ? "was last reviewed" : "started", pair.id),
             {},
             {}});
      }
    }

    if (!ended_on && pair.status == config::PairStatus::active) {
      const auto planned = planned_by_pair.find(pair.id);
      cadence_flags(pair, zone, active_span(pair, zone), mine,
                    planned == planned_by_pair.end() ? none : planned->second, in, h);
      if (const auto u = unscheduled_by_pair.find(pair.id); u != unscheduled_by_pair.end()) {
        for (const auto* reason : u->second)
          h.flags.push_back({FlagKind::no_slot, *reason, {}, {}});
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
      if (trouble >= 2) {
        h.flags.push_back({FlagKind::repeated_cancellations,
                           fmt::format("{} meetings declined or cancelled in the last 60 days{}",
                                       trouble, note.empty() ? "" : " (" + note + ")"),
                           {},
                           {}});
      } else if (!note.empty()) {
        h.flags.push_back({FlagKind::repeated_cancellations, note, {}, {}});
      }
    }

    if (in.replies_read && !ended_on) {
      const std::array<const config::Person*, 2> people{programme.person(pair.mentor),
                                                        programme.person(pair.mentee)};
      int silent = 0;
      std::string first;
      for (const auto* m : mine) {
        if (m->cancelled || m->sent > now - kAnswerWithin) continue;
        for (int i = 0; i < 2; ++i) {
          if (m->partstat[i] != PartStat::needs_action) continue;
          if (silent++ == 0) {
            first = fmt::format("{} has not answered the invite for {} (sent {} days ago)",
                                people[i]->name,
                                date_text(year_month_day{floor<days>(zone.local(m->when.begin))}),
                                duration_cast<days>(now - m->sent).count());
          }
        }
      }
      if (silent > 0) {
        h.flags.push_back({FlagKind::unanswered,
                           silent == 1 ? first : fmt::format("{} (and {} more)", first, silent - 1),
                           {},
                           {}});
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
