// OemServices: the demo fleet on a new workspace in both encodings (images, supplier
// delegation, vehicle, ECU keys, assignments, metadata a real client accepts); reopening
// keeps every key, version and record; an interrupted creation completes and the user's
// later changes are never undone; republish and expiry refresh; the HTTP handlers.

#include "metadata/codec.h"
#include "demofleet.h"
#include "repoclient.h"
#include "services/oemservices.h"

#include <QDirIterator>
#include <QTemporaryDir>
#include <QTest>

using namespace Uptane;
using namespace Uptane::Services;
using namespace Uptane::Test;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(Uptane::Metadata::Encoding)

namespace {

const QDateTime kStart = QDateTime::fromSecsSinceEpoch(1'800'000'000, Qt::UTC);

// Every file of the workspace but the inventory's (compared through dumpDatabase), as
// "relative path" -> bytes.
QMap<QString, QByteArray> workspaceFiles(const QString &root)
{
    QMap<QString, QByteArray> files;
    QDirIterator it(root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (path.contains(u"inventory.sqlite"_s))
            continue;
        QFile file(path);
        if (file.open(QIODevice::ReadOnly))
            files.insert(QDir(root).relativeFilePath(path), file.readAll());
    }
    return files;
}

std::unique_ptr<OemServices> openOrDie(const QString &root, std::optional<Metadata::Encoding> encoding,
                                       const Clock &clock, bool demoFleet = true)
{
    auto services = OemServices::open(root, encoding, clock, demoFleet);
    if (!services)
        qFatal("OemServices::open: %s", qPrintable(services.error().toString()));
    return std::move(*services);
}

RepoClient imageClient(OemServices &services)
{
    return RepoClient(services.workspace().imageRepoMetadataDir(), services.workspace().imageRepoTargetsDir(),
                      services.encoding());
}

RepoClient directorClient(OemServices &services)
{
    return RepoClient(*services.workspace().directorMetadataDir(DemoFleet::vin()),
                      services.workspace().imageRepoTargetsDir(), services.encoding());
}

} // namespace

class TestOemServices : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString root() const { return m_dir->filePath(u"ws"_s); }

    static void encodings()
    {
        QTest::addColumn<Metadata::Encoding>("encoding");
        QTest::newRow("json") << Metadata::Encoding::Json;
        QTest::newRow("der") << Metadata::Encoding::Der;
    }

private slots:
    void init() { m_dir = std::make_unique<QTemporaryDir>(); }

    void createsTheDemoFleet_data() { encodings(); }
    void createsTheDemoFleet()
    {
        QFETCH(Metadata::Encoding, encoding);
        ManualClock clock(kStart);
        auto services = openOrDie(root(), encoding, clock);
        QCOMPARE(services->encoding(), encoding);

        // Images: two top-level, one delegated to the supplier, all listed for the client.
        ImageRepository &images = services->images();
        QCOMPARE(images.roleForPath(DemoFleet::firmwarePath()), u"targets"_s);
        QCOMPARE(images.roleForPath(DemoFleet::primaryImagePath()), u"targets"_s);
        QCOMPARE(images.roleForPath(DemoFleet::supplierImagePath()), u"supplier-acme"_s);
        QCOMPARE(images.findImage(DemoFleet::firmwarePath())->releaseCounter, std::optional<qint64>(2));
        RepoClient image = imageClient(*services);
        QVERIFY2(image.refresh(clock.now()), "image repository refresh");
        for (const QString &path : {DemoFleet::firmwarePath(), DemoFleet::primaryImagePath(),
                                    DemoFleet::supplierImagePath()}) {
            auto found = image.updater->findTarget(path);
            QVERIFY2(found, qPrintable(path));
            QVERIFY(image.updater->downloadTarget(*found, m_dir->filePath(u"download/"_s + path)));
        }

        // The vehicle and its ECUs, keyed with the keys the ECUs hold.
        QVERIFY(services->director().vins().contains(DemoFleet::vin()));
        auto ecus = services->director().inventory().ecus(DemoFleet::vin());
        QVERIFY(ecus);
        QCOMPARE(ecus->size(), 3);
        const TestVehicle vehicle = demoVehicle(services->workspace().root());
        for (const EcuRecord &ecu : *ecus) {
            const TestEcu &held = vehicle.ecu(ecu.serial);
            QCOMPARE(ecu.isPrimary, held.primary);
            QCOMPARE(ecu.hardwareId, held.hardwareId);
            QVERIFY(ecu.key == held.key.publicKey());
        }

        // The Director tells each ECU to install its image.
        RepoClient director = directorClient(*services);
        QVERIFY2(director.refresh(clock.now()), "director refresh");
        const Metadata::Targets *targets = services->director().writer(DemoFleet::vin())->targets();
        QVERIFY(targets);
        QCOMPARE(targets->vehicleId, std::optional<QString>(DemoFleet::vin()));
        QCOMPARE(targets->targets.size(), 2);  // firmware.img waits to be delivered
        QCOMPARE(targets->targets.value(DemoFleet::primaryImagePath()).ecuSerials,
                 QStringList{DemoFleet::primarySerial()});
        QCOMPARE(targets->targets.value(DemoFleet::supplierImagePath()).ecuSerials,
                 (QStringList{DemoFleet::partialSerial(), DemoFleet::secondarySerial()}));
        auto assigned = director.updater->findTarget(DemoFleet::supplierImagePath());
        QVERIFY(assigned);
        QCOMPARE(assigned->hashes, images.findImage(DemoFleet::supplierImagePath())->hashes);

        // The key vehicles pin for the Time Server.
        QVERIFY(QFile::exists(services->workspace().keysDir() + u"/timeserver.pub"_s));
        QVERIFY(QFile::exists(root() + u"/demo-fleet.json"_s));

        // The first listener hears how the fleet was made.
        QList<LabEvent> events;
        services->setEventCallback([&events](const LabEvent &event) { events.append(event); });
        QSet<QString> publishers;
        bool assignedImage = false;
        for (const LabEvent &event : events) {
            if (event.kind == LabEvent::Kind::MetadataPublished)
                publishers.insert(event.from);
            assignedImage |= event.kind == LabEvent::Kind::ImageAssigned;
        }
        QCOMPARE(publishers, (QSet<QString>{u"imagerepo"_s, u"director/"_s + DemoFleet::vin()}));
        QVERIFY(assignedImage);
    }

