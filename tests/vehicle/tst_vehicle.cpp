// Vehicle (core/vehicle/vehicle.h): provisionEcu's refusals, Vehicle::open's (no ECU, no or
// two Primaries, an ECU of another vehicle or encoding, a broken store), what an open vehicle
// shows, and cycle numbers that go on across a reopen.

#include "primaryfixture.h"

#include <QTest>

using namespace Uptane;
using namespace Uptane::Test;
using namespace Qt::StringLiterals;
using Metadata::Encoding;

namespace {

// The provisioning of a new Secondary of democar, from what lab's services hold.
Vehicle::EcuProvisioning strayEcu(DemoLab &lab, const QString &serial)
{
    const QString ext = Metadata::fileExtension(lab.encoding());
    const auto read = [](const QString &path) {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    };
    Vehicle::EcuProvisioning ecu;
    ecu.config.vin = Demo::vin();
    ecu.config.serial = serial;
    ecu.config.hardwareId = Demo::secondaryHardwareId();
    ecu.config.encoding = lab.encoding();
    ecu.config.timeServerKey = lab.services().timeServer().publicKey();
    ecu.key = Crypto::PrivateKey::generate(Crypto::KeyType::Ed25519).value();
    ecu.directorRoot = read(lab.root() + u"/director/democar/metadata/root."_s + ext);
    ecu.imageRoot = read(lab.root() + u"/imagerepo/metadata/root."_s + ext);
    ecu.factoryImage = lab.image(Demo::supplierImagePath());
    ecu.factoryImageBytes = lab.imageBytes(Demo::supplierImagePath());
    ecu.factoryTime = lab.clock().now();
    return ecu;
}

bool copyTree(const QString &from, const QString &to)
{
    if (!QDir().mkpath(to))
        return false;
    const QDir source(from);
    for (const QFileInfo &entry : source.entryInfoList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot)) {
        const QString target = to + u'/' + entry.fileName();
        if (entry.isDir() ? !copyTree(entry.filePath(), target) : !QFile::copy(entry.filePath(), target))
            return false;
    }
    return true;
}

} // namespace

class TestVehicle : public QObject
{
    Q_OBJECT

private slots:
    void provisionRefusals_data()
    {
        using Edit = std::function<void(Vehicle::EcuProvisioning &)>;
        QTest::addColumn<Encoding>("encoding");
        QTest::addColumn<Edit>("edit");
        QTest::addColumn<ErrorCode>("code");
        for (Encoding encoding : {Encoding::Json, Encoding::Der}) {
            const QString name = Metadata::encodingName(encoding) + u": "_s;
            QTest::newRow(qPrintable(name + QLatin1StringView("Director root unreadable")))
                << encoding << Edit([](auto &ecu) { ecu.directorRoot = "not a root"; })
                << (encoding == Encoding::Json ? ErrorCode::MalformedJson : ErrorCode::MalformedDer);
            QTest::newRow(qPrintable(name + QLatin1StringView("Director root not self-signed")))
                << encoding << Edit([](auto &ecu) {
                       auto root = Metadata::parse<Metadata::Root>(ecu.directorRoot, ecu.config.encoding).value();
                       root.signatures.first().value[0] = char(root.signatures.first().value.at(0) ^ 1);
                       ecu.directorRoot = Metadata::serialize(root).value();
                   })
                << ErrorCode::ThresholdNotMet;
            QTest::newRow(qPrintable(name + QLatin1StringView("Image Repository root missing")))
                << encoding << Edit([](auto &ecu) { ecu.imageRoot.clear(); })
                << (encoding == Encoding::Json ? ErrorCode::MalformedJson : ErrorCode::MalformedDer);
            QTest::newRow(qPrintable(name + QLatin1StringView("factory image altered")))
                << encoding << Edit([](auto &ecu) { ecu.factoryImageBytes[0] = char(ecu.factoryImageBytes.at(0) ^ 1); })
                << ErrorCode::HashMismatch;
            QTest::newRow(qPrintable(name + QLatin1StringView("factory image short")))
                << encoding << Edit([](auto &ecu) { ecu.factoryImageBytes.chop(1); }) << ErrorCode::LengthMismatch;
            QTest::newRow(qPrintable(name + QLatin1StringView("a Primary with partial verification")))
                << encoding << Edit([](auto &ecu) {
                       ecu.config.primary = true;
                       ecu.config.verification = Vehicle::Verification::Partial;
                   })
                << ErrorCode::InvalidArgument;
            QTest::newRow(qPrintable(name + QLatin1StringView("provisioned already")))
                << encoding << Edit([](auto &ecu) { ecu.config.serial = Demo::secondarySerial(); })
                << ErrorCode::InvalidArgument;
        }
    }

