// KeyRing: named keys as files (private 0600, public as TUF key objects), offline root keys,
// lookup by keyid, revocation into keys/revoked/ and generation names. Every key type.

#include "crypto/hash.h"
#include "encoding/json.h"
#include "metadata/types.h"
#include "services/keyring.h"

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace Uptane;
using namespace Uptane::Services;
using namespace Qt::StringLiterals;
using Crypto::KeyType;

class TestKeyRing : public QObject
{
    Q_OBJECT

private slots:
    void createAndReload_data();
    void createAndReload();
    void offlineKeys();
    void locationAndTypeMismatch();
    void unsafeNames_data();
    void unsafeNames();
    void missingKey();
    void findByKeyId();
    void revoke();
    void revokeTwice();
    void removeKey();
    void nextFreeName();
    void addExisting();
    void publicKeyJson();
    void brokenPublicKeyJson_data();
    void brokenPublicKeyJson();
};

void TestKeyRing::createAndReload_data()
{
    QTest::addColumn<KeyType>("type");
    QTest::newRow("ed25519") << KeyType::Ed25519;
    QTest::newRow("ecdsa") << KeyType::Ecdsa;
    QTest::newRow("rsa") << KeyType::Rsa;
}

void TestKeyRing::createAndReload()
{
    QFETCH(KeyType, type);
    QTemporaryDir dir;
    KeyRing ring(dir.path() + u"/keys"_s);
    auto created = ring.loadOrCreate(u"imagerepo-targets-1"_s, type);
    QVERIFY(created);
    QCOMPARE(created->type(), type);

    const QString pem = dir.path() + u"/keys/imagerepo-targets-1.pem"_s;
    const QString pub = dir.path() + u"/keys/imagerepo-targets-1.pub"_s;
    QVERIFY(QFileInfo::exists(pem));
    QVERIFY(QFileInfo::exists(pub));
    // Private keys: owner read/write only.
    QCOMPARE(QFileInfo(pem).permissions() & ~(QFileDevice::ReadUser | QFileDevice::WriteUser),
             QFileDevice::ReadOwner | QFileDevice::WriteOwner);

    // A second ring on the same directory loads the same key instead of making a new one.
    KeyRing again(dir.path() + u"/keys"_s);
    auto loaded = again.loadOrCreate(u"imagerepo-targets-1"_s, type);
    QVERIFY(loaded);
    QVERIFY(loaded->publicKey() == created->publicKey());
    auto info = again.info(u"imagerepo-targets-1"_s);
    QVERIFY(info);
    QVERIFY(info->publicKey == created->publicKey());
    QCOMPARE(info->keyid, Metadata::computeKeyId(created->publicKey()));
    QVERIFY(!info->offline);
    QCOMPARE(again.list().size(), 1);
}

void TestKeyRing::offlineKeys()
{
    QTemporaryDir dir;
    KeyRing ring(dir.path() + u"/keys"_s);
    QVERIFY(ring.loadOrCreate(u"imagerepo-root-1"_s, KeyType::Ed25519, true));
    QVERIFY(QFileInfo::exists(dir.path() + u"/keys/offline/imagerepo-root-1.pem"_s));
    QVERIFY(!QFileInfo::exists(dir.path() + u"/keys/imagerepo-root-1.pem"_s));
    auto info = ring.info(u"imagerepo-root-1"_s);
    QVERIFY(info);
    QVERIFY(info->offline);
    QVERIFY(ring.load(u"imagerepo-root-1"_s));
    QVERIFY(ring.findByKeyId(info->keyid));
}

void TestKeyRing::locationAndTypeMismatch()
{
    QTemporaryDir dir;
    KeyRing ring(dir.path());
    QVERIFY(ring.loadOrCreate(u"a"_s, KeyType::Ed25519, true));
    auto online = ring.loadOrCreate(u"a"_s, KeyType::Ed25519, false);
    QVERIFY(!online);
    QCOMPARE(online.error().code, ErrorCode::InvalidArgument);
    auto otherType = ring.loadOrCreate(u"a"_s, KeyType::Ecdsa, true);
    QVERIFY(!otherType);
    QCOMPARE(otherType.error().code, ErrorCode::InvalidArgument);
}

void TestKeyRing::unsafeNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("empty") << QString();
    QTest::newRow("traversal") << u"../x"_s;
    QTest::newRow("dot-dot") << u".."_s;
    QTest::newRow("hidden") << u".key"_s;
    QTest::newRow("slash") << u"a/b"_s;
    QTest::newRow("space") << u"a b"_s;
    QTest::newRow("too-long") << QString(129, u'k');
}

