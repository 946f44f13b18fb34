#include "verify/updater.h"
#include "verify/defencegate.h"
#include "verify/metachecks.h"

#include "metadata/codec.h"

#include <QDir>
#include <QFileInfo>
#include <QIODevice>
#include <QSaveFile>
#include <QSet>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace Uptane::Verify {

using namespace Metadata;

namespace {

QString withSlash(const QString &base)
{
    return base.endsWith(u'/') ? base : base + u'/';
}

// A write-only device in front of the QSaveFile: every chunk the fetcher writes is counted and
// hashed on its way to disk, so the image is never read back or held in memory whole.
class VerifyingSink final : public QIODevice
{
public:
    VerifyingSink(QIODevice &target, StreamVerifier &verifier)
        : m_target(target), m_verifier(verifier)
    {
        open(QIODevice::WriteOnly);
    }

protected:
    qint64 readData(char *, qint64) override { return -1; }
    qint64 writeData(const char *data, qint64 size) override
    {
        m_verifier.addData(QByteArrayView(data, size));
        return m_target.write(data, size);
    }

private:
    QIODevice &m_target;
    StreamVerifier &m_verifier;
};

} // namespace

Updater::Updater(UpdaterConfig config, MetadataStore &store, Fetcher &fetcher)
    : m_config(std::move(config)), m_store(store), m_fetcher(fetcher)
{
}

const TrustedRepository *Updater::trusted() const
{
    return m_trusted ? &*m_trusted : nullptr;
}

QString Updater::metadataUrl(const QString &role, std::optional<qint64> version) const
{
    // Role names can be anything ("../x", "?", "#"): percent-encode them whole, '/' included,
    // as python-tuf does with parse.quote(role, "") (tuf-conformance test_unusual_role_name).
    QString name = QString::fromLatin1(QUrl::toPercentEncoding(role));
    if (version)
        name = QString::number(*version) + u'.' + name;
    return withSlash(m_config.metadataBaseUrl) + name + u'.' + fileExtension(m_config.encoding);
}

QString Updater::targetUrl(const TargetFile &target) const
{
    QString path = target.path;
    const bool consistent = m_trusted && m_trusted->root().body.consistentSnapshot;
    if (consistent && !target.hashes.isEmpty()) {
        // §5.7.3: "HASH.FILENAME.EXT", the hash prefixed to the base name, directories kept.
        const QString algorithm = target.hashes.contains(u"sha256"_s) ? u"sha256"_s
                                                                       : target.hashes.firstKey();
        const QString hex = QString::fromLatin1(target.hashes.value(algorithm).toHex());
        const qsizetype slash = path.lastIndexOf(u'/');
        path = path.left(slash + 1) + hex + u'.' + path.mid(slash + 1);
    }
    return withSlash(m_config.targetBaseUrl) + QString::fromLatin1(QUrl::toPercentEncoding(path, "/"));
}

Result<QByteArray> Updater::fetchMetadata(const QString &step, const QString &role,
                                          const QString &url, std::optional<qint64> listedLength,
                                          qint64 defaultMax)
{
    // The listed length is part of what the listing says about the file (MetadataHashes).
    if (!Defences::isOn(Defence::MetadataHashes))
        listedLength.reset();
    const qint64 maxBytes = listedLength.value_or(defaultMax);
    auto bytes = m_fetcher.fetch(url, maxBytes);
    if (!bytes && listedLength && bytes.error().code == ErrorCode::TooLarge) {
        // Longer than the signed metadata says: the length check fails before any byte
        // beyond it is read (endless data).
        bytes = fail(ErrorCode::LengthMismatch,
                     u"%1 is longer than the %2 bytes listed for it"_s.arg(url).arg(*listedLength));
    }
    return m_report.record(step, role, u"download %1 (at most %2 bytes)"_s.arg(url).arg(maxBytes), bytes);
}

Result<void> Updater::persist(const QString &step, const QString &role, const QByteArray &bytes)
{
    return m_report.record(step, role, u"exact bytes stored as trusted %1"_s.arg(role),
                           m_store.store(role, bytes));
}

template <typename Load>
bool Updater::loadStored(const QString &role, Load load)
{
    const qsizetype mark = m_report.checks().size();
    auto stored = m_store.load(role);
    bool final = false;
    if (!stored) {
        m_report.fail(u"TUF 5.2"_s, role, u"read the stored copy"_s, stored.error());
    } else if (*stored) {
        final = load(**stored).has_value();
    }
    // Whatever a stored copy fails, a fresh copy is fetched: nothing here decides the refresh.
    m_report.markAdvisory(mark);
    return final;
}

