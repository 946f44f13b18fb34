#pragma once

// Plays scenarios of the catalogue (attacks/scenario.h) on a Lab and compares what happens
// with what each step expects. The GUI's scenario panel (Run, Step, Reset), the command line
// (`uptane-lab run`) and the tests drive it. Asynchronous like the Lab: from the owner
// thread, never waiting there; actions run on the services thread (Lab::runOnServices),
// cycles on workers (Lab::runCycle); the Director's view is read on the services thread.
//
// After the last step of a scenario (and when a step's action fails, which ends that
// scenario as failed) the runner undoes every adversary action the scenario tracked and
// checks the adversary is idle: a scenario that leaves an attack active fails
// ("leaves the lab as it found it").

#include "attacks/scenario.h"
#include "lab/lab.h"

#include <QObject>

#include <memory>

namespace Uptane::Lab {

// One compared value: an ECU's verdict, or what the Director shows for an ECU.
struct Observation
{
    enum class Where { Ecu, Director };
    Where where = Where::Ecu;
    QString serial;
    QString expected;                      // "DEFENDED", "INSTALLED" ...
    std::optional<ErrorCode> expectedCode;
    QString observed;
    std::optional<ErrorCode> observedCode;
    QString detail;                        // the error's detail, or why it did not match
    bool matches = false;
};

struct StepResult
{
    QString scenario;
    int index = 0;                    // 0-based step index in the scenario
    Attacks::ScenarioStep::Kind kind = Attacks::ScenarioStep::Kind::Cycle;
    QString title;                    // translated
    std::optional<Error> error;       // the action failed, or the cycle could not run
    QList<Observation> observations;  // Cycle steps
    bool ok() const;                  // no error and every observation matches
};

struct ScenarioResult
{
    QString id;
    QList<StepResult> steps;
    QString problem;                  // set when the scenario broke a rule (left an attack active, ...)
    bool passed() const;              // every step ok and no problem
};

class ScenarioRunner : public QObject
{
    Q_OBJECT
public:
    // The lab must be started and outlive the runner.
    explicit ScenarioRunner(Lab &lab, QObject *parent = nullptr);
    ~ScenarioRunner() override;

    // Queues scenarios (copied) to play in order; InvalidArgument while running.
    Result<void> load(const QList<Attacks::Scenario> &scenarios);
    // Plays every queued step, one after another (finished() at the end).
    void run();
    // Plays the next queued step only (stepFinished(), and scenarioFinished()/finished() when
    // it was the last of its scenario / of the queue). False when nothing is queued or a
    // step is in flight.
    bool step();
    // Stops after the step in flight; the current scenario is cleaned up (undo) and
    // reported as not passed ("stopped").
    void stop();
    bool isBusy() const;    // a step is in flight
    bool hasNext() const;   // steps are queued
    // The scenario and step the next step() plays (empty id when none).
    QString nextScenario() const;
    int nextStepIndex() const;

    // Blocking, for the command line and tests (not the GUI thread): load + run + wait.
    Result<QList<ScenarioResult>> runAndWait(const QList<Attacks::Scenario> &scenarios);

Q_SIGNALS:
    void stepStarted(const QString &scenario, int index);
    void stepFinished(const Uptane::Lab::StepResult &result);
    void scenarioFinished(const Uptane::Lab::ScenarioResult &result);
    void finished(const QList<Uptane::Lab::ScenarioResult> &results);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Uptane::Lab

Q_DECLARE_METATYPE(Uptane::Lab::StepResult)
Q_DECLARE_METATYPE(Uptane::Lab::ScenarioResult)
