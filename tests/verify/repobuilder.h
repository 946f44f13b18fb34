#pragma once

// Test support for the verify tests and the refresh benchmark: a TUF repository built in
// memory with real keys and the real codec (either encoding, any key type), which a test can
// mutate and re-sign at will, and an in-memory Fetcher that serves it.
//
// The builder keeps the role bodies as public members. Change a body, then publish*() it:
// publishing signs the current body (no implicit version bump) and serves the bytes under
// every name a client may ask for. The update*() helpers bump and publish the way a real
// repository does (targets -> snapshot -> timestamp).

#include "common/fetcher.h"
#include "crypto/keys.h"
#include "metadata/codec.h"

#include <QDateTime>
#include <QMap>
#include <QStringList>

#include <functional>

namespace Uptane::Test {

// Keys generated ahead of time (RSA key generation is slow): one pool per test class, made in
// initTestCase(); rewind() in init() so every test takes the same keys again.
class KeyPool
{
public:
    explicit KeyPool(Crypto::KeyType type = Crypto::KeyType::Ed25519, int count = 0);
    Crypto::KeyType type() const { return m_type; }
    // The next unused key; generates one when the pool is exhausted.
    Crypto::PrivateKey take();
    void rewind() { m_next = 0; }

private:
    Crypto::KeyType m_type;
    QList<Crypto::PrivateKey> m_keys;
    qsizetype m_next = 0;
};

class RepositoryBuilder
{
public:
    // Root v1 (one key per top-level role, threshold 1, consistent snapshots), empty targets,
    // snapshot and timestamp v1, all published. Expiries: `now` + 365 days.
    RepositoryBuilder(Metadata::Encoding encoding, KeyPool &keys, const QDateTime &now);

    Metadata::Encoding encoding() const { return m_encoding; }
    QString ext() const;
    QDateTime now() const { return m_now; }

    // ---- the repository content, free to mutate
    Metadata::Root root;
    Metadata::Timestamp timestamp;
    Metadata::Snapshot snapshot;
    QMap<QString, Metadata::Targets> targets;          // "targets" and delegated roles
    QMap<QString, QList<Crypto::PrivateKey>> signers;  // role -> keys that sign it
    // Keys that sign the next publishRoot() besides signers["root"] (rotateKeys("root") puts
    // the old root keys here, so the new root is signed by old and new). Cleared by it.
    QList<Crypto::PrivateKey> extraRootSigners;
    // Timestamp/snapshot list lengths and hashes of the files they describe ...
    bool computeMetaHashes = false;
    // ... but no lengths (so any other bytes reach the hash comparison).
    bool omitMetaLengths = false;
    // Applied to the signatures of every file signed while set: drop, duplicate, garble...
    std::function<void(const QString &role, QList<Metadata::Signature> &)> tamperSignatures;

    // ---- what is served: file name as the client asks for it, unquoted ("2.root.json",
    // "timestamp.der", "3.a/b.json") -> bytes; targets by path and by "<dir>/<hex>.<name>".
    QMap<QString, QByteArray> files;
    QMap<QString, QByteArray> targetFiles;

    // ---- keys
    // Adds a fresh key to a top-level role (root keys + role keyids) and to its signers.
    Crypto::PrivateKey addKey(const QString &role);
    // Replaces every key of a top-level role by one fresh key. For "root" the old keys go to
    // extraRootSigners, so the next root is a proper rotation.
    void rotateKeys(const QString &role);
    // Adds a delegation (keys and threshold taken from `role`, plus one fresh key added to
    // it) from delegator to a new, empty delegated targets role.
    Crypto::PrivateKey addDelegation(const QString &delegator, Metadata::DelegatedRole role);
    // Adds a fresh key to a delegated role, in its delegator's delegations.
    Crypto::PrivateKey addDelegatedKey(const QString &delegator, const QString &role);

    // ---- content
    // Adds (or replaces) a target file in role's metadata and serves its content.
    Metadata::TargetFile &addTarget(const QString &role, const QString &path, const QByteArray &content);

    // ---- publishing
    QByteArray publishRoot();                       // "<v>.root.<ext>"
    QByteArray publishTargets(const QString &role); // "<role>.<ext>" and "<v>.<role>.<ext>"
    QByteArray publishSnapshot();  // meta from published targets files; "snapshot.<ext>", "<v>.snapshot.<ext>"
    QByteArray publishTimestamp(); // snapshot meta from the published snapshot; "timestamp.<ext>"
    void bumpRoot();                           // version + 1, publish
    void updateTimestamp();                    // version + 1, publish
    void updateSnapshot();                     // snapshot + 1, timestamp + 1, publish both
    void updateTargets(const QString &role = QStringLiteral("targets"));  // role + 1, then updateSnapshot()
    void publishAll();  // every targets role, snapshot, timestamp at their current versions

    // The trusted root a client starts from: the bytes of "1.root.<ext>".
    QByteArray initialRoot() const;
    QString fileName(const QString &role, std::optional<qint64> version) const;

    // Signs body with keys (then tamperSignatures) and serialises it. When served is given,
    // the file carries served's content with body's signatures (bytes changed after signing).
    template <typename T>
    QByteArray sign(const QString &role, const T &body, const QList<Crypto::PrivateKey> &keys,
                    const T *served = nullptr) const;

private:
    Metadata::DelegatedRole *delegation(const QString &delegator, const QString &role);
    void addRootKey(const QString &role, const Crypto::PrivateKey &key);

    Metadata::Encoding m_encoding;
    KeyPool &m_keys;
    QDateTime m_now;
    QMap<QString, std::pair<qint64, QByteArray>> m_publishedTargets;  // role -> last version, bytes
    QByteArray m_publishedSnapshot;
};

// An in-memory Fetcher. Serves mounted builders (metadata and targets under their base URLs,
// percent-decoded), with per-URL overrides and failures, and records every request.
class MemoryFetcher final : public Fetcher
{
public:
    void mount(const QString &metadataBaseUrl, const QString &targetBaseUrl, const RepositoryBuilder *repository);

    QMap<QString, QByteArray> overrides;  // url -> bytes served instead (a man in the middle)
    QMap<QString, Error> failures;        // url -> error returned instead
    QStringList requests;                 // every URL asked for, in order

    Result<QByteArray> fetch(const QString &url, qint64 maxBytes) override;
    Result<qint64> fetchTo(const QString &url, qint64 maxBytes, QIODevice &sink) override;

private:
    Result<QByteArray> lookup(const QString &url);
    struct Mount
    {
        QString metadata;
        QString targets;
        const RepositoryBuilder *repository;
    };
    QList<Mount> m_mounts;
};

} // namespace Uptane::Test
