#include "lab/scenariorunner.h"

#include "lab/scenariocheck_p.h"
#include "services/oemservices.h"

#include <QEventLoop>
#include <QPointer>

using namespace Qt::StringLiterals;

namespace Uptane::Lab {

using Attacks::DirectorExpectation;
using Attacks::DirectorFinding;
using Attacks::EcuExpectation;
using Attacks::Scenario;
using Attacks::ScenarioContext;
using Attacks::ScenarioStep;

bool StepResult::ok() const
{
    return !error && std::all_of(observations.cbegin(), observations.cend(),
                                 [](const Observation &observation) { return observation.matches; });
}

bool ScenarioResult::passed() const
{
    return problem.isEmpty() && !steps.isEmpty()
           && std::all_of(steps.cbegin(), steps.cend(), [](const StepResult &step) { return step.ok(); });
}

namespace {

// The context of one scenario run. Created by the first action on the services thread (it
// needs the services) and only ever touched there; the owner thread merely holds the pointer.
struct ContextSlot
{
    std::unique_ptr<ScenarioContext> context;
};

} // namespace

struct ScenarioRunner::Private
{
    Private(ScenarioRunner &runner, Lab &lab) : q(runner), lab(lab) {}

    ScenarioRunner &q;
    Lab &lab;
    QList<Scenario> queue;
    qsizetype scenarioIndex = 0;          // into queue
    int stepIndex = 0;                    // into queue[scenarioIndex].steps
    QList<ScenarioResult> results;        // since load()
    ScenarioResult current;
    std::shared_ptr<ContextSlot> slot;    // the current scenario's context
    Vehicle::MaliciousImages malicious;   // every image any scenario planted
    bool busy = false;
    bool running = false;                 // run(): keep going after each step
    bool stopRequested = false;
    QString cycleVin;                     // the cycle step in flight
    StepResult pending;                   // the step in flight

