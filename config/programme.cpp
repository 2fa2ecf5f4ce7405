#include "config/programme.h"

#include <algorithm>

#include "config/enum_names.h"

namespace mentorcal::config {

std::string_view to_string(Format f) {
  return enum_name(f);
}
std::string_view to_string(PairStatus s) {
  return enum_name(s);
}
std::string_view to_string(EndReason r) {
  return enum_name(r);
}
std::string_view to_string(Transport t) {
  return enum_name(t);
}
std::string_view to_string(StartTls s) {
  return enum_name(s);
}

std::string_view to_string(Ability a) {
  return enum_name(a);
}

namespace {

// Return the element whose id is `id`: by the index when it is still right there, else by a scan.
template <typename T>
const T* find_by_id(const std::vector<T>& items,
                    const std::unordered_map<std::string, std::size_t>& positions,
                    std::string_view id) {
  // No heterogeneous look-up in GCC 12's unordered_map: one string per call, still O(1).
  if (const auto at = positions.find(std::string(id));
      at != positions.end() && at->second < items.size() && items[at->second].id == id) {
    return &items[at->second];
  }
  const auto it = std::find_if(items.begin(), items.end(), [&](const T& x) { return x.id == id; });
  return it == items.end() ? nullptr : &*it;
}

template <typename T>
void index_by_id(const std::vector<T>& items,
                 std::unordered_map<std::string, std::size_t>& positions) {
  positions.clear();
  positions.reserve(items.size());
  for (std::size_t i = 0; i < items.size(); ++i)
    positions.emplace(items[i].id, i);
}

}  // namespace

const Person* Programme::person(std::string_view id) const {
  return find_by_id(people, person_positions, id);
}

const Pair* Programme::pair(std::string_view id) const {
  return find_by_id(pairs, pair_positions, id);
}

void Programme::index() {
  index_by_id(people, person_positions);
  index_by_id(pairs, pair_positions);
}

}  // namespace mentorcal::config
