#pragma once

// A scenario of the attack catalogue: what the class sees, as data the GUI, the command line
// (`uptane-lab run`) and the tests share. A scenario is a list of steps — operator actions
// (publish an image, assign it, rotate keys), adversary actions (Adversary, forgeries with
// stolen keys, time moved) and update cycles — and, for every cycle, the verdict each ECU of
// the vehicle must show and what the Director must see in its inventory. The runner
// (lab/scenariorunner.h) plays the steps on a Lab and compares.
//
// Rules every scenario keeps (a test checks them on the whole catalogue):
// - It leaves the lab as it found it: every adversary action undone by its last step, no key
//   left stolen that matters (rotated away), every ECU of the vehicle back to verifying
//   normally (its last cycle expects UP TO DATE or UPDATED everywhere). Time only moves
//   forward; versions and release counters only go up.
// - It assumes only that: any scenario may have run before it, any number of times. So it
//   publishes the images it needs as new releases (ScenarioKit) instead of reusing fixed ones.
// - Each cycle step lists an expectation for every ECU of the vehicle.
// - Texts are English source strings marked with QT_TRANSLATE_NOOP("Scenario", ...) and
//   translated at display time (translated*()).
//
// Actions run on the lab's services thread (they may sign, read and write the workspace and
// talk to the services directly); they must not run cycles or wait for the owner thread.

#include "attacks/adversary.h"
#include "common/clock.h"
#include "common/defences.h"
#include "common/error.h"
#include "metadata/types.h"
#include "vehicle/verdict.h"

#include <QHash>
#include <QVariant>

#include <functional>

namespace Uptane::Services {
class OemServices;
}

namespace Uptane::Attacks {

enum class ScenarioGroup {
    Reference,            // the reference demo: §2 and §3.1-3.7
    ThreatModel,          // the rest of the Uptane threat model
    PartialVerification,  // the reference attacks against a partial-verification Secondary
};
QString groupName(ScenarioGroup group);  // "reference", "threat-model", "partial"

// What the Director's inventory shows for one ECU after a cycle.
enum class DirectorFinding {
    Installed,         // its verified manifest reports the image the Director assigns it
    NotInstalled,      // it reports another image than the one assigned (refused, dropped, partial)
    AttackReported,    // the vehicle's accepted manifest of this cycle reports an attack for it
                       // (code: the ErrorCode at the start of the report)
    ManifestRejected,  // the Director refused the vehicle's manifest of this cycle (code: why)
};
QString findingName(DirectorFinding finding);  // "INSTALLED", "NOT INSTALLED", "ATTACK REPORTED", "MANIFEST REJECTED"

struct EcuExpectation
{
    QString serial;
    Vehicle::Verdict verdict = Vehicle::Verdict::UpToDate;
    std::optional<ErrorCode> code;  // when set, the outcome's error code must be this one
};

struct DirectorExpectation
{
    QString serial;
    DirectorFinding finding = DirectorFinding::Installed;
    std::optional<ErrorCode> code;  // AttackReported / ManifestRejected: must be this one when set
};

// What the actions of one scenario run share: the services, the adversary, the lab's clock
// and the values one step leaves for a later one. One per scenario run, used only on the
// services thread.
class ScenarioContext
{
public:
    ScenarioContext(Services::OemServices &services, Adversary &adversary, ManualClock &clock)
        : m_services(services), m_adversary(adversary), m_clock(clock)
    {
    }

    Services::OemServices &services() { return m_services; }
    Adversary &adversary() { return m_adversary; }
    ManualClock &clock() { return m_clock; }
    Metadata::Encoding encoding() const;
    // "json" or "der": the metadata files' extension in this workspace.
    QString extension() const;

    // Bytes and values a step records for a later one (a recorded timestamp, a release path).
    QHash<QString, QByteArray> bytes;
    QHash<QString, QVariant> values;

    // An image the scenario planted (its sha256): installing it is COMPROMISED, not UPDATED.
    // The runner hands these to the lab after the action.
    void markMalicious(const QByteArray &sha256) { m_malicious.insert(sha256); }
    const Vehicle::MaliciousImages &malicious() const { return m_malicious; }

    // Adversary actions taken through track() are undone by undoTracked() (the runner calls it
    // after the scenario's last step whatever happened, so a failed scenario leaves no attack
    // behind; a scenario that forgets one fails the "leaves the lab as found" rule).
    AttackId track(AttackId id)
    {
        m_tracked.append(id);
        return id;
    }
    void undoTracked()
    {
        for (AttackId id : std::as_const(m_tracked))
            m_adversary.undo(id);
        m_tracked.clear();
    }

private:
    Services::OemServices &m_services;
    Adversary &m_adversary;
    ManualClock &m_clock;
    Vehicle::MaliciousImages m_malicious;
    QList<AttackId> m_tracked;
};

struct ScenarioStep
{
    enum class Kind {
        Operator,   // the OEM's staff: publish, assign, rotate keys, refresh expiry
        Adversary,  // the attacker acts (or stops)
        Cycle,      // one update cycle of `vin`, then the expectations are compared
    };
    Kind kind = Kind::Cycle;
    const char *title = "";  // QT_TRANSLATE_NOOP("Scenario", ...): one line, shown per step
    std::function<Result<void>(ScenarioContext &)> action;  // Operator / Adversary
    QString vin;                                    // Cycle
    QList<EcuExpectation> expected;                 // Cycle: every ECU of the vehicle
    QList<DirectorExpectation> director;            // Cycle: the ECUs the Director must see a certain way

    QString translatedTitle() const;
};
QString stepKindName(ScenarioStep::Kind kind);  // "operator", "adversary", "cycle"

struct Scenario
{
    QString id;                   // "ref-3.1-mitm-director", lowercase, [a-z0-9.-]
    ScenarioGroup group = ScenarioGroup::Reference;
    const char *title = "";       // QT_TRANSLATE_NOOP("Scenario", ...)
    const char *narration = "";   // a paragraph for the class: the attack, the check, why
    const char *outcome = "";     // one line: the expected outcome ("DEFENDED: the Primary ...")
    Verify::Defence defence = Verify::Defence::None;  // the check it demonstrates
    QList<ScenarioStep> steps;

    QString translatedTitle() const;
    QString translatedNarration() const;
    QString translatedOutcome() const;
};

// Step builders, so catalogue entries read like the story they tell.
ScenarioStep operatorStep(const char *title, std::function<Result<void>(ScenarioContext &)> action);
ScenarioStep adversaryStep(const char *title, std::function<Result<void>(ScenarioContext &)> action);
ScenarioStep cycleStep(const char *title, const QString &vin, QList<EcuExpectation> expected,
                       QList<DirectorExpectation> director = {});

} // namespace Uptane::Attacks
