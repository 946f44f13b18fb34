#include "crypto/hash.h"

#include <QBuffer>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace Uptane;
using namespace Uptane::Crypto;

namespace {

// Deterministic pseudo-random content, so a failure reproduces.
QByteArray content(qsizetype size, quint32 seed = 42)
{
    QByteArray data(size, Qt::Uninitialized);
    QRandomGenerator gen(seed);
    for (qsizetype i = 0; i < size; ++i)
        data[i] = char(gen.bounded(256));
    return data;
}

QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &data)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size())
        return {};
    return path;
}

constexpr qsizetype Chunk = 64 * 1024;

} // namespace

class TestHash : public QObject
{
    Q_OBJECT
private slots:
    // FIPS 180-4 examples (NIST CSRC "Examples with intermediate values" for SHA-256 and
    // SHA-512): "abc" (one block), the empty message, the 448-bit message (two SHA-256
    // blocks) and the 896-bit message (two SHA-512 blocks).
    void fipsVectors_data()
    {
        QTest::addColumn<HashAlgorithm>("algorithm");
        QTest::addColumn<QByteArray>("message");
        QTest::addColumn<QByteArray>("digestHex");
        const QByteArray m448 = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
        const QByteArray m896 = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn"
                                "hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";
        QTest::newRow("sha256 abc") << HashAlgorithm::Sha256 << QByteArray("abc")
            << QByteArray("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        QTest::newRow("sha256 empty") << HashAlgorithm::Sha256 << QByteArray()
            << QByteArray("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        QTest::newRow("sha256 448-bit") << HashAlgorithm::Sha256 << m448
            << QByteArray("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
        QTest::newRow("sha256 896-bit") << HashAlgorithm::Sha256 << m896
            << QByteArray("cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
        QTest::newRow("sha512 abc") << HashAlgorithm::Sha512 << QByteArray("abc")
            << QByteArray("ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
                          "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f");
        QTest::newRow("sha512 empty") << HashAlgorithm::Sha512 << QByteArray()
            << QByteArray("cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce"
                          "47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e");
        QTest::newRow("sha512 448-bit") << HashAlgorithm::Sha512 << m448
            << QByteArray("204a8fc6dda82f0a0ced7beb8e08a41657c16ef468b228a8279be331a703c335"
                          "96fd15c13b1b07f9aa1d3bea57789ca031ad85c7a71dd70354ec631238ca3445");
        QTest::newRow("sha512 896-bit") << HashAlgorithm::Sha512 << m896
            << QByteArray("8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018"
                          "501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909");
    }
    void fipsVectors()
    {
        QFETCH(HashAlgorithm, algorithm);
        QFETCH(QByteArray, message);
        QFETCH(QByteArray, digestHex);
        const QByteArray expected = QByteArray::fromHex(digestHex);
        QCOMPARE(hash(algorithm, message), expected);
        QCOMPARE(algorithm == HashAlgorithm::Sha256 ? sha256(message) : sha512(message), expected);
        QCOMPARE(hash(algorithm, message).size(), hashSize(algorithm));
        // Byte at a time through the incremental API.
        Hasher hasher(algorithm);
        for (char c : message)
            hasher.addData(QByteArrayView(&c, 1));
        QCOMPARE(hasher.result(), expected);
        // A changed message gives another digest (the negative of the vector).
        QVERIFY(hash(algorithm, QByteArray(message).append('x')) != expected);
    }

    void names_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("known");
        QTest::addColumn<HashAlgorithm>("algorithm");
        QTest::newRow("sha256") << QStringLiteral("sha256") << true << HashAlgorithm::Sha256;
        QTest::newRow("sha512") << QStringLiteral("sha512") << true << HashAlgorithm::Sha512;
        QTest::newRow("md5") << QStringLiteral("md5") << false << HashAlgorithm::Sha256;
        QTest::newRow("sha1") << QStringLiteral("sha1") << false << HashAlgorithm::Sha256;
        QTest::newRow("upper case") << QStringLiteral("SHA256") << false << HashAlgorithm::Sha256;
        QTest::newRow("dash") << QStringLiteral("sha-256") << false << HashAlgorithm::Sha256;
        QTest::newRow("empty") << QString() << false << HashAlgorithm::Sha256;
    }
    void names()
    {
        QFETCH(QString, name);
        QFETCH(bool, known);
        QFETCH(HashAlgorithm, algorithm);
        const auto parsed = hashAlgorithmFromName(name);
        QCOMPARE(parsed.has_value(), known);
        if (known) {
            QCOMPARE(*parsed, algorithm);
            QCOMPARE(hashAlgorithmName(*parsed), name);
        } else {
            QCOMPARE(parsed.error().code, ErrorCode::Unsupported);
        }
    }

    // Sizes around the 64 KiB streaming chunk, where off-by-one errors live.
    void streamingEqualsOneShot_data()
    {
        QTest::addColumn<HashAlgorithm>("algorithm");
        QTest::addColumn<qsizetype>("size");
        for (HashAlgorithm a : {HashAlgorithm::Sha256, HashAlgorithm::Sha512}) {
            for (qsizetype size : {qsizetype(0), qsizetype(1), qsizetype(127), qsizetype(128),
                                   Chunk - 1, Chunk, Chunk + 1, 2 * Chunk - 1, 2 * Chunk,
                                   2 * Chunk + 1, 5 * Chunk + 12345}) {
                QTest::addRow("%s %lld", qPrintable(hashAlgorithmName(a)), qlonglong(size)) << a << size;
            }
        }
    }
    void streamingEqualsOneShot()
    {
        QFETCH(HashAlgorithm, algorithm);
        QFETCH(qsizetype, size);
        const QByteArray data = content(size);
        const QByteArray expected = hash(algorithm, data);

        QBuffer buffer;
        buffer.setData(data);
        QVERIFY(buffer.open(QIODevice::ReadOnly));
        const auto fromDevice = hashDevice(algorithm, buffer);
        QVERIFY(fromDevice.has_value());
        QCOMPARE(*fromDevice, expected);

        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = writeFile(dir, QStringLiteral("blob"), data);
        QVERIFY(!path.isEmpty());
        const auto fromFile = hashFile(algorithm, path);
        QVERIFY(fromFile.has_value());
        QCOMPARE(*fromFile, expected);

        // Uneven chunks through the Hasher.
        Hasher hasher(algorithm);
        qsizetype offset = 0;
        for (qsizetype step = 1; offset < size; step = step * 3 + 1) {
            const qsizetype n = std::min(step, size - offset);
            hasher.addData(QByteArrayView(data).sliced(offset, n));
            offset += n;
        }
        QCOMPARE(hasher.result(), expected);
    }

    void fileLargerThanChunk()
    {
        const QByteArray data = content(3 * 1024 * 1024 + 7, 7);
        QTemporaryDir dir;
        const QString path = writeFile(dir, QStringLiteral("image.bin"), data);
        QVERIFY(!path.isEmpty());
        const auto digest = hashFile(HashAlgorithm::Sha256, path);
        QVERIFY(digest.has_value());
        QCOMPARE(*digest, sha256(data));
        // One flipped byte in the middle changes the file digest.
        QByteArray changed = data;
        changed[data.size() / 2] = char(changed[data.size() / 2] ^ 0x80);
        const QString other = writeFile(dir, QStringLiteral("tampered.bin"), changed);
        const auto otherDigest = hashFile(HashAlgorithm::Sha256, other);
        QVERIFY(otherDigest.has_value());
        QVERIFY(*otherDigest != *digest);
    }

    void fileErrors()
    {
        QTemporaryDir dir;
        const auto missing = hashFile(HashAlgorithm::Sha256, dir.filePath(QStringLiteral("nope")));
        QVERIFY(!missing.has_value());
        QCOMPARE(missing.error().code, ErrorCode::NotFound);

        const auto directory = hashFile(HashAlgorithm::Sha512, dir.path());
        QVERIFY(!directory.has_value());
        QCOMPARE(directory.error().code, ErrorCode::IoError);
    }

    void deviceErrors()
    {
        QBuffer closed;
        const auto notOpen = hashDevice(HashAlgorithm::Sha256, closed);
        QVERIFY(!notOpen.has_value());
        QCOMPARE(notOpen.error().code, ErrorCode::IoError);

        QBuffer writeOnly;
        QVERIFY(writeOnly.open(QIODevice::WriteOnly));
        const auto notReadable = hashDevice(HashAlgorithm::Sha256, writeOnly);
        QVERIFY(!notReadable.has_value());
        QCOMPARE(notReadable.error().code, ErrorCode::IoError);
    }

    void hasherLifecycle()
    {
        Hasher first(HashAlgorithm::Sha512);
        first.addData("ab");
        Hasher moved(std::move(first));
        QCOMPARE(moved.algorithm(), HashAlgorithm::Sha512);
        moved.addData("c");
        QCOMPARE(moved.result(), sha512("abc"));
        // Finished: further input and a second result() yield nothing, never a wrong digest.
        moved.addData("d");
        QVERIFY(moved.result().isEmpty());

        Hasher assigned(HashAlgorithm::Sha256);
        assigned = Hasher(HashAlgorithm::Sha256);
        assigned.addData("abc");
        QCOMPARE(assigned.result(), sha256("abc"));
    }

    void constantTimeEquals_data()
    {
        QTest::addColumn<QByteArray>("a");
        QTest::addColumn<QByteArray>("b");
        QTest::addColumn<bool>("equal");
        const QByteArray d = sha256("x");
        QByteArray lastBit = d;
        lastBit[31] = char(lastBit[31] ^ 1);
        QByteArray firstBit = d;
        firstBit[0] = char(firstBit[0] ^ 0x80);
        QTest::newRow("same") << d << d << true;
        QTest::newRow("both empty") << QByteArray() << QByteArray() << true;
        QTest::newRow("last bit") << d << lastBit << false;
        QTest::newRow("first bit") << d << firstBit << false;
        QTest::newRow("prefix") << d << d.left(31) << false;
        QTest::newRow("empty vs digest") << QByteArray() << d << false;
    }
    void constantTimeEquals()
    {
        QFETCH(QByteArray, a);
        QFETCH(QByteArray, b);
        QFETCH(bool, equal);
        QCOMPARE(Crypto::constantTimeEquals(a, b), equal);
        QCOMPARE(Crypto::constantTimeEquals(b, a), equal);
    }
};

QTEST_GUILESS_MAIN(TestHash)
#include "tst_hash.moc"
