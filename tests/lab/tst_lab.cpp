// Lab, the composition root, driven as the GUI drives it, in both encodings: the services on
// their own thread, democar provisioned and opened, cycles as jobs on worker threads (up to
// date, firmware delivered, busy, unknown vehicles), every event on the owner's thread, the
// owner's event loop never blocked by a cycle, destruction in mid-cycle, and a reopened
// workspace keeping what the vehicle installed.

#include "lab/lab.h"
#include "services/oemservices.h"

#include "cycledescription.h"

#include <QCryptographicHash>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimer>

using namespace Uptane;
using namespace Qt::StringLiterals;
namespace Demo = Uptane::Services::DemoFleet;
using Metadata::Encoding;
using Vehicle::Verdict;

namespace {

QStringList allSerials()
{
    return QStringList{Demo::primarySerial()} + Demo::secondarySerials();
}

Result<void> assignFirmware(Services::OemServices &services)
{
    for (const QString &serial : Demo::secondarySerials()) {
        if (auto assigned = services.director().assign(Demo::vin(), serial, Demo::firmwarePath()); !assigned)
            return fail(assigned.error());
    }
    return {};
}

} // namespace

class TestLab : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;

    Lab::LabOptions options(Encoding encoding) const
    {
        Lab::LabOptions options;
        options.workspace = m_dir->filePath(u"ws"_s);
        options.encoding = encoding;
        return options;
    }

    static void addEncodings()
    {
        QTest::addColumn<Encoding>("encoding");
        QTest::newRow("json") << Encoding::Json;
        QTest::newRow("der") << Encoding::Der;
    }

    static void expectVerdict(const Vehicle::CycleResult &result, const QString &serial, Verdict verdict)
    {
        const Vehicle::EcuOutcome *outcome = result.outcome(serial);
        QVERIFY2(outcome, qPrintable(serial));
        QVERIFY2(outcome->verdict == verdict, qPrintable(serial + u" -> "_s + Test::describeCycle(result)));
    }

