// Free play (attacks/freeplay.h, lab/freeplay.h): the catalogue of toggles is well formed;
// on a real lab, in both encodings, each toggle switched on makes the next cycle show its
// defence (the refusal code, or the Director refusing the manifest), and switched off leaves
// the adversary idle and the next plain cycle UP TO DATE or UPDATED; two toggles on at once,
// undone in either order; the toggles built here fail to show their refusal without their
// defence; a failed switch changes nothing; the controller refuses what it
// must.

#include "attacks/adversary.h"
#include "attacks/freeplay.h"
#include "common/defences.h"
#include "lab/freeplay.h"
#include "lab/lab.h"
#include "services/oemservices.h"
#include "vehicle/vehicle.h"

#include <QRegularExpression>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <map>
#include <memory>

using namespace Uptane;
using namespace Qt::StringLiterals;
namespace Demo = Uptane::Services::DemoFleet;
using Attacks::FreePlayAttack;
using Metadata::Encoding;
using Vehicle::Verdict;

namespace {

struct LabUnderTest
{
    QTemporaryDir dir;
    Lab::Lab lab;
    std::unique_ptr<Lab::FreePlay> freePlay;
};

QString verdictText(Verdict verdict)
{
    return Vehicle::verdictName(verdict);
}

QString outcomeText(const Vehicle::CycleResult &cycle)
{
    QStringList parts;
    for (const Vehicle::EcuOutcome &outcome : cycle.outcomes) {
        parts.append(u"%1=%2%3"_s.arg(outcome.serial, verdictText(outcome.verdict),
                                      outcome.error ? u" "_s + outcome.error->toString() : QString()));
    }
    if (cycle.manifestError)
        parts.append(u"manifest: "_s + cycle.manifestError->toString());
    return parts.join(u"; "_s);
}

} // namespace

class TestFreePlay : public QObject
{
    Q_OBJECT

    std::map<int, std::unique_ptr<LabUnderTest>> m_labs;

    // One lab per encoding, shared by the rows (toggles must work in any lab state), started
    // on first use with a delivered release so the eavesdropper has an older set recorded.
    LabUnderTest *labFor(Encoding encoding)
    {
        auto &slot = m_labs[int(encoding)];
        if (slot)
            return slot.get();
        auto made = std::make_unique<LabUnderTest>();
        Lab::LabOptions options;
        options.workspace = made->dir.filePath(u"ws"_s);
        options.encoding = encoding;
        if (auto started = made->lab.startAndWait(options); !started) {
            qWarning("start: %s", qPrintable(started.error().toString()));
            return nullptr;
        }
        made->freePlay = std::make_unique<Lab::FreePlay>(made->lab);
        if (!made->lab.runCycleAndWait(Demo::vin()))
            return nullptr;
        slot = std::move(made);
        return slot.get();
    }

    // Switches and waits for the outcome; false when it failed.
    static bool switchAndWait(Lab::FreePlay &freePlay, const QString &id, bool on, Error *error = nullptr)
    {
        QSignalSpy changed(&freePlay, &Lab::FreePlay::changed);
        QSignalSpy failed(&freePlay, &Lab::FreePlay::failed);
        if (!freePlay.setActive(id, on))
            return false;
        if (!freePlay.isPending(id))
            return false;
        if (!QTest::qWaitFor([&] { return !changed.isEmpty() || !failed.isEmpty(); }, 60000))
            return false;
        if (!failed.isEmpty()) {
            if (error)
                *error = failed.first().at(1).value<Error>();
            return false;
        }
        return changed.first().at(0).toString() == id && changed.first().at(1).toBool() == on;
    }

    // The next cycle of democar with nobody attacking: every ECU UP TO DATE or UPDATED.
    static void verifyPlainCycle(Lab::Lab &lab)
    {
        QVERIFY(!lab.adversary().isActive());
        auto cycle = lab.runCycleAndWait(Demo::vin());
        QVERIFY2(cycle.has_value(), cycle ? "" : qPrintable(cycle.error().toString()));
        for (const Vehicle::EcuOutcome &outcome : cycle->outcomes) {
            QVERIFY2(outcome.verdict == Verdict::UpToDate || outcome.verdict == Verdict::Updated,
                     qPrintable(outcomeText(*cycle)));
        }
        QVERIFY2(!cycle->manifestError, qPrintable(outcomeText(*cycle)));
    }