    const Scenario &scenario() const { return queue.at(scenarioIndex); }
    void playNext();
    void playAction(const ScenarioStep &step);
    void playCycle(const ScenarioStep &step);
    void onCycleFinished(const QString &vin, const Vehicle::CycleResult &cycle);
    void finishStep(StepResult result);
    void finishScenario(const QString &problem);
    void continueOrFinish();
};

void ScenarioRunner::Private::playNext()
{
    const Scenario &played = scenario();
    if (stepIndex == 0) {
        current = ScenarioResult{};
        current.id = played.id;
        slot = std::make_shared<ContextSlot>();
    }
    busy = true;
    if (played.steps.isEmpty()) {
        finishScenario(u"the scenario has no steps"_s);
        return;
    }
    const ScenarioStep &step = played.steps.at(stepIndex);
    pending = StepResult{};
    pending.scenario = played.id;
    pending.index = stepIndex;
    pending.kind = step.kind;
    pending.title = step.translatedTitle();
    Q_EMIT q.stepStarted(played.id, stepIndex);
    if (step.kind == ScenarioStep::Kind::Cycle)
        playCycle(step);
    else
        playAction(step);
}

void ScenarioRunner::Private::playAction(const ScenarioStep &step)
{
    auto planted = std::make_shared<Vehicle::MaliciousImages>();
    Attacks::Adversary *adversary = &lab.adversary();
    ManualClock *clock = &lab.clock();
    QPointer<ScenarioRunner> runner(&q);
    lab.runOnServices(
        [slot = slot, action = step.action, planted, adversary, clock](Services::OemServices &services) -> Result<void> {
            if (!action)
                return fail(ErrorCode::InvalidArgument, u"the step has no action"_s);
            if (!slot->context)
                slot->context = std::make_unique<ScenarioContext>(services, *adversary, *clock);
            auto done = action(*slot->context);
            *planted = slot->context->malicious();
            return done;
        },
        [this, runner, planted](Result<void> done) {
            if (!runner)
                return;
            if (!planted->isEmpty()) {
                malicious.unite(*planted);
                lab.setMaliciousImages(malicious);
            }
            StepResult result = pending;
            if (!done)
                result.error = done.error();
            finishStep(result);
        });
}

void ScenarioRunner::Private::playCycle(const ScenarioStep &step)
{
    cycleVin = step.vin;
    if (auto started = lab.runCycle(step.vin); !started) {
        cycleVin.clear();
        StepResult result = pending;
        result.error = started.error().context(u"cycle of %1"_s.arg(step.vin));
        // Not within this call: every step reports from the event loop.
        QPointer<ScenarioRunner> runner(&q);
        QMetaObject::invokeMethod(&q, [this, runner, result] {
            if (runner)
                finishStep(result);
        }, Qt::QueuedConnection);
    }
}

void ScenarioRunner::Private::onCycleFinished(const QString &vin, const Vehicle::CycleResult &cycle)
{
    if (!busy || vin != cycleVin)
        return;
    cycleVin.clear();
    const ScenarioStep &step = scenario().steps.at(stepIndex);
    StepResult result = pending;
    result.observations = compareEcus(step.expected, cycle);
    if (step.director.isEmpty()) {
        finishStep(result);
        return;
    }
    auto findings = std::make_shared<QHash<QString, Finding>>();
    const std::optional<Error> manifestError = cycle.manifestError;
    QPointer<ScenarioRunner> runner(&q);
    lab.runOnServices(
        [findings, vin, manifestError](Services::OemServices &services) -> Result<void> {
            auto read = readDirector(services, vin, manifestError);
            if (!read)
                return fail(read.error());
            *findings = std::move(*read);
            return {};
        },
        [this, runner, result, findings, director = step.director](Result<void> read) mutable {
            if (!runner)
                return;
            if (!read)
                result.error = read.error();
            result.observations += compareDirector(director, *findings);
            finishStep(result);
        });
}

void ScenarioRunner::Private::finishStep(StepResult result)
{
    current.steps.append(result);
    Q_EMIT q.stepFinished(result);
    ++stepIndex;
    if (result.error || stepIndex >= scenario().steps.size())
        finishScenario(QString());
    else if (stopRequested)
        finishScenario(u"stopped"_s);
    else
        continueOrFinish();
}

// Undo what the scenario tracked, then make sure nothing else stays active (scenario.h: a
// scenario leaves the lab as it found it).
void ScenarioRunner::Private::finishScenario(const QString &problem)
{
    busy = true;
    QPointer<ScenarioRunner> runner(&q);
    lab.runOnServices(
        [slot = slot](Services::OemServices &) -> Result<void> {
            if (slot->context)
                slot->context->undoTracked();
            return {};
        },
        [this, runner, problem](Result<void>) {
            if (!runner)
                return;
            current.problem = problem;
            Attacks::Adversary &adversary = lab.adversary();
            if (adversary.isActive()) {
                QStringList left;
                for (const Attacks::ActiveAttack &attack : adversary.active())
                    left.append(attack.description);
                const QString leftActive = u"left an attack active: %1"_s.arg(left.join(u"; "_s));
                current.problem = current.problem.isEmpty() ? leftActive : current.problem + u"; "_s + leftActive;
                adversary.undoAll();
            }
            slot.reset();
            results.append(current);
            const ScenarioResult finished = current;
            current = ScenarioResult{};
            ++scenarioIndex;
            stepIndex = 0;
            Q_EMIT q.scenarioFinished(finished);
            continueOrFinish();
        });
}

void ScenarioRunner::Private::continueOrFinish()
{
    busy = false;
    if (stopRequested) {
        // Whatever is left is not played.
        stopRequested = false;
        running = false;
        queue.clear();
        scenarioIndex = 0;
        stepIndex = 0;
    }
    if (scenarioIndex >= queue.size()) {
        running = false;
        queue.clear();
        scenarioIndex = 0;
        const QList<ScenarioResult> all = std::exchange(results, {});
        Q_EMIT q.finished(all);
        return;
    }
    if (running)
        playNext();
}

ScenarioRunner::ScenarioRunner(Lab &lab, QObject *parent)
    : QObject(parent), d(std::make_unique<Private>(*this, lab))
{
    qRegisterMetaType<Uptane::Lab::StepResult>();
    qRegisterMetaType<Uptane::Lab::ScenarioResult>();
    qRegisterMetaType<QList<Uptane::Lab::ScenarioResult>>();
    connect(&lab, &Lab::cycleFinished, this,
            [this](const QString &vin, const Vehicle::CycleResult &cycle) { d->onCycleFinished(vin, cycle); });
}

ScenarioRunner::~ScenarioRunner()
{
    // A scenario cut short still takes its attacks back (queued after any job in flight).
    if (d->slot) {
        d->lab.runOnServices([slot = d->slot](Services::OemServices &) -> Result<void> {
            if (slot->context)
                slot->context->undoTracked();
            return {};
        });
    }
}

Result<void> ScenarioRunner::load(const QList<Attacks::Scenario> &scenarios)
{
    if (d->busy || d->stepIndex > 0)
        return fail(ErrorCode::InvalidArgument, u"a scenario is running"_s);
    d->queue = scenarios;
    d->scenarioIndex = 0;
    d->stepIndex = 0;
    d->results.clear();
    d->stopRequested = false;
    return {};
}

void ScenarioRunner::run()
{
    if (!hasNext())
        return;
    d->running = true;
    if (!d->busy)
        d->playNext();
}

bool ScenarioRunner::step()
{
    if (d->busy || !hasNext())
        return false;
    d->running = false;
    d->playNext();
    return true;
}

void ScenarioRunner::stop()
{
    if (!hasNext() && !d->busy)
        return;
    d->running = false;
    if (d->busy) {
        d->stopRequested = true;  // finishStep / continueOrFinish end it
        return;
    }
    d->stopRequested = true;
    if (d->stepIndex > 0)
        d->finishScenario(u"stopped"_s);  // in the middle of a scenario played step by step
    else
        d->continueOrFinish();
}

bool ScenarioRunner::isBusy() const
{
    return d->busy;
}

bool ScenarioRunner::hasNext() const
{
    return d->scenarioIndex < d->queue.size();
}

QString ScenarioRunner::nextScenario() const
{
    return hasNext() ? d->scenario().id : QString();
}

int ScenarioRunner::nextStepIndex() const
{
    return hasNext() ? d->stepIndex : 0;
}

Result<QList<ScenarioResult>> ScenarioRunner::runAndWait(const QList<Attacks::Scenario> &scenarios)
{
    if (!d->lab.isStarted())
        return fail(ErrorCode::InvalidArgument, u"the lab is not started"_s);
    if (auto loaded = load(scenarios); !loaded)
        return fail(loaded.error());
    std::optional<QList<ScenarioResult>> results;
    QEventLoop loop;
    connect(this, &ScenarioRunner::finished, &loop, [&](const QList<ScenarioResult> &all) {
        results = all;
        loop.quit();
    });
    if (scenarios.isEmpty())
        return QList<ScenarioResult>{};
    run();
    if (!results)
        loop.exec();
    return *results;
}

} // namespace Uptane::Lab
