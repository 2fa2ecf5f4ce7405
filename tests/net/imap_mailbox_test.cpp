// ImapMailbox against a real Dovecot on loopback (tests/net/imap_server.sh), started and stopped
// by each test with its own throw-away CA, user and Maildir; and against sockets that refuse or
// never answer.
#include "net/imap_mailbox.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <netinet/in.h>
#include <optional>
#include <poll.h>
#include <signal.h>
#include <sstream>
#include <stdexcept>
#include <string>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

#include <gtest/gtest.h>

#include "tests/support/processes.h"

// Failures print the value or the error, not bytes.
namespace tl {
template <class T>
void PrintTo(const expected<T, std::string>& result, std::ostream* out) {
  if (result) {
    *out << ::testing::PrintToString(*result);
  } else {
    *out << "error: " << result.error();
  }
}
}  // namespace tl

namespace mentorcal::net {
namespace {

namespace fs = std::filesystem;
using testing::Child;
using testing::LoopbackSocket;
using testing::RunAs;
using testing::TempDir;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;
using Uids = std::vector<std::uint32_t>;

const fs::path kServer = fs::path(MENTORCAL_SOURCE_DIR) / "tests/net/imap_server.sh";
const fs::path kBash = "/bin/bash";
const fs::path kDoveadm = "/usr/bin/doveadm";
constexpr auto kStartWait = 60s;  // for Dovecot to listen; normally under a second
const std::string kUser = "mentor-bot";
const std::string kPassword = "Pa55:w0rd-never-logged";
const std::string kLogin = "imap-login: Info: Login: user=<" + kUser + ">";

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void write_file(const fs::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

// Return the error text, or "(no error)".
template <class T>
std::string error_of(const tl::expected<T, std::string>& result) {
  return result ? "(no error)" : result.error();
}

// Return the number of lines of `text` that hold `needle`.
int count_of(const std::string& text, const std::string& needle) {
  int n = 0;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    n += line.find(needle) != std::string::npos ? 1 : 0;
  return n;
}

// Run `argv` to completion (at most 60 s); return its stdout, or nothing if it failed.
std::optional<std::string> run(const std::vector<std::string>& argv, const fs::path& log) {
  Child child(argv, log);
  std::string out = child.read_all(Clock::now() + 60s);
  const bool done = child.wait_until(Clock::now() + 1s);
  const int status = child.stop();
  if (!done || !WIFEXITED(status) || WEXITSTATUS(status) != 0) return std::nullopt;
  return out;
}

// Return whether anything accepts a TCP connection on 127.0.0.1:`port`.
bool accepts(int port) {
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(static_cast<uint16_t>(port));
  const bool ok = connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  close(fd);
  return ok;
}

// Return whether process `pid` has gone (or is a zombie nobody has reaped yet).
bool gone(pid_t pid) {
  const std::string stat = read_file("/proc/" + std::to_string(pid) + "/stat");
  const size_t end = stat.rfind(')');
  return stat.empty() || (end != std::string::npos && stat.compare(end, 3, ") Z") == 0);
}

// Return the processes whose parent is `parent`.
std::vector<pid_t> children_of(pid_t parent) {
  std::vector<pid_t> children;
  for (const auto& entry : fs::directory_iterator("/proc")) {
    const std::string name = entry.path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    const std::string stat = read_file(entry.path() / "stat");
    const size_t end = stat.rfind(')');
    if (end == std::string::npos) continue;
    std::istringstream fields(stat.substr(end + 2));
    std::string state;
    pid_t ppid = 0;
    if (fields >> state >> ppid && ppid == parent) children.push_back(std::stoi(name));
  }
  return children;
}

// ---- messages as partners' mail clients send them (CRLF unless said otherwise) ----

std::string crlf(const std::vector<std::string>& lines) {
  std::string text;
  for (const std::string& line : lines)
    text += line + "\r\n";
  return text;
}

// Outlook's REPLY: multipart/alternative, the calendar base64, no ORGANIZER.
std::string outlook_reply() {
  return crlf({"From: Mentor One <mentor1@example.net>",
               "To: organiser@example.org",
               "Subject: Accepted: Mentoring (Pair 7)",
               "Date: Tue, 3 Mar 2026 09:00:00 +0000",
               "Message-ID: <outlook-1@example.net>",
               "MIME-Version: 1.0",
               "Content-Type: multipart/alternative; boundary=\"b1\"",
               "",
               "--b1",
               "Content-Type: text/plain; charset=\"us-ascii\"",
               "",
               "Accepted.",
               "--b1",
               "Content-Type: text/calendar; charset=\"utf-8\"; method=REPLY",
               "Content-Transfer-Encoding: base64",
               "",
               "QkVHSU46VkNBTEVOREFSDQpNRVRIT0Q6UkVQTFkNClZFUlNJT046Mi4wDQpCRUdJTjpWRVZFTlQN",
               "ClVJRDptZWV0aW5nLTdAbWVudG9yY2FsDQpBVFRFTkRFRTtQQVJUU1RBVD1BQ0NFUFRFRDptYWls",
               "dG86bWVudG9yMUBleGFtcGxlLm5ldA0KU0VRVUVOQ0U6MA0KRU5EOlZFVkVOVA0KRU5EOlZDQUxF",
               "TkRBUg0K",
               "--b1--"});
}

// Gmail's REPLY: raw UTF-8 in a header, quoted-printable calendar, a Sender header.
std::string gmail_reply() {
  return crlf({"From: =?UTF-8?Q?Zo=C3=AB?= <zoe@example.com>",
               "Sender: Google Calendar <calendar-notification@google.com>",
               "To: organiser@example.org", "Subject: Accepted: Mentoring \xE2\x80\x94 Pair 8",
               "Message-ID: <gmail-1@example.com>", "MIME-Version: 1.0",
               "Content-Type: text/calendar; charset=\"UTF-8\"; method=REPLY",
               "Content-Transfer-Encoding: quoted-printable", "", "BEGIN:VCALENDAR", "METHOD:REPLY",
               "ATTENDEE;CN=Zo=C3=AB;PARTSTAT=3DACCEPTED:mailto:zoe@example.com", "END:VCALENDAR"});
}

// What a naive transfer would mangle: lines of dots, a lone ".", trailing spaces, a long line,
// an 8-bit body, and no line end at the very end.
std::string awkward_message() {
  return crlf({"From: partner@example.net", "To: organiser@example.org", "Subject: awkward",
               "MIME-Version: 1.0", "Content-Type: text/plain; charset=UTF-8",
               "Content-Transfer-Encoding: 8bit", "", ".starts with a dot", "..two dots", ".", "",
               "trailing spaces   ", std::string(990, 'x'), "caf\xC3\xA9 \xE2\x82\xAC"}) +
         "no final line end";
}

// ---- Dovecot, started by each test ----

class DovecotTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ =
        std::make_unique<Child>(std::vector<std::string>{kBash.string(), kServer.string(), "run",
                                                         dir_.path().string(), kUser, kPassword},
                                dir_.path() / "harness.log");
    const std::optional<std::string> line = server_->read_line(Clock::now() + kStartWait);
    ASSERT_TRUE(line && line->rfind("READY ", 0) == 0)
        << "the IMAP server did not start: " << read_file(dir_.path() / "harness.log");
    std::istringstream ports(line->substr(6));
    ASSERT_TRUE(ports >> imap_port_ >> imaps_port_) << *line;
  }

