#pragma once

// The trusted metadata of one TUF repository and the rules for replacing it (TUF 1.0 §5.3 to
// §5.6; Uptane §5.4.4.3-6). Bytes in, verdicts out: no I/O, no clock. Each update*() call
// verifies a candidate file against what is trusted now and, only if every check passes,
// makes it trusted; on failure nothing changes. Every check is written to the report.
//
// The reference time is fixed at construction (§5.1): every expiry check of one refresh uses
// it, so metadata valid when the cycle started does not fail half-way.

#include "metadata/signed.h"
#include "verify/report.h"

#include <QDateTime>

#include <optional>

namespace Uptane::Verify {

struct Limits
{
    int maxRootRotations = 256;                 // §5.3.3 Y (tuf-js default); reaching it is no error
    qint64 rootMaxBytes = 512000;               // §5.3.3 W
    qint64 timestampMaxBytes = 16384;           // §5.4.1 X
    qint64 snapshotMaxBytes = 2000000;          // §5.5.1 Y, when the timestamp gives no length
    qint64 targetsMaxBytes = 5000000;           // §5.6.1 Z, when the snapshot gives no length
    int maxDelegations = 32;                    // §5.6.7.1 delegated roles per search (DelegationLimit)
};

class TrustedRepository
{
public:
    // Loads the trusted root (§5.2). It must parse and be signed by a threshold of its own
    // keys; its expiry is not checked here (see checkRootNotExpired, §5.3.10).
    static Result<TrustedRepository> create(QByteArrayView trustedRootBytes,
                                            Metadata::Encoding encoding,
                                            const QDateTime &referenceTime,
                                            VerificationReport *report = nullptr);

    Metadata::Encoding encoding() const { return m_encoding; }
    QDateTime referenceTime() const { return m_referenceTime; }
    void setReport(VerificationReport *report) { m_report = report; }

    // §5.3.4-5.3.7 and 5.3.11: candidate is the next root (version N+1), signed by a threshold
    // of trusted root N (RootThresholdOld) and of itself (RootThresholdNew); BadVersion unless
    // exactly N+1. Its expiry is not checked (§5.3.6). Fast-forward recovery: when the new root
    // changes the timestamp or snapshot keys (see rotatesKeys), trusted timestamp, snapshot and
    // targets are dropped; when it changes only the targets keys, the targets roles are.
    Result<void> updateRoot(QByteArrayView bytes);
    // §5.3.10: the final root must not be expired at the reference time (freeze attack).
    Result<void> checkRootNotExpired();

    // §5.4.2-5.4.4: threshold of the root's timestamp keys; Rollback when the version, or the
    // snapshot version it lists, is lower than the trusted one's; Expired. EqualVersion (not an
    // attack, recorded as a passed check) when the candidate has the trusted version: the
    // trusted one stays. The final root must not be expired (Expired, §5.3.10).
    //
    // local = true when reloading our own stored copy as the rollback baseline (python-tuf's
    // behaviour). For local files, and only for them, a failed *final* check (timestamp:
    // expiry; snapshot: expiry and version against the timestamp) does not undo the load: the
    // file stays trusted as baseline so that the fresh copy is checked against it, and the
    // error says that it cannot serve as the final copy. Signature and rollback checks are
    // never relaxed.
    Result<void> updateTimestamp(QByteArrayView bytes, bool local = false);
    // §5.5.1-5.5.6. Needs a trusted, unexpired timestamp (NotTrusted / Expired). Length and
    // hashes listed in the timestamp first (LengthMismatch, HashMismatch; skipped when local,
    // the stored copy was checked when it arrived), then threshold (ThresholdNotMet), version
    // == the timestamp's (BadVersion), no listed file dropped (RoleRemoved) or rolled back
    // (Rollback) against the trusted snapshot, and expiry. A new snapshot drops the trusted
    // targets roles (they must be re-verified against it).
    Result<void> updateSnapshot(QByteArrayView bytes, bool local = false);
    // §5.6.1-5.6.5 for "targets" with the root's keys, and for a delegated role with the
    // delegator's keys and threshold (§5.6.7). Needs a final snapshot (version as listed by
    // the timestamp, unexpired). The snapshot must list "<role>.<ext>" (MissingRole for
    // targets, DelegationNotInSnapshot for delegated roles); the delegator must be trusted
    // (NotTrusted) and delegate to roleName (MissingRole). Then length/hashes from the
    // snapshot, threshold, version == the snapshot's (BadVersion), expiry. Delegations are checked for unique names (DuplicateRoleName)
    // and for not setting both paths and path_hash_prefixes (SchemaViolation). local changes
    // nothing but the report wording: a stored targets file gets every check.
    Result<void> updateTargets(QByteArrayView bytes, bool local = false);
    Result<void> updateDelegatedTargets(QByteArrayView bytes, const QString &roleName,
                                        const QString &delegatorName, bool local = false);

