// Cross-checks our keys and signatures against an independent implementation: Python
// "cryptography" (what securesystemslib and python-tuf use), driven through
// tests/data/crypto/oracle.py. Skips only when Debian's /usr/bin/python3 or the module is
// missing.

#include "crypto/keys.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

using namespace Uptane;
using namespace Uptane::Crypto;

namespace {

const QString Python = QStringLiteral("/usr/bin/python3");
const QByteArray Message = "{\"signed\":{\"_type\":\"targets\",\"version\":7}}";

struct Run
{
    bool ok = false;
    QByteArray out;
    QByteArray err;
};

Run python(const QStringList &args, const QByteArray &input = {})
{
    QProcess process;
    process.start(Python, args);
    Run run;
    if (!process.waitForStarted(10'000))
        return run;
    process.write(input);
    process.closeWriteChannel();
    process.waitForFinished(120'000);
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    run.ok = process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
    return run;
}

QString oracle()
{
    return QStringLiteral(UPTANE_TEST_DATA "/crypto/oracle.py");
}

KeyType typeOf(const QString &name)
{
    return name == QLatin1StringView("rsa") ? KeyType::Rsa
        : name == QLatin1StringView("ecdsa") ? KeyType::Ecdsa
                                              : KeyType::Ed25519;
}

} // namespace

class TestKeyOracle : public QObject
{
    Q_OBJECT

    QJsonObject m_made;  // keys and signatures made by the oracle

private slots:
    void initTestCase()
    {
        if (!QFileInfo::exists(Python))
            QSKIP("no /usr/bin/python3");
        if (!python({QStringLiteral("-c"), QStringLiteral("import cryptography")}).ok)
            QSKIP("/usr/bin/python3 lacks the cryptography module");
        const Run made = python({oracle(), QStringLiteral("make"), QString::fromLatin1(Message.toHex())});
        QVERIFY2(made.ok, made.err.constData());
        m_made = QJsonDocument::fromJson(made.out).object();
        QCOMPARE(m_made.size(), 3);
    }

    void types_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::newRow("ed25519") << QStringLiteral("ed25519");
        QTest::newRow("rsa") << QStringLiteral("rsa");
        QTest::newRow("ecdsa") << QStringLiteral("ecdsa");
    }

    // (b) Signatures made by "cryptography" verify with our code; the deliberately wrong ones
    // (PKCS#1 v1.5 under rsassa-pss, raw r||s ECDSA, other digests, other message) do not.
    void theirSignaturesVerifyWithUs_data() { types_data(); }
    void theirSignaturesVerifyWithUs()
    {
        QFETCH(QString, kind);
        const QJsonObject made = m_made.value(kind).toObject();
        const KeyType type = typeOf(kind);
        const auto pub = PublicKey::fromTuf(keyTypeName(type), schemeName(type),
                                            made.value(QStringLiteral("public")).toString());
        QVERIFY2(pub.has_value(), qPrintable(pub ? QString() : pub.error().toString()));
        // Our own PEM/hex rendering matches theirs byte for byte (key ids hash this text).
        QCOMPARE(pub->publicValue(), made.value(QStringLiteral("public")).toString());

        const QJsonObject good = made.value(QStringLiteral("good")).toObject();
        QVERIFY(!good.isEmpty());
        for (auto it = good.begin(); it != good.end(); ++it) {
            const QByteArray signature = QByteArray::fromHex(it.value().toString().toLatin1());
            QVERIFY2(pub->verify(Message, signature), qPrintable(it.key()));
        }
        const QJsonObject bad = made.value(QStringLiteral("bad")).toObject();
        QVERIFY(!bad.isEmpty());
        for (auto it = bad.begin(); it != bad.end(); ++it) {
            const QByteArray signature = QByteArray::fromHex(it.value().toString().toLatin1());
            QVERIFY2(!pub->verify(Message, signature), qPrintable(it.key()));
        }
    }

    // Their private keys (PKCS#8, and the traditional form securesystemslib wrote) load, and
    // yield the same public key.
    void theirPrivateKeysLoad_data() { types_data(); }
    void theirPrivateKeysLoad()
    {
        QFETCH(QString, kind);
        const QJsonObject made = m_made.value(kind).toObject();
        const KeyType type = typeOf(kind);
        const auto pub = PublicKey::fromTuf(keyTypeName(type), schemeName(type),
                                            made.value(QStringLiteral("public")).toString());
        QVERIFY(pub.has_value());
        for (const QJsonValue pem : made.value(QStringLiteral("private")).toArray()) {
            const auto priv = PrivateKey::fromPem(pem.toString().toLatin1());
            QVERIFY2(priv.has_value(), qPrintable(priv ? QString() : priv.error().toString()));
            QCOMPARE(priv->type(), type);
            QCOMPARE(priv->publicKey(), *pub);
            const auto signature = priv->sign(Message);
            QVERIFY(signature.has_value());
            QVERIFY(pub->verify(Message, *signature));
        }
    }

    // (a) Signatures and private keys we made are accepted by "cryptography" (RSA-PSS checked
    // with salt length exactly 32); the same signature over another message is refused there.
    void ourSignaturesVerifyWithThem()
    {
        QJsonObject keys;
        for (KeyType type : {KeyType::Ed25519, KeyType::Rsa, KeyType::Ecdsa}) {
            const auto priv = PrivateKey::generate(type, 2048);
            QVERIFY(priv.has_value());
            const auto signature = priv->sign(Message);
            QVERIFY(signature.has_value());
            keys.insert(keyTypeName(type), QJsonObject{
                {QStringLiteral("public"), priv->publicKey().publicValue()},
                {QStringLiteral("private"), QString::fromLatin1(priv->toPem())},
                {QStringLiteral("signature"), QString::fromLatin1(signature->toHex())},
            });
        }
        const QJsonObject request{{QStringLiteral("message"), QString::fromLatin1(Message.toHex())},
                                  {QStringLiteral("keys"), keys}};
        const Run checked = python({oracle(), QStringLiteral("check")},
                                   QJsonDocument(request).toJson(QJsonDocument::Compact));
        QVERIFY2(checked.ok, checked.err.constData());
        const QJsonObject result = QJsonDocument::fromJson(checked.out).object();
        QCOMPARE(result.size(), 3);
        for (auto kind = result.begin(); kind != result.end(); ++kind) {
            const QJsonObject checks = kind.value().toObject();
            QCOMPARE(checks.size(), 3);
            for (auto check = checks.begin(); check != checks.end(); ++check)
                QVERIFY2(check.value().toBool(), qPrintable(kind.key() + u": " + check.key()));
        }
    }
};

QTEST_GUILESS_MAIN(TestKeyOracle)
#include "tst_keyoracle.moc"
