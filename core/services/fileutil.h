#pragma once

// Small file helpers the services share: atomic writes (QSaveFile: temporary file, fsync,
// rename) plus an fsync of the directory so the rename itself survives a power cut, and whole
// file reads with IoError/NotFound.

#include "common/error.h"

#include <QByteArray>
#include <QString>

namespace Uptane::Services {

// Writes bytes to path atomically, creating the parent directory when missing. IoError.
Result<void> writeFileAtomically(const QString &path, const QByteArrayView bytes);
// Copies source to path atomically (streamed, 64 KiB at a time). NotFound/IoError.
Result<void> copyFileAtomically(const QString &source, const QString &path);
// fsync() of a directory, making renames inside it durable. IoError.
Result<void> syncDirectory(const QString &directory);
// The whole file. NotFound when absent, IoError when unreadable or larger than maxBytes.
Result<QByteArray> readWholeFile(const QString &path, qint64 maxBytes = 64 * 1024 * 1024);

} // namespace Uptane::Services
