#include "crypto/keys.h"

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

#include <thread>
#include <vector>

using namespace Uptane;
using namespace Uptane::Crypto;

namespace {

QString fixturePath(const char *name)
{
    return QStringLiteral(UPTANE_TEST_DATA "/crypto/") + QLatin1StringView(name);
}

QByteArray fixture(const char *name)
{
    QFile file(fixturePath(name));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QByteArray flipBit(QByteArray bytes, qsizetype index)
{
    bytes[index] = char(bytes[index] ^ 0x01);
    return bytes;
}

const QByteArray Message = "{\"signed\":{\"_type\":\"timestamp\",\"version\":1}}";

} // namespace

class TestKeys : public QObject
{
    Q_OBJECT

    // Two keys per type, generated once: RSA generation dominates the run time otherwise.
    // 2048-bit RSA keeps the test quick; production default (3072) is checked separately.
    PrivateKey m_keys[3][2];

    const PrivateKey &key(KeyType type, int which = 0) const { return m_keys[int(type)][which]; }

    static void addKeyTypeColumn()
    {
        QTest::addColumn<KeyType>("type");
        QTest::newRow("ed25519") << KeyType::Ed25519;
        QTest::newRow("rsa") << KeyType::Rsa;
        QTest::newRow("ecdsa") << KeyType::Ecdsa;
    }

private slots:
    void initTestCase()
    {
        for (KeyType type : {KeyType::Ed25519, KeyType::Rsa, KeyType::Ecdsa}) {
            for (int i = 0; i < 2; ++i) {
                auto generated = PrivateKey::generate(type, 2048);
                QVERIFY2(generated.has_value(), qPrintable(generated ? QString() : generated.error().toString()));
                m_keys[int(type)][i] = *generated;
            }
        }
    }

