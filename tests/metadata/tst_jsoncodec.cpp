// The JSON half of the metadata codec (TUF 1.0 §4 and the Uptane messages): round trips of
// every type, real metadata written by other TUF tools, one broken fixture per failure mode,
// and key ids against securesystemslib's canonical JSON as an oracle.

#include "metadata/codec.h"
#include "metadata/codec_p.h"
#include "metadatasamples.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTest>

#include <algorithm>
#include <type_traits>

using namespace Qt::StringLiterals;
using namespace Uptane;
using namespace Uptane::Metadata;
using Uptane::Test::Extras;

namespace {

const QString kFixtures = QStringLiteral(UPTANE_TEST_DATA "/metadata/");
const QString kRealRepos = QStringLiteral(UPTANE_SHARED_DIR "/interop/tuf-real/");

QByteArray readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return file.readAll();
}

// Calls f(std::type_identity<T>{}) for the type named as "_type" names it.
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

template <typename T>
Result<Signed<T>> signJson(const T &body, const QList<Crypto::PrivateKey> &keys)
{
    return sign(body, Encoding::Json, keys);
}

// Signs, serialises and parses back; the parsed copy is what field checks look at.
template <typename T>
Result<Signed<T>> writeAndRead(const T &body, const QList<Crypto::PrivateKey> &keys)
{
    auto original = signJson(body, keys);
    if (!original)
        return original;
    auto file = detail::serializeJson(*original);
    if (!file)
        return fail(file.error());
    return detail::parseJson<T>(*file);
}

// The "signed" member of a JSON file, as parsed.
Json::Value signedTree(const QByteArray &file)
{
    const auto tree = Json::parse(file);
    return tree ? (*tree)[u"signed"_s] : Json::Value();
}

} // namespace

class TestJsonCodec : public QObject
{
    Q_OBJECT

private:
    QList<Crypto::PrivateKey> m_keys;  // one Ed25519, one RSA, one ECDSA
    QList<Crypto::PublicKey> publicKeys() const
    {
        QList<Crypto::PublicKey> keys;
        for (const auto &key : m_keys)
            keys.append(key.publicKey());
        return keys;
    }
    Result<Signed<EcuManifest>> signedEcuManifest(Extras extras) const
    {
        return signJson(Test::sampleEcuManifest(extras), m_keys.mid(2, 1));
    }

private slots:
    void initTestCase();

    void roundTrip_data();
    void roundTrip();
    void rootFieldsSurvive();
    void targetsFieldsSurvive();
    void snapshotAndTimestampFieldsSurvive();
    void manifestFieldsSurvive();
    void attestationFieldsSurvive();

    void keyIdKnownAnswer();
    void keyIdMatchesSecuresystemslib_data();
    void keyIdMatchesSecuresystemslib();

    void realMetadata_data();
    void realMetadata();
    void realUnknownMembersKept();
    void realSignaturesVerify();

    void validFixture_data();
    void validFixture();
    void brokenFixture_data();
    void brokenFixture();
    void unloadableKeyKept();
    void emptySignatureIsAPlaceholder();
    void consistentSnapshotIsRequired();
    void expiresIsUtc();
    void peekType_data();
    void peekType();
    void writerRefusesUnrepresentable();
};