    const Metadata::Signed<Metadata::Root> &root() const { return m_root; }
    const std::optional<Metadata::Signed<Metadata::Timestamp>> &timestamp() const { return m_timestamp; }
    const std::optional<Metadata::Signed<Metadata::Snapshot>> &snapshot() const { return m_snapshot; }
    // "targets" or a delegated role name; nullptr when not trusted (yet).
    const Metadata::Signed<Metadata::Targets> *targets(const QString &roleName = QStringLiteral("targets")) const;

    // Raw bytes of each trusted file exactly as received, for persisting (checklist: persist
    // the exact bytes). Key: role name ("root", "timestamp", "snapshot", "targets", delegated).
    QByteArray trustedBytes(const QString &roleName) const;

private:
    TrustedRepository() = default;
    Result<void> check(const QString &step, const QString &role, const QString &what,
                       Result<void> result);
    void note(const QString &step, const QString &role, const QString &what);
    Result<void> checkFinalTimestamp(const QString &forRole);
    Result<void> checkFinalSnapshot(const QString &forRole);
    Result<void> updateTargetsRole(QByteArrayView bytes, const QString &roleName,
                                   const QString &delegatorName, bool local);
    // Parses a candidate with the §4 format checks, then verifies a threshold of
    // keys/roleKeys over its signed bytes; both steps recorded.
    template <typename T>
    Result<Metadata::Signed<T>> parseVerified(QByteArrayView bytes, const QString &role, bool local,
                                              const QString &thresholdStep, const QString &signers,
                                              const QMap<QString, Metadata::KeyEntry> &keys,
                                              const Metadata::RoleKeys &roleKeys);

    Metadata::Encoding m_encoding = Metadata::Encoding::Json;
    QDateTime m_referenceTime;
    VerificationReport *m_report = nullptr;
    Metadata::Signed<Metadata::Root> m_root;
    std::optional<Metadata::Signed<Metadata::Timestamp>> m_timestamp;
    std::optional<Metadata::Signed<Metadata::Snapshot>> m_snapshot;
    QMap<QString, Metadata::Signed<Metadata::Targets>> m_targets;
    QMap<QString, QByteArray> m_bytes;
};

// Counts distinct keyids among signatures that verify over signedBytes with keys listed for
// the role; duplicates and empty signatures never add. ThresholdNotMet with the count.
Result<void> verifyThreshold(const QByteArray &signedBytes,
                             const QList<Metadata::Signature> &signatures,
                             const QMap<QString, Metadata::KeyEntry> &keys,
                             const Metadata::RoleKeys &role, const QString &roleName);

// TUF 5.3.11: whether `to` lists other keys (keyids, key material) or another threshold for
// role than `from` does. The Updater deletes stored timestamp and snapshot when it does for
// "timestamp" or "snapshot".
bool rotatesKeys(const Metadata::Root &from, const Metadata::Root &to, const QString &role);

// Shell-glob match of a delegation path pattern, where '*' and '?' never match '/' (TUF §4).
// Pattern and path are compared segment by segment (both split at '/', same segment count);
// within a segment '*', '?' and Python-fnmatch classes ("[abc]", "[a-z]", "[!x]") apply.
bool matchesPathPattern(const QString &pattern, const QString &targetPath);
// Whether a delegation applies to targetPath: one of its paths matches, or the hex SHA-256 of
// the UTF-8 target path starts with one of its path_hash_prefixes. Neither set: false.
bool delegationCovers(const Metadata::DelegatedRole &role, const QString &targetPath);

} // namespace Uptane::Verify
