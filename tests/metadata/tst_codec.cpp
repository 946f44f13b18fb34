// The metadata codec through its public face (codec.h), in both encodings: the same bodies
// signed with Ed25519, RSA-PSS and ECDSA keys, written, read back and compared across
// encodings; bytes of one encoding refused by the other.

#include "metadata/codec.h"
#include "metadatasamples.h"

#include <QTest>

#include <type_traits>

using namespace Qt::StringLiterals;
using namespace Uptane;
using namespace Uptane::Metadata;
using Uptane::Test::Extras;

namespace {

template <typename F>
void withType(const QString &type, F &&f)
{
    if (type == u"root")
        f(std::type_identity<Root>{});
    else if (type == u"targets")
        f(std::type_identity<Targets>{});
    else if (type == u"snapshot")
        f(std::type_identity<Snapshot>{});
    else if (type == u"timestamp")
        f(std::type_identity<Timestamp>{});
    else if (type == u"ecu_manifest")
        f(std::type_identity<EcuManifest>{});
    else if (type == u"vehicle_manifest")
        f(std::type_identity<VehicleManifest>{});
    else if (type == u"time_attestation")
        f(std::type_identity<TimeAttestation>{});
    else
        qFatal("unknown type %s", qPrintable(type));
}

const QStringList &allTypes()
{
    static const QStringList types{u"root"_s,         u"targets"_s,          u"snapshot"_s,
                                   u"timestamp"_s,    u"ecu_manifest"_s,     u"vehicle_manifest"_s,
                                   u"time_attestation"_s};
    return types;
}

} // namespace

class TestCodec : public QObject
{
    Q_OBJECT

private:
    QList<Crypto::PrivateKey> m_keys;  // Ed25519, RSA, ECDSA

    QList<Crypto::PublicKey> publicKeys() const
    {
        QList<Crypto::PublicKey> keys;
        for (const auto &key : m_keys)
            keys.append(key.publicKey());
        return keys;
    }

    // The sample body of type T; a vehicle manifest embeds ECU manifests signed in the same
    // encoding, as a Primary would forward them.
    template <typename T>
    T body(Encoding encoding) const
    {
        if constexpr (std::is_same_v<T, Root>) {
            return Test::sampleRoot(publicKeys(), Extras::None);
        } else if constexpr (std::is_same_v<T, Targets>) {
            return Test::sampleTargets(publicKeys(), Extras::None);
        } else if constexpr (std::is_same_v<T, Snapshot>) {
            return Test::sampleSnapshot(Extras::None);
        } else if constexpr (std::is_same_v<T, Timestamp>) {
            return Test::sampleTimestamp(Extras::None);
        } else if constexpr (std::is_same_v<T, EcuManifest>) {
            return Test::sampleEcuManifest(Extras::None);
        } else if constexpr (std::is_same_v<T, VehicleManifest>) {
            auto ecu = sign(Test::sampleEcuManifest(Extras::None), encoding, m_keys.mid(2, 1));
            if (!ecu)
                qFatal("%s", qPrintable(ecu.error().toString()));
            return Test::sampleVehicleManifest({*ecu}, Extras::None);
        } else {
            return Test::sampleTimeAttestation(Extras::None);
        }
    }

private slots:
    void initTestCase();
    void roundTrip_data();
    void roundTrip();
    void sameBodyInBothEncodings_data();
    void sameBodyInBothEncodings();
    void otherEncodingRefused_data();
    void otherEncodingRefused();
    void wrongRoleRefused_data();
    void wrongRoleRefused();
    void encodingNames();
};

