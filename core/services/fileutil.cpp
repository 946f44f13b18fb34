#include "services/fileutil.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <fcntl.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace Uptane::Services {

Result<void> writeFileAtomically(const QString &path, const QByteArrayView bytes)
{
    const QString dir = QFileInfo(path).absolutePath();
    if (!QDir().mkpath(dir))
        return fail(ErrorCode::IoError, u"cannot create directory %1"_s.arg(dir));
    // QSaveFile writes "<path>.XXXXXX" beside the target, fsyncs it on commit() and renames it
    // over the target: a reader sees the old file or the new one, never a torn one.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return fail(ErrorCode::IoError, u"cannot write %1: %2"_s.arg(path, file.errorString()));
    if (file.write(bytes.data(), bytes.size()) != bytes.size() || !file.commit())
        return fail(ErrorCode::IoError, u"cannot write %1: %2"_s.arg(path, file.errorString()));
    return {};
}

Result<void> copyFileAtomically(const QString &source, const QString &path)
{
    QFile in(source);
    if (!in.exists())
        return fail(ErrorCode::NotFound, u"%1 does not exist"_s.arg(source));
    if (!in.open(QIODevice::ReadOnly))
        return fail(ErrorCode::IoError, u"cannot read %1: %2"_s.arg(source, in.errorString()));
    const QString dir = QFileInfo(path).absolutePath();
    if (!QDir().mkpath(dir))
        return fail(ErrorCode::IoError, u"cannot create directory %1"_s.arg(dir));
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly))
        return fail(ErrorCode::IoError, u"cannot write %1: %2"_s.arg(path, out.errorString()));
    QByteArray chunk;
    while (!(chunk = in.read(64 * 1024)).isEmpty()) {
        if (out.write(chunk) != chunk.size())
            return fail(ErrorCode::IoError, u"cannot write %1: %2"_s.arg(path, out.errorString()));
    }
    if (in.error() != QFileDevice::NoError)
        return fail(ErrorCode::IoError, u"cannot read %1: %2"_s.arg(source, in.errorString()));
    if (!out.commit())
        return fail(ErrorCode::IoError, u"cannot write %1: %2"_s.arg(path, out.errorString()));
    return {};
}

Result<void> syncDirectory(const QString &directory)
{
    const int fd = ::open(QFile::encodeName(directory).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return fail(ErrorCode::IoError, u"cannot open directory %1"_s.arg(directory));
    const int rc = ::fsync(fd);
    ::close(fd);
    if (rc != 0)
        return fail(ErrorCode::IoError, u"cannot sync directory %1"_s.arg(directory));
    return {};
}

Result<QByteArray> readWholeFile(const QString &path, qint64 maxBytes)
{
    QFile file(path);
    if (!file.exists())
        return fail(ErrorCode::NotFound, u"%1 does not exist"_s.arg(path));
    if (!file.open(QIODevice::ReadOnly))
        return fail(ErrorCode::IoError, u"cannot read %1: %2"_s.arg(path, file.errorString()));
    if (file.size() > maxBytes)
        return fail(ErrorCode::IoError, u"%1 is larger than %2 bytes"_s.arg(path).arg(maxBytes));
    QByteArray bytes = file.readAll();
    if (file.error() != QFileDevice::NoError)
        return fail(ErrorCode::IoError, u"cannot read %1: %2"_s.arg(path, file.errorString()));
    return bytes;
}

} // namespace Uptane::Services
