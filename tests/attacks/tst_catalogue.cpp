// The attack catalogue as a whole (attacks/catalogue.h, the rules of attacks/scenario.h):
// well-formed entries (ids, texts, every ECU expected in every cycle, codes on every refusal,
// the defence each names), every scenario passing in a shuffled order, twice over, on one lab
// (they run in any order, any number of times, and leave the lab as found), and each
// scenario with a defence FAILING once that defence is switched off (Verify::DefenceOff):
// proof that it exercises the check it names.
//
// The shuffle's seed is printed; set UPTANE_SHUFFLE_SEED to replay an order.

#include "attacks/catalogue.h"
#include "lab/lab.h"
#include "lab/scenariorunner.h"
#include "services/oemservices.h"

#include "scenariodescription.h"

#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace Uptane;
using namespace Qt::StringLiterals;
namespace Demo = Uptane::Services::DemoFleet;
using Attacks::Scenario;
using Attacks::ScenarioStep;
using Metadata::Encoding;
using Vehicle::Verdict;

namespace {

QStringList democarSerials()
{
    QStringList serials = QStringList{Demo::primarySerial()} + Demo::secondarySerials();
    serials.sort();
    return serials;
}

// The scenarios a name stands for ("deliver-update" may carry a group prefix).
QList<const Scenario *> scenariosNamed(const QString &name)
{
    QList<const Scenario *> found;
    for (const Scenario &scenario : Attacks::catalogue()) {
        if (scenario.id == name || scenario.id.endsWith(u'-' + name))
            found.append(&scenario);
    }
    return found;
}

quint32 shuffleSeed()
{
    bool ok = false;
    const quint32 fromEnv = qEnvironmentVariable("UPTANE_SHUFFLE_SEED").toUInt(&ok);
    return ok ? fromEnv : QRandomGenerator::global()->generate();
}

// A lab started as `uptane-lab run` starts it (a 2-second low-speed window for slow
// retrieval) on its own temporary workspace.
struct FreshLab
{
    QTemporaryDir dir;
    Lab::Lab lab;

    Result<void> start(Encoding encoding)
    {
        if (!dir.isValid())
            return fail(ErrorCode::IoError, dir.errorString());
        Lab::LabOptions options;
        options.workspace = dir.filePath(u"ws"_s);
        options.encoding = encoding;
        options.lowSpeedSeconds = 2;
        return lab.startAndWait(options);
    }
};

} // namespace

