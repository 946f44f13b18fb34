// The Director (Uptane Standard §5.3.2): per-vehicle TUF repositories that the real client
// engine refreshes, Targets carrying ECU and hardware ids and naming the vehicle even when
// empty, assignments checked against the Image Repository, and Vehicle Version Manifests:
// every rejection with its code and the inventory unchanged (a dump of every table before
// and after), acceptance recording installed images and attacks. Both encodings.

#include "services/directorrepository.h"
#include "services/imagerepository.h"
#include "services/keyring.h"
#include "services/workspace.h"
#include "verify/directorchecks.h"
#include "repoclient.h"
#include "vehiclefixture.h"

#include <QDirIterator>
#include <map>
#include <QTemporaryDir>
#include <QTest>

using namespace Uptane;
using namespace Uptane::Services;
using namespace Uptane::Test;
using namespace Qt::StringLiterals;
using Metadata::Encoding;

namespace {

const QDateTime kNow = QDateTime::fromSecsSinceEpoch(1'800'000'000, Qt::UTC);
constexpr qint64 kUsedBase = 100;

// A workspace with an Image Repository holding two images (one delegated to supplier-acme)
// and a Director; the vehicle is registered by register().
struct DirectorFixture
{
    DirectorFixture(Encoding encoding, TestVehicle vehicle)
        : clock(kNow), car(std::move(vehicle))
    {
        workspace = *Workspace::open(dir.path(), encoding);
        keys = std::make_unique<KeyRing>(workspace->keysDir());
        images = std::move(*ImageRepository::open(*workspace, *keys, clock));
        firmware = *images->addImage(u"firmware.img"_s, "firmware v1", car.ecus.at(1).hardwareId, 1);
        acmeImage = *images->addImage(u"acme/tcu.img"_s, "acme tcu", u"acme-ecu"_s, 2);
        open();
    }

    void open()
    {
        director.reset();
        auto opened = DirectorRepository::open(*workspace, *keys, clock, *images);
        if (!opened)
            qFatal("director: %s", qPrintable(opened.error().toString()));
        director = std::move(*opened);
        director->setEventCallback([this](const LabEvent &event) { events.append(event); });
    }

    Result<void> registerVehicle()
    {
        QList<EcuRegistration> secondaries;
        for (const TestEcu &ecu : car.ecus.mid(1))
            secondaries.append({ecu.serial, ecu.hardwareId, ecu.key.publicKey()});
        const TestEcu &primary = car.primary();
        return director->registerVehicle(car.vin, {primary.serial, primary.hardwareId, primary.key.publicKey()},
                                         secondaries);
    }

    QString metadataDir() const { return *director->metadataDir(car.vin); }
    QStringList dump() const { return dumpDatabase(workspace->inventoryPath()); }
    // Every file of the vehicle's repository with its bytes.
    QMap<QString, QByteArray> files() const
    {
        QMap<QString, QByteArray> out;
        QDirIterator it(metadataDir(), QDir::Files);
        while (it.hasNext()) {
            QFile file(it.next());
            if (file.open(QIODevice::ReadOnly))
                out.insert(it.fileName(), file.readAll());
        }
        return out;
    }
    QList<LabEvent::Kind> eventKinds() const
    {
        QList<LabEvent::Kind> kinds;
        for (const LabEvent &event : events)
            kinds.append(event.kind);
        return kinds;
    }
    QByteArray goodManifest(qint64 nonceBase) const
    {
        return serializeVehicleManifest(vehicleManifestBody(car, workspace->encoding(), nonceBase, clock.now()),
                                        workspace->encoding(), car.primary().key);
    }

    QTemporaryDir dir;
    ManualClock clock;
    TestVehicle car;
    std::optional<Workspace> workspace;
    std::unique_ptr<KeyRing> keys;
    std::unique_ptr<ImageRepository> images;
    std::unique_ptr<DirectorRepository> director;
    Metadata::TargetFile firmware;
    Metadata::TargetFile acmeImage;
    QList<LabEvent> events;
};

} // namespace

class TestDirectorRepository : public QObject
{
    Q_OBJECT
private:
    TestKeys m_keys;
    std::map<std::pair<Encoding, Crypto::KeyType>, std::unique_ptr<DirectorFixture>> m_rejectionFixtures;

