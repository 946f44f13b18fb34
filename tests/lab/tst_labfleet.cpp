// Lab's fleet (issue 6), in both encodings: snapshots of every vehicle after start and after
// each cycle (versions growing, verdicts, reports, metadata bytes as the ECU stores hold
// them), vehicles and Secondaries added by the operator and cycled, their refusals by
// ErrorCode, a reopened workspace keeping what was added, and the metadata each repository
// serves.

#include "attacks/adversary.h"
#include "lab/lab.h"
#include "metadata/types.h"
#include "services/oemservices.h"
#include "vehicle/ecustore.h"

#include "cycledescription.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Uptane;
using namespace Qt::StringLiterals;
namespace Demo = Uptane::Services::DemoFleet;
using Lab::EcuSnapshot;
using Lab::SecondarySpec;
using Lab::VehicleSnapshot;
using Lab::VehicleSpec;
using Metadata::Encoding;
using Vehicle::Verdict;
using Vehicle::Verification;

namespace {

// Waits for an asynchronous Lab call's callback (it always comes later, on this thread).
template <typename T>
T waitFor(const std::function<void(std::function<void(T)>)> &call)
{
    std::optional<T> result;
    QEventLoop loop;
    call([&](T value) {
        result = std::move(value);
        loop.quit();
    });
    if (!result)
        loop.exec();
    return std::move(*result);
}

Result<void> addVehicle(Lab::Lab &lab, const VehicleSpec &spec)
{
    return waitFor<Result<void>>([&](auto done) { lab.addVehicle(spec, done); });
}

Result<void> addSecondary(Lab::Lab &lab, const QString &vin, const SecondarySpec &spec)
{
    return waitFor<Result<void>>([&](auto done) { lab.addSecondary(vin, spec, done); });
}

Result<QMap<QString, QByteArray>> readMetadata(Lab::Lab &lab, const QString &node)
{
    return waitFor<Result<QMap<QString, QByteArray>>>([&](auto done) { lab.readRepositoryMetadata(node, done); });
}

// "testcar": a Primary and two Secondaries, one of each verification.
VehicleSpec testcar()
{
    VehicleSpec spec;
    spec.vin = u"testcar"_s;
    spec.primarySerial = u"INFOtestcar"_s;
    spec.primaryHardwareId = Demo::primaryHardwareId();
    spec.secondaries = {{u"TCUtestcar"_s, Demo::secondaryHardwareId(), Verification::Full},
                        {u"DOORtestcar"_s, Demo::secondaryHardwareId(), Verification::Partial}};
    return spec;
}

std::function<Result<void>(Services::OemServices &)> assign(const QString &vin,
                                                            const QList<std::pair<QString, QString>> &images)
{
    return [vin, images](Services::OemServices &services) -> Result<void> {
        for (const auto &[serial, path] : images) {
            if (auto assigned = services.director().assign(vin, serial, path); !assigned)
                return fail(assigned.error());
        }
        return {};
    };
}

QByteArray fileBytes(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestLabFleet : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;

    QString workspace() const { return m_dir->filePath(u"ws"_s); }

    Lab::LabOptions options(Encoding encoding) const
    {
        Lab::LabOptions options;
        options.workspace = workspace();
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

    // Each ECU's snapshot holds exactly what its store holds on disk (the vehicle is idle).
    void expectStoresMatch(const VehicleSnapshot &snapshot, Encoding encoding) const
    {
        const QString ext = u'.' + Metadata::fileExtension(encoding);
        for (const EcuSnapshot &ecu : snapshot.ecus) {
            auto store = Vehicle::EcuStore::open(workspace() + u"/vehicles/%1/%2"_s.arg(ecu.vin, ecu.serial));
            QVERIFY2(store, qPrintable(ecu.nodeId()));
            QMap<QString, QByteArray> expected;
            for (auto it = store->metadata().cbegin(); it != store->metadata().cend(); ++it)
                expected.insert(it.key() + ext, it.value());
            QCOMPARE(ecu.metadata, expected);
            QCOMPARE(ecu.installed.has_value(), store->state().installed.has_value());
            if (ecu.installed)
                QCOMPARE(ecu.installed->path, store->state().installed->path);
            QCOMPARE(ecu.attestedTime, store->state().attestedTime);
            QCOMPARE(ecu.cycles, store->state().cycles);
            QCOMPARE(ecu.hardwareId, store->config().hardwareId);
            QCOMPARE(ecu.primary, store->config().primary);
            QCOMPARE(ecu.verification, store->config().verification);
        }
    }

    static QStringList serials(const VehicleSnapshot &snapshot)
    {
        QStringList out;
        for (const EcuSnapshot &ecu : snapshot.ecus)
            out.append(ecu.serial);
        return out;
    }

    static void expectCycled(const VehicleSnapshot &snapshot, const Vehicle::CycleResult &cycle)
    {
        QCOMPARE(snapshot.cycle, cycle.cycle);
        for (const Vehicle::EcuOutcome &outcome : cycle.outcomes) {
            const EcuSnapshot *ecu = snapshot.ecu(outcome.serial);
            QVERIFY2(ecu, qPrintable(outcome.serial));
            QCOMPARE(ecu->lastVerdict, Vehicle::verdictName(outcome.verdict));
            QCOMPARE(ecu->lastError.has_value(), outcome.error.has_value());
            QVERIFY2(!ecu->lastReport.isEmpty(), qPrintable(outcome.serial));
        }
    }

private slots:
    void init() { m_dir = std::make_unique<QTemporaryDir>(); }

    void snapshotsAfterStartAndCycles_data() { addEncodings(); }
    void snapshotsAfterStartAndCycles()
    {
        QFETCH(Encoding, encoding);
        Lab::Lab lab;
        QVERIFY(lab.snapshots().isEmpty());
        QSignalSpy changed(&lab, &Lab::Lab::vehicleChanged);
        QVERIFY(lab.startAndWait(options(encoding)));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.at(0).at(0).value<VehicleSnapshot>().vin, Demo::vin());
        QCOMPARE(lab.snapshots().size(), 1);
        QVERIFY(!lab.snapshot(u"nocar"_s));

        // Before any cycle: the factory's state, roots only.
        const VehicleSnapshot fresh = *lab.snapshot(Demo::vin());
        QCOMPARE(serials(fresh), QStringList({Demo::primarySerial(), Demo::partialSerial(), Demo::secondarySerial()}));
        QCOMPARE(fresh.cycle, 0);
        QVERIFY(fresh.primary() && fresh.primary()->serial == Demo::primarySerial());
        QCOMPARE(fresh.ecu(Demo::partialSerial())->verification, Verification::Partial);
        QCOMPARE(fresh.ecu(Demo::partialSerial())->nodeId(), Demo::vin() + u'/' + Demo::partialSerial());
        for (const EcuSnapshot &ecu : fresh.ecus) {
            QVERIFY(ecu.lastVerdict.isEmpty());
            QVERIFY(ecu.lastReport.isEmpty());
            QVERIFY(ecu.installed);
            QVERIFY(ecu.versions.contains(u"director/root"_s));
            QCOMPARE(ecu.versions.contains(u"imagerepo/root"_s), ecu.verification == Verification::Full);
            QVERIFY(!ecu.versions.contains(u"director/timestamp"_s));
        }
        expectStoresMatch(fresh, encoding);

        // After a cycle: every role trusted, the snapshot announced before cycleFinished.
        std::optional<qint64> seenAtFinish;
        connect(&lab, &Lab::Lab::cycleFinished, this, [&](const QString &vin) {
            seenAtFinish = lab.snapshot(vin)->cycle;
        });
        auto first = lab.runCycleAndWait(Demo::vin());
        QVERIFY(first);
        QCOMPARE(changed.count(), 2);
        QCOMPARE(seenAtFinish, std::optional<qint64>(first->cycle));
        const VehicleSnapshot cycled = *lab.snapshot(Demo::vin());
        expectCycled(cycled, *first);
        for (const EcuSnapshot &ecu : cycled.ecus) {
            QCOMPARE(ecu.lastVerdict, u"UP TO DATE"_s);
            QVERIFY(ecu.versions.contains(u"director/targets"_s));
            const bool full = ecu.verification == Verification::Full;
            for (const QString &role : {u"director/timestamp"_s, u"director/snapshot"_s, u"imagerepo/targets"_s})
                QVERIFY2(ecu.versions.contains(role) == full, qPrintable(ecu.serial + u' ' + role));
        }
        expectStoresMatch(cycled, encoding);

        // Firmware assigned: the Director's targets grow, the Secondaries update.
        QVERIFY(lab.runOnServicesAndWait(assign(Demo::vin(), {{Demo::secondarySerial(), Demo::firmwarePath()},
                                                              {Demo::partialSerial(), Demo::firmwarePath()}})));
        auto second = lab.runCycleAndWait(Demo::vin());
        QVERIFY(second);
        const VehicleSnapshot updated = *lab.snapshot(Demo::vin());
        expectCycled(updated, *second);
        for (const QString &serial : Demo::secondarySerials()) {
            const EcuSnapshot *ecu = updated.ecu(serial);
            QCOMPARE(ecu->lastVerdict, u"UPDATED"_s);
            QCOMPARE(ecu->installed->path, Demo::firmwarePath());
            QVERIFY(ecu->versions.value(u"director/targets"_s) > cycled.ecu(serial)->versions.value(u"director/targets"_s));
            QCOMPARE(ecu->cycles, cycled.ecu(serial)->cycles + 1);
        }
        expectStoresMatch(updated, encoding);
    }

    // A refusal shows in the snapshot with its error; nothing was committed.
    void snapshotOfARefusal()
    {
        Lab::Lab lab;
        QVERIFY(lab.startAndWait(options(Encoding::Json)));
        QVERIFY(lab.runCycleAndWait(Demo::vin()));
        const VehicleSnapshot before = *lab.snapshot(Demo::vin());
        // The Director's targets.json cut short: the Primary stops the cycle.
        lab.adversary().rewriteServed(u"/director/democar/metadata/*targets.json"_s,
                                      [](const QByteArray &bytes) { return bytes.left(bytes.size() / 2); },
                                      u"cut"_s);
        QVERIFY(lab.runOnServicesAndWait(assign(Demo::vin(), {{Demo::secondarySerial(), Demo::firmwarePath()}})));
        auto cycle = lab.runCycleAndWait(Demo::vin());
        lab.adversary().undoAll();
        QVERIFY(cycle);
        QVERIFY(cycle->stoppedBy);
        const VehicleSnapshot after = *lab.snapshot(Demo::vin());
        const EcuSnapshot *primary = after.primary();
        QCOMPARE(primary->lastVerdict, u"DEFENDED"_s);
        QVERIFY(primary->lastError);
        QCOMPARE(primary->lastError->code, cycle->stoppedBy->code);
        QVERIFY(std::any_of(primary->lastReport.cbegin(), primary->lastReport.cend(),
                            [](const Verify::Check &check) { return !check.passed; }));
        QCOMPARE(primary->metadata, before.primary()->metadata);
        QCOMPARE(primary->versions, before.primary()->versions);
        expectStoresMatch(after, Encoding::Json);
    }

    void addVehicleThenCycle_data() { addEncodings(); }
    void addVehicleThenCycle()
    {
        QFETCH(Encoding, encoding);
        Lab::Lab lab;
        QVERIFY(lab.startAndWait(options(encoding)));
        QSignalSpy vehicles(&lab, &Lab::Lab::vehiclesChanged);
        QSignalSpy changed(&lab, &Lab::Lab::vehicleChanged);
        const auto added = addVehicle(lab, testcar());
        QVERIFY2(added, qPrintable(added ? QString() : added.error().toString()));
        QCOMPARE(vehicles.count(), 1);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(lab.vins(), QStringList({Demo::vin(), u"testcar"_s}));
        QCOMPARE(lab.snapshots().size(), 2);
        const VehicleSnapshot fresh = *lab.snapshot(u"testcar"_s);
        QCOMPARE(serials(fresh), QStringList({u"INFOtestcar"_s, u"DOORtestcar"_s, u"TCUtestcar"_s}));
        for (const EcuSnapshot &ecu : fresh.ecus)
            QVERIFY(!ecu.installed);  // the Director assigned nothing
        QCOMPARE(fresh.ecu(u"DOORtestcar"_s)->verification, Verification::Partial);
        expectStoresMatch(fresh, encoding);

        auto first = lab.runCycleAndWait(u"testcar"_s);
        QVERIFY(first);
        QVERIFY2(!first->stoppedBy && !first->manifestError, qPrintable(Test::describeCycle(*first)));
        QCOMPARE(first->outcomes.size(), 3);
        for (const EcuSnapshot &ecu : fresh.ecus)
            expectVerdict(*first, ecu.serial, Verdict::UpToDate);

        QVERIFY(lab.runOnServicesAndWait(assign(u"testcar"_s, {{u"INFOtestcar"_s, Demo::primaryImagePath()},
                                                               {u"TCUtestcar"_s, Demo::firmwarePath()},
                                                               {u"DOORtestcar"_s, Demo::supplierImagePath()}})));
        auto second = lab.runCycleAndWait(u"testcar"_s);
        QVERIFY(second);
        QVERIFY2(!second->stoppedBy && !second->manifestError, qPrintable(Test::describeCycle(*second)));
        for (const EcuSnapshot &ecu : fresh.ecus)
            expectVerdict(*second, ecu.serial, Verdict::Updated);
        const VehicleSnapshot updated = *lab.snapshot(u"testcar"_s);
        expectCycled(updated, *second);
        QCOMPARE(updated.ecu(u"TCUtestcar"_s)->installed->path, Demo::firmwarePath());
        expectStoresMatch(updated, encoding);

        // democar is untouched by all this.
        auto democar = lab.runCycleAndWait(Demo::vin());
        QVERIFY(democar);
        expectVerdict(*democar, Demo::secondarySerial(), Verdict::UpToDate);
    }

    void addSecondaryThenCycle_data() { addEncodings(); }
    void addSecondaryThenCycle()
    {
        QFETCH(Encoding, encoding);
        Lab::Lab lab;
        QVERIFY(lab.startAndWait(options(encoding)));
        auto first = lab.runCycleAndWait(Demo::vin());
        QVERIFY(first);
        QSignalSpy vehicles(&lab, &Lab::Lab::vehiclesChanged);
        QSignalSpy changed(&lab, &Lab::Lab::vehicleChanged);
        QVERIFY(addSecondary(lab, Demo::vin(), {u"BRAKEdemocar"_s, Demo::secondaryHardwareId(), Verification::Full}));
        QVERIFY(addSecondary(lab, Demo::vin(), {u"SEATdemocar"_s, Demo::secondaryHardwareId(), Verification::Partial}));
        QCOMPARE(vehicles.count(), 0);
        QCOMPARE(changed.count(), 2);
        const VehicleSnapshot grown = *lab.snapshot(Demo::vin());
        QCOMPARE(grown.ecus.size(), 5);
        QCOMPARE(grown.ecu(u"SEATdemocar"_s)->verification, Verification::Partial);
        QVERIFY(grown.ecu(u"BRAKEdemocar"_s)->lastVerdict.isEmpty());
        // What the earlier cycle showed stays with the reopened vehicle.
        QCOMPARE(grown.cycle, first->cycle);
        QCOMPARE(grown.primary()->lastVerdict, u"UP TO DATE"_s);
        QVERIFY(!grown.primary()->lastReport.isEmpty());
        expectStoresMatch(grown, encoding);

        QVERIFY(lab.runOnServicesAndWait(assign(Demo::vin(), {{u"BRAKEdemocar"_s, Demo::firmwarePath()}})));
        auto second = lab.runCycleAndWait(Demo::vin());
        QVERIFY(second);
        QVERIFY2(!second->stoppedBy && !second->manifestError, qPrintable(Test::describeCycle(*second)));
        QCOMPARE(second->outcomes.size(), 5);
        expectVerdict(*second, u"BRAKEdemocar"_s, Verdict::Updated);
        expectVerdict(*second, u"SEATdemocar"_s, Verdict::UpToDate);
        expectVerdict(*second, Demo::secondarySerial(), Verdict::UpToDate);
        expectCycled(*lab.snapshot(Demo::vin()), *second);
    }

    // No Secondary joins a vehicle while it cycles; no cycle starts while one joins.
    void addSecondaryBusy()
    {
        Lab::Lab lab;
        QVERIFY(lab.startAndWait(options(Encoding::Json)));
        QSignalSpy finished(&lab, &Lab::Lab::cycleFinished);
        QVERIFY(lab.runCycle(Demo::vin()));
        const auto whileCycling = addSecondary(lab, Demo::vin(), {u"BRAKEdemocar"_s, u"acme-ecu"_s, Verification::Full});
        QVERIFY(!whileCycling);
        QCOMPARE(whileCycling.error().code, ErrorCode::InvalidArgument);
        QCOMPARE(whileCycling.error().detail, u"busy"_s);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 120000);

        std::optional<Result<void>> joined;
        lab.addSecondary(Demo::vin(), {u"BRAKEdemocar"_s, u"acme-ecu"_s, Verification::Full},
                         [&](const Result<void> &result) { joined = result; });
        const auto cycle = lab.runCycle(Demo::vin());
        QVERIFY(!cycle);
        QCOMPARE(cycle.error().detail, u"busy"_s);
        QTRY_VERIFY_WITH_TIMEOUT(joined.has_value(), 60000);
        QVERIFY(*joined);
        QVERIFY(lab.runCycleAndWait(Demo::vin()));
    }