    void keyTypeFromTuf_data()
    {
        QTest::addColumn<QString>("keytype");
        QTest::addColumn<QString>("scheme");
        QTest::addColumn<bool>("known");
        QTest::addColumn<KeyType>("type");
        auto row = [](const char *name, const char *keytype, const char *scheme, bool known, KeyType type) {
            QTest::newRow(name) << QString::fromLatin1(keytype) << QString::fromLatin1(scheme) << known << type;
        };
        row("ed25519", "ed25519", "ed25519", true, KeyType::Ed25519);
        row("rsa pss", "rsa", "rsassa-pss-sha256", true, KeyType::Rsa);
        row("ecdsa", "ecdsa", "ecdsa-sha2-nistp256", true, KeyType::Ecdsa);
        row("ecdsa old keytype", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp256", true, KeyType::Ecdsa);
        row("rsa pkcs1v15", "rsa", "rsa-pkcs1v15-sha256", false, KeyType::Rsa);
        row("rsa pss sha384", "rsa", "rsassa-pss-sha384", false, KeyType::Rsa);
        row("rsa with ed25519 scheme", "rsa", "ed25519", false, KeyType::Rsa);
        row("ed25519 with rsa scheme", "ed25519", "rsassa-pss-sha256", false, KeyType::Ed25519);
        row("ecdsa p384", "ecdsa", "ecdsa-sha2-nistp384", false, KeyType::Ecdsa);
        row("ecdsa with ed25519 scheme", "ecdsa", "ed25519", false, KeyType::Ecdsa);
        row("upper case", "ED25519", "ed25519", false, KeyType::Ed25519);
        row("upper case scheme", "ed25519", "Ed25519", false, KeyType::Ed25519);
        row("dsa", "dsa", "dsa-sha256", false, KeyType::Ed25519);
        row("ed448", "ed448", "ed448", false, KeyType::Ed25519);
        row("empty", "", "", false, KeyType::Ed25519);
        row("trailing space", "ed25519 ", "ed25519", false, KeyType::Ed25519);
    }
    void keyTypeFromTuf()
    {
        QFETCH(QString, keytype);
        QFETCH(QString, scheme);
        QFETCH(bool, known);
        QFETCH(KeyType, type);
        const auto parsed = Crypto::keyTypeFromTuf(keytype, scheme);
        QCOMPARE(parsed.has_value(), known);
        if (known)
            QCOMPARE(*parsed, type);
        else
            QCOMPARE(parsed.error().code, ErrorCode::UnknownKeyType);
    }

    void names()
    {
        QCOMPARE(keyTypeName(KeyType::Ed25519), QStringLiteral("ed25519"));
        QCOMPARE(keyTypeName(KeyType::Rsa), QStringLiteral("rsa"));
        QCOMPARE(keyTypeName(KeyType::Ecdsa), QStringLiteral("ecdsa"));
        QCOMPARE(schemeName(KeyType::Ed25519), QStringLiteral("ed25519"));
        QCOMPARE(schemeName(KeyType::Rsa), QStringLiteral("rsassa-pss-sha256"));
        QCOMPARE(schemeName(KeyType::Ecdsa), QStringLiteral("ecdsa-sha2-nistp256"));
    }

    // Every verify() call counts, passing or not (benchmarks divide by it).
    void verifyCountCountsEveryCall()
    {
        auto key = PrivateKey::generate(KeyType::Ed25519);
        QVERIFY(key);
        const QByteArray signature = key->sign("message").value();
        const quint64 before = PublicKey::verifyCount();
        QVERIFY(key->publicKey().verify("message", signature));
        QVERIFY(!key->publicKey().verify("other", signature));
        QVERIFY(!PublicKey().verify("message", signature));  // null key: nothing attempted
        QCOMPARE(PublicKey::verifyCount() - before, quint64(2));
    }

    void signVerify_data() { addKeyTypeColumn(); }
    void signVerify()
    {
        QFETCH(KeyType, type);
        const PrivateKey &priv = key(type);
        QCOMPARE(priv.type(), type);
        QVERIFY(!priv.isNull());
        const PublicKey pub = priv.publicKey();
        QCOMPARE(pub.type(), type);
        QCOMPARE(pub.keyTypeName(), keyTypeName(type));
        QCOMPARE(pub.schemeName(), schemeName(type));

        const auto signature = priv.sign(Message);
        QVERIFY(signature.has_value());
        QVERIFY(pub.verify(Message, *signature));
        if (type == KeyType::Ed25519)
            QCOMPARE(signature->size(), 64);
        if (type == KeyType::Rsa)
            QCOMPARE(signature->size(), 256);

        // Negative: another message, tampered signatures, another key, malformed input.
        QVERIFY(!pub.verify(QByteArray(Message).append(' '), *signature));
        QVERIFY(!pub.verify(QByteArray(), *signature));
        QVERIFY(!pub.verify(Message, flipBit(*signature, 0)));
        QVERIFY(!pub.verify(Message, flipBit(*signature, signature->size() / 2)));
        QVERIFY(!pub.verify(Message, flipBit(*signature, signature->size() - 1)));
        QVERIFY(!pub.verify(Message, signature->left(signature->size() - 1)));
        QVERIFY(!pub.verify(Message, QByteArray(*signature).append('\0')));
        QVERIFY(!pub.verify(Message, QByteArray()));
        QVERIFY(!pub.verify(Message, QByteArray(signature->size(), '\0')));
        QVERIFY(!key(type, 1).publicKey().verify(Message, *signature));
        const auto other = key(type, 1).sign(Message);
        QVERIFY(other.has_value());
        QVERIFY(!pub.verify(Message, *other));
        // A null key verifies nothing.
        QVERIFY(!PublicKey().verify(Message, *signature));

        // The empty message is a message like any other.
        const auto empty = priv.sign(QByteArray());
        QVERIFY(empty.has_value());
        QVERIFY(pub.verify(QByteArray(), *empty));
        QVERIFY(!pub.verify(Message, *empty));
    }

    // Signatures made for one key type never verify under another.
    void crossTypeSignaturesFail()
    {
        for (KeyType signer : {KeyType::Ed25519, KeyType::Rsa, KeyType::Ecdsa}) {
            const auto signature = key(signer).sign(Message);
            QVERIFY(signature.has_value());
            for (KeyType verifier : {KeyType::Ed25519, KeyType::Rsa, KeyType::Ecdsa}) {
                if (verifier != signer)
                    QVERIFY(!key(verifier).publicKey().verify(Message, *signature));
            }
        }
    }

    void pemRoundTrip_data() { addKeyTypeColumn(); }
    void pemRoundTrip()
    {
        QFETCH(KeyType, type);
        const PrivateKey &priv = key(type);
        const QByteArray pem = priv.toPem();
        QVERIFY(pem.startsWith("-----BEGIN PRIVATE KEY-----\n"));
        QVERIFY(pem.trimmed().endsWith("-----END PRIVATE KEY-----"));
        const auto back = PrivateKey::fromPem(pem);
        QVERIFY(back.has_value());
        QCOMPARE(back->type(), type);
        QCOMPARE(back->publicKey(), priv.publicKey());
        QCOMPARE(back->toPem(), pem);
        const auto signature = back->sign(Message);
        QVERIFY(signature.has_value());
        QVERIFY(priv.publicKey().verify(Message, *signature));

        // Public value round trip through the TUF form.
        const PublicKey pub = priv.publicKey();
        if (type == KeyType::Ed25519) {
            QCOMPARE(pub.publicValue().size(), 64);
            QCOMPARE(pub.raw().size(), 32);
            QCOMPARE(pub.publicValue(), QString::fromLatin1(pub.raw().toHex()));
        } else {
            QVERIFY(pub.publicValue().startsWith(QStringLiteral("-----BEGIN PUBLIC KEY-----\n")));
            QVERIFY(pub.publicValue().endsWith(QStringLiteral("-----END PUBLIC KEY-----\n")));
        }
        const auto parsed = PublicKey::fromTuf(keyTypeName(type), schemeName(type), pub.publicValue());
        QVERIFY(parsed.has_value());
        QCOMPARE(*parsed, pub);
        QCOMPARE(parsed->publicValue(), pub.publicValue());
        QCOMPARE(parsed->raw(), pub.raw());
        const auto raw = PublicKey::fromRaw(type, pub.raw());
        QVERIFY(raw.has_value());
        QCOMPARE(*raw, pub);
        QCOMPARE(raw->publicValue(), pub.publicValue());
        QVERIFY(!(pub == key(type, 1).publicKey()));
    }

    void saveLoad_data() { addKeyTypeColumn(); }
    void saveLoad()
    {
        QFETCH(KeyType, type);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("role.key"));
        // A pre-existing, world-readable file is replaced and ends up private too.
        {
            QFile old(path);
            QVERIFY(old.open(QIODevice::WriteOnly));
            old.write("old");
            old.close();
            QVERIFY(old.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner
                                       | QFileDevice::ReadGroup | QFileDevice::ReadOther));
        }
        const auto saved = key(type).save(path);
        QVERIFY2(saved.has_value(), qPrintable(saved ? QString() : saved.error().toString()));
        QCOMPARE(QFileInfo(path).permissions(), QFileDevice::ReadOwner | QFileDevice::WriteOwner
                                                    | QFileDevice::ReadUser | QFileDevice::WriteUser);
        struct stat st{};
        QCOMPARE(::stat(QFile::encodeName(path).constData(), &st), 0);
        QCOMPARE(st.st_mode & 07777, mode_t(0600));
        // Atomic write leaves no temporary files behind.
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{QStringLiteral("role.key")});