    // "democar": Primary ed25519, Secondaries of keyType; the second Secondary is an acme TCU.
    TestVehicle vehicle(Crypto::KeyType keyType = Crypto::KeyType::Ed25519) const
    {
        TestVehicle car = makeVehicle(u"democar"_s, {m_keys.value(Crypto::KeyType::Ed25519).at(3),
                                                     m_keys.value(keyType).at(0), m_keys.value(keyType).at(1)});
        car.ecus[2].hardwareId = u"acme-ecu"_s;
        return car;
    }
    std::unique_ptr<DirectorFixture> fixture(Encoding encoding, Crypto::KeyType keyType = Crypto::KeyType::Ed25519)
    {
        auto f = std::make_unique<DirectorFixture>(encoding, vehicle(keyType));
        if (auto registered = f->registerVehicle(); !registered)
            qFatal("register: %s", qPrintable(registered.error().toString()));
        f->events.clear();
        return f;
    }
    static void addEncodingRows()
    {
        QTest::addColumn<Encoding>("encoding");
        QTest::newRow("json") << Encoding::Json;
        QTest::newRow("der") << Encoding::Der;
    }

private slots:
    void initTestCase() { m_keys = generateKeys(4); }

    void registerCreatesARepositoryThatRefreshes_data() { addEncodingRows(); }
    void registerCreatesARepositoryThatRefreshes()
    {
        QFETCH(Encoding, encoding);
        auto f = fixture(encoding);
        QCOMPARE(f->director->vins(), QStringList{u"democar"_s});
        QCOMPARE(f->metadataDir(), QString(f->workspace->root() + u"/director/democar/metadata"));
        const QString ext = Metadata::fileExtension(encoding);
        for (const QString &name : {u"1.root."_s, u"timestamp."_s, u"1.targets."_s, u"1.snapshot."_s})
            QVERIFY2(f->files().contains(name + ext), qPrintable(name));
        // Its own keys; root offline.
        QVERIFY(QFileInfo::exists(f->workspace->offlineKeysDir() + u"/director-democar-root-1.pem"));
        QVERIFY(QFileInfo::exists(f->workspace->keysDir() + u"/director-democar-targets-1.pem"));
        QVERIFY(!QFileInfo::exists(f->workspace->keysDir() + u"/director-democar-root-1.pem"));

        RepoClient client(f->metadataDir(), {}, encoding);
        auto refreshed = client.refresh(kNow);
        QVERIFY2(refreshed, qPrintable(refreshed ? QString() : refreshed.error().toString()));
        const auto *targets = client.updater->trusted()->targets(u"targets"_s);
        QVERIFY(targets);
        // Uptane §5.2: an empty Director Targets still names the vehicle.
        QVERIFY(targets->body.targets.isEmpty());
        QCOMPARE(targets->body.vehicleId, std::optional<QString>(u"democar"_s));
        QVERIFY(Verify::checkDirectorTargets(targets->body, {{u"INFOdemocar"_s}, u"democar"_s}));
    }

    void registerErrors_data()
    {
        QTest::addColumn<QString>("vin");
        QTest::addColumn<QString>("serial");
        QTest::addColumn<ErrorCode>("code");
        QTest::newRow("VIN exists") << u"democar"_s << u"NEWPRIMARY"_s << ErrorCode::InvalidArgument;
        QTest::newRow("unsafe VIN") << u"../evil"_s << u"NEWPRIMARY"_s << ErrorCode::InvalidArgument;
        QTest::newRow("unsafe serial") << u"newcar"_s << u"a/b"_s << ErrorCode::InvalidArgument;
        QTest::newRow("empty serial") << u"newcar"_s << QString() << ErrorCode::InvalidArgument;
    }
    void registerErrors()
    {
        QFETCH(QString, vin);
        QFETCH(QString, serial);
        QFETCH(ErrorCode, code);
        auto f = fixture(Encoding::Json);
        const QStringList before = f->dump();
        auto registered = f->director->registerVehicle(vin, {serial, u"hw"_s, f->car.primary().key.publicKey()}, {});
        QVERIFY(!registered);
        QCOMPARE(registered.error().code, code);
        QCOMPARE(f->dump(), before);
        QCOMPARE(f->director->vins(), QStringList{u"democar"_s});
    }

