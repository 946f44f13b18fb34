// The child process of tst_vehiclecrash: the OEM services over HTTP on 127.0.0.1 and the demo
// vehicle updating in a loop, every cycle a new image for each ECU, narrating every event on
// stdout so the parent can kill it (SIGKILL) at a random point of a cycle.
//
//   vehiclecrashchild WORKSPACE ENCODING CYCLES [CRASH_STEP CRASH_AFTER]
//
// CYCLES 0 runs until killed. With CRASH_STEP ("written" / "switched"), the process kills
// itself at that step of the CRASH_AFTER-th ECU store commit (EcuStore's commit hook), so
// the two windows of a commit are hit for certain, not only by chance.
// Exit status: 0 when every cycle ended UPDATED or UP TO DATE for every ECU, 1 otherwise,
// 2 on a set-up error.

#include "common/clock.h"
#include "lab/oemhost.h"
#include "lab/vehiclefleet.h"
#include "net/curlfetcher.h"
#include "services/oemservices.h"
#include "vehicle/vehicle.h"

#include <QCoreApplication>
#include <QThread>

#include <atomic>
#include <csignal>
#include <cstdio>

using namespace Qt::StringLiterals;
using namespace Uptane;

namespace {

void say(const QString &line)
{
    std::fputs(qPrintable(line + u'\n'), stdout);
    std::fflush(stdout);
}

int setupError(const QString &what, const Error &error)
{
    std::fprintf(stderr, "%s: %s\n", qPrintable(what), qPrintable(error.toString()));
    return 2;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 4 && args.size() != 6) {
        std::fprintf(stderr, "usage: vehiclecrashchild WORKSPACE ENCODING CYCLES [CRASH_STEP CRASH_AFTER]\n");
        return 2;
    }
    const QString workspace = args.at(1);
    auto encoding = Metadata::encodingFromName(args.at(2));
    if (!encoding)
        return setupError(u"encoding"_s, encoding.error());
    const int cycles = args.at(3).toInt();
    if (args.size() == 6) {
        static const QByteArray crashStep = args.at(4).toUtf8();
        static std::atomic<int> remaining = args.at(5).toInt();
        Vehicle::EcuStore::setCommitHook([](const char *step) {
            if (crashStep == step && remaining.fetch_sub(1) <= 0)
                std::raise(SIGKILL);
        });
    }

    Net::initializeCurl();
    SystemClock clock;
    Lab::OemHostOptions options;
    options.workspace = workspace;
    options.encoding = *encoding;
    options.clock = &clock;
    Lab::OemHost host(options);
    QObject::connect(&host, &Lab::OemHost::eventEmitted, &host,
                     [](const LabEvent &event) { say(formatLabEvent(event)); });
    if (auto started = host.start(); !started)
        return setupError(u"start"_s, started.error());
    Services::OemServices &services = host.services();
    if (auto provisioned = Lab::provisionDemoVehicle(services, clock.now()); !provisioned)
        return setupError(u"provision"_s, provisioned.error());

    namespace Demo = Services::DemoFleet;
    int exitCode = 0;
    // Services stay on this thread (the HttpHost's); the vehicle runs on a worker and asks
    // this thread for each new release.
    QThread *worker = QThread::create([&] {
        Net::CurlFetcher fetcher;
        auto vehicle = Vehicle::Vehicle::open(workspace + u"/vehicles"_s, Demo::vin(), fetcher,
                                              {host.baseUrl(), {}});
        if (!vehicle) {
            exitCode = setupError(u"vehicle"_s, vehicle.error());
            return;
        }
        (*vehicle)->setEventCallback([](const LabEvent &event) { say(formatLabEvent(event)); });
        for (int i = 0; cycles == 0 || i < cycles; ++i) {
            std::optional<Error> released;
            QMetaObject::invokeMethod(&host, [&] {
                // Release counters keep rising across restarts: take the next free one.
                const qint64 n = services.images().findImage(Demo::firmwarePath())->releaseCounter.value_or(2) + 1;
                const QString secondaryImage = u"update-%1.img"_s.arg(n);
                const QString primaryImage = u"infotainment-%1.img"_s.arg(n);
                const QByteArray content = u"crash loop release %1\n"_s.arg(n).toUtf8().repeated(512);
                const auto run = [&](auto result) {
                    if (!result && !released)
                        released = result.error();
                };
                run(services.images().addImage(secondaryImage, content, Demo::secondaryHardwareId(), n));
                run(services.images().addImage(primaryImage, content + "info", Demo::primaryHardwareId(), n));
                // firmware.img carries the newest counter, so the next run continues from it.
                run(services.images().addImage(Demo::firmwarePath(), content + "fw", Demo::secondaryHardwareId(), n));
                for (const QString &serial : Demo::secondarySerials())
                    run(services.director().assign(Demo::vin(), serial, secondaryImage));
                run(services.director().assign(Demo::vin(), Demo::primarySerial(), primaryImage));
            }, Qt::BlockingQueuedConnection);
            if (released) {
                exitCode = setupError(u"release"_s, *released);
                return;
            }
            const Vehicle::CycleResult result = (*vehicle)->runCycle();
            for (const Vehicle::EcuOutcome &outcome : result.outcomes) {
                say(u"cycle %1: %2 %3%4"_s.arg(result.cycle).arg(outcome.serial, Vehicle::verdictName(outcome.verdict),
                                                                   outcome.error ? u" "_s + outcome.error->toString() : QString()));
                if (outcome.verdict != Vehicle::Verdict::Updated && outcome.verdict != Vehicle::Verdict::UpToDate)
                    exitCode = 1;
            }
            if (result.manifestError) {
                say(u"manifest: "_s + result.manifestError->toString());
                exitCode = 1;
            }
        }
    });
    QObject::connect(worker, &QThread::finished, &app, &QCoreApplication::quit);
    worker->start();
    app.exec();
    worker->wait();
    delete worker;
    return exitCode;
}
