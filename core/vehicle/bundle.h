#pragma once

// The metadata bundle a Primary sends a Secondary over the bus: a POSIX tar archive (pax
// format, written and read with libarchive — the only folder that includes it) of metadata
// files named as the repositories serve them:
//   director/1.root.der, director/2.root.der, director/timestamp.der,
//   director/7.snapshot.der, director/7.targets.der,
//   imagerepo/1.root.der, ..., imagerepo/4.supplier-acme.der
// A full-verification Secondary replays its TUF refresh against it (BundleFetcher); a
// partial one gets only director/<n>.root and director/[<v>.]targets.
//
// Reading is strict, because the bytes come off the bus: only regular files, names of 2 to 8
// segments of [A-Za-z0-9._-] (none "." or "..", no leading '/'), each name once, at most
// limits.maxEntries entries, limits.maxEntryBytes per entry and limits.maxTotalBytes in all
// (checked against the header before reading and against the bytes read).

#include "common/fetcher.h"

#include <QMap>

namespace Uptane::Vehicle {

struct BundleLimits
{
    qsizetype maxEntries = 4096;
    qint64 maxEntryBytes = 8LL * 1024 * 1024;
    qint64 maxTotalBytes = 32LL * 1024 * 1024;
};

// name -> bytes, written in name order with fixed metadata (mtime 0, mode 0644, uid/gid 0),
// so the same files give the same bytes. InvalidArgument for a name the reader would refuse;
// IoError when libarchive fails.
Result<QByteArray> writeBundle(const QMap<QString, QByteArray> &files);

// The files of a bundle. SchemaViolation for a
// non-tar input, a truncated archive, a non-regular entry, a bad or repeated name; TooLarge
// for the limits.
Result<QMap<QString, QByteArray>> readBundle(QByteArrayView bytes, const BundleLimits &limits = {});

// A Fetcher over bundle files, so Verify::Updater runs unchanged on a Secondary: URL
// "bundle:<name>" (the Updater's base URL is "bundle:director/" or "bundle:imagerepo/")
// gives the entry <name>; NotFound when the bundle has no such entry (a root chain then
// ends, as with HTTP 404); TooLarge when the entry exceeds maxBytes. Counts the files
// served (for the report).
class BundleFetcher final : public Fetcher
{
public:
    explicit BundleFetcher(QMap<QString, QByteArray> files) : m_files(std::move(files)) {}

    Result<QByteArray> fetch(const QString &url, qint64 maxBytes) override;
    Result<qint64> fetchTo(const QString &url, qint64 maxBytes, QIODevice &sink) override;

    static QString baseUrl(const QString &repository) { return QStringLiteral("bundle:") + repository + u'/'; }
    QStringList served() const { return m_served; }

private:
    QMap<QString, QByteArray> m_files;
    QStringList m_served;
};

} // namespace Uptane::Vehicle