    void assignmentPublishesTargetsWithEcuAndHardwareIds_data() { addEncodingRows(); }
    void assignmentPublishesTargetsWithEcuAndHardwareIds()
    {
        QFETCH(Encoding, encoding);
        auto f = fixture(encoding);
        const TestEcu &ecu1 = f->car.ecus.at(1), &tcu = f->car.ecus.at(2);
        RepoClient client(f->metadataDir(), {}, encoding);
        QVERIFY(client.refresh(kNow));

        f->clock.advance(60);
        auto published = f->director->assign(f->car.vin, ecu1.serial, u"firmware.img"_s);
        QVERIFY2(published, qPrintable(published ? QString() : published.error().toString()));
        QCOMPARE(published->versions.value(u"targets"_s), 2);
        QVERIFY(f->director->assign(f->car.vin, tcu.serial, u"acme/tcu.img"_s));  // a delegated image
        QCOMPARE(f->eventKinds(), (QList<LabEvent::Kind>{LabEvent::Kind::MetadataPublished, LabEvent::Kind::ImageAssigned,
                                                          LabEvent::Kind::MetadataPublished, LabEvent::Kind::ImageAssigned}));
        QCOMPARE(f->events.at(0).from, u"director/democar"_s);
        QCOMPARE(f->events.at(1).from, u"director"_s);
        QCOMPARE(f->events.at(1).to, QString(u"democar/" + ecu1.serial));

        auto refreshed = client.refresh(f->clock.now());
        QVERIFY2(refreshed, qPrintable(refreshed ? QString() : refreshed.error().toString()));
        QCOMPARE(client.trustedVersion(u"targets"_s), 3);
        const Metadata::Targets &body = client.updater->trusted()->targets(u"targets"_s)->body;
        QCOMPARE(body.vehicleId, std::optional<QString>(u"democar"_s));
        QVERIFY(Verify::checkDirectorTargets(body, {{ecu1.serial, tcu.serial, f->car.primary().serial}, u"democar"_s}));

        auto target = client.updater->findTarget(u"firmware.img"_s);
        QVERIFY(target);
        QCOMPARE(target->ecuSerials, QStringList{ecu1.serial});
        QCOMPARE(target->hardwareId, std::optional<QString>(ecu1.hardwareId));
        QCOMPARE(target->releaseCounter, std::optional<qint64>(1));
        QCOMPARE(target->length, f->firmware.length);
        QCOMPARE(target->hashes, f->firmware.hashes);  // what the Primary cross-checks (§5.4.4.2 step 10)
        auto acme = client.updater->findTarget(u"acme/tcu.img"_s);
        QVERIFY(acme);
        QCOMPARE(acme->ecuSerials, QStringList{tcu.serial});
        QCOMPARE(acme->hashes, f->acmeImage.hashes);

        // The inventory says the same.
        const QList<AssignmentRecord> assignments = *f->director->inventory().assignments(f->car.vin);
        QCOMPARE(assignments.size(), 2);
        QCOMPARE(assignments.first().target.path, u"firmware.img"_s);
        QCOMPARE(assignments.first().assignedAt, f->clock.now());

        // Assigning it again changes nothing; unassigning publishes an empty Targets again.
        QVERIFY(f->director->assign(f->car.vin, ecu1.serial, u"firmware.img"_s)->isEmpty());
        QCOMPARE(f->director->unassign(f->car.vin, ecu1.serial)->versions.value(u"targets"_s), 4);
        QVERIFY(f->director->unassign(f->car.vin, tcu.serial));
        QVERIFY(client.refresh(f->clock.now()));
        const Metadata::Targets &empty = client.updater->trusted()->targets(u"targets"_s)->body;
        QVERIFY(empty.targets.isEmpty());
        QCOMPARE(empty.vehicleId, std::optional<QString>(u"democar"_s));
    }