    void provisionRefusals()
    {
        using Edit = std::function<void(Vehicle::EcuProvisioning &)>;
        QFETCH(Encoding, encoding);
        QFETCH(Edit, edit);
        QFETCH(ErrorCode, code);
        DemoLab lab(encoding);
        Vehicle::EcuProvisioning ecu = strayEcu(lab, u"NEWdemocar"_s);
        edit(ecu);
        const Files before = lab.vehicleFiles();
        const QString dir = lab.vehiclesDir() + u"/democar/"_s + ecu.config.serial;
        auto provisioned = Vehicle::provisionEcu(dir, ecu);
        QVERIFY(!provisioned);
        QCOMPARE(provisioned.error().code, code);
        QCOMPARE(lab.vehicleFiles(), before);
    }

    void partialIgnoresTheImageRoot()
    {
        DemoLab lab(Encoding::Json);
        Vehicle::EcuProvisioning ecu = strayEcu(lab, u"NEWdemocar"_s);
        ecu.config.verification = Vehicle::Verification::Partial;
        ecu.imageRoot = "unused";
        QVERIFY(Vehicle::provisionEcu(lab.vehiclesDir() + u"/democar/NEWdemocar"_s, ecu));
        auto store = Vehicle::EcuStore::open(lab.vehiclesDir() + u"/democar/NEWdemocar"_s);
        QVERIFY(store);
        QVERIFY(!store->metadata().contains(u"imagerepo/root"_s));
    }

    // Attestations carry whole seconds; a factory time with milliseconds is cut to its second,
    // or the first attestation within that second would count as going back in time.
    void factoryTimeHasWholeSeconds()
    {
        DemoLab lab(Encoding::Json);
        Vehicle::EcuProvisioning ecu = strayEcu(lab, u"NEWdemocar"_s);
        ecu.factoryTime = lab.clock().now().addMSecs(750);
        QVERIFY(Vehicle::provisionEcu(lab.vehiclesDir() + u"/democar/NEWdemocar"_s, ecu));
        auto store = Vehicle::EcuStore::open(lab.vehiclesDir() + u"/democar/NEWdemocar"_s);
        QVERIFY(store);
        QCOMPARE(store->state().attestedTime, lab.clock().now());
        QCOMPARE(store->state().previousAttestedTime, lab.clock().now());
    }