    void refusals_data()
    {
        QTest::addColumn<QString>("operation");  // "vehicle" or "secondary"
        QTest::addColumn<QString>("vin");
        QTest::addColumn<QString>("serial");
        QTest::addColumn<QString>("hardwareId");
        QTest::addColumn<ErrorCode>("code");
        const QString acme = u"acme-ecu"_s;
        QTest::newRow("vehicle: taken VIN") << u"vehicle"_s << Demo::vin() << u"TCUnew"_s << acme << ErrorCode::InvalidArgument;
        QTest::newRow("vehicle: unsafe VIN") << u"vehicle"_s << u"../car"_s << u"TCUnew"_s << acme << ErrorCode::InvalidArgument;
        QTest::newRow("vehicle: empty VIN") << u"vehicle"_s << QString() << u"TCUnew"_s << acme << ErrorCode::InvalidArgument;
        QTest::newRow("vehicle: unsafe serial") << u"vehicle"_s << u"newcar"_s << u"TCU new"_s << acme << ErrorCode::InvalidArgument;
        QTest::newRow("vehicle: serial taken in the fleet") << u"vehicle"_s << u"newcar"_s << Demo::secondarySerial() << acme << ErrorCode::InvalidArgument;
        QTest::newRow("vehicle: serial twice") << u"vehicle"_s << u"newcar"_s << u"INFOnewcar"_s << acme << ErrorCode::InvalidArgument;
        QTest::newRow("vehicle: unsafe hardware id") << u"vehicle"_s << u"newcar"_s << u"TCUnew"_s << u"acme/ecu"_s << ErrorCode::InvalidArgument;
        QTest::newRow("secondary: unknown vehicle") << u"secondary"_s << u"nocar"_s << u"TCUnew"_s << acme << ErrorCode::UnknownVehicle;
        QTest::newRow("secondary: serial taken") << u"secondary"_s << Demo::vin() << Demo::partialSerial() << acme << ErrorCode::InvalidArgument;
        QTest::newRow("secondary: unsafe serial") << u"secondary"_s << Demo::vin() << u".hidden"_s << acme << ErrorCode::InvalidArgument;
        QTest::newRow("secondary: empty hardware id") << u"secondary"_s << Demo::vin() << u"TCUnew"_s << QString() << ErrorCode::InvalidArgument;
    }

