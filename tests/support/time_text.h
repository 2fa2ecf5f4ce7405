// Instants written the way the scheduler's tests write them, "2026-10-25T01:00Z" or
// "2026-10-25T01:00:00Z", and back. Shared by the scheduler's tests.
#pragma once

#include <chrono>
#include <sstream>
#include <string>

#include <date/date.h>
#include <gtest/gtest.h>

namespace mentorcal::testing {

// Return the UTC instant written `text`, with or without seconds; a test fails on anything else.
inline std::chrono::sys_seconds utc(const char* text) {
  for (const char* format : {"%Y-%m-%dT%H:%M:%SZ", "%Y-%m-%dT%H:%MZ"}) {
    std::istringstream in(text);
    std::chrono::sys_seconds t;
    in >> date::parse(format, t);
    if (!in.fail() && in.peek() == std::char_traits<char>::eof()) return t;
  }
  ADD_FAILURE() << "not an instant: " << text;
  return {};
}

// Return `t` written "2026-10-25T01:00Z".
inline std::string text(std::chrono::sys_seconds t) {
  return date::format("%Y-%m-%dT%H:%MZ", t);
}

}  // namespace mentorcal::testing
