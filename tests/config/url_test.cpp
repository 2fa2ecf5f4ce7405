#include "config/url.h"

#include <gtest/gtest.h>

namespace mentorcal::config {
namespace {

TEST(Url, Parts) {
  const auto u = parse_url("SMTP://mail.example.org:587");
  ASSERT_TRUE(u);
  EXPECT_EQ(u->scheme, "smtp");
  EXPECT_EQ(u->host, "mail.example.org");
  EXPECT_EQ(u->port, 587);
  EXPECT_EQ(u->path, "");
  const auto i = parse_url("imaps://[::1]:9993/INBOX");
  ASSERT_TRUE(i);
  EXPECT_EQ(i->host, "::1");
  EXPECT_EQ(i->port, 9993);
  EXPECT_EQ(i->path, "/INBOX");
}

TEST(Url, Refused) {
  for (const char* t : {"", "mail.example.org", "smtp://", "smtp://:25", "smtp://host:0",
                        "smtp://host:65536", "smtp://host:", "smtp://host:x", "smtp://user@host",
                        "smtp://user:pw@host", "sm tp://host", "smtp://[::1", "smtp://[::1]x"}) {
    EXPECT_FALSE(parse_url(t)) << t;
  }
}

TEST(Url, Loopback) {
  for (const char* h : {"localhost", "LOCALHOST", "127.0.0.1", "127.1.2.3", "::1"})
    EXPECT_TRUE(is_loopback_host(h)) << h;
  for (const char* h : {"mail.example.org", "127.0.0.1.example.org", "128.0.0.1", "127.0.0",
                        "127.0.0.256", "::2", "localhost.example.org"}) {
    EXPECT_FALSE(is_loopback_host(h)) << h;
  }
}

}  // namespace
}  // namespace mentorcal::config
