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

const Person* Programme::person(std::string_view id) const {
  const auto it =
      std::find_if(people.begin(), people.end(), [&](const Person& p) { return p.id == id; });
  return it == people.end() ? nullptr : &*it;
}

const Pair* Programme::pair(std::string_view id) const {
  const auto it =
      std::find_if(pairs.begin(), pairs.end(), [&](const Pair& p) { return p.id == id; });
  return it == pairs.end() ? nullptr : &*it;
}

}  // namespace mentorcal::config
