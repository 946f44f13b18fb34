#pragma once

// The outcome of one update cycle for one ECU, as the demonstrator shows it on the ECU's
// banner and the scenario catalogue expects it.

#include "common/error.h"
#include "metadata/types.h"

#include <QSet>

#include <optional>

namespace Uptane::Vehicle {

enum class Verdict {
    Updated,      // installed a new image
    UpToDate,     // verified everything; the assigned image (or none) is what runs
    NoUpdate,     // the cycle delivered nothing to this ECU (dropped, never asked)
    Defended,     // refused an update: error says which check (ErrorCode)
    Replay,       // refused metadata or an image older than what it trusts (rollback)
    Frozen,       // refused expired metadata (freeze attack): the attested time is past expiry
    Compromised,  // installed an image the scenario knows is malicious (every check passed)
};

// "UPDATED", "UP TO DATE", "NO UPDATE", "DEFENDED", "REPLAY", "FROZEN", "COMPROMISED".
QString verdictName(Verdict verdict);
// The inverse (for scenario files and the command line); nullopt for an unknown name.
std::optional<Verdict> verdictFromName(const QString &name);

// The verdict of a refusal: Rollback, ReleaseCounterRollback and TimeWentBackwards -> Replay;
// Expired -> Frozen; everything else -> Defended.
Verdict verdictForError(ErrorCode code);

struct EcuOutcome
{
    QString vin;
    QString serial;
    Verdict verdict = Verdict::NoUpdate;
    std::optional<Error> error;               // Defended / Replay / Frozen: why
    QString decidedBy;                        // serial of the ECU whose check decided (itself,
                                              // or the Primary when it stopped the cycle)
    std::optional<Metadata::TargetFile> installed;  // what runs after the cycle
    qint64 cycle = 0;
};

// Known-bad image hashes (sha256, raw) for telling Compromised from Updated; the scenario
// that plants an image knows its hash. Updated with an image in the set -> Compromised.
using MaliciousImages = QSet<QByteArray>;
Verdict classifyInstall(const Metadata::TargetFile &installed, const MaliciousImages &malicious);
// The same, also hashing the bytes actually installed (only when the set is not empty): an
// attacker's image installed under an honest entry — possible only with a defence switched
// off in a test (common/defences.h) — is COMPROMISED too, not UPDATED.
Verdict classifyInstall(const Metadata::TargetFile &installed, QByteArrayView bytes, const MaliciousImages &malicious);

} // namespace Uptane::Vehicle
