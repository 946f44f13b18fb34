// The Director's checks of Vehicle Version Manifests (Uptane Standard §5.3.2) as pure logic:
// every rejection with its code, in both encodings and with every key type for the ECUs, the
// order of the checks in the report, and the records an accepted manifest produces.

#include "services/manifestverifier.h"
#include "vehiclefixture.h"

#include <QSet>
#include <QTest>

using namespace Uptane;
using namespace Uptane::Services;
using namespace Uptane::Test;
using namespace Qt::StringLiterals;

namespace {

const QDateTime kNow = QDateTime::fromSecsSinceEpoch(1'800'000'000, Qt::UTC);
constexpr qint64 kUsedBase = 100;

struct FakeInventory
{
    QMap<QString, VehicleInventory> vehicles;
    QSet<QString> nonces;  // "vin/serial/nonce"
    int nonceLookups = 0;

    VehicleLookup lookup() const
    {
        return [this](const QString &vin) -> Result<std::optional<VehicleInventory>> {
            if (!vehicles.contains(vin))
                return std::optional<VehicleInventory>();
            return std::optional<VehicleInventory>(vehicles.value(vin));
        };
    }
    NonceLookup nonceLookup()
    {
        return [this](const QString &vin, const QString &serial, qint64 nonce) -> Result<bool> {
            ++nonceLookups;
            return nonces.contains(u"%1/%2/%3"_s.arg(vin, serial).arg(nonce));
        };
    }
    void add(const TestVehicle &vehicle)
    {
        vehicles.insert(vehicle.vin, {vehicle.record(kNow), vehicle.ecuRecords()});
    }
};

} // namespace

class TestManifestVerifier : public QObject
{
    Q_OBJECT
private:
    TestKeys m_keys;

    static void addEncodingAndKeyRows()
    {
        QTest::addColumn<Metadata::Encoding>("encoding");
        QTest::addColumn<Crypto::KeyType>("keyType");
        for (auto encoding : {Metadata::Encoding::Json, Metadata::Encoding::Der}) {
            for (auto type : {Crypto::KeyType::Ed25519, Crypto::KeyType::Ecdsa, Crypto::KeyType::Rsa}) {
                QTest::addRow("%s/%s", qPrintable(Metadata::encodingName(encoding)),
                              qPrintable(Crypto::keyTypeName(type)))
                    << encoding << type;
            }
        }
    }
    // The Primary always ed25519, the Secondaries and the stranger of keyType.
    TestVehicle vehicle(Crypto::KeyType keyType) const
    {
        const QList<Crypto::PrivateKey> secondaries = m_keys.value(keyType);
        return makeVehicle(u"democar"_s, {m_keys.value(Crypto::KeyType::Ed25519).last(), secondaries.at(0),
                                          secondaries.at(1)});
    }
    Crypto::PrivateKey stranger(Crypto::KeyType keyType) const { return m_keys.value(keyType).at(2); }

private slots:
    void initTestCase() { m_keys = generateKeys(4); }