    static void addEncodings(const std::function<void(const QString &, Encoding)> &row)
    {
        for (Encoding encoding : {Encoding::Json, Encoding::Der})
            row(encoding == Encoding::Json ? u"json"_s : u"der"_s, encoding);
    }

private slots:
    void catalogueIsWellFormed()
    {
        static const QRegularExpression safe(u"^[a-z0-9][a-z0-9.-]*$"_s);
        const QList<FreePlayAttack> all = Attacks::freePlayAttacks();
        QSet<QString> ids;
        for (const FreePlayAttack &attack : all) {
            const char *id = qPrintable(attack.id);
            QVERIFY2(safe.match(attack.id).hasMatch(), id);
            QVERIFY2(!ids.contains(attack.id), id);
            ids.insert(attack.id);
            QVERIFY2(!QByteArray(attack.title).trimmed().isEmpty(), id);
            QVERIFY2(!QByteArray(attack.explanation).trimmed().isEmpty(), id);
            QVERIFY2(!attack.translatedTitle().isEmpty() && !attack.translatedExplanation().isEmpty(), id);
            QVERIFY2(bool(attack.apply), id);
            QVERIFY2(attack.defence != Verify::Defence::None, id);
            QVERIFY2(!Attacks::attackerPlacementName(attack.placement).isEmpty(), id);
            QCOMPARE(attack.vin, Demo::vin());
            const FreePlayAttack *found = Attacks::findFreePlayAttack(attack.id);
            QVERIFY2(found && found->id == attack.id, id);
        }
        QVERIFY(!Attacks::findFreePlayAttack(u"no-such-attack"_s));
        // The brief's toggles.
        for (const QString &id : {u"mitm-director"_s, u"mitm-imagerepo"_s, u"replay-director"_s, u"replay-imagerepo"_s,
                                  u"freeze"_s, u"endless-data"_s, u"slow-retrieval"_s, u"drop-director"_s,
                                  u"stolen-director-keys"_s, u"stolen-imagerepo-keys"_s, u"stolen-supplier-key"_s,
                                  u"compromised-primary-metadata"_s, u"compromised-primary-image"_s,
                                  u"bus-tap-partial"_s, u"tampered-manifest"_s, u"replayed-attestation"_s})
            QVERIFY2(ids.contains(id), qPrintable(id));
    }

    void placementNames()
    {
        using P = Attacks::AttackerPlacement;
        QSet<QString> names;
        for (P placement : {P::DirectorLink, P::ImageRepoLink, P::TimeServerLink, P::DirectorServer,
                            P::ImageRepoServer, P::Primary})
            names.insert(Attacks::attackerPlacementName(placement));
        QCOMPARE(names.size(), 6);
        QVERIFY(names.contains(u"director-link"_s));
        QVERIFY(names.contains(u"primary"_s));
    }

    // A switch that cannot happen changes nothing.
    void refusals()
    {
        LabUnderTest *under = labFor(Encoding::Json);
        QVERIFY(under);
        Lab::FreePlay &freePlay = *under->freePlay;
        QVERIFY(!freePlay.setActive(u"no-such-attack"_s, true));
        QVERIFY(!freePlay.setActive(u"drop-director"_s, false));  // not on
        QVERIFY(freePlay.setActive(u"drop-director"_s, true));
        QVERIFY(freePlay.isPending(u"drop-director"_s));
        QVERIFY(!freePlay.setActive(u"drop-director"_s, false));  // in flight
        QTRY_VERIFY(freePlay.isActive(u"drop-director"_s));
        QVERIFY(!freePlay.isPending(u"drop-director"_s));
        QVERIFY(!freePlay.setActive(u"drop-director"_s, true));  // already on
        QCOMPARE(freePlay.active(), QStringList{u"drop-director"_s});
        QVERIFY(switchAndWait(freePlay, u"drop-director"_s, false));
        QVERIFY(freePlay.active().isEmpty());
        QVERIFY(!under->lab.adversary().isActive());
    }

