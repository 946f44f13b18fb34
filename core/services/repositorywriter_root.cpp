// RepositoryWriter: the root operations (TUF §5.3 root rotation, §6.1 key compromise) and the
// maintenance re-signing (expiry refresh, repair after an interrupted rotation).

#include "services/repositorywriter.h"

#include "metadata/codec.h"
#include "services/keyring.h"

#include <QSet>

using namespace Qt::StringLiterals;
using namespace Uptane::Metadata;

namespace Uptane::Services {

namespace {

const QStringList kTopLevelRoles{u"root"_s, u"targets"_s, u"snapshot"_s, u"timestamp"_s};

// Drops key entries no role lists any more, so a revoked key disappears from the metadata.
void pruneKeys(QMap<QString, KeyEntry> &keys, const QSet<QString> &used)
{
    for (auto it = keys.begin(); it != keys.end();) {
        if (used.contains(it.key()))
            ++it;
        else
            it = keys.erase(it);
    }
}

} // namespace

Result<void> RepositoryWriter::checkRoleKeys(const QString &role, const RoleKeyNames &keys) const
{
    if (keys.keyNames.isEmpty())
        return fail(ErrorCode::InvalidArgument, u"%1: no keys"_s.arg(role));
    if (QSet<QString>(keys.keyNames.cbegin(), keys.keyNames.cend()).size() != keys.keyNames.size())
        return fail(ErrorCode::DuplicateKey, u"%1: a key is named twice"_s.arg(role));
    if (keys.threshold < 1 || keys.threshold > keys.keyNames.size())
        return fail(ErrorCode::InvalidArgument, u"%1: threshold %2 with %3 keys"_s.arg(role).arg(keys.threshold).arg(keys.keyNames.size()));
    for (const QString &name : keys.keyNames) {
        if (!m_keys.contains(name))
            return fail(ErrorCode::NotFound, u"%1: no key named %2 in the key ring"_s.arg(role, name));
    }
    return {};
}

Result<QList<KeyEntry>> RepositoryWriter::keyEntries(const RoleKeyNames &keys) const
{
    QList<KeyEntry> entries;
    for (const QString &name : keys.keyNames) {
        auto info = m_keys.info(name);
        if (!info)
            return fail(info.error());
        KeyEntry entry;
        entry.keyid = info->keyid;
        entry.key = info->publicKey;
        entries.append(entry);
    }
    return entries;
}

Result<void> RepositoryWriter::addRootFiles(Plan &plan, const Root &newRoot) const
{
    // TUF §5.3.4: a client accepts root N+1 only when a threshold of root N's keys and a
    // threshold of root N+1's own keys signed it. Version 1 has no predecessor.
    auto keys = signersFor(u"root"_s, newRoot.roles.value(u"root"_s).keyids, newRoot.roles.value(u"root"_s).threshold);
    if (!keys)
        return fail(keys.error().context(u"new root"_s));
    if (newRoot.version > 1) {
        auto old = signersFor(u"root"_s, m_root.roles.value(u"root"_s).keyids, m_root.roles.value(u"root"_s).threshold);
        if (!old)
            return fail(old.error().context(u"previous root"_s));
        for (const Crypto::PrivateKey &key : *old) {
            if (!std::ranges::any_of(*keys, [&](const auto &k) { return k.publicKey() == key.publicKey(); }))
                keys->append(key);
        }
    }
    auto bytes = signAndSerialize(newRoot, m_encoding, *keys);
    if (!bytes)
        return fail(bytes.error().context(u"root"_s));
    plan.root = newRoot;
    plan.rootFiles.append({fileName(u"root"_s, newRoot.version), *bytes});
    plan.rootFiles.append({fileName(u"root"_s), *bytes});
    plan.result.versions.insert(u"root"_s, newRoot.version);
    return {};
}

Result<PublishResult> RepositoryWriter::initialize(const QMap<QString, RoleKeyNames> &roles,
                                                   const Targets &initialTargets)
{
    if (exists())
        return fail(ErrorCode::InvalidArgument, u"a repository exists in %1 already"_s.arg(m_dir));
    Root root;
    root.version = 1;
    root.expires = expiresFor(u"root"_s);
    root.consistentSnapshot = true;
    for (const QString &role : kTopLevelRoles) {
        if (!roles.contains(role))
            return fail(ErrorCode::MissingRole, u"no keys given for %1"_s.arg(role));
        if (auto ok = checkRoleKeys(role, roles.value(role)); !ok)
            return fail(ok.error());
        auto entries = keyEntries(roles.value(role));
        if (!entries)
            return fail(entries.error());
        RoleKeys roleKeys;
        roleKeys.threshold = roles.value(role).threshold;
        for (const KeyEntry &entry : *entries) {
            root.keys.insert(entry.keyid, entry);
            roleKeys.keyids.append(entry.keyid);
        }
        root.roles.insert(role, roleKeys);
    }

    // An empty repository at version 0 of everything; the plan makes version 1.
    m_root = root;
    m_targets.clear();
    m_targetsBytes.clear();
    m_snapshot = Snapshot{};
    m_snapshot.version = 0;
    m_snapshotBytes.clear();
    m_timestamp = Timestamp{};
    m_timestamp.version = 0;
    m_staged.clear();
    m_loaded = true;
    if (auto staged = stageTargets(u"targets"_s, initialTargets); !staged) {
        m_loaded = false;
        m_staged.clear();
        return fail(staged.error());
    }
    Plan plan;
    auto built = addRootFiles(plan, root);
    if (built)
        built = buildPlan(plan, {{}, true, true});
    if (!built) {
        m_loaded = false;
        m_staged.clear();
        return fail(built.error());
    }
    return commit(std::move(plan));
}

Result<PublishResult> RepositoryWriter::rotateKeys(const QString &role, const RoleKeyNames &keys)
{
    if (!m_loaded)
        return fail(ErrorCode::NotTrusted, u"no repository loaded in %1"_s.arg(m_dir));
    if (auto ok = checkRoleKeys(role, keys); !ok)
        return fail(ok.error());
    auto entries = keyEntries(keys);
    if (!entries)
        return fail(entries.error());
    QStringList keyids;
    for (const KeyEntry &entry : *entries)
        keyids.append(entry.keyid);

    Plan plan;
    Resign resign;
    if (kTopLevelRoles.contains(role)) {
        Root root = m_root;
        ++root.version;
        root.expires = expiresFor(u"root"_s);
        root.roles[role].keyids = keyids;
        root.roles[role].threshold = keys.threshold;
        for (const KeyEntry &entry : *entries)
            root.keys.insert(entry.keyid, entry);
        QSet<QString> used;
        for (const RoleKeys &listed : std::as_const(root.roles))
            used.unite(QSet<QString>(listed.keyids.cbegin(), listed.keyids.cend()));
        pruneKeys(root.keys, used);
        if (auto added = addRootFiles(plan, root); !added)
            return fail(added.error());
        // Whatever the rotated role signs must carry the new keys' signatures (and a new
        // version, so clients that dropped it after the rotation, §5.3.11, fetch it again).
        if (role == u"targets"_s)
            resign.targetsRoles.insert(role);
        resign.snapshot = role == u"snapshot"_s;
        resign.timestamp = role == u"timestamp"_s;
    } else {
        const QString delegator = delegatorOf(role);
        if (delegator.isEmpty())
            return fail(ErrorCode::MissingRole, u"no targets role delegates to \"%1\""_s.arg(role));
        Targets body = *targets(delegator);
        QSet<QString> used;
        for (DelegatedRole &delegated : body.delegations->roles) {
            if (delegated.name == role) {
                delegated.keyids = keyids;
                delegated.threshold = keys.threshold;
            }
            used.unite(QSet<QString>(delegated.keyids.cbegin(), delegated.keyids.cend()));
        }
        for (const KeyEntry &entry : *entries)
            body.delegations->keys.insert(entry.keyid, entry);
        pruneKeys(body.delegations->keys, used);
        if (auto staged = stageTargets(delegator, body); !staged)
            return fail(staged.error());
        plan.root = m_root;
        resign.targetsRoles.insert(role);
    }
    if (auto built = buildPlan(plan, resign); !built) {
        load();
        return fail(built.error());
    }
    auto result = commit(std::move(plan));
    if (result)
        emitEvent(LabEvent::Kind::KeyRotated, u"rotated the keys of %1 to %2 (threshold %3): %4"_s.arg(
                                                  role, keys.keyNames.join(u", "_s)).arg(keys.threshold).arg(result->summary()));
    return result;
}

Result<PublishResult> RepositoryWriter::refreshExpiry()
{
    if (!m_loaded)
        return fail(ErrorCode::NotTrusted, u"no repository loaded in %1"_s.arg(m_dir));
    Plan plan;
    plan.root = m_root;
    Resign resign;
    resign.timestamp = true;
    resign.snapshot = nearExpiry(u"snapshot"_s, m_snapshot.expires);
    for (auto it = m_targets.cbegin(); it != m_targets.cend(); ++it) {
        if (nearExpiry(it.key(), it->expires))
            resign.targetsRoles.insert(it.key());
    }
    if (nearExpiry(u"root"_s, m_root.expires)) {
        Root root = m_root;
        ++root.version;
        root.expires = expiresFor(u"root"_s);
        if (auto added = addRootFiles(plan, root); !added)
            return fail(added.error());
    }
    if (auto built = buildPlan(plan, resign); !built)
        return fail(built.error());
    return commit(std::move(plan));
}

Result<PublishResult> RepositoryWriter::repair()
{
    if (!m_loaded)
        return fail(ErrorCode::NotTrusted, u"no repository loaded in %1"_s.arg(m_dir));
    if (m_unverified.isEmpty())
        return PublishResult{};
    Plan plan;
    plan.root = m_root;
    if (m_unverified.contains(u"root"_s)) {
        auto bytes = readFile(fileName(u"root"_s, m_root.version));
        if (!bytes)
            return fail(bytes.error());
        plan.rootFiles.append({fileName(u"root"_s), *bytes});
        plan.result.versions.insert(u"root"_s, m_root.version);
    }
    Resign resign;
    if (m_unverified.contains(u"targets"_s))
        resign.targetsRoles.insert(u"targets"_s);
    resign.snapshot = m_unverified.contains(u"snapshot"_s);
    resign.timestamp = resign.snapshot || !resign.targetsRoles.isEmpty() || m_unverified.contains(u"timestamp"_s);
    if (auto built = buildPlan(plan, resign); !built)
        return fail(built.error());
    return commit(std::move(plan));
}

} // namespace Uptane::Services
