// SmtpTransport against real servers on loopback, started and stopped by each test: aiosmtpd with
// STARTTLS (or implicit TLS) and AUTH, Postfix's smtp-sink for reply-code faults and a server
// without STARTTLS, and sockets that never answer or refuse.
#include "net/smtp_transport.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <grp.h>
#include <memory>
#include <netinet/in.h>
#include <optional>
#include <poll.h>
#include <pwd.h>
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

namespace mentorcal::net {
namespace {

namespace fs = std::filesystem;
using testing::Child;
using testing::LoopbackSocket;
using testing::RunAs;
using testing::TempDir;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

const fs::path kServers = fs::path(MENTORCAL_SOURCE_DIR) / "tests/net/smtp_servers.py";
const fs::path kPython = "/usr/bin/python3";  // Debian's, which sees python3-aiosmtpd
const fs::path kSmtpSink = "/usr/sbin/smtp-sink";
constexpr auto kStartWait = 20s;  // for a server to listen; normally well under a second
const std::string kUser = "mentor-bot";
const std::string kPassword = "Pa55-w0rd:never-logged";

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    lines.push_back(line);
  return lines;
}

// Return whether something on 127.0.0.1:`port` sends a reply code within a second.
bool answers(int port) {
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(static_cast<uint16_t>(port));
  bool ok = false;
  if (connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0) {
    pollfd p{fd, POLLIN, 0};
    char reply[3] = {};
    ok = poll(&p, 1, 1000) == 1 && recv(fd, reply, 3, MSG_WAITALL) == 3 &&
         std::all_of(reply, reply + 3, [](char c) { return c >= '0' && c <= '9'; });
  }
  close(fd);
  return ok;
}

// A small message with CRLF line ends; `body` lines are joined with CRLF.
std::string make_message(const std::string& from, const std::string& to, const std::string& subject,
                         const std::vector<std::string>& body) {
  std::string text = "From: " + from + "\r\nTo: " + to + "\r\nSubject: " + subject +
                     "\r\nMessage-ID: <" + subject + "@mentorcal.test>\r\nMIME-Version: 1.0\r\n" +
                     "Content-Type: text/plain; charset=UTF-8\r\n\r\n";
  for (const std::string& line : body)
    text += line + "\r\n";
  return text;
}

// Messages and their envelopes, kept together so the envelopes' pointers stay valid.
struct Batch {
  std::vector<std::string> texts;
  std::vector<Envelope> envelopes;