private slots:
    void init() { m_dir = std::make_unique<QTemporaryDir>(); }

    void startsWithDemocar_data() { addEncodings(); }
    void startsWithDemocar()
    {
        QFETCH(Encoding, encoding);
        Lab::Lab lab;
        QVERIFY(!lab.isStarted());
        QSignalSpy spy(&lab, &Lab::Lab::started);
        const auto started = lab.startAndWait(options(encoding));
        QVERIFY2(started, qPrintable(started ? QString() : started.error().toString()));
        QCOMPARE(spy.count(), 1);
        QVERIFY(lab.isStarted());
        QCOMPARE(lab.vins(), QStringList{Demo::vin()});
        QVERIFY(lab.baseUrl().startsWith(u"http://127.0.0.1:"_s));
        QCOMPARE(lab.options().encoding, encoding);
        QVERIFY(!lab.isCycling(Demo::vin()));

        // Once is enough.
        const auto again = lab.startAndWait(options(encoding));
        QVERIFY(!again);
        QCOMPARE(again.error().code, ErrorCode::InvalidArgument);
        QVERIFY(lab.isStarted());
    }

    void refusesAnotherEncoding()
    {
        {
            Lab::Lab lab;
            QVERIFY(lab.startAndWait(options(Encoding::Json)));
        }
        Lab::Lab lab;
        const auto started = lab.startAndWait(options(Encoding::Der));
        QVERIFY(!started);
        QCOMPARE(started.error().code, ErrorCode::InvalidArgument);
        QVERIFY(!lab.isStarted());
        QVERIFY(lab.vins().isEmpty());
        const auto services = lab.runOnServicesAndWait([](Services::OemServices &) -> Result<void> { return {}; });
        QVERIFY(!services);
        QCOMPARE(services.error().code, ErrorCode::InvalidArgument);
    }

    void deliversFirmware_data() { addEncodings(); }
    void deliversFirmware()
    {
        QFETCH(Encoding, encoding);
        Lab::Lab lab;
        QVERIFY(lab.startAndWait(options(encoding)));

        // What left the factory is what the Director assigns; each cycle a second later.
        const QDateTime before = lab.clock().now();
        auto first = lab.runCycleAndWait(Demo::vin());
        QVERIFY(first);
        QCOMPARE(lab.clock().now(), before.addSecs(1));
        QVERIFY2(!first->stoppedBy && !first->manifestError, qPrintable(Test::describeCycle(*first)));
        QCOMPARE(first->outcomes.size(), 3);
        for (const QString &serial : allSerials())
            expectVerdict(*first, serial, Verdict::UpToDate);

        // The reference demo: firmware.img for both Secondaries, assigned on the services thread.
        QThread *owner = QThread::currentThread();
        QThread *ranOn = nullptr;
        QVERIFY(lab.runOnServicesAndWait([&](Services::OemServices &services) {
            ranOn = QThread::currentThread();
            return assignFirmware(services);
        }));
        QVERIFY(ranOn && ranOn != owner);
        auto second = lab.runCycleAndWait(Demo::vin());
        QVERIFY(second);
        QVERIFY2(!second->stoppedBy && !second->manifestError, qPrintable(Test::describeCycle(*second)));
        QCOMPARE(second->cycle, first->cycle + 1);
        expectVerdict(*second, Demo::primarySerial(), Verdict::UpToDate);
        for (const QString &serial : Demo::secondarySerials()) {
            expectVerdict(*second, serial, Verdict::Updated);
            QCOMPARE(second->outcome(serial)->installed->path, Demo::firmwarePath());
        }

        // A service operation's error comes back with its code.
        const auto refused = lab.runOnServicesAndWait([](Services::OemServices &services) -> Result<void> {
            auto assigned = services.director().assign(u"nocar"_s, Demo::partialSerial(), Demo::firmwarePath());
            return assigned ? Result<void>() : fail(assigned.error());
        });
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, ErrorCode::UnknownVehicle);
    }

    // The scenario's knowledge of a planted image turns UPDATED into COMPROMISED.
    void maliciousImages()
    {
        Lab::Lab lab;
        QVERIFY(lab.startAndWait(options(Encoding::Json)));
        QByteArray firmware;
        QVERIFY(lab.runOnServicesAndWait([&](Services::OemServices &services) -> Result<void> {
            auto file = services.images().imageFilePath(Demo::firmwarePath());
            if (!file)
                return fail(file.error());
            QFile image(*file);
            if (!image.open(QIODevice::ReadOnly))
                return fail(ErrorCode::IoError, image.errorString());
            firmware = QCryptographicHash::hash(image.readAll(), QCryptographicHash::Sha256);
            return assignFirmware(services);
        }));
        lab.setMaliciousImages({firmware});
        auto cycle = lab.runCycleAndWait(Demo::vin());
        QVERIFY(cycle);
        expectVerdict(*cycle, Demo::primarySerial(), Verdict::UpToDate);
        for (const QString &serial : Demo::secondarySerials())
            expectVerdict(*cycle, serial, Verdict::Compromised);
    }

    void busy()
    {
        Lab::Lab lab;
        QVERIFY(lab.startAndWait(options(Encoding::Json)));
        QSignalSpy finished(&lab, &Lab::Lab::cycleFinished);
        QVERIFY(lab.runCycle(Demo::vin()));
        QVERIFY(lab.isCycling(Demo::vin()));
        const auto again = lab.runCycle(Demo::vin());
        QVERIFY(!again);
        QCOMPARE(again.error().code, ErrorCode::InvalidArgument);
        QCOMPARE(again.error().detail, u"busy"_s);
        const auto waited = lab.runCycleAndWait(Demo::vin());
        QVERIFY(!waited);
        QCOMPARE(waited.error().code, ErrorCode::InvalidArgument);

        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 120000);
        QVERIFY(!lab.isCycling(Demo::vin()));
        QCOMPARE(finished.at(0).at(0).toString(), Demo::vin());
        const auto result = finished.at(0).at(1).value<Vehicle::CycleResult>();
        QVERIFY2(!result.stoppedBy, qPrintable(Test::describeCycle(result)));
        // Free again.
        QVERIFY(lab.runCycleAndWait(Demo::vin()));
    }

    void unknownVehicle()
    {
        Lab::Lab idle;
        QCOMPARE(idle.runCycle(Demo::vin()).error().code, ErrorCode::UnknownVehicle);

        Lab::Lab lab;
        QVERIFY(lab.startAndWait(options(Encoding::Json)));
        QCOMPARE(lab.runCycle(u"nocar"_s).error().code, ErrorCode::UnknownVehicle);
        QCOMPARE(lab.runCycleAndWait(u"nocar"_s).error().code, ErrorCode::UnknownVehicle);
        QVERIFY(!lab.isCycling(u"nocar"_s));
    }

    void withoutDemoFleet()
    {
        Lab::Lab lab;
        Lab::LabOptions bare = options(Encoding::Json);
        bare.demoFleet = false;
        QVERIFY(lab.startAndWait(bare));
        QVERIFY(lab.vins().isEmpty());
        QCOMPARE(lab.runCycle(Demo::vin()).error().code, ErrorCode::UnknownVehicle);
    }

    void eventsOnOwnerThread_data() { addEncodings(); }
    void eventsOnOwnerThread()
    {
        QFETCH(Encoding, encoding);
        Lab::Lab lab;
        QList<LabEvent> events;
        int elsewhere = 0;
        connect(&lab, &Lab::Lab::eventEmitted, this, [&](const LabEvent &event) {
            if (QThread::currentThread() != thread())
                ++elsewhere;
            events.append(event);
        });
        QVERIFY(lab.startAndWait(options(encoding)));
        // The services' opening is heard too.
        QTRY_VERIFY(std::any_of(events.cbegin(), events.cend(), [](const LabEvent &event) {
            return event.kind == LabEvent::Kind::MetadataPublished;
        }));
        auto cycle = lab.runCycleAndWait(Demo::vin());
        QVERIFY(cycle);
        const auto seen = [&](LabEvent::Kind kind) {
            return std::any_of(events.cbegin(), events.cend(), [kind](const LabEvent &event) { return event.kind == kind; });
        };
        // Vehicle events are queued before the worker ends: they are all in by now.
        QVERIFY(seen(LabEvent::Kind::BusMessage));
        QVERIFY(seen(LabEvent::Kind::Verdict));
        QTRY_VERIFY(seen(LabEvent::Kind::HttpRequest));
        QTRY_VERIFY(seen(LabEvent::Kind::ManifestAccepted));
        QCOMPARE(elsewhere, 0);
    }

    void ownerNeverBlocked()
    {
        Lab::Lab lab;
        QVERIFY(lab.startAndWait(options(Encoding::Json)));
        int ticks = 0;
        bool finished = false;
        QTimer timer;
        timer.setInterval(0);
        connect(&timer, &QTimer::timeout, this, [&] {
            if (!finished)
                ++ticks;
        });
        connect(&lab, &Lab::Lab::cycleFinished, this, [&] { finished = true; });
        timer.start();
        QVERIFY(lab.runCycle(Demo::vin()));
        QTRY_VERIFY_WITH_TIMEOUT(finished, 120000);
        // The owner's loop kept turning while the cycle ran (a blocked loop would tick at most once).
        QVERIFY2(ticks > 10, qPrintable(QString::number(ticks)));
    }

    void destroyedWhileCycling()
    {
        auto lab = std::make_unique<Lab::Lab>();
        QVERIFY(lab->startAndWait(options(Encoding::Json)));
        bool cyclingWhenDestroyed = false;
        bool destroyed = false;
        int finished = 0;
        connect(lab.get(), &Lab::Lab::cycleFinished, this, [&] { ++finished; });
        connect(lab.get(), &Lab::Lab::eventEmitted, this, [&](const LabEvent &event) {
            if (event.kind != LabEvent::Kind::HttpRequest)
                return;
            // Not from inside the lab's own signal: right after it, while the worker fetches.
            QMetaObject::invokeMethod(this, [&] {
                if (!lab)
                    return;
                cyclingWhenDestroyed = lab->isCycling(Demo::vin());
                lab.reset();
                destroyed = true;
            }, Qt::QueuedConnection);
        });
        QVERIFY(lab->runCycle(Demo::vin()));
        QTRY_VERIFY_WITH_TIMEOUT(destroyed, 60000);
        QVERIFY(cyclingWhenDestroyed);
        QCOMPARE(finished, 0);

        // Whatever the interrupted cycle left, the workspace opens and cycles again.
        Lab::Lab reopened;
        QVERIFY(reopened.startAndWait(options(Encoding::Json)));
        auto cycle = reopened.runCycleAndWait(Demo::vin());
        QVERIFY(cycle);
        QVERIFY2(!cycle->stoppedBy, qPrintable(Test::describeCycle(*cycle)));
    }

    void destroyedWhileStarting()
    {
        {
            Lab::Lab lab;
            lab.start(options(Encoding::Json));
            QVERIFY(!lab.isStarted());
        }
        Lab::Lab lab;
        QVERIFY(lab.startAndWait(options(Encoding::Json)));
        QCOMPARE(lab.vins(), QStringList{Demo::vin()});
    }

    void reopenKeepsInstalled_data() { addEncodings(); }
    void reopenKeepsInstalled()
    {
        QFETCH(Encoding, encoding);
        qint64 lastCycle = 0;
        {
            Lab::Lab lab;
            QVERIFY(lab.startAndWait(options(encoding)));
            QVERIFY(lab.runOnServicesAndWait(assignFirmware));
            auto cycle = lab.runCycleAndWait(Demo::vin());
            QVERIFY(cycle);
            for (const QString &serial : Demo::secondarySerials())
                expectVerdict(*cycle, serial, Verdict::Updated);
            lastCycle = cycle->cycle;
        }
        Lab::Lab lab;
        QVERIFY(lab.startAndWait(options(encoding)));
        QCOMPARE(lab.vins(), QStringList{Demo::vin()});
        auto cycle = lab.runCycleAndWait(Demo::vin());
        QVERIFY(cycle);
        QVERIFY2(!cycle->stoppedBy && !cycle->manifestError, qPrintable(Test::describeCycle(*cycle)));
        QVERIFY(cycle->cycle > lastCycle);
        for (const QString &serial : Demo::secondarySerials()) {
            expectVerdict(*cycle, serial, Verdict::UpToDate);
            QCOMPARE(cycle->outcome(serial)->installed->path, Demo::firmwarePath());
        }
    }
};

QTEST_GUILESS_MAIN(TestLab)
#include "tst_lab.moc"
