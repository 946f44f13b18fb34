#pragma once

// A TUF 1.0 client for one repository (TUF 1.0 §5, the "detailed client workflow"): loads
// trusted metadata from a MetadataStore, refreshes it through a Fetcher, searches delegations
// for a target and downloads it with length and hash caps. The tuf-client command, the
// Primary and Secondaries all run their repository refreshes through this class.

#include "common/fetcher.h"
#include "verify/metadatastore.h"
#include "verify/trustedrepository.h"

namespace Uptane::Verify {

struct UpdaterConfig
{
    QString metadataBaseUrl;     // ".../metadata/" (trailing slash optional)
    QString targetBaseUrl;       // ".../targets/"
    Metadata::Encoding encoding = Metadata::Encoding::Json;
    Limits limits;
};

class Updater
{
public:
    // store and fetcher must outlive the Updater. referenceTime: §5.1, one per refresh.
    Updater(UpdaterConfig config, MetadataStore &store, Fetcher &fetcher);
    Q_DISABLE_COPY_MOVE(Updater)  // the trusted state points at m_report

    // §5.1-5.6.6: root chain, timestamp, snapshot, top-level targets, with referenceTime as the
    // one "now" of every expiry check. Starts from the store each time (§5.2): "root" must be
    // there (NotFound otherwise). Persists each accepted file's exact bytes right after it is
    // accepted ("root" after each rotation step), and deletes stored timestamp and snapshot
    // when a new root rotates their keys (§5.3.11).
    //
    // Root chain: fetches "<N+1>.root.<ext>" until the fetcher says NotFound (404/403), at most
    // limits.maxRootRotations times; reaching the cap is not an error (§5.3.3 "go to 5.3.10",
    // as python-tuf does) and is noted in the report. Stored timestamp, snapshot and targets
    // are loaded first as baselines (local = true; their failures are advisory in the report).
    // The timestamp is always fetched; an equal version keeps the trusted one (not an error).
    // Snapshot and targets are fetched only when the stored copy is not the final one the
    // timestamp/snapshot now lists: so when nothing changed, the refresh fetches only the
    // next root and the timestamp. On failure the error of the failing check is returned and
    // the store keeps every file accepted before it.
    Result<void> refresh(const QDateTime &referenceTime);

    // §5.6.7: pre-order depth-first delegation search from "targets", in order of appearance,
    // stopping after a terminating delegation, skipping visited roles; a role is consulted
    // only through delegations whose paths cover targetPath, so the target is in the paths of
    // every role of the chain. Delegated roles are taken from the store or fetched on demand
    // and verified with their delegator's keys (§5.6.1-5.6.5). Errors: NotTrusted without a
    // successful refresh(); DelegationLimit after limits.maxDelegations delegated roles;
    // TargetNotFound (§5.7.2); and when a delegated role on the way cannot be loaded, its own
    // error (e.g. DelegationNotInSnapshot, ThresholdNotMet), with a detail naming the role.
    Result<Metadata::TargetFile> findTarget(const QString &targetPath);

    // §5.7.3: downloads the target (consistent-snapshot name "<dir>/<hex hash>.<name>" when
    // the root says so, sha256 preferred), at most its length, checks length and every listed
    // hash of a known algorithm (at least one must be known, else Unsupported), and writes it
    // atomically to filePath (QSaveFile in the same directory, created if missing). A file
    // that fails a check never replaces an existing one. LengthMismatch (also for a body
    // longer than the length: endless data), HashMismatch, the fetcher's errors, IoError.
    Result<void> downloadTarget(const Metadata::TargetFile &target, const QString &filePath);

    // The checks of the last refresh() and of every findTarget()/downloadTarget() since.
    VerificationReport &report() { return m_report; }
    // The trusted state after the last refresh(), also a partial one after a failed refresh
    // (for inspection); nullptr before the first refresh() or when the root did not load.
    const TrustedRepository *trusted() const;

    // The URL of a metadata file: base + "[<version>.]<percent-encoded role>.<ext>".
    QString metadataUrl(const QString &role, std::optional<qint64> version) const;
    // The URL of a target: base + path (segments percent-encoded, '/' kept), with the hash
    // prefix on the file name when the trusted root has consistent_snapshot.
    QString targetUrl(const Metadata::TargetFile &target) const;

private:
    Result<void> loadRoot(const QDateTime &referenceTime);
    Result<void> updateRoots();
    Result<void> updateTimestamp();
    Result<void> updateSnapshot();
    Result<void> updateTargets(const QString &role, const QString &delegator);
    // At most the length the metadata lists (a longer body: LengthMismatch), else defaultMax
    // (a longer body: TooLarge).
    Result<QByteArray> fetchMetadata(const QString &step, const QString &role, const QString &url,
                                     std::optional<qint64> listedLength, qint64 defaultMax);
    Result<void> persist(const QString &step, const QString &role, const QByteArray &bytes);
    // Loads the stored copy of role through `load` (local = true); true when it is final.
    template <typename Load>
    bool loadStored(const QString &role, Load load);

    UpdaterConfig m_config;
    MetadataStore &m_store;
    Fetcher &m_fetcher;
    VerificationReport m_report;
    std::optional<TrustedRepository> m_trusted;
    bool m_refreshed = false;
};

} // namespace Uptane::Verify
