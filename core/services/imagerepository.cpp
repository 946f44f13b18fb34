#include "services/imagerepository.h"

#include "crypto/hash.h"
#include "services/fileutil.h"
#include "services/keyring.h"
#include "services/workspace.h"
#include "verify/trustedrepository.h"

#include <QFileInfo>

using namespace Qt::StringLiterals;
using namespace Uptane::Metadata;

namespace Uptane::Services {

namespace {

const QString kTargets = u"targets"_s;
const QStringList kTopLevelRoles{u"root"_s, kTargets, u"snapshot"_s, u"timestamp"_s};

QString keyPrefix(const QString &role)
{
    return u"imagerepo-"_s + role;
}

// "<dir>/<prefix>.<name>", the consistent-snapshot name of a target (TUF §5.7.3).
QString prefixedPath(const QString &path, const QString &prefix)
{
    const qsizetype slash = path.lastIndexOf(u'/');
    return path.left(slash + 1) + prefix + u'.' + path.mid(slash + 1);
}

TargetFile targetFile(const QString &path, qint64 length, const QByteArray &sha256,
                      const QByteArray &sha512, const QString &hardwareId, qint64 releaseCounter)
{
    TargetFile file;
    file.path = path;
    file.length = length;
    file.hashes.insert(u"sha256"_s, sha256);
    file.hashes.insert(u"sha512"_s, sha512);
    file.hardwareId = hardwareId;
    file.releaseCounter = releaseCounter;
    file.hasCustom = true;
    return file;
}

} // namespace

Result<void> checkTargetPath(const QString &path)
{
    auto bad = [&](const QString &why) {
        return fail(ErrorCode::InvalidArgument, u"image path \"%1\": %2"_s.arg(path, why));
    };
    if (path.isEmpty())
        return bad(u"empty"_s);
    if (path.size() > 1024)
        return bad(u"longer than 1024 characters"_s);
    if (path.startsWith(u'/'))
        return bad(u"absolute"_s);
    if (path.contains(u'\\'))
        return bad(u"contains a backslash"_s);
    if (std::ranges::any_of(path, [](QChar c) { return c.unicode() < 0x20 || c.unicode() == 0x7f; }))
        return bad(u"contains a control character"_s);
    for (const QString &segment : path.split(u'/')) {
        if (segment.isEmpty())
            return bad(u"empty path segment"_s);
        if (segment == u"."_s || segment == u".."_s)
            return bad(u"\".\" or \"..\" segment (directory traversal)"_s);
    }
    return {};
}

ImageRepositoryOptions ImageRepositoryOptions::demo()
{
    ImageRepositoryOptions options;
    options.keyCounts.insert(kTargets, 2);
    options.thresholds.insert(kTargets, 2);
    return options;
}

ImageRepository::ImageRepository(const Workspace &workspace, KeyRing &keys, const ImageRepositoryOptions &options)
    : m_metadataDir(workspace.imageRepoMetadataDir()), m_targetsDir(workspace.imageRepoTargetsDir()),
      m_keys(keys), m_options(options)
{
}

ImageRepository::~ImageRepository() = default;

Result<std::unique_ptr<ImageRepository>> ImageRepository::open(const Workspace &workspace, KeyRing &keys,
                                                                const Clock &clock,
                                                                const ImageRepositoryOptions &options)
{
    std::unique_ptr<ImageRepository> repository(new ImageRepository(workspace, keys, options));
    repository->m_writer = std::make_unique<RepositoryWriter>(repository->m_metadataDir, workspace.encoding(),
                                                              keys, clock, u"imagerepo"_s);
    repository->m_writer->setExpiryPolicy(options.expiry);
    if (!repository->m_writer->exists()) {
        if (auto created = repository->create(); !created)
            return fail(created.error().context(u"imagerepo"_s));
        return repository;
    }
    if (auto loaded = repository->m_writer->load(); !loaded)
        return fail(loaded.error().context(u"imagerepo"_s));
    // A rotation killed between the new root and the new timestamp: finish it.
    if (repository->m_writer->needsRepair()) {
        if (auto repaired = repository->m_writer->repair(); !repaired)
            return fail(repaired.error().context(u"imagerepo"_s));
    }
    return repository;
}

QString ImageRepository::metadataDir() const { return m_metadataDir; }
QString ImageRepository::targetsDir() const { return m_targetsDir; }

Result<void> ImageRepository::create()
{
    QMap<QString, RoleKeyNames> roles;
    for (const QString &role : kTopLevelRoles) {
        RoleKeyNames keys;
        keys.threshold = m_options.thresholds.value(role, 1);
        const int count = m_options.keyCounts.value(role, 1);
        for (int i = 1; i <= count; ++i) {
            const QString name = keyPrefix(role) + u'-' + QString::number(i);
            // TUF §6.1: root keys are the ones to keep offline; only root signing uses them.
            if (auto key = m_keys.loadOrCreate(name, m_options.keyType, role == u"root"_s); !key)
                return fail(key.error());
            keys.keyNames.append(name);
        }
        roles.insert(role, keys);
    }

    Targets targets;
    if (!m_options.suppliers.isEmpty()) {
        Delegations delegations;
        for (const SupplierRole &supplier : m_options.suppliers) {
            if (auto ok = Workspace::checkSafeName(supplier.name, u"supplier role"_s); !ok)
                return ok;
            DelegatedRole role;
            role.name = supplier.name;
            role.threshold = supplier.threshold;
            // Terminating: a search for acme/* that reaches this role ends here, so no later
            // delegation can be used to sneak another image in under the supplier's paths.
            role.terminating = true;
            role.paths = supplier.paths;
            role.hardwareIds = supplier.hardwareIds;
            for (int i = 1; i <= supplier.keyCount; ++i) {
                const QString name = keyPrefix(supplier.name) + u'-' + QString::number(i);
                auto key = m_keys.loadOrCreate(name, m_options.keyType);
                if (!key)
                    return fail(key.error());
                KeyEntry entry;
                entry.key = key->publicKey();
                entry.keyid = computeKeyId(entry.key);
                delegations.keys.insert(entry.keyid, entry);
                role.keyids.append(entry.keyid);
            }
            delegations.roles.append(role);
        }
        targets.delegations = delegations;
    }
    auto published = m_writer->initialize(roles, targets);
    if (!published)
        return fail(published.error());
    return {};
}

// ---- images

QString ImageRepository::roleForPath(const QString &path) const
{
    // The deepest role along the first chain of delegations whose paths cover the path: the
    // role a TUF client would reach first for it (§5.6.7).
    QString role = kTargets;
    QSet<QString> visited{role};
    for (;;) {
        const Targets *body = m_writer->targets(role);
        if (!body || !body->delegations)
            return role;
        const auto &delegated = body->delegations->roles;
        const auto next = std::ranges::find_if(delegated, [&](const DelegatedRole &candidate) {
            return Verify::delegationCovers(candidate, path) && !visited.contains(candidate.name);
        });
        if (next == delegated.cend())
            return role;
        role = next->name;
        visited.insert(role);
    }
}

Result<QString> ImageRepository::roleForImage(const QString &path, const QString &hardwareId,
                                              qint64 releaseCounter) const
{
    if (releaseCounter < 0)
        return fail(ErrorCode::InvalidArgument, u"image %1: negative release counter"_s.arg(path));
    if (auto ok = checkTargetPath(path); !ok)
        return fail(ok.error());
    if (hardwareId.isEmpty())
        return fail(ErrorCode::InvalidArgument, u"image %1: empty hardware id"_s.arg(path));
    const QString role = roleForPath(path);
    if (role == kTargets)
        return role;
    const Targets *delegator = m_writer->targets(m_writer->delegatorOf(role));
    const auto &roles = delegator->delegations->roles;
    const auto entry = std::ranges::find(roles, role, &DelegatedRole::name);
    // Uptane: a supplier may sign images only for the hardware it makes.
    if (!entry->hardwareIds.isEmpty() && !entry->hardwareIds.contains(hardwareId))
        return fail(ErrorCode::HardwareIdMismatch, u"image %1 belongs to %2, which may sign only for hardware %3, not %4"_s.arg(
                                                       path, role, entry->hardwareIds.join(u", "_s), hardwareId));
    return role;
}

Result<TargetFile> ImageRepository::stage(const QString &role, TargetFile file)
{
    if (auto added = m_writer->addTarget(role, file); !added)
        return fail(added.error());
    return file;
}

Result<TargetFile> ImageRepository::stageImage(const QString &path, const QByteArray &bytes,
                                               const QString &hardwareId, qint64 releaseCounter)
{
    auto role = roleForImage(path, hardwareId, releaseCounter);
    if (!role)
        return fail(role.error());
    const QByteArray sha256 = Crypto::sha256(bytes);
    const QByteArray sha512 = Crypto::sha512(bytes);
    // The bytes go under every name a client may ask for before any metadata names them.
    for (const QString &name : {prefixedPath(path, QString::fromLatin1(sha256.toHex())),
                                prefixedPath(path, QString::fromLatin1(sha512.toHex())), path}) {
        if (auto written = writeFileAtomically(m_targetsDir + u'/' + name, bytes); !written)
            return fail(written.error());
    }
    return stage(*role, targetFile(path, bytes.size(), sha256, sha512, hardwareId, releaseCounter));
}

Result<TargetFile> ImageRepository::addImage(const QString &path, const QByteArray &bytes,
                                             const QString &hardwareId, qint64 releaseCounter)
{
    auto file = stageImage(path, bytes, hardwareId, releaseCounter);
    if (!file)
        return file;
    if (auto published = m_writer->publish(); !published)
        return fail(published.error());
    return file;
}

Result<TargetFile> ImageRepository::addImageFile(const QString &path, const QString &sourceFile,
                                                 const QString &hardwareId, qint64 releaseCounter)
{
    auto role = roleForImage(path, hardwareId, releaseCounter);
    if (!role)
        return fail(role.error());
    // Copy first, then hash the copy: the hashes then describe exactly the bytes we serve,
    // even if the source changes meanwhile.
    const QString plain = m_targetsDir + u'/' + path;
    if (auto copied = copyFileAtomically(sourceFile, plain); !copied)
        return fail(copied.error());
    auto sha256 = Crypto::hashFile(Crypto::HashAlgorithm::Sha256, plain);
    auto sha512 = Crypto::hashFile(Crypto::HashAlgorithm::Sha512, plain);
    if (!sha256)
        return fail(sha256.error());
    if (!sha512)
        return fail(sha512.error());
    for (const QString &name : {prefixedPath(path, QString::fromLatin1(sha256->toHex())),
                                prefixedPath(path, QString::fromLatin1(sha512->toHex()))}) {
        if (auto copied = copyFileAtomically(plain, m_targetsDir + u'/' + name); !copied)
            return fail(copied.error());
    }
    auto file = stage(*role, targetFile(path, QFileInfo(plain).size(), *sha256, *sha512, hardwareId, releaseCounter));
    if (!file)
        return file;
    if (auto published = m_writer->publish(); !published)
        return fail(published.error());
    return file;
}

Result<PublishResult> ImageRepository::removeImage(const QString &path)
{
    for (const QString &role : m_writer->targetsRoles()) {
        const Targets *body = m_writer->targets(role);
        if (body && body->targets.contains(path)) {
            if (auto removed = m_writer->removeTarget(role, path); !removed)
                return fail(removed.error());
            return m_writer->publish();
        }
    }
    return fail(ErrorCode::TargetNotFound, u"no image %1"_s.arg(path));
}

Result<TargetFile> ImageRepository::findImage(const QString &path) const
{
    // TUF §5.6.7: pre-order depth-first search, a role consulted only through delegations
    // covering the path, stopping after a terminating delegation.
    QSet<QString> visited;
    std::function<std::optional<TargetFile>(const QString &, bool &)> search =
        [&](const QString &role, bool &stop) -> std::optional<TargetFile> {
        if (visited.contains(role) || visited.size() >= 32)
            return std::nullopt;
        visited.insert(role);
        const Targets *body = m_writer->targets(role);
        if (!body)
            return std::nullopt;
        if (const auto it = body->targets.constFind(path); it != body->targets.cend())
            return *it;
        if (!body->delegations)
            return std::nullopt;
        for (const DelegatedRole &delegated : body->delegations->roles) {
            if (!Verify::delegationCovers(delegated, path))
                continue;
            if (auto found = search(delegated.name, stop))
                return found;
            if (stop || delegated.terminating) {
                stop = true;
                return std::nullopt;
            }
        }
        return std::nullopt;
    };
    bool stop = false;
    if (auto found = search(kTargets, stop))
        return *found;
    return fail(ErrorCode::TargetNotFound, u"no image %1 in the Image Repository"_s.arg(path));
}

QMap<QString, TargetFile> ImageRepository::images() const
{
    QMap<QString, TargetFile> all;
    for (const QString &role : m_writer->targetsRoles()) {
        if (const Targets *body = m_writer->targets(role))
            all.insert(body->targets);
    }
    return all;
}

Result<QString> ImageRepository::imageFilePath(const QString &path) const
{
    auto file = findImage(path);
    if (!file)
        return fail(file.error());
    return m_targetsDir + u'/' + path;
}

// ---- keys

QStringList ImageRepository::keyidsOf(const QString &role) const
{
    if (kTopLevelRoles.contains(role))
        return m_writer->root().roles.value(role).keyids;
    const Targets *delegator = m_writer->targets(m_writer->delegatorOf(role));
    if (!delegator || !delegator->delegations)
        return {};
    const auto &roles = delegator->delegations->roles;
    const auto entry = std::ranges::find(roles, role, &DelegatedRole::name);
    return entry == roles.cend() ? QStringList() : entry->keyids;
}

qint64 ImageRepository::thresholdOf(const QString &role) const
{
    if (kTopLevelRoles.contains(role))
        return m_writer->root().roles.value(role).threshold;
    const Targets *delegator = m_writer->targets(m_writer->delegatorOf(role));
    if (!delegator || !delegator->delegations)
        return 1;
    const auto &roles = delegator->delegations->roles;
    const auto entry = std::ranges::find(roles, role, &DelegatedRole::name);
    return entry == roles.cend() ? 1 : entry->threshold;
}

QStringList ImageRepository::keyNames(const QString &role) const
{
    QStringList names;
    for (const QString &keyid : keyidsOf(role)) {
        if (const QString name = m_keys.nameForKeyId(keyid); !name.isEmpty())
            names.append(name);
    }
    return names;
}

Result<QStringList> ImageRepository::freshKeys(const QString &role, int count, Crypto::KeyType type)
{
    QStringList names;
    for (int i = 0; i < count; ++i) {
        const QString name = m_keys.nextFreeName(keyPrefix(role));
        if (auto key = m_keys.loadOrCreate(name, type, role == u"root"_s); !key) {
            for (const QString &created : std::as_const(names))
                m_keys.remove(created);
            return fail(key.error());
        }
        names.append(name);
    }
    return names;
}

Result<PublishResult> ImageRepository::rotateTo(const QString &role, const QStringList &newNames,
                                                const QStringList &fresh, const QStringList &retired)
{
    auto result = m_writer->rotateKeys(role, RoleKeyNames{newNames, thresholdOf(role)});
    if (!result) {
        // Nothing was published: the fresh keys were never listed anywhere.
        for (const QString &name : fresh)
            m_keys.remove(name);
        return result;
    }
    for (const QString &name : retired) {
        // Revoking is the point of the operation, but the rotation is already published:
        // a key that cannot be moved is reported, the metadata stays as it is.
        if (auto revoked = m_keys.revoke(name); !revoked)
            return fail(revoked.error().context(u"rotated %1 but could not revoke %2"_s.arg(role, name)));
    }
    return result;
}

Result<PublishResult> ImageRepository::rotateKeys(const QString &role)
{
    const QStringList keyids = keyidsOf(role);
    if (keyids.isEmpty())
        return fail(ErrorCode::MissingRole, u"no role \"%1\" in the Image Repository"_s.arg(role));
    const QStringList old = keyNames(role);
    Crypto::KeyType type = m_options.keyType;
    if (!old.isEmpty()) {
        if (auto key = m_keys.load(old.first()))
            type = key->type();
    }
    auto fresh = freshKeys(role, int(keyids.size()), type);
    if (!fresh)
        return fail(fresh.error());
    return rotateTo(role, *fresh, *fresh, old);
}

Result<PublishResult> ImageRepository::revokeKey(const QString &keyName)
{
    auto info = m_keys.info(keyName);
    if (!info)
        return fail(info.error());
    QStringList roles;
    for (const QString &role : kTopLevelRoles + m_writer->targetsRoles()) {
        if (!roles.contains(role) && keyidsOf(role).contains(info->keyid))
            roles.append(role);
    }
    if (roles.isEmpty())
        return fail(ErrorCode::NotFound, u"no role of the Image Repository lists key %1"_s.arg(keyName));
    PublishResult total;
    for (const QString &role : std::as_const(roles)) {
        QStringList names = keyNames(role);
        if (names.size() != keyidsOf(role).size())
            return fail(ErrorCode::NotFound, u"%1 lists keys the key ring does not hold"_s.arg(role));
        auto fresh = freshKeys(role, 1, info->publicKey.type());
        if (!fresh)
            return fail(fresh.error());
        names.replace(names.indexOf(keyName), fresh->first());
        // Revoke only after the last role stopped listing the key.
        auto result = rotateTo(role, names, *fresh, role == roles.last() ? QStringList{keyName} : QStringList{});
        if (!result)
            return result;
        for (auto it = result->versions.cbegin(); it != result->versions.cend(); ++it)
            total.versions.insert(it.key(), it.value());
        total.files += result->files;
    }
    return total;
}

} // namespace Uptane::Services
