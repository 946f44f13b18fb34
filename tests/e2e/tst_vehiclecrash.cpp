// SIGKILL at random points of update cycles, in a loop, then the ECU stores are checked: a
// killed cycle must leave every ECU with a complete generation whose trusted metadata loads,
// whose installed image is exactly what its state says and one the Image Repository signed,
// and the next run must update normally. The child (vehiclecrashchild) runs the OEM services
// and the demo vehicle, each cycle installing new images on all three ECUs; it is killed
// after a random number of narrated events, or by itself inside an ECU store commit.

#include "common/clock.h"
#include "crypto/hash.h"
#include "metadata/codec.h"
#include "services/oemservices.h"
#include "verify/trustedrepository.h"
#include "verify/uptanechecks.h"
#include "vehicle/ecustore.h"

#include <QDir>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace Qt::StringLiterals;
using namespace Uptane;

namespace {

const QString kChild = QStringLiteral(UPTANE_CRASH_CHILD);

struct ChildRun
{
    bool killed = false;   // by us or by itself (SIGKILL)
    int exitCode = -1;
    int lines = 0;
    QByteArray err;
};

// Runs the child; kills it once it has printed killAfterLines lines (0: never).
ChildRun runChild(const QStringList &arguments, int killAfterLines, int timeoutMs = 120000)
{
    QProcess process;
    process.setProgram(kChild);
    process.setArguments(arguments);
    process.start();
    ChildRun run;
    if (!process.waitForStarted(10000))
        return run;
    QDeadlineTimer deadline(timeoutMs);
    while (process.state() != QProcess::NotRunning && !deadline.hasExpired()) {
        process.waitForReadyRead(200);
        while (process.canReadLine()) {
            process.readLine();
            if (++run.lines == killAfterLines) {
                ::kill(pid_t(process.processId()), SIGKILL);
                break;
            }
        }
    }
    if (process.state() != QProcess::NotRunning) {
        process.kill();
        process.waitForFinished();
        return run;
    }
    run.err = process.readAllStandardError();
    run.killed = process.exitStatus() == QProcess::CrashExit;
    run.exitCode = run.killed ? -1 : process.exitCode();
    return run;
}

} // namespace

class TestVehicleCrash : public QObject
{
    Q_OBJECT

