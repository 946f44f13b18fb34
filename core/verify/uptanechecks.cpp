#include "verify/uptanechecks.h"

#include "verify/defencegate.h"
#include "verify/directorchecks.h"
#include "verify/formatchecks.h"
#include "verify/metachecks.h"
#include "verify/trustedrepository.h"

#include "metadata/codec.h"

#include <tuple>

using namespace Qt::StringLiterals;

namespace Uptane::Verify {

using namespace Metadata;

namespace {

const QString kTimeStep = u"Time Server"_s;
const QString kTimeRole = u"time"_s;
const QString kMatchStep = u"Uptane 5.4.4.2.10"_s;
const QString kImageStep = u"Uptane 5.4.3"_s;
const QString kImageRole = u"image"_s;
const QString kPartialStep = u"Uptane 5.4.4.1"_s;

Result<void> recorded(VerificationReport *report, const QString &step, const QString &role,
                      const QString &description, Result<void> result)
{
    if (report)
        report->record(step, role, description, result);
    return result;
}

template <typename T>
Result<void> status(const Result<T> &result)
{
    if (result)
        return {};
    return fail(result.error());
}

QString isoTime(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODate);
}

QString counterText(const std::optional<qint64> &counter)
{
    return counter ? QString::number(*counter) : u"none"_s;
}

// ---- time attestation

Result<void> signedByTimeServer(const Signed<TimeAttestation> &attestation, const Crypto::PublicKey &key)
{
    if (attestation.signatures.isEmpty())
        return fail(ErrorCode::BadTimeAttestation, u"the attestation carries no signature"_s);
    // The key id is only a hint: what counts is a signature the pinned key verifies, so a
    // signature listed under another id (or an id spelled differently) is still tried.
    for (const Signature &signature : attestation.signatures) {
        if (!signature.value.isEmpty() && key.verify(attestation.signedBytes, signature.value))
            return {};
    }
    return fail(ErrorCode::BadTimeAttestation,
                u"none of the %1 signature(s) verifies under the pinned Time Server key (id %2)"_s.arg(
                    attestation.signatures.size())
                    .arg(key.isNull() ? u"none"_s : computeKeyId(key)));
}

Result<void> everyNonce(const TimeAttestation &attestation, const QList<qint64> &nonces)
{
    for (const qint64 nonce : nonces) {
        if (!attestation.nonces.contains(nonce))
            return fail(ErrorCode::NonceMissing, u"nonce %1 is not in the attestation"_s.arg(nonce));
    }
    return {};
}

Result<void> notEarlier(const QDateTime &time, const QDateTime &notBefore)
{
    if (!time.isValid())
        return fail(ErrorCode::BadTimeAttestation, u"the attestation has no valid time"_s);
    if (notBefore.isValid() && time < notBefore) {
        return fail(ErrorCode::TimeWentBackwards, u"attested time %1 is earlier than the last verified %2"_s.arg(
                                                      isoTime(time), isoTime(notBefore)));
    }
    return {};
}

// ---- Director vs Image Repository

Result<void> samePath(const TargetFile &director, const TargetFile &image)
{
    if (director.path != image.path)
        return fail(ErrorCode::TargetMismatch, u"Director names %1, Image Repository %2"_s.arg(director.path, image.path));
    return {};
}

Result<void> sameLength(const TargetFile &director, const TargetFile &image)
{
    if (director.length != image.length) {
        return fail(ErrorCode::TargetMismatch, u"%1: Director length %2, Image Repository length %3"_s.arg(director.path)
                                                   .arg(director.length)
                                                   .arg(image.length));
    }
    return {};
}

Result<void> sameHashes(const TargetFile &director, const TargetFile &image)
{
    int common = 0;
    for (auto it = director.hashes.cbegin(); it != director.hashes.cend(); ++it) {
        if (!image.hashes.contains(it.key()))
            continue;
        ++common;
        if (image.hashes.value(it.key()) != it.value()) {
            return fail(ErrorCode::TargetMismatch,
                        u"%1: %2 differs between Director and Image Repository"_s.arg(director.path, it.key()));
        }
    }
    if (common == 0) {
        return fail(ErrorCode::TargetMismatch, u"%1: Director (%2) and Image Repository (%3) list no hash algorithm in common"_s.arg(
                                                   director.path, director.hashes.keys().join(u", "_s),
                                                   image.hashes.keys().join(u", "_s)));
    }
    return {};
}

Result<void> sameReleaseCounter(const TargetFile &director, const TargetFile &image)
{
    if (director.releaseCounter != image.releaseCounter) {
        return fail(ErrorCode::TargetMismatch, u"%1: release counter %2 at the Director, %3 at the Image Repository"_s.arg(
                                                   director.path, counterText(director.releaseCounter),
                                                   counterText(image.releaseCounter)));
    }
    return {};
}

Result<void> sameHardwareId(const TargetFile &director, const TargetFile &image)
{
    if (image.hardwareId && director.hardwareId != image.hardwareId) {
        return fail(ErrorCode::HardwareIdMismatch, u"%1: hardware id \"%2\" at the Director, \"%3\" at the Image Repository"_s.arg(
                                                       director.path, director.hardwareId.value_or(QString()),
                                                       *image.hardwareId));
    }
    return {};
}

// ---- the ECU's own target

Result<void> forThisEcu(const TargetFile &target, const QString &serial)
{
    if (!target.ecuSerials.contains(serial)) {
        return fail(ErrorCode::UnknownEcu, u"%1 is for ECU(s) %2, not %3"_s.arg(
                                               target.path, target.ecuSerials.join(u", "_s), serial));
    }
    return {};
}

Result<void> forThisHardware(const TargetFile &target, const QString &hardwareId)
{
    if (!target.hardwareId)
        return fail(ErrorCode::HardwareIdMismatch, u"%1 states no hardware id"_s.arg(target.path));
    if (*target.hardwareId != hardwareId) {
        return fail(ErrorCode::HardwareIdMismatch,
                    u"%1 is for hardware \"%2\", this ECU is \"%3\""_s.arg(target.path, *target.hardwareId, hardwareId));
    }
    return {};
}

Result<void> noCounterRollback(const TargetFile &target, const std::optional<qint64> &installed)
{
    const qint64 offered = target.releaseCounter.value_or(0);
    if (installed && offered < *installed) {
        return fail(ErrorCode::ReleaseCounterRollback, u"%1 has release counter %2, the installed image %3"_s.arg(target.path)
                                                           .arg(offered)
                                                           .arg(*installed));
    }
    return {};
}

// ---- partial verification

Result<void> notRolledBack(const Targets &targets, qint64 trustedVersion)
{
    if (targets.version < trustedVersion) {
        return fail(ErrorCode::Rollback, u"Director targets version %1 is lower than the accepted %2"_s.arg(targets.version)
                                             .arg(trustedVersion));
    }
    return {};
}

} // namespace

