#include "repobuilder.h"

#include "crypto/hash.h"
#include "verify/metachecks.h"

#include <QIODevice>
#include <QUrl>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Uptane::Test {

using namespace Metadata;

namespace {

template <typename T>
T orDie(Result<T> result, const char *what)
{
    if (!result)
        qFatal("RepositoryBuilder: %s: %s", what, qPrintable(result.error().toString()));
    return std::move(*result);
}

KeyEntry entryFor(const Crypto::PrivateKey &key)
{
    KeyEntry entry;
    entry.key = key.publicKey();
    entry.keyid = computeKeyId(entry.key);
    return entry;
}

MetaFile metaFor(qint64 version, const QByteArray &bytes, bool withHashes, bool withLength)
{
    MetaFile meta;
    meta.version = version;
    if (withHashes) {
        if (withLength)
            meta.length = bytes.size();
        meta.hashes.insert(u"sha256"_s, Crypto::sha256(bytes));
        meta.hashes.insert(u"sha512"_s, Crypto::sha512(bytes));
    }
    return meta;
}

} // namespace

KeyPool::KeyPool(Crypto::KeyType type, int count) : m_type(type)
{
    for (int i = 0; i < count; ++i)
        m_keys.append(orDie(Crypto::PrivateKey::generate(type, 2048), "generate key"));
}

Crypto::PrivateKey KeyPool::take()
{
    if (m_next == m_keys.size())
        m_keys.append(orDie(Crypto::PrivateKey::generate(m_type, 2048), "generate key"));
    return m_keys.at(m_next++);
}

RepositoryBuilder::RepositoryBuilder(Encoding encoding, KeyPool &keys, const QDateTime &now)
    : m_encoding(encoding), m_keys(keys), m_now(QDateTime::fromSecsSinceEpoch(now.toSecsSinceEpoch(), Qt::UTC))
{
    const QDateTime expires = m_now.addDays(365);
    root.version = 1;
    root.expires = expires;
    root.consistentSnapshot = true;
    for (const QString &role : {u"root"_s, u"timestamp"_s, u"snapshot"_s, u"targets"_s}) {
        root.roles.insert(role, RoleKeys{});
        addKey(role);
    }
    Targets top;
    top.expires = expires;
    targets.insert(u"targets"_s, top);
    snapshot.expires = expires;
    timestamp.expires = expires;
    publishRoot();
    publishAll();
}

QString RepositoryBuilder::ext() const
{
    return fileExtension(m_encoding);
}

QString RepositoryBuilder::fileName(const QString &role, std::optional<qint64> version) const
{
    return (version ? QString::number(*version) + u'.' : QString()) + role + u'.' + ext();
}

void RepositoryBuilder::addRootKey(const QString &role, const Crypto::PrivateKey &key)
{
    const KeyEntry entry = entryFor(key);
    root.keys.insert(entry.keyid, entry);
    root.roles[role].keyids.append(entry.keyid);
    signers[role].append(key);
}

Crypto::PrivateKey RepositoryBuilder::addKey(const QString &role)
{
    const Crypto::PrivateKey key = m_keys.take();
    addRootKey(role, key);
    return key;
}

void RepositoryBuilder::rotateKeys(const QString &role)
{
    const QStringList old = root.roles[role].keyids;
    root.roles[role].keyids.clear();
    for (const QString &keyid : old) {
        bool used = false;
        for (const RoleKeys &other : std::as_const(root.roles))
            used = used || other.keyids.contains(keyid);
        if (!used)
            root.keys.remove(keyid);
    }
    if (role == u"root")
        extraRootSigners += signers[role];
    signers[role].clear();
    addKey(role);
}

DelegatedRole *RepositoryBuilder::delegation(const QString &delegator, const QString &role)
{
    Targets &parent = targets[delegator];
    if (!parent.delegations)
        return nullptr;
    for (DelegatedRole &candidate : parent.delegations->roles) {
        if (candidate.name == role)
            return &candidate;
    }
    return nullptr;
}

