#pragma once

// Shared by the Updater tests: one RepositoryBuilder served by a MemoryFetcher, a MemoryStore
// that starts with the repository's first root, and the encoding x key-type data matrix.

#include "repobuilder.h"

#include "verify/updater.h"

#include <QTest>
#include <QUrl>

#include <map>
#include <memory>

namespace Uptane::Test {

inline const QDateTime kUpdaterNow = QDateTime::fromSecsSinceEpoch(1'750'000'000, Qt::UTC);

struct UpdaterFixture
{
    inline static const QString kMetadataUrl = QStringLiteral("http://repo.test/metadata/");
    inline static const QString kTargetsUrl = QStringLiteral("http://repo.test/targets/");

    UpdaterFixture(Metadata::Encoding encoding, KeyPool &keys)
        : repo(encoding, keys, kUpdaterNow)
    {
        store.files.insert(QStringLiteral("root"), repo.initialRoot());
        fetcher.mount(kMetadataUrl, kTargetsUrl, &repo);
    }

    std::unique_ptr<Verify::Updater> updater()
    {
        Verify::UpdaterConfig config{kMetadataUrl, kTargetsUrl, repo.encoding(), limits};
        return std::make_unique<Verify::Updater>(config, store, fetcher);
    }
    // Refreshes with a fresh Updater (as a new process would), forgetting earlier requests.
    Result<void> refresh(const QDateTime &at = kUpdaterNow)
    {
        fetcher.requests.clear();
        last = updater();
        return last->refresh(at);
    }
    // The URL of a metadata file as the client asks for it.
    QString url(const QString &role, std::optional<qint64> version = std::nullopt) const
    {
        return kMetadataUrl + QString::fromLatin1(QUrl::toPercentEncoding(repo.fileName(role, version)));
    }
    QByteArray served(const QString &role, std::optional<qint64> version = std::nullopt) const
    {
        return repo.files.value(repo.fileName(role, version));
    }

    RepositoryBuilder repo;
    Verify::MemoryStore store;
    MemoryFetcher fetcher;
    Verify::Limits limits;
    std::unique_ptr<Verify::Updater> last;
};

// Key pools made once per test program (RSA key generation is slow).
inline std::map<Crypto::KeyType, std::unique_ptr<KeyPool>> &keyPools()
{
    static std::map<Crypto::KeyType, std::unique_ptr<KeyPool>> pools;
    if (pools.empty()) {
        for (Crypto::KeyType type : {Crypto::KeyType::Ed25519, Crypto::KeyType::Ecdsa, Crypto::KeyType::Rsa})
            pools[type] = std::make_unique<KeyPool>(type, type == Crypto::KeyType::Rsa ? 12 : 0);
    }
    return pools;
}

// A fixture for the current data row (columns "encoding" and "keyType").
inline std::unique_ptr<UpdaterFixture> fixtureForRow()
{
    QFETCH(Metadata::Encoding, encoding);
    QFETCH(Crypto::KeyType, keyType);
    KeyPool &pool = *keyPools().at(keyType);
    pool.rewind();
    return std::make_unique<UpdaterFixture>(encoding, pool);
}

// Columns encoding, keyType and mutation; one row per encoding x key type (x case).
inline void addUpdaterMatrix(const QList<std::pair<const char *, int>> &cases = {})
{
    QTest::addColumn<Metadata::Encoding>("encoding");
    QTest::addColumn<Crypto::KeyType>("keyType");
    QTest::addColumn<int>("mutation");
    for (Metadata::Encoding encoding : {Metadata::Encoding::Json, Metadata::Encoding::Der}) {
        for (Crypto::KeyType type : {Crypto::KeyType::Ed25519, Crypto::KeyType::Ecdsa, Crypto::KeyType::Rsa}) {
            const QString base = Metadata::encodingName(encoding) + u'-' + Crypto::keyTypeName(type);
            if (cases.isEmpty())
                QTest::newRow(qPrintable(base)) << encoding << type << 0;
            for (const auto &[name, mutation] : cases)
                QTest::newRow(qPrintable(base + u'-' + QLatin1StringView(name))) << encoding << type << mutation;
        }
    }
}

} // namespace Uptane::Test