    void acceptsAGoodManifest_data() { addEncodingAndKeyRows(); }
    void acceptsAGoodManifest()
    {
        QFETCH(Metadata::Encoding, encoding);
        QFETCH(Crypto::KeyType, keyType);
        const TestVehicle car = vehicle(keyType);
        FakeInventory inventory;
        inventory.add(car);

        Metadata::VehicleManifest body = vehicleManifestBody(car, encoding, 1, kNow);
        const TestEcu &secondary = car.ecus.at(1);
        body.ecuManifests.insert(secondary.serial,
                                 {signEcu(ecuManifest(secondary.serial, 50, kNow), encoding, secondary.key),
                                  signEcu(ecuManifest(secondary.serial, 51, kNow, u"image hash mismatch"_s),
                                          encoding, secondary.key)});
        body.attacksDetected = u"Director timestamp replayed"_s;
        const QByteArray bytes = serializeVehicleManifest(body, encoding, car.primary().key);

        Verify::VerificationReport report;
        auto verified = verifyVehicleManifest(bytes, {encoding, car.vin}, inventory.lookup(),
                                              inventory.nonceLookup(), &report);
        QVERIFY2(verified, qPrintable(verified ? QString() : verified.error().toString()));
        QVERIFY2(report.allPassed(), qPrintable(report.toText()));
        QCOMPARE(report.checks().first().step, u"Uptane 5.3.2"_s);
        QCOMPARE(verified->reports.size(), 4);  // Primary, 2 from the first Secondary, the second
        QCOMPARE(inventory.nonceLookups, 4);

        const AcceptedManifest records = acceptedRecords(*verified, bytes, encoding, kNow);
        QCOMPARE(records.manifest.bytes, bytes);
        QCOMPARE(records.manifest.vin, car.vin);
        QCOMPARE(records.manifest.encoding, encoding);
        QCOMPARE(records.installed.size(), 3);  // one per ECU, the last report
        for (const InstalledRecord &installed : records.installed) {
            QCOMPARE(installed.vin, car.vin);
            QCOMPARE(installed.image.path, QString(installed.ecuSerial + u"-firmware.img"));
            QVERIFY(installed.image.hashes.contains(u"sha512"_s));
        }
        QCOMPARE(records.nonces.size(), 4);
        QCOMPARE(records.attacks.size(), 2);
        QCOMPARE(records.attacks.at(0).ecuSerial, secondary.serial);
        QCOMPARE(records.attacks.at(0).text, u"image hash mismatch"_s);
        QCOMPARE(records.attacks.at(1).ecuSerial, car.primary().serial);  // the vehicle-level report
        QCOMPARE(records.attacks.at(1).text, u"Director timestamp replayed"_s);
    }

    void acceptsAVehicleWhereSomeEcusDoNotReport()
    {
        const TestVehicle car = vehicle(Crypto::KeyType::Ed25519);
        FakeInventory inventory;
        inventory.add(car);
        Metadata::VehicleManifest body = vehicleManifestBody(car, Metadata::Encoding::Json, 1, kNow);
        body.ecuManifests.remove(car.ecus.at(2).serial);
        const QByteArray bytes = serializeVehicleManifest(body, Metadata::Encoding::Json, car.primary().key);
        auto verified = verifyVehicleManifest(bytes, {}, inventory.lookup(), inventory.nonceLookup());
        QVERIFY(verified);
        QCOMPARE(verified->reports.size(), 2);
    }

    void rejects_data()
    {
        QTest::addColumn<Metadata::Encoding>("encoding");
        QTest::addColumn<Crypto::KeyType>("keyType");
        QTest::addColumn<int>("row");
        const QList<RejectionCase> cases = rejectionCases();
        for (auto encoding : {Metadata::Encoding::Json, Metadata::Encoding::Der}) {
            for (auto type : {Crypto::KeyType::Ed25519, Crypto::KeyType::Ecdsa, Crypto::KeyType::Rsa}) {
                for (int i = 0; i < cases.size(); ++i) {
                    QTest::addRow("%s/%s: %s", qPrintable(Metadata::encodingName(encoding)),
                                  qPrintable(Crypto::keyTypeName(type)), cases.at(i).name)
                        << encoding << type << i;
                }
            }
        }
    }
    void rejects()
    {
        QFETCH(Metadata::Encoding, encoding);
        QFETCH(Crypto::KeyType, keyType);
        QFETCH(int, row);
        const RejectionCase rejection = rejectionCases().at(row);
        const TestVehicle car = vehicle(keyType);
        FakeInventory inventory;
        inventory.add(car);
        for (qsizetype i = 0; i < car.ecus.size(); ++i)
            inventory.nonces.insert(u"%1/%2/%3"_s.arg(car.vin, car.ecus.at(i).serial).arg(kUsedBase + i));

        const QByteArray bytes = rejection.build(car, encoding, stranger(keyType), kUsedBase, kNow);
        const QString postedFor = rejection.postedFor.isEmpty() ? car.vin : rejection.postedFor;
        Verify::VerificationReport report;
        auto verified = verifyVehicleManifest(bytes, {encoding, postedFor}, inventory.lookup(),
                                              inventory.nonceLookup(), &report);
        QVERIFY(!verified);
        QCOMPARE(verified.error().code, expectedCode(rejection, encoding));
        // The report ends with the failed check, carrying the same code.
        QVERIFY(!report.checks().isEmpty());
        QVERIFY(!report.checks().last().passed);
        QCOMPARE(report.checks().last().error->code, verified.error().code);
    }

