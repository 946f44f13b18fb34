// The DER half of the metadata codec (resources/asn1/uptane.asn): round trips of every type
// with Ed25519, RSA and ECDSA keys, signedBytes as the exact slice of the file, what the
// writer refuses, and one broken fixture per failure mode (tests/data/der/).
//
// Set UPTANE_WRITE_DER_FIXTURES=1 to (re)write the fixtures from derfixtures.h; the test
// fixturesAreCurrent fails when a committed file differs from what the codec writes now.

#include "derfixtures.h"
#include "metadata/codec.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTest>

#include <type_traits>

using namespace Qt::StringLiterals;
using namespace Uptane;
using namespace Uptane::Metadata;
using Uptane::Test::Extras;

namespace {

const QString kFixtures = QStringLiteral(UPTANE_TEST_DATA "/der/");

QByteArray readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return file.readAll();
}

// Calls f(std::type_identity<T>{}) for a Signed alternative name.
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
    else if (type == u"ecuManifest")
        f(std::type_identity<EcuManifest>{});
    else if (type == u"vehicleManifest")
        f(std::type_identity<VehicleManifest>{});
    else if (type == u"timeAttestation")
        f(std::type_identity<TimeAttestation>{});
    else
        qFatal("unknown type %s", qPrintable(type));
}

// The bytes of `signed` inside a Metadata file, located by the TLV headers alone.
QByteArray signedSlice(const QByteArray &file)
{
    const auto outer = Der::readHeader(file);
    const auto inner = Der::readHeader(file, outer->headerLength);
    return file.mid(outer->headerLength, inner->headerLength + inner->length);
}

// ---- field-by-field comparison: the first difference, or an empty string

