// Who gets into /admin (issue 15): the credentials file, the Basic header, and the gate's limits
// and memory. The hashes were made with libcrypt (crypt_gensalt + crypt) for "correct horse".
#include "web/admin_gate.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "web/admin_credentials.h"
#include "web/secret.h"

namespace mentorcal::web {
namespace {

constexpr std::string_view kYescrypt =
    "$y$j9T$bJUlkqo1DXd2kmOzUsfo8/$Bvy1Iii8GYU.yl.PzDOr3KFQ2zw12kvIiqQaV7vrKU9";
constexpr std::string_view kBcrypt = "$2b$05$eaQphgDFehuOx6MYCcZ0qeJDO3BrAHKhjOrorFA.orMq5mJjiwG0e";
constexpr std::string_view kSha512 =
    "$6$rounds=1000$b7znNh2hoyfrfa8h$vKbJNvqoAgBaszanLMAT/vdHy41v.Ltb4.KCtl295NSpn4b5mGna77gxK6Dxh"
    "DF4bDqLexHWM/4/v.OSU.wi3/";
constexpr std::string_view kMd5 = "$1$ILL9axAv$AJdUODOQ2yEMpLXZsIAtp.";

std::string line(std::string_view user, std::string_view hash) {
  return std::string(user) + ":" + std::string(hash) + "\n";
}

std::string basic(std::string_view user_password) {
  // base64 (with padding) of the bytes, as browsers send it.
  auto b = base64url(user_password);
  for (auto& c : b)
    c = c == '-' ? '+' : c == '_' ? '/' : c;
  while (b.size() % 4)
    b += '=';
  return "Basic " + b;
}

AdminCredentials credentials() {
  return *AdminCredentials::parse("# admins\n\n" + line("ada", kYescrypt) + line("bo", kBcrypt) +
                                  line("cy", kSha512));
}

TEST(AdminCredentials, EachSlowMethodMatchesItsPasswordOnly) {
  const auto c = credentials();
  EXPECT_EQ(c.size(), 3u);
  for (const auto* user : {"ada", "bo", "cy"}) {
    EXPECT_TRUE(c.matches(user, "correct horse")) << user;
    EXPECT_FALSE(c.matches(user, "correct horsE")) << user;
    EXPECT_FALSE(c.matches(user, "")) << user;
  }
  EXPECT_FALSE(c.matches("dee", "correct horse"));  // the first user's password, unknown user
  EXPECT_FALSE(c.matches("", "correct horse"));
}

TEST(AdminCredentials, RefusesWhatIsNotSaltedAndSlowOrNotUserHash) {
  EXPECT_FALSE(AdminCredentials::parse(line("ada", kMd5)));              // MD5-crypt
  EXPECT_FALSE(AdminCredentials::parse("ada:correct horse\n"));          // plain text
  EXPECT_FALSE(AdminCredentials::parse("ada:abQ9KY.KfrYrc\n"));          // DES
  EXPECT_FALSE(AdminCredentials::parse(std::string(kYescrypt) + "\n"));  // no user
  EXPECT_FALSE(AdminCredentials::parse(line("ada", kYescrypt) + line("ada", kBcrypt)));
  EXPECT_FALSE(AdminCredentials::parse(line("a da", kYescrypt)));
  EXPECT_FALSE(AdminCredentials::parse("# nobody\n\n"));
  const auto error = AdminCredentials::parse(line("ada", kYescrypt) + line("bo", kMd5)).error();
  EXPECT_NE(error.find("line 2"), std::string::npos) << error;
  EXPECT_EQ(error.find(kMd5), std::string::npos) << "the hash is shown: " << error;
  // shadow-style lines (more fields) and CRLF are read.
  EXPECT_TRUE(AdminCredentials::parse("ada:" + std::string(kYescrypt) + ":19000:0:99999:7:::\r\n"));
}

TEST(BasicAuthorization, ReadsUserAndPassword) {
  const auto read = read_basic_authorization(basic("ada:correct horse"));
  ASSERT_TRUE(read);
  EXPECT_EQ(read->user, "ada");
  EXPECT_EQ(read->password, "correct horse");
  EXPECT_EQ(read_basic_authorization(basic("ada:pass:with:colons"))->password, "pass:with:colons");
  EXPECT_EQ(read_basic_authorization(basic("ada:"))->password, "");
  EXPECT_EQ(read_basic_authorization("basic " + basic("b:c").substr(6))->user, "b");
  EXPECT_EQ(read_basic_authorization(basic("ad:x"))->user, "ad");     // one '=' of padding
  EXPECT_EQ(read_basic_authorization(basic("ada:xy"))->user, "ada");  // two
  for (const std::string& bad : std::vector<std::string>{
           "", "Basic", "Basic ", "Bearer abc=", "Basic !!!!", "Basic YWRh" /* "ada", no colon */,
           "Basic YWRhOng", basic("ad\na:x"), basic("ada:\x01")})
    EXPECT_FALSE(read_basic_authorization(bad)) << bad;
}

using Verdict = AdminGate::Verdict;
const auto t0 = AdminGate::Clock::time_point{} + std::chrono::hours(1);

TEST(AdminGate, SignsInOnceThenRemembersForAWhile) {
  AdminGate gate(credentials());
  const auto right = basic("ada:correct horse");
  EXPECT_EQ(gate.check(right, "192.0.2.1", t0).verdict, Verdict::signed_in);
  const auto again = gate.check(right, "192.0.2.1", t0 + std::chrono::minutes(1));
  EXPECT_EQ(again.verdict, Verdict::admitted);
  EXPECT_EQ(again.user, "ada");
  // From another address it is a new sign-in (audited again); and after the memory, too.
  EXPECT_EQ(gate.check(right, "192.0.2.9", t0).verdict, Verdict::signed_in);
  EXPECT_EQ(gate.check(right, "192.0.2.1", t0 + std::chrono::minutes(11)).verdict,
            Verdict::signed_in);
}

TEST(AdminGate, RefusesThenLimitsFailuresPerAddress) {
  AdminGate gate(credentials(), {5, 10, 1000, 1000});
  // Asking without credentials is how a browser starts: refused, never counted.
  for (int i = 0; i < 50; ++i)
    EXPECT_EQ(gate.check("", "192.0.2.1", t0).verdict, Verdict::refused);
  const auto wrong = basic("ada:guess");
  for (int i = 0; i < 10; ++i) {
    const auto out = gate.check(wrong, "192.0.2.1", t0);
    EXPECT_EQ(out.verdict, Verdict::refused) << i;
    EXPECT_EQ(out.user, "ada");  // a known user's name is kept for the audit
  }
  EXPECT_EQ(gate.check(basic("zed:guess"), "192.0.2.7", t0).user, "");  // unknown: not repeated
  // The 11th failure in a row: limited, even with the right password, until the bucket refills.
  EXPECT_EQ(gate.check(wrong, "192.0.2.1", t0).verdict, Verdict::limited);
  EXPECT_EQ(gate.check(basic("ada:correct horse"), "192.0.2.1", t0).verdict, Verdict::limited);
  EXPECT_EQ(gate.check(basic("ada:correct horse"), "192.0.2.2", t0).verdict, Verdict::signed_in);
  EXPECT_EQ(
      gate.check(basic("ada:correct horse"), "192.0.2.1", t0 + std::chrono::seconds(13)).verdict,
      Verdict::signed_in);  // 5 a minute: one more after 12 s
}

TEST(AdminGate, LimitsFailuresFromAllAddressesTogether) {
  AdminGate gate(credentials(), {1000, 1000, 30, 3});
  const auto wrong = basic("ada:guess");
  for (int i = 0; i < 3; ++i)
    EXPECT_EQ(gate.check(wrong, "192.0.2." + std::to_string(i), t0).verdict, Verdict::refused);
  EXPECT_EQ(gate.check(wrong, "198.51.100.1", t0).verdict, Verdict::limited);
}

}  // namespace
}  // namespace mentorcal::web
