#pragma once

// The scenario panel (issue 6, "Scenario panel"): the attack catalogue as a tree grouped into
// reference demo, threat model and partial verification, with each scenario's and step's
// status; the selected scenario's narration and expected outcome; Run, Step, Stop and Reset.
// It owns a Lab::ScenarioRunner on the lab and the ScenarioModel the tree shows (through
// ScenarioTreeProxy), fed by the runner's signals. It never waits: the runner is
// asynchronous, and the panel only reacts to its signals.
//
//   Run    the selected scenario; the selected group's scenarios; every scenario when
//          nothing is selected. When a scenario is being stepped, Run plays the rest of it.
//   Step   loads the selected scenario (or group) when nothing is queued, then plays one step
//          per press. The space bar steps too while the panel has focus (the main window
//          binds it application-wide in presentation mode by calling stepOnce()).
//   Stop   stops after the step in flight; the scenario is cleaned up and marked not passed.
//   Reset  stops, and every status back to "not run".
// While a step plays it is highlighted in the tree; when it finishes, its observations
// (expected against observed, per ECU and for the Director) are listed under the narration.
//
// Object names: "scenarioPanel", "scenarioTree" (QTreeView), "scenarioNarration"
// (QTextBrowser), "scenarioStatus" (QLabel: what is playing / how the last run went),
// "stepTitle" (QLabel) and "stepObservations" (QTreeWidget: one row per observation,
// columns: where, ECU, expected, observed), buttons "runScenario", "stepScenario",
// "stopScenario", "resetScenarios"; the space bar's QShortcut is "stepShortcut" (a window that
// binds Space itself disables it, or the two would be ambiguous).

#include "lab/scenariorunner.h"

#include <QHash>
#include <QWidget>

class QLabel;
class QPushButton;
class QTextBrowser;
class QTreeView;
class QTreeWidget;

namespace Uptane::Lab {
class Lab;
}

namespace Uptane::Widgets {

class ScenarioModel;
class ScenarioTreeProxy;

class ScenarioPanel : public QWidget
{
    Q_OBJECT
public:
    // The lab must outlive the panel (and be started before anything is run).
    explicit ScenarioPanel(Lab::Lab &lab, QWidget *parent = nullptr);
    ~ScenarioPanel() override;

    // Plays a scenario by id, a group by its name ("reference", "threat-model", "partial"),
    // or "all" (the whole catalogue), from start to end. Ignored while a step plays or an id
    // is unknown. When a scenario is being stepped, plays the rest of it instead.
    void runScenario(const QString &id);
    // One step (loading the selected scenario or group first when nothing is queued). False
    // when a step is still in flight, or there is nothing to play.
    bool stepOnce();
    // Selects (and shows) a scenario in the tree; its narration appears.
    void selectScenario(const QString &id);
    // Stops after the step in flight (the Stop button).
    void stop();
    // Stop, then every status back to "not run" (the Reset button).
    void resetScenarios();

    Lab::ScenarioRunner &runner();
    ScenarioModel &model();
    // A run or a step is in progress (Run, Step: disabled; Stop: enabled).
    bool isRunning() const;

Q_SIGNALS:
    void stepStarted(const QString &scenario, int index);
    void stepFinished(const Uptane::Lab::StepResult &result);
    void scenarioFinished(const Uptane::Lab::ScenarioResult &result);
    void busyChanged(bool busy);

private:
    QList<Attacks::Scenario> scenariosFor(const QString &id) const;
    QString selectionId() const;
    void runSelection();
    void onStepStarted(const QString &scenario, int index);
    void onStepFinished(const Lab::StepResult &result);
    void onScenarioFinished(const Lab::ScenarioResult &result);
    void onFinished(const QList<Lab::ScenarioResult> &results);
    void showSelection();
    void showObservations(const Lab::StepResult &result);
    void clearObservations();
    void updateState();

    Lab::ScenarioRunner *m_runner = nullptr;
    ScenarioModel *m_model = nullptr;
    ScenarioTreeProxy *m_proxy = nullptr;
    QTreeView *m_tree = nullptr;
    QTextBrowser *m_narration = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_stepTitle = nullptr;
    QTreeWidget *m_observations = nullptr;
    QPushButton *m_run = nullptr;
    QPushButton *m_step = nullptr;
    QPushButton *m_stop = nullptr;
    QPushButton *m_reset = nullptr;
    // The results of the steps played since the last reset, by "<scenario>#<index>".
    QHash<QString, Lab::StepResult> m_results;
    int m_queued = 0;           // scenarios in the current load
    int m_passed = 0;           // of them, passed so far
    int m_finishedCount = 0;
    bool m_playing = false;     // run(): steps follow one another
    bool m_busy = false;        // last value busyChanged() reported
    bool m_resetWhenIdle = false;
};

} // namespace Uptane::Widgets