  // Deliver `messages` to `mailbox` in order, as new mail: they get UIDs 1, 2, ... there.
  void deliver(const std::vector<std::string>& messages, const std::string& mailbox = "INBOX") {
    std::vector<std::string> argv = {
        kBash.string(), kServer.string(), "deliver", dir_.path().string(), kUser, "-m", mailbox};
    for (const std::string& message : messages) {
      const fs::path file = dir_.path() / ("fixture-" + std::to_string(fixtures_++) + ".eml");
      write_file(file, message);
      argv.push_back(file.string());
    }
    ASSERT_TRUE(run(argv, dir_.path() / "deliver.log"))
        << "delivery failed: " << read_file(dir_.path() / "deliver.log");
  }

  // Return the output of `doveadm ARGS...` run against this server.
  std::string doveadm(std::vector<std::string> args) {
    args.insert(args.begin(), {kDoveadm.string(), "-c", (dir_.path() / "dovecot.conf").string()});
    const std::optional<std::string> out = run(args, dir_.path() / "doveadm.log");
    EXPECT_TRUE(out) << read_file(dir_.path() / "doveadm.log");
    return out.value_or("");
  }

  ImapSettings settings(bool imaps = true, const std::string& mailbox = "INBOX") const {
    ImapSettings s;
    s.url = (imaps ? "imaps://127.0.0.1:" + std::to_string(imaps_port_)
                   : "imap://127.0.0.1:" + std::to_string(imap_port_)) +
            "/" + mailbox;
    s.require_starttls = true;
    s.username = kUser;
    s.password = kPassword;
    s.ca_file = dir_.path() / "certs/ca.pem";
    s.timeout = 10s;
    return s;
  }