#define DIFF(field)                                                                            \
    if (!(a.field == b.field))                                                                 \
        return QStringLiteral(#field);

QString diff(const KeyEntry &a, const KeyEntry &b)
{
    DIFF(keyid) DIFF(key) DIFF(key.keyTypeName())
    return {};
}

// "custom" is written when any custom field is set, so hasCustom reads back as that.
bool hasCustom(const TargetFile &file)
{
    return file.hasCustom || !file.ecuSerials.isEmpty() || file.hardwareId || file.releaseCounter;
}

QString diff(const TargetFile &a, const TargetFile &b)
{
    DIFF(path) DIFF(length) DIFF(hashes) DIFF(ecuSerials) DIFF(hardwareId) DIFF(releaseCounter)
    if (hasCustom(a) != hasCustom(b))
        return u"hasCustom"_s;
    return {};
}

QString diff(const RoleKeys &a, const RoleKeys &b)
{
    DIFF(keyids) DIFF(threshold)
    return {};
}

QString diff(const MetaFile &a, const MetaFile &b)
{
    DIFF(version) DIFF(length) DIFF(hashes)
    return {};
}

QString diff(const DelegatedRole &a, const DelegatedRole &b)
{
    DIFF(name) DIFF(keyids) DIFF(threshold) DIFF(terminating) DIFF(paths) DIFF(pathHashPrefixes)
    DIFF(hardwareIds)
    return {};
}

template <typename V>
QString diff(const QMap<QString, V> &a, const QMap<QString, V> &b)
{
    if (a.keys() != b.keys())
        return u"keys"_s;
    for (auto it = a.cbegin(); it != a.cend(); ++it) {
        if (const QString d = diff(*it, b[it.key()]); !d.isEmpty())
            return it.key() + u'.' + d;
    }
    return {};
}

QString diffCommon(const Common &a, const Common &b)
{
    DIFF(specVersion) DIFF(version) DIFF(expires)
    return {};
}

QString diff(const Root &a, const Root &b)
{
    DIFF(consistentSnapshot)
    if (QString d = diffCommon(a, b) + diff(a.keys, b.keys) + diff(a.roles, b.roles); !d.isEmpty())
        return d;
    return {};
}

QString diff(const Targets &a, const Targets &b)
{
    DIFF(vehicleId) DIFF(delegations.has_value())
    if (QString d = diffCommon(a, b) + diff(a.targets, b.targets); !d.isEmpty())
        return d;
    if (a.delegations) {
        if (QString d = diff(a.delegations->keys, b.delegations->keys); !d.isEmpty())
            return u"delegations.keys."_s + d;
        DIFF(delegations->roles.size())
        for (qsizetype i = 0; i < a.delegations->roles.size(); ++i) {
            if (QString d = diff(a.delegations->roles[i], b.delegations->roles[i]); !d.isEmpty())
                return u"delegations.roles."_s + d;
        }
    }
    return {};
}

QString diff(const Snapshot &a, const Snapshot &b)
{
    return diffCommon(a, b) + diff(a.meta, b.meta);
}

QString diff(const Timestamp &a, const Timestamp &b)
{
    DIFF(snapshotName)
    return diffCommon(a, b) + diff(a.snapshot, b.snapshot);
}

QString diff(const EcuManifest &a, const EcuManifest &b)
{
    DIFF(ecuSerial) DIFF(timeserverTime) DIFF(previousTimeserverTime) DIFF(attacksDetected)
    DIFF(nonce)
    return diff(a.installedImage, b.installedImage);
}

QString diff(const Signature &a, const Signature &b)
{
    DIFF(keyid) DIFF(value)
    return {};
}

QString diff(const Signed<EcuManifest> &a, const Signed<EcuManifest> &b)
{
    DIFF(signedBytes) DIFF(encoding) DIFF(signatures.size())
    for (qsizetype i = 0; i < a.signatures.size(); ++i) {
        if (QString d = diff(a.signatures[i], b.signatures[i]); !d.isEmpty())
            return u"signatures."_s + d;
    }
    return diff(a.body, b.body);
}

QString diff(const VehicleManifest &a, const VehicleManifest &b)
{
    DIFF(vin) DIFF(primaryEcuSerial) DIFF(attacksDetected)
    if (a.ecuManifests.keys() != b.ecuManifests.keys())
        return u"ecuManifests"_s;
    for (auto it = a.ecuManifests.cbegin(); it != a.ecuManifests.cend(); ++it) {
        DIFF(ecuManifests[it.key()].size())
        for (qsizetype i = 0; i < it->size(); ++i) {
            if (QString d = diff(it->at(i), b.ecuManifests[it.key()][i]); !d.isEmpty())
                return u"ecuManifests."_s + it.key() + u'.' + d;
        }
    }
    return {};
}

QString diff(const TimeAttestation &a, const TimeAttestation &b)
{
    DIFF(time) DIFF(nonces)
    return {};
}

#undef DIFF

} // namespace

class TestDerCodec : public QObject
{
    Q_OBJECT

private:
    QList<Crypto::PrivateKey> m_keys;  // one Ed25519, one RSA, one ECDSA
    Test::DerFixtures m_fixtures;

    QList<Crypto::PublicKey> publicKeys() const
    {
        return {m_keys[0].publicKey(), m_keys[1].publicKey(), m_keys[2].publicKey()};
    }
    template <typename T>
    T sample(Extras extras) const;

    void writeFixtures();

private slots:
    void initTestCase();

    void roundTrip_data();
    void roundTrip();
    void ecdsaSpellingSurvives();
    void embeddedManifestKeepsEcuBytes();
    void writerRefusesJsonOnly_data();
    void writerRefusesJsonOnly();
    void writerRefusesUnrepresentable();
    void readerLimits();
    void largeTargets();

    void fixture_data();
    void fixture();
    void fixturesAreCurrent();
    void peekType_data();
    void peekType();
};

