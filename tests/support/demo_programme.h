// The demo programme (packaging/examples/demo.toml), as the tests of app/ use it: with a busy
// calendar for Amara and an [imap] mailbox, so every step of the tick has something to do.
// REQUIRES: MENTORCAL_SOURCE_DIR defined for the test target.
#pragma once

#include <fstream>
#include <iterator>
#include <string>

#include <gtest/gtest.h>

#include "config/load.h"

namespace mentorcal::testing {

inline config::Programme demo_programme() {
  std::ifstream in(std::string(MENTORCAL_SOURCE_DIR) + "/packaging/examples/demo.toml");
  std::string text{std::istreambuf_iterator<char>(in), {}};
  const std::string amara = "id = \"amara\"\n";
  const auto at = text.find(amara);
  EXPECT_NE(at, std::string::npos);
  text.insert(at + amara.size(), "busy_calendar = \"https://calendar.example.org/amara.ics\"\n");
  text += "\n[imap]\nurl = \"imaps://mail.example.org/INBOX\"\nusername = \"mentoring\"\n";
  auto loaded = config::parse_programme(text, "demo.toml", "/etc/mentorcal");
  EXPECT_TRUE(loaded) << (loaded ? "" : loaded.error().front().text());
  return loaded->programme;
}

}  // namespace mentorcal::testing
