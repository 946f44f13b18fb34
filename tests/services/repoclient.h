#pragma once

// Test support for the repository tests (and the publish benchmark): a Fetcher that serves a
// repository straight from its directories, and a TUF client (Verify::Updater) pointed at it,
// so every test checks what we write with the real client engine.
//
//   repo://metadata/<file>  -> <metadataDir>/<file>
//   repo://targets/<path>   -> <targetsDir>/<path>
//
// Header-only so the director tests and the benchmark can include it without a library.

#include "common/fetcher.h"
#include "verify/metadatastore.h"
#include "verify/updater.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QUrl>

#include <memory>

namespace Uptane::Test {

class DirectoryFetcher final : public Fetcher
{
public:
    DirectoryFetcher(QString metadataDir, QString targetsDir = {})
        : m_metadataDir(std::move(metadataDir)), m_targetsDir(std::move(targetsDir))
    {
    }

    QStringList requests;  // every URL asked for

    Result<QByteArray> fetch(const QString &url, qint64 maxBytes) override
    {
        requests.append(url);
        auto path = resolve(url);
        if (!path)
            return std::unexpected(path.error());
        QFile file(*path);
        if (!file.open(QIODevice::ReadOnly))
            return std::unexpected(Error{ErrorCode::NotFound, QStringLiteral("404 %1").arg(url)});
        // Like a server sending more than asked for: the fetcher reads at most maxBytes + 1
        // and refuses the rest (never loads an endless file whole).
        QByteArray bytes = file.read(maxBytes + 1);
        if (bytes.size() > maxBytes)
            return std::unexpected(Error{ErrorCode::TooLarge, QStringLiteral("%1 is larger than %2 bytes").arg(url).arg(maxBytes)});
        return bytes;
    }

    Result<qint64> fetchTo(const QString &url, qint64 maxBytes, QIODevice &sink) override
    {
        auto bytes = fetch(url, maxBytes);
        if (!bytes)
            return std::unexpected(bytes.error());
        if (sink.write(*bytes) != bytes->size())
            return std::unexpected(Error{ErrorCode::IoError, QStringLiteral("sink refused %1").arg(url)});
        return bytes->size();
    }

private:
    Result<QString> resolve(const QString &url) const
    {
        static const QString metadata = QStringLiteral("repo://metadata/");
        static const QString targets = QStringLiteral("repo://targets/");
        QString dir;
        QString rest;
        if (url.startsWith(metadata)) {
            dir = m_metadataDir;
            rest = url.mid(metadata.size());
        } else if (url.startsWith(targets) && !m_targetsDir.isEmpty()) {
            dir = m_targetsDir;
            rest = url.mid(targets.size());
        } else {
            return std::unexpected(Error{ErrorCode::NotFound, QStringLiteral("404 %1").arg(url)});
        }
        const QString relative = QUrl::fromPercentEncoding(rest.toUtf8());
        if (relative.split(QLatin1Char('/')).contains(QStringLiteral("..")))
            return std::unexpected(Error{ErrorCode::NotFound, QStringLiteral("404 %1").arg(url)});
        return dir + QLatin1Char('/') + relative;
    }

    QString m_metadataDir;
    QString m_targetsDir;
};

// A client of one repository: trusted root v1 from the directory, a persistent MemoryStore
// (so a second refresh() starts from what the first accepted), the real Updater.
struct RepoClient
{
    RepoClient(const QString &metadataDir, const QString &targetsDir, Metadata::Encoding encoding)
        : fetcher(metadataDir, targetsDir)
    {
        QFile root(metadataDir + QStringLiteral("/1.root.") + Metadata::fileExtension(encoding));
        if (root.open(QIODevice::ReadOnly))
            store.files.insert(QStringLiteral("root"), root.readAll());
        config.metadataBaseUrl = QStringLiteral("repo://metadata/");
        config.targetBaseUrl = QStringLiteral("repo://targets/");
        config.encoding = encoding;
    }

    // A fresh Updater over the same store (as one update cycle would make).
    Result<void> refresh(const QDateTime &at)
    {
        updater = std::make_unique<Verify::Updater>(config, store, fetcher);
        return updater->refresh(at);
    }

    qint64 trustedVersion(const QString &role) const
    {
        const Verify::TrustedRepository *trusted = updater ? updater->trusted() : nullptr;
        if (!trusted)
            return 0;
        if (role == QStringLiteral("root"))
            return trusted->root().body.version;
        if (role == QStringLiteral("timestamp"))
            return trusted->timestamp() ? trusted->timestamp()->body.version : 0;
        if (role == QStringLiteral("snapshot"))
            return trusted->snapshot() ? trusted->snapshot()->body.version : 0;
        const auto *targets = trusted->targets(role);
        return targets ? targets->body.version : 0;
    }

    DirectoryFetcher fetcher;
    Verify::MemoryStore store;
    Verify::UpdaterConfig config;
    std::unique_ptr<Verify::Updater> updater;
};

} // namespace Uptane::Test
