// A pair's meetings as the report shows them: the ones the state store holds and the ones the
// plan would add or move, each with what it is and why, in words the template chooses. Never
// meeting content (DESIGN.md §6).
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "report/health_view.h"
#include "scheduler/interval.h"

namespace mentorcal::report {

// What a mark on a timeline stands for.
enum class Kind { held, booked, planned, declined, cancelled };

// Why a meeting is what it is (report.mark_note); never meeting content.
enum class Note {
  none,
  declined_by,
  pair_ended,
  pair_removed,
  impossible,
  moves,
  dropped,
  accepted,
  moved,
  invited
};

// One meeting of a pair as the report shows it.
struct Mark {
  scheduler::Interval when;
  Kind kind = Kind::booked;
  bool first = false;
  bool counts = false;  // counts towards its period: held, booked or planned
  Note note = Note::none;
  std::vector<std::string> declined_by;  // names, for Note::declined_by
};

// The programme's pairs, people and meetings by id, looked up once: a programme may hold
// thousands of pairs.
struct Index {
  std::map<std::string_view, const config::Pair*> pairs;
  std::map<std::string_view, const config::Person*> people;
  std::map<std::string_view, std::vector<const store::MeetingRow*>> rows;      // by pair
  std::map<std::string_view, std::vector<const scheduler::Meeting*>> planned;  // by pair
  std::set<std::string_view> moving, dropping;  // UIDs of booked meetings the plan moves, cancels

  explicit Index(const HealthView& view);
  const config::Pair& pair(std::string_view id) const { return *pairs.at(id); }
  const config::Person& person(std::string_view id) const { return *people.at(id); }
};

// Return the pair's meetings, by start: those the state store holds, and the ones the plan at
// `now` would add or move.
std::vector<Mark> marks_of(const Index& index, const config::Pair& pair, scheduler::Instant now);

}  // namespace mentorcal::report