    void reopeningKeepsEverything_data() { encodings(); }
    void reopeningKeepsEverything()
    {
        QFETCH(Metadata::Encoding, encoding);
        ManualClock clock(kStart);
        openOrDie(root(), encoding, clock);
        const auto files = workspaceFiles(root());
        const QStringList records = dumpDatabase(root() + u"/director/inventory.sqlite"_s);
        QVERIFY(!records.isEmpty());

        clock.advance(3600);  // later, but nothing near expiry
        {
            auto reopened = openOrDie(root(), std::nullopt, clock);  // the recorded encoding
            QCOMPARE(reopened->encoding(), encoding);
            QVERIFY(reopened->refreshExpiring());  // fresh: nothing to do
        }
        QCOMPARE(workspaceFiles(root()), files);
        QCOMPARE(dumpDatabase(root() + u"/director/inventory.sqlite"_s), records);
    }

    void interruptedCreationCompletes()
    {
        ManualClock clock(kStart);
        {
            auto bare = openOrDie(root(), Metadata::Encoding::Json, clock, false);
            QVERIFY(bare->director().vins().isEmpty());
            // Half a fleet: one image there, the other not.
            QVERIFY(bare->images().addImage(DemoFleet::firmwarePath(), "earlier firmware",
                                            DemoFleet::secondaryHardwareId(), 1));
        }
        auto services = openOrDie(root(), Metadata::Encoding::Json, clock);
        QVERIFY(services->director().vins().contains(DemoFleet::vin()));
        QVERIFY(services->images().findImage(DemoFleet::supplierImagePath()));
        QCOMPARE(services->images().findImage(DemoFleet::firmwarePath())->length, qint64(16));  // kept
    }

    void laterChangesAreNotUndone()
    {
        ManualClock clock(kStart);
        {
            auto services = openOrDie(root(), Metadata::Encoding::Der, clock);
            QVERIFY(services->director().unassign(DemoFleet::vin(), DemoFleet::secondarySerial()));
            QVERIFY(services->images().removeImage(DemoFleet::firmwarePath()));
        }
        const auto files = workspaceFiles(root());
        auto reopened = openOrDie(root(), Metadata::Encoding::Der, clock);
        QVERIFY(!reopened->images().findImage(DemoFleet::firmwarePath()));
        auto assignments = reopened->director().inventory().assignments(DemoFleet::vin());
        QVERIFY(assignments);
        QCOMPARE(assignments->size(), 2);
        QCOMPARE(workspaceFiles(root()), files);
    }

    void refusesAnotherEncoding()
    {
        ManualClock clock(kStart);
        openOrDie(root(), Metadata::Encoding::Json, clock);
        auto other = OemServices::open(root(), Metadata::Encoding::Der, clock);
        QVERIFY(!other);
        QCOMPARE(other.error().code, ErrorCode::InvalidArgument);
        auto missing = OemServices::open(m_dir->filePath(u"absent"_s), std::nullopt, clock);
        QVERIFY(!missing);
        QCOMPARE(missing.error().code, ErrorCode::NotFound);
    }

