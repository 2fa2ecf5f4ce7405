#include "base/log_fields.h"

namespace mentorcal::base {
namespace {

thread_local std::vector<std::string> fields;

}  // namespace

LogFields::LogFields(std::initializer_list<std::pair<std::string_view, std::string_view>> list) {
  for (const auto& [name, value] : list) {
    if (value.empty()) continue;
    // journald reads a field up to the line's end: ids and UIDs hold no newline, and a value
    // from elsewhere is cut at one.
    fields.push_back(std::string(name) + "=" + std::string(value.substr(0, value.find('\n'))));
    ++added_;
  }
}

LogFields::~LogFields() {
  fields.resize(fields.size() - added_);
}

const std::vector<std::string>& LogFields::current() {
  return fields;
}

}  // namespace mentorcal::base
