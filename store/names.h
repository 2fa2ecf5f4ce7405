// The words the store's own enumerations are kept as (the SQL columns' exact text, so existing
// state files keep working) and shown as: tables in the style of config/enum_names.h, so
// config::enum_from and config::enum_name convert them.
#pragma once

#include <array>
#include <string_view>
#include <utility>

#include "config/enum_names.h"
#include "store/meetings.h"
#include "store/outbox.h"
#include "store/replies.h"
// The meeting states' words are with them, in scheduler/meeting_state.h.

namespace mentorcal::config {

template <>
struct EnumNames<store::OutboxState> {
  static constexpr std::array<std::pair<std::string_view, store::OutboxState>, 3> values{
      {{"pending", store::OutboxState::pending},
       {"sent", store::OutboxState::sent},
       {"failed", store::OutboxState::failed}}};
};

}  // namespace mentorcal::config
