// Lab::provisionDemoVehicle: the demo vehicle's ECU stores made from what the OEM services
// hold (keys, roots, Time Server key, factory images as the Director assigns them), in both
// encodings; provisioned ECUs are never touched again; a missing one is made; no democar,
// no vehicle.

#include "lab/vehiclefleet.h"
#include "metadata/codec.h"
#include "services/keyring.h"
#include "services/oemservices.h"
#include "vehicle/ecustore.h"

#include "filetree.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Uptane;
using namespace Qt::StringLiterals;
namespace Demo = Uptane::Services::DemoFleet;
using Metadata::Encoding;

namespace {

QByteArray fileBytes(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestVehicleFleet : public QObject
{
    Q_OBJECT

private slots:
    void provisions_data()
    {
        QTest::addColumn<Encoding>("encoding");
        QTest::newRow("json") << Encoding::Json;
        QTest::newRow("der") << Encoding::Der;
    }

    void provisions()
    {
        QFETCH(Encoding, encoding);
        QTemporaryDir dir;
        ManualClock clock(QDateTime(QDate(2030, 1, 1), QTime(8, 0), Qt::UTC));
        auto opened = Services::OemServices::open(dir.path(), encoding, clock);
        QVERIFY(opened);
        Services::OemServices &services = **opened;
        const QDateTime factory = clock.now();
        QVERIFY(Lab::provisionDemoVehicle(services, factory));

        const QString ext = Metadata::fileExtension(encoding);
        const QByteArray directorRoot = fileBytes(dir.path() + u"/director/democar/metadata/root."_s + ext);
        const QByteArray imageRoot = fileBytes(dir.path() + u"/imagerepo/metadata/root."_s + ext);
        const auto assignments = services.director().inventory().assignments(Demo::vin()).value();
        for (const QString &serial : QStringList{Demo::primarySerial()} + Demo::secondarySerials()) {
            auto store = Vehicle::EcuStore::open(services.workspace().vehicleDir(Demo::vin(), serial).value());
            QVERIFY2(store, qPrintable(serial));
            const Vehicle::EcuConfig &config = store->config();
            const bool primary = serial == Demo::primarySerial();
            const bool partial = serial == Demo::partialSerial();
            QCOMPARE(config.vin, Demo::vin());
            QCOMPARE(config.serial, serial);
            QCOMPARE(config.primary, primary);
            QCOMPARE(config.verification, partial ? Vehicle::Verification::Partial : Vehicle::Verification::Full);
            QCOMPARE(config.hardwareId, primary ? Demo::primaryHardwareId() : Demo::secondaryHardwareId());
            QCOMPARE(config.encoding, encoding);
            QVERIFY(config.timeServerKey == services.timeServer().publicKey());
            // The key the Director registered for this ECU.
            QVERIFY(store->key().publicKey() == services.director().inventory().ecu(Demo::vin(), serial)->key);

            QCOMPARE(store->metadata().value(u"director/root"_s), directorRoot);
            QCOMPARE(store->metadata().contains(u"imagerepo/root"_s), !partial);
            if (!partial)
                QCOMPARE(store->metadata().value(u"imagerepo/root"_s), imageRoot);
            // The Primary keeps its roots by version, for the bundles it hands out.
            QCOMPARE(store->metadata().contains(u"director/1.root"_s), primary);
            QCOMPARE(store->metadata().contains(u"imagerepo/1.root"_s), primary);

            const auto assigned = std::find_if(assignments.cbegin(), assignments.cend(),
                                               [&](const Services::AssignmentRecord &a) { return a.ecuSerial == serial; });
            QVERIFY(assigned != assignments.cend());
            QCOMPARE(store->state().installed->path, assigned->target.path);
            QCOMPARE(store->state().installed->hashes, assigned->target.hashes);
            QCOMPARE(store->imageBytes().value(),
                     fileBytes(services.images().imageFilePath(assigned->target.path).value()));
            QCOMPARE(store->state().attestedTime, factory);
            QCOMPARE(store->state().cycles, qint64(0));
        }
    }

    void keepsWhatIsProvisioned()
    {
        QTemporaryDir dir;
        ManualClock clock(QDateTime(QDate(2030, 1, 1), QTime(8, 0), Qt::UTC));
        auto opened = Services::OemServices::open(dir.path(), Encoding::Json, clock);
        QVERIFY(opened);
        Services::OemServices &services = **opened;
        QVERIFY(Lab::provisionDemoVehicle(services, clock.now()));
        const QString vehicle = dir.path() + u"/vehicles/democar"_s;
        const auto before = Test::filesUnder(vehicle);

        // Again, later, with another image assigned: nothing changes.
        clock.advance(3600);
        QVERIFY(services.director().assign(Demo::vin(), Demo::partialSerial(), Demo::firmwarePath()));
        QVERIFY(Lab::provisionDemoVehicle(services, clock.now()));
        QCOMPARE(Test::filesUnder(vehicle), before);

        // An ECU whose store is gone (but whose key is not) is made again, with what the
        // Director assigns now.
        const QString door = vehicle + u'/' + Demo::partialSerial();
        for (const QString &entry : QDir(door).entryList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot)) {
            if (!entry.startsWith(u"ecu.p"_s))
                QVERIFY(QFileInfo(door + u'/' + entry).isDir() ? QDir(door + u'/' + entry).removeRecursively()
                                                                : QFile::remove(door + u'/' + entry));
        }
        QVERIFY(Lab::provisionDemoVehicle(services, clock.now()));
        auto store = Vehicle::EcuStore::open(door);
        QVERIFY(store);
        QCOMPARE(store->state().installed->path, Demo::firmwarePath());
        QCOMPARE(store->state().attestedTime, clock.now());
        auto after = Test::filesUnder(vehicle);
        for (auto it = before.cbegin(); it != before.cend(); ++it) {
            if (!it.key().startsWith(Demo::partialSerial() + u'/'))
                QCOMPARE(after.value(it.key()), *it);
        }
    }

    void needsTheDemoVehicle()
    {
        QTemporaryDir dir;
        ManualClock clock(QDateTime(QDate(2030, 1, 1), QTime(8, 0), Qt::UTC));
        auto opened = Services::OemServices::open(dir.path(), Encoding::Json, clock, false);
        QVERIFY(opened);
        auto provisioned = Lab::provisionDemoVehicle(**opened, clock.now());
        QVERIFY(!provisioned);
        QCOMPARE(provisioned.error().code, ErrorCode::UnknownVehicle);
    }
};

QTEST_GUILESS_MAIN(TestVehicleFleet)
#include "tst_vehiclefleet.moc"