    void registerAcmeCar(DirectorFixture &f)
    {
        const QList<Crypto::PrivateKey> &keys = m_keys.value(Crypto::KeyType::Ecdsa);
        QVERIFY(f.director->registerVehicle(u"acmecar"_s, {u"INFOacmecar"_s, u"infotainment"_s, keys.at(0).publicKey()},
                                            {{u"TCU1acmecar"_s, u"acme-ecu"_s, keys.at(1).publicKey()},
                                             {u"TCU2acmecar"_s, u"acme-ecu"_s, keys.at(2).publicKey()}}));
    }

    // Uptane lets one image go to several ECUs; the Director's Targets list them on one entry.
    void oneImageForTwoEcus_data() { addEncodingRows(); }
    void oneImageForTwoEcus()
    {
        QFETCH(Encoding, encoding);
        auto f = fixture(encoding);
        registerAcmeCar(*f);
        QVERIFY(f->director->assign(u"acmecar"_s, u"TCU2acmecar"_s, u"acme/tcu.img"_s));
        QVERIFY(f->director->assign(u"acmecar"_s, u"TCU1acmecar"_s, u"acme/tcu.img"_s));
        RepoClient client(*f->director->metadataDir(u"acmecar"_s), {}, encoding);
        QVERIFY(client.refresh(kNow));
        auto target = client.updater->findTarget(u"acme/tcu.img"_s);
        QVERIFY(target);
        QCOMPARE(target->ecuSerials, (QStringList{u"TCU1acmecar"_s, u"TCU2acmecar"_s}));
        QVERIFY(Verify::checkDirectorTargets(client.updater->trusted()->targets()->body,
                                             {{u"INFOacmecar"_s, u"TCU1acmecar"_s, u"TCU2acmecar"_s}, u"acmecar"_s}));
        QVERIFY(f->director->unassign(u"acmecar"_s, u"TCU1acmecar"_s));
        QVERIFY(client.refresh(kNow));
        QCOMPARE(client.updater->findTarget(u"acme/tcu.img"_s)->ecuSerials, QStringList{u"TCU2acmecar"_s});
    }

    void assignmentErrors_data()
    {
        QTest::addColumn<QString>("vin");
        QTest::addColumn<QString>("ecu");  // "1": the first Secondary, "2": the acme TCU
        QTest::addColumn<QString>("image");
        QTest::addColumn<ErrorCode>("code");
        QTest::newRow("unknown vehicle") << u"ghostcar"_s << u"1"_s << u"firmware.img"_s << ErrorCode::UnknownVehicle;
        QTest::newRow("unknown ECU") << u"democar"_s << u"GHOSTECU"_s << u"firmware.img"_s << ErrorCode::UnknownEcu;
        QTest::newRow("ECU of another vehicle") << u"democar"_s << u"ECU1othercar"_s << u"firmware.img"_s << ErrorCode::UnknownEcu;
        QTest::newRow("image not in the Image Repository") << u"democar"_s << u"1"_s << u"missing.img"_s << ErrorCode::TargetNotFound;
        QTest::newRow("hardware id mismatch") << u"democar"_s << u"1"_s << u"acme/tcu.img"_s << ErrorCode::HardwareIdMismatch;
        QTest::newRow("hardware id mismatch, other way") << u"democar"_s << u"2"_s << u"firmware.img"_s << ErrorCode::HardwareIdMismatch;
        QTest::newRow("one path, other bytes than another ECU's") << u"democar"_s << u"twice"_s << u"acme/tcu.img"_s
                                                                  << ErrorCode::InvalidArgument;
    }
    void assignmentErrors()
    {
        QFETCH(QString, vin);
        QFETCH(QString, ecu);
        QFETCH(QString, image);
        QFETCH(ErrorCode, code);
        auto f = fixture(Encoding::Json);
        QString serial = ecu;
        if (ecu == u"1" || ecu == u"2")
            serial = f->car.ecus.at(ecu.toInt()).serial;
        if (ecu == u"twice") {
            // Two acme TCUs: one target lists both, so they must get the same bytes. TCU1 holds
            // the first build of the path; the Image Repository now has another.
            registerAcmeCar(*f);
            QVERIFY(f->director->assign(u"acmecar"_s, u"TCU1acmecar"_s, image));
            QVERIFY(f->images->addImage(image, "acme tcu, rebuilt", u"acme-ecu"_s, 3));
            vin = u"acmecar"_s;
            serial = u"TCU2acmecar"_s;
        }
        f->events.clear();
        const QStringList before = f->dump();
        const QMap<QString, QByteArray> files = f->files();

        auto assigned = f->director->assign(vin, serial, image);
        QVERIFY(!assigned);
        QCOMPARE(assigned.error().code, code);
        QCOMPARE(f->dump(), before);
        QCOMPARE(f->files(), files);  // nothing published
        QVERIFY(f->events.isEmpty());
    }