void TestKeyRing::unsafeNames()
{
    QFETCH(QString, name);
    QTemporaryDir dir;
    KeyRing ring(dir.path());
    auto key = ring.loadOrCreate(name, KeyType::Ed25519);
    QVERIFY(!key);
    QCOMPARE(key.error().code, ErrorCode::InvalidArgument);
    QVERIFY(QDir(dir.path()).entryList(QDir::NoDotAndDotDot | QDir::AllEntries).isEmpty());
    QCOMPARE(ring.load(name).error().code, ErrorCode::NotFound);
    QCOMPARE(ring.loadRevoked(name).error().code, ErrorCode::InvalidArgument);
}

void TestKeyRing::missingKey()
{
    QTemporaryDir dir;
    KeyRing ring(dir.path());
    QCOMPARE(ring.load(u"nope"_s).error().code, ErrorCode::NotFound);
    QCOMPARE(ring.info(u"nope"_s).error().code, ErrorCode::NotFound);
    QCOMPARE(ring.findByKeyId(u"00"_s).error().code, ErrorCode::NotFound);
    QCOMPARE(ring.revoke(u"nope"_s).error().code, ErrorCode::NotFound);
    QCOMPARE(ring.remove(u"nope"_s).error().code, ErrorCode::NotFound);
    QVERIFY(!ring.contains(u"nope"_s));
}

void TestKeyRing::findByKeyId()
{
    QTemporaryDir dir;
    KeyRing ring(dir.path());
    auto a = ring.loadOrCreate(u"a"_s, KeyType::Ed25519);
    auto b = ring.loadOrCreate(u"b"_s, KeyType::Ecdsa, true);
    QVERIFY(a && b);
    const QString idA = Metadata::computeKeyId(a->publicKey());
    const QString idB = Metadata::computeKeyId(b->publicKey());
    QCOMPARE(ring.nameForKeyId(idA), u"a"_s);
    QCOMPARE(ring.nameForKeyId(idB), u"b"_s);
    auto found = ring.findByKeyId(idB);
    QVERIFY(found);
    QVERIFY(found->publicKey() == b->publicKey());

    // A key added after the index was built is found too.
    auto c = ring.loadOrCreate(u"c"_s, KeyType::Ed25519);
    QVERIFY(c);
    QCOMPARE(ring.nameForKeyId(Metadata::computeKeyId(c->publicKey())), u"c"_s);
}

void TestKeyRing::revoke()
{
    QTemporaryDir dir;
    KeyRing ring(dir.path());
    auto key = ring.loadOrCreate(u"imagerepo-timestamp-1"_s, KeyType::Ed25519);
    QVERIFY(key);
    const QString keyid = Metadata::computeKeyId(key->publicKey());
    QVERIFY(ring.findByKeyId(keyid));

    auto revoked = ring.revoke(u"imagerepo-timestamp-1"_s);
    QVERIFY(revoked);
    QCOMPARE(*revoked, u"imagerepo-timestamp-1"_s);
    QVERIFY(!ring.contains(u"imagerepo-timestamp-1"_s));
    QVERIFY(ring.list().isEmpty());
    QCOMPARE(ring.findByKeyId(keyid).error().code, ErrorCode::NotFound);
    QCOMPARE(ring.load(u"imagerepo-timestamp-1"_s).error().code, ErrorCode::NotFound);
    QVERIFY(QFileInfo::exists(dir.path() + u"/revoked/imagerepo-timestamp-1.pem"_s));
    QVERIFY(QFileInfo::exists(dir.path() + u"/revoked/imagerepo-timestamp-1.pub"_s));
    // Still loadable for "sign with a revoked key" attacks.
    QCOMPARE(ring.revokedNames(), QStringList{u"imagerepo-timestamp-1"_s});
    auto old = ring.loadRevoked(u"imagerepo-timestamp-1"_s);
    QVERIFY(old);
    QVERIFY(old->publicKey() == key->publicKey());
}

void TestKeyRing::revokeTwice()
{
    QTemporaryDir dir;
    KeyRing ring(dir.path());
    QVERIFY(ring.loadOrCreate(u"k"_s, KeyType::Ed25519));
    QCOMPARE(*ring.revoke(u"k"_s), u"k"_s);
    // A key of the same name made by hand later and revoked again does not overwrite the first.
    auto second = Crypto::PrivateKey::generate(KeyType::Ed25519);
    QVERIFY(second);
    const QString pem = dir.path() + u"/k.pem"_s;
    QVERIFY(second->save(pem));
    QVERIFY(ring.contains(u"k"_s));
    QCOMPARE(*ring.revoke(u"k"_s), u"k.2"_s);
    QCOMPARE(ring.revokedNames(), (QStringList{u"k"_s, u"k.2"_s}));
    QVERIFY(ring.loadRevoked(u"k.2"_s)->publicKey() == second->publicKey());
}

