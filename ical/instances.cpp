#include "ical/instances.h"

#include <algorithm>

namespace mentorcal::ical {

using std::chrono::days;
using std::chrono::floor;
using std::chrono::hours;
using std::chrono::local_seconds;
using std::chrono::seconds;
using std::chrono::sys_seconds;

Length length_of(const icaldurationtype& d) {
  Length len;
  len.days = std::int64_t{d.weeks} * 7 + std::int64_t{d.days};
  len.exact = hours(d.hours) + std::chrono::minutes(d.minutes) + seconds(d.seconds);
  if (d.is_neg) {
    len.days = -len.days;
    len.exact = -len.exact;
  }
  return len;
}

void Exclusions::add(const Moment& m, bool series_is_date) {
  if (m.is_date || series_is_date) {
    days_.push_back(floor<days>(m.local));
  } else if (m.floating) {
    locals_.push_back(m.local);
  } else {
    instants_.push_back(m.utc());
  }
}

void Exclusions::seal() {
  std::sort(locals_.begin(), locals_.end());
  std::sort(days_.begin(), days_.end());
  std::sort(instants_.begin(), instants_.end());
}

bool Exclusions::contains(local_seconds local, sys_seconds utc) const {
  return std::binary_search(days_.begin(), days_.end(), floor<days>(local)) ||
         std::binary_search(locals_.begin(), locals_.end(), local) ||
         std::binary_search(instants_.begin(), instants_.end(), utc);
}

}  // namespace mentorcal::ical