    void refusals()
    {
        QFETCH(QString, operation);
        QFETCH(QString, vin);
        QFETCH(QString, serial);
        QFETCH(QString, hardwareId);
        QFETCH(ErrorCode, code);
        Lab::Lab lab;
        QVERIFY(lab.startAndWait(options(Encoding::Json)));
        const VehicleSnapshot before = *lab.snapshot(Demo::vin());
        QSignalSpy vehicles(&lab, &Lab::Lab::vehiclesChanged);
        QSignalSpy changed(&lab, &Lab::Lab::vehicleChanged);
        Result<void> result;
        if (operation == u"vehicle") {
            VehicleSpec spec;
            spec.vin = vin;
            spec.primarySerial = u"INFOnewcar"_s;
            spec.primaryHardwareId = u"infotainment"_s;
            spec.secondaries = {{serial, hardwareId, Verification::Full}};
            result = addVehicle(lab, spec);
        } else {
            result = addSecondary(lab, vin, {serial, hardwareId, Verification::Full});
        }
        QVERIFY(!result);
        QCOMPARE(result.error().code, code);
        QCOMPARE(vehicles.count(), 0);
        QCOMPARE(changed.count(), 0);
        QCOMPARE(lab.vins(), QStringList{Demo::vin()});
        QCOMPARE(serials(*lab.snapshot(Demo::vin())), serials(before));
        // The Director's inventory holds nothing new either.
        QVERIFY(lab.runOnServicesAndWait([](Services::OemServices &services) -> Result<void> {
            auto vehicles = services.director().inventory().vehicles();
            if (!vehicles || vehicles->size() != 1)
                return fail(ErrorCode::InvalidArgument, u"a vehicle was registered"_s);
            auto ecus = services.director().inventory().ecus(Demo::vin());
            if (!ecus || ecus->size() != 3)
                return fail(ErrorCode::InvalidArgument, u"an ECU was registered"_s);
            return {};
        }));
    }