    void openRefusals_data()
    {
        using Arrange = std::function<QString(DemoLab &)>;  // returns the VIN to open
        QTest::addColumn<Arrange>("arrange");
        QTest::addColumn<ErrorCode>("code");
        QTest::newRow("no such vehicle") << Arrange([](DemoLab &) { return u"ghostcar"_s; }) << ErrorCode::NotFound;
        QTest::newRow("no Primary") << Arrange([](DemoLab &lab) {
            QDir(lab.vehiclesDir() + u"/democar/"_s + Demo::primarySerial()).removeRecursively();
            return Demo::vin();
        }) << ErrorCode::InvalidArgument;
        QTest::newRow("two Primaries") << Arrange([](DemoLab &lab) {
            const QString from = lab.vehiclesDir() + u"/democar/"_s + Demo::primarySerial();
            if (!copyTree(from, lab.vehiclesDir() + u"/democar/INFO2democar"_s))
                qFatal("copy");
            return Demo::vin();
        }) << ErrorCode::InvalidArgument;
        QTest::newRow("an ECU of another vehicle") << Arrange([](DemoLab &lab) {
            Vehicle::EcuProvisioning ecu = strayEcu(lab, u"STRAYothercar"_s);
            ecu.config.vin = u"othercar"_s;
            if (!Vehicle::provisionEcu(lab.vehiclesDir() + u"/democar/STRAYothercar"_s, ecu))
                qFatal("provision");
            return Demo::vin();
        }) << ErrorCode::InvalidArgument;
        QTest::newRow("an ECU of another encoding") << Arrange([](DemoLab &lab) {
            DemoLab other(Encoding::Der);
            Vehicle::EcuProvisioning ecu = strayEcu(other, u"DERdemocar"_s);
            if (!Vehicle::provisionEcu(lab.vehiclesDir() + u"/democar/DERdemocar"_s, ecu))
                qFatal("provision");
            return Demo::vin();
        }) << ErrorCode::InvalidArgument;
        QTest::newRow("a broken ecu.json") << Arrange([](DemoLab &lab) {
            QFile file(lab.vehiclesDir() + u"/democar/"_s + Demo::secondarySerial() + u"/ecu.json"_s);
            if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write("{broken") < 0)
                qFatal("write");
            return Demo::vin();
        }) << ErrorCode::MalformedJson;
    }

    void openRefusals()
    {
        using Arrange = std::function<QString(DemoLab &)>;
        QFETCH(Arrange, arrange);
        QFETCH(ErrorCode, code);
        DemoLab lab(Encoding::Json);
        const QString vin = arrange(lab);
        auto vehicle = Vehicle::Vehicle::open(lab.vehiclesDir(), vin, lab.fetcher(), {ServicesFetcher::base(), {}});
        QVERIFY(!vehicle);
        QCOMPARE(vehicle.error().code, code);
    }

    void showsItsEcus()
    {
        DemoLab lab(Encoding::Json);
        Vehicle::Vehicle &vehicle = lab.vehicle();
        QCOMPARE(vehicle.vin(), Demo::vin());
        QCOMPARE(vehicle.primarySerial(), Demo::primarySerial());
        const QList<Vehicle::SecondaryLink> links = vehicle.secondaries();
        QCOMPARE(links.size(), 2);
        QCOMPARE(links.at(0).serial, Demo::partialSerial());
        QCOMPARE(links.at(0).verification, Vehicle::Verification::Partial);
        QCOMPARE(links.at(1).serial, Demo::secondarySerial());
        QCOMPARE(links.at(1).verification, Vehicle::Verification::Full);
        QVERIFY(vehicle.secondary(Demo::secondarySerial()));
        QVERIFY(!vehicle.secondary(Demo::primarySerial()));
        QCOMPARE(vehicle.store(Demo::primarySerial())->config().primary, true);
        QVERIFY(!vehicle.store(u"ghost"_s));
        QCOMPARE(vehicle.bus().vin(), Demo::vin());
    }

    // Cycle numbers go on from the committed count, also after a reopen; outcomes come
    // Primary first, then the Secondaries by serial.
    void cyclesGoOn()
    {
        DemoLab lab(Encoding::Json);
        Vehicle::CycleResult result = lab.cycle();
        QCOMPARE(result.cycle, qint64(1));
        QCOMPARE(result.outcomes.size(), 3);
        QCOMPARE(result.outcomes.at(0).serial, Demo::primarySerial());
        QCOMPARE(result.outcomes.at(1).serial, Demo::partialSerial());
        QCOMPARE(result.outcomes.at(2).serial, Demo::secondarySerial());
        for (const Vehicle::EcuOutcome &outcome : result.outcomes)
            QCOMPARE(outcome.cycle, qint64(1));
        QCOMPARE(lab.cycle().cycle, qint64(2));
        QCOMPARE(lab.vehicle().store(Demo::primarySerial())->state().cycles, qint64(2));
        lab.reopenVehicle();
        QCOMPARE(lab.cycle().cycle, qint64(3));
        QVERIFY(!result.outcome(u"ghost"_s));
    }
};

QTEST_GUILESS_MAIN(TestVehicle)
#include "tst_vehicle.moc"