Result<QDateTime> checkTimeAttestation(QByteArrayView bytes, Encoding encoding,
                                       const AttestationExpectations &expected,
                                       VerificationReport *report)
{
    auto attestation = parse<TimeAttestation>(bytes, encoding);
    if (auto ok = recorded(report, kTimeStep, kTimeRole, u"time attestation parses"_s, status(attestation)); !ok)
        return fail(ok.error());
    if (auto ok = guardedCheck(report, Defence::TimeAttestation, kTimeStep, kTimeRole,
                               u"signed by the pinned Time Server key"_s,
                               signedByTimeServer(*attestation, expected.timeServerKey));
        !ok) {
        return fail(ok.error());
    }
    const TimeAttestation &body = attestation->body;
    if (auto ok = guardedCheck(report, Defence::TimeAttestation, kTimeStep, kTimeRole,
                               u"lists every nonce sent (%1)"_s.arg(expected.nonces.size()),
                               everyNonce(body, expected.nonces));
        !ok) {
        return fail(ok.error());
    }
    const QString previous = expected.notBefore.isValid() ? isoTime(expected.notBefore) : u"none yet"_s;
    if (auto ok = guardedCheck(report, Defence::TimeAttestation, kTimeStep, kTimeRole,
                               u"time not earlier than the last verified one (%1)"_s.arg(previous),
                               notEarlier(body.time, expected.notBefore));
        !ok) {
        return fail(ok.error());
    }
    return body.time;
}

Result<std::optional<TargetFile>> targetForEcu(const Targets &directorTargets, const QString &ecuSerial)
{
    std::optional<TargetFile> found;
    for (const TargetFile &target : directorTargets.targets) {
        const qsizetype times = target.ecuSerials.count(ecuSerial);
        if (times == 0)
            continue;
        if (found || times > 1) {
            return fail(ErrorCode::DuplicateEcu, u"ECU %1 is assigned %2 and %3"_s.arg(
                                                     ecuSerial, found ? found->path : target.path, target.path));
        }
        found = target;
    }
    return found;
}

Result<void> checkDirectorMatchesImage(const TargetFile &director, const TargetFile &image,
                                       VerificationReport *report)
{
    const QString role = kTargetsRole;
    const QString &path = director.path;
    using Check = Result<void> (*)(const TargetFile &, const TargetFile &);
    const std::pair<QString, Check> checks[] = {
        {u"Image Repository lists %1 under the same name"_s, &samePath},
        {u"%1: same length at both repositories"_s, &sameLength},
        {u"%1: same hashes at both repositories"_s, &sameHashes},
        {u"%1: same release counter at both repositories"_s, &sameReleaseCounter},
        {u"%1: same hardware id as the Image Repository states"_s, &sameHardwareId},
    };
    for (const auto &[description, check] : checks) {
        if (auto ok = guardedCheck(report, Defence::DirectorImageMatch, kMatchStep, role, description.arg(path),
                                   check(director, image));
            !ok) {
            return ok;
        }
    }
    return {};
}