    // A replay needs something recorded before the vehicle's last update: on a lab whose
    // vehicle never completed a cycle since free play began there is none, the switch fails
    // with NotFound and leaves nothing behind.
    void failedApplyChangesNothing()
    {
        QTemporaryDir dir;
        Lab::Lab lab;
        Lab::LabOptions options;
        options.workspace = dir.filePath(u"ws"_s);
        QVERIFY(lab.startAndWait(options).has_value());
        Lab::FreePlay freePlay(lab);
        Error error;
        QVERIFY(!switchAndWait(freePlay, u"replay-director"_s, true, &error));
        QCOMPARE(error.code, ErrorCode::NotFound);
        QVERIFY(!freePlay.isActive(u"replay-director"_s));
        QVERIFY(!freePlay.isPending(u"replay-director"_s));
        QVERIFY(!lab.adversary().isActive());
    }

    void eachToggle_data()
    {
        QTest::addColumn<Encoding>("encoding");
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("serial");  // the ECU whose outcome shows it; empty: the manifest
        QTest::addColumn<Verdict>("verdict");
        QTest::addColumn<ErrorCode>("code");
        const QString tcu = Demo::secondarySerial();
        const QString door = Demo::partialSerial();
        struct Row
        {
            QString id;
            QString serial;
            Verdict verdict;
            ErrorCode code;
        };
        const QList<Row> rows{
            {u"mitm-director"_s, tcu, Verdict::Defended, ErrorCode::HashMismatch},
            {u"mitm-imagerepo"_s, tcu, Verdict::Defended, ErrorCode::HashMismatch},
            {u"replay-director"_s, tcu, Verdict::Replay, ErrorCode::Rollback},
            {u"replay-imagerepo"_s, tcu, Verdict::Replay, ErrorCode::Rollback},
            {u"freeze"_s, tcu, Verdict::Frozen, ErrorCode::Expired},
            {u"endless-data"_s, tcu, Verdict::Defended, ErrorCode::LengthMismatch},
            {u"slow-retrieval"_s, tcu, Verdict::Defended, ErrorCode::SlowRetrieval},
            {u"drop-director"_s, tcu, Verdict::Defended, ErrorCode::ConnectionFailed},
            {u"stolen-director-keys"_s, tcu, Verdict::Defended, ErrorCode::TargetMismatch},
            {u"stolen-imagerepo-keys"_s, tcu, Verdict::Defended, ErrorCode::TargetMismatch},
            {u"stolen-supplier-key"_s, tcu, Verdict::Defended, ErrorCode::TargetMismatch},
            {u"compromised-primary-metadata"_s, tcu, Verdict::Defended, ErrorCode::ThresholdNotMet},
            {u"compromised-primary-image"_s, door, Verdict::Defended, ErrorCode::HashMismatch},
            {u"bus-tap-partial"_s, door, Verdict::Defended, ErrorCode::ThresholdNotMet},
            {u"tampered-manifest"_s, QString(), Verdict::UpToDate, ErrorCode::BadSignature},
            {u"replayed-attestation"_s, tcu, Verdict::Defended, ErrorCode::NonceMissing},
        };
        addEncodings([&](const QString &name, Encoding encoding) {
            for (const Row &row : rows) {
                QTest::addRow("%s %s", qPrintable(name), qPrintable(row.id))
                    << encoding << row.id << row.serial << row.verdict << row.code;
            }
        });
    }