void TestJsonCodec::initTestCase()
{
    // RFC 8032 §7.1 test 1 secret key as the Ed25519 seed: deterministic ids in failures.
    auto ed25519 = Crypto::PrivateKey::ed25519FromSeed(QByteArray::fromHex(
        "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
    auto rsa = Crypto::PrivateKey::generate(Crypto::KeyType::Rsa, 2048);
    auto ecdsa = Crypto::PrivateKey::generate(Crypto::KeyType::Ecdsa);
    QVERIFY(ed25519 && rsa && ecdsa);
    m_keys = {*ed25519, *rsa, *ecdsa};
}

void TestJsonCodec::roundTrip_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<bool>("jsonOnlyExtras");
    for (const QString &type : {u"root"_s, u"targets"_s, u"snapshot"_s, u"timestamp"_s,
                               u"ecu_manifest"_s, u"vehicle_manifest"_s, u"time_attestation"_s}) {
        QTest::addRow("%s plain", qPrintable(type)) << type << false;
        QTest::addRow("%s with unknown members", qPrintable(type)) << type << true;
    }
}

// serialize -> parse gives the same signed bytes, a byte-identical re-serialisation, a
// canonical file, and signatures that verify over the parsed signedBytes.
void TestJsonCodec::roundTrip()
{
    QFETCH(QString, type);
    QFETCH(bool, jsonOnlyExtras);
    const Extras extras = jsonOnlyExtras ? Extras::JsonOnly : Extras::None;
    auto ecu = signedEcuManifest(extras);
    QVERIFY(ecu);

    withType(type, [&]<typename T>(std::type_identity<T>) {
        T body;
        if constexpr (std::is_same_v<T, Root>)
            body = Test::sampleRoot(publicKeys(), extras);
        else if constexpr (std::is_same_v<T, Targets>)
            body = Test::sampleTargets(publicKeys(), extras);
        else if constexpr (std::is_same_v<T, Snapshot>)
            body = Test::sampleSnapshot(extras);
        else if constexpr (std::is_same_v<T, Timestamp>)
            body = Test::sampleTimestamp(extras);
        else if constexpr (std::is_same_v<T, EcuManifest>)
            body = Test::sampleEcuManifest(extras);
        else if constexpr (std::is_same_v<T, VehicleManifest>)
            body = Test::sampleVehicleManifest({*ecu}, extras);
        else
            body = Test::sampleTimeAttestation(extras);

        auto original = signJson(body, m_keys);
        QVERIFY_RESULT(original);
        auto file = detail::serializeJson(*original);
        QVERIFY_RESULT(file);
        auto parsed = detail::parseJson<T>(*file);
        QVERIFY_RESULT(parsed);

        QCOMPARE(parsed->encoding, Encoding::Json);
        QCOMPARE(parsed->signedBytes, original->signedBytes);
        QCOMPARE(Json::canonical(parsed->signedJson).value(), original->signedBytes);
        QCOMPARE(detail::signedBytesJson(parsed->body).value(), original->signedBytes);
        QCOMPARE(detail::serializeJson(*parsed).value(), *file);
        // The whole file is canonical JSON (compact, sorted), except that control characters
        // inside strings (PEM newlines) are escaped so that RFC 8259 readers accept it.
        QVERIFY(std::none_of(file->cbegin(), file->cend(), [](char c) { return uchar(c) < 0x20; }));
        const QByteArray recanonical = Json::canonical(Json::parse(*file).value()).value();
        if (file->contains("\\n"))
            QCOMPARE(recanonical.size() + recanonical.count('\n'), file->size());
        else
            QCOMPARE(recanonical, *file);

        QCOMPARE(parsed->signatures.size(), m_keys.size());
        for (qsizetype i = 0; i < m_keys.size(); ++i) {
            QCOMPARE(parsed->signatures[i].keyid, computeKeyId(m_keys[i].publicKey()));
            QVERIFY(m_keys[i].publicKey().verify(parsed->signedBytes, parsed->signatures[i].value));
        }
    });
}

void TestJsonCodec::rootFieldsSurvive()
{
    const Root body = Test::sampleRoot(publicKeys(), Extras::JsonOnly);
    auto parsed = writeAndRead(body, m_keys.mid(0, 1));
    QVERIFY_RESULT(parsed);
    const Root &root = parsed->body;
    QCOMPARE(root.specVersion, body.specVersion);
    QCOMPARE(root.version, 3);
    QCOMPARE(root.expires, Test::utc(2031, 2, 3, 4, 5, 6));
    QCOMPARE(root.consistentSnapshot, true);
    QCOMPARE(root.unknown, body.unknown);
    QCOMPARE(root.keys.keys(), body.keys.keys());
    for (const KeyEntry &entry : root.keys) {
        const KeyEntry &expected = body.keys[entry.keyid];
        QVERIFY(!entry.keyError);
        QVERIFY(entry.key == expected.key);
        QCOMPARE(entry.unknown, expected.unknown);
        QCOMPARE(entry.unknownKeyval, expected.unknownKeyval);
        QCOMPARE(entry.keytype, expected.key.keyTypeName());
        QCOMPARE(entry.publicValue, expected.key.publicValue());
    }
    QCOMPARE(root.roles.keys(), body.roles.keys());
    for (auto it = body.roles.cbegin(); it != body.roles.cend(); ++it) {
        QCOMPARE(root.roles[it.key()].keyids, it->keyids);
        QCOMPARE(root.roles[it.key()].threshold, it->threshold);
        QCOMPARE(root.roles[it.key()].unknown, it->unknown);
    }
}

void TestJsonCodec::targetsFieldsSurvive()
{
    const Targets body = Test::sampleTargets(publicKeys(), Extras::JsonOnly);
    auto parsed = writeAndRead(body, m_keys.mid(0, 1));
    QVERIFY_RESULT(parsed);
    const Targets &targets = parsed->body;
    QCOMPARE(targets.vehicleId, body.vehicleId);
    QCOMPARE(targets.unknown, body.unknown);
    QCOMPARE(targets.targets.keys(), body.targets.keys());
    for (const TargetFile &expected : body.targets) {
        const TargetFile &file = targets.targets[expected.path];
        QCOMPARE(file.path, expected.path);
        QCOMPARE(file.length, expected.length);
        QCOMPARE(file.hashes, expected.hashes);
        QCOMPARE(file.ecuSerials, expected.ecuSerials);
        QCOMPARE(file.hardwareId, expected.hardwareId);
        QCOMPARE(file.releaseCounter, expected.releaseCounter);
        QCOMPARE(file.customOther, expected.customOther);
        QCOMPARE(file.hasCustom, expected.hasCustom);
        QCOMPARE(file.unknown, expected.unknown);
    }
    QVERIFY(targets.delegations);
    QCOMPARE(targets.delegations->keys.keys(), body.delegations->keys.keys());
    QCOMPARE(targets.delegations->unknown, body.delegations->unknown);
    QCOMPARE(targets.delegations->roles.size(), 2);
    for (qsizetype i = 0; i < 2; ++i) {
        const DelegatedRole &role = targets.delegations->roles[i];
        const DelegatedRole &expected = body.delegations->roles[i];
        QCOMPARE(role.name, expected.name);
        QCOMPARE(role.keyids, expected.keyids);
        QCOMPARE(role.threshold, expected.threshold);
        QCOMPARE(role.terminating, expected.terminating);
        QCOMPARE(role.paths, expected.paths);
        QCOMPARE(role.pathHashPrefixes, expected.pathHashPrefixes);
        QCOMPARE(role.hardwareIds, expected.hardwareIds);
        QCOMPARE(role.unknown, expected.unknown);
    }
}

void TestJsonCodec::snapshotAndTimestampFieldsSurvive()
{
    const Snapshot snapshotBody = Test::sampleSnapshot(Extras::JsonOnly);
    auto snapshot = writeAndRead(snapshotBody, m_keys.mid(0, 1));
    QVERIFY_RESULT(snapshot);
    QCOMPARE(snapshot->body.meta.keys(), snapshotBody.meta.keys());
    for (auto it = snapshotBody.meta.cbegin(); it != snapshotBody.meta.cend(); ++it) {
        const MetaFile &meta = snapshot->body.meta[it.key()];
        QCOMPARE(meta.version, it->version);
        QCOMPARE(meta.length, it->length);
        QCOMPARE(meta.hashes, it->hashes);
        QCOMPARE(meta.unknown, it->unknown);
    }

    const Timestamp timestampBody = Test::sampleTimestamp(Extras::JsonOnly);
    auto timestamp = writeAndRead(timestampBody, m_keys.mid(0, 1));
    QVERIFY_RESULT(timestamp);
    QCOMPARE(timestamp->body.version, 77);
    QCOMPARE(timestamp->body.snapshotName, u"snapshot.json"_s);
    QCOMPARE(timestamp->body.snapshot.version, 40);
    QCOMPARE(timestamp->body.snapshot.length, 999);
    QCOMPARE(timestamp->body.snapshot.hashes, timestampBody.snapshot.hashes);
    QCOMPARE(timestamp->body.unknown, timestampBody.unknown);
}

// A vehicle manifest carries each ECU manifest with the ECU's own signedBytes, so the
// Director can check the ECU's signature after the Primary re-wrapped it.
void TestJsonCodec::manifestFieldsSurvive()
{
    auto ecu = signedEcuManifest(Extras::JsonOnly);
    QVERIFY(ecu);
    const VehicleManifest body = Test::sampleVehicleManifest({*ecu}, Extras::JsonOnly);
    auto parsed = writeAndRead(body, m_keys.mid(0, 1));
    QVERIFY_RESULT(parsed);
    QCOMPARE(parsed->body.vin, body.vin);
    QCOMPARE(parsed->body.primaryEcuSerial, body.primaryEcuSerial);
    QCOMPARE(parsed->body.attacksDetected, body.attacksDetected);
    QCOMPARE(parsed->body.unknown, body.unknown);
    QCOMPARE(parsed->body.ecuManifests.keys(), QStringList{u"brake-01"_s});
    const Signed<EcuManifest> &embedded = parsed->body.ecuManifests[u"brake-01"_s].first();
    QCOMPARE(embedded.signedBytes, ecu->signedBytes);
    QCOMPARE(embedded.signatures.size(), 1);
    QVERIFY(m_keys[2].publicKey().verify(embedded.signedBytes, embedded.signatures[0].value));

    const EcuManifest &manifest = embedded.body;
    const EcuManifest &expected = ecu->body;
    QCOMPARE(manifest.ecuSerial, expected.ecuSerial);
    QCOMPARE(manifest.installedImage.path, expected.installedImage.path);
    QCOMPARE(manifest.installedImage.length, expected.installedImage.length);
    QCOMPARE(manifest.installedImage.hashes, expected.installedImage.hashes);
    QCOMPARE(manifest.installedImage.releaseCounter, expected.installedImage.releaseCounter);
    QCOMPARE(manifest.installedImage.hardwareId, expected.installedImage.hardwareId);
    QCOMPARE(manifest.timeserverTime, expected.timeserverTime);
    QCOMPARE(manifest.previousTimeserverTime, expected.previousTimeserverTime);
    QCOMPARE(manifest.attacksDetected, expected.attacksDetected);
    QCOMPARE(manifest.nonce, expected.nonce);
    QCOMPARE(manifest.unknown, expected.unknown);
}

void TestJsonCodec::attestationFieldsSurvive()
{
    const TimeAttestation body = Test::sampleTimeAttestation(Extras::JsonOnly);
    auto parsed = writeAndRead(body, m_keys.mid(0, 1));
    QVERIFY_RESULT(parsed);
    QCOMPARE(parsed->body.time, body.time);
    QCOMPARE(parsed->body.nonces, body.nonces);
    QCOMPARE(parsed->body.unknown, body.unknown);
}

// Key id of the RFC 8032 §7.1 test 1 public key, computed by securesystemslib 0.26:
// sha256(encode_canonical({"keytype": "ed25519", "keyval": {"public": <hex>},
// "scheme": "ed25519"})).
void TestJsonCodec::keyIdKnownAnswer()
{
    QCOMPARE(computeKeyId(m_keys[0].publicKey()),
             u"74c181c7ad8a0855d4b55e44d2ba87aabdddb196832571f15f92fece332e4916"_s);
    QCOMPARE(computeKeyId(Crypto::PublicKey()), QString());
}

void TestJsonCodec::keyIdMatchesSecuresystemslib_data()
{
    QTest::addColumn<int>("index");
    QTest::newRow("ed25519") << 0;
    QTest::newRow("rsa") << 1;
    QTest::newRow("ecdsa") << 2;
}

// The oracle: securesystemslib's encode_canonical and hashlib, run by Debian's python3.
void TestJsonCodec::keyIdMatchesSecuresystemslib()
{
    QFETCH(int, index);
    const Crypto::PublicKey key = m_keys[index].publicKey();
    const QString python = u"/usr/bin/python3"_s;
    if (!QFile::exists(python))
        QSKIP("no /usr/bin/python3");
    const char *script =
        "import hashlib, json, sys\n"
        "from securesystemslib.formats import encode_canonical\n"
        "k = json.load(sys.stdin)\n"
        "m = {'keytype': k['keytype'], 'scheme': k['scheme'], 'keyval': {'public': k['public']}}\n"
        "print(hashlib.sha256(encode_canonical(m).encode('utf-8')).hexdigest())\n";
    QProcess process;
    process.start(python, {u"-c"_s, QString::fromLatin1(script)});
    QVERIFY(process.waitForStarted());
    const Json::Object input{{u"keytype"_s, key.keyTypeName()},
                             {u"scheme"_s, key.schemeName()},
                             {u"public"_s, key.publicValue()}};
    process.write(Json::pretty(input));
    process.closeWriteChannel();
    QVERIFY(process.waitForFinished(30000));
    if (process.exitCode() != 0 && process.readAllStandardError().contains("ModuleNotFoundError"))
        QSKIP("securesystemslib is not installed for /usr/bin/python3");
    QCOMPARE(process.exitCode(), 0);
    const QString expected = QString::fromLatin1(process.readAllStandardOutput().trimmed());
    QCOMPARE(expected.size(), 64);
    QCOMPARE(computeKeyId(key), expected);
}

void TestJsonCodec::realMetadata_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("parses");
    const QDir repos(kRealRepos);
    const QStringList names = repos.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    if (names.isEmpty())
        QSKIP("no real TUF repositories in the shared interop fixtures");
    for (const QString &repo : names) {
        const QDir metadata(repos.filePath(repo + u"/metadata"_s));
        for (const QString &file : metadata.entryList({u"*.json"_s}, QDir::Files)) {
            // Sigstore's roots 1-3 write expires with fractions and an offset
            // ("2021-12-18T13:28:12.99008-06:00"). TUF §4 and python-tuf accept only
            // "YYYY-MM-DDTHH:MM:SSZ", so python-tuf refuses them too; clients start from a
            // later trusted root (the conformance suite from root 12).
            const bool legacyExpires = repo == u"sigstore-root-signing"
                                       && QStringList{u"1.root.json"_s, u"2.root.json"_s,
                                                      u"3.root.json"_s}.contains(file);
            QTest::addRow("%s/%s", qPrintable(repo), qPrintable(file))
                << metadata.filePath(file) << !legacyExpires;
        }
    }
}

