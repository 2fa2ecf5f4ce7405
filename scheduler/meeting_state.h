// The states of a meeting mentorcal has sent, and of each partner's answer to it: the domain's
// words, shared by the scheduler's rules, the store's rows and the report. Their spelling (the
// store's columns, the replies log, JSON) is in one table per type here, read by config::enum_from
// and config::enum_name.
#pragma once

#include <array>
#include <string_view>
#include <utility>

#include "config/enum_names.h"

namespace mentorcal::scheduler {

enum class MeetingStatus { booked, cancelled };

// Why a meeting was cancelled; `none` while it is booked. A partner's DECLINE is `declined` when
// they had not accepted that time (a proposal that did not suit), `withdrawn` when they had (an
// appointment called off).
enum class CancelKind { none, ended, removed, declined, impossible, withdrawn };

// A partner's answer (RFC 5545 PARTSTAT for an event).
enum class PartStat { needs_action, accepted, tentative, declined, delegated };

// How a partner answers a meeting (the iTIP method of their message, RFC 5546).
enum class AnswerMethod { reply, counter, refresh };

// What was done with an answer read from the mailbox.
enum class ReplyOutcome { applied, stale, ignored };

}  // namespace mentorcal::scheduler

namespace mentorcal::config {

template <>
struct EnumNames<scheduler::MeetingStatus> {
  static constexpr std::array<std::pair<std::string_view, scheduler::MeetingStatus>, 2> values{
      {{"booked", scheduler::MeetingStatus::booked},
       {"cancelled", scheduler::MeetingStatus::cancelled}}};
};
template <>
struct EnumNames<scheduler::CancelKind> {
  static constexpr std::array<std::pair<std::string_view, scheduler::CancelKind>, 6> values{
      {{"", scheduler::CancelKind::none},
       {"ended", scheduler::CancelKind::ended},
       {"removed", scheduler::CancelKind::removed},
       {"declined", scheduler::CancelKind::declined},
       {"impossible", scheduler::CancelKind::impossible},
       {"withdrawn", scheduler::CancelKind::withdrawn}}};
};
template <>
struct EnumNames<scheduler::PartStat> {
  static constexpr std::array<std::pair<std::string_view, scheduler::PartStat>, 5> values{
      {{"NEEDS-ACTION", scheduler::PartStat::needs_action},
       {"ACCEPTED", scheduler::PartStat::accepted},
       {"TENTATIVE", scheduler::PartStat::tentative},
       {"DECLINED", scheduler::PartStat::declined},
       {"DELEGATED", scheduler::PartStat::delegated}}};
};
template <>
struct EnumNames<scheduler::AnswerMethod> {
  static constexpr std::array<std::pair<std::string_view, scheduler::AnswerMethod>, 3> values{
      {{"REPLY", scheduler::AnswerMethod::reply},
       {"COUNTER", scheduler::AnswerMethod::counter},
       {"REFRESH", scheduler::AnswerMethod::refresh}}};
};
template <>
struct EnumNames<scheduler::ReplyOutcome> {
  static constexpr std::array<std::pair<std::string_view, scheduler::ReplyOutcome>, 3> values{
      {{"applied", scheduler::ReplyOutcome::applied},
       {"stale", scheduler::ReplyOutcome::stale},
       {"ignored", scheduler::ReplyOutcome::ignored}}};
};

}  // namespace mentorcal::config
