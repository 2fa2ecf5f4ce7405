#include "report/marks.h"

#include <algorithm>
#include <array>

#include "scheduler/health.h"

namespace mentorcal::report {

using scheduler::Instant;

Index::Index(const HealthView& view) {
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
    Mark m{row.when, Kind::booked, row.first, false, Note::none, {}};
    for (int i = 0; i < 2; ++i) {
      if (row.partstat[i] == store::PartStat::declined) m.declined_by.push_back(people[i]->name);
    }
    if (!m.declined_by.empty() || row.cancel_kind == store::CancelKind::declined ||
        row.cancel_kind == store::CancelKind::withdrawn) {
      m.kind = Kind::declined;
      if (!m.declined_by.empty()) m.note = Note::declined_by;
    } else if (row.status == store::MeetingStatus::cancelled) {
      m.kind = Kind::cancelled;
      if (row.cancel_kind == store::CancelKind::ended)
        m.note = Note::pair_ended;
      else if (row.cancel_kind == store::CancelKind::removed)
        m.note = Note::pair_removed;
      else if (row.cancel_kind == store::CancelKind::impossible)
        m.note = Note::impossible;
    } else if (scheduler::is_held(store::record_of(row), now)) {
      m.kind = Kind::held;
      m.counts = true;
    } else if (index.moving.count(row.uid)) {
      m.note = Note::moves;
    } else if (index.dropping.count(row.uid)) {
      m.note = Note::dropped;
    } else {
      m.counts = true;
      if (row.partstat[0] == store::PartStat::accepted &&
          row.partstat[1] == store::PartStat::accepted)
        m.note = Note::accepted;
    }
    out.push_back(std::move(m));
  }
  for (const auto* m : planned == index.planned.end() ? kNoMeetings : planned->second) {
    const auto& p = *m;
    if (p.uid && !p.moved) continue;
    out.push_back(
        {p.when, Kind::planned, p.first, true, p.moved ? Note::moved : Note::invited, {}});
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const Mark& a, const Mark& b) { return a.when.begin < b.when.begin; });
  return out;
}

}  // namespace mentorcal::report