// Everything parses; signedBytes is canonical JSON of "signed" as read; and writing the
// parsed body back yields the very same "signed" tree (unknown members included).
void TestJsonCodec::realMetadata()
{
    QFETCH(QString, path);
    QFETCH(bool, parses);
    const QByteArray bytes = readFile(path);
    auto type = detail::peekTypeJson(bytes);
    QVERIFY_RESULT(type);

    withType(*type, [&]<typename T>(std::type_identity<T>) {
        auto parsed = detail::parseJson<T>(bytes);
        if (!parses) {
            QVERIFY(!parsed);
            QCOMPARE(parsed.error().code, ErrorCode::SchemaViolation);
            QVERIFY2(parsed.error().detail.contains(u"signed.expires"_s),
                     qPrintable(parsed.error().detail));
            return;
        }
        QVERIFY_RESULT(parsed);
        const Json::Value original = signedTree(bytes);
        QCOMPARE(parsed->signedJson, original);
        QCOMPARE(parsed->signedBytes, Json::canonical(original).value());

        auto rewritten = detail::serializeJson(*parsed);
        QVERIFY_RESULT(rewritten);
        QVERIFY(signedTree(*rewritten) == original);
        auto reparsed = detail::parseJson<T>(*rewritten);
        QVERIFY_RESULT(reparsed);
        QCOMPARE(reparsed->signedBytes, parsed->signedBytes);
        QCOMPARE(reparsed->signatures.size(), parsed->signatures.size());

        if constexpr (std::is_same_v<T, Root>) {
            // Every key either loads or says why not; none is silently dropped.
            for (const KeyEntry &entry : parsed->body.keys)
                QVERIFY(entry.key.isNull() == entry.keyError.has_value());
        }
    });
}

