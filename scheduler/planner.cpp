// plan(): set up every person and pair, list the meetings each pair still needs per cadence
// period, then place them one at a time in order of their ideal dates (ties by pair id), so that
// busy people's pairs take turns and the file's order of pairs never matters.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <unordered_map>

#include "base/time_text.h"
#include "scheduler/availability.h"
#include "scheduler/explain.h"
#include "scheduler/plan.h"
#include "scheduler/planner_state.h"
#include "scheduler/slot_search.h"

namespace mentorcal::scheduler {

using namespace std::chrono;

namespace {

// Everything plan() builds, owned in one place so the states can point at each other.
struct World {
  std::unordered_map<std::string, std::unique_ptr<Zone>> zones;
  std::vector<PersonState> people;  // in the programme's order
  std::vector<PairState> pairs;     // sorted by pair id
};

const Zone& zone_for(World& w, const std::string& name, Interval span) {
  auto& z = w.zones[name];
  if (!z) z = std::make_unique<Zone>(name, span);
  return *z;
}

// Set `targets` to the ideal start of each meeting a period still needs: the centres of `required`
// equal parts of the part of the period the pair covers, less those taken by meetings booked.
void open_targets(const Period& period, const PairState& pair, std::vector<Instant>& targets) {
  targets.clear();
  const Interval covered{std::max(period.span.begin, pair.active.begin),
                         std::min(period.span.end, pair.active.end)};
  if (period.required <= 0 || covered.empty()) return;
  const auto part = covered.length() / period.required;
  for (int i = 0; i < period.required; ++i)
    targets.push_back(covered.begin + part * i + part / 2);
  for (const Instant at : pair.counted_at) {
    if (!period.span.contains(at) || targets.empty()) continue;
    const auto nearest =
        std::min_element(targets.begin(), targets.end(),
                         [&](Instant a, Instant b) { return abs(a - at) < abs(b - at); });
    targets.erase(nearest);
  }
}

// Return why a booked meeting can no longer take place, or "" when it still can.
std::string why_impossible(const PairState& pair, Interval when) {
  if (!pair.active.holds(when.begin, when.length())) return "it falls outside the pair's dates";
  for (const PersonState* p : {pair.mentor, pair.mentee}) {
    const bool open = std::any_of(p->open.begin(), p->open.end(), [&](const Interval& o) {
      return o.holds(when.begin, when.length());
    });
    if (!open) return explain_unavailable(*p, when).text();
  }
  return {};
}

// A meeting placed by this plan, kept small until the plan is done: a busy programme has
// hundreds of thousands.
struct Placed {
  Interval when;
  std::uint32_t pair;  // its index in World::pairs
  bool first;
  std::uint32_t late = kNotLate;  // a late make-up: its index in Planner::late_
  static constexpr std::uint32_t kNotLate = UINT32_MAX;
};

// A late make-up placed by this plan: which declined meeting it makes up for, and why its
// period could not hold it.
struct LateMakeUp {
  Instant declined;
  std::string why;
};

// Return the note of a late make-up, e.g. "makes up for the meeting declined on Wed 16 Dec 13:00
// (Europe/London), after its period: December 2026: ...".
std::string late_note(Instant declined, const std::string& zone, const std::string& why) {
  return "makes up for the meeting declined on " + base::local_text(declined, zone) + " (" + zone +
         "), after its period" + (why.empty() ? "" : ": " + why);
}

// Give each displaced meeting the new meeting of its pair nearest to it in the same cadence
// period, so the partners get an update of the same UID; the others are cancelled. Return which
// displaced meeting each placed meeting replaces, by index in `placed`.
std::map<std::size_t, const Displaced*> move_or_cancel(const std::vector<Displaced>& displaced,
                                                       const World& world, const Zone& zone,
                                                       const std::vector<Placed>& placed,
                                                       Plan& result) {
  std::map<std::size_t, const Displaced*> replaces;
  for (const auto& d : displaced) {
    const auto pair =
        std::lower_bound(world.pairs.begin(), world.pairs.end(), d.pair,
                         [](const PairState& p, const std::string& id) { return p.pair->id < id; });
    const auto index = static_cast<std::uint32_t>(pair - world.pairs.begin());
    const auto& p = *pair->pair;
    const auto period =
        periods(p.agreement.cadence, zone, p.started, pair->active, {d.was.begin, d.was.end});
    std::optional<std::size_t> best;
    for (std::size_t i = 0; i < placed.size() && !period.empty(); ++i) {
      const auto& m = placed[i];
      if (m.pair != index || replaces.contains(i) || !period.front().span.contains(m.when.begin))
        continue;
      if (!best || abs(m.when.begin - d.was.begin) < abs(placed[*best].when.begin - d.was.begin))
        best = i;
    }
    if (best) {
      replaces.emplace(*best, &d);
      result.moved.push_back(d);
    } else {
      result.cancelled.push_back(d);
    }
  }
  return replaces;
}

// The first need of a pair that found no slot, told in words once the placing is done (the words
// depend only on what is kept here): 80 bytes each instead of a sentence each.
struct Failure {
  Need need;
  seconds duration;
  Refusals refusals;
};

// One run of plan(): its steps, in order, over the state they share.
class Planner {
 public:
  explicit Planner(const PlanInput& input);
  Plan run();

