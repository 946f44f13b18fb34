// ScenarioRunner: the mechanics of playing scenarios on a real Lab, with hand-made scenarios
// (independent of the catalogue's content): a passing scenario, mismatches reported (verdict,
// code, an ECU left out, an ECU that does not exist), a failing action ending its scenario and
// cleaning up, a scenario that leaves an attack active, planted images coming out
// COMPROMISED, step-by-step play and stop, and what the Director's inventory shows.

#include "lab/lab.h"
#include "lab/scenariorunner.h"
#include "metadata/busmessage.h"
#include "services/oemservices.h"

#include "scenariodescription.h"

#include <QCryptographicHash>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Uptane;
using namespace Qt::StringLiterals;
namespace Demo = Uptane::Services::DemoFleet;
using Attacks::DirectorExpectation;
using Attacks::DirectorFinding;
using Attacks::EcuExpectation;
using Attacks::Scenario;
using Attacks::ScenarioContext;
using Attacks::ScenarioStep;
using Lab::Observation;
using Lab::ScenarioResult;
using Vehicle::Verdict;

namespace {

Result<void> assignFirmware(ScenarioContext &ctx)
{
    for (const QString &serial : Demo::secondarySerials()) {
        if (auto assigned = ctx.services().director().assign(Demo::vin(), serial, Demo::firmwarePath()); !assigned)
            return fail(assigned.error());
    }
    return {};
}

QList<EcuExpectation> expect(Verdict primary, Verdict tcu, Verdict door)
{
    return {{Demo::primarySerial(), primary, {}}, {Demo::secondarySerial(), tcu, {}}, {Demo::partialSerial(), door, {}}};
}

QList<EcuExpectation> upToDate()
{
    return expect(Verdict::UpToDate, Verdict::UpToDate, Verdict::UpToDate);
}

Scenario scenario(const QString &id, QList<ScenarioStep> steps)
{
    Scenario made;
    made.id = id;
    made.title = "test scenario";
    made.steps = std::move(steps);
    return made;
}

// The reference demo's delivery: firmware.img to both Secondaries, then nothing new.
Scenario delivery(const QString &id = u"delivery"_s)
{
    return scenario(id, {Attacks::operatorStep("assign firmware.img", assignFirmware),
                         Attacks::cycleStep("deliver", Demo::vin(), expect(Verdict::UpToDate, Verdict::Updated, Verdict::Updated),
                                            {{Demo::secondarySerial(), DirectorFinding::Installed, {}},
                                             {Demo::partialSerial(), DirectorFinding::Installed, {}}}),
                         Attacks::cycleStep("again", Demo::vin(), upToDate())});
}

const Observation *observation(const Lab::StepResult &step, const QString &serial,
                               Observation::Where where = Observation::Where::Ecu)
{
    for (const Observation &observation : step.observations) {
        if (observation.serial == serial && observation.where == where)
            return &observation;
    }
    return nullptr;
}

} // namespace

