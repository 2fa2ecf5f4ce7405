#include "tests/support/programme_generator.h"

#include <array>
#include <random>

namespace mentorcal::testing {

using namespace std::chrono;

namespace {

constexpr std::array<const char*, 13> kZones = {
    "Europe/London",    "America/New_York", "Australia/Sydney",  "Australia/Lord_Howe",
    "America/Santiago", "Asia/Kolkata",     "Asia/Kathmandu",    "Africa/Lagos",
    "Asia/Tokyo",       "Europe/Berlin",    "America/Sao_Paulo", "America/Los_Angeles",
    "Pacific/Auckland"};

// Rough standard offsets in minutes, only to give mentees windows that meet their mentor's.
constexpr std::array<int, 13> kOffsets = {0,  -300, 600, 630,  -240, 330, 345,
                                          60, 540,  60,  -180, -480, 720};

class Dice {
 public:
  explicit Dice(std::uint64_t seed) : rng_(seed) {}
  int operator()(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  bool chance(double p) { return std::bernoulli_distribution(p)(rng_); }

 private:
  std::mt19937_64 rng_;
};

config::Window random_window(Dice& dice) {
  const int start = dice(7 * 4, 20 * 4) * 15;  // 07:00 to 20:00
  const int length = dice(4, 16) * 15;         // 1 to 4 hours
  return {weekday(static_cast<unsigned>(dice(0, 6))), minutes(start),
          minutes(std::min(start + length, 24 * 60))};
}

config::Person make_person(Dice& dice, int index, int zone) {
  config::Person p;
  p.id = "p" + std::to_string(index);
  p.name = "Person " + std::to_string(index);
  p.email = p.id + "@example.org";
  p.timezone = kZones[zone];
  const int windows = dice(2, 6);
  for (int i = 0; i < windows; ++i)
    p.available.push_back(random_window(dice));
  if (dice.chance(0.3)) p.max_meetings_per_week = dice(1, 4);
  return p;
}

// A window of the mentee's that covers the mentor's window `w`, moved into the mentee's zone.
std::optional<config::Window> matching_window(const config::Window& w, int mentor_zone,
                                              int mentee_zone) {
  const int shift = kOffsets[mentee_zone] - kOffsets[mentor_zone];
  int start = static_cast<int>(w.start.count()) + shift;
  int end = static_cast<int>(w.end.count()) + shift;
  int day = static_cast<int>(w.day.c_encoding());
  if (start < 0) start += 1440, end += 1440, day = (day + 6) % 7;
  if (start >= 1440) start -= 1440, end -= 1440, day = (day + 1) % 7;
  if (end > 1440 || start < 6 * 60)
    return std::nullopt;  // past midnight or too early to be realistic
  return config::Window{weekday(static_cast<unsigned>(day)), minutes(start), minutes(end)};
}

}  // namespace

GeneratedProgramme generate_programme(const GeneratorOptions& options, sys_seconds now) {
  Dice dice(options.seed);
  GeneratedProgramme out;
  auto& p = out.programme;
  p.programme.name = "Generated";
  p.programme.organiser_email = "mentoring@example.org";
  p.programme.timezone = kZones[static_cast<std::size_t>(dice(0, kZones.size() - 1))];
  p.scheduling.horizon_weeks = options.horizon_weeks;
  // About 1.4 people per pair (a mentor has 1-4 mentees): no vector regrowth at 100k pairs.
  p.people.reserve(static_cast<std::size_t>(options.pairs) * 3 / 2);
  p.pairs.reserve(static_cast<std::size_t>(options.pairs));
  const year_month_day today{floor<days>(now)};

  std::vector<int> zone_of;
  int pairs = 0;
  while (pairs < options.pairs) {
    const int mentor_index = static_cast<int>(p.people.size());
    const int mentor_zone = dice(0, kZones.size() - 1);
    p.people.push_back(make_person(dice, mentor_index, mentor_zone));
    const int mentees = std::min(dice(1, 4), options.pairs - pairs);
    for (int m = 0; m < mentees; ++m, ++pairs) {
      const int mentee_index = static_cast<int>(p.people.size());
      const int mentee_zone = dice.chance(0.4) ? mentor_zone : dice(0, kZones.size() - 1);
      auto mentee = make_person(dice, mentee_index, mentee_zone);
      const auto& mentor = p.people[static_cast<std::size_t>(mentor_index)];
      if (dice.chance(0.85)) {
        const auto& w =
            mentor.available[static_cast<std::size_t>(dice(0, mentor.available.size() - 1))];
        if (auto match = matching_window(w, mentor_zone, mentee_zone))
          mentee.available.push_back(*match);
      }
      if (dice.chance(0.15)) {
        const auto from =
            year_month_day{sys_days{today} + days(dice(0, options.horizon_weeks * 7))};
        mentee.away.push_back({from, year_month_day{sys_days{from} + days(dice(0, 13))}, "away"});
      }
      config::Pair pair;
      pair.id = mentor.id + "-" + mentee.id;  // the default id, as admins leave it
      pair.mentor = mentor.id;                // before the push_back below moves `mentor`
      p.people.push_back(std::move(mentee));
      pair.mentee = p.people.back().id;
      pair.started = year_month_day{sys_days{today} - days(dice(-20, 200))};
      if (dice.chance(0.2))
        pair.ends = year_month_day{sys_days{pair.started} + days(dice(60, 400))};
      pair.status = dice.chance(0.05) ? config::PairStatus::paused : config::PairStatus::active;
      auto& a = pair.agreement;
      const int c = dice(0, 19);
      a.cadence = c < 10   ? config::Cadence{config::Cadence::Period::month, 2}
                  : c < 15 ? config::Cadence{config::Cadence::Period::month, 1}
                  : c < 16 ? config::Cadence{config::Cadence::Period::week, 1}
                  : c < 19 ? config::Cadence{config::Cadence::Period::weeks, 2}
                           : config::Cadence{config::Cadence::Period::year, 6};
      a.minimum = a.cadence;
      a.duration = minutes(std::array{30, 45, 60, 60, 90}[static_cast<std::size_t>(dice(0, 4))]);
      a.first_meeting = minutes(dice.chance(0.7) ? 30 : 0);
      p.pairs.push_back(std::move(pair));
    }
  }

  p.index();
  for (const auto& person : p.people) {
    auto& busy = out.busy[person.id];
    const int n = dice(0, options.max_busy_per_person);
    for (int i = 0; i < n; ++i) {
      const auto begin = floor<hours>(now) + hours(dice(0, options.horizon_weeks * 7 * 24)) +
                         minutes(dice(0, 3) * 15);
      busy.push_back({begin, begin + minutes(dice(2, 12) * 15)});
    }
  }
  return out;
}

}  // namespace mentorcal::testing
