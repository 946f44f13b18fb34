#include "vehicle/bundle.h"

#include "vehicle/safenames_p.h"

#include <QIODevice>
#include <QSet>

#include <archive.h>
#include <archive_entry.h>

#include <algorithm>
#include <memory>

using namespace Qt::StringLiterals;

namespace Uptane::Vehicle {

namespace {

// A bundle name: a repository folder and a file, up to 8 segments in all (delegated role
// names may contain '/').
constexpr qsizetype kMinSegments = 2;
constexpr qsizetype kMaxSegments = 8;
// Tar records: 512-byte blocks without the 10 KiB blocking of tape-era tar, so a small
// bundle stays small on the bus.
constexpr int kBlockBytes = 512;

struct ArchiveDeleter
{
    void operator()(archive *a) const { archive_free(a); }  // also closes
};
struct EntryDeleter
{
    void operator()(archive_entry *e) const { archive_entry_free(e); }
};
using ArchivePtr = std::unique_ptr<archive, ArchiveDeleter>;
using EntryPtr = std::unique_ptr<archive_entry, EntryDeleter>;

QString archiveError(archive *a)
{
    const char *text = archive_error_string(a);
    return text ? QString::fromUtf8(text) : u"unknown libarchive error"_s;
}

la_ssize_t appendToByteArray(archive *, void *clientData, const void *buffer, size_t length)
{
    static_cast<QByteArray *>(clientData)->append(static_cast<const char *>(buffer), qsizetype(length));
    return la_ssize_t(length);
}

bool isBundleName(QStringView name)
{
    return detail::isSafePath(name, kMinSegments, kMaxSegments);
}

// inputBytes: the archive's size; an entry cannot hold more, whatever its header claims, so
// the reservation never exceeds what was sent.
Result<QByteArray> readEntryData(archive *a, const QString &name, qint64 size, qint64 inputBytes)
{
    QByteArray data;
    data.reserve(qsizetype(std::min(size, inputBytes)));
    char buffer[64 * 1024];
    for (;;) {
        const la_ssize_t got = archive_read_data(a, buffer, sizeof buffer);
        if (got < 0)
            return fail(ErrorCode::SchemaViolation, u"bundle entry %1: %2"_s.arg(name, archiveError(a)));
        if (got == 0)
            break;
        // The header's size bounds what libarchive hands out; check anyway, the limits
        // depend on it.
        if (data.size() + got > size)
            return fail(ErrorCode::TooLarge, u"bundle entry %1 holds more than its header's %2 bytes"_s.arg(name).arg(size));
        data.append(buffer, qsizetype(got));
    }
    if (data.size() != size)
        return fail(ErrorCode::SchemaViolation, u"bundle entry %1: %2 of %3 bytes (truncated)"_s.arg(name).arg(data.size()).arg(size));
    return data;
}

Result<QByteArray> entryFor(const QMap<QString, QByteArray> &files, const QString &url, qint64 maxBytes,
                            QStringList &served)
{
    static const QString scheme = u"bundle:"_s;
    if (!url.startsWith(scheme))
        return fail(ErrorCode::InvalidArgument, u"%1 is not a bundle: URL"_s.arg(url));
    const QString name = url.mid(scheme.size());
    const auto it = files.constFind(name);
    if (it == files.cend())
        return fail(ErrorCode::NotFound, u"the bundle has no %1"_s.arg(name));
    if (it->size() > maxBytes)
        return fail(ErrorCode::TooLarge, u"bundle entry %1 has %2 bytes, more than %3"_s.arg(name).arg(it->size()).arg(maxBytes));
    served.append(name);
    return *it;
}

} // namespace

Result<QByteArray> writeBundle(const QMap<QString, QByteArray> &files)
{
    for (auto it = files.cbegin(); it != files.cend(); ++it) {
        if (!isBundleName(it.key()))
            return fail(ErrorCode::InvalidArgument, u"bundle name \"%1\" is not 2 to %2 safe segments joined by '/'"_s
                                                        .arg(it.key()).arg(kMaxSegments));
    }
    QByteArray out;
    ArchivePtr a(archive_write_new());
    EntryPtr entry(archive_entry_new());
    if (!a || !entry)
        return fail(ErrorCode::IoError, u"libarchive: out of memory"_s);
    // pax restricted: plain ustar headers, with a pax extended header only for what ustar
    // cannot hold (names past its 100 + 155 characters).
    if (archive_write_set_format_pax_restricted(a.get()) != ARCHIVE_OK
        || archive_write_set_bytes_per_block(a.get(), kBlockBytes) != ARCHIVE_OK
        || archive_write_set_bytes_in_last_block(a.get(), 1) != ARCHIVE_OK
        || archive_write_open(a.get(), &out, nullptr, appendToByteArray, nullptr) != ARCHIVE_OK)
        return fail(ErrorCode::IoError, u"libarchive: "_s + archiveError(a.get()));
    // QMap iterates in name order: the same files give the same bytes.
    for (auto it = files.cbegin(); it != files.cend(); ++it) {
        archive_entry_clear(entry.get());
        const QByteArray name = it.key().toLatin1();  // safe names are ASCII
        archive_entry_set_pathname(entry.get(), name.constData());
        archive_entry_set_filetype(entry.get(), AE_IFREG);
        archive_entry_set_perm(entry.get(), 0644);
        archive_entry_set_size(entry.get(), it->size());
        archive_entry_set_mtime(entry.get(), 0, 0);
        archive_entry_set_uid(entry.get(), 0);
        archive_entry_set_gid(entry.get(), 0);
        if (archive_write_header(a.get(), entry.get()) != ARCHIVE_OK)
            return fail(ErrorCode::IoError, u"libarchive: %1: %2"_s.arg(it.key(), archiveError(a.get())));
        qsizetype offset = 0;
        while (offset < it->size()) {
            const la_ssize_t written = archive_write_data(a.get(), it->constData() + offset, size_t(it->size() - offset));
            if (written <= 0)
                return fail(ErrorCode::IoError, u"libarchive: %1: %2"_s.arg(it.key(), archiveError(a.get())));
            offset += written;
        }
    }
    if (archive_write_close(a.get()) != ARCHIVE_OK)
        return fail(ErrorCode::IoError, u"libarchive: "_s + archiveError(a.get()));
    return out;
}

Result<QMap<QString, QByteArray>> readBundle(QByteArrayView bytes, const BundleLimits &limits)
{
    ArchivePtr a(archive_read_new());
    if (!a)
        return fail(ErrorCode::IoError, u"libarchive: out of memory"_s);
    // Tar only (ustar, pax, GNU): no compression filters, no other formats, so what the bus
    // delivers is read as what it claims to be or not at all.
    if (archive_read_support_format_tar(a.get()) != ARCHIVE_OK
        || archive_read_open_memory(a.get(), bytes.data(), size_t(bytes.size())) != ARCHIVE_OK)
        return fail(ErrorCode::SchemaViolation, u"not a tar archive: "_s + archiveError(a.get()));

    QMap<QString, QByteArray> files;
    qint64 total = 0;
    la_int64_t entriesEnd = 0;  // where the last entry (with its padding) ends
    for (;;) {
        archive_entry *entry = nullptr;
        const int status = archive_read_next_header(a.get(), &entry);
        if (status == ARCHIVE_EOF) {
            // libarchive also ends quietly when the input stops right after an entry; only
            // an end-of-archive marker (zero blocks, which it consumes) ends a whole bundle.
            if (archive_filter_bytes(a.get(), 0) <= entriesEnd)
                return fail(ErrorCode::SchemaViolation, u"the bundle ends without an end-of-archive marker (truncated)"_s);
            break;
        }
        // Warnings too: a header libarchive had to guess about is not one we trust.
        if (status != ARCHIVE_OK)
            return fail(ErrorCode::SchemaViolation, u"bundle entry %1: %2"_s.arg(files.size() + 1).arg(archiveError(a.get())));
        const char *rawName = archive_entry_pathname(entry);
        const QString name = rawName ? QString::fromUtf8(rawName) : QString();
        if (archive_entry_filetype(entry) != AE_IFREG || archive_entry_hardlink(entry) || archive_entry_symlink(entry)
            || archive_entry_sparse_count(entry) > 0)
            return fail(ErrorCode::SchemaViolation, u"bundle entry \"%1\" is not a regular file"_s.arg(name));
        if (!isBundleName(name))
            return fail(ErrorCode::SchemaViolation, u"bundle entry name \"%1\" is not 2 to %2 safe segments"_s.arg(name).arg(kMaxSegments));
        if (files.contains(name))
            return fail(ErrorCode::SchemaViolation, u"bundle entry \"%1\" appears twice"_s.arg(name));
        if (files.size() >= limits.maxEntries)
            return fail(ErrorCode::TooLarge, u"the bundle has more than %1 entries"_s.arg(limits.maxEntries));
        if (!archive_entry_size_is_set(entry))
            return fail(ErrorCode::SchemaViolation, u"bundle entry \"%1\" has no size"_s.arg(name));
        const qint64 size = archive_entry_size(entry);
        if (size < 0)
            return fail(ErrorCode::SchemaViolation, u"bundle entry \"%1\" has a negative size"_s.arg(name));
        if (size > limits.maxEntryBytes)
            return fail(ErrorCode::TooLarge, u"bundle entry \"%1\" has %2 bytes, more than %3"_s.arg(name).arg(size).arg(limits.maxEntryBytes));
        if (size > limits.maxTotalBytes - total)
            return fail(ErrorCode::TooLarge, u"the bundle holds more than %1 bytes"_s.arg(limits.maxTotalBytes));
        auto data = readEntryData(a.get(), name, size, qint64(bytes.size()));
        if (!data)
            return fail(data.error());
        if (archive_read_data_skip(a.get()) != ARCHIVE_OK)
            return fail(ErrorCode::SchemaViolation, u"bundle entry %1: %2"_s.arg(name, archiveError(a.get())));
        entriesEnd = archive_filter_bytes(a.get(), 0);
        total += data->size();
        files.insert(name, std::move(*data));
    }
    return files;
}

Result<QByteArray> BundleFetcher::fetch(const QString &url, qint64 maxBytes)
{
    return entryFor(m_files, url, maxBytes, m_served);
}

Result<qint64> BundleFetcher::fetchTo(const QString &url, qint64 maxBytes, QIODevice &sink)
{
    auto bytes = entryFor(m_files, url, maxBytes, m_served);
    if (!bytes)
        return fail(bytes.error());
    if (sink.write(*bytes) != bytes->size())
        return fail(ErrorCode::IoError, u"cannot write %1 into the sink: %2"_s.arg(url, sink.errorString()));
    return qint64(bytes->size());
}

} // namespace Uptane::Vehicle
