// Tests of the libtasn1 wrapper (core/encoding/der.h) against the types of uptane.asn.
// Expected encodings are worked out by hand from ITU-T X.690 (§8.1 identifier and length
// octets, §8.2 BOOLEAN, §8.3 INTEGER, §10.1 definite minimal lengths, §11.1 BOOLEAN in DER).

#include "encoding/der.h"

#include <QTest>

#include <limits>

using namespace Uptane;
using namespace Qt::StringLiterals;

// QVERIFY2 evaluates its message even on success: only touch error() when there is one.
template <typename T>
static QByteArray errorText(const Result<T> &result)
{
    return result ? QByteArray() : result.error().toString().toUtf8();
}
#define VERIFY_OK(result) QVERIFY2(bool(result), errorText(result).constData())

class TestDer : public QObject
{
    Q_OBJECT

private slots:
    void knownEncoding();
    void integerRoundTrip_data();
    void integerRoundTrip();
    void stringRoundTrip_data();
    void stringRoundTrip();
    void structureRoundTrip();
    void decodedBytesIsTheInputSlice();
    void rejects_data();
    void rejects();
    void readerRules_data();
    void readerRules();
    void limits_data();
    void limits();
    void readHeader_data();
    void readHeader();
    void writerErrors();
};

// Hash ::= SEQUENCE { function UTF8String, digest OCTET STRING }
// 30 0c | 0c 06 "sha256" | 04 02 01 02
static const QByteArray kHash = QByteArray::fromHex("300c0c06736861323536040201 02"_ba.replace(' ', ""));

void TestDer::knownEncoding()
{
    auto element = Der::Element::create("Hash");
    QVERIFY(element);
    QVERIFY(element->writeString("function", u"sha256"_s));
    QVERIFY(element->writeOctets("digest", QByteArray::fromHex("0102")));
    auto bytes = element->encode();
    VERIFY_OK(bytes);
    QCOMPARE(bytes->toHex(), kHash.toHex());
}

void TestDer::integerRoundTrip_data()
{
    QTest::addColumn<qint64>("value");
    QTest::addColumn<QByteArray>("content");  // expected minimal two's complement (§8.3.2)
    QTest::newRow("0") << qint64(0) << "00"_ba;
    QTest::newRow("127") << qint64(127) << "7f"_ba;
    QTest::newRow("128") << qint64(128) << "0080"_ba;
    QTest::newRow("256") << qint64(256) << "0100"_ba;
    QTest::newRow("-1") << qint64(-1) << "ff"_ba;
    QTest::newRow("-128") << qint64(-128) << "80"_ba;
    QTest::newRow("-129") << qint64(-129) << "ff7f"_ba;
    QTest::newRow("max") << std::numeric_limits<qint64>::max() << "7fffffffffffffff"_ba;
    QTest::newRow("min") << std::numeric_limits<qint64>::min() << "8000000000000000"_ba;
}

void TestDer::integerRoundTrip()
{
    QFETCH(qint64, value);
    QFETCH(QByteArray, content);
    // TimeAttestation ::= SEQUENCE { time INTEGER, nonces SEQUENCE OF INTEGER }
    auto element = Der::Element::create("TimeAttestation");
    QVERIFY(element);
    QVERIFY(element->writeInteger("time", 1));
    auto nonce = element->append("nonces");
    QVERIFY(nonce);
    QCOMPARE(*nonce, "nonces.?1"_ba);
    QVERIFY(element->writeInteger(*nonce, value));
    auto bytes = element->encode();
    QVERIFY(bytes);
    const QByteArray raw = QByteArray::fromHex(content);
    const QByteArray expected = QByteArray::fromHex("3000020101") + char(0x30)
                                + char(raw.size() + 2) + char(0x02) + char(raw.size()) + raw;
    QByteArray fixed = expected;
    fixed[1] = char(fixed.size() - 2);
    QCOMPARE(bytes->toHex(), fixed.toHex());

    auto decoded = Der::Element::decode("TimeAttestation", *bytes);
    VERIFY_OK(decoded);
    QCOMPARE(decoded->count("nonces").value_or(-1), 1);
    QCOMPARE(decoded->readInteger("nonces.?1").value_or(0), value);
}

void TestDer::stringRoundTrip_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("ascii") << u"ECU-1234"_s;
    QTest::newRow("empty") << QString();
    QTest::newRow("non-ascii") << u"fl\u00fcgel/\u6f22\u5b57/\U0001F697.img"_s;
    QTest::newRow("leading BOM kept") << u"\uFEFFbom"_s;
    QTest::newRow("NUL inside") << QString::fromUtf16(u"a\0b", 3);
}

