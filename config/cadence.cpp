#include "config/cadence.h"

#include <fmt/format.h>

#include "base/ascii.h"
#include "config/text.h"

namespace mentorcal::config {
namespace {

constexpr std::string_view kForms = R"(use "N/week", "N/month", "N/year" or "every N weeks")";

tl::expected<Cadence, std::string> parse_every(std::string_view rest) {
  // rest: "N weeks", "week", "1 week"
  rest = base::trim(rest, " \t");
  int weeks = 1;
  const auto space = rest.find_first_of(" \t");
  if (space != std::string_view::npos) {
    const auto n = parse_number(rest.substr(0, space));
    if (!n)
      return tl::unexpected(fmt::format("\"{}\" is not a number of weeks", rest.substr(0, space)));
    weeks = *n;
    rest = base::trim(rest.substr(space), " \t");
  }
  const bool plural = base::iequals(rest, "weeks");
  if (!plural && !base::iequals(rest, "week")) {
    return tl::unexpected(fmt::format("unknown period \"{}\": {}", rest, kForms));
  }
  if (weeks < 1 || weeks > 52) {
    return tl::unexpected(fmt::format("every {} weeks: the block must be 1 to 52 weeks", weeks));
  }
  return Cadence{Cadence::Period::weeks, weeks};
}

}  // namespace

std::string Cadence::text() const {
  switch (period) {
    case Period::week:
      return fmt::format("{}/week", count);
    case Period::month:
      return fmt::format("{}/month", count);
    case Period::year:
      return fmt::format("{}/year", count);
    case Period::weeks:
      return count == 1 ? "every week" : fmt::format("every {} weeks", count);
  }
  return {};
}

tl::expected<Cadence, std::string> parse_cadence(std::string_view text) {
  const auto s = base::trim(text, " \t");
  if (s.size() > 6 && base::iequals(s.substr(0, 6), "every ")) return parse_every(s.substr(6));

  const auto slash = s.find('/');
  if (slash == std::string_view::npos) {
    return tl::unexpected(fmt::format("\"{}\" is not a cadence: {}", text, kForms));
  }
  const auto count = parse_number(base::trim(s.substr(0, slash), " \t"));
  if (!count || *count < 1) {
    return tl::unexpected(
        fmt::format("\"{}\": the number of meetings must be a whole number of 1 or more", text));
  }
  const auto unit = base::trim(s.substr(slash + 1), " \t");
  struct Unit {
    std::string_view name;
    Cadence::Period period;
    int max;
  };
  for (const Unit u :
       {Unit{"week", Cadence::Period::week, 7}, Unit{"month", Cadence::Period::month, 31},
        Unit{"year", Cadence::Period::year, 366}}) {
    if (!base::iequals(unit, u.name)) continue;
    if (*count > u.max) {
      return tl::unexpected(fmt::format("\"{}\": at most {} meetings per {}", text, u.max, u.name));
    }
    return Cadence{u.period, *count};
  }
  return tl::unexpected(fmt::format("unknown period \"{}\": {}", unit, kForms));
}

bool is_within(const Cadence& minimum, const Cadence& cadence) {
  if (minimum.period != cadence.period) return false;
  // For blocks of weeks a longer block asks for less.
  if (cadence.period == Cadence::Period::weeks) return minimum.count >= cadence.count;
  return minimum.count <= cadence.count;
}

}  // namespace mentorcal::config