    // Every ECU store of democar is consistent; returns the number checked.
    int checkStores(const QString &workspace, Metadata::Encoding encoding)
    {
        SystemClock clock;
        auto services = Services::OemServices::open(workspace, std::nullopt, clock);
        if (!services) {
            QTest::qFail(qPrintable(services.error().toString()), __FILE__, __LINE__);
            return 0;
        }
        const QDir vehicle(workspace + u"/vehicles/democar"_s);
        int checked = 0;
        for (const QString &serial : vehicle.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
            const QString where = u"ECU "_s + serial + u": "_s;
            auto store = Vehicle::EcuStore::open(vehicle.filePath(serial));
            if (!store && store.error().code == ErrorCode::NotFound)
                continue;  // killed before provisioning finished this ECU
            if (!store) {
                QTest::qFail(qPrintable(where + store.error().toString()), __FILE__, __LINE__);
                return checked;
            }
            const Vehicle::EcuState &state = store->state();
            if (!state.installed) {
                QTest::qFail(qPrintable(where + u"no installed image"_s), __FILE__, __LINE__);
                return checked;
            }
            // The image on disk is the one the state names, and one the Image Repository signed.
            auto bytes = store->imageBytes();
            if (!bytes || !Verify::checkImage(*bytes, *state.installed)) {
                QTest::qFail(qPrintable(where + u"installed image does not match its state"_s), __FILE__, __LINE__);
                return checked;
            }
            auto listed = (*services)->images().findImage(state.installed->path);
            if (!listed || listed->hashes.value(u"sha256"_s) != state.installed->hashes.value(u"sha256"_s)) {
                QTest::qFail(qPrintable(where + state.installed->path + u" is not a signed image"_s), __FILE__, __LINE__);
                return checked;
            }
            // The trusted metadata loads as a consistent set at the ECU's own time.
            const auto &files = store->metadata();
            auto director = Verify::TrustedRepository::create(files.value(u"director/root"_s), encoding,
                                                              state.attestedTime);
            if (!director) {
                QTest::qFail(qPrintable(where + director.error().toString()), __FILE__, __LINE__);
                return checked;
            }
            if (store->config().verification == Vehicle::Verification::Full) {
                for (const QString &repository : {u"director"_s, u"imagerepo"_s}) {
                    if (!files.contains(repository + u"/timestamp"_s))
                        continue;  // never refreshed yet
                    auto trusted = Verify::TrustedRepository::create(files.value(repository + u"/root"_s), encoding,
                                                                     state.attestedTime);
                    if (!trusted) {
                        QTest::qFail(qPrintable(where + trusted.error().toString()), __FILE__, __LINE__);
                        return checked;
                    }
                    auto loaded = trusted->updateTimestamp(files.value(repository + u"/timestamp"_s), true);
                    if (loaded)
                        loaded = trusted->updateSnapshot(files.value(repository + u"/snapshot"_s), true);
                    if (loaded)
                        loaded = trusted->updateTargets(files.value(repository + u"/targets"_s), true);
                    if (!loaded) {
                        QTest::qFail(qPrintable(where + repository + u": "_s + loaded.error().toString()), __FILE__, __LINE__);
                        return checked;
                    }
                }
            } else if (files.contains(u"director/targets"_s)) {
                auto targets = Metadata::parse<Metadata::Targets>(files.value(u"director/targets"_s), encoding);
                if (!targets || targets->body.version != state.directorTargetsVersion) {
                    QTest::qFail(qPrintable(where + u"Director targets do not match the state"_s), __FILE__, __LINE__);
                    return checked;
                }
            }
            ++checked;
        }
        return checked;
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(kChild), "build the vehiclecrashchild target");
    }

    void killedCyclesLeaveConsistentStores_data()
    {
        QTest::addColumn<Metadata::Encoding>("encoding");
        QTest::newRow("json") << Metadata::Encoding::Json;
        QTest::newRow("der") << Metadata::Encoding::Der;
    }
    void killedCyclesLeaveConsistentStores()
    {
        QFETCH(Metadata::Encoding, encoding);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString workspace = dir.filePath(u"ws"_s);
        const QString encodingName = Metadata::encodingName(encoding);
        // One clean cycle first, so every ECU exists before the kills begin.
        ChildRun first = runChild({workspace, encodingName, u"1"_s}, 0);
        QVERIFY2(first.exitCode == 0, first.err.constData());
        QCOMPARE(checkStores(workspace, encoding), 3);

        QRandomGenerator *random = QRandomGenerator::global();
        int kills = 0;
        for (int round = 0; round < 12; ++round) {
            ChildRun run;
            if (round % 3 == 2) {
                // Inside a commit: after the new generation is written, or after the switch.
                const QString step = round % 2 ? u"written"_s : u"switched"_s;
                run = runChild({workspace, encodingName, u"0"_s, step, QString::number(random->bounded(6))}, 0);
            } else {
                run = runChild({workspace, encodingName, u"0"_s}, 20 + int(random->bounded(600)));
            }
            QVERIFY2(run.killed, qPrintable(u"round %1 ended with %2: %3"_s.arg(round).arg(run.exitCode)
                                               .arg(QString::fromUtf8(run.err))));
            ++kills;
            QCOMPARE(checkStores(workspace, encoding), 3);
        }
        QCOMPARE(kills, 12);

        // After all that, the vehicle updates normally.
        ChildRun after = runChild({workspace, encodingName, u"2"_s}, 0);
        QVERIFY2(after.exitCode == 0, after.err.constData());
        QCOMPARE(checkStores(workspace, encoding), 3);
    }
};

QTEST_GUILESS_MAIN(TestVehicleCrash)
#include "tst_vehiclecrash.moc"
