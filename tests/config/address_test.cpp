#include "config/address.h"

#include <gtest/gtest.h>

namespace mentorcal::config {
namespace {

TEST(Address, AcceptsPlainAddrSpecs) {
  for (const char* a : {"amara@example.org", "li.wei+mentoring@mail.example.co.uk",
                        "o'brien@example.org", "x@a-b.example", "A_B@EXAMPLE.ORG"}) {
    EXPECT_TRUE(is_email_address(a)) << a;
  }
}

TEST(Address, RefusesAnythingElse) {
  for (const char* a :
       {"", "amara", "@example.org", "amara@", "amara@example", "a@@example.org", "a b@example.org",
        "a..b@example.org", ".a@example.org", "a.@example.org", "a@-example.org", "a@example-.org",
        "a@example..org", "\"a b\"@example.org", "a@[127.0.0.1]", "Amara <a@example.org>",
        "a@example.org\r\nBcc: x@example.org", "a@exa_mple.org", "amara@exämple.org"}) {
    EXPECT_FALSE(is_email_address(a)) << a;
  }
  EXPECT_FALSE(is_email_address(std::string(65, 'a') + "@example.org"));
}

TEST(Address, UnsafeText) {
  EXPECT_FALSE(unsafe_text("Zoë O'Brien-Núñez, \"Jo\"; 李伟 \\ :"));
  EXPECT_NE(unsafe_text("a\rb")->find("carriage return"), std::string::npos);
  EXPECT_NE(unsafe_text("a\nb")->find("line break"), std::string::npos);
  EXPECT_NE(unsafe_text("a\tb")->find("tab"), std::string::npos);
  EXPECT_NE(unsafe_text(std::string("a\0b", 3))->find("0x00"), std::string::npos);
  EXPECT_NE(unsafe_text("a\x7f")->find("0x7F"), std::string::npos);
  EXPECT_NE(unsafe_text("caf\xC3")->find("UTF-8"), std::string::npos);
}

TEST(Address, Utf8Validation) {
  EXPECT_FALSE(invalid_utf8_at("plain ascii"));
  EXPECT_FALSE(invalid_utf8_at("Zoë 李伟 😀"));
  EXPECT_EQ(invalid_utf8_at("ab\x80"), 2u);                 // stray continuation byte
  EXPECT_EQ(invalid_utf8_at("a\xC3"), 1u);                  // truncated sequence
  EXPECT_EQ(invalid_utf8_at("a\xC0\xAF"), 1u);              // overlong '/'
  EXPECT_EQ(invalid_utf8_at("\xED\xA0\x80"), 0u);           // UTF-16 surrogate
  EXPECT_EQ(invalid_utf8_at("\xF4\x90\x80\x80"), 0u);       // above U+10FFFF
  EXPECT_EQ(invalid_utf8_at("j.\xC9\xB4x"), std::nullopt);  // valid: U+0274
  EXPECT_EQ(invalid_utf8_at("\xFF"), 0u);
}

}  // namespace
}  // namespace mentorcal::config
