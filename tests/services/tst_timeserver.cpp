// The Time Server: signed time + nonces in both encodings and every key type, verified with
// the public key a vehicle pins (keys/timeserver.pub); the injectable clock (freeze, rewind);
// the key surviving a reopen; and one rejection per malformed request.

#include "metadata/codec.h"
#include "services/keyring.h"
#include "services/timeserver.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <limits>

using namespace Uptane;
using namespace Uptane::Services;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(Uptane::ErrorCode)
Q_DECLARE_METATYPE(Uptane::Metadata::Encoding)
Q_DECLARE_METATYPE(Uptane::Crypto::KeyType)

namespace {

const QDateTime kStart = QDateTime::fromSecsSinceEpoch(1'800'000'000, Qt::UTC);

QByteArray fileBytes(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// What a vehicle does with an answer: parse it in the workspace encoding and check the
// signature under the pinned key. Returns the body, or fails the test.
std::optional<Metadata::TimeAttestation> verifyPinned(const QByteArray &bytes,
                                                      Metadata::Encoding encoding,
                                                      const QString &pinnedKeyFile)
{
    auto pinned = parseTufPublicKeyJson(fileBytes(pinnedKeyFile));
    if (!pinned) {
        qWarning("pinned key: %s", qPrintable(pinned.error().toString()));
        return std::nullopt;
    }
    auto parsed = Metadata::parse<Metadata::TimeAttestation>(bytes, encoding);
    if (!parsed || parsed->signatures.size() != 1)
        return std::nullopt;
    const auto &signature = parsed->signatures.first();
    if (signature.keyid != Metadata::computeKeyId(*pinned)
        || !pinned->verify(parsed->signedBytes, signature.value))
        return std::nullopt;
    return parsed->body;
}

} // namespace

class TestTimeServer : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString keysDir() const { return m_dir->filePath(u"keys"_s); }

private slots:
    void init() { m_dir = std::make_unique<QTemporaryDir>(); }

    void attestsTimeAndNonces_data()
    {
        QTest::addColumn<Metadata::Encoding>("encoding");
        QTest::addColumn<Crypto::KeyType>("keyType");
        for (auto encoding : {Metadata::Encoding::Json, Metadata::Encoding::Der}) {
            for (auto type : {Crypto::KeyType::Ed25519, Crypto::KeyType::Ecdsa, Crypto::KeyType::Rsa}) {
                const QString name = Metadata::encodingName(encoding) + u'/' + Crypto::keyTypeName(type);
                QTest::newRow(qPrintable(name)) << encoding << type;
            }
        }
    }
    void attestsTimeAndNonces()
    {
        QFETCH(Metadata::Encoding, encoding);
        QFETCH(Crypto::KeyType, keyType);
        KeyRing keys(keysDir());
        ManualClock clock(kStart);
        auto server = TimeServer::open(keys, clock, encoding, keyType);
        QVERIFY2(server, qPrintable(server ? QString() : server.error().toString()));
        QCOMPARE((*server)->publicKey().type(), keyType);

        const QList<qint64> nonces{42, -7, std::numeric_limits<qint64>::max(),
                                   std::numeric_limits<qint64>::min(), 42};
        QList<LabEvent> events;
        (*server)->setEventCallback([&events](const LabEvent &event) { events.append(event); });
        auto bytes = (*server)->handleRequest(TimeServer::requestBody(nonces));
        QVERIFY2(bytes, qPrintable(bytes ? QString() : bytes.error().toString()));

        const auto body = verifyPinned(*bytes, encoding, keysDir() + u"/timeserver.pub"_s);
        QVERIFY(body);
        QCOMPARE(body->time, kStart);
        QCOMPARE(body->nonces, nonces);  // order and duplicates kept

        QCOMPARE(events.size(), 1);
        QCOMPARE(events.first().kind, LabEvent::Kind::AttestationIssued);
        QCOMPARE(events.first().from, u"timeserver"_s);
        QCOMPARE(events.first().bytes, *bytes);
        QCOMPARE(events.first().time, kStart);

        // The other encoding cannot read it: the answer really is in the workspace encoding.
        const auto other = encoding == Metadata::Encoding::Json ? Metadata::Encoding::Der
                                                                : Metadata::Encoding::Json;
        QVERIFY(!Metadata::parse<Metadata::TimeAttestation>(*bytes, other));
    }

    void clockCanFreezeAndRewind_data()
    {
        QTest::addColumn<Metadata::Encoding>("encoding");
        QTest::newRow("json") << Metadata::Encoding::Json;
        QTest::newRow("der") << Metadata::Encoding::Der;
    }
    void clockCanFreezeAndRewind()
    {
        QFETCH(Metadata::Encoding, encoding);
        KeyRing keys(keysDir());
        ManualClock clock(kStart);
        auto server = TimeServer::open(keys, clock, encoding);
        QVERIFY(server);
        auto first = (*server)->attest({1});
        auto frozen = (*server)->attest({2});
        QVERIFY(first && frozen);
        QCOMPARE(frozen->body.time, first->body.time);
        clock.advance(-3600);  // a scenario rewinds the server's clock
        auto rewound = (*server)->attest({3});
        QVERIFY(rewound);
        QCOMPARE(rewound->body.time, kStart.addSecs(-3600));
        clock.set(kStart.addDays(400));
        auto later = (*server)->attest({4});
        QVERIFY(later);
        QCOMPARE(later->body.time, kStart.addDays(400));
    }

    void keyPersistsAcrossReopen()
    {
        ManualClock clock(kStart);
        QString keyid;
        {
            KeyRing keys(keysDir());
            auto server = TimeServer::open(keys, clock, Metadata::Encoding::Json, Crypto::KeyType::Ecdsa);
            QVERIFY(server);
            keyid = (*server)->keyid();
        }
        const QByteArray pinned = fileBytes(keysDir() + u"/timeserver.pub"_s);
        QVERIFY(!pinned.isEmpty());
        KeyRing keys(keysDir());
        // Asked for another type: the existing key wins (vehicles pinned it).
        auto reopened = TimeServer::open(keys, clock, Metadata::Encoding::Json, Crypto::KeyType::Ed25519);
        QVERIFY(reopened);
        QCOMPARE((*reopened)->keyid(), keyid);
        QCOMPARE((*reopened)->publicKey().type(), Crypto::KeyType::Ecdsa);
        QCOMPARE(fileBytes(keysDir() + u"/timeserver.pub"_s), pinned);
        auto pinnedKey = parseTufPublicKeyJson(pinned);
        QVERIFY2(pinnedKey, qPrintable(pinnedKey ? QString() : pinnedKey.error().toString()));
        QCOMPARE(Metadata::computeKeyId(*pinnedKey), keyid);
    }

    void refusesAnOfflineKey()
    {
        KeyRing keys(keysDir());
        QVERIFY(keys.loadOrCreate(TimeServer::keyName(), Crypto::KeyType::Ed25519, true));
        ManualClock clock(kStart);
        auto server = TimeServer::open(keys, clock, Metadata::Encoding::Json);
        QVERIFY(!server);
        QCOMPARE(server.error().code, ErrorCode::InvalidArgument);
    }

    void attestRefusesBadNonceLists_data()
    {
        QTest::addColumn<int>("count");
        QTest::newRow("none") << 0;
        QTest::newRow("one too many") << int(TimeServer::kMaxNonces + 1);
    }
    void attestRefusesBadNonceLists()
    {
        QFETCH(int, count);
        KeyRing keys(keysDir());
        ManualClock clock(kStart);
        auto server = TimeServer::open(keys, clock, Metadata::Encoding::Der);
        QVERIFY(server);
        QList<qint64> nonces;
        for (int i = 0; i < count; ++i)
            nonces.append(i);
        auto attestation = (*server)->attest(nonces);
        QVERIFY(!attestation);
        QCOMPARE(attestation.error().code, ErrorCode::InvalidArgument);
        // The limit itself is fine.
        if (count > 0) {
            nonces.removeLast();
            QVERIFY((*server)->attest(nonces));
        }
    }

    void requestRoundTrip()
    {
        const QList<qint64> nonces{0, 1, -1, std::numeric_limits<qint64>::max(),
                                   std::numeric_limits<qint64>::min()};
        auto parsed = TimeServer::parseRequest(TimeServer::requestBody(nonces));
        QVERIFY(parsed);
        QCOMPARE(*parsed, nonces);
        // Whitespace and member layout of other writers are fine.
        auto spaced = TimeServer::parseRequest(" { \"nonces\" : [ 5 , 6 ] }\n");
        QVERIFY(spaced);
        QCOMPARE(*spaced, (QList<qint64>{5, 6}));
    }

    void rejectsMalformedRequests_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<ErrorCode>("code");
        QTest::newRow("empty body") << QByteArray() << ErrorCode::MalformedJson;
        QTest::newRow("not json") << QByteArray("nonces=1,2") << ErrorCode::MalformedJson;
        QTest::newRow("trailing bytes") << QByteArray("{\"nonces\":[1]}x") << ErrorCode::MalformedJson;
        QTest::newRow("duplicate member") << QByteArray("{\"nonces\":[1],\"nonces\":[2]}")
                                          << ErrorCode::MalformedJson;
        QTest::newRow("der bytes") << QByteArray::fromHex("3003020101") << ErrorCode::MalformedJson;
        QTest::newRow("top-level array") << QByteArray("[1,2]") << ErrorCode::SchemaViolation;
        QTest::newRow("no nonces") << QByteArray("{}") << ErrorCode::SchemaViolation;
        QTest::newRow("extra member") << QByteArray("{\"nonces\":[1],\"time\":0}") << ErrorCode::SchemaViolation;
        QTest::newRow("nonces not an array") << QByteArray("{\"nonces\":1}") << ErrorCode::SchemaViolation;
        QTest::newRow("empty list") << QByteArray("{\"nonces\":[]}") << ErrorCode::SchemaViolation;
        QTest::newRow("string nonce") << QByteArray("{\"nonces\":[\"1\"]}") << ErrorCode::SchemaViolation;
        QTest::newRow("fraction") << QByteArray("{\"nonces\":[1.5]}") << ErrorCode::SchemaViolation;
        QTest::newRow("beyond int64") << QByteArray("{\"nonces\":[9223372036854775808]}")
                                      << ErrorCode::SchemaViolation;
        QTest::newRow("nested list") << QByteArray("{\"nonces\":[[1]]}") << ErrorCode::SchemaViolation;
        QTest::newRow("too deep") << QByteArray("{\"nonces\":[[[[1]]]]}") << ErrorCode::TooDeep;
        QList<qint64> many;
        for (qsizetype i = 0; i <= TimeServer::kMaxNonces; ++i)
            many.append(i);
        QTest::newRow("too many nonces") << TimeServer::requestBody(many) << ErrorCode::SchemaViolation;
        QTest::newRow("too long") << QByteArray("{\"nonces\":[1]}") + QByteArray(TimeServer::kMaxRequestBytes, ' ')
                                  << ErrorCode::TooLarge;
    }
    void rejectsMalformedRequests()
    {
        QFETCH(QByteArray, body);
        QFETCH(ErrorCode, code);
        auto parsed = TimeServer::parseRequest(body);
        QVERIFY(!parsed);
        QCOMPARE(parsed.error().code, code);

        // Through the handler: the same error, and nothing is signed.
        KeyRing keys(keysDir());
        ManualClock clock(kStart);
        auto server = TimeServer::open(keys, clock, Metadata::Encoding::Json);
        QVERIFY(server);
        int events = 0;
        (*server)->setEventCallback([&events](const LabEvent &) { ++events; });
        auto answer = (*server)->handleRequest(body);
        QVERIFY(!answer);
        QCOMPARE(answer.error().code, code);
        QCOMPARE(events, 0);
    }
};

QTEST_GUILESS_MAIN(TestTimeServer)
#include "tst_timeserver.moc"
