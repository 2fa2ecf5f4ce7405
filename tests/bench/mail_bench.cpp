// Mail benchmarks:
//   render_invites        both partners' messages of one meeting (libical + GMime), per second;
//   smtp_one_connection   messages per second through SmtpTransport over one connection to a
//                         local SMTP sink given by $MENTORCAL_SMTP_SINK ("smtp://127.0.0.1:PORT"),
//                         skipped when unset; scripts/bench.sh starts Postfix's smtp-sink and runs
//                         smtp-source against it for comparison.
#include <cstdlib>

#include <benchmark/benchmark.h>

#include "mail/compose.h"
#include "net/smtp_transport.h"

namespace mentorcal {
namespace {

using namespace std::chrono;

mail::PairView sample_pair() {
  mail::PairView pair;
  pair.id = "amara-li";
  pair.mentor = {"Amara Okafor", "amara@example.org", "Africa/Lagos", "en", {}};
  pair.mentee = {"Zoë O'Brien-Núñez, \"Jo\"; 李伟", "zoe@example.org", "Asia/Kolkata", "en", {}};
  pair.agreement.location = "https://meet.example.org/{pair}";
  return pair;
}

void render_invites(benchmark::State& state) {
  config::ProgrammeInfo info;
  info.name = "Engineering Mentoring Programme";
  info.organiser_name = "Mentoring Team";
  info.organiser_email = "mentoring@example.org";
  const auto pair = sample_pair();
  const sys_seconds now = sys_days{year{2026} / November / 22} + hours(9);
  std::size_t bytes = 0;
  int n = 0;
  for (auto _ : state) {
    const mail::MeetingNotice notice{ical::Method::request,
                                     "amara-li-" + std::to_string(n++) + "@example.org",
                                     0,
                                     now + days(3),
                                     now + days(3) + hours(1),
                                     false,
                                     {},
                                     {}};
    const auto out = mail::compose(info, pair, notice, now);
    bytes += out[0].bytes.size() + out[1].bytes.size();
    benchmark::DoNotOptimize(out);
  }
  state.SetItemsProcessed(state.iterations() * 2);  // messages
  state.counters["bytes_per_message"] = double(bytes) / double(state.iterations() * 2);
}
BENCHMARK(render_invites)->Unit(benchmark::kMicrosecond);

void smtp_one_connection(benchmark::State& state) {
  const char* url = std::getenv("MENTORCAL_SMTP_SINK");
  if (!url) {
    state.SkipWithError("MENTORCAL_SMTP_SINK is not set (scripts/bench.sh sets it)");
    return;
  }
  const auto count = static_cast<std::size_t>(state.range(0));
  const auto size = static_cast<std::size_t>(state.range(1));
  // A message of `size` bytes of 76-character CRLF lines, like a base64 invite.
  std::string body =
      "From: mentoring@example.org\r\nTo: sink@example.org\r\nSubject: bench\r\n\r\n";
  while (body.size() < size)
    body += std::string(76, 'x') + "\r\n";
  std::vector<std::string> ids(count);
  std::vector<net::Envelope> envelopes;
  for (std::size_t i = 0; i < count; ++i) {
    ids[i] = "bench." + std::to_string(i) + "@example.org";
    envelopes.push_back({"mentoring@example.org", "sink@example.org", ids[i], &body});
  }
  net::SmtpTransport transport({url, false, "", "", {}, seconds(30)});
  const std::atomic<bool> stop{false};
  std::size_t sent = 0;
  for (auto _ : state) {
    transport.deliver(envelopes, stop, [&](std::size_t, const net::Delivery& d) {
      sent += d.outcome == net::Delivery::Outcome::sent;
    });
  }
  if (sent != count * state.iterations()) state.SkipWithError("not every message was accepted");
  state.SetItemsProcessed(static_cast<std::int64_t>(sent));
}
BENCHMARK(smtp_one_connection)
    ->Args({5000, 4096})
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1)
    ->UseRealTime();

}  // namespace
}  // namespace mentorcal

BENCHMARK_MAIN();