void TestJsonCodec::realUnknownMembersKept()
{
    const QString tufOnCi = kRealRepos + u"tuf-on-ci-0.11/metadata/"_s;
    if (!QFile::exists(tufOnCi))
        QSKIP("no tuf-on-ci fixtures");
    auto root = detail::parseJson<Root>(readFile(tufOnCi + u"1.root.json"_s));
    QVERIFY_RESULT(root);
    const KeyEntry key = root->body.keys.value(
        u"aa61e09f6af7662ac686cf0c6364079f63d3e7a86836684eeced93eace3acd81"_s);
    QVERIFY(!key.keyError);
    QCOMPARE(key.key.type(), Crypto::KeyType::Ecdsa);
    QCOMPARE(key.unknown.value(u"x-tuf-on-ci-keyowner"_s), Json::Value(u"@jku"_s));
    QCOMPARE(root->body.roles[u"snapshot"_s].unknown.value(u"x-tuf-on-ci-expiry-period"_s),
             Json::Value(qint64(7300)));
    QCOMPARE(root->body.unknown.value(u"x-tuf-on-ci-signing-period"_s), Json::Value(qint64(60)));
    QCOMPARE(root->body.consistentSnapshot, true);

    // An unsigned placeholder ("sig": "") is kept as an empty signature.
    auto delegated = detail::parseJson<Targets>(readFile(tufOnCi + u"2.delegatedrole.json"_s));
    QVERIFY_RESULT(delegated);
    QCOMPARE(delegated->signatures.size(), 2);
    QVERIFY(!delegated->signatures[0].value.isEmpty());
    QVERIFY(delegated->signatures[1].value.isEmpty());

    const QString sigstore = kRealRepos + u"sigstore-root-signing/metadata/"_s;
    auto targets = detail::parseJson<Targets>(readFile(sigstore + u"11.targets.json"_s));
    QVERIFY_RESULT(targets);
    QVERIFY(targets->body.delegations);
    QCOMPARE(targets->body.delegations->roles.size(), 1);
    const DelegatedRole &npm = targets->body.delegations->roles.first();
    QCOMPARE(npm.name, u"registry.npmjs.org"_s);
    QCOMPARE(npm.paths, QStringList{u"registry.npmjs.org/*"_s});
    QVERIFY(npm.terminating);
    const TargetFile ctfe = targets->body.targets.value(u"ctfe.pub"_s);
    QVERIFY(ctfe.hasCustom);
    QVERIFY(ctfe.ecuSerials.isEmpty() && !ctfe.hardwareId && !ctfe.releaseCounter);
    QVERIFY(ctfe.customOther.contains(u"sigstore"_s));

    auto timestamp = detail::parseJson<Timestamp>(readFile(sigstore + u"timestamp.json"_s));
    QVERIFY_RESULT(timestamp);
    QCOMPARE(timestamp->body.snapshotName, u"snapshot.json"_s);
    QCOMPARE(timestamp->body.snapshot.version, 159);
    QVERIFY(!timestamp->body.snapshot.length);
    QVERIFY(timestamp->body.snapshot.hashes.isEmpty());
}

