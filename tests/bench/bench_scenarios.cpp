// The attack catalogue end to end, as `uptane-lab run all` plays it: a Lab (services over
// HTTP on their thread, democar with libcurl, cycles on workers) and the ScenarioRunner.
// Both encodings (range(0): 0 JSON, 1 DER).
//
//   BM_RunAll        every iteration starts a fresh lab (outside the timed region; its cost
//                    is the "start_ms" counter) and plays the whole catalogue once. Wall time
//                    and process CPU time (every thread: services and cycles included);
//                    counters: scenarios, steps and cycles per run, ms per cycle.
//   BM_PlainCycle    the baseline in the same run: one ordinary update cycle on the same kind
//                    of lab (a new release assigned to both Secondaries outside the timed
//                    region), so "run all" can be quoted as so many plain cycles.
//
// The catalogue's slow-retrieval scenarios wait for libcurl's low-speed window in real
// seconds (2 s, as `uptane-lab run` sets it): that time is wall time, not CPU.

#include "attacks/catalogue.h"
#include "lab/lab.h"
#include "lab/scenariorunner.h"
#include "services/oemservices.h"

#include <QCoreApplication>
#include <QTemporaryDir>

#include <benchmark/benchmark.h>

#include <chrono>
#include <ctime>

using namespace Uptane;
using namespace Qt::StringLiterals;
namespace Demo = Uptane::Services::DemoFleet;

namespace {

void ensureApplication()
{
    static int argc = 1;
    static char name[] = "uptane_bench";
    static char *argv[] = {name, nullptr};
    if (!QCoreApplication::instance())
        new QCoreApplication(argc, argv);
}

double processCpuSeconds()
{
    timespec now{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
    return double(now.tv_sec) + double(now.tv_nsec) / 1e9;
}

Metadata::Encoding encodingOf(const benchmark::State &state)
{
    return state.range(0) == 0 ? Metadata::Encoding::Json : Metadata::Encoding::Der;
}

// A started lab on its own temporary workspace, as `uptane-lab run` starts it.
struct FreshLab
{
    QTemporaryDir dir;
    Lab::Lab lab;

    bool start(Metadata::Encoding encoding, benchmark::State &state)
    {
        Lab::LabOptions options;
        options.workspace = dir.filePath(u"ws"_s);
        options.encoding = encoding;
        options.lowSpeedSeconds = 2;
        if (auto started = lab.startAndWait(options); !started) {
            state.SkipWithError(qPrintable(started.error().toString()));
            return false;
        }
        return true;
    }
};

void BM_RunAll(benchmark::State &state)
{
    ensureApplication();
    const QList<Attacks::Scenario> &all = Attacks::catalogue();
    qint64 steps = 0;
    qint64 cycles = 0;
    for (const Attacks::Scenario &scenario : all) {
        steps += scenario.steps.size();
        cycles += std::count_if(scenario.steps.cbegin(), scenario.steps.cend(), [](const Attacks::ScenarioStep &step) {
            return step.kind == Attacks::ScenarioStep::Kind::Cycle;
        });
    }
    double startMs = 0;
    double wall = 0;
    double cpu = 0;
    for (auto _ : state) {
        state.PauseTiming();
        const auto startBegin = std::chrono::steady_clock::now();
        auto fresh = std::make_unique<FreshLab>();
        if (!fresh->start(encodingOf(state), state))
            break;
        startMs += std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - startBegin).count();
        Lab::ScenarioRunner runner(fresh->lab);
        const double cpuBefore = processCpuSeconds();
        const auto wallBefore = std::chrono::steady_clock::now();
        state.ResumeTiming();
        const auto results = runner.runAndWait(all);
        state.PauseTiming();
        wall += std::chrono::duration<double>(std::chrono::steady_clock::now() - wallBefore).count();
        cpu += processCpuSeconds() - cpuBefore;
        if (!results) {
            state.SkipWithError(qPrintable(results.error().toString()));
            break;
        }
        for (const Lab::ScenarioResult &result : *results) {
            if (!result.passed()) {
                state.SkipWithError(qPrintable(result.id + u" did not pass"_s));
                break;
            }
        }
        fresh.reset();  // teardown outside the timed region
        state.ResumeTiming();
    }
    const double runs = double(std::max<benchmark::IterationCount>(state.iterations(), 1));
    state.counters["scenarios"] = double(all.size());
    state.counters["steps"] = double(steps);
    state.counters["cycles"] = double(cycles);
    state.counters["wall_s"] = wall / runs;
    state.counters["cpu_s"] = cpu / runs;
    state.counters["ms_per_cycle"] = cycles ? wall / runs * 1000.0 / double(cycles) : 0.0;
    state.counters["start_ms"] = startMs / runs;
}

// One ordinary update: a new acme-ecu release assigned to both Secondaries, then a cycle.
void BM_PlainCycle(benchmark::State &state)
{
    ensureApplication();
    FreshLab fresh;
    if (!fresh.start(encodingOf(state), state))
        return;
    if (auto first = fresh.lab.runCycleAndWait(Demo::vin()); !first) {
        state.SkipWithError(qPrintable(first.error().toString()));
        return;
    }
    qint64 release = 100;
    double cpu = 0;
    for (auto _ : state) {
        state.PauseTiming();
        ++release;
        auto published = fresh.lab.runOnServicesAndWait([release](Services::OemServices &services) -> Result<void> {
            const QString path = u"bench-%1.img"_s.arg(release);
            const QByteArray bytes = QByteArray(64 * 1024, char(release & 0x7f));
            if (auto added = services.images().addImage(path, bytes, Demo::secondaryHardwareId(), release); !added)
                return fail(added.error());
            for (const QString &serial : Demo::secondarySerials()) {
                if (auto assigned = services.director().assign(Demo::vin(), serial, path); !assigned)
                    return fail(assigned.error());
            }
            return {};
        });
        if (!published) {
            state.SkipWithError(qPrintable(published.error().toString()));
            break;
        }
        const double cpuBefore = processCpuSeconds();
        state.ResumeTiming();
        const auto cycle = fresh.lab.runCycleAndWait(Demo::vin());
        state.PauseTiming();
        cpu += processCpuSeconds() - cpuBefore;
        if (!cycle || cycle->manifestError || !cycle->outcome(Demo::secondarySerial())
            || cycle->outcome(Demo::secondarySerial())->verdict != Vehicle::Verdict::Updated) {
            state.SkipWithError("the plain cycle did not update the Secondaries");
            break;
        }
        state.ResumeTiming();
    }
    state.counters["cpu_ms"] = cpu * 1000.0 / double(std::max<benchmark::IterationCount>(state.iterations(), 1));
}

} // namespace

BENCHMARK(BM_RunAll)->Arg(0)->Arg(1)->Unit(benchmark::kSecond)->UseRealTime()->MeasureProcessCPUTime()->Iterations(2);
BENCHMARK(BM_PlainCycle)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->UseRealTime()->MeasureProcessCPUTime()
    ->Iterations(10);
