// The update cycle end to end, in both encodings: the OEM services served over real HTTP on
// 127.0.0.1 (Lab::OemHost on this thread, whose event loop keeps serving), the demo vehicle
// democar (Primary INFOdemocar, full Secondary TCUdemocar, partial Secondary DOORdemocar)
// provisioned by core/lab, its Primary fetching with libcurl on a worker thread and feeding
// its Secondaries over the VehicleBus. The story of the reference demo: everything up to
// date, firmware.img delivered to both Secondaries and recorded by the Director from the
// verified manifest, then up to date again; and a new image for the Primary itself.

#include "common/clock.h"
#include "lab/oemhost.h"
#include "lab/vehiclefleet.h"
#include "net/curlfetcher.h"
#include "services/oemservices.h"
#include "vehicle/vehicle.h"

#include "cycledescription.h"
#include "filetree.h"

#include <QFile>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <thread>

using namespace Uptane;
using namespace Qt::StringLiterals;
namespace Demo = Uptane::Services::DemoFleet;
using Metadata::Encoding;

namespace {

// One cycle on a worker thread (blocking libcurl must never run on the HttpHost's thread).
// The destructor waits for it, serving HTTP meanwhile, and cancels the transfers of a cycle
// that a failed test leaves behind.
class CycleJob
{
public:
    CycleJob(Vehicle::Vehicle &vehicle, Net::CurlFetcher &fetcher) : m_fetcher(fetcher)
    {
        m_thread = std::thread([this, &vehicle] {
            m_result = vehicle.runCycle();
            m_done.store(true);
        });
    }
    ~CycleJob()
    {
        if (!m_done.load())
            m_fetcher.cancel();
        while (!m_done.load())
            QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        m_thread.join();
    }
    Q_DISABLE_COPY_MOVE(CycleJob)

    bool done() const { return m_done.load(); }
    const Vehicle::CycleResult &result() const { return m_result; }

private:
    Net::CurlFetcher &m_fetcher;
    std::thread m_thread;
    std::atomic<bool> m_done{false};
    Vehicle::CycleResult m_result;
};

QByteArray fileBytes(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestVehicleCycle : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<Lab::OemHost> m_host;
    std::unique_ptr<Net::CurlFetcher> m_fetcher;
    std::unique_ptr<Vehicle::Vehicle> m_vehicle;
    Vehicle::CycleResult m_last;

    Services::OemServices &services() { return m_host->services(); }

    // A minute later, one cycle (the test fails when it does not finish).
    void cycle()
    {
        m_clock->advance(60);
        CycleJob job(*m_vehicle, *m_fetcher);
        QTRY_VERIFY_WITH_TIMEOUT(job.done(), 120000);
        m_last = job.result();
    }

    void expect(const QString &serial, Vehicle::Verdict verdict)
    {
        const Vehicle::EcuOutcome *outcome = m_last.outcome(serial);
        QVERIFY(outcome);
        QVERIFY2(outcome->verdict == verdict, qPrintable(Test::describeCycle(m_last)));
    }

    // The Director's inventory: what serial last reported installed, from a verified manifest.
    QString reportedInstalled(const QString &serial)
    {
        const auto installed = services().director().inventory().installed(Demo::vin());
        if (!installed)
            return {};
        for (const Services::InstalledRecord &record : *installed) {
            if (record.ecuSerial == serial)
                return record.image.path;
        }
        return {};
    }

    QByteArray repositoryImage(const QString &path)
    {
        auto file = services().images().imageFilePath(path);
        return file ? fileBytes(*file) : QByteArray();
    }

private slots:
    void initTestCase() { Net::initializeCurl(); }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_clock = std::make_unique<ManualClock>(QDateTime(QDate(2030, 1, 1), QTime(8, 0), Qt::UTC));
    }

    void cleanup()
    {
        m_vehicle.reset();
        m_fetcher.reset();
        m_host.reset();
    }

    void deliversFirmware_data()
    {
        QTest::addColumn<Encoding>("encoding");
        QTest::newRow("json") << Encoding::Json;
        QTest::newRow("der") << Encoding::Der;
    }