        const auto loaded = PrivateKey::load(path);
        QVERIFY(loaded.has_value());
        QCOMPARE(loaded->publicKey(), key(type).publicKey());
        QCOMPARE(loaded->toPem(), key(type).toPem());
    }

    void saveLoadErrors()
    {
        QTemporaryDir dir;
        const auto missing = PrivateKey::load(dir.filePath(QStringLiteral("missing.key")));
        QVERIFY(!missing.has_value());
        QCOMPARE(missing.error().code, ErrorCode::NotFound);

        const auto directory = PrivateKey::load(dir.path());
        QVERIFY(!directory.has_value());
        QCOMPARE(directory.error().code, ErrorCode::IoError);

        const QString garbage = dir.filePath(QStringLiteral("garbage.key"));
        QFile file(garbage);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("-----BEGIN PRIVATE KEY-----\nnot base64\n-----END PRIVATE KEY-----\n");
        file.close();
        const auto bad = PrivateKey::load(garbage);
        QVERIFY(!bad.has_value());
        QCOMPARE(bad.error().code, ErrorCode::InvalidKey);

        const auto noDir = key(KeyType::Ed25519).save(dir.filePath(QStringLiteral("no/such/dir/k.key")));
        QVERIFY(!noDir.has_value());
        QCOMPARE(noDir.error().code, ErrorCode::IoError);

        const auto null = PrivateKey().save(dir.filePath(QStringLiteral("null.key")));
        QVERIFY(!null.has_value());
        QCOMPARE(null.error().code, ErrorCode::InvalidArgument);
    }

    void nullKeys()
    {
        const PrivateKey priv;
        QVERIFY(priv.isNull());
        QVERIFY(priv.publicKey().isNull());
        QVERIFY(priv.toPem().isEmpty());
        const auto signature = priv.sign(Message);
        QVERIFY(!signature.has_value());
        QCOMPARE(signature.error().code, ErrorCode::InvalidArgument);
        const PublicKey pub;
        QVERIFY(pub.isNull());
        QVERIFY(pub.raw().isEmpty());
        QVERIFY(pub == PublicKey());
        QVERIFY(!(pub == key(KeyType::Ed25519).publicKey()));
    }

    void fromTufKeepsSpelling()
    {
        const PublicKey pub = key(KeyType::Ecdsa).publicKey();
        const auto old = PublicKey::fromTuf(QStringLiteral("ecdsa-sha2-nistp256"),
                                             QStringLiteral("ecdsa-sha2-nistp256"), pub.publicValue());
        QVERIFY(old.has_value());
        QCOMPARE(old->keyTypeName(), QStringLiteral("ecdsa-sha2-nistp256"));
        QCOMPARE(old->type(), KeyType::Ecdsa);
        QCOMPARE(*old, pub);
        // Upper-case hex is accepted for Ed25519 and kept as read (key ids hash the text).
        const QString upper = key(KeyType::Ed25519).publicKey().publicValue().toUpper();
        const auto ed = PublicKey::fromTuf(QStringLiteral("ed25519"), QStringLiteral("ed25519"), upper);
        QVERIFY(ed.has_value());
        QCOMPARE(ed->publicValue(), upper);
        QCOMPARE(*ed, key(KeyType::Ed25519).publicKey());
    }

    void fromTufRejects_data()
    {
        QTest::addColumn<QString>("keytype");
        QTest::addColumn<QString>("scheme");
        QTest::addColumn<QString>("value");
        QTest::addColumn<ErrorCode>("code");
        const QString ed = QString(64, u'a');
        const QString rsaPem = key(KeyType::Rsa).publicKey().publicValue();
        const QString ecPem = key(KeyType::Ecdsa).publicKey().publicValue();
        auto row = [](const char *name, const char *keytype, const char *scheme, const QString &value, ErrorCode code) {
            QTest::newRow(name) << QString::fromLatin1(keytype) << QString::fromLatin1(scheme) << value << code;
        };
        auto file = [](const char *name) { return QString::fromLatin1(fixture(name)); };
        const ErrorCode Invalid = ErrorCode::InvalidKey;
        row("ed25519 63 hex", "ed25519", "ed25519", ed.left(63), Invalid);
        row("ed25519 66 hex", "ed25519", "ed25519", ed + QStringLiteral("aa"), Invalid);
        row("ed25519 62 hex", "ed25519", "ed25519", ed.left(62), Invalid);
        row("ed25519 not hex", "ed25519", "ed25519", QString(62, u'a') + QStringLiteral("zz"), Invalid);
        row("ed25519 spaces", "ed25519", "ed25519", QString(62, u'a') + QStringLiteral("  "), Invalid);
        row("ed25519 0x prefix", "ed25519", "ed25519", QStringLiteral("0x") + ed.left(62), Invalid);
        row("ed25519 empty", "ed25519", "ed25519", QString(), Invalid);
        row("ed25519 given PEM", "ed25519", "ed25519", file("ed25519-public.pem"), Invalid);
        row("rsa given hex", "rsa", "rsassa-pss-sha256", ed, Invalid);
        row("rsa given ecdsa PEM", "rsa", "rsassa-pss-sha256", ecPem, Invalid);
        row("rsa given ed25519 PEM", "rsa", "rsassa-pss-sha256", file("ed25519-public.pem"), Invalid);
        row("rsa pkcs1 PEM", "rsa", "rsassa-pss-sha256", file("rsa-pkcs1-public.pem"), Invalid);
        row("rsa truncated PEM", "rsa", "rsassa-pss-sha256", file("rsa-truncated-public.pem"), Invalid);
        row("rsa trailing garbage", "rsa", "rsassa-pss-sha256", file("rsa-trailing-garbage-public.pem"), Invalid);
        row("rsa two keys", "rsa", "rsassa-pss-sha256", file("rsa-two-keys-public.pem"), Invalid);
        row("rsa corrupt DER", "rsa", "rsassa-pss-sha256", file("rsa-corrupt-der-public.pem"), Invalid);
        row("rsa private PEM", "rsa", "rsassa-pss-sha256", QString::fromLatin1(key(KeyType::Rsa).toPem()), Invalid);
        row("rsa empty", "rsa", "rsassa-pss-sha256", QString(), Invalid);
        row("ecdsa given rsa PEM", "ecdsa", "ecdsa-sha2-nistp256", rsaPem, Invalid);
        row("ecdsa P-384", "ecdsa", "ecdsa-sha2-nistp256", file("ecdsa-p384-public.pem"), Invalid);
        row("ecdsa secp256k1", "ecdsa", "ecdsa-sha2-nistp256", file("ecdsa-secp256k1-public.pem"), Invalid);
        row("ecdsa explicit params", "ecdsa", "ecdsa-sha2-nistp256", file("ecdsa-p256-explicit-params-public.pem"), Invalid);
        row("ecdsa given hex", "ecdsa", "ecdsa-sha2-nistp256", ed, Invalid);
        row("unknown keytype", "dsa", "dsa-sha256", rsaPem, ErrorCode::UnknownKeyType);
        row("rsa pkcs1v15 scheme", "rsa", "rsa-pkcs1v15-sha256", rsaPem, ErrorCode::UnknownKeyType);
        row("ecdsa p384 scheme", "ecdsa", "ecdsa-sha2-nistp384", ecPem, ErrorCode::UnknownKeyType);
        row("ed25519 with rsa scheme", "ed25519", "rsassa-pss-sha256", ed, ErrorCode::UnknownKeyType);
    }
    void fromTufRejects()
    {
        QFETCH(QString, keytype);
        QFETCH(QString, scheme);
        QFETCH(QString, value);
        QFETCH(ErrorCode, code);
        const auto parsed = PublicKey::fromTuf(keytype, scheme, value);
        QVERIFY(!parsed.has_value());
        QCOMPARE(parsed.error().code, code);
    }

    void fromRawRejects_data()
    {
        QTest::addColumn<KeyType>("type");
        QTest::addColumn<QByteArray>("raw");
        const QByteArray rsaDer = key(KeyType::Rsa).publicKey().raw();
        const QByteArray ecDer = key(KeyType::Ecdsa).publicKey().raw();
        QTest::newRow("ed25519 31 bytes") << KeyType::Ed25519 << QByteArray(31, 'k');
        QTest::newRow("ed25519 33 bytes") << KeyType::Ed25519 << QByteArray(33, 'k');
        QTest::newRow("ed25519 empty") << KeyType::Ed25519 << QByteArray();
        QTest::newRow("rsa garbage") << KeyType::Rsa << QByteArray("not der at all");
        QTest::newRow("rsa empty") << KeyType::Rsa << QByteArray();
        QTest::newRow("rsa trailing byte") << KeyType::Rsa << QByteArray(rsaDer).append('\0');
        QTest::newRow("rsa truncated") << KeyType::Rsa << rsaDer.left(rsaDer.size() - 1);
        QTest::newRow("rsa given ec DER") << KeyType::Rsa << ecDer;
        QTest::newRow("ecdsa given rsa DER") << KeyType::Ecdsa << rsaDer;
        QTest::newRow("ecdsa trailing byte") << KeyType::Ecdsa << QByteArray(ecDer).append('\0');
        QTest::newRow("ecdsa 32 raw bytes") << KeyType::Ecdsa << QByteArray(32, 'k');
    }
    void fromRawRejects()
    {
        QFETCH(KeyType, type);
        QFETCH(QByteArray, raw);
        const auto parsed = PublicKey::fromRaw(type, raw);
        QVERIFY(!parsed.has_value());
        QCOMPARE(parsed.error().code, ErrorCode::InvalidKey);
    }

    void fromPemRejects_data()
    {
        QTest::addColumn<QByteArray>("pem");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("garbage") << QByteArray("hello");
        QTest::newRow("bad base64") << QByteArray("-----BEGIN PRIVATE KEY-----\n!!!!\n-----END PRIVATE KEY-----\n");
        QTest::newRow("public key") << key(KeyType::Rsa).publicKey().publicValue().toLatin1();
        QTest::newRow("truncated") << key(KeyType::Ecdsa).toPem().left(100);
        QTest::newRow("ed448") << fixture("ed448-private.pem");
        QTest::newRow("ecdsa P-384") << fixture("ecdsa-p384-private.pem");
        QTest::newRow("encrypted") << fixture("ecdsa-encrypted-private.pem");
    }
    void fromPemRejects()
    {
        QFETCH(QByteArray, pem);
        const auto parsed = PrivateKey::fromPem(pem);
        QVERIFY(!parsed.has_value());
        QCOMPARE(parsed.error().code, ErrorCode::InvalidKey);
    }

    void generateArguments()
    {
        const auto small = PrivateKey::generate(KeyType::Rsa, 1024);
        QVERIFY(!small.has_value());
        QCOMPARE(small.error().code, ErrorCode::InvalidArgument);
        const auto seed = PrivateKey::ed25519FromSeed(QByteArray(31, '\x01'));
        QVERIFY(!seed.has_value());
        QCOMPARE(seed.error().code, ErrorCode::InvalidKey);
        // Two generated keys differ (the random source is used).
        QVERIFY(!(key(KeyType::Ed25519, 0).publicKey() == key(KeyType::Ed25519, 1).publicKey()));
    }

    void rsaDefaultIs3072Bits()
    {
        const auto rsa = PrivateKey::generate(KeyType::Rsa);
        QVERIFY(rsa.has_value());
        const auto signature = rsa->sign(Message);
        QVERIFY(signature.has_value());
        QCOMPARE(signature->size(), 3072 / 8);
        QVERIFY(rsa->publicKey().verify(Message, *signature));
    }

    // RFC 8032 §7.1 through the public API (vectors in tests/data/crypto/rfc8032-7.1.txt).
    void rfc8032_data()
    {
        QTest::addColumn<QByteArray>("seed");
        QTest::addColumn<QByteArray>("publicKey");
        QTest::addColumn<QByteArray>("message");
        QTest::addColumn<QByteArray>("signature");
        const QList<QByteArray> lines = fixture("rfc8032-7.1.txt").split('\n');
        int rows = 0;
        for (const QByteArray &line : lines) {
            if (line.isEmpty() || line.startsWith('#'))
                continue;
            const QList<QByteArray> f = line.split(' ');
            QCOMPARE(f.size(), 5);
            QTest::newRow(f[0].constData()) << QByteArray::fromHex(f[1]) << QByteArray::fromHex(f[2])
                                            << (f[3] == "-" ? QByteArray() : QByteArray::fromHex(f[3]))
                                            << QByteArray::fromHex(f[4]);
            ++rows;
        }
        QCOMPARE(rows, 4);
    }
    void rfc8032()
    {
        QFETCH(QByteArray, seed);
        QFETCH(QByteArray, publicKey);
        QFETCH(QByteArray, message);
        QFETCH(QByteArray, signature);
        const auto priv = PrivateKey::ed25519FromSeed(seed);
        QVERIFY(priv.has_value());
        QCOMPARE(priv->publicKey().raw(), publicKey);
        const auto signed_ = priv->sign(message);
        QVERIFY(signed_.has_value());
        QCOMPARE(*signed_, signature);
        const auto pub = PublicKey::fromTuf(QStringLiteral("ed25519"), QStringLiteral("ed25519"),
                                            QString::fromLatin1(publicKey.toHex()));
        QVERIFY(pub.has_value());
        QVERIFY(pub->verify(message, signature));
        for (qsizetype bit = 0; bit < signature.size() * 8; bit += 37) {
            QByteArray bad = signature;
            bad[bit / 8] = char(bad[bit / 8] ^ (1 << (bit % 8)));
            QVERIFY(!pub->verify(message, bad));
        }
        QVERIFY(!pub->verify(QByteArray(message).append('\0'), signature));
    }

    // Keys are shared between threads as values; verify and sign must be safe concurrently.
    void concurrentUse_data() { addKeyTypeColumn(); }
    void concurrentUse()
    {
        QFETCH(KeyType, type);
        const PrivateKey priv = key(type);
        const PublicKey pub = priv.publicKey();
        const auto signature = priv.sign(Message);
        QVERIFY(signature.has_value());
        std::atomic<int> failures = 0;
        std::vector<std::thread> threads;
        for (int t = 0; t < 4; ++t) {
            threads.emplace_back([&, t] {
                for (int i = 0; i < 20; ++i) {
                    const QByteArray own = Message + QByteArray::number(t * 100 + i);
                    const auto s = priv.sign(own);
                    if (!s || !pub.verify(own, *s) || !pub.verify(Message, *signature)
                        || pub.verify(own, *signature))
                        ++failures;
                }
            });
        }
        for (auto &thread : threads)
            thread.join();
        QCOMPARE(failures.load(), 0);
    }
};

QTEST_GUILESS_MAIN(TestKeys)
#include "tst_keys.moc"
