// The Director's inventory (Uptane Standard §5.3.2) in SQLite: schema versioning and
// migration from an empty file, refusing damaged, foreign and newer files without touching
// them, vehicle/ECU/assignment records with every key type, and the all-or-nothing write of
// an accepted manifest.

#include "services/inventory.h"
#include "vehiclefixture.h"

#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Uptane;
using namespace Uptane::Services;
using namespace Uptane::Test;
using namespace Qt::StringLiterals;

namespace {

const QDateTime kNow = QDateTime::fromSecsSinceEpoch(1'800'000'000, Qt::UTC);

QByteArray fileBytes(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

// Runs SQL on a file through a throw-away connection (to fabricate foreign or newer files).
void runSql(const QString &path, const QStringList &statements)
{
    const QString name = u"fabricate"_s;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(path);
        QVERIFY(db.open());
        for (const QString &statement : statements) {
            QSqlQuery query(db);
            QVERIFY2(query.exec(statement), qPrintable(statement));
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
}

} // namespace

class TestInventory : public QObject
{
    Q_OBJECT
private:
    TestKeys m_keys;
    std::unique_ptr<QTemporaryDir> m_dir;

    QString dbPath() const { return m_dir->filePath(u"director/inventory.sqlite"_s); }
    TestVehicle vehicle(const QString &vin, Crypto::KeyType type = Crypto::KeyType::Ed25519) const
    {
        return makeVehicle(vin, m_keys.value(type).mid(0, 3));
    }
    std::unique_ptr<Inventory> openInventory()
    {
        auto inventory = Inventory::open(dbPath());
        if (!inventory)
            qFatal("open: %s", qPrintable(inventory.error().toString()));
        return std::move(*inventory);
    }

private slots:
    void initTestCase() { m_keys = generateKeys(3); }
    void init() { m_dir = std::make_unique<QTemporaryDir>(); }

    void createsSchemaInNewFile()
    {
        auto inventory = openInventory();
        QCOMPARE(*inventory->schemaVersion(), Inventory::kSchemaVersion);
        QVERIFY(QFile::exists(dbPath()));
        const QStringList dump = dumpDatabase(dbPath());
        for (const char *table : {"vehicles", "ecus", "assignments", "manifests", "installed", "attacks", "nonces"})
            QVERIFY2(dump.contains(u"%1: 0 rows"_s.arg(QLatin1StringView(table))), table);
        QVERIFY(dump.contains(u"user_version=%1"_s.arg(Inventory::kSchemaVersion)));
    }

    void migratesAnEmptyFileFromVersionZero()
    {
        QDir().mkpath(QFileInfo(dbPath()).absolutePath());
        QFile empty(dbPath());
        QVERIFY(empty.open(QIODevice::WriteOnly));
        empty.close();
        auto inventory = openInventory();
        QCOMPARE(*inventory->schemaVersion(), Inventory::kSchemaVersion);
    }

    void reopeningKeepsRecords()
    {
        const TestVehicle car = vehicle(u"democar"_s);
        {
            auto inventory = openInventory();
            QVERIFY(inventory->addVehicle(car.record(kNow), car.ecuRecords()));
        }
        auto inventory = openInventory();
        QCOMPARE(inventory->vehicle(car.vin)->primarySerial, car.primary().serial);
        QCOMPARE(inventory->ecus(car.vin)->size(), car.ecus.size());
    }

    void twoInstancesOnOneThread()
    {
        auto first = openInventory();
        auto second = openInventory();
        const TestVehicle car = vehicle(u"democar"_s);
        QVERIFY(first->addVehicle(car.record(kNow), car.ecuRecords()));
        QCOMPARE(second->vehicles()->size(), 1);
    }

    void refusesFilesItCannotUse_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<ErrorCode>("code");
        QTest::newRow("garbage") << 0 << ErrorCode::IoError;
        QTest::newRow("damaged page") << 1 << ErrorCode::IoError;
        QTest::newRow("newer schema") << 2 << ErrorCode::Unsupported;
        QTest::newRow("another application's database") << 3 << ErrorCode::Unsupported;
        QTest::newRow("a directory") << 4 << ErrorCode::IoError;
    }
    void refusesFilesItCannotUse()
    {
        QFETCH(int, kind);
        QFETCH(ErrorCode, code);
        QDir().mkpath(QFileInfo(dbPath()).absolutePath());
        switch (kind) {
        case 0: {
            QFile file(dbPath());
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(QByteArray(4096, 'x'));
            break;
        }
        case 1: {
            // A real inventory whose second half is overwritten: the header still reads.
            { auto inventory = openInventory(); const TestVehicle car = vehicle(u"democar"_s);
              QVERIFY(inventory->addVehicle(car.record(kNow), car.ecuRecords())); }
            runSql(dbPath(), {u"PRAGMA journal_mode=DELETE"_s});
            QByteArray bytes = fileBytes(dbPath());
            QVERIFY(bytes.size() > 8192);
            for (qsizetype i = 4096; i < bytes.size(); ++i)
                bytes[i] = char(0xA5);
            QFile file(dbPath());
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(bytes);
            break;
        }
        case 2:
            runSql(dbPath(), {u"CREATE TABLE future (x)"_s,
                              u"PRAGMA application_id = %1"_s.arg(Inventory::kApplicationId),
                              u"PRAGMA user_version = %1"_s.arg(Inventory::kSchemaVersion + 1)});
            break;
        case 3:
            runSql(dbPath(), {u"CREATE TABLE photos (id INTEGER PRIMARY KEY, data BLOB)"_s,
                              u"INSERT INTO photos (data) VALUES (x'0102')"_s});
            break;
        case 4:
            QVERIFY(QDir().mkpath(dbPath()));
            break;
        }
        const QByteArray before = fileBytes(dbPath());
        auto inventory = Inventory::open(dbPath());
        QVERIFY(!inventory);
        QCOMPARE(inventory.error().code, code);
        QCOMPARE(fileBytes(dbPath()), before);  // not overwritten, not migrated
    }

    void vehicleRecords_data()
    {
        QTest::addColumn<Crypto::KeyType>("keyType");
        QTest::newRow("ed25519") << Crypto::KeyType::Ed25519;
        QTest::newRow("ecdsa") << Crypto::KeyType::Ecdsa;
        QTest::newRow("rsa") << Crypto::KeyType::Rsa;
    }
    void vehicleRecords()
    {
        QFETCH(Crypto::KeyType, keyType);
        auto inventory = openInventory();
        const TestVehicle car = vehicle(u"democar"_s, keyType);
        QVERIFY(inventory->addVehicle(car.record(kNow), car.ecuRecords()));

        const VehicleRecord stored = *inventory->vehicle(car.vin);
        QCOMPARE(stored.vin, car.vin);
        QCOMPARE(stored.primarySerial, car.primary().serial);
        QCOMPARE(stored.created, kNow);

        const QList<EcuRecord> ecus = *inventory->ecus(car.vin);
        QCOMPARE(ecus.size(), 3);
        QVERIFY(ecus.first().isPrimary);  // Primary first
        for (const EcuRecord &ecu : ecus) {
            const TestEcu &expected = car.ecu(ecu.serial);
            QCOMPARE(ecu.vin, car.vin);
            QCOMPARE(ecu.hardwareId, expected.hardwareId);
            QVERIFY(ecu.key == expected.key.publicKey());
            QCOMPARE(ecu.key.type(), keyType);
            QCOMPARE(ecu.keyid, Metadata::computeKeyId(expected.key.publicKey()));
            QCOMPARE(ecu.isPrimary, expected.primary);
            QCOMPARE(inventory->ecu(car.vin, ecu.serial)->keyid, ecu.keyid);
        }
    }

    void lookupsOfUnknownRecords()
    {
        auto inventory = openInventory();
        const TestVehicle car = vehicle(u"democar"_s);
        QVERIFY(inventory->addVehicle(car.record(kNow), car.ecuRecords()));
        QCOMPARE(inventory->vehicle(u"ghostcar"_s).error().code, ErrorCode::NotFound);
        QCOMPARE(inventory->ecu(car.vin, u"GHOST"_s).error().code, ErrorCode::UnknownEcu);
        // An ECU of another vehicle is unknown in this one.
        const TestVehicle other = makeVehicle(u"othercar"_s, m_keys.value(Crypto::KeyType::Ecdsa).mid(0, 2));
        QVERIFY(inventory->addVehicle(other.record(kNow), other.ecuRecords()));
        QCOMPARE(inventory->ecu(car.vin, other.ecus.at(1).serial).error().code, ErrorCode::UnknownEcu);
        QVERIFY(inventory->ecus(u"ghostcar"_s)->isEmpty());
        QCOMPARE(inventory->vehicles()->size(), 2);
    }

    void refusesInconsistentVehicles_data()
    {
        QTest::addColumn<int>("mutation");
        QTest::newRow("no Primary") << 0;
        QTest::newRow("two Primaries") << 1;
        QTest::newRow("repeated serial") << 2;
        QTest::newRow("ECU of another VIN") << 3;
        QTest::newRow("null key") << 4;
        QTest::newRow("Primary serial differs") << 5;
        QTest::newRow("vehicle exists") << 6;
        QTest::newRow("empty VIN") << 7;
        QTest::newRow("two ECUs with one key") << 8;
    }
    void refusesInconsistentVehicles()
    {
        QFETCH(int, mutation);
        auto inventory = openInventory();
        const TestVehicle car = vehicle(u"democar"_s);
        VehicleRecord record = car.record(kNow);
        QList<EcuRecord> ecus = car.ecuRecords();
        switch (mutation) {
        case 0: ecus[0].isPrimary = false; break;
        case 1: ecus[1].isPrimary = true; break;
        case 2: ecus[2].serial = ecus[1].serial; break;
        case 3: ecus[1].vin = u"othercar"_s; break;
        case 4: ecus[1].key = Crypto::PublicKey(); break;
        case 5: record.primarySerial = ecus[1].serial; break;
        case 6: QVERIFY(inventory->addVehicle(record, ecus)); break;
        case 7: record.vin.clear(); break;
        case 8: ecus[2].key = ecus[1].key; break;
        }
        const QStringList before = dumpDatabase(dbPath());
        auto added = inventory->addVehicle(record, ecus);
        QVERIFY(!added);
        QCOMPARE(added.error().code, ErrorCode::InvalidArgument);
        QCOMPARE(dumpDatabase(dbPath()), before);
    }

    void assignments()
    {
        auto inventory = openInventory();
        const TestVehicle car = vehicle(u"democar"_s);
        QVERIFY(inventory->addVehicle(car.record(kNow), car.ecuRecords()));
        const QString serial = car.ecus.at(1).serial;

        Metadata::TargetFile target = imageFile(u"firmware.img"_s, "v1");
        target.releaseCounter = 3;
        target.hardwareId = car.ecus.at(1).hardwareId;
        QVERIFY(inventory->assign({car.vin, serial, target, kNow}));
        QList<AssignmentRecord> stored = *inventory->assignments(car.vin);
        QCOMPARE(stored.size(), 1);
        QCOMPARE(stored.first().ecuSerial, serial);
        QCOMPARE(stored.first().target.path, target.path);
        QCOMPARE(stored.first().target.length, target.length);
        QCOMPARE(stored.first().target.hashes, target.hashes);
        QCOMPARE(stored.first().target.releaseCounter, std::optional<qint64>(3));
        QCOMPARE(stored.first().target.hardwareId, target.hardwareId);
        QCOMPARE(stored.first().assignedAt, kNow);

        // A new assignment replaces the ECU's previous one.
        Metadata::TargetFile next = imageFile(u"firmware-2.img"_s, "v2");
        QVERIFY(inventory->assign({car.vin, serial, next, kNow.addSecs(5)}));
        stored = *inventory->assignments(car.vin);
        QCOMPARE(stored.size(), 1);
        QCOMPARE(stored.first().target.path, next.path);
        QVERIFY(!stored.first().target.releaseCounter);

        QVERIFY(inventory->unassign(car.vin, serial));
        QVERIFY(inventory->assignments(car.vin)->isEmpty());
        QVERIFY(inventory->unassign(car.vin, serial));  // nothing to remove: fine
    }

    void assignmentErrors_data()
    {
        QTest::addColumn<QString>("vin");
        QTest::addColumn<QString>("serial");
        QTest::addColumn<bool>("withHashes");
        QTest::addColumn<ErrorCode>("code");
        QTest::newRow("unknown ECU") << u"democar"_s << u"GHOST"_s << true << ErrorCode::UnknownEcu;
        QTest::newRow("unknown vehicle") << u"ghostcar"_s << u"INFOdemocar"_s << true << ErrorCode::UnknownEcu;
        QTest::newRow("no hashes") << u"democar"_s << u"INFOdemocar"_s << false << ErrorCode::InvalidArgument;
    }
    void assignmentErrors()
    {
        QFETCH(QString, vin);
        QFETCH(QString, serial);
        QFETCH(bool, withHashes);
        QFETCH(ErrorCode, code);
        auto inventory = openInventory();
        const TestVehicle car = vehicle(u"democar"_s);
        QVERIFY(inventory->addVehicle(car.record(kNow), car.ecuRecords()));
        Metadata::TargetFile target = imageFile(u"firmware.img"_s, "v1");
        if (!withHashes)
            target.hashes.clear();
        const QStringList before = dumpDatabase(dbPath());
        QCOMPARE(inventory->assign({vin, serial, target, kNow}).error().code, code);
        if (code == ErrorCode::InvalidArgument)
            QVERIFY(inventory->unassign(vin, serial));  // the ECU exists: nothing to remove
        else
            QCOMPARE(inventory->unassign(vin, serial).error().code, code);
        QCOMPARE(dumpDatabase(dbPath()), before);
    }

    void recordsAcceptedManifests()
    {
        auto inventory = openInventory();
        const TestVehicle car = vehicle(u"democar"_s);
        QVERIFY(inventory->addVehicle(car.record(kNow), car.ecuRecords()));
        const QString primary = car.primary().serial, secondary = car.ecus.at(1).serial;

        AcceptedManifest accepted;
        accepted.manifest = {0, kNow, car.vin, "manifest bytes \x00\x01", Metadata::Encoding::Der, u"accepted"_s, {}};
        accepted.installed = {{car.vin, secondary, imageFile(u"a.img"_s, "a"), kNow, 0}};
        accepted.attacks = {{car.vin, secondary, u"bad hash on a.img"_s, kNow, 0}};
        accepted.nonces = {{car.vin, primary, 10}, {car.vin, secondary, 11}};
        auto recorded = inventory->recordManifest(accepted);
        QVERIFY2(recorded, qPrintable(recorded ? QString() : recorded.error().toString()));
        const qint64 id = *recorded;
        QVERIFY(id > 0);

        const QList<ManifestRecord> manifests = *inventory->manifests(car.vin);
        QCOMPARE(manifests.size(), 1);
        QCOMPARE(manifests.first().id, id);
        QCOMPARE(manifests.first().bytes, accepted.manifest.bytes);
        QCOMPARE(manifests.first().encoding, Metadata::Encoding::Der);
        QCOMPARE(manifests.first().receivedAt, kNow);
        QCOMPARE(manifests.first().verdict, u"accepted"_s);
        const QList<InstalledRecord> installed = *inventory->installed(car.vin);
        QCOMPARE(installed.size(), 1);
        QCOMPARE(installed.first().image.path, u"a.img"_s);
        QCOMPARE(installed.first().image.hashes, accepted.installed.first().image.hashes);
        QCOMPARE(installed.first().manifestId, id);
        const QList<AttackRecord> attacks = *inventory->attacks(car.vin);
        QCOMPARE(attacks.size(), 1);
        QCOMPARE(attacks.first().text, u"bad hash on a.img"_s);
        QCOMPARE(attacks.first().manifestId, id);
        QVERIFY(*inventory->nonceSeen(car.vin, secondary, 11));
        QVERIFY(!*inventory->nonceSeen(car.vin, secondary, 10));
        QVERIFY(!*inventory->nonceSeen(u"othercar"_s, secondary, 11));

        // The next report replaces what is installed; attacks accumulate.
        accepted.installed.first().image = imageFile(u"b.img"_s, "b");
        accepted.nonces = {{car.vin, secondary, 12}};
        accepted.manifest.receivedAt = kNow.addSecs(60);
        auto recordedSecond = inventory->recordManifest(accepted);
        QVERIFY(recordedSecond);
        const qint64 second = *recordedSecond;
        QCOMPARE(inventory->installed(car.vin)->first().image.path, u"b.img"_s);
        QCOMPARE(inventory->attacks(car.vin)->size(), 2);
        QCOMPARE(inventory->manifests(car.vin)->first().id, second);  // newest first
        QCOMPARE(inventory->manifests(car.vin, 1)->size(), 1);
    }

    void manifestWriteIsAllOrNothing_data()
    {
        QTest::addColumn<int>("failure");
        QTest::addColumn<ErrorCode>("code");
        QTest::newRow("reused nonce") << 0 << ErrorCode::ReusedNonce;
        QTest::newRow("unknown vehicle") << 1 << ErrorCode::NotFound;
        QTest::newRow("installed on an unknown ECU") << 2 << ErrorCode::UnknownEcu;
        QTest::newRow("attack from an unknown ECU") << 3 << ErrorCode::UnknownEcu;
        QTest::newRow("nonce of an unknown ECU") << 4 << ErrorCode::UnknownEcu;
    }
    void manifestWriteIsAllOrNothing()
    {
        QFETCH(int, failure);
        QFETCH(ErrorCode, code);
        auto inventory = openInventory();
        const TestVehicle car = vehicle(u"democar"_s);
        QVERIFY(inventory->addVehicle(car.record(kNow), car.ecuRecords()));
        const QString secondary = car.ecus.at(1).serial;
        AcceptedManifest first;
        first.manifest = {0, kNow, car.vin, "first", Metadata::Encoding::Json, {}, {}};
        first.nonces = {{car.vin, secondary, 1}};
        QVERIFY(inventory->recordManifest(first));
        const QStringList before = dumpDatabase(dbPath());

        AcceptedManifest next;
        next.manifest = {0, kNow, car.vin, "next", Metadata::Encoding::Json, {}, {}};
        next.installed = {{car.vin, secondary, imageFile(u"a.img"_s, "a"), kNow, 0}};
        next.attacks = {{car.vin, secondary, u"attack"_s, kNow, 0}};
        next.nonces = {{car.vin, secondary, 2}};
        switch (failure) {
        case 0: next.nonces.append({car.vin, secondary, 1}); break;
        case 1: next.manifest.vin = u"ghostcar"_s; break;
        case 2: next.installed.append({car.vin, u"GHOST"_s, imageFile(u"b.img"_s, "b"), kNow, 0}); break;
        case 3: next.attacks.append({car.vin, u"GHOST"_s, u"x"_s, kNow, 0}); break;
        case 4: next.nonces.append({car.vin, u"GHOST"_s, 5}); break;
        }
        auto recorded = inventory->recordManifest(next);
        QVERIFY(!recorded);
        QCOMPARE(recorded.error().code, code);
        QCOMPARE(dumpDatabase(dbPath()), before);
    }
};

QTEST_GUILESS_MAIN(TestInventory)
#include "tst_inventory.moc"