    void acceptsAndRecordsManifests_data()
    {
        QTest::addColumn<Encoding>("encoding");
        QTest::addColumn<Crypto::KeyType>("keyType");
        for (auto encoding : {Encoding::Json, Encoding::Der}) {
            for (auto type : {Crypto::KeyType::Ed25519, Crypto::KeyType::Ecdsa, Crypto::KeyType::Rsa}) {
                QTest::addRow("%s/%s", qPrintable(Metadata::encodingName(encoding)), qPrintable(Crypto::keyTypeName(type)))
                    << encoding << type;
            }
        }
    }
    void acceptsAndRecordsManifests()
    {
        QFETCH(Encoding, encoding);
        QFETCH(Crypto::KeyType, keyType);
        auto f = fixture(encoding, keyType);
        const TestEcu &ecu1 = f->car.ecus.at(1);
        Metadata::VehicleManifest body = vehicleManifestBody(f->car, encoding, kUsedBase, kNow);
        Metadata::EcuManifest report = ecuManifest(ecu1.serial, kUsedBase + 1, kNow, u"HashMismatch on firmware.img"_s);
        report.installedImage = f->firmware;
        body.ecuManifests.insert(ecu1.serial, {signEcu(report, encoding, ecu1.key)});
        const QByteArray bytes = serializeVehicleManifest(body, encoding, f->car.primary().key);

        f->clock.advance(30);
        Verify::VerificationReport checks;
        auto receipt = f->director->receiveManifest(f->car.vin, bytes, &checks);
        QVERIFY2(receipt, qPrintable(receipt ? QString() : receipt.error().toString()));
        QVERIFY(checks.allPassed());
        QCOMPARE(receipt->vin, f->car.vin);
        QCOMPARE(receipt->reportingEcus.size(), 3);
        QCOMPARE(receipt->attacks.size(), 1);

        Inventory &inventory = f->director->inventory();
        const QList<ManifestRecord> manifests = *inventory.manifests(f->car.vin);
        QCOMPARE(manifests.size(), 1);
        QCOMPARE(manifests.first().id, receipt->manifestId);
        QCOMPARE(manifests.first().bytes, bytes);
        QCOMPARE(manifests.first().encoding, encoding);
        QCOMPARE(manifests.first().receivedAt, f->clock.now());
        const QList<InstalledRecord> installed = *inventory.installed(f->car.vin);
        QCOMPARE(installed.size(), 3);
        const auto firmware = std::ranges::find(installed, ecu1.serial, &InstalledRecord::ecuSerial);
        QVERIFY(firmware != installed.cend());
        QCOMPARE(firmware->image.path, u"firmware.img"_s);
        QCOMPARE(firmware->image.hashes, f->firmware.hashes);
        const QList<AttackRecord> attacks = *inventory.attacks(f->car.vin);
        QCOMPARE(attacks.size(), 1);
        QCOMPARE(attacks.first().ecuSerial, ecu1.serial);
        QCOMPARE(attacks.first().text, u"HashMismatch on firmware.img"_s);
        QVERIFY(*inventory.nonceSeen(f->car.vin, ecu1.serial, kUsedBase + 1));

        QCOMPARE(f->eventKinds(), QList<LabEvent::Kind>{LabEvent::Kind::ManifestAccepted});
        QCOMPARE(f->events.first().bytes, bytes);
        QVERIFY(!f->events.first().error);
    }