    void rejectsTheOtherEncoding_data()
    {
        QTest::addColumn<Metadata::Encoding>("written");
        QTest::addColumn<Metadata::Encoding>("expected");
        QTest::addColumn<ErrorCode>("code");
        QTest::newRow("DER to a JSON Director") << Metadata::Encoding::Der << Metadata::Encoding::Json << ErrorCode::MalformedJson;
        QTest::newRow("JSON to a DER Director") << Metadata::Encoding::Json << Metadata::Encoding::Der << ErrorCode::MalformedDer;
    }
    void rejectsTheOtherEncoding()
    {
        QFETCH(Metadata::Encoding, written);
        QFETCH(Metadata::Encoding, expected);
        QFETCH(ErrorCode, code);
        const TestVehicle car = vehicle(Crypto::KeyType::Ed25519);
        FakeInventory inventory;
        inventory.add(car);
        const QByteArray bytes = serializeVehicleManifest(vehicleManifestBody(car, written, 1, kNow), written,
                                                          car.primary().key);
        auto verified = verifyVehicleManifest(bytes, {expected, {}}, inventory.lookup(), inventory.nonceLookup());
        QCOMPARE(verified.error().code, code);
    }

    void wrongMessageType()
    {
        // A signed ECU manifest is not a vehicle manifest, even when the Primary signed it.
        const TestVehicle car = vehicle(Crypto::KeyType::Ed25519);
        FakeInventory inventory;
        inventory.add(car);
        auto bytes = Metadata::signAndSerialize(ecuManifest(car.primary().serial, 1, kNow), Metadata::Encoding::Json,
                                                {car.primary().key});
        QVERIFY(bytes);
        auto verified = verifyVehicleManifest(*bytes, {}, inventory.lookup(), inventory.nonceLookup());
        QCOMPARE(verified.error().code, ErrorCode::WrongType);
    }

    void inventoryErrorsPassThrough()
    {
        const TestVehicle car = vehicle(Crypto::KeyType::Ed25519);
        const QByteArray bytes = serializeVehicleManifest(vehicleManifestBody(car, Metadata::Encoding::Json, 1, kNow),
                                                          Metadata::Encoding::Json, car.primary().key);
        VehicleLookup broken = [](const QString &) -> Result<std::optional<VehicleInventory>> {
            return fail(ErrorCode::IoError, u"disk gone"_s);
        };
        FakeInventory inventory;
        QCOMPARE(verifyVehicleManifest(bytes, {}, broken, inventory.nonceLookup()).error().code, ErrorCode::IoError);

        inventory.add(car);
        NonceLookup brokenNonces = [](const QString &, const QString &, qint64) -> Result<bool> {
            return fail(ErrorCode::IoError, u"disk gone"_s);
        };
        QCOMPARE(verifyVehicleManifest(bytes, {}, inventory.lookup(), brokenNonces).error().code, ErrorCode::IoError);
    }

    void checksRunInOrder()
    {
        // A manifest wrong in every way fails on the first check that looks: the Primary's
        // signature comes before anything it covers is trusted.
        const TestVehicle car = vehicle(Crypto::KeyType::Ed25519);
        FakeInventory inventory;
        inventory.add(car);
        Metadata::VehicleManifest body = vehicleManifestBody(car, Metadata::Encoding::Json, 1, kNow);
        body.primaryEcuSerial = u"GHOST"_s;
        body.ecuManifests.insert(u"GHOSTECU"_s, {signEcu(ecuManifest(u"GHOSTECU"_s, 1, kNow), Metadata::Encoding::Json,
                                                          stranger(Crypto::KeyType::Ed25519))});
        const QByteArray bytes = serializeVehicleManifest(body, Metadata::Encoding::Json, car.ecus.at(1).key);
        Verify::VerificationReport report;
        auto verified = verifyVehicleManifest(bytes, {}, inventory.lookup(), inventory.nonceLookup(), &report);
        QCOMPARE(verified.error().code, ErrorCode::ThresholdNotMet);
        QCOMPARE(report.checks().size(), 3);  // parses, vehicle known, Primary signature
        QCOMPARE(inventory.nonceLookups, 0);
    }
};

QTEST_GUILESS_MAIN(TestManifestVerifier)
#include "tst_manifestverifier.moc"