Crypto::PrivateKey RepositoryBuilder::addDelegation(const QString &delegator, DelegatedRole role)
{
    Targets &parent = targets[delegator];
    if (!parent.delegations)
        parent.delegations = Delegations{};
    parent.delegations->roles.append(role);
    Targets child;
    child.expires = m_now.addDays(365);
    targets.insert(role.name, child);
    return addDelegatedKey(delegator, role.name);
}

Crypto::PrivateKey RepositoryBuilder::addDelegatedKey(const QString &delegator, const QString &role)
{
    const Crypto::PrivateKey key = m_keys.take();
    const KeyEntry entry = entryFor(key);
    targets[delegator].delegations->keys.insert(entry.keyid, entry);
    delegation(delegator, role)->keyids.append(entry.keyid);
    signers[role].append(key);
    return key;
}

TargetFile &RepositoryBuilder::addTarget(const QString &role, const QString &path, const QByteArray &content)
{
    TargetFile file;
    file.path = path;
    file.length = content.size();
    file.hashes.insert(u"sha256"_s, Crypto::sha256(content));
    file.hashes.insert(u"sha512"_s, Crypto::sha512(content));
    targetFiles.insert(path, content);
    const qsizetype slash = path.lastIndexOf(u'/');
    for (const QByteArray &digest : std::as_const(file.hashes))
        targetFiles.insert(path.left(slash + 1) + QString::fromLatin1(digest.toHex()) + u'.' + path.mid(slash + 1), content);
    Targets &metadata = targets[role];
    metadata.targets.insert(path, file);
    return metadata.targets[path];
}

template <typename T>
QByteArray RepositoryBuilder::sign(const QString &role, const T &body, const QList<Crypto::PrivateKey> &keys,
                                   const T *served) const
{
    Signed<T> metadata = orDie(Metadata::sign(body, m_encoding, keys), "sign");
    if (tamperSignatures)
        tamperSignatures(role, metadata.signatures);
    if (served) {
        metadata.body = *served;
        metadata.signedBytes = orDie(Metadata::signedBytes(*served, m_encoding), "signedBytes");
    }
    return orDie(serialize(metadata), "serialize");
}

template QByteArray RepositoryBuilder::sign<Root>(const QString &, const Root &, const QList<Crypto::PrivateKey> &, const Root *) const;
template QByteArray RepositoryBuilder::sign<Targets>(const QString &, const Targets &, const QList<Crypto::PrivateKey> &, const Targets *) const;
template QByteArray RepositoryBuilder::sign<Snapshot>(const QString &, const Snapshot &, const QList<Crypto::PrivateKey> &, const Snapshot *) const;
template QByteArray RepositoryBuilder::sign<Timestamp>(const QString &, const Timestamp &, const QList<Crypto::PrivateKey> &, const Timestamp *) const;

QByteArray RepositoryBuilder::publishRoot()
{
    QList<Crypto::PrivateKey> keys = signers.value(u"root"_s);
    for (const Crypto::PrivateKey &extra : std::as_const(extraRootSigners)) {
        const bool known = std::ranges::any_of(keys, [&](const Crypto::PrivateKey &key) {
            return key.publicKey() == extra.publicKey();
        });
        if (!known)
            keys.append(extra);
    }
    extraRootSigners.clear();
    const QByteArray bytes = sign(u"root"_s, root, keys);
    files.insert(fileName(u"root"_s, root.version), bytes);
    return bytes;
}

QByteArray RepositoryBuilder::publishTargets(const QString &role)
{
    const Targets &body = targets[role];
    const QByteArray bytes = sign(role, body, signers.value(role));
    files.insert(fileName(role, std::nullopt), bytes);
    files.insert(fileName(role, body.version), bytes);
    m_publishedTargets.insert(role, {body.version, bytes});
    return bytes;
}