  explicit Batch(int count) {
    texts.reserve(count);
    for (int i = 0; i < count; ++i) {
      const std::string to = "partner" + std::to_string(i) + "@example.net";
      texts.push_back(make_message("organiser@example.org", to, "m" + std::to_string(i),
                                   {"Hello " + std::to_string(i), "Bye"}));
      envelopes.push_back({"organiser@example.org", to, "m" + std::to_string(i), nullptr});
    }
    for (int i = 0; i < count; ++i)
      envelopes[i].bytes = &texts[i];
  }
};

std::vector<Delivery> deliver(const SmtpSettings& settings, const Batch& batch) {
  SmtpTransport transport(settings);
  std::atomic<bool> stop{false};
  return transport.deliver_all(batch.envelopes, stop);
}

void expect_no_credentials(const std::vector<Delivery>& deliveries) {
  for (const Delivery& d : deliveries) {
    EXPECT_EQ(d.detail.find(kPassword), std::string::npos) << d.detail;
  }
}

bool starts_with(const std::string& text, const std::string& prefix) {
  return text.compare(0, prefix.size(), prefix) == 0;
}

// The server could not be used, so `d` was left for later without trying.
void expect_skipped(const Delivery& d) {
  EXPECT_EQ(d.outcome, Delivery::Outcome::transient);
  EXPECT_FALSE(d.attempted);
  EXPECT_EQ(d.code, 0);
  EXPECT_TRUE(starts_with(d.detail, "not attempted: ")) << d.detail;
}

// ---- aiosmtpd: STARTTLS or implicit TLS, AUTH, messages recorded to a directory ----

class AiosmtpdTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    certs_ = new TempDir("smtp");
    Child openssl({kPython.string(), kServers.string(), "certs", certs_->path().string()},
                  certs_->path() / "certs.log", false);
    const bool done = openssl.wait_until(Clock::now() + 60s);
    const int status = openssl.stop();
    ASSERT_TRUE(done && WIFEXITED(status) && WEXITSTATUS(status) == 0)
        << "making certificates failed: " << read_file(certs_->path() / "certs.log");
  }
  static void TearDownTestSuite() {
    delete certs_;
    certs_ = nullptr;
  }

  // Start the server; smtps: TLS from the first byte instead of STARTTLS.
  void start(bool smtps = false) {
    std::vector<std::string> argv = {kPython.string(),
                                     kServers.string(),
                                     "aiosmtpd",
                                     "--dir",
                                     dir_.path().string(),
                                     "--cert",
                                     (certs_->path() / "server.pem").string(),
                                     "--key",
                                     (certs_->path() / "server.key").string(),
                                     "--user",
                                     kUser,
                                     "--password",
                                     kPassword};
    if (smtps) argv.push_back("--smtps");
    server_ = std::make_unique<Child>(argv, dir_.path() / "server.log", true);
    const std::optional<std::string> line = server_->read_line(Clock::now() + kStartWait);
    ASSERT_TRUE(line && starts_with(*line, "READY ")) << read_file(dir_.path() / "server.log");
    port_ = std::stoi(line->substr(6));
  }

  SmtpSettings settings(bool smtps = false) const {
    SmtpSettings s;
    s.url = std::string(smtps ? "smtps" : "smtp") + "://127.0.0.1:" + std::to_string(port_);
    s.require_starttls = true;
    s.username = kUser;
    s.password = kPassword;
    s.ca_file = certs_->path() / "ca.pem";
    s.timeout = 10s;
    return s;
  }

  int connections() const {
    return static_cast<int>(lines_of(read_file(dir_.path() / "connections")).size());
  }
  std::vector<std::string> auth_attempts() const {
    return lines_of(read_file(dir_.path() / "auth"));
  }
  bool received(int n) const { return fs::exists(dir_.path() / (std::to_string(n) + ".eml")); }
  std::string content(int n) const { return read_file(dir_.path() / (std::to_string(n) + ".eml")); }
  std::string envelope(int n) const {
    return read_file(dir_.path() / (std::to_string(n) + ".envelope"));
  }

  static TempDir* certs_;
  TempDir dir_{"smtp"};
  std::unique_ptr<Child> server_;
  int port_ = 0;
};

TempDir* AiosmtpdTest::certs_ = nullptr;

TEST_F(AiosmtpdTest, DeliversEachMessageByteForByteOverOneConnection) {
  ASSERT_NO_FATAL_FAILURE(start());
  Batch batch(3);
  // Lines the server would misread without dot-stuffing, including a lone "." that ends DATA.
  batch.texts[1] = make_message("organiser@example.org", "partner1@example.net", "m1",
                                {".starts with a dot", "..two dots", ".", "", " . ", "last"});
  batch.texts[2] += ".";  // no final line end: libcurl ends DATA on a fresh line itself

  const std::vector<Delivery> deliveries = deliver(settings(), batch);

  ASSERT_EQ(deliveries.size(), 3u);
  for (const Delivery& d : deliveries) {
    EXPECT_EQ(d.outcome, Delivery::Outcome::sent) << d.detail;
    EXPECT_EQ(d.code, 250);
    EXPECT_EQ(d.detail, "250 OK");  // the server's own words
  }
  expect_no_credentials(deliveries);
  EXPECT_EQ(connections(), 1);
  EXPECT_EQ(auth_attempts(), std::vector<std::string>{"ok " + kUser});
  EXPECT_EQ(content(0), batch.texts[0]);
  EXPECT_EQ(content(1), batch.texts[1]);
  EXPECT_EQ(content(2), batch.texts[2] + "\r\n");
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(envelope(i), "organiser@example.org\npartner" + std::to_string(i) + "@example.net\n");
  }
}