// The strongest check that signedBytes is right: signatures made by other tools verify.
void TestJsonCodec::realSignaturesVerify()
{
    for (const QString &file : {u"tuf-on-ci-0.11/metadata/1.root.json"_s,
                               u"sigstore-root-signing/metadata/12.root.json"_s}) {
        if (!QFile::exists(kRealRepos + file))
            QSKIP("no real TUF repositories in the shared interop fixtures");
        auto root = detail::parseJson<Root>(readFile(kRealRepos + file));
        QVERIFY_RESULT(root);
        const RoleKeys role = root->body.roles[u"root"_s];
        int valid = 0;
        for (const Signature &signature : root->signatures) {
            const KeyEntry key = root->body.keys.value(signature.keyid);
            if (role.keyids.contains(signature.keyid) && key.key.verify(root->signedBytes, signature.value))
                ++valid;
        }
        QVERIFY2(valid >= role.threshold,
                 qPrintable(u"%1: %2 of %3"_s.arg(file).arg(valid).arg(role.threshold)));
    }
}

void TestJsonCodec::validFixture_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("type");
    QTest::newRow("root") << u"valid-root.json"_s << u"root"_s;
    QTest::newRow("targets") << u"valid-targets.json"_s << u"targets"_s;
    QTest::newRow("snapshot") << u"valid-snapshot.json"_s << u"snapshot"_s;
    QTest::newRow("timestamp") << u"valid-timestamp.json"_s << u"timestamp"_s;
    QTest::newRow("ecu manifest") << u"valid-ecu-manifest.json"_s << u"ecu_manifest"_s;
    QTest::newRow("vehicle manifest") << u"valid-vehicle-manifest.json"_s << u"vehicle_manifest"_s;
    QTest::newRow("time attestation") << u"valid-time-attestation.json"_s << u"time_attestation"_s;
    QTest::newRow("root with an unknown key type") << u"valid-root-unknown-key-type.json"_s << u"root"_s;
}

