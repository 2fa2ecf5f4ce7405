#include "base/phrase.h"

#include <array>

#include <fmt/format.h>

namespace mentorcal::base {
namespace {

constexpr std::array<const char*, 12> kMonths{"January",   "February", "March",    "April",
                                              "May",       "June",     "July",     "August",
                                              "September", "October",  "November", "December"};
constexpr std::array<const char*, 7> kWeekdays{"Sunday",   "Monday", "Tuesday", "Wednesday",
                                               "Thursday", "Friday", "Saturday"};
constexpr std::array<const char*, 9> kCounts{"",     "",    "two",   "three", "four",
                                             "five", "six", "seven", "eight"};

std::string english(const Phrase::Value& value) {
  struct {
    std::string operator()(const std::string& s) const { return s; }
    std::string operator()(const Phrase::Count& c) const {
      if (c.spelled && c.n >= 2 && c.n < static_cast<long long>(kCounts.size()))
        return kCounts[static_cast<std::size_t>(c.n)];
      return std::to_string(c.n);
    }
    std::string operator()(const Phrase::Day& d) const {
      using As = Phrase::Day::As;
      switch (d.as) {
        case As::date:
          return fmt::format("{:04}-{:02}-{:02}", int(d.day.year()), unsigned(d.day.month()),
                             unsigned(d.day.day()));
        case As::month:
          return fmt::format("{} {}", kMonths[unsigned(d.day.month()) - 1], int(d.day.year()));
        case As::year:
          return std::to_string(int(d.day.year()));
        case As::weekday:
          return kWeekdays[std::chrono::weekday{std::chrono::sys_days{d.day}}.c_encoding()];
      }
      return {};
    }
    std::string operator()(const std::vector<Phrase>& list) const {
      std::string out;
      for (const auto& p : list)
        out += (out.empty() ? "" : "; ") + p.text();
      return out;
    }
  } visit;
  return std::visit(visit, value);
}

}  // namespace

Phrase& Phrase::with(const char* name, std::string text) {
  values_.emplace_back(name, std::move(text));
  return *this;
}

Phrase& Phrase::with(const char* name, long long n, bool spelled) {
  values_.emplace_back(name, Count{n, spelled});
  return *this;
}

Phrase& Phrase::with(const char* name, Day day) {
  values_.emplace_back(name, day);
  return *this;
}

Phrase& Phrase::with(const char* name, Phrase inner) {
  values_.emplace_back(name, std::vector<Phrase>{std::move(inner)});
  return *this;
}

Phrase& Phrase::with(const char* name, std::vector<Phrase> list) {
  values_.emplace_back(name, std::move(list));
  return *this;
}

std::string Phrase::text() const {
  return fill_places(pattern_, [&](std::string_view name, std::string& out) {
    for (const auto& [key, value] : values_) {
      if (key != name) continue;
      out += english(value);
      return true;
    }
    return false;
  });
}

}  // namespace mentorcal::base