template <typename T>
T TestDerCodec::sample(Extras extras) const
{
    if constexpr (std::is_same_v<T, Root>) {
        return Test::sampleRoot(publicKeys(), extras);
    } else if constexpr (std::is_same_v<T, Targets>) {
        return Test::sampleTargets(publicKeys(), extras);
    } else if constexpr (std::is_same_v<T, Snapshot>) {
        return Test::sampleSnapshot(extras);
    } else if constexpr (std::is_same_v<T, Timestamp>) {
        return Test::sampleTimestamp(extras);
    } else if constexpr (std::is_same_v<T, EcuManifest>) {
        return Test::sampleEcuManifest(extras);
    } else if constexpr (std::is_same_v<T, VehicleManifest>) {
        auto ecu = sign(Test::sampleEcuManifest(Extras::None), Encoding::Der, m_keys.mid(2, 1));
        auto other = Test::sampleEcuManifest(Extras::None);
        other.ecuSerial = u"abs-01"_s;
        other.attacksDetected.clear();
        auto second = sign(other, Encoding::Der, m_keys.mid(0, 2));
        return Test::sampleVehicleManifest({*ecu, *second, *ecu}, extras);
    } else {
        return Test::sampleTimeAttestation(extras);
    }
}

void TestDerCodec::initTestCase()
{
    auto ed25519 = Crypto::PrivateKey::ed25519FromSeed(QByteArray::fromHex(
        "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
    auto rsa = Crypto::PrivateKey::generate(Crypto::KeyType::Rsa, 2048);
    auto ecdsa = Crypto::PrivateKey::generate(Crypto::KeyType::Ecdsa);
    QVERIFY(ed25519 && rsa && ecdsa);
    m_keys = {*ed25519, *rsa, *ecdsa};

    if (qEnvironmentVariableIntValue("UPTANE_WRITE_DER_FIXTURES"))
        writeFixtures();
}

// The fixtures, plus fuzz seeds: the valid DER files, and the Uptane messages in JSON (the
// JSON corpus otherwise holds real TUF files).
void TestDerCodec::writeFixtures()
{
    const auto write = [](const QString &path, const QByteArray &bytes) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        QCOMPARE(file.write(bytes), bytes.size());
    };
    const QString corpus = QStringLiteral(UPTANE_SOURCE_DIR "/tests/fuzz/corpus/");
    QVERIFY(QDir().mkpath(kFixtures));
    QVERIFY(QDir().mkpath(corpus + u"der_metadata"_s));
    QVERIFY(QDir().mkpath(corpus + u"json_metadata"_s));
    for (const Test::DerFixture &fixture : m_fixtures.all()) {
        write(kFixtures + fixture.file, fixture.bytes);
        if (!fixture.code)
            write(corpus + u"der_metadata/"_s + fixture.file, fixture.bytes);
    }
    const auto json = [this](const auto &body) {
        return signAndSerialize(body, Encoding::Json, m_keys.mid(0, 1)).value();
    };
    auto ecu = sign(Test::sampleEcuManifest(Extras::None), Encoding::Json, m_keys.mid(0, 1));
    QVERIFY_RESULT(ecu);
    write(corpus + u"json_metadata/ecu-manifest.json"_s, serialize(*ecu).value());
    write(corpus + u"json_metadata/vehicle-manifest.json"_s,
          json(Test::sampleVehicleManifest({*ecu}, Extras::None)));
    write(corpus + u"json_metadata/time-attestation.json"_s,
          json(Test::sampleTimeAttestation(Extras::None)));
}

void TestDerCodec::roundTrip_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<int>("signers");  // the first n of Ed25519, RSA, ECDSA
    for (const QString &type : {u"root"_s, u"targets"_s, u"snapshot"_s, u"timestamp"_s,
                               u"ecuManifest"_s, u"vehicleManifest"_s, u"timeAttestation"_s}) {
        for (int signers = 0; signers <= 3; ++signers)
            QTest::addRow("%s, %d signatures", qPrintable(type), signers) << type << signers;
    }
}