// The bases the broken fixtures were made from parse, so each broken one fails for its
// single reason.
void TestJsonCodec::validFixture()
{
    QFETCH(QString, file);
    QFETCH(QString, type);
    withType(type, [&]<typename T>(std::type_identity<T>) {
        auto parsed = detail::parseJson<T>(readFile(kFixtures + file));
        QVERIFY_RESULT(parsed);
    });
}

void TestJsonCodec::brokenFixture_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("type");
    QTest::addColumn<int>("code");
    const auto row = [](const char *file, const char *type, ErrorCode code) {
        QTest::newRow(file) << QString::fromLatin1(file) << QString::fromLatin1(type) << int(code);
    };
    using E = ErrorCode;
    // Encoding and envelope
    row("not-json.json", "root", E::MalformedJson);
    row("duplicate-key-in-object.json", "snapshot", E::MalformedJson);
    row("missing-signatures.json", "timestamp", E::SchemaViolation);
    row("signatures-not-array.json", "timestamp", E::SchemaViolation);
    row("signed-not-object.json", "root", E::SchemaViolation);
    row("duplicate-signature-keyid.json", "timestamp", E::DuplicateKey);
    row("float-in-unknown-field.json", "snapshot", E::NotCanonical);
    // Fields every role shares (TUF §4)
    row("wrong-type.json", "root", E::WrongType);
    row("missing-type.json", "root", E::SchemaViolation);
    row("bad-spec-version.json", "root", E::UnsupportedSpecVersion);
    row("malformed-spec-version.json", "snapshot", E::UnsupportedSpecVersion);
    row("missing-version.json", "root", E::SchemaViolation);
    row("version-zero.json", "root", E::SchemaViolation);
    row("version-string.json", "snapshot", E::SchemaViolation);
    row("float-version.json", "root", E::SchemaViolation);
    row("missing-expires.json", "snapshot", E::SchemaViolation);
    row("bad-expires.json", "timestamp", E::SchemaViolation);
    row("expires-fraction.json", "timestamp", E::SchemaViolation);
    row("expires-no-such-date.json", "timestamp", E::SchemaViolation);
    // Root
    row("role-duplicate-keyid.json", "root", E::DuplicateKey);
    row("missing-root-role.json", "root", E::MissingRole);
    row("extra-root-role.json", "root", E::SchemaViolation);
    row("threshold-zero.json", "root", E::SchemaViolation);
    row("consistent-snapshot-string.json", "root", E::SchemaViolation);
    row("key-missing-keyval.json", "root", E::SchemaViolation);
    row("key-public-not-string.json", "root", E::SchemaViolation);
    // Targets and delegations
    row("both-paths-and-prefixes.json", "targets", E::SchemaViolation);
    row("neither-paths-nor-prefixes.json", "targets", E::SchemaViolation);
    row("duplicate-delegation-name.json", "targets", E::DuplicateRoleName);
    row("delegation-top-level-name.json", "targets", E::SchemaViolation);
    row("delegation-missing-terminating.json", "targets", E::SchemaViolation);
    row("delegation-duplicate-keyid.json", "targets", E::DuplicateKey);
    row("succinct-roles.json", "targets", E::Unsupported);
    row("negative-length.json", "targets", E::SchemaViolation);
    row("empty-hashes.json", "targets", E::SchemaViolation);
    row("uppercase-hash.json", "targets", E::SchemaViolation);
    row("signature-not-hex.json", "snapshot", E::SchemaViolation);
    row("signature-uppercase-hex.json", "snapshot", E::SchemaViolation);
    row("hash-not-hex.json", "targets", E::SchemaViolation);
    row("negative-release-counter.json", "targets", E::SchemaViolation);
    row("hardware-id-not-string.json", "targets", E::SchemaViolation);
    row("custom-not-object.json", "targets", E::SchemaViolation);
    row("ecu-serial-and-serials.json", "targets", E::SchemaViolation);
    row("ecu-serials-one.json", "targets", E::SchemaViolation);
    row("ecu-serials-not-strings.json", "targets", E::SchemaViolation);
    row("vehicle-id-not-string.json", "targets", E::SchemaViolation);
    // Snapshot and timestamp
    row("timestamp-two-meta.json", "timestamp", E::SchemaViolation);
    row("meta-version-zero.json", "snapshot", E::SchemaViolation);
    row("meta-empty-hashes.json", "timestamp", E::SchemaViolation);
    // Uptane messages
    row("ecu-manifest-as-vehicle-manifest.json", "vehicle_manifest", E::WrongType);
    row("ecu-manifest-extra-image-member.json", "ecu_manifest", E::SchemaViolation);
    row("ecu-manifest-missing-nonce.json", "ecu_manifest", E::SchemaViolation);
    row("attestation-nonce-string.json", "time_attestation", E::SchemaViolation);
    row("vehicle-manifest-bad-embedded.json", "vehicle_manifest", E::NotCanonical);
}