void TestCodec::initTestCase()
{
    // RFC 8032 §7.1 test 1 secret key: Ed25519 signatures are deterministic, so files are.
    auto ed25519 = Crypto::PrivateKey::ed25519FromSeed(QByteArray::fromHex(
        "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
    auto rsa = Crypto::PrivateKey::generate(Crypto::KeyType::Rsa, 2048);
    auto ecdsa = Crypto::PrivateKey::generate(Crypto::KeyType::Ecdsa);
    QVERIFY(ed25519 && rsa && ecdsa);
    m_keys = {*ed25519, *rsa, *ecdsa};
}

void TestCodec::roundTrip_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<Encoding>("encoding");
    for (const Encoding encoding : {Encoding::Json, Encoding::Der}) {
        for (const QString &type : allTypes()) {
            QTest::addRow("%s %s", qPrintable(type), qPrintable(encodingName(encoding)))
                << type << encoding;
        }
    }
}

// sign -> serialize -> parse: same signedBytes, signatures by all three key types verify,
// the file re-serialises byte for byte, and peekType names the role.
void TestCodec::roundTrip()
{
    QFETCH(QString, type);
    QFETCH(Encoding, encoding);
    withType(type, [&]<typename T>(std::type_identity<T>) {
        const T original = body<T>(encoding);
        auto signedMetadata = sign(original, encoding, m_keys);
        QVERIFY_RESULT(signedMetadata);
        QCOMPARE(signedMetadata->encoding, encoding);
        QCOMPARE(signedBytes(original, encoding).value(), signedMetadata->signedBytes);

        auto file = serialize(*signedMetadata);
        QVERIFY_RESULT(file);
        auto parsed = parse<T>(*file, encoding);
        QVERIFY_RESULT(parsed);
        QCOMPARE(parsed->encoding, encoding);
        QCOMPARE(parsed->signedBytes, signedMetadata->signedBytes);
        QCOMPARE(signedBytes(parsed->body, encoding).value(), parsed->signedBytes);
        QCOMPARE(serialize(*parsed).value(), *file);

        QCOMPARE(parsed->signatures.size(), m_keys.size());
        for (qsizetype i = 0; i < m_keys.size(); ++i) {
            const Crypto::PublicKey key = m_keys[i].publicKey();
            QCOMPARE(parsed->signatures[i].keyid, computeKeyId(key));
            QVERIFY(key.verify(parsed->signedBytes, parsed->signatures[i].value));
        }

        // Ed25519 signing is deterministic, so the one-call form writes the same file.
        auto once = signAndSerialize(original, encoding, m_keys.mid(0, 1));
        QVERIFY_RESULT(once);
        auto onceSigned = sign(original, encoding, m_keys.mid(0, 1));
        QVERIFY_RESULT(onceSigned);
        QCOMPARE(*once, serialize(*onceSigned).value());

        auto peeked = peekType(*file, encoding);
        QVERIFY_RESULT(peeked);
        if constexpr (requires { T::kType; })
            QCOMPARE(*peeked, roleTypeName(T::kType));
        else
            QVERIFY(!peeked->isEmpty());
    });
}

void TestCodec::sameBodyInBothEncodings_data()
{
    QTest::addColumn<QString>("type");
    for (const QString &type : allTypes())
        QTest::newRow(qPrintable(type)) << type;
}

// What a DER file carries is what the JSON file carries: the bodies read back from both
// files write the same JSON "signed" bytes (embedded ECU manifests aside, which keep the
// encoding they were signed in).
void TestCodec::sameBodyInBothEncodings()
{
    QFETCH(QString, type);
    withType(type, [&]<typename T>(std::type_identity<T>) {
        QByteArray jsonSigned[2];
        for (const Encoding encoding : {Encoding::Json, Encoding::Der}) {
            const T original = body<T>(encoding);
            auto file = signAndSerialize(original, encoding, m_keys.mid(0, 1));
            QVERIFY_RESULT(file);
            auto parsed = parse<T>(*file, encoding);
            QVERIFY_RESULT(parsed);
            T read = parsed->body;
            if constexpr (std::is_same_v<T, VehicleManifest>) {
                QCOMPARE(read.ecuManifests.size(), original.ecuManifests.size());
                for (auto it = read.ecuManifests.cbegin(); it != read.ecuManifests.cend(); ++it) {
                    for (const Signed<EcuManifest> &ecu : *it) {
                        QCOMPARE(ecu.encoding, encoding);
                        QCOMPARE(ecu.signedBytes,
                                 original.ecuManifests[it.key()].first().signedBytes);
                    }
                }
                read.ecuManifests.clear();  // compare the vehicle-level fields below
            }
            auto bytes = signedBytes(read, Encoding::Json);
            QVERIFY_RESULT(bytes);
            jsonSigned[encoding == Encoding::Json ? 0 : 1] = *bytes;
        }
        QCOMPARE(jsonSigned[1], jsonSigned[0]);
    });
}

void TestCodec::otherEncodingRefused_data()
{
    QTest::addColumn<Encoding>("written");
    QTest::addColumn<Encoding>("read");
    QTest::addColumn<int>("code");
    QTest::newRow("json read as der") << Encoding::Json << Encoding::Der << int(ErrorCode::MalformedDer);
    QTest::newRow("der read as json") << Encoding::Der << Encoding::Json << int(ErrorCode::MalformedJson);
}

void TestCodec::otherEncodingRefused()
{
    QFETCH(Encoding, written);
    QFETCH(Encoding, read);
    QFETCH(int, code);
    auto file = signAndSerialize(Test::sampleTimestamp(Extras::None), written, m_keys.mid(0, 1));
    QVERIFY_RESULT(file);
    auto parsed = parse<Timestamp>(*file, read);
    QVERIFY(!parsed);
    QVERIFY2(parsed.error().code == ErrorCode(code), qPrintable(parsed.error().toString()));
    auto peeked = peekType(*file, read);
    QVERIFY(!peeked);
    QVERIFY2(peeked.error().code == ErrorCode(code), qPrintable(peeked.error().toString()));
}

void TestCodec::wrongRoleRefused_data()
{
    QTest::addColumn<Encoding>("encoding");
    QTest::newRow("json") << Encoding::Json;
    QTest::newRow("der") << Encoding::Der;
}

// A snapshot file offered where a timestamp is expected (TUF §4 "_type").
void TestCodec::wrongRoleRefused()
{
    QFETCH(Encoding, encoding);
    auto file = signAndSerialize(Test::sampleSnapshot(Extras::None), encoding, m_keys.mid(0, 1));
    QVERIFY_RESULT(file);
    auto parsed = parse<Timestamp>(*file, encoding);
    QVERIFY(!parsed);
    QVERIFY2(parsed.error().code == ErrorCode::WrongType, qPrintable(parsed.error().toString()));
}

void TestCodec::encodingNames()
{
    for (const Encoding encoding : {Encoding::Json, Encoding::Der}) {
        QCOMPARE(encodingFromName(encodingName(encoding)).value(), encoding);
        QCOMPARE(fileExtension(encoding), encodingName(encoding));
    }
    QCOMPARE(encodingName(Encoding::Json), u"json"_s);
    QCOMPARE(encodingName(Encoding::Der), u"der"_s);
    for (const QString &bad : {u"JSON"_s, u"xml"_s, QString(), u".der"_s})
        QCOMPARE(encodingFromName(bad).error().code, ErrorCode::InvalidArgument);
    QCOMPARE(roleTypeName(RoleType::Root), u"root"_s);
    QCOMPARE(roleTypeName(RoleType::Targets), u"targets"_s);
    QCOMPARE(roleTypeName(RoleType::Snapshot), u"snapshot"_s);
    QCOMPARE(roleTypeName(RoleType::Timestamp), u"timestamp"_s);
}

QTEST_GUILESS_MAIN(TestCodec)
#include "tst_codec.moc"
