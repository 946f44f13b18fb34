#pragma once

// RepositoryWriter: the writing side of one TUF 1.0 repository (a metadata directory in one
// encoding), shared by the Image Repository and the Director's per-vehicle repositories.
//
// State lives only in the metadata files (no second state file to drift): load() follows
// timestamp.<ext> -> V.snapshot.<ext> -> V.<role>.<ext> for every targets role the snapshot
// lists, and takes the highest N.root.<ext>. Signing keys come from a KeyRing by the keyids
// the metadata lists (root for top-level roles, the delegator's delegations for delegated
// roles); a threshold > 1 means that many keys sign. Consistent snapshots are always on.
//
// Publishing is atomic for readers that start from timestamp.<ext> (TUF §5.4, consistent
// snapshots §6.2): every new versioned file ("V.<role>.<ext>", "V.snapshot.<ext>") is
// written first, then the unversioned copies for non-consistent readers, and timestamp.<ext>
// last, each by write-to-temporary, fsync, rename (QSaveFile). A process killed at any point
// leaves the old timestamp pointing at a complete old repository, or the new one pointing at
// a complete new one. Root versions are kept forever ("N.root.<ext>", and "root.<ext>").
// When publishing fails part-way the writer reloads its state from disk (staged changes are
// dropped) and returns the error.
//
// Not thread-safe: one owner thread. KeyRing and Clock must outlive the writer.

#include "common/clock.h"
#include "common/labevent.h"
#include "metadata/signed.h"

#include <QMap>
#include <QSet>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace Uptane::Services {

class KeyRing;

// How long each new version is valid (defaults as the reference implementation's).
struct ExpiryPolicy
{
    qint64 rootSeconds = 365 * 86400;
    qint64 targetsSeconds = 90 * 86400;  // delegated targets roles too
    qint64 snapshotSeconds = 7 * 86400;
    qint64 timestampSeconds = 86400;
    qint64 forRole(const QString &role) const;
};

// The keys of one role by KeyRing name, and its threshold.
struct RoleKeyNames
{
    QStringList keyNames;
    qint64 threshold = 1;
};

// What one publish/rotate/refresh wrote.
struct PublishResult
{
    QMap<QString, qint64> versions;  // role -> new version ("root", "targets", delegated, "snapshot", "timestamp")
    QStringList files;               // file names written, in write order (timestamp last)
    bool isEmpty() const { return versions.isEmpty(); }
    QString summary() const;         // "targets v3, snapshot v3, timestamp v3"
};

class RepositoryWriter
{
public:
    using EventCallback = std::function<void(const LabEvent &)>;
    // Fault injection for crash tests: called with each file name ("3.targets.json") just
    // before it is written; returning false stops the publish there, as a kill would
    // (the call fails with IoError and nothing else is written).
    using WriteHook = std::function<bool(const QString &fileName)>;

    // nodeId names the repository in LabEvents ("imagerepo", "director/democar").
    RepositoryWriter(QString metadataDir, Metadata::Encoding encoding, KeyRing &keys,
                     const Clock &clock, QString nodeId);

    void setExpiryPolicy(const ExpiryPolicy &policy) { m_expiry = policy; }
    ExpiryPolicy expiryPolicy() const { return m_expiry; }
    // Without a callback, events queue up for takeEvents().
    void setEventCallback(EventCallback callback) { m_onEvent = std::move(callback); }
    QList<LabEvent> takeEvents();
    void setWriteHook(WriteHook hook) { m_writeHook = std::move(hook); }

    QString metadataDir() const { return m_dir; }
    Metadata::Encoding encoding() const { return m_encoding; }
    QString extension() const;
    // "[<version>.]<role>.<ext>"
    QString fileName(const QString &role, std::optional<qint64> version = std::nullopt) const;

    // ---- state
    // Whether timestamp.<ext> exists (a repository was initialized here).
    bool exists() const;
    // (Re)reads the state from disk, dropping staged changes. NotFound when there is no
    // repository; the codec's errors, VersionMismatch or MissingRole for a directory whose
    // files do not fit together.
    Result<void> load();
    // Creates version 1 of all four roles: roles must give keys for "root", "targets",
    // "snapshot" and "timestamp" (MissingRole otherwise), every key must be in the KeyRing
    // (NotFound), and thresholds must be between 1 and the key count (InvalidArgument).
    // initialTargets (optional) is the content of targets v1 (e.g. the Director's vehicleId).
    // InvalidArgument when a repository exists already.
    Result<PublishResult> initialize(const QMap<QString, RoleKeyNames> &roles,
                                     const Metadata::Targets &initialTargets = {});

    bool isLoaded() const { return m_loaded; }
    const Metadata::Root &root() const { return m_root; }
    const Metadata::Snapshot &snapshot() const { return m_snapshot; }
    const Metadata::Timestamp &timestamp() const { return m_timestamp; }
    // "targets" first, then delegated roles in snapshot order (staged new ones included).
    QStringList targetsRoles() const;
    // The staged body when the role has staged changes, else the published one; nullptr for
    // an unknown role.
    const Metadata::Targets *targets(const QString &role = QStringLiteral("targets")) const;
    // The published version of a role, 0 when unknown.
    qint64 version(const QString &role) const;
    // The role that delegates to `role` (through staged delegations), or empty.
    QString delegatorOf(const QString &role) const;