    void deliversFirmware()
    {
        QFETCH(Encoding, encoding);
        Lab::OemHostOptions options;
        options.workspace = m_dir->filePath(u"ws"_s);
        options.encoding = encoding;
        options.clock = m_clock.get();
        m_host = std::make_unique<Lab::OemHost>(options);
        QVERIFY(m_host->start());
        QVERIFY(Lab::provisionDemoVehicle(services(), m_clock->now()));
        m_fetcher = std::make_unique<Net::CurlFetcher>();
        auto vehicle = Vehicle::Vehicle::open(options.workspace + u"/vehicles"_s, Demo::vin(), *m_fetcher,
                                              {m_host->baseUrl(), {}});
        QVERIFY(vehicle);
        m_vehicle = std::move(*vehicle);
        QCOMPARE(m_vehicle->primarySerial(), Demo::primarySerial());
        QCOMPARE(m_vehicle->secondaries().size(), 2);

        // 1. What left the factory is what the Director assigns: up to date everywhere.
        cycle();
        if (QTest::currentTestFailed())
            return;
        QVERIFY2(!m_last.stoppedBy && !m_last.manifestError, qPrintable(Test::describeCycle(m_last)));
        QCOMPARE(m_last.outcomes.size(), 3);
        for (const QString &serial : QStringList{Demo::primarySerial()} + Demo::secondarySerials())
            expect(serial, Vehicle::Verdict::UpToDate);
        QVERIFY(m_fetcher->requestCount() > 0);

        // 2. The reference demo's step 2: firmware.img for the Secondaries.
        for (const QString &serial : Demo::secondarySerials())
            QVERIFY(services().director().assign(Demo::vin(), serial, Demo::firmwarePath()));
        cycle();
        if (QTest::currentTestFailed())
            return;
        QVERIFY2(!m_last.stoppedBy && !m_last.manifestError, qPrintable(Test::describeCycle(m_last)));
        expect(Demo::primarySerial(), Vehicle::Verdict::UpToDate);
        const QByteArray firmware = repositoryImage(Demo::firmwarePath());
        QVERIFY(!firmware.isEmpty());
        for (const QString &serial : Demo::secondarySerials()) {
            expect(serial, Vehicle::Verdict::Updated);
            const Vehicle::EcuStore *store = m_vehicle->store(serial);
            QCOMPARE(store->state().installed->path, Demo::firmwarePath());
            QCOMPARE(store->imageBytes().value_or(QByteArray()), firmware);
            QCOMPARE(fileBytes(store->imageFilePath()), firmware);
            QCOMPARE(store->state().backup->path, Demo::supplierImagePath());
            QCOMPARE(reportedInstalled(serial), Demo::firmwarePath());
        }

        // 3. Nothing new: up to date everywhere.
        cycle();
        if (QTest::currentTestFailed())
            return;
        QVERIFY2(!m_last.stoppedBy && !m_last.manifestError, qPrintable(Test::describeCycle(m_last)));
        for (const QString &serial : QStringList{Demo::primarySerial()} + Demo::secondarySerials())
            expect(serial, Vehicle::Verdict::UpToDate);

        // 4. The Primary installs an image of its own.
        const QByteArray infotainment = QByteArray("infotainment 2.0\n").repeated(4096);
        QVERIFY(services().images().addImage(u"infotainment-2.0.img"_s, infotainment, Demo::primaryHardwareId(), 2));
        QVERIFY(services().director().assign(Demo::vin(), Demo::primarySerial(), u"infotainment-2.0.img"_s));
        cycle();
        if (QTest::currentTestFailed())
            return;
        QVERIFY2(!m_last.stoppedBy && !m_last.manifestError, qPrintable(Test::describeCycle(m_last)));
        expect(Demo::primarySerial(), Vehicle::Verdict::Updated);
        for (const QString &serial : Demo::secondarySerials())
            expect(serial, Vehicle::Verdict::UpToDate);
        QCOMPARE(m_vehicle->store(Demo::primarySerial())->imageBytes().value_or(QByteArray()), infotainment);
        QCOMPARE(reportedInstalled(Demo::primarySerial()), u"infotainment-2.0.img"_s);

        // The vehicle reopened (a restart) carries on where it was.
        const qint64 lastCycle = m_last.cycle;
        m_vehicle.reset();
        vehicle = Vehicle::Vehicle::open(options.workspace + u"/vehicles"_s, Demo::vin(), *m_fetcher,
                                         {m_host->baseUrl(), {}});
        QVERIFY(vehicle);
        m_vehicle = std::move(*vehicle);
        cycle();
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(m_last.cycle, lastCycle + 1);
        for (const QString &serial : QStringList{Demo::primarySerial()} + Demo::secondarySerials())
            expect(serial, Vehicle::Verdict::UpToDate);
    }

    // Nobody listening: the cycle stops at its first request with a clear error, and nothing
    // changes in any ECU store.
    void servicesUnreachable()
    {
        const QString workspace = m_dir->filePath(u"ws"_s);
        {
            auto services = Services::OemServices::open(workspace, Encoding::Json, *m_clock);
            QVERIFY(services);
            QVERIFY(Lab::provisionDemoVehicle(**services, m_clock->now()));
        }
        quint16 port = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
            port = probe.serverPort();
        }
        const QString vehicles = workspace + u"/vehicles"_s;
        const Test::FileTree before = Test::filesUnder(vehicles);
        m_fetcher = std::make_unique<Net::CurlFetcher>();
        auto vehicle = Vehicle::Vehicle::open(vehicles, Demo::vin(), *m_fetcher,
                                              {u"http://127.0.0.1:%1/"_s.arg(port), {}});
        QVERIFY(vehicle);
        m_vehicle = std::move(*vehicle);
        cycle();
        if (QTest::currentTestFailed())
            return;
        QVERIFY(m_last.stoppedBy);
        QCOMPARE(m_last.stoppedBy->code, ErrorCode::ConnectionFailed);
        for (const Vehicle::EcuOutcome &outcome : m_last.outcomes) {
            QCOMPARE(outcome.verdict, Vehicle::Verdict::Defended);
            QCOMPARE(outcome.error->code, ErrorCode::ConnectionFailed);
        }
        QVERIFY(m_last.manifestError);
        QCOMPARE(m_last.manifestError->code, ErrorCode::ConnectionFailed);
        QCOMPARE(Test::filesUnder(vehicles), before);
    }
};

QTEST_GUILESS_MAIN(TestVehicleCycle)
#include "tst_vehiclecycle.moc"
