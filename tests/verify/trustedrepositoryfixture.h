#pragma once

// Shared by the TrustedRepository tests (tst_trustedrepository: root, timestamp, keys and
// thresholds; tst_trustedrepositorytargets: snapshot, targets, delegations): a repository
// builder per key type, the trusted state a failed update must leave unchanged, and helpers.

#include "repobuilder.h"

#include "crypto/hash.h"
#include "verify/metachecks.h"
#include "verify/trustedrepository.h"

#include <QTest>

#include <map>
#include <memory>

using namespace Uptane;
using namespace Uptane::Verify;
using namespace Uptane::Test;
using namespace Qt::StringLiterals;
using Metadata::Encoding;
using Crypto::KeyType;

namespace {

const QDateTime kNow = QDateTime::fromSecsSinceEpoch(1'750'000'000, Qt::UTC);
const QStringList kRoles{u"root"_s, u"timestamp"_s, u"snapshot"_s, u"targets"_s, u"role-a"_s};

// Everything a failed update must leave as it was.
struct State
{
    qint64 root = 0;
    qint64 timestamp = 0;
    qint64 snapshot = 0;
    QMap<QString, qint64> targets;
    QMap<QString, QByteArray> bytes;
    bool operator==(const State &) const = default;
};

State stateOf(const TrustedRepository &trusted)
{
    State state;
    state.root = trusted.root().body.version;
    state.timestamp = trusted.timestamp() ? trusted.timestamp()->body.version : 0;
    state.snapshot = trusted.snapshot() ? trusted.snapshot()->body.version : 0;
    for (const QString &role : kRoles) {
        state.bytes.insert(role, trusted.trustedBytes(role));
        if (const auto *targets = trusted.targets(role))
            state.targets.insert(role, targets->body.version);
    }
    return state;
}

QString typeName(KeyType type)
{
    return Crypto::keyTypeName(type);
}

} // namespace

// Test classes derive from this (and add Q_OBJECT and their slots).
class TrustedRepositoryFixture : public QObject
{
protected:
    std::map<KeyType, std::unique_ptr<KeyPool>> m_pools;
    std::unique_ptr<RepositoryBuilder> m_repo;
    VerificationReport m_report;

    // Columns encoding + keyType, one row per combination; rows named "<enc>-<key>[-<case>]".
    static void addMatrix(const QList<std::pair<const char *, int>> &cases = {})
    {
        QTest::addColumn<Encoding>("encoding");
        QTest::addColumn<KeyType>("keyType");
        QTest::addColumn<int>("mutation");
        for (Encoding encoding : {Encoding::Json, Encoding::Der}) {
            for (KeyType type : {KeyType::Ed25519, KeyType::Ecdsa, KeyType::Rsa}) {
                const QString base = Metadata::encodingName(encoding) + u'-' + typeName(type);
                if (cases.isEmpty())
                    QTest::newRow(qPrintable(base)) << encoding << type << 0;
                for (const auto &[name, mutation] : cases)
                    QTest::newRow(qPrintable(base + u'-' + QLatin1StringView(name))) << encoding << type << mutation;
            }
        }
    }

    // The builder for the current row.
    RepositoryBuilder &repo()
    {
        QFETCH(Encoding, encoding);
        QFETCH(KeyType, keyType);
        m_repo = std::make_unique<RepositoryBuilder>(encoding, *m_pools.at(keyType), kNow);
        return *m_repo;
    }

    TrustedRepository trusted(const QDateTime &at = kNow)
    {
        auto created = TrustedRepository::create(m_repo->initialRoot(), m_repo->encoding(), at, &m_report);
        if (!created)
            qFatal("trusted root did not load: %s", qPrintable(created.error().toString()));
        return std::move(*created);
    }

    QByteArray file(const QString &role, std::optional<qint64> version = std::nullopt)
    {
        return m_repo->files.value(m_repo->fileName(role, version));
    }

    // Loads timestamp, snapshot and targets as published now.
    void loadAll(TrustedRepository &trusted)
    {
        QVERIFY(trusted.updateTimestamp(file(u"timestamp"_s)));
        QVERIFY(trusted.updateSnapshot(file(u"snapshot"_s)));
        QVERIFY(trusted.updateTargets(file(u"targets"_s)));
    }

    // The failure was recorded in the report with the same code.
    void expectReported(ErrorCode code)
    {
        const auto failure = m_report.firstFailure();
        QVERIFY(failure.has_value());
        QVERIFY(failure->error.has_value());
        QCOMPARE(failure->error->code, code);
    }

    void initFixture()
    {
        m_pools[KeyType::Ed25519] = std::make_unique<KeyPool>(KeyType::Ed25519, 16);
        m_pools[KeyType::Ecdsa] = std::make_unique<KeyPool>(KeyType::Ecdsa, 16);
        m_pools[KeyType::Rsa] = std::make_unique<KeyPool>(KeyType::Rsa, 12);
    }
    void rewind()
    {
        for (auto &[type, pool] : m_pools)
            pool->rewind();
        m_report.clear();
    }
};