TEST_F(AiosmtpdTest, ImplicitTlsOnSmtps) {
  ASSERT_NO_FATAL_FAILURE(start(/*smtps=*/true));
  Batch batch(2);
  const std::vector<Delivery> deliveries = deliver(settings(/*smtps=*/true), batch);
  ASSERT_EQ(deliveries.size(), 2u);
  EXPECT_EQ(deliveries[0].outcome, Delivery::Outcome::sent) << deliveries[0].detail;
  EXPECT_EQ(deliveries[1].outcome, Delivery::Outcome::sent) << deliveries[1].detail;
  EXPECT_EQ(connections(), 1);
  EXPECT_EQ(content(1), batch.texts[1]);
}

TEST_F(AiosmtpdTest, SmtpsVerifiesTheServerWhateverRequireStarttlsSays) {
  ASSERT_NO_FATAL_FAILURE(start(/*smtps=*/true));
  SmtpSettings s = settings(/*smtps=*/true);
  s.require_starttls = false;
  s.ca_file = certs_->path() / "other-ca.pem";
  Batch batch(1);
  const std::vector<Delivery> deliveries = deliver(s, batch);
  ASSERT_EQ(deliveries.size(), 1u);
  EXPECT_EQ(deliveries[0].outcome, Delivery::Outcome::transient);
  EXPECT_NE(deliveries[0].detail.find("certificate"), std::string::npos) << deliveries[0].detail;
  EXPECT_TRUE(auth_attempts().empty());
  EXPECT_FALSE(received(0));
}

TEST_F(AiosmtpdTest, UntrustedCertificateIsTransientAndSendsNothing) {
  ASSERT_NO_FATAL_FAILURE(start());
  SmtpSettings s = settings();
  s.ca_file = certs_->path() / "other-ca.pem";
  Batch batch(3);

  const std::vector<Delivery> deliveries = deliver(s, batch);

  ASSERT_EQ(deliveries.size(), 3u);
  EXPECT_EQ(deliveries[0].outcome, Delivery::Outcome::transient);
  EXPECT_EQ(deliveries[0].code, 0);
  EXPECT_NE(deliveries[0].detail.find("certificate"), std::string::npos) << deliveries[0].detail;
  expect_skipped(deliveries[1]);
  expect_skipped(deliveries[2]);
  expect_no_credentials(deliveries);
  EXPECT_EQ(connections(), 1);  // the rest of the batch does not hammer the server
  EXPECT_TRUE(auth_attempts().empty());
  EXPECT_FALSE(received(0));
}

TEST_F(AiosmtpdTest, RefusedLoginIsTransientAndNotRepeated) {
  ASSERT_NO_FATAL_FAILURE(start());
  SmtpSettings s = settings();
  s.password = kPassword + "-wrong";
  Batch batch(2);

  const std::vector<Delivery> deliveries = deliver(s, batch);

  ASSERT_EQ(deliveries.size(), 2u);
  // 535 is about our settings, not the message: the message must stay deliverable later.
  EXPECT_EQ(deliveries[0].outcome, Delivery::Outcome::transient);
  EXPECT_EQ(deliveries[0].code, 535);
  expect_skipped(deliveries[1]);
  for (const Delivery& d : deliveries)
    EXPECT_EQ(d.detail.find(s.password), std::string::npos) << d.detail;
  EXPECT_EQ(auth_attempts(), std::vector<std::string>{"bad " + kUser});
  EXPECT_FALSE(received(0));
}

TEST_F(AiosmtpdTest, StopBeforeStartingSendsNothing) {
  ASSERT_NO_FATAL_FAILURE(start());
  SmtpTransport transport(settings());
  std::atomic<bool> stop{true};
  Batch batch(2);

  const std::vector<Delivery> deliveries = transport.deliver_all(batch.envelopes, stop);

  ASSERT_EQ(deliveries.size(), 2u);
  for (const Delivery& d : deliveries) {
    EXPECT_EQ(d.outcome, Delivery::Outcome::transient);
    EXPECT_EQ(d.detail, "not attempted");
    EXPECT_FALSE(d.attempted);
  }
  EXPECT_EQ(connections(), 0);
}