void TestJsonCodec::brokenFixture()
{
    QFETCH(QString, file);
    QFETCH(QString, type);
    QFETCH(int, code);
    withType(type, [&]<typename T>(std::type_identity<T>) {
        auto parsed = detail::parseJson<T>(readFile(kFixtures + file));
        QVERIFY2(!parsed, "parsed although broken");
        QVERIFY2(parsed.error().code == ErrorCode(code), qPrintable(parsed.error().toString()));
        QVERIFY(!parsed.error().detail.isEmpty());
    });
}

// A key type we do not support leaves the root valid; the key is kept, never loaded, and
// written back exactly as read.
void TestJsonCodec::unloadableKeyKept()
{
    const QByteArray bytes = readFile(kFixtures + u"valid-root-unknown-key-type.json"_s);
    auto root = detail::parseJson<Root>(bytes);
    QVERIFY_RESULT(root);
    const KeyEntry entry = root->body.keys.value(QString(64, u'b'));
    QVERIFY(entry.key.isNull());
    QVERIFY(entry.keyError);
    QCOMPARE(entry.keyError->code, ErrorCode::UnknownKeyType);
    QCOMPARE(entry.keytype, u"sphincs"_s);
    QVERIFY(!root->body.keys.value(QString(64, u'a')).keyError);
    auto rewritten = detail::serializeJson(*root);
    QVERIFY(rewritten);
    QVERIFY(signedTree(*rewritten) == signedTree(bytes));
}