  std::string log() const { return read_file(dir_.path() / "dovecot.log"); }

  // Return how many lines of Dovecot's log hold `needle` once at least `at_least` do (Dovecot
  // writes its log from another process), or after 5 s.
  int wait_in_log(const std::string& needle, int at_least = 1) const {
    int n = 0;
    for (const auto deadline = Clock::now() + 5s; Clock::now() < deadline;) {
      if ((n = count_of(log(), needle)) >= at_least) break;
      std::this_thread::sleep_for(20ms);
    }
    return n;
  }

  TempDir dir_{"imap"};
  std::unique_ptr<Child> server_;
  int imap_port_ = 0;
  int imaps_port_ = 0;
  int fixtures_ = 0;
};

class DovecotBothSchemesTest : public DovecotTest, public ::testing::WithParamInterface<bool> {};

TEST_P(DovecotBothSchemesTest, ListsFetchesAndFlagsWithTheTestCa) {
  ASSERT_NO_FATAL_FAILURE(deliver({outlook_reply(), gmail_reply(), awkward_message()}));
  ImapMailbox mailbox(settings(/*imaps=*/GetParam()));

  EXPECT_EQ(mailbox.unseen_uids(), Uids({1, 2, 3}));
  const auto fetched = mailbox.fetch(3);
  ASSERT_TRUE(fetched) << fetched.error();
  EXPECT_EQ(*fetched, awkward_message());
  EXPECT_EQ(mailbox.unseen_uids(), Uids({1, 2}));  // fetching set \Seen

  mailbox = ImapMailbox(settings(GetParam()));  // a second session
  EXPECT_EQ(mailbox.unseen_uids(), Uids({1, 2}));

  // TLS from the first byte, or after STARTTLS: Dovecot would let a loopback client log in
  // without TLS, so its log line is the proof.
  ASSERT_EQ(wait_in_log(kLogin, 2), 2);
  EXPECT_EQ(count_of(log(), kLogin + ", method=PLAIN"), 2) << log();
  EXPECT_EQ(count_of(log(), ", TLS, session="), 2) << log();
}

INSTANTIATE_TEST_SUITE_P(Schemes, DovecotBothSchemesTest, ::testing::Values(true, false),
                         [](const ::testing::TestParamInfo<bool>& info) {
                           return std::string(info.param ? "Imaps" : "ImapWithStarttls");
                         });

class DovecotWrongCaTest : public DovecotTest, public ::testing::WithParamInterface<bool> {};

TEST_P(DovecotWrongCaTest, FailsBeforeLoggingIn) {
  ASSERT_NO_FATAL_FAILURE(deliver({outlook_reply()}));
  ImapSettings s = settings(/*imaps=*/GetParam());
  s.ca_file = dir_.path() / "certs/other-ca.pem";
  ImapMailbox mailbox(s);

  const auto uids = mailbox.unseen_uids();
  ASSERT_FALSE(uids);
  EXPECT_NE(uids.error().find("certificate"), std::string::npos) << uids.error();
  EXPECT_EQ(uids.error().find(kPassword), std::string::npos) << uids.error();
  const auto fetched = mailbox.fetch(1);
  ASSERT_FALSE(fetched);
  EXPECT_NE(fetched.error().find("certificate"), std::string::npos) << fetched.error();

  EXPECT_EQ(wait_in_log("unknown ca", 2), 2) << log();  // both attempts reached the server
  EXPECT_EQ(count_of(log(), "user=<" + kUser + ">"), 0) << log();  // and never logged in
  ImapMailbox good(settings(GetParam()));
  EXPECT_EQ(good.unseen_uids(), Uids({1}));  // nothing was read
}

INSTANTIATE_TEST_SUITE_P(Schemes, DovecotWrongCaTest, ::testing::Values(true, false),
                         [](const ::testing::TestParamInfo<bool>& info) {
                           return std::string(info.param ? "Imaps" : "ImapWithStarttls");
                         });

TEST_F(DovecotTest, FetchReturnsEachMessageByteForByte) {
  const std::vector<std::string> messages = {outlook_reply(), gmail_reply(), awkward_message()};
  ASSERT_NO_FATAL_FAILURE(deliver(messages));
  ImapMailbox mailbox(settings());
  for (std::uint32_t uid = 1; uid <= 3; ++uid) {
    const auto fetched = mailbox.fetch(uid);
    ASSERT_TRUE(fetched) << fetched.error();
    EXPECT_EQ(*fetched, messages[uid - 1]) << "UID " << uid;  // doveadm save adds no header
  }
}

TEST_F(DovecotTest, BareLineFeedsComeBackAsCrlf) {
  // Dovecot keeps LF in its Maildir and serves CRLF, as IMAP requires.
  ASSERT_NO_FATAL_FAILURE(deliver({"From: a@example.net\nSubject: lf\n\nline 1\nline 2\n"}));
  ImapMailbox mailbox(settings());
  EXPECT_EQ(mailbox.fetch(1), "From: a@example.net\r\nSubject: lf\r\n\r\nline 1\r\nline 2\r\n");
}

TEST_F(DovecotTest, SetSeenSetsAndClearsTheFlag) {
  ASSERT_NO_FATAL_FAILURE(deliver({outlook_reply(), gmail_reply(), awkward_message()}));
  ImapMailbox mailbox(settings());
  ASSERT_TRUE(mailbox.fetch(2));
  EXPECT_EQ(mailbox.unseen_uids(), Uids({1, 3}));

  EXPECT_TRUE(mailbox.set_seen(2, false));
  EXPECT_EQ(mailbox.unseen_uids(), Uids({1, 2, 3}));
  EXPECT_TRUE(mailbox.set_seen(2, false));  // no change: the server reports nothing, still fine
  EXPECT_TRUE(mailbox.set_seen(1, true));
  EXPECT_TRUE(mailbox.set_seen(3, true));
  EXPECT_TRUE(mailbox.set_seen(3, true));
  EXPECT_EQ(mailbox.unseen_uids(), Uids({2}));
  EXPECT_EQ(ImapMailbox(settings()).unseen_uids(), Uids({2}));  // stored, not just this session
}

TEST_F(DovecotTest, UnknownUidsAreErrorsAndTheSessionGoesOn) {
  ASSERT_NO_FATAL_FAILURE(deliver({outlook_reply()}));
  ImapMailbox mailbox(settings());
  for (const std::uint32_t uid : {0u, 2u, 4000000000u}) {
    const auto stored = mailbox.set_seen(uid, true);
    ASSERT_FALSE(stored) << uid;
    EXPECT_NE(stored.error().find(std::to_string(uid)), std::string::npos) << stored.error();
  }
  EXPECT_EQ(mailbox.unseen_uids(), Uids({1}));  // nothing was flagged
  EXPECT_EQ(wait_in_log(kLogin), 1);            // and the connection stayed

  for (const std::uint32_t uid : {0u, 2u, 4000000000u}) {
    const auto fetched = mailbox.fetch(uid);
    ASSERT_FALSE(fetched) << uid;
    EXPECT_NE(fetched.error().find(std::to_string(uid)), std::string::npos) << fetched.error();
    if (uid != 0) {
      EXPECT_NE(fetched.error().find("no message"), std::string::npos) << fetched.error();
    }
  }
  EXPECT_EQ(mailbox.unseen_uids(), Uids({1}));
  EXPECT_EQ(mailbox.fetch(1), outlook_reply());
  mailbox = ImapMailbox(settings());  // log out, so that the log is complete
  EXPECT_EQ(wait_in_log("Logged out", 3), 3);
  // libcurl 7.88 logs out after a FETCH that finds nothing: UIDs 2 and 4000000000 cost a login.
  EXPECT_EQ(count_of(log(), kLogin), 3) << log();
}

TEST_F(DovecotTest, NoUnseenMailIsAnEmptyList) {
  ImapMailbox mailbox(settings());
  EXPECT_EQ(mailbox.unseen_uids(), Uids{});
  EXPECT_EQ(mailbox.uids_after(0), Uids{});
}

TEST_F(DovecotTest, SeesMailThatArrivesWhileTheConnectionIsOpen) {
  // Dovecot answers a command on a kept connection from the mailbox as that connection last
  // saw it, and announces new mail only after the answer.
  ASSERT_NO_FATAL_FAILURE(deliver({outlook_reply()}));
  ImapMailbox mailbox(settings());
  EXPECT_EQ(mailbox.unseen_uids(), Uids({1}));
  ASSERT_NO_FATAL_FAILURE(deliver({gmail_reply()}));
  EXPECT_EQ(mailbox.unseen_uids(), Uids({1, 2}));

  ASSERT_NO_FATAL_FAILURE(deliver({awkward_message()}));
  EXPECT_TRUE(mailbox.set_seen(3, true));
  EXPECT_EQ(mailbox.unseen_uids(), Uids({1, 2}));

  ASSERT_NO_FATAL_FAILURE(deliver({outlook_reply()}));
  EXPECT_EQ(mailbox.fetch(4), outlook_reply());
  EXPECT_EQ(mailbox.unseen_uids(), Uids({1, 2}));

  ASSERT_NO_FATAL_FAILURE(deliver({gmail_reply()}));
  EXPECT_EQ(mailbox.uids_after(4), Uids({5}));
}

TEST_F(DovecotTest, UidsAfterLeavesOutTheHighestUidThatStarAdds) {
  ASSERT_NO_FATAL_FAILURE(deliver({outlook_reply(), gmail_reply(), awkward_message()}));
  ImapMailbox mailbox(settings());
  ASSERT_TRUE(mailbox.fetch(1));  // seen or not makes no difference
  EXPECT_EQ(mailbox.uids_after(0), Uids({1, 2, 3}));
  EXPECT_EQ(mailbox.uids_after(1), Uids({2, 3}));
  EXPECT_EQ(mailbox.uids_after(2), Uids({3}));
  EXPECT_EQ(mailbox.uids_after(3), Uids{});  // the server answers "4:*" with 3
  EXPECT_EQ(mailbox.uids_after(1000), Uids{});
  EXPECT_EQ(mailbox.uids_after(UINT32_MAX), Uids{});
}

TEST_F(DovecotTest, UidValidityIsStableAcrossSessionsAndIsTheServers) {
  ASSERT_NO_FATAL_FAILURE(deliver({outlook_reply()}));
  const auto first = ImapMailbox(settings()).uid_validity();
  ASSERT_TRUE(first) << first.error();
  EXPECT_NE(*first, 0u);
  ImapMailbox second(settings(/*imaps=*/false));
  EXPECT_EQ(second.uid_validity(), *first);
  ASSERT_TRUE(second.fetch(1));
  EXPECT_EQ(second.uid_validity(), *first);  // also on a connection with the mailbox selected
  EXPECT_EQ(doveadm({"-f", "flow", "mailbox", "status", "-u", kUser, "uidvalidity", "INBOX"}),
            "INBOX uidvalidity=" + std::to_string(*first) + "\n");
}

TEST_F(DovecotTest, MailboxNamesAreUrlEncodedInTheUrl) {
  // Quotes, backslash, '%' (which libcurl would decode in a command) and a space.
  const std::string name = "Partner \"replies\" 100% \\ (2026)";
  const std::string encoded = "Partner%20%22replies%22%20100%25%20%5C%20(2026)";
  ASSERT_NO_FATAL_FAILURE(deliver({gmail_reply(), outlook_reply()}, name));
  ASSERT_NO_FATAL_FAILURE(deliver({awkward_message()}));  // INBOX, which must stay apart
  ImapMailbox mailbox(settings(/*imaps=*/true, encoded));

  EXPECT_EQ(mailbox.unseen_uids(), Uids({1, 2}));
  EXPECT_EQ(mailbox.fetch(2), outlook_reply());
  EXPECT_TRUE(mailbox.set_seen(1, true));
  EXPECT_EQ(mailbox.unseen_uids(), Uids({}));
  EXPECT_EQ(mailbox.uids_after(1), Uids({2}));
  const auto validity = mailbox.uid_validity();
  ASSERT_TRUE(validity) << validity.error();
  EXPECT_EQ(doveadm({"-f", "flow", "mailbox", "status", "-u", kUser, "uidvalidity", name}),
            name + " uidvalidity=" + std::to_string(*validity) + "\n");
  EXPECT_EQ(ImapMailbox(settings()).unseen_uids(), Uids({1}));  // INBOX untouched
}

TEST_F(DovecotTest, MissingMailboxIsAnError) {
  ImapMailbox mailbox(settings(/*imaps=*/true, "Nowhere"));
  for (const std::string& error : {error_of(mailbox.unseen_uids()), error_of(mailbox.fetch(1)),
                                   error_of(mailbox.set_seen(1, true))}) {
    // Not libcurl's "Login denied", which is how it reports a refused SELECT.
    EXPECT_NE(error.find("cannot select the mailbox"), std::string::npos) << error;
    EXPECT_NE(error.find("server said \""), std::string::npos) << error;
  }
  const auto validity = mailbox.uid_validity();
  ASSERT_FALSE(validity);
  EXPECT_NE(validity.error().find("Nowhere"), std::string::npos) << validity.error();
}

TEST_F(DovecotTest, RefusedLoginIsAnErrorWithoutThePassword) {
  ASSERT_NO_FATAL_FAILURE(deliver({outlook_reply()}));
  ImapSettings s = settings();
  s.password = kPassword + "-wrong";
  ImapMailbox mailbox(s);
  std::vector<std::string> errors = {
      error_of(mailbox.unseen_uids()), error_of(mailbox.uid_validity()), error_of(mailbox.fetch(1)),
      error_of(mailbox.set_seen(1, false)), error_of(mailbox.uids_after(0))};
  s.url = settings(/*imaps=*/false).url;
  errors.push_back(error_of(ImapMailbox(s).unseen_uids()));
  for (const std::string& error : errors) {
    EXPECT_NE(error.find("Login denied"), std::string::npos) << error;
    EXPECT_EQ(error.find(kPassword), std::string::npos) << error;
  }
  EXPECT_EQ(wait_in_log("auth failed", 6), 6) << log();  // one attempt per call
  EXPECT_EQ(count_of(log(), kLogin), 0);
  EXPECT_EQ(log().find(kPassword), std::string::npos);
  EXPECT_EQ(ImapMailbox(settings()).unseen_uids(), Uids({1}));
}

TEST_F(DovecotTest, OneConnectionServesTheWholeSession) {
  ASSERT_NO_FATAL_FAILURE(deliver({outlook_reply(), gmail_reply()}));
  {
    ImapMailbox mailbox(settings(/*imaps=*/false));
    EXPECT_TRUE(mailbox.uid_validity());
    EXPECT_EQ(mailbox.unseen_uids(), Uids({1, 2}));
    EXPECT_EQ(mailbox.fetch(1), outlook_reply());
    EXPECT_TRUE(mailbox.set_seen(1, false));
    EXPECT_EQ(mailbox.uids_after(0), Uids({1, 2}));
    EXPECT_EQ(mailbox.fetch(2), gmail_reply());
    EXPECT_TRUE(mailbox.uid_validity());
    EXPECT_EQ(mailbox.unseen_uids(), Uids({1}));
  }  // logs out
  EXPECT_EQ(wait_in_log("Logged out"), 1) << log();
  EXPECT_EQ(count_of(log(), kLogin), 1) << log();
}

TEST_F(DovecotTest, ReconnectsAfterTheServerDropsTheConnection) {
  ASSERT_NO_FATAL_FAILURE(deliver({outlook_reply()}));
  ImapMailbox mailbox(settings());
  EXPECT_EQ(mailbox.unseen_uids(), Uids({1}));
  // Dovecot learns of the session a moment after the login: kick until it is known.
  const std::vector<std::string> kick = {kDoveadm.string(), "-c",
                                         (dir_.path() / "dovecot.conf").string(), "kick", kUser};
  bool kicked = false;
  for (const auto deadline = Clock::now() + 10s; !kicked && Clock::now() < deadline;) {
    kicked = run(kick, dir_.path() / "doveadm.log").has_value();  // exit 68: nobody to kick
    if (!kicked) std::this_thread::sleep_for(50ms);
  }
  ASSERT_TRUE(kicked) << read_file(dir_.path() / "doveadm.log");
  ASSERT_EQ(wait_in_log("Disconnected", 2), 2) << log();  // the harness's probe, then the kick
  // libcurl 7.88 reuses the dead connection and fails; ImapMailbox tries once more on a new one.
  EXPECT_EQ(mailbox.unseen_uids(), Uids({1}));
  EXPECT_EQ(mailbox.fetch(1), outlook_reply());
  EXPECT_EQ(wait_in_log(kLogin, 2), 2) << log();
}

TEST_F(DovecotTest, ServerGoneMidSessionIsAnErrorAtOnce) {
  ASSERT_NO_FATAL_FAILURE(deliver({outlook_reply()}));
  ImapMailbox mailbox(settings());
  EXPECT_EQ(mailbox.unseen_uids(), Uids({1}));
  server_->stop();
  const auto started = Clock::now();
  const auto uids = mailbox.unseen_uids();
  EXPECT_LT(Clock::now() - started, 2s);
  ASSERT_FALSE(uids);
  EXPECT_NE(uids.error().find("connect"), std::string::npos) << uids.error();
}

// ---- the harness itself ----

TEST_F(DovecotTest, HarnessStopsDovecotAndEverythingItStarted) {
  ASSERT_NO_FATAL_FAILURE(deliver({outlook_reply()}));
  EXPECT_EQ(ImapMailbox(settings()).unseen_uids(), Uids({1}));
  const pid_t master = std::stoi(read_file(dir_.path() / "run/master.pid"));
  const std::vector<pid_t> children = children_of(master);
  EXPECT_GE(children.size(), 3u);  // log, config, anvil, auth, imap-login, ...

  const int status = server_->stop();
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;
  EXPECT_TRUE(gone(master));
  for (const pid_t child : children)
    EXPECT_TRUE(gone(child)) << child;
  EXPECT_FALSE(accepts(imap_port_));
  EXPECT_FALSE(accepts(imaps_port_));
}

TEST_F(DovecotTest, HarnessKilledOutrightTakesDovecotAlong) {
  // As when the test process crashes: the kernel kills the harness, and nothing may stay.
  const pid_t master = std::stoi(read_file(dir_.path() / "run/master.pid"));
  const std::vector<pid_t> children = children_of(master);
  server_->stop(SIGKILL);
  const auto deadline = Clock::now() + 10s;
  while (Clock::now() < deadline && !gone(master))
    std::this_thread::sleep_for(20ms);
  EXPECT_TRUE(gone(master));
  for (const pid_t child : children) {
    while (Clock::now() < deadline && !gone(child))
      std::this_thread::sleep_for(20ms);
    EXPECT_TRUE(gone(child)) << child;
  }
  EXPECT_FALSE(accepts(imap_port_));
}

// ---- no server ----

TEST(ImapMailboxUnreachableTest, RefusedConnectionIsAnErrorAtOnce) {
  LoopbackSocket closed;  // bound, not listening: connections are refused, and the port stays ours
  ImapSettings s;
  s.url = "imaps://127.0.0.1:" + std::to_string(closed.port()) + "/INBOX";
  s.username = kUser;
  s.password = kPassword;
  const auto started = Clock::now();
  {
    ImapMailbox mailbox(s);
    const auto uids = mailbox.unseen_uids();
    ASSERT_FALSE(uids);
    EXPECT_NE(uids.error().find("connect"), std::string::npos) << uids.error();
    EXPECT_EQ(uids.error().find(kPassword), std::string::npos) << uids.error();
    EXPECT_FALSE(mailbox.fetch(1));
  }
  EXPECT_LT(Clock::now() - started, 2s);
}

TEST(ImapMailboxUnreachableTest, SilentServerTimesOut) {
  LoopbackSocket silent;
  silent.listen_without_accepting();  // the kernel completes the handshake; no greeting comes
  ImapSettings s;
  s.url = "imap://127.0.0.1:" + std::to_string(silent.port()) + "/INBOX";
  s.username = kUser;
  s.password = kPassword;
  s.timeout = 2s;
  const auto started = Clock::now();
  {
    ImapMailbox mailbox(s);
    const auto uids = mailbox.unseen_uids();
    ASSERT_FALSE(uids);
    EXPECT_NE(uids.error().find("imeout"), std::string::npos) << uids.error();
  }  // and the clean-up does not wait for a LOGOUT reply
  const auto took = Clock::now() - started;
  EXPECT_GE(took, 1900ms);
  EXPECT_LT(took, 6s);
}

// ---- a server without STARTTLS, as when someone in the middle strips it ----

// An IMAP server on loopback, in a thread, that offers no STARTTLS, lets anyone log in, finds an
// empty mailbox, and records the lines it is sent.
class PlainImapServer {
 public:
  PlainImapServer() {
    socket_.listen_without_accepting();
    thread_ = std::thread([this] { serve(); });
  }
  ~PlainImapServer() {
    stop_ = true;
    thread_.join();
  }
  PlainImapServer(const PlainImapServer&) = delete;
  PlainImapServer& operator=(const PlainImapServer&) = delete;

