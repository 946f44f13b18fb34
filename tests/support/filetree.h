#pragma once

// Test support: every file under a directory with its bytes, so a test can show that a
// refused or failed operation changed nothing on disk (compare two snapshots). Header-only.

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QMap>

namespace Uptane::Test {

using FileTree = QMap<QString, QByteArray>;  // relative path -> bytes

inline FileTree filesUnder(const QString &dir)
{
    FileTree out;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile file(path);
        out.insert(QDir(dir).relativeFilePath(path), file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray());
    }
    return out;
}

} // namespace Uptane::Test