QByteArray RepositoryBuilder::publishSnapshot()
{
    snapshot.meta.clear();
    for (auto it = targets.cbegin(); it != targets.cend(); ++it) {
        if (!m_publishedTargets.contains(it.key()))
            publishTargets(it.key());
        const auto &[version, bytes] = m_publishedTargets[it.key()];
        snapshot.meta.insert(Verify::metaFileName(it.key(), m_encoding), metaFor(version, bytes, computeMetaHashes, !omitMetaLengths));
    }
    const QByteArray bytes = sign(u"snapshot"_s, snapshot, signers.value(u"snapshot"_s));
    files.insert(fileName(u"snapshot"_s, std::nullopt), bytes);
    files.insert(fileName(u"snapshot"_s, snapshot.version), bytes);
    m_publishedSnapshot = bytes;
    return bytes;
}

QByteArray RepositoryBuilder::publishTimestamp()
{
    timestamp.snapshotName = Verify::metaFileName(u"snapshot"_s, m_encoding);
    timestamp.snapshot = metaFor(snapshot.version, m_publishedSnapshot, computeMetaHashes, !omitMetaLengths);
    const QByteArray bytes = sign(u"timestamp"_s, timestamp, signers.value(u"timestamp"_s));
    files.insert(fileName(u"timestamp"_s, std::nullopt), bytes);
    return bytes;
}

void RepositoryBuilder::bumpRoot()
{
    ++root.version;
    publishRoot();
}

void RepositoryBuilder::updateTimestamp()
{
    ++timestamp.version;
    publishTimestamp();
}

void RepositoryBuilder::updateSnapshot()
{
    ++snapshot.version;
    publishSnapshot();
    updateTimestamp();
}

void RepositoryBuilder::updateTargets(const QString &role)
{
    ++targets[role].version;
    publishTargets(role);
    updateSnapshot();
}

void RepositoryBuilder::publishAll()
{
    for (const QString &role : targets.keys())
        publishTargets(role);
    publishSnapshot();
    publishTimestamp();
}

QByteArray RepositoryBuilder::initialRoot() const
{
    return files.value(fileName(u"root"_s, 1));
}

void MemoryFetcher::mount(const QString &metadataBaseUrl, const QString &targetBaseUrl,
                          const RepositoryBuilder *repository)
{
    m_mounts.append(Mount{metadataBaseUrl, targetBaseUrl, repository});
}

Result<QByteArray> MemoryFetcher::lookup(const QString &url)
{
    requests.append(url);
    if (failures.contains(url))
        return fail(failures.value(url));
    if (overrides.contains(url))
        return overrides.value(url);
    for (const Mount &mount : std::as_const(m_mounts)) {
        for (const bool metadata : {true, false}) {
            const QString &base = metadata ? mount.metadata : mount.targets;
            if (base.isEmpty() || !url.startsWith(base))
                continue;
            const QString name = QUrl::fromPercentEncoding(url.mid(base.size()).toLatin1());
            const QMap<QString, QByteArray> &served =
                metadata ? mount.repository->files : mount.repository->targetFiles;
            if (served.contains(name))
                return served.value(name);
        }
    }
    return fail(ErrorCode::NotFound, u"HTTP 404 for %1"_s.arg(url));
}

Result<QByteArray> MemoryFetcher::fetch(const QString &url, qint64 maxBytes)
{
    auto bytes = lookup(url);
    if (bytes && bytes->size() > maxBytes)
        return fail(ErrorCode::TooLarge, u"%1 has %2 bytes, more than %3"_s.arg(url).arg(bytes->size()).arg(maxBytes));
    return bytes;
}

Result<qint64> MemoryFetcher::fetchTo(const QString &url, qint64 maxBytes, QIODevice &sink)
{
    auto bytes = lookup(url);
    if (!bytes)
        return fail(bytes.error());
    // Like a streaming transfer: what fits is written before the cap is noticed.
    const qint64 allowed = std::min<qint64>(bytes->size(), maxBytes);
    if (sink.write(bytes->constData(), allowed) != allowed)
        return fail(ErrorCode::IoError, u"sink refused data"_s);
    if (bytes->size() > maxBytes)
        return fail(ErrorCode::TooLarge, u"%1 has more than %2 bytes"_s.arg(url).arg(maxBytes));
    return allowed;
}

} // namespace Uptane::Test
