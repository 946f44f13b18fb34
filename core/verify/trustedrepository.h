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
    int maxRootRotations = 256;                 // §5.3.3 (tuf-js default)
    qint64 rootMaxBytes = 512000;               // §5.3.3 W
    qint64 timestampMaxBytes = 16384;           // §5.4.1 X
    qint64 snapshotMaxBytes = 2000000;          // §5.5.1 Y, when the timestamp gives no length
    qint64 targetsMaxBytes = 5000000;           // §5.6.1 Z, when the snapshot gives no length
    int maxDelegations = 32;                    // §5.6.7.1
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
    // of trusted root N and of itself. Drops trusted timestamp/snapshot when their keys change.
    Result<void> updateRoot(QByteArrayView bytes);
    // §5.3.10: the final root must not be expired at the reference time (freeze attack).
    Result<void> checkRootNotExpired();

    // §5.4.2-5.4.4. EqualVersion (not an attack) when the candidate has the trusted version:
    // the caller keeps the trusted one and may skip the rest of the refresh.
    // local = true when reloading our own stored copy: expiry is then not fatal, so an
    // expired stored file still serves as the rollback baseline (as python-tuf does).
    Result<void> updateTimestamp(QByteArrayView bytes, bool local = false);
    // §5.5.2-5.5.6. Hash/length against the trusted timestamp first, then signatures.
    Result<void> updateSnapshot(QByteArrayView bytes, bool local = false);
    // §5.6.2-5.6.5 for "targets", and for a delegated role with the delegator's keys (§5.6.7).
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

// Shell-glob match of a delegation path pattern, where '*' and '?' never match '/' (TUF §4).
bool matchesPathPattern(const QString &pattern, const QString &targetPath);
// Whether a delegation applies to targetPath: by paths or by path_hash_prefixes.
bool delegationCovers(const Metadata::DelegatedRole &role, const QString &targetPath);

} // namespace Uptane::Verify
