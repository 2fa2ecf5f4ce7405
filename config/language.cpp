#include "config/language.h"

#include <algorithm>
#include <cctype>

namespace mentorcal::config {
namespace {

bool all_of(std::string_view s, int (*is)(int)) {
  return std::all_of(s.begin(), s.end(),
                     [is](char c) { return is(static_cast<unsigned char>(c)); });
}

}  // namespace

bool is_language_tag(std::string_view tag) {
  enum { language, script, region, variant } next = language;
  while (true) {
    const auto dash = tag.find('-');
    const auto part = tag.substr(0, dash);
    const auto n = part.size();
    if (next == language) {
      if (n < 2 || n > 3 || !all_of(part, std::isalpha)) return false;
      next = script;
    } else if (next == script && n == 4 && all_of(part, std::isalpha)) {
      next = region;
    } else if (next <= region &&
               ((n == 2 && all_of(part, std::isalpha)) || (n == 3 && all_of(part, std::isdigit)))) {
      next = variant;
    } else if ((n >= 5 && n <= 8 && all_of(part, std::isalnum)) ||
               (n == 4 && std::isdigit(static_cast<unsigned char>(part[0])) &&
                all_of(part, std::isalnum))) {
      next = variant;
    } else {
      return false;
    }
    if (dash == std::string_view::npos) return true;
    tag.remove_prefix(dash + 1);
  }
}

}  // namespace mentorcal::config