// sign -> serialize -> parse: every field back, signedBytes the exact slice of the file and
// equal to signedBytes(body), a byte-identical re-serialisation, signatures that verify.
void TestDerCodec::roundTrip()
{
    QFETCH(QString, type);
    QFETCH(int, signers);
    withType(type, [&]<typename T>(std::type_identity<T>) {
        const T body = sample<T>(Extras::None);
        auto original = sign(body, Encoding::Der, m_keys.mid(0, signers));
        QVERIFY_RESULT(original);
        auto file = serialize(*original);
        QVERIFY_RESULT(file);
        auto parsed = parse<T>(*file, Encoding::Der);
        QVERIFY_RESULT(parsed);

        QCOMPARE(parsed->encoding, Encoding::Der);
        const QString difference = diff(parsed->body, body);
        QVERIFY2(difference.isEmpty(), qPrintable(difference));
        QCOMPARE(parsed->signedBytes, original->signedBytes);
        QCOMPARE(parsed->signedBytes, signedSlice(*file));
        QCOMPARE(signedBytes(parsed->body, Encoding::Der).value(), original->signedBytes);
        QCOMPARE(serialize(*parsed).value(), *file);

        QCOMPARE(parsed->signatures.size(), signers);
        for (int i = 0; i < signers; ++i) {
            QCOMPARE(parsed->signatures[i].keyid, computeKeyId(m_keys[i].publicKey()));
            QVERIFY(m_keys[i].publicKey().verify(parsed->signedBytes, parsed->signatures[i].value));
        }
    });
}

// A key read from JSON as keytype "ecdsa-sha2-nistp256" keeps that spelling (and so its
// computed key id) through DER.
void TestDerCodec::ecdsaSpellingSurvives()
{
    const Crypto::PublicKey ecdsa = m_keys[2].publicKey();
    auto legacy = Crypto::PublicKey::fromTuf(u"ecdsa-sha2-nistp256"_s, ecdsa.schemeName(),
                                             ecdsa.publicValue());
    QVERIFY_RESULT(legacy);
    Root body = sample<Root>(Extras::None);
    KeyEntry entry;
    entry.keyid = computeKeyId(*legacy);
    entry.key = *legacy;
    entry.keytype = legacy->keyTypeName();
    entry.scheme = legacy->schemeName();
    entry.publicValue = legacy->publicValue();
    body.keys.insert(entry.keyid, entry);
    auto file = signAndSerialize(body, Encoding::Der, {});
    QVERIFY_RESULT(file);
    auto parsed = parse<Root>(*file, Encoding::Der);
    QVERIFY_RESULT(parsed);
    const KeyEntry &read = parsed->body.keys[entry.keyid];
    QCOMPARE(read.key.keyTypeName(), u"ecdsa-sha2-nistp256"_s);
    QVERIFY(read.key == ecdsa);
    QCOMPARE(computeKeyId(read.key), entry.keyid);
}

// The Primary re-wraps ECU manifests; each keeps the bytes its ECU signed, located inside
// the vehicle manifest file.
void TestDerCodec::embeddedManifestKeepsEcuBytes()
{
    auto ecu = sign(Test::sampleEcuManifest(Extras::None), Encoding::Der, m_keys.mid(2, 1));
    QVERIFY_RESULT(ecu);
    auto ecuFile = serialize(*ecu);
    QVERIFY_RESULT(ecuFile);
    auto vehicle = signAndSerialize(Test::sampleVehicleManifest({*ecu}, Extras::None),
                                    Encoding::Der, m_keys.mid(0, 1));
    QVERIFY_RESULT(vehicle);
    auto parsed = parse<VehicleManifest>(*vehicle, Encoding::Der);
    QVERIFY_RESULT(parsed);
    const Signed<EcuManifest> &embedded = parsed->body.ecuManifests.first().first();
    QCOMPARE(embedded.signedBytes, ecu->signedBytes);
    QVERIFY(vehicle->contains(ecu->signedBytes));
    // The embedded envelope is byte for byte the ECU's own file.
    QVERIFY(vehicle->contains(*ecuFile));
    QVERIFY(m_keys[2].publicKey().verify(embedded.signedBytes, embedded.signatures[0].value));
}

void TestDerCodec::writerRefusesJsonOnly_data()
{
    QTest::addColumn<QString>("type");
    for (const QString &type : {u"root"_s, u"targets"_s, u"snapshot"_s, u"timestamp"_s,
                               u"ecuManifest"_s, u"vehicleManifest"_s, u"timeAttestation"_s})
        QTest::newRow(qPrintable(type)) << type;
}

