#include "vehicle/storefiles_p.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <limits>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace Uptane::Vehicle::detail {

namespace {

std::unexpected<Error> ioError(const QString &what, const QString &path, int error)
{
    return fail(ErrorCode::IoError, u"%1 %2: %3"_s.arg(what, path, qt_error_string(error)));
}

// An fd that closes itself; close() reports the error of a last close (NFS reports write
// errors there).
class Fd
{
public:
    explicit Fd(int fd) : m_fd(fd) {}
    ~Fd()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    Fd(const Fd &) = delete;
    Fd &operator=(const Fd &) = delete;

    int get() const { return m_fd; }
    bool valid() const { return m_fd >= 0; }
    int close()
    {
        const int rc = ::close(m_fd);
        m_fd = -1;
        return rc;
    }

private:
    int m_fd;
};

// Writes everything (short writes and EINTR retried), fsyncs and closes. errno on failure.
int writeAllAndSync(Fd &fd, QByteArrayView bytes)
{
    const char *data = bytes.data();
    qsizetype left = bytes.size();
    while (left > 0) {
        const ssize_t written = ::write(fd.get(), data, size_t(left));
        if (written < 0) {
            if (errno == EINTR)
                continue;
            return errno;
        }
        data += written;
        left -= written;
    }
    if (::fsync(fd.get()) != 0 || fd.close() != 0)
        return errno;
    return 0;
}

Result<void> createWith(const QString &path, QByteArrayView bytes, int extraFlags)
{
    const QByteArray native = QFile::encodeName(path);
    Fd fd(::open(native.constData(), O_WRONLY | O_CREAT | O_CLOEXEC | extraFlags, 0644));
    if (!fd.valid())
        return ioError(u"cannot create"_s, path, errno);
    if (const int error = writeAllAndSync(fd, bytes); error != 0) {
        ::unlink(native.constData());
        return ioError(u"cannot write"_s, path, error);
    }
    return {};
}

Result<void> copyFile(const QString &existing, const QString &newPath)
{
    // Images are read whole elsewhere too (imageBytes()); the copy is the rare fallback.
    auto bytes = readFile(existing, std::numeric_limits<qint64>::max());
    if (!bytes)
        return fail(bytes.error());
    return writeNewFile(newPath, *bytes);
}

} // namespace

Result<void> writeNewFile(const QString &path, QByteArrayView bytes)
{
    return createWith(path, bytes, O_EXCL);
}

Result<void> replaceFile(const QString &path, QByteArrayView bytes)
{
    const QString temporary = path + u".tmp"_s;
    if (auto written = createWith(temporary, bytes, O_TRUNC); !written)
        return written;
    if (::rename(QFile::encodeName(temporary).constData(), QFile::encodeName(path).constData()) != 0) {
        const int error = errno;
        ::unlink(QFile::encodeName(temporary).constData());
        return ioError(u"cannot rename onto"_s, path, error);
    }
    return syncDirectory(QFileInfo(path).absolutePath());
}

Result<void> syncDirectory(const QString &directory)
{
    Fd fd(::open(QFile::encodeName(directory).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!fd.valid())
        return ioError(u"cannot open directory"_s, directory, errno);
    if (::fsync(fd.get()) != 0)
        return ioError(u"cannot sync directory"_s, directory, errno);
    return {};
}

Result<void> linkOrCopy(const QString &existing, const QString &newPath)
{
    if (::link(QFile::encodeName(existing).constData(), QFile::encodeName(newPath).constData()) == 0)
        return {};
    const int error = errno;
    if (error == EPERM || error == EXDEV || error == EMLINK || error == ENOTSUP)
        return copyFile(existing, newPath);
    return ioError(u"cannot link %1 as"_s.arg(existing), newPath, error);
}

Result<void> makeDirectory(const QString &directory)
{
    if (::mkdir(QFile::encodeName(directory).constData(), 0755) != 0)
        return ioError(u"cannot create directory"_s, directory, errno);
    return {};
}

Result<qint64> regularFileSize(const QString &path)
{
    struct stat info{};
    if (::stat(QFile::encodeName(path).constData(), &info) != 0) {
        if (errno == ENOENT)
            return fail(ErrorCode::NotFound, u"%1 does not exist"_s.arg(path));
        return ioError(u"cannot stat"_s, path, errno);
    }
    if (!S_ISREG(info.st_mode))
        return fail(ErrorCode::IoError, u"%1 is not a regular file"_s.arg(path));
    return qint64(info.st_size);
}

Result<QByteArray> readFile(const QString &path, qint64 maxBytes)
{
    auto size = regularFileSize(path);
    if (!size)
        return fail(size.error());
    if (*size > maxBytes)
        return fail(ErrorCode::IoError, u"%1 is larger than %2 bytes"_s.arg(path).arg(maxBytes));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(ErrorCode::IoError, u"cannot read %1: %2"_s.arg(path, file.errorString()));
    // Read at most one byte past the announced size, so a file growing under us is noticed
    // rather than read without bound.
    QByteArray bytes = file.read(*size + 1);
    if (file.error() != QFileDevice::NoError)
        return fail(ErrorCode::IoError, u"cannot read %1: %2"_s.arg(path, file.errorString()));
    if (bytes.size() != *size)
        return fail(ErrorCode::IoError, u"%1 changed size while being read"_s.arg(path));
    return bytes;
}

bool removeTree(const QString &path)
{
    QDir dir(path);
    return !dir.exists() || dir.removeRecursively();
}

} // namespace Uptane::Vehicle::detail