Result<void> checkOwnTarget(const TargetFile &target, const EcuIdentity &ecu, VerificationReport *report)
{
    if (auto ok = guardedCheck(report, Defence::EcuIdentity, kImageStep, kTargetsRole,
                               u"%1 is for ECU %2"_s.arg(target.path, ecu.serial), forThisEcu(target, ecu.serial));
        !ok) {
        return ok;
    }
    if (auto ok = guardedCheck(report, Defence::EcuIdentity, kImageStep, kTargetsRole,
                               u"%1 is for hardware %2"_s.arg(target.path, ecu.hardwareId),
                               forThisHardware(target, ecu.hardwareId));
        !ok) {
        return ok;
    }
    return guardedCheck(report, Defence::ReleaseCounter, kImageStep, kTargetsRole,
                        u"%1: release counter not lower than the installed image's (%2)"_s.arg(
                            target.path, counterText(ecu.installedReleaseCounter)),
                        noCounterRollback(target, ecu.installedReleaseCounter));
}

Result<void> checkImage(QByteArrayView bytes, const TargetFile &target, VerificationReport *report)
{
    Result<void> length;
    if (bytes.size() != target.length) {
        length = fail(ErrorCode::LengthMismatch, u"%1 has %2 bytes, the target lists %3"_s.arg(target.path)
                                                     .arg(bytes.size())
                                                     .arg(target.length));
    }
    if (auto ok = guardedCheck(report, Defence::ImageLength, kImageStep, kImageRole,
                               u"%1 has its signed length (%2 bytes)"_s.arg(target.path).arg(target.length), length);
        !ok) {
        return ok;
    }
    // The length is checked above; the hashes here, requiring at least one we know (a target
    // listing only unknown algorithms would otherwise pass unchecked).
    return guardedCheck(report, Defence::ImageHashes, kImageStep, kImageRole,
                        u"%1 matches every hash listed"_s.arg(target.path),
                        checkLengthAndHashes(bytes, std::nullopt, target.hashes, true));
}

Result<PartialResult> verifyDirectorTargetsPartial(const PartialTrust &trust, const QList<QByteArray> &newRoots,
                                                   QByteArrayView targetsBytes, Encoding encoding,
                                                   const QDateTime &attestedTime, const QString &vin,
                                                   VerificationReport *report)
{
    if (auto ok = recorded(report, kPartialStep, kTimeRole, u"latest attested time loaded"_s,
                           attestedTime.isValid() ? Result<void>{}
                                                  : fail(ErrorCode::InvalidArgument, u"no attested time"_s));
        !ok) {
        return fail(ok.error());
    }
    // The root chain (TUF 5.3.4-5.3.5) records its own checks; only the keys matter here, so
    // the root's expiry is not checked (partial verification checks the targets' expiry).
    auto repository = TrustedRepository::create(trust.directorRoot, encoding, attestedTime, report);
    if (!repository)
        return fail(repository.error());
    for (const QByteArray &root : newRoots) {
        if (auto ok = repository->updateRoot(root); !ok)
            return fail(ok.error());
    }
    const Root &root = repository->root().body;

    auto parsed = parse<Targets>(targetsBytes, encoding);
    if (parsed) {
        if (auto ok = validateFormat(parsed->body); !ok)
            parsed = fail(ok.error());
    }
    if (auto ok = recorded(report, kPartialStep, kTargetsRole, u"Director targets parse and are well-formed"_s,
                           status(parsed));
        !ok) {
        return fail(ok.error());
    }
    const Targets &targets = parsed->body;
    const QList<std::tuple<Defence, QString, Result<void>>> checks = {
        {Defence::MetadataSignatures,
         u"signed by a threshold of the Director targets keys of root v%1"_s.arg(root.version),
         verifyThreshold(parsed->signedBytes, parsed->signatures, root.keys, root.roles.value(kTargetsRole),
                         kTargetsRole)},
        {Defence::MetadataExpiry, u"not expired at the attested time %1"_s.arg(isoTime(attestedTime)),
         checkNotExpired(kTargetsRole, targets.expires, attestedTime)},
        {Defence::MetadataRollback,
         u"version %1 not lower than the accepted %2"_s.arg(targets.version).arg(trust.targetsVersion),
         notRolledBack(targets, trust.targetsVersion)},
    };
    for (const auto &[defence, description, result] : checks) {
        if (auto ok = guardedCheck(report, defence, kPartialStep, kTargetsRole, description, result); !ok)
            return fail(ok.error());
    }
    // No delegations, this vehicle, each ECU once (§5.4.4.6). The other ECUs of the vehicle
    // are unknown here, so membership is not checked (empty ecuIds).
    if (auto ok = checkDirectorTargets(targets, DirectorExpectations{{}, vin}, report); !ok)
        return fail(ok.error());

    PartialResult result;
    result.directorRoot = repository->trustedBytes(kRootRole);
    result.targets = std::move(*parsed);
    result.targetsBytes = targetsBytes.toByteArray();
    return result;
}

} // namespace Uptane::Verify