    void refusedBeforeStart()
    {
        Lab::Lab lab;
        const auto vehicle = addVehicle(lab, testcar());
        QVERIFY(!vehicle);
        QCOMPARE(vehicle.error().code, ErrorCode::InvalidArgument);
        const auto secondary = addSecondary(lab, Demo::vin(), {u"TCUnew"_s, u"acme-ecu"_s, Verification::Full});
        QVERIFY(!secondary);
        QCOMPARE(secondary.error().code, ErrorCode::UnknownVehicle);
        const auto files = readMetadata(lab, u"imagerepo"_s);
        QVERIFY(!files);
        QCOMPARE(files.error().code, ErrorCode::InvalidArgument);
    }

    void reopenKeepsAddedVehicles()
    {
        {
            Lab::Lab lab;
            QVERIFY(lab.startAndWait(options(Encoding::Der)));
            QVERIFY(addVehicle(lab, testcar()));
            QVERIFY(addSecondary(lab, u"testcar"_s, {u"BRAKEtestcar"_s, u"acme-ecu"_s, Verification::Partial}));
        }
        Lab::Lab lab;
        QVERIFY(lab.startAndWait(options(Encoding::Der)));
        QCOMPARE(lab.vins(), QStringList({Demo::vin(), u"testcar"_s}));
        const VehicleSnapshot reopened = *lab.snapshot(u"testcar"_s);
        QCOMPARE(serials(reopened),
                 QStringList({u"INFOtestcar"_s, u"BRAKEtestcar"_s, u"DOORtestcar"_s, u"TCUtestcar"_s}));
        QCOMPARE(reopened.ecu(u"BRAKEtestcar"_s)->verification, Verification::Partial);
        auto cycle = lab.runCycleAndWait(u"testcar"_s);
        QVERIFY(cycle);
        QVERIFY2(!cycle->stoppedBy && !cycle->manifestError, qPrintable(Test::describeCycle(*cycle)));
        for (const EcuSnapshot &ecu : reopened.ecus)
            expectVerdict(*cycle, ecu.serial, Verdict::UpToDate);
        // Taken for good.
        const auto again = addVehicle(lab, testcar());
        QVERIFY(!again);
        QCOMPARE(again.error().code, ErrorCode::InvalidArgument);
    }