Result<void> Updater::refresh(const QDateTime &referenceTime)
{
    m_report.clear();
    m_trusted.reset();
    m_refreshed = false;
    if (auto ok = loadRoot(referenceTime); !ok)
        return ok;
    if (auto ok = updateRoots(); !ok)
        return ok;
    if (auto ok = m_trusted->checkRootNotExpired(); !ok)
        return ok;
    if (auto ok = updateTimestamp(); !ok)
        return ok;
    if (auto ok = updateSnapshot(); !ok)
        return ok;
    if (auto ok = updateTargets(kTargetsRole, kRootRole); !ok)
        return ok;
    m_refreshed = true;
    return {};
}

Result<void> Updater::loadRoot(const QDateTime &referenceTime)
{
    auto stored = m_store.load(kRootRole);
    if (stored && !*stored)
        stored = fail(ErrorCode::NotFound, u"no trusted root in the metadata store"_s);
    if (auto ok = m_report.record(u"TUF 5.2"_s, kRootRole, u"read the trusted root from the store"_s, stored); !ok)
        return fail(ok.error());
    auto trusted = TrustedRepository::create(**stored, m_config.encoding, referenceTime, &m_report);
    if (!trusted)
        return fail(trusted.error());
    m_trusted.emplace(std::move(*trusted));
    return {};
}

Result<void> Updater::updateRoots()
{
    for (int rotation = 0; rotation < m_config.limits.maxRootRotations; ++rotation) {
        const qint64 next = m_trusted->root().body.version + 1;
        const QString url = metadataUrl(kRootRole, next);
        auto bytes = m_fetcher.fetch(url, m_config.limits.rootMaxBytes);
        if (!bytes && bytes.error().code == ErrorCode::NotFound) {
            m_report.pass(u"TUF 5.3.3"_s, kRootRole,
                          u"%1 not published: root v%2 is the latest"_s.arg(url).arg(next - 1));
            return {};
        }
        if (auto ok = m_report.record(u"TUF 5.3.3"_s, kRootRole,
                                      u"download %1 (at most %2 bytes)"_s.arg(url).arg(m_config.limits.rootMaxBytes),
                                      bytes);
            !ok) {
            return fail(ok.error());
        }
        const Root previous = m_trusted->root().body;
        if (auto ok = m_trusted->updateRoot(*bytes); !ok)
            return ok;
        if (rotatesKeys(previous, m_trusted->root().body, kTimestampRole)
            || rotatesKeys(previous, m_trusted->root().body, kSnapshotRole)) {
            // §5.3.11, before the new root is stored: a crash in between must not leave the
            // stored timestamp/snapshot of the old keys beside the new root.
            auto removed = m_store.remove(kTimestampRole);
            if (removed)
                removed = m_store.remove(kSnapshotRole);
            if (auto ok = m_report.record(u"TUF 5.3.11"_s, kRootRole,
                                          u"keys rotated: stored timestamp and snapshot deleted"_s, removed);
                !ok) {
                return ok;
            }
        }
        if (auto ok = persist(u"TUF 5.3.8"_s, kRootRole, *bytes); !ok)
            return ok;
    }
    // §5.3.3: "more than Y roots fetched -> go to 5.3.10". Not an error (python-tuf); a root
    // newer than the cap is picked up by the next refresh.
    m_report.pass(u"TUF 5.3.3"_s, kRootRole,
                  u"stopped after %1 root rotations (the limit); continuing with root v%2"_s
                      .arg(m_config.limits.maxRootRotations)
                      .arg(m_trusted->root().body.version));
    return {};
}

Result<void> Updater::updateTimestamp()
{
    loadStored(kTimestampRole, [&](const QByteArray &bytes) { return m_trusted->updateTimestamp(bytes, true); });

    // §5.4.1: always fetched, never version-prefixed.
    auto bytes = fetchMetadata(u"TUF 5.4.1"_s, kTimestampRole, metadataUrl(kTimestampRole, std::nullopt), std::nullopt,
                               m_config.limits.timestampMaxBytes);
    if (!bytes)
        return fail(bytes.error());
    if (auto ok = m_trusted->updateTimestamp(*bytes); !ok) {
        // Equal version: nothing new; the stored copy stays trusted and the refresh goes on
        // with the stored snapshot/targets (fetched only if they are not final).
        return ok.error().code == ErrorCode::EqualVersion ? Result<void>() : ok;
    }
    return persist(u"TUF 5.4.5"_s, kTimestampRole, *bytes);
}

