#include "attacks/forgery.h"

#include "crypto/hash.h"
#include "metadata/codec.h"
#include "verify/metachecks.h"

#include <QFile>

using namespace Qt::StringLiterals;
using namespace Uptane::Metadata;

namespace Uptane::Attacks {

namespace {

// The forger reads the repository as any client would (files only: core/attacks stays below
// core/services, so no RepositoryWriter here).
Result<QByteArray> readMetadataFile(const QString &dir, const QString &name)
{
    QFile file(dir + u'/' + name);
    if (!file.open(QIODevice::ReadOnly))
        return fail(ErrorCode::NotFound, u"no %1 in %2"_s.arg(name, dir));
    return file.readAll();
}

template <typename T>
Result<Signed<T>> readRole(const QString &dir, const QString &name, Encoding encoding)
{
    auto bytes = readMetadataFile(dir, name);
    if (!bytes)
        return fail(bytes.error());
    auto parsed = parse<T>(*bytes, encoding);
    if (!parsed)
        return fail(parsed.error().context(name));
    return parsed;
}

// The METAFILES entry exactly as RepositoryWriter writes it (version, length, sha256 and
// sha512), so a forged snapshot or timestamp looks like a real one to a client (TUF §5.5.2,
// §5.6.2 check these against the bytes).
// Both hashes, as the services list them for metadata and images alike.
Hashes hashesOf(const QByteArray &bytes)
{
    return {{u"sha256"_s, Crypto::sha256(bytes)}, {u"sha512"_s, Crypto::sha512(bytes)}};
}

QString versionedName(const QString &role, qint64 version, Encoding encoding)
{
    return QString::number(version) + u'.' + role + u'.' + fileExtension(encoding);
}

} // namespace

Result<ForgedRelease> forgeRelease(const QString &metadataDir, Encoding encoding, const QString &role,
                                   const StolenKeys &keys,
                                   const std::function<void(Targets &)> &change, const QDateTime &now,
                                   qint64 validForSeconds)
{
    if (keys.targets.isEmpty() && keys.snapshot.isEmpty() && keys.timestamp.isEmpty())
        return fail(ErrorCode::InvalidArgument, u"forging a release needs at least one stolen key"_s);
    const QString ext = fileExtension(encoding);

    // What a client sees now: root (the repository must exist), timestamp -> snapshot -> role.
    if (auto root = readRole<Root>(metadataDir, u"root."_s + ext, encoding); !root)
        return fail(root.error());
    auto timestamp = readRole<Timestamp>(metadataDir, u"timestamp."_s + ext, encoding);
    if (!timestamp)
        return fail(timestamp.error());
    auto snapshot = readRole<Snapshot>(metadataDir, versionedName(u"snapshot"_s, timestamp->body.snapshot.version, encoding),
                                       encoding);
    if (!snapshot)
        return fail(snapshot.error());
    const QString roleMetaName = Verify::metaFileName(role, encoding);
    const auto listed = snapshot->body.meta.constFind(roleMetaName);
    if (listed == snapshot->body.meta.cend())
        return fail(ErrorCode::NotFound, u"the snapshot does not list %1"_s.arg(roleMetaName));
    auto targets = readRole<Targets>(metadataDir, versionedName(role, listed->version, encoding), encoding);
    if (!targets)
        return fail(targets.error());

    const QDateTime expires = now.toUTC().addSecs(validForSeconds);
    ForgedRelease release;

    // The role: the attacker's change, next version. A role whose keys were not stolen is
    // signed with none of its keys, so the client refuses it (ThresholdNotMet): the point.
    Targets body = targets->body;
    if (change)
        change(body);
    body.version = targets->body.version + 1;
    body.expires = expires;
    auto targetsBytes = signAndSerialize(body, encoding, keys.targets);
    if (!targetsBytes)
        return fail(targetsBytes.error().context(role));
    release.targetsVersion = body.version;
    release.files.insert(versionedName(role, body.version, encoding), *targetsBytes);

    // Snapshot: every role as listed now, the forged one replaced (as the writer lists them).
    Snapshot snapshotBody = snapshot->body;
    snapshotBody.version = snapshot->body.version + 1;
    snapshotBody.expires = expires;
    snapshotBody.meta.insert(roleMetaName, Verify::metaFileFor(body.version, *targetsBytes));
    auto snapshotBytes = signAndSerialize(snapshotBody, encoding, keys.snapshot);
    if (!snapshotBytes)
        return fail(snapshotBytes.error().context(u"snapshot"_s));
    release.snapshotVersion = snapshotBody.version;
    release.files.insert(versionedName(u"snapshot"_s, snapshotBody.version, encoding), *snapshotBytes);

    Timestamp timestampBody = timestamp->body;
    timestampBody.version = timestamp->body.version + 1;
    timestampBody.expires = expires;
    timestampBody.snapshotName = Verify::metaFileName(u"snapshot"_s, encoding);
    timestampBody.snapshot = Verify::metaFileFor(snapshotBody.version, *snapshotBytes);
    auto timestampBytes = signAndSerialize(timestampBody, encoding, keys.timestamp);
    if (!timestampBytes)
        return fail(timestampBytes.error().context(u"timestamp"_s));
    release.timestampVersion = timestampBody.version;
    release.files.insert(u"timestamp."_s + ext, *timestampBytes);
    return release;
}

TargetFile evilImage(const QString &path, const QByteArray &bytes, const QString &hardwareId,
                     qint64 releaseCounter)
{
    TargetFile file;
    file.path = path;
    file.length = bytes.size();
    file.hashes = hashesOf(bytes);
    file.hardwareId = hardwareId;
    file.releaseCounter = releaseCounter;
    file.hasCustom = true;
    return file;
}

} // namespace Uptane::Attacks