  int port() const { return socket_.port(); }
  std::vector<std::string> received() {
    const std::lock_guard<std::mutex> lock(mutex_);
    return received_;
  }

 private:
  void serve() {
    while (!stop_) {
      pollfd p{socket_.fd(), POLLIN, 0};
      if (poll(&p, 1, 50) != 1) continue;
      const int client = accept4(socket_.fd(), nullptr, nullptr, SOCK_CLOEXEC);
      if (client < 0) continue;
      talk(client);
      close(client);
    }
  }

  void talk(int client) {
    const auto say = [client](const std::string& text) {
      return send(client, text.data(), text.size(), MSG_NOSIGNAL) ==
             static_cast<ssize_t>(text.size());
    };
    if (!say("* OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=PLAIN] plain ready\r\n")) return;
    std::string buffered;
    while (!stop_) {
      pollfd p{client, POLLIN, 0};
      if (poll(&p, 1, 50) != 1) continue;
      char chunk[512];
      const ssize_t n = recv(client, chunk, sizeof chunk, 0);
      if (n <= 0) return;
      buffered.append(chunk, static_cast<size_t>(n));
      for (size_t end; (end = buffered.find("\r\n")) != std::string::npos;) {
        const std::string line = buffered.substr(0, end);
        buffered.erase(0, end + 2);
        {
          const std::lock_guard<std::mutex> lock(mutex_);
          received_.push_back(line);
        }
        std::istringstream words(line);
        std::string tag, command;
        words >> tag >> command;
        std::string reply;
        if (command == "CAPABILITY") {
          reply = "* CAPABILITY IMAP4rev1 SASL-IR AUTH=PLAIN\r\n" + tag + " OK done\r\n";
        } else if (command == "SELECT") {
          reply = "* 0 EXISTS\r\n* OK [UIDVALIDITY 7] ok\r\n" + tag + " OK [READ-WRITE] done\r\n";
        } else if (command == "UID") {
          reply = "* SEARCH\r\n" + tag + " OK done\r\n";
        } else if (command == "LOGOUT") {
          say("* BYE\r\n" + tag + " OK done\r\n");
          return;
        } else {
          reply = tag + " OK done\r\n";  // AUTHENTICATE, LOGIN: welcome, anyone
        }
        if (!say(reply)) return;
      }
    }
  }