void TestKeyRing::removeKey()
{
    QTemporaryDir dir;
    KeyRing ring(dir.path());
    QVERIFY(ring.loadOrCreate(u"k"_s, KeyType::Ed25519));
    QVERIFY(ring.remove(u"k"_s));
    QVERIFY(!ring.contains(u"k"_s));
    QVERIFY(!QFileInfo::exists(dir.path() + u"/k.pub"_s));
    QVERIFY(ring.revokedNames().isEmpty());
}

void TestKeyRing::nextFreeName()
{
    QTemporaryDir dir;
    KeyRing ring(dir.path());
    QCOMPARE(ring.nextFreeName(u"imagerepo-targets"_s), u"imagerepo-targets-1"_s);
    QVERIFY(ring.loadOrCreate(u"imagerepo-targets-1"_s, KeyType::Ed25519));
    QVERIFY(ring.loadOrCreate(u"imagerepo-targets-2"_s, KeyType::Ed25519, true));
    QCOMPARE(ring.nextFreeName(u"imagerepo-targets"_s), u"imagerepo-targets-3"_s);
    QVERIFY(ring.revoke(u"imagerepo-targets-1"_s));
    // A revoked generation is never reused: its name stays with the old key.
    QCOMPARE(ring.nextFreeName(u"imagerepo-targets"_s), u"imagerepo-targets-3"_s);
}

void TestKeyRing::addExisting()
{
    QTemporaryDir dir;
    KeyRing ring(dir.path());
    auto key = Crypto::PrivateKey::generate(KeyType::Ed25519);
    QVERIFY(key);
    QVERIFY(ring.add(u"k"_s, *key));
    QCOMPARE(ring.add(u"k"_s, *key).error().code, ErrorCode::InvalidArgument);
    QCOMPARE(ring.add(u"k"_s, *key, true).error().code, ErrorCode::InvalidArgument);
    QCOMPARE(ring.add(u"null"_s, Crypto::PrivateKey()).error().code, ErrorCode::InvalidArgument);
    QVERIFY(ring.revoke(u"k"_s));
    // The name stays taken by the revoked key.
    QCOMPARE(ring.add(u"k"_s, *key).error().code, ErrorCode::InvalidArgument);
}

void TestKeyRing::publicKeyJson()
{
    for (KeyType type : {KeyType::Ed25519, KeyType::Ecdsa, KeyType::Rsa}) {
        auto key = Crypto::PrivateKey::generate(type);
        QVERIFY(key);
        const QByteArray json = tufPublicKeyJson(key->publicKey());
        auto parsed = parseTufPublicKeyJson(json);
        QVERIFY(parsed);
        QVERIFY(*parsed == key->publicKey());
        // The file holds the object TUF hashes into the keyid, readable (newlines escaped).
        auto tree = Json::parse(json);
        QVERIFY(tree);
        auto canonical = Json::canonical(*tree);
        QVERIFY(canonical);
        QCOMPARE(QString::fromLatin1(Crypto::sha256(*canonical).toHex()), Metadata::computeKeyId(key->publicKey()));
    }
}

void TestKeyRing::brokenPublicKeyJson_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<ErrorCode>("code");
    QTest::newRow("not-json") << "{"_ba << ErrorCode::MalformedJson;
    QTest::newRow("no-keyval") << "{\"keytype\":\"ed25519\",\"scheme\":\"ed25519\"}"_ba << ErrorCode::SchemaViolation;
    QTest::newRow("unknown-type") << "{\"keytype\":\"dsa\",\"keyval\":{\"public\":\"00\"},\"scheme\":\"dsa\"}"_ba << ErrorCode::UnknownKeyType;
    QTest::newRow("short-key") << "{\"keytype\":\"ed25519\",\"keyval\":{\"public\":\"00\"},\"scheme\":\"ed25519\"}"_ba << ErrorCode::InvalidKey;
}

void TestKeyRing::brokenPublicKeyJson()
{
    QFETCH(QByteArray, json);
    QFETCH(ErrorCode, code);
    auto parsed = parseTufPublicKeyJson(json);
    QVERIFY(!parsed);
    QCOMPARE(parsed.error().code, code);
}

QTEST_GUILESS_MAIN(TestKeyRing)
#include "tst_keyring.moc"
