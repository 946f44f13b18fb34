// The scenario panel offscreen on a real Lab (a fresh one per test): Run plays deliver-update
// to "passed" (in a light and a dark palette); Step plays ref-3.1 one press at a time (button,
// then the space bar) with the step highlighted and its observations listed; Stop ends a
// group run after the step in flight; Reset brings every status back; the model the tree
// shows passes QAbstractItemModelTester throughout.

#include "attacks/catalogue.h"
#include "lab/lab.h"
#include "widgets/models/scenariomodel.h"
#include "widgets/scenario/scenariopanel.h"
#include "widgets/scenario/scenariotreeproxy.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QLabel>
#include <QPalette>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTreeView>
#include <QTreeWidget>

#include <memory>

using namespace Qt::StringLiterals;
using Uptane::Widgets::ScenarioModel;
using Uptane::Widgets::ScenarioPanel;

namespace {

const QString kDeliver = u"deliver-update"_s;
const QString kMitm = u"ref-3.1-mitm-director"_s;

QPalette darkPalette()
{
    QPalette dark;
    dark.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
    dark.setColor(QPalette::WindowText, QColor(0xee, 0xee, 0xee));
    dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    dark.setColor(QPalette::AlternateBase, QColor(0x2b, 0x2b, 0x2b));
    dark.setColor(QPalette::Text, QColor(0xee, 0xee, 0xee));
    dark.setColor(QPalette::Button, QColor(0x3a, 0x3a, 0x3a));
    dark.setColor(QPalette::ButtonText, QColor(0xee, 0xee, 0xee));
    dark.setColor(QPalette::Highlight, QColor(0x2a, 0x82, 0xda));
    dark.setColor(QPalette::HighlightedText, Qt::white);
    return dark;
}

ScenarioModel::Status status(const QModelIndex &index)
{
    return ScenarioModel::Status(index.data(ScenarioModel::StatusRole).toInt());
}

// Saves a picture of the widget when UPTANE_GRAB_DIR is set (to look at it).
void grab(QWidget &widget, const QString &name)
{
    const QPixmap picture = widget.grab();
    QVERIFY(!picture.isNull());
    if (qEnvironmentVariableIsSet("UPTANE_GRAB_DIR"))
        picture.save(qEnvironmentVariable("UPTANE_GRAB_DIR") + u'/' + name + u".png"_s);
}

} // namespace