void TestDer::stringRoundTrip()
{
    QFETCH(QString, text);
    auto element = Der::Element::create("Signature");
    QVERIFY(element);
    QVERIFY(element->writeString("keyid", text));
    QVERIFY(element->writeOctets("value", QByteArray()));
    auto bytes = element->encode();
    VERIFY_OK(bytes);
    auto decoded = Der::Element::decode("Signature", *bytes);
    VERIFY_OK(decoded);
    QCOMPARE(decoded->readString("keyid").value_or(u"<error>"_s), text);
    QCOMPARE(decoded->readOctets("value").value_or("<error>"_ba), QByteArray());
}

void TestDer::structureRoundTrip()
{
    // DelegatedRole: BOOLEAN, OPTIONAL tagged lists, plain lists.
    auto element = Der::Element::create("DelegatedRole");
    QVERIFY(element);
    QVERIFY(element->writeString("name", u"supplier"_s));
    for (const auto &keyid : {u"aa"_s, u"bb"_s}) {
        auto slot = element->append("keyids");
        QVERIFY(slot);
        QVERIFY(element->writeString(*slot, keyid));
    }
    QVERIFY(element->writeInteger("threshold", 2));
    QVERIFY(element->writeBool("terminating", true));
    auto path = element->append("paths");
    QVERIFY(path);
    QVERIFY(element->writeString(*path, u"images/*"_s));
    QVERIFY(element->omit("pathHashPrefixes"));
    auto bytes = element->encode();
    VERIFY_OK(bytes);

    auto decoded = Der::Element::decode("DelegatedRole", *bytes);
    VERIFY_OK(decoded);
    QCOMPARE(decoded->readString("name").value_or(QString()), u"supplier"_s);
    QCOMPARE(decoded->count("keyids").value_or(-1), 2);
    QCOMPARE(decoded->readString("keyids.?2").value_or(QString()), u"bb"_s);
    QCOMPARE(decoded->readInteger("threshold").value_or(0), 2);
    QCOMPARE(decoded->readBool("terminating").value_or(false), true);
    QVERIFY(decoded->has("paths"));
    QVERIFY(!decoded->has("pathHashPrefixes"));
    QCOMPARE(decoded->count("hardwareIds").value_or(-1), 0);
    QCOMPARE(decoded->readString("paths.?1").value_or(QString()), u"images/*"_s);
    QCOMPARE(decoded->readString("keyids.?3").error().code, ErrorCode::NotFound);

    // CHOICE and ENUMERATED
    auto metadata = Der::Element::create("PublicKey");
    QVERIFY(metadata);
    QVERIFY(metadata->writeString("keyid", u"k"_s));
    QVERIFY(metadata->writeEnum("keyType", "ecdsa"));
    QVERIFY(metadata->writeOctets("value", QByteArray(32, 'x')));
    auto keyBytes = metadata->encode();
    QVERIFY(keyBytes);
    auto key = Der::Element::decode("PublicKey", *keyBytes);
    QVERIFY(key);
    QCOMPARE(key->readInteger("keyType").value_or(-1), 2);

    auto signedChoice = Der::Element::create("Signed");
    QVERIFY(signedChoice);
    QVERIFY(signedChoice->choose("", "timeAttestation"));
    QVERIFY(signedChoice->writeInteger("timeAttestation.time", 7));
    auto choiceBytes = signedChoice->encode();
    VERIFY_OK(choiceBytes);
    QCOMPARE(choiceBytes->toHex(), "a6050201073000"_ba);  // [6] constructed, implicit
    auto decodedChoice = Der::Element::decode("Signed", *choiceBytes);
    QVERIFY(decodedChoice);
    QCOMPARE(decodedChoice->chosen("").value_or(QByteArray()), "timeAttestation"_ba);
}

void TestDer::decodedBytesIsTheInputSlice()
{
    // Metadata { signed [6] TimeAttestation { 7, [] }, signatures [ {keyid "k", value 01} ] }
    const QByteArray bytes = QByteArray::fromHex("3011" "a605020107 3000" "3008 3006 0c016b 040101"_ba
                                                     .replace(' ', ""));
    auto decoded = Der::Element::decode("Metadata", bytes);
    VERIFY_OK(decoded);
    QCOMPARE(decoded->decodedBytes("signed").value_or(QByteArray()).toHex(), "a6050201073000"_ba);
    QCOMPARE(decoded->decodedBytes("signatures.?1.value").value_or(QByteArray()).toHex(),
             "040101"_ba);
    auto created = Der::Element::create("Metadata");
    QVERIFY(created);
    QCOMPARE(created->decodedBytes("signed").error().code, ErrorCode::InvalidArgument);
}

