#pragma once

// Private to core/vehicle: the POSIX file steps EcuStore builds its generations from. Each
// one either completes durably (data and, where it matters, the directory entry fsynced) or
// fails with IoError naming the path and errno's text; none throws or leaves a half-written
// file under a name a reader would trust.

#include "common/error.h"

#include <QByteArray>
#include <QString>

namespace Uptane::Vehicle::detail {

// Creates path (which must not exist) with bytes, mode 0644, and fsyncs it. The caller
// fsyncs the directory once all its entries exist.
Result<void> writeNewFile(const QString &path, QByteArrayView bytes);

// Replaces path atomically: "<path>.tmp" written and fsynced, renamed over path, then the
// directory fsynced, so after a crash path holds the old bytes or the new ones.
Result<void> replaceFile(const QString &path, QByteArrayView bytes);

// fsync() of a directory: makes the creation, rename or removal of its entries durable.
Result<void> syncDirectory(const QString &directory);

// A second name for an existing file (hard link; no data copied). Where the file system
// cannot link (EPERM, EXDEV, EMLINK, ENOTSUP), a fsynced copy instead.
Result<void> linkOrCopy(const QString &existing, const QString &newPath);

// Creates directory (its parent must exist). IoError, also when it exists already.
Result<void> makeDirectory(const QString &directory);

// The whole file. NotFound when absent; IoError when unreadable, not a regular file or
// larger than maxBytes.
Result<QByteArray> readFile(const QString &path, qint64 maxBytes);

// Size of a regular file; NotFound when absent, IoError for anything else there.
Result<qint64> regularFileSize(const QString &path);

// Removes a directory tree (no error when absent). False when something stayed.
bool removeTree(const QString &path);

} // namespace Uptane::Vehicle::detail