Result<void> Updater::updateSnapshot()
{
    const bool final = loadStored(kSnapshotRole, [&](const QByteArray &bytes) {
        return m_trusted->updateSnapshot(bytes, true);
    });
    if (final) {
        m_report.pass(u"TUF 5.5.1"_s, kSnapshotRole, u"stored copy is the version the timestamp lists: not downloaded"_s);
        return {};
    }
    const MetaFile listed = m_trusted->timestamp()->body.snapshot;
    const bool consistent = m_trusted->root().body.consistentSnapshot;
    auto bytes = fetchMetadata(u"TUF 5.5.1"_s, kSnapshotRole,
                               metadataUrl(kSnapshotRole, consistent ? std::optional(listed.version) : std::nullopt),
                               listed.length, m_config.limits.snapshotMaxBytes);
    if (!bytes)
        return fail(bytes.error());
    if (auto ok = m_trusted->updateSnapshot(*bytes); !ok)
        return ok;
    return persist(u"TUF 5.5.7"_s, kSnapshotRole, *bytes);
}

Result<void> Updater::updateTargets(const QString &role, const QString &delegator)
{
    const bool topLevel = role == kTargetsRole;
    const bool final = loadStored(role, [&](const QByteArray &bytes) {
        return topLevel ? m_trusted->updateTargets(bytes, true)
                        : m_trusted->updateDelegatedTargets(bytes, role, delegator, true);
    });
    if (final) {
        m_report.pass(topLevel ? u"TUF 5.6.1"_s : u"TUF 5.6.7"_s, role,
                      u"stored copy is the version the snapshot lists: not downloaded"_s);
        return {};
    }
    const Signed<Snapshot> *snapshot = m_trusted->snapshot() ? &*m_trusted->snapshot() : nullptr;
    const QString fileName = metaFileName(role, m_config.encoding);
    if (!snapshot || !snapshot->body.meta.contains(fileName)) {
        const Error error{!snapshot ? ErrorCode::NotTrusted
                          : topLevel ? ErrorCode::MissingRole
                                     : ErrorCode::DelegationNotInSnapshot,
                          u"snapshot does not list %1"_s.arg(fileName)};
        m_report.fail(topLevel ? u"TUF 5.6.1"_s : u"TUF 5.6.7"_s, role, u"listed by the snapshot"_s, error);
        return fail(error);
    }
    const MetaFile listed = snapshot->body.meta.value(fileName);
    const bool consistent = m_trusted->root().body.consistentSnapshot;
    auto bytes = fetchMetadata(topLevel ? u"TUF 5.6.1"_s : u"TUF 5.6.7 (5.6.1)"_s, role,
                               metadataUrl(role, consistent ? std::optional(listed.version) : std::nullopt),
                               listed.length, m_config.limits.targetsMaxBytes);
    if (!bytes)
        return fail(bytes.error());
    auto ok = topLevel ? m_trusted->updateTargets(*bytes)
                       : m_trusted->updateDelegatedTargets(*bytes, role, delegator);
    if (!ok)
        return ok;
    return persist(topLevel ? u"TUF 5.6.6"_s : u"TUF 5.6.7 (5.6.6)"_s, role, *bytes);
}