TEST_F(AiosmtpdTest, ReportsEachMessageBeforeTheNextAndHonoursStopBetweenThem) {
  ASSERT_NO_FATAL_FAILURE(start());
  SmtpTransport transport(settings());
  std::atomic<bool> stop{false};
  Batch batch(3);
  std::vector<Delivery> reported;

  transport.deliver(batch.envelopes, stop, [&](std::size_t i, const Delivery& d) {
    EXPECT_EQ(i, reported.size());
    reported.push_back(d);
    if (i == 0) {
      EXPECT_TRUE(received(0));
      EXPECT_FALSE(received(1));  // reported before the next transaction starts
      stop = true;
    }
  });

  ASSERT_EQ(reported.size(), 3u);
  EXPECT_EQ(reported[0].outcome, Delivery::Outcome::sent) << reported[0].detail;
  EXPECT_TRUE(reported[0].attempted);
  for (std::size_t i = 1; i < 3; ++i) {
    EXPECT_EQ(reported[i].outcome, Delivery::Outcome::transient);
    EXPECT_FALSE(reported[i].attempted);
    EXPECT_EQ(reported[i].detail, "not attempted");
  }
  EXPECT_FALSE(received(1));
}

// ---- smtp-sink: reply-code faults, and a server without STARTTLS ----

class SmtpSinkTest : public ::testing::Test {
 protected:
  // Start smtp-sink with `faults` (e.g. {"-r", "RCPT"}) on a free port, retrying if another
  // process takes the port between our probe and its bind.
  void start(const std::vector<std::string>& faults) {
    ASSERT_TRUE(fs::exists(kSmtpSink)) << "install Debian's postfix (scripts/install-deps.sh)";
    fs::create_directory(dump_);
    fs::permissions(dump_, fs::perms::all);
    // smtp-sink run by root insists on -u USER and then changes user itself, which would clear
    // the parent-death signal; so the child becomes `nobody` before exec instead.
    std::optional<RunAs> run_as;
    if (geteuid() == 0) {
      const passwd* nobody = getpwnam("nobody");
      ASSERT_NE(nobody, nullptr);
      run_as = RunAs{nobody->pw_uid, nobody->pw_gid};
    }
    for (int attempt = 0; attempt < 5; ++attempt) {
      port_ = LoopbackSocket().port();
      std::vector<std::string> argv = {kSmtpSink.string(), "-v", "-d", (dump_ / "msg.").string()};
      argv.insert(argv.end(), faults.begin(), faults.end());
      argv.insert(argv.end(), {"127.0.0.1:" + std::to_string(port_), "16"});
      sink_ = std::make_unique<Child>(argv, log_, false, run_as);
      for (const auto deadline = Clock::now() + kStartWait;
           Clock::now() < deadline && sink_->running();) {
        if (answers(port_)) return;
        std::this_thread::sleep_for(20ms);
      }
      sink_.reset();
    }
    FAIL() << "smtp-sink did not start: " << read_file(log_);
  }

  SmtpSettings settings() const {
    SmtpSettings s;
    s.url = "smtp://127.0.0.1:" + std::to_string(port_);
    s.require_starttls = false;  // smtp-sink has no STARTTLS
    s.timeout = 10s;
    return s;
  }

  // Stop the sink and return the SMTP commands it logged, e.g. "EHLO", "MAIL", ".".
  std::vector<std::string> stop_and_list_commands() {
    sink_.reset();
    std::vector<std::string> commands;
    for (const std::string& line : lines_of(read_file(log_))) {
      const size_t at = line.find(": ");
      if (at == std::string::npos) continue;
      const std::string word = line.substr(at + 2, line.find(' ', at + 2) - (at + 2));
      if (!word.empty() && std::all_of(word.begin(), word.end(),
                                       [](char c) { return (c >= 'A' && c <= 'Z') || c == '.'; })) {
        commands.push_back(word);
      }
    }
    return commands;
  }

  int count(const std::vector<std::string>& commands, const std::string& command) const {
    return static_cast<int>(std::count(commands.begin(), commands.end(), command));
  }

  std::vector<fs::path> dumps() const {
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(dump_))
      files.push_back(entry.path());
    return files;
  }

  TempDir dir_{"smtp"};
  fs::path dump_ = dir_.path() / "dump";
  fs::path log_ = dir_.path() / "sink.log";
  std::unique_ptr<Child> sink_;
  int port_ = 0;
};

