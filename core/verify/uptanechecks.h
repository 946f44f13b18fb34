#pragma once

// The Uptane checks an ECU makes beyond the TUF workflow (Uptane Standard §5.4.3-5.4.4 and the
// pre-2.0 Time Server), as pure functions: bytes and trusted values in, verdicts out. The
// Primary and the Secondaries (core/vehicle) run them; each check is recorded in the report
// when one is given, with the spec step it implements, and its failure is returned with the
// code named below (tests assert the code).

#include "crypto/keys.h"
#include "metadata/signed.h"
#include "verify/report.h"

#include <QDateTime>

#include <optional>

namespace Uptane::Verify {

// ---- time (Time Server: "each ECU checks signature, its nonce and that time does not go
// backwards"; the reference checked no monotonicity, we do)

struct AttestationExpectations
{
    Crypto::PublicKey timeServerKey;  // pinned at provisioning
    QList<qint64> nonces;             // every one must be listed
    QDateTime notBefore;              // the latest verified attested time; invalid: none yet
};

// Parses a Signed<TimeAttestation> in encoding (the codec's errors), then: a signature by
// timeServerKey that verifies (BadTimeAttestation: missing, other keys only, or bad), every
// expected nonce listed (NonceMissing), time not earlier than notBefore (TimeWentBackwards;
// equal is accepted: a fresh nonce proves freshness, and two cycles may fall in one second).
// Returns the attested time.
Result<QDateTime> checkTimeAttestation(QByteArrayView bytes, Metadata::Encoding encoding,
                                       const AttestationExpectations &expected,
                                       VerificationReport *report = nullptr);

// ---- Director targets

// The target the Director assigns to ecuSerial (a target whose ecuSerials list it);
// std::nullopt when none does; DuplicateEcu when two do.
Result<std::optional<Metadata::TargetFile>> targetForEcu(const Metadata::Targets &directorTargets,
                                                         const QString &ecuSerial);

// Uptane §5.4.4.2 step 10: the Image Repository's entry for the Director's target. Same path,
// same length, every hash both list equal and at least one algorithm in common, the same
// release counter when either lists one (all TargetMismatch); the same hardware id when the
// Image Repository lists one (HardwareIdMismatch).
Result<void> checkDirectorMatchesImage(const Metadata::TargetFile &director,
                                       const Metadata::TargetFile &image,
                                       VerificationReport *report = nullptr);

// ---- the ECU's own image (Uptane §5.4.3 "verify image", §5.4.4.1 last step)

struct EcuIdentity
{
    QString serial;
    QString hardwareId;
    std::optional<qint64> installedReleaseCounter;  // of the image installed now
};

// The target lists this ECU (UnknownEcu), its hardware id equals the ECU's (HardwareIdMismatch;
// a target without a hardware id is refused too: the Director must state it), and its release
// counter is not lower than the installed image's (ReleaseCounterRollback; a target without
// a counter counts as 0).
Result<void> checkOwnTarget(const Metadata::TargetFile &target, const EcuIdentity &ecu,
                            VerificationReport *report = nullptr);

// Image bytes against their target: exactly target.length bytes (LengthMismatch), every
// listed hash of a known algorithm (sha256, sha512) equal (HashMismatch), at least one known
// algorithm (Unsupported).
Result<void> checkImage(QByteArrayView bytes, const Metadata::TargetFile &target,
                        VerificationReport *report = nullptr);

// ---- partial verification (Uptane §5.4.4.1)

struct PartialTrust
{
    QByteArray directorRoot;      // the trusted Director root (exact bytes); its "targets" keys
                                  // and threshold are the pinned Director targets keys
    qint64 targetsVersion = 0;    // the highest Director targets version accepted so far
};

struct PartialResult
{
    QByteArray directorRoot;                       // the root now trusted (rotated or not)
    Metadata::Signed<Metadata::Targets> targets;   // the accepted Director targets
    QByteArray targetsBytes;                       // their exact bytes
};

// Partial verification of the Director's Targets at the latest attested time:
//  1. newRoots (optional, in version order, each the next version): each must be accepted
//     by the root chain rules (TUF 5.3.4-5.3.5: RootThresholdOld, RootThresholdNew,
//     BadVersion); an Uptane ECU doing partial verification may follow root rotations so
//     that a rotated Director targets key reaches it (Standard 2.0 §5.4.4.1 note).
//  2. targets: parse (codec errors, WrongType), a threshold of the trusted root's "targets"
//     keys (ThresholdNotMet), not expired at attestedTime (Expired), version not lower than
//     trust.targetsVersion (Rollback; equal is fine: nothing new), no delegations
//     (DirectorHasDelegations), naming vehicle vin (UnknownEcu); like checkDirectorTargets
//     without an ECU list, also no target without an ECU id (SchemaViolation) and no ECU id
//     named twice (DuplicateEcu).
// InvalidArgument when attestedTime is invalid (no time has been attested yet). The root's
// own expiry is not checked: partial verification relies on the targets' expiry.
Result<PartialResult> verifyDirectorTargetsPartial(const PartialTrust &trust, const QList<QByteArray> &newRoots,
                                                   QByteArrayView targetsBytes, Metadata::Encoding encoding,
                                                   const QDateTime &attestedTime, const QString &vin,
                                                   VerificationReport *report = nullptr);

} // namespace Uptane::Verify