void TestJsonCodec::emptySignatureIsAPlaceholder()
{
    // Real repositories list keyholders who have not signed yet with "sig": "".
    QByteArray bytes = readFile(kFixtures + u"signature-not-hex.json"_s);
    bytes.replace("\"not hex\"", "\"\"");
    auto snapshot = detail::parseJson<Snapshot>(bytes);
    QVERIFY_RESULT(snapshot);
    QCOMPARE(snapshot->signatures.size(), 1);
    QCOMPARE(snapshot->signatures[0].keyid, QString(64, u'a'));
    QVERIFY(snapshot->signatures[0].value.isEmpty());
}

void TestJsonCodec::consistentSnapshotIsRequired()
{
    Json::Object envelope = Json::parse(readFile(kFixtures + u"valid-root.json"_s))->toObject();
    Json::Object signedObject = envelope[u"signed"_s].toObject();
    QVERIFY(signedObject.remove(u"consistent_snapshot"_s) == 1);
    envelope[u"signed"_s] = signedObject;
    auto root = detail::parseJson<Root>(Json::canonical(envelope).value());
    QVERIFY(!root);
    QCOMPARE(root.error().code, ErrorCode::SchemaViolation);
}

void TestJsonCodec::expiresIsUtc()
{
    auto timestamp = detail::parseJson<Timestamp>(readFile(kFixtures + u"valid-timestamp.json"_s));
    QVERIFY_RESULT(timestamp);
    QCOMPARE(timestamp->body.expires, Test::utc(2030, 1, 1));
    QCOMPARE(timestamp->body.expires.timeSpec(), Qt::UTC);
    QCOMPARE(timestamp->body.expires.toSecsSinceEpoch(), 1893456000);
}

void TestJsonCodec::peekType_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("type");  // empty: fails with code
    QTest::addColumn<int>("code");
    QTest::newRow("root") << u"valid-root.json"_s << u"root"_s << 0;
    QTest::newRow("vehicle manifest") << u"valid-vehicle-manifest.json"_s << u"vehicle_manifest"_s
                                      << 0;
    QTest::newRow("not json") << u"not-json.json"_s << QString() << int(ErrorCode::MalformedJson);
    QTest::newRow("signed not an object") << u"signed-not-object.json"_s << QString()
                                          << int(ErrorCode::SchemaViolation);
    QTest::newRow("no _type") << u"missing-type.json"_s << QString()
                              << int(ErrorCode::SchemaViolation);
}

void TestJsonCodec::peekType()
{
    QFETCH(QString, file);
    QFETCH(QString, type);
    QFETCH(int, code);
    auto peeked = detail::peekTypeJson(readFile(kFixtures + file));
    if (type.isEmpty()) {
        QVERIFY(!peeked);
        QCOMPARE(errorCodeName(peeked.error().code), errorCodeName(ErrorCode(code)));
    } else {
        QVERIFY_RESULT(peeked);
        QCOMPARE(*peeked, type);
    }
}

// What JSON cannot carry is refused with InvalidArgument rather than written wrongly.
void TestJsonCodec::writerRefusesUnrepresentable()
{
    Snapshot noExpiry = Test::sampleSnapshot(Extras::None);
    noExpiry.expires = QDateTime();
    QCOMPARE(detail::signedBytesJson(noExpiry).error().code, ErrorCode::InvalidArgument);

    Snapshot farFuture = Test::sampleSnapshot(Extras::None);
    farFuture.expires = Test::utc(10000, 1, 1);
    QCOMPARE(detail::signedBytesJson(farFuture).error().code, ErrorCode::InvalidArgument);

    Root emptyKey = Test::sampleRoot(publicKeys(), Extras::None);
    emptyKey.keys.insert(u"empty"_s, KeyEntry{});
    QCOMPARE(detail::signedBytesJson(emptyKey).error().code, ErrorCode::InvalidArgument);

    EcuManifest noTime = Test::sampleEcuManifest(Extras::None);
    noTime.previousTimeserverTime = QDateTime();
    QCOMPARE(detail::signedBytesJson(noTime).error().code, ErrorCode::InvalidArgument);

    auto ecu = signedEcuManifest(Extras::None);
    QVERIFY(ecu);
    ecu->encoding = Encoding::Der;
    const VehicleManifest mixed = Test::sampleVehicleManifest({*ecu}, Extras::None);
    QCOMPARE(detail::signedBytesJson(mixed).error().code, ErrorCode::InvalidArgument);

    Snapshot withFloat = Test::sampleSnapshot(Extras::None);
    withFloat.unknown.insert(u"x-ratio"_s, 0.5);
    QCOMPARE(detail::signedBytesJson(withFloat).error().code, ErrorCode::NotCanonical);
}

QTEST_GUILESS_MAIN(TestJsonCodec)
#include "tst_jsoncodec.moc"