    void repositoryMetadata_data() { addEncodings(); }
    void repositoryMetadata()
    {
        QFETCH(Encoding, encoding);
        Lab::Lab lab;
        QVERIFY(lab.startAndWait(options(encoding)));
        const QString ext = u'.' + Metadata::fileExtension(encoding);
        const QList<std::pair<QString, QString>> nodes{
            {u"imagerepo"_s, workspace() + u"/imagerepo/metadata"_s},
            {u"director/democar"_s, workspace() + u"/director/democar/metadata"_s}};
        for (const auto &[node, dir] : nodes) {
            const auto files = readMetadata(lab, node);
            QVERIFY2(files, qPrintable(node));
            for (const QString &role : {u"root"_s, u"1.root"_s, u"timestamp"_s})
                QVERIFY2(files->contains(role + ext), qPrintable(node + u' ' + role));
            const QStringList onDisk = QDir(dir).entryList({u"*"_s + ext}, QDir::Files, QDir::Name);
            QCOMPARE(files->keys(), onDisk);
            for (auto it = files->cbegin(); it != files->cend(); ++it)
                QCOMPARE(it.value(), fileBytes(dir + u'/' + it.key()));
        }
        // The Image Repository's delegation is there too.
        QVERIFY(!readMetadata(lab, u"imagerepo"_s)->keys().filter(u"supplier-acme"_s).isEmpty());

        // An added vehicle has its own repository.
        QVERIFY(addVehicle(lab, testcar()));
        const auto added = readMetadata(lab, u"director/testcar"_s);
        QVERIFY(added);
        QVERIFY(added->contains(u"timestamp"_s + ext));

        const auto unknown = readMetadata(lab, u"director/nocar"_s);
        QVERIFY(!unknown);
        QCOMPARE(unknown.error().code, ErrorCode::UnknownVehicle);
        const auto elsewhere = readMetadata(lab, u"timeserver"_s);
        QVERIFY(!elsewhere);
        QCOMPARE(elsewhere.error().code, ErrorCode::NotFound);
    }
};

QTEST_GUILESS_MAIN(TestLabFleet)
#include "tst_labfleet.moc"