    void eachToggle()
    {
        QFETCH(Encoding, encoding);
        QFETCH(QString, id);
        QFETCH(QString, serial);
        QFETCH(Verdict, verdict);
        QFETCH(ErrorCode, code);
        LabUnderTest *under = labFor(encoding);
        QVERIFY(under);
        Lab::FreePlay &freePlay = *under->freePlay;
        QVERIFY(freePlay.active().isEmpty());

        Error error;
        QVERIFY2(switchAndWait(freePlay, id, true, &error), qPrintable(error.toString()));
        QVERIFY(freePlay.isActive(id));
        auto cycle = under->lab.runCycleAndWait(Demo::vin());
        QVERIFY2(cycle.has_value(), cycle ? "" : qPrintable(cycle.error().toString()));
        if (serial.isEmpty()) {
            QVERIFY2(cycle->manifestError && cycle->manifestError->code == code, qPrintable(outcomeText(*cycle)));
        } else {
            const Vehicle::EcuOutcome *outcome = cycle->outcome(serial);
            QVERIFY(outcome);
            QVERIFY2(outcome->verdict == verdict && outcome->error && outcome->error->code == code,
                     qPrintable(outcomeText(*cycle)));
        }

        QVERIFY(switchAndWait(freePlay, id, false));
        QVERIFY(!freePlay.isActive(id));
        verifyPlainCycle(under->lab);
    }

