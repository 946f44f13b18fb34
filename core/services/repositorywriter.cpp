#include "services/repositorywriter.h"

#include "crypto/hash.h"
#include "metadata/codec.h"
#include "services/fileutil.h"
#include "services/keyring.h"
#include "services/workspace.h"
#include "verify/metachecks.h"
#include "verify/trustedrepository.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>

using namespace Qt::StringLiterals;
using namespace Uptane::Metadata;

namespace Uptane::Services {

namespace {

const QString kTargets = u"targets"_s;

bool isTopLevelRole(const QString &role)
{
    return role == u"root"_s || role == kTargets || role == u"snapshot"_s || role == u"timestamp"_s;
}

bool sameTarget(const TargetFile &a, const TargetFile &b)
{
    return a.path == b.path && a.length == b.length && a.hashes == b.hashes && a.ecuSerials == b.ecuSerials
           && a.hardwareId == b.hardwareId && a.releaseCounter == b.releaseCounter
           && a.customOther == b.customOther && a.hasCustom == b.hasCustom && a.unknown == b.unknown;
}

} // namespace

qint64 ExpiryPolicy::forRole(const QString &role) const
{
    if (role == u"root"_s)
        return rootSeconds;
    if (role == u"snapshot"_s)
        return snapshotSeconds;
    if (role == u"timestamp"_s)
        return timestampSeconds;
    return targetsSeconds;
}

QString PublishResult::summary() const
{
    // Root first, timestamp last: the order a client reads them in.
    QStringList parts;
    auto add = [&](const QString &role) {
        if (versions.contains(role))
            parts.append(u"%1 v%2"_s.arg(role).arg(versions.value(role)));
    };
    add(u"root"_s);
    add(kTargets);
    for (auto it = versions.cbegin(); it != versions.cend(); ++it) {
        if (!isTopLevelRole(it.key()))
            add(it.key());
    }
    add(u"snapshot"_s);
    add(u"timestamp"_s);
    return parts.join(u", "_s);
}

RepositoryWriter::RepositoryWriter(QString metadataDir, Encoding encoding, KeyRing &keys,
                                   const Clock &clock, QString nodeId)
    : m_dir(QDir::cleanPath(std::move(metadataDir))), m_encoding(encoding), m_keys(keys),
      m_clock(clock), m_nodeId(std::move(nodeId))
{
}

QList<LabEvent> RepositoryWriter::takeEvents()
{
    return std::exchange(m_events, {});
}

QString RepositoryWriter::extension() const
{
    return fileExtension(m_encoding);
}

QString RepositoryWriter::fileName(const QString &role, std::optional<qint64> version) const
{
    const QString plain = role + u'.' + extension();
    return version ? QString::number(*version) + u'.' + plain : plain;
}

bool RepositoryWriter::exists() const
{
    return QFileInfo::exists(m_dir + u'/' + fileName(u"timestamp"_s));
}

Result<QByteArray> RepositoryWriter::readFile(const QString &name) const
{
    if (!Workspace::isSafeName(name))
        return fail(ErrorCode::NotFound, u"no metadata file named \"%1\""_s.arg(name));
    return readWholeFile(m_dir + u'/' + name);
}

QDateTime RepositoryWriter::expiresFor(const QString &role) const
{
    return m_clock.now().addSecs(m_expiry.forRole(role));
}

bool RepositoryWriter::nearExpiry(const QString &role, const QDateTime &expires) const
{
    return m_clock.now().secsTo(expires) < m_expiry.forRole(role) / 2;
}

void RepositoryWriter::emitEvent(LabEvent::Kind kind, const QString &summary, const QByteArray &bytes)
{
    LabEvent event;
    event.time = m_clock.now();
    event.from = m_nodeId;
    event.kind = kind;
    event.summary = summary;
    event.bytes = bytes.left(kMaxEventBytes);
    event.totalBytes = bytes.size();
    if (m_onEvent)
        m_onEvent(event);
    else
        m_events.append(event);
}

// ---- reading the state back from disk

Result<void> RepositoryWriter::load()
{
    m_staged.clear();
    auto loaded = loadFiles();
    m_loaded = loaded.has_value();
    return loaded;
}

Result<void> RepositoryWriter::loadFiles()
{
    m_targets.clear();
    m_targetsBytes.clear();
    m_unverified.clear();
    if (!exists())
        return fail(ErrorCode::NotFound, u"no repository in %1 (no %2)"_s.arg(m_dir, fileName(u"timestamp"_s)));

    // Root: the highest "N.root.<ext>"; every version stays on disk for clients catching up.
    const QRegularExpression rootName(u"^([1-9][0-9]{0,17})\\.root\\."_s + QRegularExpression::escape(extension()) + u'$');
    qint64 rootVersion = 0;
    for (const QString &name : QDir(m_dir).entryList(QDir::Files)) {
        if (const auto match = rootName.match(name); match.hasMatch())
            rootVersion = std::max(rootVersion, match.captured(1).toLongLong());
    }
    if (rootVersion == 0)
        return fail(ErrorCode::MissingRole, u"no N.root.%1 in %2"_s.arg(extension(), m_dir));

    auto readRole = [&]<typename T>(const QString &name, std::optional<qint64> version) -> Result<Signed<T>> {
        auto bytes = readFile(name);
        if (!bytes)
            return fail(bytes.error());
        auto parsed = parse<T>(*bytes, m_encoding);
        if (!parsed)
            return fail(parsed.error().context(name));
        if (version && parsed->body.version != *version)
            return fail(ErrorCode::VersionMismatch, u"%1 holds version %2"_s.arg(name).arg(parsed->body.version));
        return parsed;
    };

    auto root = readRole.operator()<Root>(fileName(u"root"_s, rootVersion), rootVersion);
    if (!root)
        return fail(root.error());
    m_root = root->body;
    // "root.<ext>" (for clients that start from an unversioned name) lags when a rotation
    // stopped between "N.root.<ext>" and it: repair() copies it again.
    if (readFile(fileName(u"root"_s)).value_or(QByteArray()) != readFile(fileName(u"root"_s, rootVersion)).value_or(QByteArray()))
        m_unverified.insert(u"root"_s);
    auto timestamp = readRole.operator()<Timestamp>(fileName(u"timestamp"_s), std::nullopt);
    if (!timestamp)
        return fail(timestamp.error());
    m_timestamp = timestamp->body;
    auto snapshotBytes = readFile(fileName(u"snapshot"_s, m_timestamp.snapshot.version));
    if (!snapshotBytes)
        return fail(snapshotBytes.error());
    auto snapshot = readRole.operator()<Snapshot>(fileName(u"snapshot"_s, m_timestamp.snapshot.version),
                                                  m_timestamp.snapshot.version);
    if (!snapshot)
        return fail(snapshot.error());
    m_snapshot = snapshot->body;
    m_snapshotBytes = *snapshotBytes;

    auto verifies = [&](const QString &role, const auto &file) {
        return Verify::verifyThreshold(file.signedBytes, file.signatures, m_root.keys,
                                       m_root.roles.value(role), role).has_value();
    };
    if (!verifies(u"timestamp"_s, *timestamp))
        m_unverified.insert(u"timestamp"_s);
    if (!verifies(u"snapshot"_s, *snapshot))
        m_unverified.insert(u"snapshot"_s);

    const QString suffix = u'.' + extension();
    for (auto it = m_snapshot.meta.cbegin(); it != m_snapshot.meta.cend(); ++it) {
        if (!it.key().endsWith(suffix))
            return fail(ErrorCode::SchemaViolation, u"snapshot lists \"%1\", not a .%2 file"_s.arg(it.key(), extension()));
        const QString role = it.key().chopped(suffix.size());
        if (!Workspace::isSafeName(role))
            return fail(ErrorCode::InvalidArgument, u"snapshot lists a role with an unsafe name: \"%1\""_s.arg(role));
        const QString name = fileName(role, it->version);
        auto bytes = readFile(name);
        if (!bytes)
            return fail(bytes.error());
        auto targets = readRole.operator()<Targets>(name, it->version);
        if (!targets)
            return fail(targets.error());
        m_targets.insert(role, targets->body);
        m_targetsBytes.insert(role, *bytes);
        if (role == kTargets && !verifies(kTargets, *targets))
            m_unverified.insert(kTargets);
    }
    if (!m_targets.contains(kTargets))
        return fail(ErrorCode::MissingRole, u"the snapshot does not list %1"_s.arg(fileName(kTargets)));
    return {};
}

// ---- looking at the (staged) content

const Targets *RepositoryWriter::targets(const QString &role) const
{
    if (const auto it = m_staged.constFind(role); it != m_staged.cend())
        return &*it;
    if (const auto it = m_targets.constFind(role); it != m_targets.cend())
        return &*it;
    return nullptr;
}

qint64 RepositoryWriter::version(const QString &role) const
{
    if (role == u"root"_s)
        return m_loaded ? m_root.version : 0;
    if (role == u"snapshot"_s)
        return m_loaded ? m_snapshot.version : 0;
    if (role == u"timestamp"_s)
        return m_loaded ? m_timestamp.version : 0;
    const auto it = m_targets.constFind(role);
    return it == m_targets.cend() ? 0 : it->version;
}

void RepositoryWriter::collectRoles(const QString &role, QStringList &order) const
{
    if (order.contains(role))
        return;
    order.append(role);
    const Targets *body = targets(role);
    if (!body || !body->delegations)
        return;
    for (const DelegatedRole &delegated : body->delegations->roles)
        collectRoles(delegated.name, order);
}

QStringList RepositoryWriter::targetsRoles() const
{
    // Pre-order through the delegations (the order clients search), then roles no longer
    // delegated to but still listed in the snapshot.
    QStringList order;
    if (targets(kTargets))
        collectRoles(kTargets, order);
    for (const QString &role : m_targets.keys() + m_staged.keys()) {
        if (!order.contains(role))
            order.append(role);
    }
    return order;
}

QString RepositoryWriter::delegatorOf(const QString &role) const
{
    for (const QString &candidate : targetsRoles()) {
        const Targets *body = targets(candidate);
        if (!body || !body->delegations)
            continue;
        for (const DelegatedRole &delegated : body->delegations->roles) {
            if (delegated.name == role)
                return candidate;
        }
    }
    return {};
}

// ---- staging

Result<void> RepositoryWriter::stageTargets(const QString &role, const Targets &body)
{
    if (!m_loaded)
        return fail(ErrorCode::NotTrusted, u"no repository loaded in %1"_s.arg(m_dir));
    if (!Workspace::isSafeName(role))
        return fail(ErrorCode::InvalidArgument, u"unsafe role name \"%1\""_s.arg(role));
    if (role != kTargets && delegatorOf(role).isEmpty())
        return fail(ErrorCode::MissingRole, u"no targets role delegates to \"%1\""_s.arg(role));
    if (body.delegations) {
        QSet<QString> names;
        for (const DelegatedRole &delegated : body.delegations->roles) {
            if (!Workspace::isSafeName(delegated.name) || isTopLevelRole(delegated.name))
                return fail(ErrorCode::InvalidArgument, u"%1 delegates to an unusable role name \"%2\""_s.arg(role, delegated.name));
            if (delegated.name == role)
                return fail(ErrorCode::InvalidArgument, u"%1 delegates to itself"_s.arg(role));
            if (names.contains(delegated.name))
                return fail(ErrorCode::DuplicateRoleName, u"%1 delegates to \"%2\" twice"_s.arg(role, delegated.name));
            names.insert(delegated.name);
            if (delegated.threshold < 1 || delegated.threshold > delegated.keyids.size())
                return fail(ErrorCode::InvalidArgument, u"delegation %1: threshold %2 with %3 keys"_s.arg(
                                                            delegated.name).arg(delegated.threshold).arg(delegated.keyids.size()));
            for (const QString &keyid : delegated.keyids) {
                if (!body.delegations->keys.contains(keyid))
                    return fail(ErrorCode::InvalidArgument, u"delegation %1 names key %2 that delegations.keys lacks"_s.arg(delegated.name, keyid));
            }
            const QString other = delegatorOf(delegated.name);
            if (!other.isEmpty() && other != role)
                return fail(ErrorCode::DuplicateRoleName, u"\"%1\" is delegated by %2 already"_s.arg(delegated.name, other));
        }
    }
    Targets staged = body;
    if (const Targets *current = targets(role)) {
        staged.version = current->version;
        staged.expires = current->expires;
    }
    m_staged.insert(role, staged);
    return {};
}

Result<void> RepositoryWriter::addTarget(const QString &role, const TargetFile &file)
{
    const Targets *current = targets(role);
    if (!current)
        return fail(ErrorCode::MissingRole, u"unknown targets role \"%1\""_s.arg(role));
    // The same entry again (a service re-seeding its images on restart) is no change: no new
    // version for clients to fetch.
    if (const auto it = current->targets.constFind(file.path); it != current->targets.cend() && sameTarget(*it, file))
        return {};
    Targets body = *current;
    TargetFile entry = file;
    body.targets.insert(entry.path, entry);
    return stageTargets(role, body);
}

Result<void> RepositoryWriter::removeTarget(const QString &role, const QString &path)
{
    const Targets *current = targets(role);
    if (!current)
        return fail(ErrorCode::MissingRole, u"unknown targets role \"%1\""_s.arg(role));
    if (!current->targets.contains(path))
        return fail(ErrorCode::TargetNotFound, u"%1 does not list %2"_s.arg(role, path));
    Targets body = *current;
    body.targets.remove(path);
    return stageTargets(role, body);
}

// ---- signing and writing

Result<QList<Crypto::PrivateKey>> RepositoryWriter::signersFor(const QString &role, const QStringList &keyids,
                                                               qint64 threshold) const
{
    // Every listed key the KeyRing holds signs: more than the threshold does no harm, and a
    // threshold of 2 needs two of them.
    QList<Crypto::PrivateKey> keys;
    for (const QString &keyid : keyids) {
        if (auto key = m_keys.findByKeyId(keyid))
            keys.append(*key);
    }
    if (keys.size() < threshold)
        return fail(ErrorCode::ThresholdNotMet, u"%1 needs %2 signatures but the key ring holds %3 of its keys"_s.arg(
                                                    role).arg(threshold).arg(keys.size()));
    return keys;
}

Result<void> RepositoryWriter::buildPlan(Plan &plan, Resign resign) const
{
    plan.targets = m_targets;
    plan.targetsBytes = m_targetsBytes;
    plan.snapshot = m_snapshot;
    plan.snapshotBytes = m_snapshotBytes;
    plan.timestamp_ = m_timestamp;

    // Roles to sign: staged ones, requested ones, and roles new delegations bring in.
    QSet<QString> toSign = resign.targetsRoles;
    for (auto it = m_staged.cbegin(); it != m_staged.cend(); ++it)
        toSign.insert(it.key());
    for (const QString &role : targetsRoles()) {
        if (!m_targets.contains(role) && !m_staged.contains(role))
            toSign.insert(role);
    }

    // Sign in client order so the result lists roles as readers meet them.
    for (const QString &role : targetsRoles()) {
        if (!toSign.contains(role))
            continue;
        Targets body = targets(role) ? *targets(role) : Targets{};
        body.version = m_targets.contains(role) ? m_targets.value(role).version + 1 : 1;
        body.expires = expiresFor(role);
        QList<Crypto::PrivateKey> keys;
        if (role == kTargets) {
            auto found = signersFor(role, plan.root.roles.value(kTargets).keyids, plan.root.roles.value(kTargets).threshold);
            if (!found)
                return fail(found.error());
            keys = *found;
        } else {
            const QString delegator = delegatorOf(role);
            if (delegator.isEmpty())
                return fail(ErrorCode::MissingRole, u"no targets role delegates to \"%1\""_s.arg(role));
            const auto &roles = targets(delegator)->delegations->roles;
            const auto entry = std::ranges::find(roles, role, &DelegatedRole::name);
            auto found = signersFor(role, entry->keyids, entry->threshold);
            if (!found)
                return fail(found.error());
            keys = *found;
        }
        auto bytes = signAndSerialize(body, m_encoding, keys);
        if (!bytes)
            return fail(bytes.error().context(role));
        plan.targets.insert(role, body);
        plan.targetsBytes.insert(role, *bytes);
        plan.versioned.append({fileName(role, body.version), *bytes});
        plan.unversioned.append({fileName(role), *bytes});
        plan.result.versions.insert(role, body.version);
    }

    if (!toSign.isEmpty() || resign.snapshot) {
        Snapshot snapshot = m_snapshot;
        ++snapshot.version;
        snapshot.expires = expiresFor(u"snapshot"_s);
        snapshot.meta.clear();
        for (auto it = plan.targets.cbegin(); it != plan.targets.cend(); ++it)
            snapshot.meta.insert(Verify::metaFileName(it.key(), m_encoding), Verify::metaFileFor(it->version, plan.targetsBytes.value(it.key())));
        auto keys = signersFor(u"snapshot"_s, plan.root.roles.value(u"snapshot"_s).keyids, plan.root.roles.value(u"snapshot"_s).threshold);
        if (!keys)
            return fail(keys.error());
        auto bytes = signAndSerialize(snapshot, m_encoding, *keys);
        if (!bytes)
            return fail(bytes.error().context(u"snapshot"_s));
        plan.snapshot = snapshot;
        plan.snapshotBytes = *bytes;
        plan.versioned.append({fileName(u"snapshot"_s, snapshot.version), *bytes});
        plan.unversioned.append({fileName(u"snapshot"_s), *bytes});
        plan.result.versions.insert(u"snapshot"_s, snapshot.version);
        resign.timestamp = true;
    }

    if (resign.timestamp) {
        Timestamp timestamp = m_timestamp;
        ++timestamp.version;
        timestamp.expires = expiresFor(u"timestamp"_s);
        timestamp.snapshotName = Verify::metaFileName(u"snapshot"_s, m_encoding);
        timestamp.snapshot = Verify::metaFileFor(plan.snapshot.version, plan.snapshotBytes);
        auto keys = signersFor(u"timestamp"_s, plan.root.roles.value(u"timestamp"_s).keyids, plan.root.roles.value(u"timestamp"_s).threshold);
        if (!keys)
            return fail(keys.error());
        auto bytes = signAndSerialize(timestamp, m_encoding, *keys);
        if (!bytes)
            return fail(bytes.error().context(u"timestamp"_s));
        plan.timestamp_ = timestamp;
        plan.timestamp = Write{fileName(u"timestamp"_s), *bytes};
        plan.result.versions.insert(u"timestamp"_s, timestamp.version);
    }
    return {};
}

Result<void> RepositoryWriter::writeFile(const QString &name, const QByteArray &bytes)
{
    if (m_writeHook && !m_writeHook(name))
        return fail(ErrorCode::IoError, u"publish stopped before %1 (write hook)"_s.arg(name));
    return writeFileAtomically(m_dir + u'/' + name, bytes);
}

Result<PublishResult> RepositoryWriter::commit(Plan plan)
{
    // Order is the atomicity argument: nothing a reader can reach from the current
    // timestamp.<ext> changes until the final rename of timestamp.<ext> itself. The
    // versioned files are new names; the new root only adds "N+1.root"; the unversioned
    // copies serve readers without consistent snapshots.
    auto write = [&]() -> Result<void> {
        for (const QList<Write> *group : {&plan.versioned, &plan.rootFiles, &plan.unversioned}) {
            for (const Write &file : *group) {
                if (auto written = writeFile(file.fileName, file.bytes); !written)
                    return written;
                plan.result.files.append(file.fileName);
            }
        }
        if (!plan.timestamp)
            return syncDirectory(m_dir);
        // The renames before must be durable before the one that makes them reachable.
        if (auto synced = syncDirectory(m_dir); !synced)
            return synced;
        if (auto written = writeFile(plan.timestamp->fileName, plan.timestamp->bytes); !written)
            return written;
        plan.result.files.append(plan.timestamp->fileName);
        return syncDirectory(m_dir);
    };
    if (auto written = write(); !written) {
        // Whatever reached the disk is unreachable or complete: re-read it, drop the staging.
        load();
        return fail(written.error());
    }
    m_root = plan.root;
    m_targets = plan.targets;
    m_targetsBytes = plan.targetsBytes;
    m_snapshot = plan.snapshot;
    m_snapshotBytes = plan.snapshotBytes;
    m_timestamp = plan.timestamp_;
    m_staged.clear();
    m_unverified.clear();
    m_loaded = true;
    if (!plan.result.isEmpty())
        emitEvent(LabEvent::Kind::MetadataPublished, u"published "_s + plan.result.summary(),
                  plan.timestamp ? plan.timestamp->bytes : QByteArray());
    return plan.result;
}

Result<PublishResult> RepositoryWriter::publish()
{
    if (!m_loaded)
        return fail(ErrorCode::NotTrusted, u"no repository loaded in %1"_s.arg(m_dir));
    if (m_staged.isEmpty())
        return PublishResult{};
    Plan plan;
    plan.root = m_root;
    if (auto built = buildPlan(plan, {}); !built)
        return fail(built.error());
    return commit(std::move(plan));
}

} // namespace Uptane::Services