class TestScenarioPanel : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Uptane::Lab::Lab> m_lab;
    std::unique_ptr<ScenarioPanel> m_panel;
    std::unique_ptr<QAbstractItemModelTester> m_proxyTester;
    std::unique_ptr<QAbstractItemModelTester> m_modelTester;

    template <typename T>
    T *child(const char *name)
    {
        return m_panel->findChild<T *>(QString::fromLatin1(name));
    }

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_lab = std::make_unique<Uptane::Lab::Lab>();
        Uptane::Lab::LabOptions options;
        options.workspace = m_dir->filePath(u"ws"_s);
        auto started = m_lab->startAndWait(options);
        QVERIFY2(started, qPrintable(started ? QString() : started.error().toString()));
        m_panel = std::make_unique<ScenarioPanel>(*m_lab);
        m_panel->resize(720, 820);
        auto *tree = child<QTreeView>("scenarioTree");
        QVERIFY(tree);
        m_proxyTester = std::make_unique<QAbstractItemModelTester>(
            tree->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_modelTester = std::make_unique<QAbstractItemModelTester>(
            &m_panel->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    }

    void cleanup()
    {
        m_proxyTester.reset();
        m_modelTester.reset();
        m_panel.reset();
        m_lab.reset();
        m_dir.reset();
        QApplication::setPalette(QPalette());
    }

    void objectNames()
    {
        QCOMPARE(m_panel->objectName(), u"scenarioPanel"_s);
        QVERIFY(child<QTextBrowser>("scenarioNarration"));
        QVERIFY(child<QTreeWidget>("stepObservations"));
        QVERIFY(child<QLabel>("scenarioStatus"));
        for (const char *name : {"runScenario", "stepScenario", "stopScenario", "resetScenarios"}) {
            auto *button = child<QPushButton>(name);
            QVERIFY2(button, name);
            QVERIFY(!button->accessibleName().isEmpty());
            QVERIFY(!button->icon().isNull());
            QVERIFY(button->text().contains(u'&'));  // a mnemonic
        }
        // The groups, in catalogue order, open; every scenario of the catalogue listed.
        auto *tree = child<QTreeView>("scenarioTree");
        QCOMPARE(tree->model()->rowCount(), 3);
        QVERIFY(tree->isExpanded(tree->model()->index(0, 0)));
        for (const Uptane::Attacks::Scenario &scenario : Uptane::Attacks::catalogue())
            QVERIFY(m_panel->model().scenarioIndex(scenario.id).isValid());
        // Status icons come from the SVG resources.
        for (auto s : {ScenarioModel::Status::NotRun, ScenarioModel::Status::Running, ScenarioModel::Status::Passed,
                       ScenarioModel::Status::Failed}) {
            const QIcon icon = Uptane::Widgets::ScenarioTreeProxy::statusIcon(ScenarioModel::iconName(s));
            QVERIFY(!icon.pixmap(32).isNull());
        }
        QVERIFY(!m_panel->isRunning());
        QVERIFY(!child<QPushButton>("stopScenario")->isEnabled());
    }

    void selectingShowsNarration()
    {
        m_panel->selectScenario(kMitm);
        const Uptane::Attacks::Scenario *scenario = Uptane::Attacks::findScenario(kMitm);
        const QString text = child<QTextBrowser>("scenarioNarration")->toPlainText();
        QVERIFY(text.contains(scenario->translatedTitle()));
        QVERIFY(text.contains(scenario->translatedOutcome()));
        m_panel->selectScenario(u"no-such-scenario"_s);  // ignored
        QVERIFY(child<QTextBrowser>("scenarioNarration")->toPlainText().contains(scenario->translatedTitle()));
    }

    void runPassesDeliverUpdate_data()
    {
        QTest::addColumn<bool>("dark");
        QTest::newRow("light palette") << false;
        QTest::newRow("dark palette") << true;
    }

    void runPassesDeliverUpdate()
    {
        QFETCH(bool, dark);
        if (dark)
            QApplication::setPalette(darkPalette());
        m_panel->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
        QSignalSpy busy(m_panel.get(), &ScenarioPanel::busyChanged);
        QSignalSpy finished(m_panel.get(), &ScenarioPanel::scenarioFinished);
        QSignalSpy steps(m_panel.get(), &ScenarioPanel::stepFinished);
        m_panel->selectScenario(kDeliver);
        QTest::mouseClick(child<QPushButton>("runScenario"), Qt::LeftButton);
        QVERIFY(m_panel->isRunning());
        QCOMPARE(busy.count(), 1);
        QCOMPARE(busy.at(0).at(0).toBool(), true);
        QVERIFY(!child<QPushButton>("runScenario")->isEnabled());
        QVERIFY(child<QPushButton>("stopScenario")->isEnabled());

        const QModelIndex scenario = m_panel->model().scenarioIndex(kDeliver);
        QTRY_COMPARE_WITH_TIMEOUT(status(scenario), ScenarioModel::Status::Passed, 60000);
        QTRY_VERIFY(!m_panel->isRunning());
        QCOMPARE(busy.last().at(0).toBool(), false);
        QCOMPARE(finished.count(), 1);
        QVERIFY(finished.at(0).at(0).value<Uptane::Lab::ScenarioResult>().passed());
        QCOMPARE(steps.count(), Uptane::Attacks::findScenario(kDeliver)->steps.size());
        QVERIFY(child<QPushButton>("runScenario")->isEnabled());
        // The last step's observations: every row matches.
        auto *observations = child<QTreeWidget>("stepObservations");
        QVERIFY(observations->topLevelItemCount() > 0);
        for (int i = 0; i < observations->topLevelItemCount(); ++i)
            QVERIFY(observations->topLevelItem(i)->data(0, Qt::UserRole).toBool());
        QVERIFY(!child<QLabel>("scenarioStatus")->text().isEmpty());
        grab(*m_panel, dark ? u"scenariopanel-dark"_s : u"scenariopanel-light"_s);
    }

    void stepsThroughOnePressAtATime()
    {
        m_panel->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
        const Uptane::Attacks::Scenario *scenario = Uptane::Attacks::findScenario(kMitm);
        QVERIFY(scenario);
        const int count = int(scenario->steps.size());
        QVERIFY(count > 1);
        QSignalSpy steps(m_panel.get(), &ScenarioPanel::stepFinished);
        QSignalSpy finished(m_panel.get(), &ScenarioPanel::scenarioFinished);
        m_panel->selectScenario(kMitm);
        auto *tree = child<QTreeView>("scenarioTree");
        auto *proxy = qobject_cast<Uptane::Widgets::ScenarioTreeProxy *>(tree->model());
        QVERIFY(proxy);
        tree->setFocus();
        for (int i = 0; i < count; ++i) {
            if (i == 0)
                QTest::mouseClick(child<QPushButton>("stepScenario"), Qt::LeftButton);
            else
                QTest::keyClick(tree, Qt::Key_Space);  // Space = Step while the panel has focus
            // One step per press: a second press while it plays does nothing.
            QVERIFY(!m_panel->stepOnce());
            const QModelIndex step = m_panel->model().stepIndex(kMitm, i);
            QCOMPARE(proxy->currentStep(), QModelIndex(step));  // highlighted while it plays
            QVERIFY(tree->model()->data(proxy->mapFromSource(step), Qt::BackgroundRole).isValid());
            QTRY_COMPARE_WITH_TIMEOUT(steps.count(), i + 1, 30000);
            QCOMPARE(status(step), ScenarioModel::Status::Passed);
            const auto result = steps.last().at(0).value<Uptane::Lab::StepResult>();
            QCOMPARE(result.index, i);
            QVERIFY(result.ok());
            QVERIFY(child<QLabel>("stepTitle")->text().contains(result.title));
            QCOMPARE(child<QTreeWidget>("stepObservations")->topLevelItemCount(), result.observations.size());
            // The rest waits for the next press.
            if (i + 1 < count) {
                QTRY_VERIFY(!m_panel->runner().isBusy());
                QCOMPARE(m_panel->runner().nextStepIndex(), i + 1);
                QCOMPARE(status(m_panel->model().stepIndex(kMitm, i + 1)), ScenarioModel::Status::NotRun);
            }
        }
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
        QVERIFY(finished.at(0).at(0).value<Uptane::Lab::ScenarioResult>().passed());
        QTRY_COMPARE(status(m_panel->model().scenarioIndex(kMitm)), ScenarioModel::Status::Passed);
        QTRY_VERIFY(!m_panel->isRunning());
        QVERIFY(!proxy->currentStep().isValid());
        QVERIFY(!m_panel->runner().hasNext());
        grab(*m_panel, u"scenariopanel-stepped"_s);
    }

    void stopEndsAGroupRun()
    {
        const Uptane::Attacks::Scenario *first = Uptane::Attacks::findScenario(kDeliver);
        QVERIFY(first && first->steps.size() > 1);
        QSignalSpy finished(m_panel.get(), &ScenarioPanel::scenarioFinished);
        // Stop as soon as the first step plays: the runner ends after it.
        connect(m_panel.get(), &ScenarioPanel::stepStarted, m_panel.get(),
                [this] { QTest::mouseClick(child<QPushButton>("stopScenario"), Qt::LeftButton); },
                Qt::SingleShotConnection);
        m_panel->runScenario(u"reference"_s);
        QVERIFY(m_panel->isRunning());
        QTRY_VERIFY_WITH_TIMEOUT(!m_panel->isRunning(), 30000);
        QCOMPARE(finished.count(), 1);
        const auto result = finished.at(0).at(0).value<Uptane::Lab::ScenarioResult>();
        QCOMPARE(result.id, kDeliver);
        QCOMPARE(result.steps.size(), 1);
        QCOMPARE(result.problem, u"stopped"_s);
        QCOMPARE(status(m_panel->model().scenarioIndex(kDeliver)), ScenarioModel::Status::Failed);
        QCOMPARE(status(m_panel->model().scenarioIndex(kMitm)), ScenarioModel::Status::NotRun);
        QVERIFY(!m_panel->runner().hasNext());
        QVERIFY(!m_lab->adversary().isActive());
        QVERIFY(!child<QPushButton>("stopScenario")->isEnabled());
    }

    void resetBringsEveryStatusBack()
    {
        m_panel->runScenario(kDeliver);
        QTRY_COMPARE_WITH_TIMEOUT(status(m_panel->model().scenarioIndex(kDeliver)), ScenarioModel::Status::Passed,
                                  60000);
        QTRY_VERIFY(!m_panel->isRunning());
        QTest::mouseClick(child<QPushButton>("resetScenarios"), Qt::LeftButton);
        QCOMPARE(status(m_panel->model().scenarioIndex(kDeliver)), ScenarioModel::Status::NotRun);
        QCOMPARE(status(m_panel->model().stepIndex(kDeliver, 0)), ScenarioModel::Status::NotRun);
        QCOMPARE(child<QTreeWidget>("stepObservations")->topLevelItemCount(), 0);
        QVERIFY(child<QLabel>("scenarioStatus")->text().isEmpty());
    }

    void resetWhileRunningStopsAndClears()
    {
        connect(m_panel.get(), &ScenarioPanel::stepStarted, m_panel.get(),
                [this] { QTest::mouseClick(child<QPushButton>("resetScenarios"), Qt::LeftButton); },
                Qt::SingleShotConnection);
        m_panel->runScenario(u"reference"_s);
        QTRY_VERIFY_WITH_TIMEOUT(!m_panel->isRunning(), 30000);
        const ScenarioModel &model = m_panel->model();
        for (int g = 0; g < model.rowCount(); ++g) {
            const QModelIndex group = model.index(g, 0);
            for (int s = 0; s < model.rowCount(group); ++s)
                QCOMPARE(status(model.index(s, 0, group)), ScenarioModel::Status::NotRun);
        }
        QVERIFY(!m_lab->adversary().isActive());
    }

    void unknownIdRunsNothing()
    {
        QSignalSpy busy(m_panel.get(), &ScenarioPanel::busyChanged);
        m_panel->runScenario(u"no-such-scenario"_s);
        QVERIFY(!m_panel->isRunning());
        QCOMPARE(busy.count(), 0);
    }
};

QTEST_MAIN(TestScenarioPanel)
#include "tst_scenariopanel.moc"