// Unknown members and free-form custom content are JSON-only: refused, never dropped.
void TestDerCodec::writerRefusesJsonOnly()
{
    QFETCH(QString, type);
    withType(type, [&]<typename T>(std::type_identity<T>) {
        const T body = sample<T>(Extras::JsonOnly);
        QCOMPARE(signedBytes(body, Encoding::Der).error().code, ErrorCode::Unsupported);
        Signed<T> metadata;
        metadata.body = body;
        metadata.encoding = Encoding::Der;
        QCOMPARE(serialize(metadata).error().code, ErrorCode::Unsupported);
    });
}

void TestDerCodec::writerRefusesUnrepresentable()
{
    Timestamp timestamp = sample<Timestamp>(Extras::None);
    timestamp.expires = QDateTime();
    QCOMPARE(signedBytes(timestamp, Encoding::Der).error().code, ErrorCode::InvalidArgument);
    timestamp.expires = QDateTime(QDate(10000, 1, 1), QTime(0, 0), Qt::UTC);
    QCOMPARE(signedBytes(timestamp, Encoding::Der).error().code, ErrorCode::InvalidArgument);

    // A key we could not load, or one whose JSON spelling DER cannot reproduce.
    Root root = sample<Root>(Extras::None);
    KeyEntry unloadable;
    unloadable.keyid = u"ff"_s;
    unloadable.keytype = u"sphincs"_s;
    unloadable.keyError = Error{ErrorCode::UnknownKeyType, u"sphincs"_s};
    root.keys.insert(unloadable.keyid, unloadable);
    QCOMPARE(signedBytes(root, Encoding::Der).error().code, ErrorCode::Unsupported);
    root = sample<Root>(Extras::None);
    root.keys.first().publicValue = root.keys.first().key.publicValue() + u"\n"_s;
    QCOMPARE(signedBytes(root, Encoding::Der).error().code, ErrorCode::Unsupported);

    // A JSON-signed ECU manifest inside a DER vehicle manifest: its signatures would break.
    auto ecu = sign(Test::sampleEcuManifest(Extras::None), Encoding::Json, m_keys.mid(0, 1));
    QVERIFY_RESULT(ecu);
    const VehicleManifest vehicle = Test::sampleVehicleManifest({*ecu}, Extras::None);
    QCOMPARE(signedBytes(vehicle, Encoding::Der).error().code, ErrorCode::InvalidArgument);
}

// The size bounds of uptane.asn hold at the bound and fail one past it.
void TestDerCodec::readerLimits()
{
    TimeAttestation attestation = sample<TimeAttestation>(Extras::None);
    attestation.nonces = QList<qint64>(1024, 1);
    auto file = signAndSerialize(attestation, Encoding::Der, {});
    QVERIFY_RESULT(file);
    QVERIFY_RESULT(parse<TimeAttestation>(*file, Encoding::Der));

    EcuManifest manifest = sample<EcuManifest>(Extras::None);
    manifest.ecuSerial = QString(256, u'\u00e9');  // 256 characters, 512 bytes
    manifest.attacksDetected = QString(8192, u'x');
    file = signAndSerialize(manifest, Encoding::Der, {});
    QVERIFY_RESULT(file);
    QVERIFY_RESULT(parse<EcuManifest>(*file, Encoding::Der));
    manifest.attacksDetected += u'x';
    file = signAndSerialize(manifest, Encoding::Der, {});
    QVERIFY_RESULT(file);
    QCOMPARE(parse<EcuManifest>(*file, Encoding::Der).error().code, ErrorCode::SchemaViolation);
}

