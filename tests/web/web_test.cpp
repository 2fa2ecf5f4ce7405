// The pieces of `mentorcal web` that decide who gets in (issue 15): link tokens, CSRF tokens,
// form decoding and the rate limit.
#include <set>

#include <gtest/gtest.h>

#include "web/form.h"
#include "web/link_token.h"
#include "web/rate_limit.h"
#include "web/secret.h"
#include "web/server.h"

namespace mentorcal::web {
namespace {

const std::string kKey(32, 'k');

TEST(LinkToken, IsLongDeterministicAndDistinct) {
  const auto token = link_token(kKey, "ana", 1);
  EXPECT_EQ(token.size(), 43u);  // 256 bits in base64url
  EXPECT_TRUE(looks_like_token(token));
  EXPECT_EQ(token, link_token(kKey, "ana", 1));
  EXPECT_NE(token, link_token(kKey, "ana", 2));  // relink
  EXPECT_NE(token, link_token(kKey, "bob", 1));
  EXPECT_NE(token, link_token(std::string(32, 'j'), "ana", 1));  // another key
  // The person and generation are separated: "ana1" generation 1 is not "ana" generation 11.
  EXPECT_NE(link_token(kKey, "ana1", 1), link_token(kKey, "ana", 11));
}

TEST(LinkToken, StateKeepsOnlyTheHash) {
  const auto token = link_token(kKey, "ana", 1);
  const auto hash = token_hash(token);
  EXPECT_EQ(hash.size(), 64u);
  EXPECT_EQ(hash.find(token), std::string::npos);
  // SHA-256("abc"), FIPS 180-2's example.
  EXPECT_EQ(token_hash("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(LinkToken, ShapeIsCheckedBeforeAnyLookUp) {
  EXPECT_FALSE(looks_like_token(""));
  EXPECT_FALSE(looks_like_token(std::string(42, 'a')));
  EXPECT_FALSE(looks_like_token(std::string(44, 'a')));
  EXPECT_FALSE(looks_like_token(std::string(42, 'a') + "="));
  EXPECT_FALSE(looks_like_token(std::string(42, 'a') + "/"));
  EXPECT_TRUE(looks_like_token(std::string(41, 'a') + "-_"));
}

TEST(Secret, RandomBytesDiffer) {
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i)
    seen.insert(random_bytes(16));
  EXPECT_EQ(seen.size(), 100u);
  EXPECT_EQ(random_bytes(32).size(), 32u);
}

TEST(Secret, Base64UrlAndHmacKnownAnswers) {
  EXPECT_EQ(base64url(""), "");
  EXPECT_EQ(base64url("f"), "Zg");
  EXPECT_EQ(base64url("fo"), "Zm8");
  EXPECT_EQ(base64url("foo"), "Zm9v");
  EXPECT_EQ(base64url("\xfb\xff"), "-_8");
  // RFC 4231 test case 2.
  EXPECT_EQ(
      base64url(hmac_sha256("Jefe", "what do ya want for nothing?")),
      base64url(std::string("\x5b\xdc\xc1\x46\xbf\x60\x75\x4e\x6a\x04\x24\x26\x08\x95\x75\xc7"
                            "\x5a\x00\x3f\x08\x9d\x27\x39\x83\x9d\xec\x58\xb9\x64\xec\x38\x43",
                            32)));
}

TEST(Secret, EqualInConstantTime) {
  EXPECT_TRUE(equal_in_constant_time("abc", "abc"));
  EXPECT_FALSE(equal_in_constant_time("abc", "abd"));
  EXPECT_FALSE(equal_in_constant_time("abc", "ab"));
  EXPECT_TRUE(equal_in_constant_time("", ""));
}

TEST(Csrf, BelongsToOneLink) {
  const auto hash = token_hash(link_token(kKey, "ana", 1));
  const auto other = token_hash(link_token(kKey, "bob", 1));
  const auto csrf = csrf_token(kKey, hash);
  EXPECT_TRUE(csrf_matches(kKey, hash, csrf));
  EXPECT_FALSE(csrf_matches(kKey, other, csrf));
  EXPECT_FALSE(csrf_matches(kKey, hash, ""));
  EXPECT_FALSE(csrf_matches(kKey, hash, csrf.substr(1)));
  EXPECT_FALSE(csrf_matches(std::string(32, 'j'), hash, csrf));
}

TEST(Form, DecodesFields) {
  const auto form = decode_form("csrf=a%2Bb&uid=m-1%40example.org&note=on+holiday%21&empty=");
  ASSERT_TRUE(form) << form.error();
  EXPECT_EQ(form->at("csrf"), "a+b");
  EXPECT_EQ(form->at("uid"), "m-1@example.org");
  EXPECT_EQ(form->at("note"), "on holiday!");
  EXPECT_EQ(form->at("empty"), "");
  EXPECT_EQ(decode_form("")->size(), 0u);
  EXPECT_EQ(decode_form("n=%C3%A9t%C3%A9")->at("n"), "\xC3\xA9t\xC3\xA9");
  EXPECT_EQ(decode_form("flag")->at("flag"), "");
}

TEST(Form, RefusesWhatIsMalformed) {
  EXPECT_FALSE(decode_form("a=%"));
  EXPECT_FALSE(decode_form("a=%4"));
  EXPECT_FALSE(decode_form("a=%zz"));
  EXPECT_FALSE(decode_form("=x"));
  EXPECT_FALSE(decode_form("a=1&"));
  EXPECT_FALSE(decode_form("a=1&&b=2"));
  EXPECT_FALSE(decode_form("a=1&a=2"));      // given twice
  EXPECT_FALSE(decode_form("a=%00"));        // a control character
  EXPECT_FALSE(decode_form("a=%C3"));        // cut UTF-8
  EXPECT_FALSE(decode_form("a=%C0%AF"));     // overlong
  EXPECT_FALSE(decode_form("a=%ED%A0%80"));  // a surrogate
  EXPECT_FALSE(decode_form("a=" + std::string(kMaxFieldBytes + 1, 'x')));
  std::string many;
  for (std::size_t i = 0; i <= kMaxFormFields; ++i)
    many += (many.empty() ? "" : "&") + std::string("f") + std::to_string(i) + "=1";
  EXPECT_FALSE(decode_form(many));
}

TEST(Form, SplitsTargets) {
  const auto t = split_target("/p/abc/decline?x=1");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->path, "/p/abc/decline");
  EXPECT_EQ(t->query, "x=1");
  EXPECT_FALSE(split_target("http://example.org/"));
  EXPECT_FALSE(split_target(""));
}

TEST(RateLimit, AllowsABurstThenRefills) {
  RateLimit limit(60, 3);  // one a second after three
  const RateLimit::Clock::time_point t0{};
  EXPECT_TRUE(limit.allow("a", t0));
  EXPECT_TRUE(limit.allow("a", t0));
  EXPECT_TRUE(limit.allow("a", t0));
  EXPECT_FALSE(limit.allow("a", t0));
  EXPECT_TRUE(limit.allow("b", t0));  // keys are apart
  EXPECT_FALSE(limit.allow("a", t0 + std::chrono::milliseconds(500)));
  EXPECT_TRUE(limit.allow("a", t0 + std::chrono::milliseconds(1600)));
  EXPECT_FALSE(limit.allow("a", t0 + std::chrono::milliseconds(1700)));
}

TEST(RateLimit, MemoryIsBounded) {
  RateLimit limit(60, 2, /*max_keys=*/2);
  const RateLimit::Clock::time_point t0{};
  EXPECT_TRUE(limit.allow("a", t0));
  EXPECT_TRUE(limit.allow("b", t0));
  EXPECT_FALSE(limit.allow("c", t0));  // full of limited keys: a newcomer waits
  EXPECT_EQ(limit.keys(), 2u);
  // Once a and b are full again they are forgotten and c gets in.
  EXPECT_TRUE(limit.allow("c", t0 + std::chrono::seconds(5)));
  EXPECT_LE(limit.keys(), 2u);
}

TEST(Server, ParsesListenAddresses) {
  EXPECT_EQ(parse_listen("127.0.0.1:8080")->second, 8080);
  EXPECT_EQ(parse_listen("[::1]:80")->first, "::1");
  EXPECT_FALSE(parse_listen("localhost:80"));
  EXPECT_FALSE(parse_listen("127.0.0.1"));
  EXPECT_FALSE(parse_listen("127.0.0.1:0"));
  EXPECT_FALSE(parse_listen("127.0.0.1:65536"));
  EXPECT_FALSE(parse_listen("::1:80"));
}

}  // namespace
}  // namespace mentorcal::web