class TestScenarioRunner : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Lab::Lab> m_lab;

    Lab::Lab &lab() { return *m_lab; }

    ScenarioResult runOne(const Scenario &played)
    {
        Lab::ScenarioRunner runner(lab());
        auto results = runner.runAndWait({played});
        if (!results || results->size() != 1)
            return {};
        return results->first();
    }

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_lab = std::make_unique<Lab::Lab>();
        Lab::LabOptions options;
        options.workspace = m_dir->filePath(u"ws"_s);
        const auto started = m_lab->startAndWait(options);
        QVERIFY2(started, started ? "" : qPrintable(started.error().toString()));
    }
    void cleanup()
    {
        m_lab.reset();
        m_dir.reset();
    }

    void passingScenario()
    {
        Lab::ScenarioRunner runner(lab());
        QSignalSpy steps(&runner, &Lab::ScenarioRunner::stepFinished);
        QSignalSpy scenarios(&runner, &Lab::ScenarioRunner::scenarioFinished);
        QSignalSpy finished(&runner, &Lab::ScenarioRunner::finished);
        const auto results = runner.runAndWait({delivery()});
        QVERIFY(results);
        QCOMPARE(results->size(), 1);
        const ScenarioResult &result = results->first();
        QVERIFY2(result.passed(), qPrintable(Test::describeScenario(result)));
        QCOMPARE(result.steps.size(), 3);
        QCOMPARE(result.steps.at(1).observations.size(), 5);  // three ECUs, two Director findings
        const Observation *tcu = observation(result.steps.at(1), Demo::secondarySerial());
        QVERIFY(tcu);
        QCOMPARE(tcu->expected, u"UPDATED"_s);
        QCOMPARE(tcu->observed, u"UPDATED"_s);
        QCOMPARE(steps.size(), 3);
        QCOMPARE(scenarios.size(), 1);
        QCOMPARE(finished.size(), 1);
        QVERIFY(!runner.hasNext());
        QVERIFY(!runner.isBusy());
    }

    // Every way a cycle can differ from what the step expects is a mismatch of its own.
    void mismatchesAreReported()
    {
        QList<EcuExpectation> expected = expect(Verdict::UpToDate, Verdict::Updated, Verdict::Defended);
        expected[2].code = ErrorCode::HashMismatch;               // DOOR: wrong verdict and code
        expected[0].code = ErrorCode::HashMismatch;               // INFO: right verdict, a code it has not
        expected.removeAt(1);                                     // TCU: no expectation
        expected.append({u"NOSUCHecu"_s, Verdict::UpToDate, {}});  // an ECU the vehicle lacks
        const ScenarioResult result = runOne(scenario(u"mismatch"_s,
            {Attacks::cycleStep("nothing assigned", Demo::vin(), expected,
                                {{Demo::secondarySerial(), DirectorFinding::NotInstalled, {}}})}));
        QCOMPARE(result.id, u"mismatch"_s);
        QVERIFY(!result.passed());
        QVERIFY(result.problem.isEmpty());
        QCOMPARE(result.steps.size(), 1);
        const Lab::StepResult &step = result.steps.first();
        QVERIFY(!step.error);
        QVERIFY(!step.ok());
        const Observation *door = observation(step, Demo::partialSerial());
        QVERIFY(door && !door->matches);
        QCOMPARE(door->expected, u"DEFENDED"_s);
        QCOMPARE(door->observed, u"UP TO DATE"_s);
        QCOMPARE(door->expectedCode, ErrorCode::HashMismatch);
        const Observation *info = observation(step, Demo::primarySerial());
        QVERIFY(info && !info->matches);
        QCOMPARE(info->observed, u"UP TO DATE"_s);
        const Observation *tcu = observation(step, Demo::secondarySerial());
        QVERIFY(tcu && !tcu->matches);
        QVERIFY(tcu->expected.isEmpty());
        const Observation *missing = observation(step, u"NOSUCHecu"_s);
        QVERIFY(missing && !missing->matches);
        QVERIFY(missing->observed.isEmpty());
        const Observation *director = observation(step, Demo::secondarySerial(), Observation::Where::Director);
        QVERIFY(director && !director->matches);
        QCOMPARE(director->observed, u"INSTALLED"_s);
        QCOMPARE(step.observations.size(), 5);
    }

    // An action that fails ends its scenario (the later steps are skipped), its tracked attack
    // is undone, and the next scenario still plays.
    void failingActionEndsScenario()
    {
        Lab::ScenarioRunner runner(lab());
        QSignalSpy started(&runner, &Lab::ScenarioRunner::stepStarted);
        const Scenario broken = scenario(u"broken"_s, {
            Attacks::adversaryStep("drop the Director's timestamp", [](ScenarioContext &ctx) -> Result<void> {
                ctx.track(ctx.adversary().dropRequests(u"/director/*"_s, u"drops the Director"_s));
                return {};
            }),
            Attacks::operatorStep("fail", [](ScenarioContext &) -> Result<void> {
                return fail(ErrorCode::IoError, u"disk full"_s);
            }),
            Attacks::cycleStep("never played", Demo::vin(), upToDate()),
        });
        const auto results = runner.runAndWait({broken, delivery()});
        QVERIFY(results);
        QCOMPARE(results->size(), 2);
        const ScenarioResult &first = results->at(0);
        QVERIFY(!first.passed());
        QCOMPARE(first.steps.size(), 2);
        QVERIFY(first.steps.at(0).ok());
        QVERIFY(first.steps.at(1).error);
        QCOMPARE(first.steps.at(1).error->code, ErrorCode::IoError);
        QVERIFY2(first.problem.isEmpty(), qPrintable(first.problem));
        QVERIFY(!lab().adversary().isActive());
        QVERIFY2(results->at(1).passed(), qPrintable(Test::describeScenario(results->at(1))));
        QCOMPARE(started.size(), 2 + 3);
    }

    void actionWithoutFunctionFails()
    {
        ScenarioStep empty = Attacks::operatorStep("nothing", {});
        const ScenarioResult result = runOne(scenario(u"empty"_s, {empty}));
        QVERIFY(!result.passed());
        QCOMPARE(result.steps.size(), 1);
        QVERIFY(result.steps.first().error);
        QCOMPARE(result.steps.first().error->code, ErrorCode::InvalidArgument);
    }

    void cycleOfUnknownVehicleFails()
    {
        const ScenarioResult result = runOne(scenario(u"nocar"_s, {Attacks::cycleStep("no such car", u"nocar"_s, upToDate())}));
        QVERIFY(!result.passed());
        QCOMPARE(result.steps.size(), 1);
        QVERIFY(result.steps.first().error);
        QCOMPARE(result.steps.first().error->code, ErrorCode::UnknownVehicle);
    }

    // An attack the scenario does not track and does not undo breaks "leaves the lab as found":
    // the scenario fails, and the runner takes the attack back.
    void attackLeftActiveIsAProblem()
    {
        const ScenarioResult result = runOne(scenario(u"careless"_s, {
            Attacks::adversaryStep("drop and forget", [](ScenarioContext &ctx) -> Result<void> {
                ctx.adversary().dropRequests(u"/imagerepo/*"_s, u"drops the Image Repository"_s);
                return {};
            }),
        }));
        QVERIFY(!result.passed());
        QVERIFY(result.steps.first().ok());
        QVERIFY2(result.problem.contains(u"left an attack active"_s), qPrintable(result.problem));
        QVERIFY(result.problem.contains(u"drops the Image Repository"_s));
        QVERIFY(!lab().adversary().isActive());
    }

    void plantedImageIsCompromised()
    {
        const ScenarioResult result = runOne(scenario(u"planted"_s, {
            Attacks::operatorStep("mark firmware.img malicious", [](ScenarioContext &ctx) -> Result<void> {
                auto path = ctx.services().images().imageFilePath(Demo::firmwarePath());
                if (!path)
                    return fail(path.error());
                QFile file(*path);
                if (!file.open(QIODevice::ReadOnly))
                    return fail(ErrorCode::IoError, file.errorString());
                ctx.markMalicious(QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256));
                return assignFirmware(ctx);
            }),
            Attacks::cycleStep("install it", Demo::vin(), expect(Verdict::UpToDate, Verdict::Compromised, Verdict::Compromised)),
        }));
        QVERIFY2(result.passed(), qPrintable(Test::describeScenario(result)));
    }

    // step() plays one step at a time; the runner says what comes next.
    void stepByStep()
    {
        Lab::ScenarioRunner runner(lab());
        QSignalSpy steps(&runner, &Lab::ScenarioRunner::stepFinished);
        QSignalSpy scenarios(&runner, &Lab::ScenarioRunner::scenarioFinished);
        QSignalSpy finished(&runner, &Lab::ScenarioRunner::finished);
        QVERIFY(!runner.step());  // nothing queued
        QVERIFY(runner.load({delivery()}));
        for (int index = 0; index < 3; ++index) {
            QCOMPARE(runner.nextScenario(), u"delivery"_s);
            QCOMPARE(runner.nextStepIndex(), index);
            QVERIFY(runner.step());
            QVERIFY(runner.isBusy());
            QVERIFY(!runner.step());  // one in flight
            QVERIFY(!runner.load({delivery()}));
            QTRY_COMPARE_WITH_TIMEOUT(steps.size(), index + 1, 60000);
            QCOMPARE(steps.last().first().value<Lab::StepResult>().index, index);
            if (index < 2) {
                QVERIFY(!runner.isBusy());
                QCOMPARE(scenarios.size(), 0);
            }
        }
        QTRY_COMPARE(finished.size(), 1);
        QCOMPARE(scenarios.size(), 1);
        QVERIFY(scenarios.first().first().value<ScenarioResult>().passed());
        QVERIFY(!runner.hasNext());
        QVERIFY(runner.nextScenario().isEmpty());
        QVERIFY(!runner.step());
    }

    // stop() in the middle of a scenario played step by step: it is cleaned up and reported
    // as stopped; the rest of the queue is dropped.
    void stopCleansUp()
    {
        Lab::ScenarioRunner runner(lab());
        QSignalSpy finished(&runner, &Lab::ScenarioRunner::finished);
        const Scenario attack = scenario(u"attack"_s, {
            Attacks::adversaryStep("drop the Director", [](ScenarioContext &ctx) -> Result<void> {
                ctx.track(ctx.adversary().dropRequests(u"/director/*"_s, u"drops the Director"_s));
                return {};
            }),
            Attacks::cycleStep("never played", Demo::vin(), upToDate()),
        });
        QVERIFY(runner.load({attack, delivery()}));
        QVERIFY(runner.step());
        QTRY_VERIFY(!runner.isBusy());
        QVERIFY(lab().adversary().isActive());
        runner.stop();
        QTRY_COMPARE(finished.size(), 1);
        const auto results = finished.first().first().value<QList<ScenarioResult>>();
        QCOMPARE(results.size(), 1);
        QCOMPARE(results.first().problem, u"stopped"_s);
        QVERIFY(!lab().adversary().isActive());
        QVERIFY(!runner.hasNext());
    }

    // The Director's view: the DOOR never received its image (a compromised Primary dropped
    // it on the bus), so its manifest still reports the old one; the Primary reports the
    // request it could not complete.
    void directorSeesImageNotInstalled()
    {
        const auto encoding = lab().options().encoding;
        const ScenarioResult result = runOne(scenario(u"dropped"_s, {
            Attacks::operatorStep("assign firmware.img", assignFirmware),
            Attacks::adversaryStep("drop the DOOR's image", [encoding](ScenarioContext &ctx) -> Result<void> {
                ctx.track(ctx.adversary().interceptBus(Demo::vin(), [encoding](const QString &, const QString &to,
                                                                            const QByteArray &bytes, bool isReply) {
                    auto message = Metadata::decodeBusMessage(bytes, encoding);
                    if (!isReply && to == Demo::partialSerial() && message
                        && message->kind == Metadata::BusMessage::Kind::Image)
                        return std::optional<QByteArray>();
                    return std::optional(bytes);
                }, u"drops the DOOR's image"_s));
                return {};
            }),
            Attacks::cycleStep("deliver", Demo::vin(), expect(Verdict::UpToDate, Verdict::Updated, Verdict::NoUpdate),
                               {{Demo::primarySerial(), DirectorFinding::AttackReported, ErrorCode::Cancelled},
                                {Demo::secondarySerial(), DirectorFinding::Installed, {}},
                                {Demo::partialSerial(), DirectorFinding::NotInstalled, {}}}),
        }));
        QVERIFY2(result.passed(), qPrintable(Test::describeScenario(result)));
        QVERIFY(!lab().adversary().isActive());
    }

    // A tampered manifest: the Director refuses it (every ECU's finding says so, with why).
    void directorSeesManifestRejected()
    {
        const ScenarioResult result = runOne(scenario(u"tampered"_s, {
            Attacks::adversaryStep("tamper with the manifest", [](ScenarioContext &ctx) -> Result<void> {
                ctx.track(ctx.adversary().tamperManifest(Demo::vin(), [](const QByteArray &) {
                    return QByteArray("tampered");
                }, u"replaces the manifest"_s));
                return {};
            }),
            Attacks::cycleStep("cycle", Demo::vin(), upToDate(),
                               {{Demo::primarySerial(), DirectorFinding::ManifestRejected, ErrorCode::MalformedJson},
                                {Demo::partialSerial(), DirectorFinding::ManifestRejected, {}}}),
        }));
        QVERIFY2(result.passed(), qPrintable(Test::describeScenario(result)));
    }

    // The Director's targets tampered with: the Primary refuses the update and reports the
    // attack in its manifest, which the Director records.
    void directorSeesAttackReported()
    {
        const ScenarioResult result = runOne(scenario(u"reported"_s, {
            Attacks::operatorStep("assign firmware.img", assignFirmware),
            Attacks::adversaryStep("flip the Director's targets", [](ScenarioContext &ctx) -> Result<void> {
                ctx.track(ctx.adversary().flipByte(u"/director/democar/metadata/*targets."_s + ctx.extension(), -3,
                                                   u"flips the Director's targets"_s));
                return {};
            }),
            Attacks::cycleStep("refused", Demo::vin(),
                               {{Demo::primarySerial(), Verdict::Defended, ErrorCode::HashMismatch},
                                {Demo::secondarySerial(), Verdict::Defended, ErrorCode::HashMismatch},
                                {Demo::partialSerial(), Verdict::Defended, ErrorCode::HashMismatch}},
                               {{Demo::primarySerial(), DirectorFinding::AttackReported, ErrorCode::HashMismatch},
                                {Demo::secondarySerial(), DirectorFinding::NotInstalled, {}}}),
        }));
        QVERIFY2(result.passed(), qPrintable(Test::describeScenario(result)));
    }

    void runAndWaitNeedsStartedLab()
    {
        Lab::Lab idle;
        Lab::ScenarioRunner runner(idle);
        const auto results = runner.runAndWait({delivery()});
        QVERIFY(!results);
        QCOMPARE(results.error().code, ErrorCode::InvalidArgument);
    }
};

QTEST_GUILESS_MAIN(TestScenarioRunner)
#include "tst_scenariorunner.moc"