  LoopbackSocket socket_;
  std::atomic<bool> stop_{false};
  std::mutex mutex_;
  std::vector<std::string> received_;
  std::thread thread_;
};

TEST(ImapMailboxStrippedTlsTest, MissingStarttlsIsAnErrorAndTheCredentialsStayHome) {
  PlainImapServer server;
  ImapSettings s;
  s.url = "imap://127.0.0.1:" + std::to_string(server.port()) + "/INBOX";
  s.username = kUser;
  s.password = kPassword;
  s.timeout = 5s;
  {
    ImapMailbox mailbox(s);
    const auto uids = mailbox.unseen_uids();
    ASSERT_FALSE(uids);
    EXPECT_NE(uids.error().find("STARTTLS"), std::string::npos) << uids.error();
  }
  const std::vector<std::string> received = server.received();
  EXPECT_FALSE(received.empty());
  for (const std::string& line : received) {
    std::istringstream words(line);
    std::string tag, command;
    words >> tag >> command;
    EXPECT_TRUE(command == "CAPABILITY" || command == "LOGOUT") << line;
  }

  // The same server takes the login when TLS is not required: the check above could fail.
  s.require_starttls = false;
  EXPECT_EQ(ImapMailbox(s).unseen_uids(), Uids{});
  const std::vector<std::string> all = server.received();
  EXPECT_TRUE(std::any_of(all.begin(), all.end(), [](const std::string& line) {
    return line.find("AUTHENTICATE PLAIN") != std::string::npos;
  }));
}

TEST(ImapMailboxUrlTest, RefusesUrlsItCannotUseWithoutConnecting) {
  for (const std::string url :
       {"", "http://127.0.0.1/INBOX", "pop3://127.0.0.1/INBOX", "imaps://127.0.0.1",
        "imaps://127.0.0.1/", "imaps://mentor-bot:secret@127.0.0.1/INBOX",
        "imaps://127.0.0.1/INBOX;UID=1", "imaps://127.0.0.1/INBOX/;UIDVALIDITY=5",
        "imaps://127.0.0.1/My Replies", "imaps://127.0.0.1/INBOX?x=1",
        "imaps://127.0.0.1/caf%C3%A9", "imaps://127.0.0.1/a%0Db"}) {
    ImapSettings s;
    s.url = url;
    s.password = "secret";
    ImapMailbox mailbox(s);
    const auto uids = mailbox.unseen_uids();
    ASSERT_FALSE(uids) << url;
    EXPECT_EQ(uids.error().rfind("bad IMAP URL: ", 0), 0u) << url << ": " << uids.error();
    EXPECT_EQ(uids.error().find("secret"), std::string::npos) << uids.error();
    EXPECT_FALSE(mailbox.uid_validity()) << url;
    EXPECT_FALSE(mailbox.fetch(1)) << url;
    EXPECT_FALSE(mailbox.set_seen(1, true)) << url;
  }
}

TEST(ImapMailboxUrlTest, MovedFromSessionReportsAnError) {
  ImapSettings s;
  s.url = "imaps://127.0.0.1/INBOX";
  ImapMailbox first(s);
  ImapMailbox second(std::move(first));
  EXPECT_FALSE(first.unseen_uids());  // NOLINT(bugprone-use-after-move): on purpose
}

}  // namespace
}  // namespace mentorcal::net