void TestDer::rejects_data()
{
    QTest::addColumn<QByteArray>("type");
    QTest::addColumn<QByteArray>("hex");
    QTest::addColumn<ErrorCode>("code");
    // Each row breaks the valid kHash (30 0c 0c 06 "sha256" 04 02 01 02) in one way.
    const auto row = [](const char *name, const char *type, QByteArray hex, ErrorCode code) {
        QTest::newRow(name) << QByteArray(type) << hex.replace(' ', "") << code;
    };
    row("valid", "Hash", "300c 0c06736861323536 04020102", ErrorCode::InvalidArgument);
    row("empty input", "Hash", "", ErrorCode::MalformedDer);
    row("trailing byte", "Hash", "300c 0c06736861323536 04020102 00", ErrorCode::MalformedDer);
    row("trailing element", "Hash", "300c 0c06736861323536 04020102 0500", ErrorCode::MalformedDer);
    row("wrong outer tag (SET)", "Hash", "310c 0c06736861323536 04020102", ErrorCode::MalformedDer);
    row("wrong inner tag", "Hash", "300c 0c06736861323536 0c020102", ErrorCode::MalformedDer);
    row("primitive SEQUENCE", "Hash", "100c 0c06736861323536 04020102", ErrorCode::MalformedDer);
    row("non-minimal long length", "Hash", "30810c 0c06736861323536 04020102",
        ErrorCode::MalformedDer);
    row("length with leading zero", "Hash", "3082000c 0c06736861323536 04020102",
        ErrorCode::MalformedDer);
    row("non-minimal inner length", "Hash", "300d 0c8106736861323536 04020102",
        ErrorCode::MalformedDer);
    row("indefinite length", "Hash", "3080 0c06736861323536 04020102 0000",
        ErrorCode::MalformedDer);
    row("reserved length octet", "Hash", "30ff", ErrorCode::MalformedDer);
    row("truncated", "Hash", "300c 0c06736861323536 040201", ErrorCode::MalformedDer);
    row("truncated header", "Hash", "30", ErrorCode::MalformedDer);
    row("inner length past parent", "Hash", "300c 0c0b736861323536 04020102",
        ErrorCode::MalformedDer);
    row("missing field", "Hash", "3008 0c06736861323536", ErrorCode::MalformedDer);
    row("extra field", "Hash", "300e 0c06736861323536 04020102 0500", ErrorCode::MalformedDer);
    // DelegatedRole { "a", [], 1, terminating 0x01, hardwareIds [] }: DER wants 0xFF (§11.1).
    row("BOOLEAN true not 0xff", "DelegatedRole", "300d 0c0161 3000 020101 010101 3000",
        ErrorCode::MalformedDer);
    row("high tag number form for a low tag", "Hash", "300d 0c06736861323536 1f0402 0102",
        ErrorCode::MalformedDer);
}

void TestDer::rejects()
{
    QFETCH(QByteArray, type);
    QFETCH(QByteArray, hex);
    QFETCH(ErrorCode, code);
    auto decoded = Der::Element::decode(type.constData(), QByteArray::fromHex(hex));
    if (code == ErrorCode::InvalidArgument) {  // the control row: must decode
        VERIFY_OK(decoded);
        return;
    }
    QVERIFY(!decoded);
    QCOMPARE(decoded.error().code, code);
    QVERIFY(!decoded.error().detail.isEmpty());
}

void TestDer::readerRules_data()
{
    QTest::addColumn<QByteArray>("hex");
    QTest::addColumn<ErrorCode>("code");
    // TimeAttestation { time, nonces [n] }: the rules only a reader of a value can apply.
    QTest::newRow("INTEGER padded with 00") << "300b 020105 3006 0202 0005 "_ba << ErrorCode::MalformedDer;
    QTest::newRow("INTEGER padded with ff") << "300b 020105 3006 0202 ff80"_ba << ErrorCode::MalformedDer;
    QTest::newRow("INTEGER empty") << "3009 020105 3004 0200"_ba << ErrorCode::MalformedDer;
    QTest::newRow("INTEGER of 9 bytes") << "3012 020105 300d 0209 010000000000000000"_ba
                                        << ErrorCode::SchemaViolation;
}