    void rejectsAndChangesNothing_data()
    {
        QTest::addColumn<Encoding>("encoding");
        QTest::addColumn<Crypto::KeyType>("keyType");
        QTest::addColumn<int>("row");
        const QList<RejectionCase> cases = rejectionCases();
        for (auto encoding : {Encoding::Json, Encoding::Der}) {
            for (auto type : {Crypto::KeyType::Ed25519, Crypto::KeyType::Ecdsa, Crypto::KeyType::Rsa}) {
                for (int i = 0; i < cases.size(); ++i) {
                    QTest::addRow("%s/%s: %s", qPrintable(Metadata::encodingName(encoding)),
                                  qPrintable(Crypto::keyTypeName(type)), cases.at(i).name)
                        << encoding << type << i;
                }
            }
        }
    }
    void rejectsAndChangesNothing()
    {
        QFETCH(Encoding, encoding);
        QFETCH(Crypto::KeyType, keyType);
        QFETCH(int, row);
        const RejectionCase rejection = rejectionCases().at(row);
        // One Director per encoding and key type for all rows: since a rejection changes
        // nothing, each row finds the state the first one did.
        std::unique_ptr<DirectorFixture> &f = m_rejectionFixtures[{encoding, keyType}];
        if (!f) {
            f = fixture(encoding, keyType);
            // A history to keep: an assignment and an accepted manifest (nonces kUsedBase + i).
            QVERIFY(f->director->assign(f->car.vin, f->car.ecus.at(1).serial, u"firmware.img"_s));
            QVERIFY(f->director->receiveManifest(f->car.vin, f->goodManifest(kUsedBase)));
        }
        f->events.clear();
        const QStringList before = f->dump();
        const QMap<QString, QByteArray> files = f->files();

        const QByteArray bytes = rejection.build(f->car, encoding, m_keys.value(keyType).at(2), kUsedBase, kNow);
        const QString postedFor = rejection.postedFor.isEmpty() ? f->car.vin : rejection.postedFor;
        auto receipt = f->director->receiveManifest(postedFor, bytes);
        QVERIFY(!receipt);
        QCOMPARE(receipt.error().code, expectedCode(rejection, encoding));
        QCOMPARE(f->dump(), before);  // every table, row for row
        QCOMPARE(f->files(), files);
        QCOMPARE(f->eventKinds(), QList<LabEvent::Kind>{LabEvent::Kind::ManifestRejected});
        QCOMPARE(f->events.first().error->code, receipt.error().code);
        QCOMPARE(f->events.first().bytes, bytes.left(kMaxEventBytes));
    }

    void reopeningKeepsEverything_data() { addEncodingRows(); }
    void reopeningKeepsEverything()
    {
        QFETCH(Encoding, encoding);
        auto f = fixture(encoding);
        QVERIFY(f->director->assign(f->car.vin, f->car.ecus.at(1).serial, u"firmware.img"_s));
        const QByteArray manifest = f->goodManifest(kUsedBase);
        QVERIFY(f->director->receiveManifest(f->car.vin, manifest));
        const QMap<QString, QByteArray> files = f->files();
        const QStringList dump = f->dump();

        f->events.clear();
        f->open();
        QCOMPARE(f->director->vins(), QStringList{u"democar"_s});
        QCOMPARE(f->files(), files);  // nothing to re-publish
        QCOMPARE(f->dump(), dump);
        QVERIFY(f->events.isEmpty());
        QCOMPARE(f->director->writer(u"democar"_s)->version(u"targets"_s), 2);
        QCOMPARE(f->director->receiveManifest(f->car.vin, manifest).error().code, ErrorCode::ReusedNonce);
        QVERIFY(f->director->receiveManifest(f->car.vin, f->goodManifest(kUsedBase + 10)));
    }

