// Structured fields for the log lines about one pair or one meeting. While a LogFields lives, every
// line this thread logs carries its fields, and journald keeps them (app/journal_sink.h), so an
// operator finds a pair's story with `journalctl -u mentorcal MENTORCAL_PAIR=amara-li`. On a
// terminal or in a file the lines are as before.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mentorcal::base {

class LogFields {
 public:
  // The journald field names mentorcal uses.
  static constexpr std::string_view kPair = "MENTORCAL_PAIR";      // a pair id
  static constexpr std::string_view kUid = "MENTORCAL_UID";        // a meeting's UID
  static constexpr std::string_view kPerson = "MENTORCAL_PERSON";  // a person id

  // Fields as (name, value); empty values are left out. Scopes nest; the inner one's come last.
  LogFields(std::initializer_list<std::pair<std::string_view, std::string_view>> fields);
  ~LogFields();
  LogFields(const LogFields&) = delete;
  LogFields& operator=(const LogFields&) = delete;

  // The fields of every live scope on this thread, as "NAME=value".
  static const std::vector<std::string>& current();

 private:
  std::size_t added_ = 0;
};

}  // namespace mentorcal::base
