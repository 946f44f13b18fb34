#pragma once

// Private to core/vehicle: the metadata verification of a Secondary (Uptane Standard
// §5.4.4.1 partial, §5.4.4.2 full) as pure functions over the ECU's trusted state and the
// bytes its Primary sent. Nothing here writes the store: the caller commits the result.

#include "vehicle/ecustore.h"
#include "vehicle/ecuimage_p.h"
#include "verify/report.h"

#include <optional>

namespace Uptane::Vehicle::detail {

struct SecondaryVerification
{
    // This ECU's verified target (the Director's entry, with the Image Repository's hashes
    // added for full verification); nullopt when the Director assigns it nothing.
    std::optional<Metadata::TargetFile> target;
    // The whole metadata set to commit when the cycle succeeds (EcuChange::metadata).
    QMap<QString, QByteArray> metadata;
    // Partial verification: the accepted Director targets version (full: unchanged).
    qint64 directorTargetsVersion = 0;
};

// Full verification from a metadata bundle (bundle.h): the Director repository refreshed
// through Verify::Updater from the ECU's "director/<role>" metadata, the Director checks
// (no delegations, this vehicle, each ECU once); when a target names this ECU, the Image
// Repository refreshed the same way, the target found through its delegations,
// checkDirectorMatchesImage() and checkOwnTarget(). Every check lands in report. Errors:
// the first failing check's (with the repository as context), readBundle()'s.
Result<SecondaryVerification> verifyFull(const EcuStore &store, QByteArrayView bundle,
                                         const QDateTime &attestedTime, Verify::VerificationReport &report);

// Partial verification from a Director-targets bundle holding "director/<n>.root.<ext>"
// (optional: roots newer than the trusted "director/root" are followed in version order)
// and exactly one "director/[<v>.]targets.<ext>" (NotFound without, SchemaViolation for
// several; VersionMismatch when <v> is not the file's version), checked by
// verifyDirectorTargetsPartial() against state().directorTargetsVersion, then
// checkOwnTarget(). Commits "director/root" and "director/targets".
Result<SecondaryVerification> verifyPartial(const EcuStore &store, QByteArrayView bundle,
                                            const QDateTime &attestedTime, Verify::VerificationReport &report);


} // namespace Uptane::Vehicle::detail