    void republishWritesNewVersionsClientsFollow_data() { encodings(); }
    void republishWritesNewVersionsClientsFollow()
    {
        QFETCH(Metadata::Encoding, encoding);
        ManualClock clock(kStart);
        auto services = openOrDie(root(), encoding, clock);
        RepoClient image = imageClient(*services);
        RepoClient director = directorClient(*services);
        QVERIFY(image.refresh(clock.now()));
        QVERIFY(director.refresh(clock.now()));
        QMap<QString, qint64> before;
        for (const QString &role : {u"targets"_s, u"supplier-acme"_s, u"snapshot"_s, u"timestamp"_s})
            before.insert(role, services->images().writer().version(role));
        const qint64 directorTimestamp = services->director().writer(DemoFleet::vin())->version(u"timestamp"_s);

        QList<LabEvent> events;
        services->setEventCallback([&events](const LabEvent &event) { events.append(event); });
        QVERIFY(services->republishAll());
        for (auto it = before.cbegin(); it != before.cend(); ++it)
            QCOMPARE(services->images().writer().version(it.key()), it.value() + 1);
        QCOMPARE(services->director().writer(DemoFleet::vin())->version(u"timestamp"_s), directorTimestamp + 1);
        QSet<QString> publishers;
        for (const LabEvent &event : events) {
            if (event.kind == LabEvent::Kind::MetadataPublished)
                publishers.insert(event.from);
        }
        QCOMPARE(publishers, (QSet<QString>{u"imagerepo"_s, u"director/"_s + DemoFleet::vin()}));

        QVERIFY(image.refresh(clock.now()));
        QCOMPARE(image.trustedVersion(u"timestamp"_s), before.value(u"timestamp"_s) + 1);
        QVERIFY(image.updater->findTarget(DemoFleet::supplierImagePath()));
        QCOMPARE(image.trustedVersion(u"supplier-acme"_s), before.value(u"supplier-acme"_s) + 1);
        QVERIFY(director.refresh(clock.now()));
        QCOMPARE(director.trustedVersion(u"timestamp"_s), directorTimestamp + 1);
    }

    void refreshesWhatNearsExpiry()
    {
        ManualClock clock(kStart);
        auto services = openOrDie(root(), Metadata::Encoding::Json, clock);
        const qint64 imageTimestamp = services->images().writer().version(u"timestamp"_s);
        const qint64 directorTimestamp = services->director().writer(DemoFleet::vin())->version(u"timestamp"_s);
        const qint64 lifetime = services->images().writer().expiryPolicy().timestampSeconds;

        clock.advance(lifetime / 2 - 60);  // not yet half-way: nothing
        QVERIFY(services->refreshExpiring());
        QCOMPARE(services->images().writer().version(u"timestamp"_s), imageTimestamp);
        clock.advance(120);  // past half its life: a new timestamp everywhere
        QVERIFY(services->refreshExpiring());
        QCOMPARE(services->images().writer().version(u"timestamp"_s), imageTimestamp + 1);
        QCOMPARE(services->director().writer(DemoFleet::vin())->version(u"timestamp"_s), directorTimestamp + 1);

        // A client after the old timestamp expired is served a valid one.
        clock.advance(lifetime / 2 + 60);
        RepoClient image = imageClient(*services);
        QVERIFY(image.refresh(clock.now()));
    }

    void handlers_data() { encodings(); }
    void handlers()
    {
        QFETCH(Metadata::Encoding, encoding);
        ManualClock clock(kStart);
        auto services = openOrDie(root(), encoding, clock);

        auto attestation = services->attest(TimeServer::requestBody({7, 8}));
        QVERIFY(attestation);
        auto parsed = Metadata::parse<Metadata::TimeAttestation>(*attestation, encoding);
        QVERIFY(parsed);
        QCOMPARE(parsed->body.time, kStart);
        QCOMPARE(parsed->body.nonces, (QList<qint64>{7, 8}));
        auto badRequest = services->attest("{\"nonces\":[]}");
        QVERIFY(!badRequest);
        QCOMPARE(badRequest.error().code, ErrorCode::SchemaViolation);

        const TestVehicle vehicle = demoVehicle(services->workspace().root());
        const QByteArray manifest = serializeVehicleManifest(
            vehicleManifestBody(vehicle, encoding, 100, clock.now()), encoding, vehicle.primary().key);
        auto receipt = services->receiveManifest(DemoFleet::vin(), manifest);
        QVERIFY2(receipt, qPrintable(receipt ? QString() : receipt.error().toString()));
        auto answer = Json::parse(*receipt);
        QVERIFY(answer);
        QCOMPARE((*answer)[u"accepted"_s], Json::Value(true));
        QCOMPARE((*answer)[u"vin"_s], Json::Value(DemoFleet::vin()));
        QVERIFY((*answer)[u"manifest_id"_s].toInteger() > 0);
        QCOMPARE((*answer)[u"reporting_ecus"_s].toArray().size(), 3);

        auto replayed = services->receiveManifest(DemoFleet::vin(), manifest);
        QVERIFY(!replayed);
        QCOMPARE(replayed.error().code, ErrorCode::ReusedNonce);
        auto otherCar = services->receiveManifest(u"othercar"_s, manifest);
        QVERIFY(!otherCar);
        QCOMPARE(otherCar.error().code, ErrorCode::UnknownVehicle);
    }
};

QTEST_GUILESS_MAIN(TestOemServices)
#include "tst_oemservices.moc"
