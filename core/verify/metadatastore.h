#pragma once

// Where a client keeps its trusted metadata: one file per role, "<role>.<ext>", holding the
// exact bytes that were verified. Writes are atomic (QSaveFile): a crash leaves the old or
// the new file, never a torn one.

#include "common/error.h"

#include <QByteArray>
#include <QMap>
#include <QString>

#include <optional>

namespace Uptane::Verify {

class MetadataStore
{
public:
    virtual ~MetadataStore() = default;
    // The stored bytes for role, or std::nullopt when there is none.
    virtual Result<std::optional<QByteArray>> load(const QString &role) = 0;
    virtual Result<void> store(const QString &role, const QByteArray &bytes) = 0;
    virtual Result<void> remove(const QString &role) = 0;
};

// A directory on disk. Role names are quoted into safe file names (no '/', no "..").
class DirectoryStore final : public MetadataStore
{
public:
    DirectoryStore(QString directory, QString extension /* "json" or "der" */);
    Result<std::optional<QByteArray>> load(const QString &role) override;
    Result<void> store(const QString &role, const QByteArray &bytes) override;
    Result<void> remove(const QString &role) override;
    QString filePath(const QString &role) const;

private:
    QString m_directory;
    QString m_extension;
};

// In memory, for tests and for ECUs that keep state elsewhere.
class MemoryStore final : public MetadataStore
{
public:
    Result<std::optional<QByteArray>> load(const QString &role) override;
    Result<void> store(const QString &role, const QByteArray &bytes) override;
    Result<void> remove(const QString &role) override;
    QMap<QString, QByteArray> files;
};

} // namespace Uptane::Verify