TEST_F(SmtpSinkTest, AcceptsPlainDeliveryWhenStarttlsIsNotRequired) {
  ASSERT_NO_FATAL_FAILURE(start({}));
  Batch batch(2);
  const std::vector<Delivery> deliveries = deliver(settings(), batch);
  ASSERT_EQ(deliveries.size(), 2u);
  EXPECT_EQ(deliveries[0].outcome, Delivery::Outcome::sent) << deliveries[0].detail;
  EXPECT_EQ(deliveries[1].outcome, Delivery::Outcome::sent) << deliveries[1].detail;
  const std::vector<std::string> commands = stop_and_list_commands();
  EXPECT_EQ(count(commands, "MAIL"), 2);
  EXPECT_EQ(count(commands, "EHLO"), 1);
  ASSERT_EQ(dumps().size(), 2u);
  const std::string dump = read_file(dumps()[0]) + read_file(dumps()[1]);
  EXPECT_NE(dump.find("X-Mail-Args: <organiser@example.org>"), std::string::npos) << dump;
  EXPECT_NE(dump.find("X-Rcpt-Args: <partner1@example.net>"), std::string::npos) << dump;
}

struct Fault {
  const char* name;
  std::vector<std::string> flags;
  Delivery::Outcome outcome;
  int code;
};

void PrintTo(const Fault& fault, std::ostream* out) {
  *out << fault.name;
}

class SmtpSinkFaultTest : public SmtpSinkTest, public ::testing::WithParamInterface<Fault> {};

TEST_P(SmtpSinkFaultTest, ClassifiesTheReplyAndTriesTheWholeBatch) {
  ASSERT_NO_FATAL_FAILURE(start(GetParam().flags));
  Batch batch(2);
  const std::vector<Delivery> deliveries = deliver(settings(), batch);
  ASSERT_EQ(deliveries.size(), 2u);
  for (const Delivery& d : deliveries) {
    EXPECT_EQ(d.outcome, GetParam().outcome) << d.detail;
    EXPECT_EQ(d.code, GetParam().code) << d.detail;
    EXPECT_TRUE(d.attempted);
    // The server's own line, not the "221 Bye" to the QUIT libcurl may send after a refusal.
    EXPECT_NE(d.detail.find("server said \"" + std::to_string(GetParam().code) + " "),
              std::string::npos)
        << d.detail;
  }
  // A refusal is about one message: the next one is still tried (on a new connection after 421).
  EXPECT_EQ(count(stop_and_list_commands(), "MAIL"), 2);
}

INSTANTIATE_TEST_SUITE_P(
    Faults, SmtpSinkFaultTest,
    ::testing::Values(Fault{"SoftRcpt", {"-r", "RCPT"}, Delivery::Outcome::transient, 450},
                      Fault{"SoftData", {"-r", "DATA"}, Delivery::Outcome::transient, 450},
                      Fault{"SoftEndOfData", {"-r", "."}, Delivery::Outcome::transient, 450},
                      Fault{"HardRcpt", {"-f", "RCPT"}, Delivery::Outcome::permanent, 500},
                      Fault{"HardMail", {"-f", "MAIL"}, Delivery::Outcome::permanent, 500},
                      Fault{"HardEndOfData", {"-f", "."}, Delivery::Outcome::permanent, 500},
                      Fault{"ClosingOnMail", {"-Q", "MAIL"}, Delivery::Outcome::transient, 421},
                      Fault{"ClosingOnEndOfData", {"-Q", "."}, Delivery::Outcome::transient, 421}),
    [](const ::testing::TestParamInfo<Fault>& info) { return std::string(info.param.name); });

TEST_F(SmtpSinkTest, MissingStarttlsIsTransientAndSendsNoMessageNorCredentials) {
  ASSERT_NO_FATAL_FAILURE(start({}));
  SmtpSettings s = settings();
  s.require_starttls = true;
  s.username = kUser;
  s.password = kPassword;
  Batch batch(3);

  const std::vector<Delivery> deliveries = deliver(s, batch);

  ASSERT_EQ(deliveries.size(), 3u);
  EXPECT_EQ(deliveries[0].outcome, Delivery::Outcome::transient);
  EXPECT_EQ(deliveries[0].code, 0);  // CURLINFO_RESPONSE_CODE still holds the EHLO's 250
  EXPECT_NE(deliveries[0].detail.find("STARTTLS"), std::string::npos) << deliveries[0].detail;
  expect_skipped(deliveries[1]);
  expect_skipped(deliveries[2]);
  expect_no_credentials(deliveries);
  const std::vector<std::string> commands = stop_and_list_commands();
  EXPECT_EQ(count(commands, "EHLO"), 1);  // it did talk to the sink, once
  for (const char* command : {"AUTH", "MAIL", "RCPT", "DATA", "."})
    EXPECT_EQ(count(commands, command), 0) << command;
  EXPECT_EQ(read_file(log_).find(kPassword), std::string::npos);
  EXPECT_TRUE(dumps().empty());
}