Result<TargetFile> Updater::findTarget(const QString &targetPath)
{
    if (!m_refreshed || !m_trusted) {
        return m_report.record(u"TUF 5.6.7"_s, kTargetsRole, u"trusted metadata refreshed"_s,
                               Result<TargetFile>(fail(ErrorCode::NotTrusted,
                                                       u"refresh() must succeed before a target search"_s)));
    }
    struct Visit
    {
        QString role;
        QString delegator;
    };
    QList<Visit> toVisit{Visit{kTargetsRole, kRootRole}};
    QSet<QString> visited;
    int delegatedRoles = 0;
    while (!toVisit.isEmpty()) {
        const Visit visit = toVisit.takeLast();
        if (visited.contains(visit.role))
            continue;  // §5.6.7.1: cycles and roles reached twice
        if (visit.role != kTargetsRole) {
            if (delegatedRoles >= m_config.limits.maxDelegations) {
                return m_report.record(u"TUF 5.6.7.1"_s, visit.role, u"within the delegation limit"_s,
                                       Result<TargetFile>(fail(ErrorCode::DelegationLimit,
                                                               u"more than %1 delegated roles visited searching %2"_s
                                                                   .arg(m_config.limits.maxDelegations)
                                                                   .arg(targetPath))));
            }
            ++delegatedRoles;
            if (!m_trusted->targets(visit.role)) {
                if (auto ok = updateTargets(visit.role, visit.delegator); !ok) {
                    // §5.6.7: a delegated role that cannot be loaded stops the search.
                    return fail(ok.error().context(
                        u"search for %1 stopped at delegated role %2"_s.arg(targetPath, visit.role)));
                }
            }
        }
        const Targets &targets = m_trusted->targets(visit.role)->body;
        const auto found = targets.targets.constFind(targetPath);
        if (found != targets.targets.constEnd()) {
            m_report.pass(u"TUF 5.6.7.1"_s, visit.role, u"lists %1"_s.arg(targetPath));
            return *found;
        }
        visited.insert(visit.role);
        if (!targets.delegations)
            continue;
        // §5.6.7.2: children in order of appearance, pushed reversed so the first is visited
        // first; a terminating delegation ends the search after its own subtree.
        QList<Visit> children;
        for (const DelegatedRole &role : targets.delegations->roles) {
            const bool covers = delegationCovers(role, targetPath);
            if (!covers && Defences::isOn(Defence::DelegationPaths))
                continue;
            children.append(Visit{role.name, visit.role});
            if (role.terminating && covers) {
                toVisit.clear();
                break;
            }
        }
        for (auto it = children.crbegin(); it != children.crend(); ++it)
            toVisit.append(*it);
    }
    return m_report.record(u"TUF 5.7.2"_s, kTargetsRole, u"some trusted role lists %1"_s.arg(targetPath),
                           Result<TargetFile>(fail(ErrorCode::TargetNotFound,
                                                   u"no trusted targets metadata lists %1"_s.arg(targetPath))));
}

Result<void> Updater::downloadTarget(const TargetFile &target, const QString &filePath)
{
    const QString step = u"TUF 5.7.3"_s;
    if (!m_trusted) {
        return m_report.record(step, target.path, u"trusted metadata loaded"_s,
                               Result<void>(fail(ErrorCode::NotTrusted, u"refresh() first"_s)));
    }
    // Test-only defence switches: without ImageLength the listed length is neither checked nor
    // the cap (the targets metadata cap is), without ImageHashes no hash is checked.
    const bool lengthOn = Defences::isOn(Defence::ImageLength);
    const bool hashesOn = Defences::isOn(Defence::ImageHashes);
    auto verifier = StreamVerifier::create(lengthOn ? std::optional(target.length) : std::nullopt,
                                           hashesOn ? target.hashes : Hashes{}, hashesOn);
    if (!verifier)
        return m_report.record(step, target.path, u"lists a supported hash"_s, Result<void>(fail(verifier.error())));

    const QString url = targetUrl(target);
    if (!QDir().mkpath(QFileInfo(filePath).absolutePath())) {
        return m_report.record(step, target.path, u"create the directory of %1"_s.arg(filePath),
                               Result<void>(fail(ErrorCode::IoError, u"cannot create the directory of %1"_s.arg(filePath))));
    }
    QSaveFile file(filePath);
    if (!file.open(QIODevice::WriteOnly)) {
        return m_report.record(step, target.path, u"open %1"_s.arg(filePath),
                               Result<void>(fail(ErrorCode::IoError, file.errorString())));
    }
    VerifyingSink sink(file, *verifier);
    auto received = m_fetcher.fetchTo(url, lengthOn ? target.length : m_config.limits.targetsMaxBytes, sink);
    if (!received && lengthOn && received.error().code == ErrorCode::TooLarge) {
        // Endless data: the server offered more than the metadata allows.
        received = fail(ErrorCode::LengthMismatch,
                        u"%1 is longer than the %2 bytes the metadata lists"_s.arg(url).arg(target.length));
    }
    Result<void> verdict = received ? verifier->finish() : fail(received.error());
    if (verdict && file.error() != QFileDevice::NoError)
        verdict = fail(ErrorCode::IoError, u"writing %1: %2"_s.arg(filePath, file.errorString()));
    if (!verdict) {
        file.cancelWriting();
        return m_report.record(step, target.path, u"download %1: length and every hash match"_s.arg(url), verdict);
    }
    if (!file.commit())
        verdict = fail(ErrorCode::IoError, u"cannot write %1: %2"_s.arg(filePath, file.errorString()));
    return m_report.record(step, target.path, u"download %1: length and every hash match"_s.arg(url), verdict);
}

} // namespace Uptane::Verify
