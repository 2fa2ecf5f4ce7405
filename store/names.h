// The words the store's enumerations are kept as (the SQL columns' exact text, so existing state
// files keep working) and shown as: tables in the style of config/enum_names.h, so
// config::enum_from and config::enum_name convert them.
#pragma once

#include <array>
#include <string_view>
#include <utility>

#include "config/enum_names.h"
#include "store/meetings.h"
#include "store/outbox.h"
#include "store/replies.h"

namespace mentorcal::config {

template <>
struct EnumNames<store::MeetingStatus> {
  static constexpr std::array<std::pair<std::string_view, store::MeetingStatus>, 2> values{
      {{"booked", store::MeetingStatus::booked}, {"cancelled", store::MeetingStatus::cancelled}}};
};
template <>
struct EnumNames<store::CancelKind> {
  static constexpr std::array<std::pair<std::string_view, store::CancelKind>, 5> values{
      {{"", store::CancelKind::none},
       {"ended", store::CancelKind::ended},
       {"removed", store::CancelKind::removed},
       {"declined", store::CancelKind::declined},
       {"impossible", store::CancelKind::impossible}}};
};
template <>
struct EnumNames<store::PartStat> {
  static constexpr std::array<std::pair<std::string_view, store::PartStat>, 5> values{
      {{"NEEDS-ACTION", store::PartStat::needs_action},
       {"ACCEPTED", store::PartStat::accepted},
       {"TENTATIVE", store::PartStat::tentative},
       {"DECLINED", store::PartStat::declined},
       {"DELEGATED", store::PartStat::delegated}}};
};
template <>
struct EnumNames<store::OutboxState> {
  static constexpr std::array<std::pair<std::string_view, store::OutboxState>, 3> values{
      {{"pending", store::OutboxState::pending},
       {"sent", store::OutboxState::sent},
       {"failed", store::OutboxState::failed}}};
};
template <>
struct EnumNames<store::ReplyOutcome> {
  static constexpr std::array<std::pair<std::string_view, store::ReplyOutcome>, 3> values{
      {{"applied", store::ReplyOutcome::applied},
       {"stale", store::ReplyOutcome::stale},
       {"ignored", store::ReplyOutcome::ignored}}};
};

}  // namespace mentorcal::config
