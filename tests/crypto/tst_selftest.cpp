#include "crypto/selftest.h"
#include "crypto/selftest_p.h"

#include <QElapsedTimer>
#include <QTest>

#include <thread>
#include <vector>

using namespace Uptane;
using namespace Uptane::Crypto;
using namespace Uptane::Crypto::Detail;

namespace {

// Replaces the character at index with another hex digit.
QByteArray corrupted(const char *hex, qsizetype index)
{
    QByteArray text(hex);
    text[index] = text[index] == '0' ? '1' : '0';
    return text;
}

void expectFailureNaming(const Result<void> &result, const char *name)
{
    QVERIFY(!result.has_value());
    QCOMPARE(result.error().code, ErrorCode::SelfTestFailed);
    // The contract: the detail names the vector that failed.
    QVERIFY2(result.error().detail.startsWith(QLatin1StringView(name)), qPrintable(result.error().detail));
}

} // namespace

class TestSelfTest : public QObject
{
    Q_OBJECT
private slots:
    // The application runs it at every start: it must stay cheap (no RSA key generation).
    // Measured cold (first call: provider loading included), as at start-up. The budget is
    // 50 ms; the assertion leaves room for a loaded CI machine.
    void isFast()
    {
        QElapsedTimer timer;
        timer.start();
        const auto result = runSelfTest();
        const qint64 ms = timer.elapsed();
        QVERIFY(result.has_value());
        qInfo("self-test took %lld ms", ms);
        QVERIFY2(ms < 250, qPrintable(QStringLiteral("self-test took %1 ms").arg(ms)));
    }

    void passesOnThisMachine()
    {
        const auto result = runSelfTest();
        QVERIFY2(result.has_value(), qPrintable(result ? QString() : result.error().toString()));
    }

    // Start-up may race with worker threads that already verify: repeated and concurrent
    // runs (sodium_init, digest fetch) must stay correct.
    void repeatableAndThreadSafe()
    {
        std::atomic<int> failures = 0;
        std::vector<std::thread> threads;
        for (int t = 0; t < 4; ++t)
            threads.emplace_back([&] {
                if (!runSelfTest())
                    ++failures;
            });
        for (auto &thread : threads)
            thread.join();
        QCOMPARE(failures.load(), 0);
    }

    // The building blocks pass on the built-in tables...
    void builtinTablesPass()
    {
        QCOMPARE(builtinEd25519Vectors().size(), size_t(4));
        QCOMPARE(builtinHashVectors().size(), size_t(7));
        QCOMPARE(builtinSignatureVectors().size(), size_t(2));
        QVERIFY(checkHashVectors(builtinHashVectors()).has_value());
        QVERIFY(checkEd25519Vectors(builtinEd25519Vectors()).has_value());
        QVERIFY(checkSignatureVectors(builtinSignatureVectors()).has_value());
    }

    // ...and fail, naming the vector, when any field of any vector is off by one digit.
    void wrongHashVectorFails_data()
    {
        QTest::addColumn<int>("index");
        for (int i = 0; i < int(builtinHashVectors().size()); ++i)
            QTest::newRow(builtinHashVectors()[i].name) << i;
    }
    void wrongHashVectorFails()
    {
        QFETCH(int, index);
        std::vector<HashVector> vectors(builtinHashVectors().begin(), builtinHashVectors().end());
        const QByteArray digest = corrupted(vectors[index].digest, 5);
        vectors[index].digest = digest.constData();
        expectFailureNaming(checkHashVectors(vectors), vectors[index].name);
    }

    void wrongEd25519VectorFails_data()
    {
        QTest::addColumn<int>("index");
        QTest::addColumn<int>("field");  // 0 seed, 1 public key, 2 message, 3 signature
        for (int i = 0; i < int(builtinEd25519Vectors().size()); ++i) {
            for (int field = 0; field < 4; ++field) {
                if (field == 2 && !*builtinEd25519Vectors()[i].message)
                    continue;  // TEST 1 has the empty message
                QTest::addRow("%s field %d", builtinEd25519Vectors()[i].name, field) << i << field;
            }
        }
    }
    void wrongEd25519VectorFails()
    {
        QFETCH(int, index);
        QFETCH(int, field);
        std::vector<Ed25519Vector> vectors(builtinEd25519Vectors().begin(), builtinEd25519Vectors().end());
        Ed25519Vector &v = vectors[index];
        const char **target = field == 0 ? &v.seed : field == 1 ? &v.publicKey : field == 2 ? &v.message : &v.signature;
        const QByteArray changed = corrupted(*target, 1);
        *target = changed.constData();
        expectFailureNaming(checkEd25519Vectors(vectors), v.name);
    }

    void wrongSignatureVectorFails_data()
    {
        QTest::addColumn<int>("index");
        QTest::addColumn<int>("field");  // 0 key, 1 message, 2 known signature
        for (int i = 0; i < int(builtinSignatureVectors().size()); ++i) {
            for (int field = 0; field < 3; ++field)
                QTest::addRow("%s field %d", builtinSignatureVectors()[i].name, field) << i << field;
        }
    }
    void wrongSignatureVectorFails()
    {
        QFETCH(int, index);
        QFETCH(int, field);
        std::vector<SignatureVector> vectors(builtinSignatureVectors().begin(), builtinSignatureVectors().end());
        SignatureVector &v = vectors[index];
        QByteArray changed;
        if (field == 0) {
            changed = QByteArray(v.privateKeyPem).replace("PRIVATE KEY", "PUBLIC KEY");
            v.privateKeyPem = changed.constData();
        } else if (field == 1) {
            changed = QByteArray(v.message).append('.');
            v.message = changed.constData();
        } else {
            changed = corrupted(v.signature, 20);
            v.signature = changed.constData();
        }
        expectFailureNaming(checkSignatureVectors(vectors), v.name);
    }
};

QTEST_GUILESS_MAIN(TestSelfTest)
#include "tst_selftest.moc"
