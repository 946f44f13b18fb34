#include "verify/trustedrepository.h"
#include "verify/defencegate.h"
#include "verify/formatchecks.h"
#include "verify/metachecks.h"

#include "metadata/codec.h"

#include <QSet>

using namespace Qt::StringLiterals;

namespace Uptane::Verify {

using namespace Metadata;

namespace {

// "stored copy: " in front of a description when a check runs on our own stored file.
QString what(const QString &description, bool local)
{
    return local ? u"stored copy: "_s + description : description;
}

// Parses and applies the §4 format checks in one step.
template <typename T, typename Validate>
Result<Signed<T>> parseValid(QByteArrayView bytes, Encoding encoding, Validate validate)
{
    auto parsed = parse<T>(bytes, encoding);
    if (!parsed)
        return parsed;
    if (auto ok = validate(parsed->body); !ok)
        return fail(ok.error());
    return parsed;
}

// Turns a Result<T> into Result<void> for the report.
template <typename T>
Result<void> status(const Result<T> &result)
{
    if (result)
        return {};
    return fail(result.error());
}

Result<void> withCode(Result<void> result, ErrorCode code)
{
    if (result)
        return result;
    return fail(code, result.error().detail);
}

} // namespace

template <typename T>
Result<Signed<T>> TrustedRepository::parseVerified(QByteArrayView bytes, const QString &role, bool local,
                                                   const QString &thresholdStep, const QString &signers,
                                                   const QMap<QString, KeyEntry> &keys,
                                                   const RoleKeys &roleKeys)
{
    auto candidate = parseValid<T>(bytes, m_encoding, [](const T &body) { return validateFormat(body); });
    if (auto ok = check(u"TUF 4"_s, role, what(u"%1 parses and is well-formed"_s.arg(roleTypeName(T::kType)), local),
                        status(candidate));
        !ok) {
        return fail(ok.error());
    }
    auto threshold = verifyThreshold(candidate->signedBytes, candidate->signatures, keys, roleKeys, role);
    if (auto ok = guardedCheck(m_report, Defence::MetadataSignatures, thresholdStep, role,
                               what(u"signed by a threshold of "_s + signers, local), threshold);
        !ok) {
        return fail(ok.error());
    }
    return candidate;
}

Result<TrustedRepository> TrustedRepository::create(QByteArrayView trustedRootBytes,
                                                    Encoding encoding,
                                                    const QDateTime &referenceTime,
                                                    VerificationReport *report)
{
    TrustedRepository repository;
    repository.m_encoding = encoding;
    repository.m_referenceTime = referenceTime;
    repository.m_report = report;

    auto root = parseValid<Root>(trustedRootBytes, encoding, [](const Root &body) { return validateFormat(body); });
    if (auto ok = repository.check(u"TUF 5.2"_s, kRootRole, u"trusted root parses and is well-formed"_s,
                                   status(root));
        !ok) {
        return fail(ok.error());
    }
    // The spec only says "trusted root"; python-tuf and tuf-js also require it to be signed by
    // a threshold of its own keys (tuf-conformance test_unsigned_initial_root).
    auto signedOk = verifyThreshold(root->signedBytes, root->signatures, root->body.keys,
                                    root->body.roles.value(kRootRole), kRootRole);
    if (auto ok = guardedCheck(report, Defence::MetadataSignatures, u"TUF 5.2"_s, kRootRole,
                               u"trusted root signed by a threshold of its own root keys"_s, signedOk);
        !ok) {
        return fail(ok.error());
    }
    repository.m_root = std::move(*root);
    repository.m_bytes.insert(kRootRole, trustedRootBytes.toByteArray());
    return repository;
}

Result<void> TrustedRepository::check(const QString &step, const QString &role,
                                      const QString &description, Result<void> result)
{
    if (m_report)
        m_report->record(step, role, description, result);
    return result;
}

void TrustedRepository::note(const QString &step, const QString &role, const QString &description)
{
    if (m_report)
        m_report->pass(step, role, description);
}

Result<void> TrustedRepository::updateRoot(QByteArrayView bytes)
{
    const qint64 nextVersion = m_root.body.version + 1;
    auto candidate = parseValid<Root>(bytes, m_encoding, [](const Root &body) { return validateFormat(body); });
    if (auto ok = check(u"TUF 5.3.4"_s, kRootRole,
                        u"root v%1 parses and is well-formed"_s.arg(nextVersion), status(candidate));
        !ok) {
        return ok;
    }
    const Root &next = candidate->body;

    auto byTrusted = verifyThreshold(candidate->signedBytes, candidate->signatures,
                                     m_root.body.keys, m_root.body.roles.value(kRootRole), kRootRole);
    if (auto ok = guardedCheck(m_report, Defence::MetadataSignatures, u"TUF 5.3.4"_s, kRootRole,
                               u"new root signed by a threshold of the trusted root v%1's keys"_s.arg(
                                   m_root.body.version),
                               withCode(byTrusted, ErrorCode::RootThresholdOld));
        !ok) {
        return ok;
    }
    auto bySelf = verifyThreshold(candidate->signedBytes, candidate->signatures, next.keys,
                                  next.roles.value(kRootRole), kRootRole);
    if (auto ok = guardedCheck(m_report, Defence::MetadataSignatures, u"TUF 5.3.4"_s, kRootRole,
                               u"new root signed by a threshold of its own keys"_s,
                               withCode(bySelf, ErrorCode::RootThresholdNew));
        !ok) {
        return ok;
    }
    Result<void> version;
    if (next.version != nextVersion) {
        version = fail(ErrorCode::BadVersion, u"root version %1, expected exactly %2"_s.arg(next.version)
                                                  .arg(nextVersion));
    }
    if (auto ok = guardedCheck(m_report, Defence::MetadataConsistency, u"TUF 5.3.5"_s, kRootRole,
                               u"version is exactly %1"_s.arg(nextVersion), version);
        !ok) {
        return ok;
    }

    // §5.3.6: the expiry of an intermediate root does not matter; only the final one is
    // checked (checkRootNotExpired).
    const bool dropTimestampAndSnapshot = rotatesKeys(m_root.body, next, kTimestampRole)
                                          || rotatesKeys(m_root.body, next, kSnapshotRole);
    const bool dropTargets = dropTimestampAndSnapshot || rotatesKeys(m_root.body, next, kTargetsRole);
    m_root = std::move(*candidate);
    m_bytes.insert(kRootRole, bytes.toByteArray());
    note(u"TUF 5.3.7"_s, kRootRole, u"root v%1 is now trusted"_s.arg(nextVersion));

    if (dropTimestampAndSnapshot) {
        // §5.3.11 fast-forward recovery: versions seen under the old keys may have been pushed
        // up by an attacker; they must not block the repository's recovery.
        m_timestamp.reset();
        m_snapshot.reset();
        m_bytes.remove(kTimestampRole);
        m_bytes.remove(kSnapshotRole);
        note(u"TUF 5.3.11"_s, kRootRole, u"timestamp or snapshot keys rotated: trusted timestamp and snapshot dropped"_s);
    }
    if (dropTargets) {
        for (const QString &role : m_targets.keys())
            m_bytes.remove(role);
        m_targets.clear();
    }
    return {};
}

Result<void> TrustedRepository::checkRootNotExpired()
{
    return guardedCheck(m_report, Defence::MetadataExpiry, u"TUF 5.3.10"_s, kRootRole,
                        u"trusted root v%1 not expired"_s.arg(m_root.body.version),
                        checkNotExpired(kRootRole, m_root.body.expires, m_referenceTime));
}

Result<void> TrustedRepository::updateTimestamp(QByteArrayView bytes, bool local)
{
    if (isExpired(m_root.body.expires, m_referenceTime)) {
        if (auto ok = checkRootNotExpired(); !ok)
            return ok;
    }

    auto candidate = parseVerified<Timestamp>(bytes, kTimestampRole, local, u"TUF 5.4.2"_s,
                                              u"the root's timestamp keys"_s, m_root.body.keys,
                                              m_root.body.roles.value(kTimestampRole));
    if (!candidate)
        return fail(candidate.error());
    const Timestamp &next = candidate->body;

    if (m_timestamp) {
        const Timestamp &trusted = m_timestamp->body;
        if (next.version < trusted.version) {
            if (auto ok = guardedCheck(m_report, Defence::MetadataRollback, u"TUF 5.4.3.1"_s, kTimestampRole,
                                       what(u"version not lower than trusted"_s, local),
                                       fail(ErrorCode::Rollback, u"timestamp version %1 is lower than trusted %2"_s
                                                                     .arg(next.version)
                                                                     .arg(trusted.version)));
                !ok) {
                return ok;
            }
        } else if (next.version == trusted.version) {
            // Not an attack: nothing new was published. Keep the trusted copy (its bytes are
            // the ones we persisted) and tell the caller.
            note(u"TUF 5.4.3.1"_s, kTimestampRole,
                 u"version %1 equals the trusted one: new copy discarded, trusted copy kept"_s.arg(next.version));
            return fail(ErrorCode::EqualVersion, u"timestamp version %1 is already trusted"_s.arg(next.version));
        } else {
            note(u"TUF 5.4.3.1"_s, kTimestampRole, what(u"version %1 higher than trusted %2"_s.arg(next.version)
                                                         .arg(trusted.version), local));
        }
        Result<void> snapshotVersion;
        if (next.snapshot.version < trusted.snapshot.version) {
            snapshotVersion = fail(ErrorCode::Rollback,
                                   u"timestamp lists snapshot version %1, trusted timestamp lists %2"_s
                                       .arg(next.snapshot.version)
                                       .arg(trusted.snapshot.version));
        }
        if (auto ok = guardedCheck(m_report, Defence::MetadataRollback, u"TUF 5.4.3.2"_s, kTimestampRole,
                                   what(u"snapshot version not lower than in the trusted timestamp"_s, local),
                                   snapshotVersion);
            !ok) {
            return ok;
        }
    }

    auto expiry = checkNotExpired(kTimestampRole, next.expires, m_referenceTime);
    if (!local) {
        if (auto ok = guardedCheck(m_report, Defence::MetadataExpiry, u"TUF 5.4.4"_s, kTimestampRole,
                                   u"not expired"_s, expiry);
            !ok) {
            return ok;
        }
    }
    m_timestamp = std::move(*candidate);
    m_bytes.insert(kTimestampRole, bytes.toByteArray());
    if (local) {
        // An expired stored timestamp still guards against rollback of the fresh one.
        return check(u"TUF 5.4.4"_s, kTimestampRole,
                     u"stored copy: not expired (kept as rollback baseline either way)"_s, expiry);
    }
    return {};
}

Result<void> TrustedRepository::checkFinalTimestamp(const QString &forRole)
{
    if (!m_timestamp) {
        return check(u"TUF 5.5"_s, forRole, u"a trusted timestamp exists"_s,
                     fail(ErrorCode::NotTrusted, u"no trusted timestamp to verify %1 against"_s.arg(forRole)));
    }
    if (isExpired(m_timestamp->body.expires, m_referenceTime)) {
        return guardedCheck(m_report, Defence::MetadataExpiry, u"TUF 5.4.4"_s, kTimestampRole,
                            u"trusted timestamp not expired"_s,
                            checkNotExpired(kTimestampRole, m_timestamp->body.expires, m_referenceTime));
    }
    return {};
}

Result<void> TrustedRepository::updateSnapshot(QByteArrayView bytes, bool local)
{
    if (auto ok = checkFinalTimestamp(kSnapshotRole); !ok)
        return ok;
    const MetaFile listed = m_timestamp->body.snapshot;

    if (!local) {
        // §5.5.2: before parsing or verifying anything, so unlisted bytes are never processed
        // further than hashing.
        if (auto ok = guardedCheck(m_report, Defence::MetadataHashes, u"TUF 5.5.2"_s, kSnapshotRole,
                                   u"length and hashes match the timestamp's"_s,
                                   checkLengthAndHashes(bytes, listed.length, listed.hashes));
            !ok) {
            return ok;
        }
    }
    auto candidate = parseVerified<Snapshot>(bytes, kSnapshotRole, local, u"TUF 5.5.3"_s,
                                             u"the root's snapshot keys"_s, m_root.body.keys,
                                             m_root.body.roles.value(kSnapshotRole));
    if (!candidate)
        return fail(candidate.error());
    const Snapshot &next = candidate->body;

    Result<void> version;
    if (next.version != listed.version) {
        version = fail(ErrorCode::BadVersion, u"snapshot version %1, timestamp lists %2"_s.arg(next.version)
                                                  .arg(listed.version));
    }
    if (!local) {
        if (auto ok = guardedCheck(m_report, Defence::MetadataConsistency, u"TUF 5.5.4"_s, kSnapshotRole,
                                   u"version %1 as the timestamp lists"_s.arg(listed.version), version);
            !ok) {
            return ok;
        }
    }

    if (m_snapshot) {
        Result<void> rollback;
        const QMap<QString, MetaFile> &trusted = m_snapshot->body.meta;
        for (auto it = trusted.cbegin(); it != trusted.cend() && rollback; ++it) {
            const auto now = next.meta.constFind(it.key());
            if (now == next.meta.constEnd()) {
                rollback = fail(ErrorCode::RoleRemoved,
                                u"%1 is listed by the trusted snapshot but not by the new one"_s.arg(it.key()));
            } else if (now->version < it->version) {
                rollback = fail(ErrorCode::Rollback, u"%1 version %2 is lower than trusted %3"_s
                                                         .arg(it.key())
                                                         .arg(now->version)
                                                         .arg(it->version));
            }
        }
        if (auto ok = guardedCheck(m_report, Defence::MetadataRollback, u"TUF 5.5.5"_s, kSnapshotRole,
                                   what(u"every file of the trusted snapshot still listed, none rolled back"_s, local),
                                   rollback);
            !ok) {
            return ok;
        }
    }

    auto expiry = checkNotExpired(kSnapshotRole, next.expires, m_referenceTime);
    if (!local) {
        if (auto ok = guardedCheck(m_report, Defence::MetadataExpiry, u"TUF 5.5.6"_s, kSnapshotRole,
                                   u"not expired"_s, expiry);
            !ok) {
            return ok;
        }
    }
    m_snapshot = std::move(*candidate);
    m_bytes.insert(kSnapshotRole, bytes.toByteArray());
    for (const QString &role : m_targets.keys())
        m_bytes.remove(role);
    m_targets.clear();
    if (local) {
        // The stored snapshot is trusted as rollback baseline from here on; whether it is
        // also the final one depends on the current timestamp and on time.
        if (auto ok = check(u"TUF 5.5.4"_s, kSnapshotRole,
                            u"stored copy: version %1 as the timestamp lists (else only a rollback baseline)"_s
                                .arg(listed.version),
                            version);
            !ok) {
            return ok;
        }
        return check(u"TUF 5.5.6"_s, kSnapshotRole, u"stored copy: not expired (else only a rollback baseline)"_s,
                     expiry);
    }
    return {};
}

Result<void> TrustedRepository::checkFinalSnapshot(const QString &forRole)
{
    if (!m_snapshot) {
        return check(u"TUF 5.6"_s, forRole, u"a trusted snapshot exists"_s,
                     fail(ErrorCode::NotTrusted, u"no trusted snapshot to verify %1 against"_s.arg(forRole)));
    }
    if (auto ok = checkFinalTimestamp(forRole); !ok)
        return ok;
    const qint64 listed = m_timestamp->body.snapshot.version;
    if (m_snapshot->body.version != listed) {
        if (auto ok = guardedCheck(m_report, Defence::MetadataConsistency, u"TUF 5.5.4"_s, kSnapshotRole,
                                   u"trusted snapshot has the version the timestamp lists"_s,
                                   fail(ErrorCode::BadVersion, u"trusted snapshot version %1, timestamp lists %2"_s
                                                                   .arg(m_snapshot->body.version)
                                                                   .arg(listed)));
            !ok) {
            return ok;
        }
    }
    if (isExpired(m_snapshot->body.expires, m_referenceTime)) {
        return guardedCheck(m_report, Defence::MetadataExpiry, u"TUF 5.5.6"_s, kSnapshotRole,
                            u"trusted snapshot not expired"_s,
                            checkNotExpired(kSnapshotRole, m_snapshot->body.expires, m_referenceTime));
    }
    return {};
}

Result<void> TrustedRepository::updateTargets(QByteArrayView bytes, bool local)
{
    return updateTargetsRole(bytes, kTargetsRole, kRootRole, local);
}

Result<void> TrustedRepository::updateDelegatedTargets(QByteArrayView bytes, const QString &roleName,
                                                       const QString &delegatorName, bool local)
{
    return updateTargetsRole(bytes, roleName, delegatorName, local);
}

Result<void> TrustedRepository::updateTargetsRole(QByteArrayView bytes, const QString &roleName,
                                                  const QString &delegatorName, bool local)
{
    const bool topLevel = roleName == kTargetsRole;
    const QString stepPrefix = topLevel ? u"TUF 5.6."_s : u"TUF 5.6.7 (5.6."_s;
    const QString stepSuffix = topLevel ? QString() : u")"_s;
    auto step = [&](int n) -> QString { return stepPrefix + QString::number(n) + stepSuffix; };

    if (auto ok = checkFinalSnapshot(roleName); !ok)
        return ok;

    // Whose keys sign this role: the root's targets keys, or the delegator's delegation.
    QMap<QString, KeyEntry> keys;
    RoleKeys roleKeys;
    if (topLevel) {
        keys = m_root.body.keys;
        roleKeys = m_root.body.roles.value(kTargetsRole);
    } else {
        const Signed<Targets> *delegator = targets(delegatorName);
        Result<void> delegated;
        if (!delegator) {
            delegated = fail(ErrorCode::NotTrusted, u"delegator %1 is not trusted"_s.arg(delegatorName));
        } else {
            const DelegatedRole *found = nullptr;
            if (delegator->body.delegations) {
                for (const DelegatedRole &role : delegator->body.delegations->roles) {
                    if (role.name == roleName) {
                        found = &role;
                        break;
                    }
                }
            }
            if (!found) {
                delegated = fail(ErrorCode::MissingRole,
                                 u"%1 does not delegate to %2"_s.arg(delegatorName, roleName));
            } else {
                keys = delegator->body.delegations->keys;
                roleKeys = RoleKeys{found->keyids, found->threshold, {}};
            }
        }
        if (auto ok = check(u"TUF 5.6.7"_s, roleName,
                            u"trusted delegator %1 delegates to this role"_s.arg(delegatorName), delegated);
            !ok) {
            return ok;
        }
    }

    const QString fileName = metaFileName(roleName, m_encoding);
    const auto listedIt = m_snapshot->body.meta.constFind(fileName);
    if (listedIt == m_snapshot->body.meta.constEnd()) {
        return check(step(1), roleName, u"listed by the snapshot"_s,
                     fail(topLevel ? ErrorCode::MissingRole : ErrorCode::DelegationNotInSnapshot,
                          u"snapshot does not list %1"_s.arg(fileName)));
    }
    const MetaFile listed = *listedIt;
    // A stored copy's hashes and version only decide whether a fresh copy is downloaded (a
    // mismatch: the snapshot moved on): those stay on whatever the defences say.
    const auto unlessLocal = [local](Defence defence) { return local ? Defence::None : defence; };
    if (auto ok = guardedCheck(m_report, unlessLocal(Defence::MetadataHashes), step(2), roleName,
                               what(u"length and hashes match the snapshot's"_s, local),
                               checkLengthAndHashes(bytes, listed.length, listed.hashes));
        !ok) {
        return ok;
    }
    auto candidate = parseVerified<Targets>(bytes, roleName, local, step(3),
                                            topLevel ? u"the root's targets keys"_s
                                                     : u"%1's delegation keys"_s.arg(delegatorName),
                                            keys, roleKeys);
    if (!candidate)
        return fail(candidate.error());
    const Targets &next = candidate->body;
    // With the version pinned to the snapshot's, the snapshot's own rollback check (§5.5.5)
    // is what keeps targets from going back (Uptane §5.4.4.6 "no rollback"): a trusted
    // targets file never outlives the snapshot it was verified against.
    Result<void> version;
    if (next.version != listed.version) {
        version = fail(ErrorCode::BadVersion, u"%1 version %2, snapshot lists %3"_s.arg(roleName)
                                                  .arg(next.version)
                                                  .arg(listed.version));
    }
    if (auto ok = guardedCheck(m_report, unlessLocal(Defence::MetadataConsistency), step(4), roleName,
                               what(u"version %1 as the snapshot lists"_s.arg(listed.version), local), version);
        !ok) {
        return ok;
    }
    if (auto ok = guardedCheck(m_report, Defence::MetadataExpiry, step(5), roleName, what(u"not expired"_s, local),
                               checkNotExpired(roleName, next.expires, m_referenceTime));
        !ok) {
        return ok;
    }
    m_targets.insert(roleName, std::move(*candidate));
    m_bytes.insert(roleName, bytes.toByteArray());
    return {};
}

const Signed<Targets> *TrustedRepository::targets(const QString &roleName) const
{
    const auto it = m_targets.constFind(roleName);
    return it == m_targets.constEnd() ? nullptr : &*it;
}

QByteArray TrustedRepository::trustedBytes(const QString &roleName) const
{
    return m_bytes.value(roleName);
}

} // namespace Uptane::Verify