void TestDer::readerRules()
{
    QFETCH(QByteArray, hex);
    QFETCH(ErrorCode, code);
    QByteArray bytes = QByteArray::fromHex(hex.replace(' ', ""));
    bytes[1] = char(bytes.size() - 2);
    bytes[6] = char(bytes.size() - 7);
    // Either the decoder or the reader must refuse it, with the same code.
    auto decoded = Der::Element::decode("TimeAttestation", bytes);
    Error error;
    if (!decoded) {
        error = decoded.error();
    } else {
        auto value = decoded->readInteger("nonces.?1");
        QVERIFY(!value);
        error = value.error();
    }
    QCOMPARE(error.code, code);
}

void TestDer::limits_data()
{
    QTest::addColumn<int>("maxBytes");
    QTest::addColumn<int>("maxDepth");
    QTest::addColumn<int>("maxElements");
    QTest::addColumn<int>("maxChildren");
    QTest::addColumn<ErrorCode>("code");
    QTest::newRow("too large") << 10 << 32 << 100 << 100 << ErrorCode::TooLarge;
    QTest::newRow("too deep") << 100 << 1 << 100 << 100 << ErrorCode::TooDeep;
    QTest::newRow("too many elements") << 100 << 32 << 2 << 100 << ErrorCode::TooLarge;
    QTest::newRow("too many children") << 100 << 32 << 100 << 1 << ErrorCode::TooLarge;
}

void TestDer::limits()
{
    QFETCH(int, maxBytes);
    QFETCH(int, maxDepth);
    QFETCH(int, maxElements);
    QFETCH(int, maxChildren);
    QFETCH(ErrorCode, code);
    // Metadata nests three deep, has eight TLVs and at most two children in one element.
    const QByteArray bytes = QByteArray::fromHex("3011a6050201073000300830060c016b040101");
    QVERIFY(Der::checkStructure(bytes));
    const Der::DecodeLimits limits{maxBytes, maxDepth, maxElements, maxChildren};
    auto decoded = Der::Element::decode("Metadata", bytes, limits);
    QVERIFY(!decoded);
    QCOMPARE(decoded.error().code, code);
}

void TestDer::readHeader_data()
{
    QTest::addColumn<QByteArray>("hex");
    QTest::addColumn<int>("tagClass");
    QTest::addColumn<bool>("constructed");
    QTest::addColumn<int>("tag");
    QTest::addColumn<int>("headerLength");
    QTest::addColumn<int>("length");
    const QByteArray longContent = QByteArray(200, '\0').toHex();
    QTest::newRow("short") << "0401aa"_ba << 0 << false << 4 << 2 << 1;
    QTest::newRow("context constructed") << "a000"_ba << 2 << true << 0 << 2 << 0;
    QTest::newRow("long form") << "0481c8"_ba + longContent << 0 << false << 4 << 3 << 200;
    QTest::newRow("high tag") << "9f2001aa"_ba << 2 << false << 32 << 3 << 1;
}

void TestDer::readHeader()
{
    QFETCH(QByteArray, hex);
    QFETCH(int, tagClass);
    QFETCH(bool, constructed);
    QFETCH(int, tag);
    QFETCH(int, headerLength);
    QFETCH(int, length);
    auto header = Der::readHeader(QByteArray::fromHex(hex));
    VERIFY_OK(header);
    QCOMPARE(int(header->tagClass), tagClass);
    QCOMPARE(header->constructed, constructed);
    QCOMPARE(int(header->tag), tag);
    QCOMPARE(int(header->headerLength), headerLength);
    QCOMPARE(int(header->length), length);
}

void TestDer::writerErrors()
{
    QCOMPARE(Der::Element::create("NoSuchType").error().code, ErrorCode::InvalidArgument);
    auto element = Der::Element::create("Hash");
    QVERIFY(element);
    QCOMPARE(element->writeString("nosuchfield", u"x"_s).error().code, ErrorCode::InvalidArgument);
    QCOMPARE(element->writeString("function", QString(QChar(0xd800))).error().code,
             ErrorCode::InvalidArgument);
    QVERIFY(element->writeString("function", u"sha256"_s));
    // digest never written
    QCOMPARE(element->encode().error().code, ErrorCode::InvalidArgument);
}

QTEST_GUILESS_MAIN(TestDer)
#include "tst_der.moc"
