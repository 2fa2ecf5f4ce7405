// How often a pair meets: "N/week", "N/month", "N/year" or "every N weeks" (DESIGN.md §5).
#pragma once

#include <string>
#include <string_view>

#include <tl/expected.hpp>

namespace mentorcal::config {

struct Cadence {
  enum class Period { week, month, year, weeks };  // weeks: one meeting per block of `count` weeks
  Period period = Period::month;
  int count = 2;  // meetings per period; for Period::weeks, the block length in weeks

  // Return the number of meetings a period asks for (1 for "every N weeks").
  int meetings() const { return period == Period::weeks ? 1 : count; }
  // Return the canonical text ("2/month", "every 3 weeks").
  std::string text() const;

  friend bool operator==(const Cadence&, const Cadence&) = default;
};

// Parse a cadence string. Whitespace around the parts is allowed; "every week" means every 1 week.
// Limits: at most 7/week, 31/month, 366/year; blocks of 1 to 52 weeks.
tl::expected<Cadence, std::string> parse_cadence(std::string_view text);

// Return true when `minimum` asks for no more than `cadence` and uses the same kind of period.
bool is_within(const Cadence& minimum, const Cadence& cadence);

}  // namespace mentorcal::config
