#include "config/partner_away.h"

#include <charconv>

namespace mentorcal::config {

Programme with_partner_away(const Programme& programme, const std::vector<PersonAway>& added) {
  Programme out = programme;
  add_partner_away(out, added);
  return out;
}

void add_partner_away(Programme& programme, const std::vector<PersonAway>& added) {
  for (const auto& a : added) {
    const auto* person = programme.person(a.person);
    if (!person) continue;
    programme.people[static_cast<std::size_t>(person - programme.people.data())].away.push_back(
        a.away);
  }
}

std::optional<Date> parse_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int y = 0;
  unsigned m = 0, d = 0;
  const auto number = [](std::string_view part, auto& value) {
    const auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), value);
    return ec == std::errc{} && end == part.data() + part.size();
  };
  if (!number(text.substr(0, 4), y) || !number(text.substr(5, 2), m) ||
      !number(text.substr(8, 2), d))
    return std::nullopt;
  const Date date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
  if (!date.ok() || y < 2000 || y > 2200) return std::nullopt;
  return date;
}

}  // namespace mentorcal::config