    void reopeningCatchesUpWithTheInventory()
    {
        // A crash between the inventory write and the publish: the next open publishes.
        auto f = fixture(Encoding::Json);
        AssignmentRecord assignment{f->car.vin, f->car.ecus.at(1).serial, f->firmware, kNow};
        QVERIFY(f->director->inventory().assign(assignment));
        QCOMPARE(f->director->writer(f->car.vin)->version(u"targets"_s), 1);
        f->open();
        QCOMPARE(f->director->writer(f->car.vin)->version(u"targets"_s), 2);
        QVERIFY(f->director->writer(f->car.vin)->targets()->targets.contains(u"firmware.img"_s));

        // ... and a vehicle whose repository was never created gets one.
        QDir(f->workspace->directorDir() + u"/democar"_s).removeRecursively();
        f->open();
        RepoClient client(f->metadataDir(), {}, Encoding::Json);
        QVERIFY(client.refresh(kNow));
        QVERIFY(client.updater->findTarget(u"firmware.img"_s));
    }

    void keyRotationIsFollowedByClients_data() { addEncodingRows(); }
    void keyRotationIsFollowedByClients()
    {
        QFETCH(Encoding, encoding);
        auto f = fixture(encoding);
        RepoClient client(f->metadataDir(), {}, encoding);
        QVERIFY(client.refresh(kNow));
        const QString oldTargetsKey = u"director-democar-targets-1"_s;
        QVERIFY(f->keys->contains(oldTargetsKey));

        for (const QString &role : {u"targets"_s, u"root"_s}) {
            auto rotated = f->director->rotateKeys(f->car.vin, role);
            QVERIFY2(rotated, qPrintable(rotated ? QString() : rotated.error().toString()));
        }
        QVERIFY(!f->keys->contains(oldTargetsKey));
        QVERIFY(f->keys->revokedNames().contains(oldTargetsKey));
        QVERIFY(f->director->assign(f->car.vin, f->car.ecus.at(1).serial, u"firmware.img"_s));
        auto refreshed = client.refresh(kNow);
        QVERIFY2(refreshed, qPrintable(refreshed ? QString() : refreshed.error().toString()));
        QCOMPARE(client.trustedVersion(u"root"_s), 3);
        QVERIFY(client.updater->findTarget(u"firmware.img"_s));

        QCOMPARE(f->director->rotateKeys(f->car.vin, u"supplier-acme"_s).error().code, ErrorCode::MissingRole);
        QCOMPARE(f->director->rotateKeys(u"ghostcar"_s, u"targets"_s).error().code, ErrorCode::UnknownVehicle);
    }

    void cleanupTestCase()
    {
        m_rejectionFixtures.clear();  // inventories close before Qt Sql goes away
    }

    void refreshExpiryKeepsRepositoriesFresh()
    {
        auto f = fixture(Encoding::Json);
        f->clock.advance(2 * 86400);  // past the 1-day timestamp
        RepoClient client(f->metadataDir(), {}, Encoding::Json);
        QCOMPARE(client.refresh(f->clock.now()).error().code, ErrorCode::Expired);
        auto refreshed = f->director->refreshExpiry();
        QVERIFY(refreshed);
        QCOMPARE(refreshed->size(), 1);
        QVERIFY(refreshed->first().versions.contains(u"timestamp"_s));
        QVERIFY(client.refresh(f->clock.now()));
    }
};

QTEST_GUILESS_MAIN(TestDirectorRepository)
#include "tst_directorrepository.moc"