TEST_F(SmtpSinkTest, RefusedGreetingIsTransientAndStopsTheBatch) {
  // A server that turns everyone away says nothing about our messages: try again later.
  ASSERT_NO_FATAL_FAILURE(start({"-f", "CONNECT"}));
  Batch batch(3);
  const std::vector<Delivery> deliveries = deliver(settings(), batch);
  ASSERT_EQ(deliveries.size(), 3u);
  EXPECT_EQ(deliveries[0].outcome, Delivery::Outcome::transient) << deliveries[0].detail;
  EXPECT_EQ(deliveries[0].code, 500);
  EXPECT_TRUE(deliveries[0].attempted);
  expect_skipped(deliveries[1]);
  expect_skipped(deliveries[2]);
  EXPECT_EQ(count(stop_and_list_commands(), "EHLO"), 0);
}

TEST_F(SmtpSinkTest, ServerSilentAfterTheMessageDoesNotHoldTheBatch) {
  // The reply to QUIT, which libcurl waits for when the batch's handle is cleaned up, never comes.
  ASSERT_NO_FATAL_FAILURE(start({"-W", "QUIT:60"}));
  SmtpSettings s = settings();
  s.timeout = 2s;
  Batch batch(1);
  const auto started = Clock::now();
  const std::vector<Delivery> deliveries = deliver(s, batch);
  EXPECT_LT(Clock::now() - started, 6s);
  ASSERT_EQ(deliveries.size(), 1u);
  EXPECT_EQ(deliveries[0].outcome, Delivery::Outcome::sent) << deliveries[0].detail;
}

// ---- sockets that never answer, or refuse ----

TEST(SmtpTransportUnreachableTest, SilentServerTimesOutAsTransient) {
  LoopbackSocket silent;
  silent.listen_without_accepting();  // the kernel completes the handshake; no greeting ever comes
  SmtpSettings s;
  s.url = "smtp://127.0.0.1:" + std::to_string(silent.port());
  s.timeout = 2s;
  Batch batch(3);

  const auto started = Clock::now();
  const std::vector<Delivery> deliveries = deliver(s, batch);
  const auto took = Clock::now() - started;

  EXPECT_GE(took, 1900ms);
  EXPECT_LT(took, 6s);  // once, not once per message
  ASSERT_EQ(deliveries.size(), 3u);
  EXPECT_EQ(deliveries[0].outcome, Delivery::Outcome::transient);
  EXPECT_EQ(deliveries[0].code, 0);
  EXPECT_NE(deliveries[0].detail.find("imeout"), std::string::npos) << deliveries[0].detail;
  expect_skipped(deliveries[1]);
  expect_skipped(deliveries[2]);
}

TEST(SmtpTransportUnreachableTest, RefusedConnectionIsTransientAtOnce) {
  LoopbackSocket closed;  // bound, not listening: connections are refused, and the port stays ours
  SmtpSettings s;
  s.url = "smtp://127.0.0.1:" + std::to_string(closed.port());
  s.username = kUser;
  s.password = kPassword;
  Batch batch(2);

  const auto started = Clock::now();
  const std::vector<Delivery> deliveries = deliver(s, batch);

  EXPECT_LT(Clock::now() - started, 2s);
  ASSERT_EQ(deliveries.size(), 2u);
  EXPECT_EQ(deliveries[0].outcome, Delivery::Outcome::transient);
  EXPECT_EQ(deliveries[0].code, 0);
  expect_skipped(deliveries[1]);
  expect_no_credentials(deliveries);
}

}  // namespace
}  // namespace mentorcal::net
