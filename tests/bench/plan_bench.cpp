// How long scheduler::plan() takes on generated programmes (tests/support/programme_generator.h):
// 1k, 10k and 100k pairs over 8 weeks, and 10k pairs over 4 to 26 weeks to show how the cost
// grows with the horizon. Targets, on one core: 10k pairs <= 100 ms, 100k pairs <= 1 s, peak RSS
// <= 200 MB for the 100k run. Re-measure with scripts/bench.sh.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <sys/resource.h>
#include <utility>

#include <benchmark/benchmark.h>

#include "base/heap.h"
#include "scheduler/plan.h"
#include "tests/support/programme_generator.h"

namespace mentorcal {
namespace {

using namespace std::chrono;

// A Sunday morning, as in the planner's tests.
constexpr sys_seconds kNow{sys_days{2026y / November / 22} + hours(9)};

// Return the peak resident set size of this process so far, in MB.
double peak_rss_mb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // Linux reports KiB
}

// Plan a generated programme of state.range(0) pairs over state.range(1) weeks, built before the
// timed loop. input_RSS_MB and peak_RSS_MB are the process's high-water mark (it never falls)
// before and after planning: the largest run comes last, and --benchmark_filter=pairs:100000
// shows that run alone.
void plan_generated(benchmark::State& state) {
  testing::GeneratorOptions options;
  options.pairs = static_cast<int>(state.range(0));
  options.horizon_weeks = static_cast<int>(state.range(1));
  auto generated = testing::generate_programme(options, kNow);
  scheduler::PlanInput input;
  input.programme = &generated.programme;
  input.now = kNow;
  input.busy = std::move(generated.busy);
  const double input_mb = peak_rss_mb();  // the generated programme, before any planning

  std::size_t meetings = 0;
  std::size_t unscheduled = 0;
  for (auto _ : state) {
    const auto plan = scheduler::plan(input);
    meetings = plan.meetings.size();
    unscheduled = plan.unscheduled.size();
    benchmark::DoNotOptimize(plan);
  }
  state.counters["pairs"] = static_cast<double>(generated.programme.pairs.size());
  state.counters["meetings"] = static_cast<double>(meetings);
  state.counters["unscheduled"] = static_cast<double>(unscheduled);
  state.counters["input_RSS_MB"] = input_mb;
  state.counters["peak_RSS_MB"] = peak_rss_mb();
}

// By size, over the default 8-week horizon.
BENCHMARK(plan_generated)
    ->ArgNames({"pairs", "weeks"})
    ->Args({1'000, 8})
    ->Iterations(20)
    ->Unit(benchmark::kMillisecond);

// 10k pairs by horizon; 8 weeks is also the 10k point of the sizes.
BENCHMARK(plan_generated)
    ->ArgNames({"pairs", "weeks"})
    ->Args({10'000, 4})
    ->Args({10'000, 8})
    ->Args({10'000, 16})
    ->Args({10'000, 26})
    ->Iterations(5)
    ->Unit(benchmark::kMillisecond);

// Last, so that the final peak RSS is this run's.
BENCHMARK(plan_generated)
    ->ArgNames({"pairs", "weeks"})
    ->Args({100'000, 8})
    ->Iterations(2)
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace mentorcal

int main(int argc, char** argv) {
  // The allocator policy of the mentorcal binary (daemon/main.cpp), so the peak RSS is the one the
  // daemon would see planning tick after tick. PLAN_BENCH_GLIBC_HEAP=1 keeps glibc's default
  // policy instead: the 100k run then peaks about 25 MB higher, from its second iteration on.
  if (!std::getenv("PLAN_BENCH_GLIBC_HEAP")) mentorcal::base::keep_large_blocks_mapped();
  std::printf("heap policy: %s\n",
              std::getenv("PLAN_BENCH_GLIBC_HEAP") ? "glibc default" : "mentorcal's");
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  std::printf("peak RSS: %.0f MB\n", mentorcal::peak_rss_mb());
  return 0;
}