class TestCatalogue : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        qInfo("catalogue: %lld scenarios", qlonglong(Attacks::catalogue().size()));
        QVERIFY(!Attacks::catalogue().isEmpty());
    }

    void idsAreUniqueAndSafe()
    {
        static const QRegularExpression safe(u"^[a-z0-9][a-z0-9.-]*$"_s);
        QSet<QString> ids;
        for (const Scenario &scenario : Attacks::catalogue()) {
            QVERIFY2(safe.match(scenario.id).hasMatch(), qPrintable(scenario.id));
            QVERIFY2(!ids.contains(scenario.id), qPrintable(scenario.id));
            ids.insert(scenario.id);
            QCOMPARE(Attacks::findScenario(scenario.id), &scenario);
        }
        QVERIFY(!Attacks::findScenario(u"no-such-scenario"_s));
    }

    void textsArePresent()
    {
        for (const Scenario &scenario : Attacks::catalogue()) {
            const char *id = qPrintable(scenario.id);
            QVERIFY2(!QByteArray(scenario.title).trimmed().isEmpty(), id);
            QVERIFY2(!QByteArray(scenario.narration).trimmed().isEmpty(), id);
            QVERIFY2(!QByteArray(scenario.outcome).trimmed().isEmpty(), id);
            QVERIFY2(!scenario.translatedTitle().isEmpty(), id);
            QVERIFY2(!scenario.steps.isEmpty(), id);
            for (const ScenarioStep &step : scenario.steps) {
                QVERIFY2(!QByteArray(step.title).trimmed().isEmpty(), id);
                if (step.kind != ScenarioStep::Kind::Cycle)
                    QVERIFY2(bool(step.action), id);
            }
        }
    }

    // Each cycle lists every ECU of democar once; every refusal names the check's code; the
    // last cycle leaves every ECU verifying normally.
    void cyclesExpectEveryEcu()
    {
        const QStringList serials = democarSerials();
        for (const Scenario &scenario : Attacks::catalogue()) {
            const ScenarioStep *lastCycle = nullptr;
            for (const ScenarioStep &step : scenario.steps) {
                if (step.kind != ScenarioStep::Kind::Cycle)
                    continue;
                lastCycle = &step;
                const QString where = scenario.id + u": "_s + QString::fromUtf8(step.title);
                QCOMPARE(step.vin, Demo::vin());
                QStringList expected;
                for (const Attacks::EcuExpectation &expectation : step.expected) {
                    expected.append(expectation.serial);
                    const bool refusal = expectation.verdict == Verdict::Defended || expectation.verdict == Verdict::Replay
                                         || expectation.verdict == Verdict::Frozen;
                    QVERIFY2(!refusal || expectation.code,
                             qPrintable(where + u": no error code for "_s + expectation.serial));
                }
                expected.sort();
                QVERIFY2(expected == serials, qPrintable(where + u": expects "_s + expected.join(u", "_s)));
                for (const Attacks::DirectorExpectation &director : step.director)
                    QVERIFY2(serials.contains(director.serial), qPrintable(where + u": "_s + director.serial));
            }
            QVERIFY2(lastCycle, qPrintable(scenario.id + u": no cycle"_s));
            for (const Attacks::EcuExpectation &expectation : lastCycle->expected) {
                QVERIFY2(expectation.verdict == Verdict::UpToDate || expectation.verdict == Verdict::Updated,
                         qPrintable(scenario.id + u": the last cycle leaves "_s + expectation.serial + u' '
                                    + Vehicle::verdictName(expectation.verdict)));
            }
        }
    }

    // Only the delivery and the eavesdropper demonstrate no check.
    void defencesAreNamed()
    {
        QSet<QString> withoutDefence;
        for (const QString &name : {u"deliver-update"_s, u"eavesdrop"_s}) {
            const auto found = scenariosNamed(name);
            QVERIFY2(found.size() == 1, qPrintable(name + u": %1 scenarios"_s.arg(found.size())));
            withoutDefence.insert(found.first()->id);
        }
        for (const Scenario &scenario : Attacks::catalogue()) {
            QVERIFY2((scenario.defence == Verify::Defence::None) == withoutDefence.contains(scenario.id),
                     qPrintable(scenario.id + u": "_s + Verify::defenceName(scenario.defence)));
        }
    }

    // Any order, any number of times, on one lab: the whole catalogue shuffled, twice.
    void allPassShuffledTwice_data()
    {
        QTest::addColumn<Encoding>("encoding");
        QTest::newRow("json") << Encoding::Json;
        QTest::newRow("der") << Encoding::Der;
    }
    void allPassShuffledTwice()
    {
        QFETCH(Encoding, encoding);
        const quint32 seed = shuffleSeed();
        qInfo("shuffle seed %u (set UPTANE_SHUFFLE_SEED=%u to replay this order)", seed, seed);
        QRandomGenerator random(seed);
        QList<Scenario> order = Attacks::catalogue() + Attacks::catalogue();
        std::shuffle(order.begin(), order.end(), random);

        FreshLab fresh;
        const auto started = fresh.start(encoding);
        QVERIFY2(started, started ? "" : qPrintable(started.error().toString()));
        Lab::ScenarioRunner runner(fresh.lab);
        const auto results = runner.runAndWait(order);
        QVERIFY(results);
        QCOMPARE(results->size(), order.size());
        QStringList failures;
        for (qsizetype at = 0; at < results->size(); ++at) {
            if (!results->at(at).passed())
                failures.append(u"#%1 "_s.arg(at) + Test::describeScenario(results->at(at)));
        }
        QStringList played;
        for (const Scenario &scenario : std::as_const(order))
            played.append(scenario.id);
        QVERIFY2(failures.isEmpty(), qPrintable(u"order: "_s + played.join(u' ') + u"\n"_s + failures.join(u'\n')));
        QVERIFY(!fresh.lab.adversary().isActive());
    }

    // Without the defence it demonstrates, a scenario no longer ends as it expects.
    void failsWithoutItsDefence_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<Encoding>("encoding");
        for (const Encoding encoding : {Encoding::Json, Encoding::Der}) {
            for (const Scenario &scenario : Attacks::catalogue()) {
                if (scenario.defence == Verify::Defence::None)
                    continue;
                const QString row = scenario.id + u' ' + Metadata::encodingName(encoding);
                QTest::newRow(qPrintable(row)) << scenario.id << encoding;
            }
        }
    }
    void failsWithoutItsDefence()
    {
        QFETCH(QString, id);
        QFETCH(Encoding, encoding);
        const Scenario *scenario = Attacks::findScenario(id);
        QVERIFY(scenario);
        FreshLab fresh;
        const auto started = fresh.start(encoding);
        QVERIFY2(started, started ? "" : qPrintable(started.error().toString()));
        Lab::ScenarioRunner runner(fresh.lab);
        std::optional<Result<QList<Lab::ScenarioResult>>> results;
        {
            const Verify::DefenceOff off(scenario->defence);
            results = runner.runAndWait({*scenario});
        }
        QVERIFY(*results);
        QCOMPARE((*results)->size(), 1);
        const Lab::ScenarioResult &result = (*results)->first();
        QVERIFY2(!result.passed(), qPrintable(u"still passes without "_s + Verify::defenceName(scenario->defence)
                                              + u":\n"_s + Test::describeScenario(result)));
    }
};

QTEST_GUILESS_MAIN(TestCatalogue)
#include "tst_catalogue.moc"
