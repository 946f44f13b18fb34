#include "verify/metadatastore.h"

#include <QDir>
#include <QFile>
#include <QSaveFile>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace Uptane::Verify {

DirectoryStore::DirectoryStore(QString directory, QString extension)
    : m_directory(std::move(directory)), m_extension(std::move(extension))
{
}

QString DirectoryStore::filePath(const QString &role) const
{
    // Percent-encoding leaves only letters, digits and "-._~", so a role name such as
    // "../x" or "a/b" can never name a file outside the directory (tuf-conformance
    // test_unusual_role_name). The extension keeps "." and ".." from being the whole name.
    const QString name = QString::fromLatin1(QUrl::toPercentEncoding(role));
    return QDir(m_directory).filePath(name + u'.' + m_extension);
}

Result<std::optional<QByteArray>> DirectoryStore::load(const QString &role)
{
    QFile file(filePath(role));
    if (!file.exists())
        return std::optional<QByteArray>();
    if (!file.open(QIODevice::ReadOnly))
        return fail(ErrorCode::IoError, u"cannot read %1: %2"_s.arg(file.fileName(), file.errorString()));
    QByteArray bytes = file.readAll();
    if (file.error() != QFileDevice::NoError)
        return fail(ErrorCode::IoError, u"cannot read %1: %2"_s.arg(file.fileName(), file.errorString()));
    return std::optional<QByteArray>(std::move(bytes));
}

Result<void> DirectoryStore::store(const QString &role, const QByteArray &bytes)
{
    if (!QDir().mkpath(m_directory))
        return fail(ErrorCode::IoError, u"cannot create directory %1"_s.arg(m_directory));
    // QSaveFile writes a temporary file beside the target and renames it on commit(), so a
    // crash leaves either the previous trusted file or the new one.
    QSaveFile file(filePath(role));
    if (!file.open(QIODevice::WriteOnly))
        return fail(ErrorCode::IoError, u"cannot write %1: %2"_s.arg(file.fileName(), file.errorString()));
    if (file.write(bytes) != bytes.size() || !file.commit())
        return fail(ErrorCode::IoError, u"cannot write %1: %2"_s.arg(file.fileName(), file.errorString()));
    return {};
}

Result<void> DirectoryStore::remove(const QString &role)
{
    QFile file(filePath(role));
    if (file.exists() && !file.remove())
        return fail(ErrorCode::IoError, u"cannot remove %1: %2"_s.arg(file.fileName(), file.errorString()));
    return {};
}

Result<std::optional<QByteArray>> MemoryStore::load(const QString &role)
{
    const auto it = files.constFind(role);
    if (it == files.constEnd())
        return std::optional<QByteArray>();
    return std::optional<QByteArray>(*it);
}

Result<void> MemoryStore::store(const QString &role, const QByteArray &bytes)
{
    files.insert(role, bytes);
    return {};
}

Result<void> MemoryStore::remove(const QString &role)
{
    files.remove(role);
    return {};
}

} // namespace Uptane::Verify