// The largest Targets the module allows (4096): libtasn1 appends to a SEQUENCE OF in linear
// time, so building and decoding long lists is quadratic; the bound keeps that to ~0.5 s.
void TestDerCodec::largeTargets()
{
    Targets targets = sample<Targets>(Extras::None);
    TargetFile file = targets.targets.first();
    for (int i = targets.targets.size(); i < 4096; ++i) {
        file.path = u"images/%1.bin"_s.arg(i, 6, 10, QChar(u'0'));
        targets.targets.insert(file.path, file);
    }
    QElapsedTimer timer;
    timer.start();
    auto bytes = signAndSerialize(targets, Encoding::Der, m_keys.mid(0, 1));
    QVERIFY_RESULT(bytes);
    const qint64 written = timer.restart();
    auto parsed = parse<Targets>(*bytes, Encoding::Der);
    QVERIFY_RESULT(parsed);
    qDebug("4096 targets, %lld bytes: written in %lld ms, read in %lld ms",
           qint64(bytes->size()), written, timer.elapsed());
    QCOMPARE(parsed->body.targets.size(), 4096);
    // One more is refused before libtasn1 decodes anything (Der::DecodeLimits::maxChildren).
    targets.targets.insert(u"one-too-many"_s, file);
    bytes = signAndSerialize(targets, Encoding::Der, m_keys.mid(0, 1));
    QVERIFY_RESULT(bytes);
    QCOMPARE(parse<Targets>(*bytes, Encoding::Der).error().code, ErrorCode::TooLarge);
}

void TestDerCodec::fixture_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("parseAs");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<ErrorCode>("code");
    for (const Test::DerFixture &fixture : m_fixtures.all()) {
        QTest::newRow(qPrintable(fixture.file))
            << fixture.file << fixture.parseAs << !fixture.code
            << fixture.code.value_or(ErrorCode::InvalidArgument);
    }
}

void TestDerCodec::fixture()
{
    QFETCH(QString, file);
    QFETCH(QString, parseAs);
    QFETCH(bool, valid);
    QFETCH(ErrorCode, code);
    const QByteArray bytes = readFile(kFixtures + file);
    withType(parseAs, [&]<typename T>(std::type_identity<T>) {
        auto parsed = parse<T>(bytes, Encoding::Der);
        if (valid) {
            QVERIFY_RESULT(parsed);
            QCOMPARE(parsed->signedBytes, signedSlice(bytes));
            QVERIFY(parsed->signatures.isEmpty()
                    || m_fixtures.publicKeys().first().verify(parsed->signedBytes,
                                                              parsed->signatures[0].value));
            QCOMPARE(serialize(*parsed).value(), bytes);
        } else {
            QVERIFY(!parsed);
            QCOMPARE(errorCodeName(parsed.error().code), errorCodeName(code));
        }
    });
}

void TestDerCodec::fixturesAreCurrent()
{
    for (const Test::DerFixture &fixture : m_fixtures.all()) {
        if (readFile(kFixtures + fixture.file) != fixture.bytes)
            QFAIL(qPrintable(fixture.file + u" is stale: run with UPTANE_WRITE_DER_FIXTURES=1"_s));
    }
}

void TestDerCodec::peekType_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("type");
    QTest::newRow("root") << u"valid-root.der"_s << u"root"_s;
    QTest::newRow("targets") << u"valid-targets.der"_s << u"targets"_s;
    QTest::newRow("snapshot") << u"valid-snapshot.der"_s << u"snapshot"_s;
    QTest::newRow("timestamp") << u"valid-timestamp.der"_s << u"timestamp"_s;
    // The names JSON's "_type" uses, not the ASN.1 alternatives' (which cannot hold '_').
    QTest::newRow("vehicle manifest") << u"valid-vehicle-manifest.der"_s << u"vehicle_manifest"_s;
    QTest::newRow("time attestation") << u"valid-time-attestation.der"_s << u"time_attestation"_s;
    QTest::newRow("not DER") << u"indefinite-length.der"_s << QString();
    QTest::newRow("not Metadata") << u"wrong-tag.der"_s << QString();
    QTest::newRow("unknown alternative") << u"unknown-signed-choice.der"_s << QString();
}

void TestDerCodec::peekType()
{
    QFETCH(QString, file);
    QFETCH(QString, type);
    const auto peeked = Metadata::peekType(readFile(kFixtures + file), Encoding::Der);
    if (type.isEmpty()) {
        QVERIFY(!peeked);
        QCOMPARE(peeked.error().code, ErrorCode::MalformedDer);
    } else {
        QVERIFY_RESULT(peeked);
        QCOMPARE(*peeked, type);
    }
}

QTEST_GUILESS_MAIN(TestDerCodec)
#include "tst_dercodec.moc"
