#pragma once

// Free play (issue 6, attack panel): every adversary action of the catalogue as a toggle the
// user switches on and off in any order, beyond the scripted scenarios. Each attack knows
// where the attacker sits (for the topology view), the defence that stops it, how to start
// and how to undo everything it did (adversary actions through ScenarioContext::track, plus
// an operator clean-up such as rotating stolen keys).

#include "attacks/scenario.h"
#include "common/defences.h"

#include <QList>
#include <QString>

#include <functional>

namespace Uptane::Attacks {

// Where the topology view draws the attacker.
enum class AttackerPlacement {
    DirectorLink,       // man in the middle between the vehicles and the Director
    ImageRepoLink,      // ... and the Image Repository
    TimeServerLink,     // ... and the Time Server
    DirectorServer,     // on the Director, holding its stolen keys
    ImageRepoServer,    // on the Image Repository (or the supplier), holding stolen keys
    Primary,            // inside a compromised Primary (its bus)
};
QString attackerPlacementName(AttackerPlacement placement);  // "director-link", ...

struct FreePlayAttack
{
    QString id;                    // "mitm-director-targets", lowercase [a-z0-9.-]
    const char *title = "";        // QT_TRANSLATE_NOOP("FreePlay", ...), a short toggle label
    const char *explanation = "";  // QT_TRANSLATE_NOOP("FreePlay", ...), one or two sentences
    Verify::Defence defence = Verify::Defence::None;  // the check that stops it
    AttackerPlacement placement = AttackerPlacement::DirectorLink;
    QString vin = QStringLiteral("democar");          // the vehicle it aims at
    // Runs on the services thread. apply: starts the attack (adversary actions tracked on
    // the context, planted images marked malicious). undo: after the context's tracked
    // actions were undone, whatever else must be put back (keys rotated, time refreshed);
    // may be empty.
    std::function<Result<void>(ScenarioContext &)> apply;
    std::function<Result<void>(ScenarioContext &)> undo;

    QString translatedTitle() const;
    QString translatedExplanation() const;
};

// The catalogue of toggles: at least one per kind of adversary action the scenarios use
// (replay / forge / drop / slow / endless / freeze / stolen keys / compromised Primary /
// bus tap / tampered manifest / replayed attestation). Ids unique.
QList<FreePlayAttack> freePlayAttacks();
const FreePlayAttack *findFreePlayAttack(const QString &id);

} // namespace Uptane::Attacks
