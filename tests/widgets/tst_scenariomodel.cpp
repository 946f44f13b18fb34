// ScenarioModel: the catalogue as a tree (every scenario under its group, its steps below it,
// texts and ids in their roles), and the statuses of scenarios and steps following the
// runner's signals (started, finished, failed, stopped early, reset), with
// QAbstractItemModelTester watching every change; finally connected to a real
// ScenarioRunner playing the delivery on a real Lab.

#include "widgets/models/scenariomodel.h"

#include "attacks/catalogue.h"
#include "lab/lab.h"
#include "lab/scenariorunner.h"

#include <QAbstractItemModelTester>
#include <QColor>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Uptane;
using Attacks::Scenario;
using Attacks::ScenarioGroup;
using Attacks::ScenarioStep;
using Widgets::ScenarioModel;
using Status = ScenarioModel::Status;

namespace {

Result<void> nothing(Attacks::ScenarioContext &)
{
    return {};
}

Scenario threat(const QString &id, const char *title, const char *narration, QList<ScenarioStep> steps)
{
    Scenario scenario;
    scenario.id = id;
    scenario.group = ScenarioGroup::ThreatModel;
    scenario.title = title;
    scenario.narration = narration;
    scenario.outcome = "DEFENDED";
    scenario.steps = std::move(steps);
    return scenario;
}

// Two hand-made scenarios (never played: only their texts and shape matter here).
QList<Scenario> handMade()
{
    return {threat(u"a"_s, "Scenario A", "The attacker does A.",
                   {Attacks::operatorStep("publish", nothing), Attacks::adversaryStep("attack", nothing),
                    Attacks::cycleStep("cycle", u"democar"_s, {})}),
            threat(u"b"_s, "Scenario B", "The attacker does B.", {Attacks::cycleStep("cycle", u"democar"_s, {})})};
}

Lab::StepResult stepResult(const QString &scenario, int index, bool ok)
{
    Lab::StepResult result;
    result.scenario = scenario;
    result.index = index;
    result.title = u"step %1"_s.arg(index);
    Lab::Observation observation;
    observation.serial = u"TCUdemocar"_s;
    observation.expected = u"DEFENDED"_s;
    observation.expectedCode = ErrorCode::HashMismatch;
    observation.observed = ok ? u"DEFENDED"_s : u"UPDATED"_s;
    observation.observedCode = ok ? std::optional(ErrorCode::HashMismatch) : std::nullopt;
    observation.matches = ok;
    result.observations = {observation};
    return result;
}

Status statusOf(const QModelIndex &index)
{
    return Status(index.data(ScenarioModel::StatusRole).toInt());
}

} // namespace

class TestScenarioModel : public QObject
{
    Q_OBJECT
private slots:
    void catalogueTree()
    {
        ScenarioModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QList<Scenario> &catalogue = Attacks::catalogue();
        QVERIFY(!catalogue.isEmpty());

        // The three groups, in presentation order, with their translated names.
        QCOMPARE(model.rowCount(), 3);
        const QStringList groupTitles{u"Reference"_s, u"Threat model"_s, u"Partial verification"_s};
        const QList<ScenarioGroup> groups{ScenarioGroup::Reference, ScenarioGroup::ThreatModel,
                                          ScenarioGroup::PartialVerification};
        int scenarios = 0;
        for (int row = 0; row < model.rowCount(); ++row) {
            const QModelIndex group = model.index(row, ScenarioModel::TitleColumn);
            QCOMPARE(group.data().toString(), groupTitles.at(row));
            QCOMPARE(group.data(ScenarioModel::GroupRole).toInt(), int(groups.at(row)));
            QCOMPARE(group.data(ScenarioModel::NodeTypeRole).toInt(), int(ScenarioModel::NodeType::Group));
            QVERIFY(!group.data(ScenarioModel::StatusRole).isValid());
            scenarios += model.rowCount(group);
        }
        QCOMPARE(scenarios, catalogue.size());

        // Every scenario under its group, in catalogue order within it, with its steps.
        QHash<int, int> nextRow;
        for (const Scenario &scenario : catalogue) {
            const QModelIndex index = model.scenarioIndex(scenario.id);
            QVERIFY2(index.isValid(), qPrintable(scenario.id));
            QCOMPARE(index.parent().data(ScenarioModel::GroupRole).toInt(), int(scenario.group));
            QCOMPARE(index.row(), nextRow[int(scenario.group)]++);
            QCOMPARE(index.data().toString(), scenario.translatedTitle());
            QCOMPARE(index.siblingAtColumn(ScenarioModel::DetailColumn).data().toString(),
                     scenario.translatedOutcome());
            QCOMPARE(index.data(Qt::ToolTipRole).toString(), scenario.translatedNarration());
            QCOMPARE(index.data(ScenarioModel::IdRole).toString(), scenario.id);
            QCOMPARE(statusOf(index), Status::NotRun);
            QCOMPARE(model.rowCount(index), scenario.steps.size());
            for (int i = 0; i < scenario.steps.size(); ++i) {
                const QModelIndex step = model.index(i, ScenarioModel::TitleColumn, index);
                QCOMPARE(step, model.stepIndex(scenario.id, i));
                QCOMPARE(step.data().toString(), scenario.steps.at(i).translatedTitle());
                QCOMPARE(step.data(ScenarioModel::StepKindRole).toInt(), int(scenario.steps.at(i).kind));
                QCOMPARE(step.data(ScenarioModel::StepIndexRole).toInt(), i);
                QCOMPARE(step.data(ScenarioModel::IdRole).toString(), scenario.id);
                QVERIFY(!step.siblingAtColumn(ScenarioModel::DetailColumn).data().toString().isEmpty());
                QCOMPARE(model.rowCount(step), 0);
            }
        }
        QVERIFY(!model.scenarioIndex(u"no-such-scenario"_s).isValid());
        QVERIFY(!model.stepIndex(catalogue.first().id, -1).isValid());
        QVERIFY(!model.stepIndex(catalogue.first().id, int(catalogue.first().steps.size())).isValid());
    }

