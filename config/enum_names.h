// The words the config file uses for each enumeration, in one table per type. Internal to config/.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "config/programme.h"

namespace mentorcal::config {

template <typename E>
struct EnumNames;

template <>
struct EnumNames<Format> {
  static constexpr std::array<std::pair<std::string_view, Format>, 3> values{
      {{"video", Format::video}, {"phone", Format::phone}, {"in-person", Format::in_person}}};
};
template <>
struct EnumNames<PairStatus> {
  static constexpr std::array<std::pair<std::string_view, PairStatus>, 3> values{
      {{"active", PairStatus::active},
       {"paused", PairStatus::paused},
       {"ended", PairStatus::ended}}};
};
template <>
struct EnumNames<EndReason> {
  static constexpr std::array<std::pair<std::string_view, EndReason>, 4> values{
      {{"goals-met", EndReason::goals_met},
       {"not-compatible", EndReason::not_compatible},
       {"lost-contact", EndReason::lost_contact},
       {"other", EndReason::other}}};
};
template <>
struct EnumNames<Transport> {
  static constexpr std::array<std::pair<std::string_view, Transport>, 2> values{
      {{"smtp", Transport::smtp}, {"directory", Transport::directory}}};
};
template <>
struct EnumNames<StartTls> {
  static constexpr std::array<std::pair<std::string_view, StartTls>, 2> values{
      {{"required", StartTls::required}, {"off", StartTls::off}}};
};

template <>
struct EnumNames<Ability> {
  static constexpr std::array<std::pair<std::string_view, Ability>, 5> values{
      {{"decline", Ability::decline},
       {"away", Ability::away},
       {"availability", Ability::availability},
       {"continue", Ability::continue_},
       {"pause-or-end", Ability::pause_or_end}}};
};

// Return the value spelled `word`, or nullopt.
template <typename E>
std::optional<E> enum_from(std::string_view word) {
  for (const auto& [name, value] : EnumNames<E>::values) {
    if (name == word) return value;
  }
  return std::nullopt;
}

// Return the word for `value`.
template <typename E>
std::string_view enum_name(E value) {
  for (const auto& [name, v] : EnumNames<E>::values) {
    if (v == value) return name;
  }
  return {};
}

// Return "a | b | c", for messages.
template <typename E>
std::string enum_choices() {
  std::string out;
  for (const auto& [name, value] : EnumNames<E>::values) {
    if (!out.empty()) out += " | ";
    out += name;
  }
  return out;
}

}  // namespace mentorcal::config