 private:
  void set_up_people_and_pairs();
  std::size_t take_booked_and_count_needs();
  std::vector<Need> list_needs(std::size_t count);
  void place(const std::vector<Need>& needs);
  bool place_late_make_up(const Need& need, std::chrono::seconds duration,
                          const Refusals& refusals);
  void tell_failures();
  void add_placed_meetings(const std::map<std::size_t, const Displaced*>& replaces);

  void open_time(PersonState& p);
  std::vector<Period> declined_periods_before(const PairState& pair, Interval pair_range) const;
  std::size_t late_needs(const Period& period, const PairState& pair);
  // Beyond the horizon, a period that runs past it can wait for a later plan.
  bool wanted(const Period& period, Instant target) const {
    return target < range_.end || period.span.end <= range_.end;
  }

  const PlanInput& input_;
  const config::Programme& programme_;
  Interval range_;      // [now + notice, now + horizon)
  Interval zone_span_;  // what zone rules must cover: every period that can touch the horizon
  Interval open_span_;  // what people's open time must cover: the horizon and booked meetings
  World world_;
  Limits limits_;
  Plan result_;
  std::vector<Displaced> displaced_;
  std::vector<std::vector<Period>> pair_periods_;  // each active pair's, until its needs are listed
  // Each active pair's periods that ended before its planning range and lost a meeting to a
  // decline: their make-ups can only be late.
  std::vector<std::vector<Period>> declined_periods_;
  std::vector<Instant> targets_;  // scratch for open_targets()
  std::vector<Failure> failures_;
  std::vector<Placed> placed_;
  std::vector<LateMakeUp> late_;
};

Planner::Planner(const PlanInput& input)
    : input_(input), programme_(*input.programme), result_{input.now, {}, {}, {}, {}} {
  const auto& sched = programme_.scheduling;
  range_ = {input.now + hours(sched.min_notice_hours), input.now + weeks(sched.horizon_weeks)};
  zone_span_ = {input.now - days(400), range_.end + days(400)};
  // Booked meetings may lie beyond the horizon (a shorter horizon, a longer notice): the people's
  // open time must cover them too, to tell whether they are still possible.
  Instant last_booked = range_.end;
  for (const auto& b : input.booked)
    last_booked = std::max(last_booked, b.when.end);
  open_span_ = {input.now, last_booked};
  limits_ = {&zone_for(world_, programme_.programme.timezone, zone_span_),
             range_.begin,
             range_.end,
             minutes(sched.buffer_minutes),
             minutes(sched.slot_step_minutes),
             sched.max_meetings_per_day};
}

Plan Planner::run() {
  set_up_people_and_pairs();
  auto needs = list_needs(take_booked_and_count_needs());
  place(needs);
  const auto replaces = move_or_cancel(displaced_, world_, *limits_.zone, placed_, result_);
  // The working state is done with: free it before the result grows to its full size.
  std::vector<Need>().swap(needs);
  for (auto& pair : world_.pairs) {
    Intervals().swap(pair.free);
    std::vector<Interval>().swap(pair.meetings);
    std::vector<Instant>().swap(pair.counted_at);
  }
  tell_failures();
  std::vector<PersonState>().swap(world_.people);
  add_placed_meetings(replaces);
  return std::move(result_);
}

void Planner::set_up_people_and_pairs() {
  world_.people.reserve(programme_.people.size());
  std::unordered_map<std::string_view, PersonState*> person_by_id;
  person_by_id.reserve(programme_.people.size());
  for (const auto& person : programme_.people) {
    PersonState state;
    state.person = &person;
    state.zone = &zone_for(world_, person.timezone, zone_span_);
    world_.people.push_back(std::move(state));
    person_by_id.emplace(person.id, &world_.people.back());
  }
  // Pairs in id order: every later step inherits this order, never the file's.
  std::vector<const config::Pair*> sorted;
  for (const auto& p : programme_.pairs)
    sorted.push_back(&p);
  std::sort(sorted.begin(), sorted.end(),
            [](const auto* a, const auto* b) { return a->id < b->id; });
  const Zone& zone = *limits_.zone;
  world_.pairs.reserve(sorted.size());
  for (const auto* p : sorted) {
    PairState state;
    state.pair = p;
    state.mentor = person_by_id.at(p->mentor);
    state.mentee = person_by_id.at(p->mentee);
    ++state.mentor->pairs_left;
    ++state.mentee->pairs_left;
    state.active = active_span(*p, zone);
    if (const auto d = input_.declined.find(p->id); d != input_.declined.end())
      state.declined = d->second;
    world_.pairs.push_back(std::move(state));
  }
}

// A person's open time (windows - away - busy) exists only while one of their pairs is being set
// up: computed for the first, dropped after the last, so memory follows the pairs in hand.
void Planner::open_time(PersonState& p) {
  if (p.open_ready) return;
  const auto& person = *p.person;
  p.open =
      subtract(weekly_windows(person, *p.zone, open_span_), away_days(person, *p.zone, open_span_));
  if (const auto busy = input_.busy.find(person.id); busy != input_.busy.end()) {
    p.open = subtract(p.open, normalized(busy->second));
  }
  p.open_ready = true;
}

// Put each pair's booked meetings on the calendars, work out its shared free time and cadence
// periods, and return how many meetings all pairs still need.
std::size_t Planner::take_booked_and_count_needs() {
  // By pair, then by start: pointers sorted, not a copy of every booked meeting (at 100k pairs,
  // ~225,000 with two strings each).
  std::vector<const BookedMeeting*> booked;
  booked.reserve(input_.booked.size());
  for (const auto& b : input_.booked)
    booked.push_back(&b);
  std::sort(booked.begin(), booked.end(), [](const BookedMeeting* a, const BookedMeeting* b) {
    return std::tie(a->pair, a->when.begin, a->uid) < std::tie(b->pair, b->when.begin, b->uid);
  });
  auto next_booked = booked.begin();
  const auto done_with = [](PersonState& p) {
    if (--p.pairs_left == 0) Intervals().swap(p.open);
  };
  pair_periods_.resize(world_.pairs.size());
  declined_periods_.resize(world_.pairs.size());
  std::size_t need_count = 0;
  for (std::size_t i = 0; i < world_.pairs.size(); ++i) {
    auto& pair = world_.pairs[i];
    open_time(*pair.mentor);
    open_time(*pair.mentee);

    // Booked meetings are fixed: they fill calendars, count toward periods and set habits. A
    // future one that became impossible is displaced: its period then lacks a meeting, which is
    // placed anew, and that new time is sent as an update of the same UID.
    while (next_booked != booked.end() && (*next_booked)->pair < pair.pair->id)
      ++next_booked;  // unknown pairs
    for (; next_booked != booked.end() && (*next_booked)->pair == pair.pair->id; ++next_booked) {
      const auto& b = **next_booked;
      const bool future = b.when.begin >= input_.now;
      if (pair.pair->status == config::PairStatus::ended && future) continue;
      pair.has_record = true;
      if (future) {
        if (auto why = why_impossible(pair, b.when); !why.empty()) {
          // A moved getting-to-know-you meeting is still the first; a moved regular one is not.
          if (b.first) pair.first_displaced = true;
          displaced_.push_back({b.uid, b.pair, b.when, std::move(why)});
          continue;
        }
      }
      pair.add(b.when, b.first, b.makes_up);
      pair.mentor->add(b.when);
      pair.mentee->add(b.when);
      if (future) {
        result_.meetings.push_back({b.pair, b.when, b.first, b.uid, false, b.makes_up, {}});
        if (b.makes_up) {
          result_.meetings.back().note = late_note(*b.makes_up, programme_.programme.timezone, "");
        }
      }
    }

    // What an active pair still needs, period by period: counted here, listed by list_needs().
    const auto& agreement = pair.pair->agreement;
    const Interval pair_range{std::max(range_.begin, pair.active.begin),
                              std::min(range_.end, pair.active.end)};
    if (pair.pair->status == config::PairStatus::active && !pair_range.empty()) {
      pair.free = clip(intersect(pair.mentor->open, pair.mentee->open), pair_range);
      pair.free.shrink_to_fit();
      auto& own = pair_periods_[i];
      own = periods(agreement.cadence, *limits_.zone, pair.pair->started, pair.active, pair_range);
      own.shrink_to_fit();
      pair.ideal = ideal_interval(agreement.cadence);
      pair.min_gap = pair.ideal / 3;
      for (const auto& period : own) {
        open_targets(period, pair, targets_);
        need_count += static_cast<std::size_t>(std::count_if(
            targets_.begin(), targets_.end(), [&](Instant t) { return wanted(period, t); }));
      }
      declined_periods_[i] = declined_periods_before(pair, pair_range);
      for (const auto& period : declined_periods_[i])
        need_count += late_needs(period, pair);
    }
    done_with(*pair.mentor);
    done_with(*pair.mentee);
  }
  return need_count;
}

// Return the cadence periods that end before `pair_range` (the notice covers what is left of them)
// and hold a meeting a partner declined that had not yet begun: nothing can be placed in them, but
// a make-up can go after them.
std::vector<Period> Planner::declined_periods_before(const PairState& pair,
                                                     Interval pair_range) const {
  std::vector<Period> out;
  for (const auto& d : pair.declined) {
    if (d.begin < input_.now || d.begin >= pair_range.begin) continue;
    for (auto& period : periods(pair.pair->agreement.cadence, *limits_.zone, pair.pair->started,
                                pair.active, {d.begin, d.begin + seconds(1)})) {
      const bool known = std::any_of(out.begin(), out.end(), [&](const Period& p) {
        return p.span.begin == period.span.begin;
      });
      if (period.span.contains(d.begin) && period.span.end <= pair_range.begin && !known)
        out.push_back(std::move(period));
    }
  }
  return out;
}

// Return how many late make-ups `period` (from declined_periods_before) needs: the meetings it
// still lacks, at most one per declined meeting in it not yet made up for.
std::size_t Planner::late_needs(const Period& period, const PairState& pair) {
  open_targets(period, pair, targets_);
  const auto declined = std::count_if(pair.declined.begin(), pair.declined.end(), [&](auto& d) {
    return period.span.contains(d.begin) &&
           std::find(pair.made_up.begin(), pair.made_up.end(), d.begin) == pair.made_up.end();
  });
  return std::min(targets_.size(), static_cast<std::size_t>(declined));
}

// Return the needs, in one allocation of the exact size, in the order they are placed: by ideal
// date, then pair id.
std::vector<Need> Planner::list_needs(std::size_t count) {
  std::vector<Need> needs;
  needs.reserve(count);
  for (std::size_t i = 0; i < world_.pairs.size(); ++i) {
    auto& pair = world_.pairs[i];
    const Instant pair_start = std::max(range_.begin, pair.active.begin);
    // A pair that has never met meets as soon as it can.
    bool asap = pair.first_pending();
    for (const auto& period : pair_periods_[i]) {
      open_targets(period, pair, targets_);
      for (Instant target : targets_) {
        if (!wanted(period, target)) continue;
        needs.push_back({&pair, period.span, asap ? pair_start : std::max(target, pair_start)});
        asap = false;
      }
    }
    std::vector<Period>().swap(pair_periods_[i]);
    // A period already over, or too close to plan in: its make-ups go after it (place()).
    for (const auto& period : declined_periods_[i]) {
      for (std::size_t n = late_needs(period, pair); n > 0; --n)
        needs.push_back({&pair, period.span, period.span.end});
    }
    std::vector<Period>().swap(declined_periods_[i]);
  }
  std::vector<std::vector<Period>>().swap(pair_periods_);
  std::vector<std::vector<Period>>().swap(declined_periods_);
  // Pairs sit in world.pairs in id order, so their addresses order them as their ids do.
  std::sort(needs.begin(), needs.end(), [](const Need& a, const Need& b) {
    return std::tie(a.target, a.pair, a.period.begin) < std::tie(b.target, b.pair, b.period.begin);
  });
  return needs;
}

void Planner::place(const std::vector<Need>& needs) {
  for (const auto& need : needs) {
    PairState& pair = *need.pair;
    const auto& agreement = pair.pair->agreement;
    // The getting-to-know-you meeting is the pair's first in the records, wherever it lands.
    const bool first = pair.first_pending();
    const seconds duration = first ? agreement.first_meeting : agreement.duration;
    Refusals refusals;
    const auto start = find_slot(need, duration, limits_, refusals);
    if (!start) {
      if (place_late_make_up(need, duration, refusals)) continue;
      // Only the first failure of a pair is told; the others are counted.
      if (pair.failed++ == 0) failures_.push_back({need, duration, refusals});
      continue;
    }
    const Interval when{*start, *start + duration};
    pair.add(when, first);
    pair.mentor->add(when);
    pair.mentee->add(when);
    placed_.push_back({when, static_cast<std::uint32_t>(&pair - world_.pairs.data()), first});
  }
}

// A period that lost a meeting to a partner's decline and has no other free time for it: the
// make-up goes as soon as possible after the period (within the horizon), counts toward the
// declined meeting's period, and says why. Return whether it was placed.
bool Planner::place_late_make_up(const Need& need, seconds duration, const Refusals& refusals) {
  PairState& pair = *need.pair;
  const auto declined = pair.declined_without_make_up(need.period);
  if (!declined) return false;
  const Need after{&pair, {need.period.end, limits_.horizon_end}, need.period.end, true};
  Refusals ignored;
  const auto start = find_slot(after, duration, limits_, ignored);
  if (!start) return false;
  const Interval when{*start, *start + duration};
  pair.add(when, false, *declined);
  pair.mentor->add(when);
  pair.mentee->add(when);
  placed_.push_back({when, static_cast<std::uint32_t>(&pair - world_.pairs.data()), false,
                     static_cast<std::uint32_t>(late_.size())});
  late_.push_back(
      {*declined, explain_no_slot(need, duration, limits_, refusals, programme_).text()});
  return true;
}

// Why pairs went short, by pair id (pairs sit in world.pairs in id order).
void Planner::tell_failures() {
  std::sort(failures_.begin(), failures_.end(),
            [](const Failure& a, const Failure& b) { return a.need.pair < b.need.pair; });
  result_.unscheduled.reserve(failures_.size());
  for (const auto& f : failures_) {
    const PairState& pair = *f.need.pair;
    auto why = explain_no_slot(f.need, f.duration, limits_, f.refusals, programme_);
    if (pair.failed == 2) {
      why =
          base::Phrase("{{why}} (1 more meeting could not be placed)").with("why", std::move(why));
    } else if (pair.failed > 2) {
      why = base::Phrase("{{why}} ({{count}} more meetings could not be placed)")
                .with("why", std::move(why))
                .with("count", pair.failed - 1);
    }
    auto reason = why.text();
    result_.unscheduled.push_back({pair.pair->id, std::move(reason), std::move(why)});
  }
  std::vector<Failure>().swap(failures_);
}

// The result by start, then pair id: the booked meetings sorted as they are, the placed ones
// sorted while still small (pair indexes order them as pair ids do), then the two merged.
void Planner::add_placed_meetings(const std::map<std::size_t, const Displaced*>& replaces) {
  auto& meetings = result_.meetings;
  const auto by_start_then_pair = [](const Meeting& a, const Meeting& b) {
    return std::tie(a.when.begin, a.pair) < std::tie(b.when.begin, b.pair);
  };
  std::sort(meetings.begin(), meetings.end(), by_start_then_pair);
  std::vector<std::uint32_t> order(placed_.size());
  for (std::uint32_t i = 0; i < order.size(); ++i)
    order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    return std::tie(placed_[a].when.begin, placed_[a].pair) <
           std::tie(placed_[b].when.begin, placed_[b].pair);
  });
  const auto booked_count = static_cast<std::ptrdiff_t>(meetings.size());
  meetings.reserve(meetings.size() + placed_.size());
  for (const std::uint32_t i : order) {
    const auto& m = placed_[i];
    const auto replaced = replaces.find(i);
    const bool moved = replaced != replaces.end();
    meetings.push_back({world_.pairs[m.pair].pair->id,
                        m.when,
                        m.first,
                        moved ? std::optional<std::string>(replaced->second->uid) : std::nullopt,
                        moved,
                        {},
                        {}});
    if (m.late != Placed::kNotLate) {
      const auto& late = late_[m.late];
      meetings.back().makes_up = late.declined;
      meetings.back().note = late_note(late.declined, programme_.programme.timezone, late.why);
    }
  }
  std::vector<Placed>().swap(placed_);
  std::inplace_merge(meetings.begin(), meetings.begin() + booked_count, meetings.end(),
                     by_start_then_pair);
}

}  // namespace

Plan plan(const PlanInput& input) {
  return Planner(input).run();
}

}  // namespace mentorcal::scheduler
