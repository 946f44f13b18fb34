#include "vehicle/primarymetadata_p.h"
#include "common/safename.h"

#include "metadata/codec.h"
#include "verify/metachecks.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace Uptane::Vehicle::detail {

using namespace Metadata;

namespace {

// "<n>.root" as archived (n a positive decimal version).
bool isArchivedRoot(const QString &role)
{
    static const QRegularExpression pattern(u"^[1-9][0-9]{0,18}\\.root$"_s);
    return pattern.match(role).hasMatch();
}

template <typename T>
Result<qint64> versionOf(QByteArrayView bytes, Encoding encoding)
{
    auto parsed = parse<T>(bytes, encoding);
    if (!parsed)
        return fail(parsed.error());
    return parsed->body.version;
}

} // namespace

QString archivedRootName(const QString &repository, qint64 version)
{
    return repository + u'/' + QString::number(version) + u".root"_s;
}

Result<qint64> rootVersion(QByteArrayView bytes, Encoding encoding)
{
    return versionOf<Root>(bytes, encoding);
}

RepositoryStore::RepositoryStore(QMap<QString, QByteArray> &files, const QString &repository, Encoding encoding)
    : m_files(files), m_prefix(repository + u'/'), m_repository(repository), m_encoding(encoding)
{
}

Result<std::optional<QByteArray>> RepositoryStore::load(const QString &role)
{
    const auto found = m_files.constFind(m_prefix + role);
    if (found == m_files.constEnd())
        return std::optional<QByteArray>();
    return std::optional<QByteArray>(*found);
}

Result<void> RepositoryStore::store(const QString &role, const QByteArray &bytes)
{
    // The ECU store keeps each name as a file path: refuse what it would refuse, now.
    if (!isSafeName(role) || isArchivedRoot(role))
        return fail(ErrorCode::InvalidArgument, u"role name %1 cannot be stored by an ECU"_s.arg(role));
    if (role == Verify::kRootRole) {
        auto version = rootVersion(bytes, m_encoding);
        if (!version)
            return fail(version.error());
        m_files.insert(archivedRootName(m_repository, *version), bytes);
    }
    m_files.insert(m_prefix + role, bytes);
    return {};
}

Result<void> RepositoryStore::remove(const QString &role)
{
    m_files.remove(m_prefix + role);
    return {};
}

Result<QMap<QString, QByteArray>> repositoryFiles(const QMap<QString, QByteArray> &files, const QString &repository,
                                                  Encoding encoding, BundleContent content)
{
    const QString prefix = repository + u'/';
    const QString ext = u'.' + fileExtension(encoding);
    const auto trustedRoot = files.constFind(prefix + Verify::kRootRole);
    if (trustedRoot == files.constEnd())
        return fail(ErrorCode::NotFound, u"no trusted %1 root"_s.arg(repository));
    auto root = parse<Root>(*trustedRoot, encoding);
    if (!root)
        return fail(root.error().context(u"trusted %1 root"_s.arg(repository)));
    const bool consistent = root->body.consistentSnapshot;

    QMap<QString, QByteArray> out;
    for (auto it = files.constBegin(); it != files.constEnd(); ++it) {
        if (!it.key().startsWith(prefix))
            continue;
        const QString role = it.key().mid(prefix.size());
        if (role == Verify::kRootRole)
            continue;  // archived under its version as well
        if (isArchivedRoot(role)) {
            out.insert(prefix + role + ext, *it);
            continue;
        }
        if (role == Verify::kTimestampRole) {
            if (content == BundleContent::Full)
                out.insert(prefix + role + ext, *it);
            continue;
        }
        if (content == BundleContent::Partial && role != Verify::kTargetsRole)
            continue;
        auto version = role == Verify::kSnapshotRole ? versionOf<Snapshot>(*it, encoding)
                                                     : versionOf<Targets>(*it, encoding);
        if (!version)
            return fail(version.error().context(u"trusted %1/%2"_s.arg(repository, role)));
        out.insert(prefix + (consistent ? QString::number(*version) + u'.' : QString()) + role + ext, *it);
    }
    return out;
}

} // namespace Uptane::Vehicle::detail