    // The toggles built here rather than taken from a catalogue scenario (whose defences
    // tst_catalogue switches off) with the defence each names switched off: the cycle no
    // longer ends with that refusal, proof the toggle exercises the check it names.
    void withoutItsDefence_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("serial");
        QTest::addColumn<ErrorCode>("code");
        const QString tcu = Demo::secondarySerial();
        QTest::newRow("replay-director") << u"replay-director"_s << tcu << ErrorCode::Rollback;
        QTest::newRow("replay-imagerepo") << u"replay-imagerepo"_s << tcu << ErrorCode::Rollback;
        QTest::newRow("freeze") << u"freeze"_s << tcu << ErrorCode::Expired;
        QTest::newRow("stolen-imagerepo-keys") << u"stolen-imagerepo-keys"_s << tcu << ErrorCode::TargetMismatch;
        QTest::newRow("stolen-supplier-key") << u"stolen-supplier-key"_s << tcu << ErrorCode::TargetMismatch;
        QTest::newRow("bus-tap-partial") << u"bus-tap-partial"_s << Demo::partialSerial() << ErrorCode::ThresholdNotMet;
        QTest::newRow("replayed-attestation") << u"replayed-attestation"_s << tcu << ErrorCode::NonceMissing;
    }

    void withoutItsDefence()
    {
        QFETCH(QString, id);
        QFETCH(QString, serial);
        QFETCH(ErrorCode, code);
        const FreePlayAttack *attack = Attacks::findFreePlayAttack(id);
        QVERIFY(attack);
        LabUnderTest *under = labFor(Encoding::Json);
        QVERIFY(under);
        Lab::FreePlay &freePlay = *under->freePlay;
        // A release installed first, so the replays have an older set to replay.
        QVERIFY(switchAndWait(freePlay, u"compromised-primary-image"_s, true));
        QVERIFY(switchAndWait(freePlay, u"compromised-primary-image"_s, false));
        verifyPlainCycle(under->lab);
        {
            const Verify::DefenceOff off(attack->defence);
            Error error;
            QVERIFY2(switchAndWait(freePlay, id, true, &error), qPrintable(error.toString()));
            auto cycle = under->lab.runCycleAndWait(Demo::vin());
            QVERIFY(cycle.has_value());
            const Vehicle::EcuOutcome *outcome = cycle->outcome(serial);
            QVERIFY(outcome);
            QVERIFY2(!outcome->error || outcome->error->code != code, qPrintable(outcomeText(*cycle)));
            QVERIFY(switchAndWait(freePlay, id, false));
        }
        verifyPlainCycle(under->lab);
    }

    // Two toggles at once, each showing, then undone in the order they were switched on or in
    // reverse; the adversary is idle after both and the vehicle verifies normally.
    void twoAtOnce_data()
    {
        QTest::addColumn<Encoding>("encoding");
        QTest::addColumn<QString>("first");
        QTest::addColumn<QString>("second");
        QTest::addColumn<bool>("reverse");
        addEncodings([](const QString &name, Encoding encoding) {
            for (bool reverse : {false, true}) {
                const char *order = reverse ? "reverse" : "same order";
                QTest::addRow("%s image+manifest, %s", qPrintable(name), order)
                    << encoding << u"compromised-primary-image"_s << u"tampered-manifest"_s << reverse;
                QTest::addRow("%s both repositories' keys, %s", qPrintable(name), order)
                    << encoding << u"stolen-director-keys"_s << u"stolen-imagerepo-keys"_s << reverse;
            }
        });
    }

    void twoAtOnce()
    {
        QFETCH(Encoding, encoding);
        QFETCH(QString, first);
        QFETCH(QString, second);
        QFETCH(bool, reverse);
        LabUnderTest *under = labFor(encoding);
        QVERIFY(under);
        Lab::FreePlay &freePlay = *under->freePlay;
        QVERIFY(switchAndWait(freePlay, first, true));
        QVERIFY(switchAndWait(freePlay, second, true));
        QCOMPARE(freePlay.active(), (QStringList{first, second}));
        auto cycle = under->lab.runCycleAndWait(Demo::vin());
        QVERIFY(cycle.has_value());
        // Neither lets the release through unnoticed.
        const Vehicle::EcuOutcome *tcu = cycle->outcome(Demo::secondarySerial());
        QVERIFY(tcu);
        QVERIFY2(tcu->verdict != Verdict::Updated && tcu->verdict != Verdict::UpToDate, qPrintable(outcomeText(*cycle)));
        if (second == u"tampered-manifest")
            QVERIFY2(cycle->manifestError && cycle->manifestError->code == ErrorCode::BadSignature,
                     qPrintable(outcomeText(*cycle)));

        const QStringList order = reverse ? QStringList{second, first} : QStringList{first, second};
        QVERIFY(switchAndWait(freePlay, order.at(0), false));
        QVERIFY(under->lab.adversary().isActive());  // the other one is still there
        QCOMPARE(freePlay.active(), QStringList{order.at(1)});
        QVERIFY(switchAndWait(freePlay, order.at(1), false));
        QVERIFY(freePlay.active().isEmpty());
        verifyPlainCycle(under->lab);
    }

    // A free play destroyed takes its attacks back, one still switching on included.
    void destroyedTakesBack()
    {
        LabUnderTest *under = labFor(Encoding::Json);
        QVERIFY(under);
        {
            Lab::FreePlay other(under->lab);
            QVERIFY(switchAndWait(other, u"tampered-manifest"_s, true));
            QVERIFY(other.setActive(u"drop-director"_s, true));
            QVERIFY(other.isPending(u"drop-director"_s));
        }
        // After every job queued before this one.
        QVERIFY(under->lab.runOnServicesAndWait([](Services::OemServices &) { return Result<void>{}; }).has_value());
        QVERIFY(!under->lab.adversary().isActive());
        verifyPlainCycle(under->lab);
    }

    // undoAll() takes back every toggle, including one still switching on.
    void undoAll()
    {
        LabUnderTest *under = labFor(Encoding::Json);
        QVERIFY(under);
        Lab::FreePlay &freePlay = *under->freePlay;
        QSignalSpy changed(&freePlay, &Lab::FreePlay::changed);
        QVERIFY(switchAndWait(freePlay, u"drop-director"_s, true));
        QVERIFY(freePlay.setActive(u"replayed-attestation"_s, true));
        freePlay.undoAll();
        QTRY_VERIFY(freePlay.active().isEmpty() && !freePlay.isPending(u"replayed-attestation"_s)
                    && !freePlay.isPending(u"drop-director"_s));
        QTRY_COMPARE(changed.size(), 4);  // on, on, off, off
        verifyPlainCycle(under->lab);
    }

    void cleanupTestCase()
    {
        m_labs.clear();
    }
};

QTEST_GUILESS_MAIN(TestFreePlay)
#include "tst_freeplay.moc"