    // ---- staging targets content (nothing is written until publish())
    // Replaces the content of "targets" or of a delegated role (version and expires are set
    // by publish()). The delegations of body may add roles: they start empty. Delegated
    // roles are never dropped from the snapshot (clients refuse that, TUF §5.5.5), so a role
    // removed from delegations keeps its last version. MissingRole when role is neither
    // "targets" nor delegated by a targets role; InvalidArgument for unsafe role names
    // (Workspace::isSafeName) or a delegated role named like a top-level role; DuplicateRoleName.
    Result<void> stageTargets(const QString &role, const Metadata::Targets &body);
    // Adds or replaces one target file of role (stageTargets on a copy). An entry equal to the
    // one listed already stages nothing.
    Result<void> addTarget(const QString &role, const Metadata::TargetFile &file);
    // TargetNotFound when role does not list path.
    Result<void> removeTarget(const QString &role, const QString &path);
    bool hasStagedChanges() const { return !m_staged.isEmpty(); }
    void discardStaged() { m_staged.clear(); }

    // ---- writing
    // Signs a new version of every staged targets role, a new snapshot listing every targets
    // role (version, length, sha256 and sha512) and a new timestamp (snapshot version, length,
    // sha256, sha512), and writes them atomically as described above. Nothing staged: an empty
    // result and nothing written. ThresholdNotMet when the KeyRing lacks keys to reach a
    // role's threshold; IoError (including a WriteHook abort).
    Result<PublishResult> publish();
    // Root operation (TUF §5.3): gives `role` new keys and threshold. For a top-level role a
    // new root N+1 is written ("N+1.root.<ext>", "root.<ext>") signed by a threshold of the
    // old root keys and of the new root's, then whatever the rotated role signs is re-signed
    // with a new version (targets -> snapshot -> timestamp as needed) together with any staged
    // changes. For a delegated role the delegator's delegations change and the role is
    // re-signed. Emits KeyRotated. NotFound/MissingRole/InvalidArgument as in initialize().
    Result<PublishResult> rotateKeys(const QString &role, const RoleKeyNames &keys);
    // New versions without content change, for a long-lived repository: always timestamp,
    // and every other role that expires within half its validity period (then snapshot too).
    Result<PublishResult> refreshExpiry();

    // Re-signs, with new versions, the top-level roles whose current file the current root's
    // keys do not accept (a rotation interrupted between the new root and the new timestamp),
    // then the roles that list them, and rewrites a "root.<ext>" that lags behind the newest
    // "N.root.<ext>". Empty result when everything verifies.
    Result<PublishResult> repair();
    bool needsRepair() const { return !m_unverified.isEmpty(); }

    // The bytes of a file in the metadata directory (NotFound), e.g. to serve or inspect.
    Result<QByteArray> readFile(const QString &fileName) const;

private:
    struct Write
    {
        QString fileName;
        QByteArray bytes;
    };
    // Everything one publish writes, and the state adopted once it is all on disk.
    struct Plan
    {
        QList<Write> versioned;    // new "V.<role>.<ext>", "V.snapshot.<ext>"
        QList<Write> rootFiles;    // "N.root.<ext>", "root.<ext>"
        QList<Write> unversioned;  // "<role>.<ext>", "snapshot.<ext>"
        std::optional<Write> timestamp;
        Metadata::Root root;
        QMap<QString, Metadata::Targets> targets;
        QMap<QString, QByteArray> targetsBytes;
        Metadata::Snapshot snapshot;
        QByteArray snapshotBytes;
        Metadata::Timestamp timestamp_;
        PublishResult result;
    };
    // What a plan re-signs besides the staged roles.
    struct Resign
    {
        QSet<QString> targetsRoles;
        bool snapshot = false;
        bool timestamp = false;
    };

    Result<QList<Crypto::PrivateKey>> signersFor(const QString &role, const QStringList &keyids,
                                                 qint64 threshold) const;
    Result<QList<Metadata::KeyEntry>> keyEntries(const RoleKeyNames &keys) const;
    Result<void> checkRoleKeys(const QString &role, const RoleKeyNames &keys) const;
    Result<void> addRootFiles(Plan &plan, const Metadata::Root &newRoot) const;
    // Fills plan with new versions of the staged roles plus `resign`, signed with the keys
    // plan.root lists (plan.root must be set: the current or the new root).
    Result<void> buildPlan(Plan &plan, Resign resign) const;
    Result<PublishResult> commit(Plan plan);
    Result<void> writeFile(const QString &fileName, const QByteArray &bytes);
    Result<void> loadFiles();
    QDateTime expiresFor(const QString &role) const;
    bool nearExpiry(const QString &role, const QDateTime &expires) const;
    void emitEvent(LabEvent::Kind kind, const QString &summary, const QByteArray &bytes = {});
    void collectRoles(const QString &role, QStringList &order) const;

    QString m_dir;
    Metadata::Encoding m_encoding;
    KeyRing &m_keys;
    const Clock &m_clock;
    QString m_nodeId;
    ExpiryPolicy m_expiry;
    EventCallback m_onEvent;
    WriteHook m_writeHook;
    QList<LabEvent> m_events;

    bool m_loaded = false;
    Metadata::Root m_root;
    Metadata::Snapshot m_snapshot;
    Metadata::Timestamp m_timestamp;
    QMap<QString, Metadata::Targets> m_targets;      // published, by role
    QMap<QString, QByteArray> m_targetsBytes;        // published file bytes, by role
    QByteArray m_snapshotBytes;
    QMap<QString, Metadata::Targets> m_staged;       // staged bodies, by role
    QSet<QString> m_unverified;  // roles whose file on disk the current root does not accept
};

} // namespace Uptane::Services