    void anyList()
    {
        // Only the groups that hold a scenario; setScenarios() replaces the tree.
        ScenarioModel model(handMade());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.index(0, 0).data(ScenarioModel::GroupRole).toInt(), int(ScenarioGroup::ThreatModel));
        QCOMPARE(model.rowCount(model.index(0, 0)), 2);
        QCOMPARE(model.rowCount(model.scenarioIndex(u"a"_s)), 3);
        QCOMPARE(model.stepIndex(u"a"_s, 2, ScenarioModel::DetailColumn).data().toString(), u"Update cycle"_s);

        model.setScenarios(Attacks::referenceScenarios());
        QCOMPARE(model.rowCount(), 1);
        QVERIFY(!model.scenarioIndex(u"a"_s).isValid());
        QVERIFY(model.scenarioIndex(u"deliver-update"_s).isValid());
        model.setScenarios({});
        QCOMPARE(model.rowCount(), 0);
    }

    void statusesFollowSteps()
    {
        ScenarioModel model(handMade());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        const QModelIndex a = model.scenarioIndex(u"a"_s);
        const auto step = [&](int i) { return model.stepIndex(u"a"_s, i); };

        model.markStepStarted(u"a"_s, 0);
        QCOMPARE(statusOf(a), Status::Running);
        QCOMPARE(statusOf(step(0)), Status::Running);
        QCOMPARE(statusOf(step(1)), Status::NotRun);
        QCOMPARE(statusOf(model.scenarioIndex(u"b"_s)), Status::NotRun);
        QVERIFY(!changed.isEmpty());

        model.markStepFinished(stepResult(u"a"_s, 0, true));
        QCOMPARE(statusOf(step(0)), Status::Passed);
        QCOMPARE(statusOf(a), Status::Running);  // until the scenario finishes
        model.markStepStarted(u"a"_s, 1);
        model.markStepFinished(stepResult(u"a"_s, 1, true));
        model.markStepStarted(u"a"_s, 2);
        QCOMPARE(statusOf(step(2)), Status::Running);
        const Lab::StepResult failed = stepResult(u"a"_s, 2, false);
        model.markStepFinished(failed);
        QCOMPARE(statusOf(step(2)), Status::Failed);
        const QString why = step(2).data(ScenarioModel::ResultRole).toString();
        QVERIFY2(why.contains(u"TCUdemocar"_s) && why.contains(u"UPDATED"_s)
                     && why.contains(errorCodeName(ErrorCode::HashMismatch)),
                 qPrintable(why));
        QVERIFY(step(0).data(ScenarioModel::ResultRole).toString().isEmpty());

        Lab::ScenarioResult result;
        result.id = u"a"_s;
        result.steps = {stepResult(u"a"_s, 0, true), stepResult(u"a"_s, 1, true), failed};
        model.markScenarioFinished(result);
        QCOMPARE(statusOf(a), Status::Failed);
        QVERIFY(a.data(Qt::ToolTipRole).toString().startsWith(u"The attacker does A."_s));
        QVERIFY(a.data(Qt::ToolTipRole).toString().contains(u"UPDATED"_s));

        // Each status has its own icon and colour.
        QCOMPARE(a.data(ScenarioModel::IconNameRole).toString(), ScenarioModel::iconName(Status::Failed));
        QCOMPARE(step(0).data(ScenarioModel::IconNameRole).toString(), u"status-passed"_s);
        QSet<QString> icons;
        QSet<QRgb> colours;
        for (Status s : {Status::NotRun, Status::Running, Status::Passed, Status::Failed})
            icons.insert(ScenarioModel::iconName(s));
        for (const QModelIndex &index : {a, step(0), model.scenarioIndex(u"b"_s)})
            colours.insert(index.data(Qt::DecorationRole).value<QColor>().rgb());
        QCOMPARE(icons.size(), 4);
        QCOMPARE(colours.size(), 3);

        // A passing run of b.
        model.markStepStarted(u"b"_s, 0);
        Lab::ScenarioResult passed;
        passed.id = u"b"_s;
        passed.steps = {stepResult(u"b"_s, 0, true)};
        model.markScenarioFinished(passed);
        QCOMPARE(statusOf(model.scenarioIndex(u"b"_s)), Status::Passed);
        QCOMPARE(statusOf(model.stepIndex(u"b"_s, 0)), Status::Passed);

        // Reset: everything NotRun again, reasons gone.
        model.reset();
        for (const QModelIndex &index : {a, step(0), step(1), step(2), model.scenarioIndex(u"b"_s)}) {
            QCOMPARE(statusOf(index), Status::NotRun);
            QVERIFY(index.data(ScenarioModel::ResultRole).toString().isEmpty());
        }
        QCOMPARE(a.data(Qt::ToolTipRole).toString(), u"The attacker does A."_s);
    }

    void unknownStepsChangeNothing()
    {
        ScenarioModel model(handMade());
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.markStepStarted(u"nope"_s, 0);
        model.markStepStarted(u"a"_s, 3);
        model.markStepStarted(u"a"_s, -1);
        model.markStepFinished(stepResult(u"a"_s, 7, false));
        Lab::ScenarioResult result;
        result.id = u"nope"_s;
        model.markScenarioFinished(result);
        model.reset();  // already NotRun
        QVERIFY(changed.isEmpty());
    }

    void stoppedEarly()
    {
        // A failing action ends its scenario: the step in flight goes back to NotRun, the
        // failed one shows its code, the scenario its problem. The model needs no stepFinished:
        // the scenario's result repeats its steps.
        ScenarioModel model(handMade());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.markStepStarted(u"a"_s, 0);
        model.markStepStarted(u"a"_s, 1);
        Lab::StepResult broken;
        broken.scenario = u"a"_s;
        broken.index = 0;
        broken.kind = ScenarioStep::Kind::Operator;
        broken.error = Error{ErrorCode::NotFound, u"no such image"_s};
        Lab::ScenarioResult result;
        result.id = u"a"_s;
        result.steps = {broken};
        result.problem = u"stopped"_s;
        model.markScenarioFinished(result);
        QCOMPARE(statusOf(model.scenarioIndex(u"a"_s)), Status::Failed);
        QCOMPARE(statusOf(model.stepIndex(u"a"_s, 0)), Status::Failed);
        QVERIFY(model.stepIndex(u"a"_s, 0).data(ScenarioModel::ResultRole).toString()
                    .contains(errorCodeName(ErrorCode::NotFound)));
        QCOMPARE(statusOf(model.stepIndex(u"a"_s, 1)), Status::NotRun);
        QCOMPARE(statusOf(model.stepIndex(u"a"_s, 2)), Status::NotRun);
        QVERIFY(model.scenarioIndex(u"a"_s).data(ScenarioModel::ResultRole).toString().contains(u"stopped"_s));
    }

    void followsARealRunner()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        Lab::Lab lab;
        Lab::LabOptions options;
        options.workspace = dir.filePath(u"ws"_s);
        const auto started = lab.startAndWait(options);
        QVERIFY2(started, started ? "" : qPrintable(started.error().toString()));

        const Scenario *delivery = Attacks::findScenario(u"deliver-update"_s);
        QVERIFY(delivery);
        ScenarioModel model({*delivery});
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        Lab::ScenarioRunner runner(lab);
        connect(&runner, &Lab::ScenarioRunner::stepStarted, &model, &ScenarioModel::markStepStarted);
        connect(&runner, &Lab::ScenarioRunner::stepFinished, &model, &ScenarioModel::markStepFinished);
        connect(&runner, &Lab::ScenarioRunner::scenarioFinished, &model, &ScenarioModel::markScenarioFinished);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

        const auto results = runner.runAndWait({*delivery});
        QVERIFY2(results, results ? "" : qPrintable(results.error().toString()));
        QVERIFY(results->first().passed());
        QVERIFY(!changed.isEmpty());
        const QModelIndex scenario = model.scenarioIndex(delivery->id);
        QCOMPARE(statusOf(scenario), Status::Passed);
        for (int i = 0; i < delivery->steps.size(); ++i)
            QCOMPARE(statusOf(model.stepIndex(delivery->id, i)), Status::Passed);
    }
};

QTEST_GUILESS_MAIN(TestScenarioModel)
#include "tst_scenariomodel.moc"
