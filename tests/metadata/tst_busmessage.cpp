// Bus messages (core/metadata/busmessage.h) in both encodings: round trips of every kind and
// every error code, the exact JSON and DER forms (DER worked out by hand from ITU-T X.690:
// §8.9 SEQUENCE, §8.4 ENUMERATED, §8.3 INTEGER, §8.7 OCTET STRING, §8.23 UTF8String, §8.14
// IMPLICIT context tags), what the encoder refuses, and every refusal of the decoders with
// the payload bound measured at its limit.

#include "encoding/der.h"
#include "metadata/busmessage.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTest>

#include <functional>

using namespace Qt::StringLiterals;
using namespace Uptane;
using namespace Uptane::Metadata;
using Kind = BusMessage::Kind;

Q_DECLARE_METATYPE(Uptane::ErrorCode)
Q_DECLARE_METATYPE(Uptane::Metadata::Encoding)
Q_DECLARE_METATYPE(Uptane::Metadata::BusMessage)

namespace {

constexpr Encoding kEncodings[] = {Encoding::Json, Encoding::Der};

BusMessage message(Kind kind, qint64 cycle = 7)
{
    BusMessage m;
    m.kind = kind;
    m.sender = u"PRIMARY-democar"_s;
    m.receiver = u"ecu.full_1"_s;
    m.cycle = cycle;
    return m;
}

QByteArray pattern(qsizetype size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i)
        bytes[i] = char((i * 131 + 7) & 0xff);
    return bytes;
}

// A typical message of each kind, as busmessage.h's table describes them.
QList<std::pair<QByteArray, BusMessage>> typicalMessages()
{
    QList<std::pair<QByteArray, BusMessage>> all;
    all.append({"nonce_request", message(Kind::NonceRequest)});
    BusMessage nonce = message(Kind::Nonce);
    nonce.nonce = 0x1234'5678'9abc'def0;
    all.append({"nonce", nonce});
    for (Kind kind : {Kind::Attestation, Kind::MetadataBundle, Kind::DirectorTargets,
                      Kind::EcuManifest}) {
        BusMessage m = message(kind);
        m.payload = pattern(1000 + int(kind));
        all.append({busMessageKindName(kind).toLatin1(), m});
    }
    BusMessage image = message(Kind::Image);
    image.name = u"firmware/ecu-2.img"_s;
    image.payload = pattern(4097);
    all.append({"image", image});
    all.append({"manifest_request", message(Kind::ManifestRequest)});
    all.append({"ack", message(Kind::Ack)});
    BusMessage wants = message(Kind::Ack);
    wants.name = u"firmware.img"_s;
    all.append({"ack naming the image wanted", wants});
    BusMessage refusal = message(Kind::Ack);
    refusal.errorCode = ErrorCode::HashMismatch;
    refusal.detail = u"image: sha256 differs from the Director's"_s;
    all.append({"ack refusing", refusal});
    return all;
}

// The fields of a message written without the encoder's checks, so the decoders can be shown
// bytes no correct sender produces. kind indexes busmessage.h's order.
struct RawFields
{
    int kind = int(Kind::Ack);
    QString sender = u"PRIMARY"_s;
    QString receiver = u"SECONDARY"_s;
    qint64 cycle = 1;
    std::optional<qint64> nonce;
    std::optional<QString> name;
    std::optional<QString> errorCode;
    std::optional<QString> detail;
    QByteArray payload;
};

const char *const kDerKinds[] = {"nonceRequest", "nonce", "attestation", "metadataBundle",
                                 "directorTargets", "image", "manifestRequest", "ecuManifest",
                                 "ack"};

Json::Object rawObject(const RawFields &f)
{
    Json::Object o{{u"_type"_s, u"bus_message"_s},
                   {u"kind"_s, busMessageKindName(Kind(f.kind))},
                   {u"sender"_s, f.sender},
                   {u"receiver"_s, f.receiver},
                   {u"cycle"_s, f.cycle},
                   {u"payload"_s, QString::fromLatin1(f.payload.toBase64())}};
    if (f.nonce)
        o.insert(u"nonce"_s, *f.nonce);
    if (f.name)
        o.insert(u"name"_s, *f.name);
    if (f.errorCode)
        o.insert(u"error_code"_s, *f.errorCode);
    if (f.detail)
        o.insert(u"detail"_s, *f.detail);
    return o;
}

template <typename R>
void need(const R &result, const char *what)
{
    if (!result)
        qFatal("%s: %s", what, qPrintable(result.error().toString()));
}

QByteArray rawDer(const RawFields &f)
{
    auto e = Der::Element::create("BusMessage");
    need(e, "create");
    need(e->writeEnum("kind", kDerKinds[f.kind]), "kind");
    need(e->writeString("sender", f.sender), "sender");
    need(e->writeString("receiver", f.receiver), "receiver");
    need(e->writeInteger("cycle", f.cycle), "cycle");
    need(f.nonce ? e->writeInteger("nonce", *f.nonce) : e->omit("nonce"), "nonce");
    need(f.name ? e->writeString("name", *f.name) : e->omit("name"), "name");
    need(f.errorCode ? e->writeString("errorCode", *f.errorCode) : e->omit("errorCode"), "code");
    need(f.detail ? e->writeString("detail", *f.detail) : e->omit("detail"), "detail");
    need(e->writeOctets("payload", f.payload), "payload");
    auto bytes = e->encode();
    need(bytes, "encode");
    return *bytes;
}

QByteArray raw(const RawFields &f, Encoding encoding)
{
    return encoding == Encoding::Json ? Json::pretty(rawObject(f)) : rawDer(f);
}

// The JSON of a valid Ack with one member replaced (valueJson) or removed ("").
QByteArray jsonWith(const QString &member, const QByteArray &valueJson)
{
    Json::Object o = rawObject(RawFields());
    if (valueJson.isEmpty()) {
        o.remove(member);
    } else {
        auto value = Json::parse(valueJson);
        need(value, "parse");
        o.insert(member, *value);
    }
    return Json::pretty(o);
}

// Ack PRIMARY -> SECONDARY, cycle 1, nothing else: by hand from X.690.
const QByteArray kAckDer = QByteArray::fromHex(
    "301c"                                  // SEQUENCE, 28 content octets
    "0a0108"                                // kind ENUMERATED ack (8)
    "0c075052494d415259"                    // sender UTF8String "PRIMARY"
    "0c095345434f4e44415259"                // receiver UTF8String "SECONDARY"
    "020101"                                // cycle INTEGER 1
    "0400");                                // payload OCTET STRING, empty

} // namespace

class TestBusMessage : public QObject
{
    Q_OBJECT

private slots:
    void roundTripsEveryKind_data()
    {
        QTest::addColumn<Encoding>("encoding");
        QTest::addColumn<BusMessage>("message");
        for (Encoding encoding : kEncodings) {
            const QByteArray prefix = encodingName(encoding).toLatin1() + ": ";
            const auto row = [&prefix](const QByteArray &name) -> QTestData & {
                return QTest::newRow(QByteArray(prefix + name).constData());
            };
            for (const auto &[name, m] : typicalMessages())
                row(name) << encoding << m;

            BusMessage extremes = message(Kind::Nonce, std::numeric_limits<qint64>::max());
            extremes.nonce = std::numeric_limits<qint64>::min();
            row("extreme cycle and nonce") << encoding << extremes;
            BusMessage zero = message(Kind::Nonce, 0);
            zero.nonce = 0;
            row("cycle and nonce 0") << encoding << zero;
            row("empty image payload") << encoding
                                                          << [] { auto m = message(Kind::Image);
                                                                  m.name = u"empty.img"_s;
                                                                  return m; }();
            BusMessage texts = message(Kind::Ack);
            texts.name = u"päth/\"quoted\"\\ünïcode 🚗.img"_s;
            texts.errorCode = ErrorCode::Cancelled;
            texts.detail = u"line 1\nline 2\ttab \x01 control \x7f 🚗"_s;
            row("texts that need escaping") << encoding << texts;
            BusMessage longest = message(Kind::Ack);
            longest.sender = QString(128, u'S');
            longest.name = QString(kMaxBusNameCharacters, u'n');
            longest.errorCode = ErrorCode::SchemaViolation;
            QString detail;
            for (qsizetype i = 0; i < kMaxBusDetailCharacters; ++i)
                detail += u"🚗"_s;  // a surrogate pair is one character
            longest.detail = detail;
            row("texts at their bounds") << encoding << longest;
        }
    }
    void roundTripsEveryKind()
    {
        QFETCH(Encoding, encoding);
        QFETCH(BusMessage, message);
        const auto bytes = encodeBusMessage(message, encoding);
        QVERIFY2(bytes.has_value(), qPrintable(bytes ? QString() : bytes.error().toString()));
        const auto back = decodeBusMessage(*bytes, encoding);
        QVERIFY2(back.has_value(), qPrintable(back ? QString() : back.error().toString()));
        QCOMPARE(*back, message);
        QCOMPARE(encodeBusMessage(*back, encoding).value(), *bytes);
        // Each encoding is refused by the other's decoder.
        const Encoding other = encoding == Encoding::Json ? Encoding::Der : Encoding::Json;
        QVERIFY(!decodeBusMessage(*bytes, other));
    }

    void errorCodesRoundTrip_data()
    {
        QTest::addColumn<Encoding>("encoding");
        QTest::addColumn<int>("code");
        for (Encoding encoding : kEncodings) {
            for (int i = int(ErrorCode::InvalidArgument); i <= int(ErrorCode::Cancelled); ++i) {
                QTest::newRow(qPrintable(encodingName(encoding) + u": "_s
                                         + errorCodeName(ErrorCode(i)))) << encoding << i;
            }
        }
    }
    void errorCodesRoundTrip()
    {
        QFETCH(Encoding, encoding);
        QFETCH(int, code);
        BusMessage ack = message(Kind::Ack);
        ack.errorCode = ErrorCode(code);
        const auto back = decodeBusMessage(encodeBusMessage(ack, encoding).value(), encoding);
        QVERIFY2(back.has_value(), qPrintable(back ? QString() : back.error().toString()));
        QCOMPARE(back->errorCode, std::optional(ErrorCode(code)));
    }

    void kindNamesAreTheJsonSpelling()
    {
        const QStringList expected{u"nonce_request"_s, u"nonce"_s, u"attestation"_s,
                                   u"metadata_bundle"_s, u"director_targets"_s, u"image"_s,
                                   u"manifest_request"_s, u"ecu_manifest"_s, u"ack"_s};
        for (int i = 0; i < expected.size(); ++i)
            QCOMPARE(busMessageKindName(Kind(i)), expected.at(i));
    }

    // The documented JSON form, byte for byte: sorted members, two-space indent, control
    // characters escaped (the strict reader refuses them raw), a final newline.
    void jsonFormIsAsDocumented()
    {
        BusMessage refusal = message(Kind::Ack, 3);
        refusal.errorCode = ErrorCode::Expired;
        refusal.detail = u"targets expired\nat 2030-01-01"_s;
        refusal.name = u"a.img"_s;
        QCOMPARE(encodeBusMessage(refusal, Encoding::Json).value(),
                 QByteArray("{\n"
                            "  \"_type\": \"bus_message\",\n"
                            "  \"cycle\": 3,\n"
                            "  \"detail\": \"targets expired\\nat 2030-01-01\",\n"
                            "  \"error_code\": \"Expired\",\n"
                            "  \"kind\": \"ack\",\n"
                            "  \"name\": \"a.img\",\n"
                            "  \"payload\": \"\",\n"
                            "  \"receiver\": \"ecu.full_1\",\n"
                            "  \"sender\": \"PRIMARY-democar\"\n"
                            "}\n"));
        BusMessage nonce = message(Kind::Nonce, 0);
        nonce.nonce = -5;
        const QByteArray nonceJson = encodeBusMessage(nonce, Encoding::Json).value();
        QVERIFY(nonceJson.contains("\"kind\": \"nonce\",\n  \"nonce\": -5,\n"));
        QVERIFY(!nonceJson.contains("\"name\""));
        QVERIFY(!nonceJson.contains("\"error_code\""));
        QVERIFY(!nonceJson.contains("\"detail\""));
        BusMessage attestation = message(Kind::Attestation, 1);
        attestation.payload = "\xfb\xff";  // standard alphabet: '+' and '/', padded
        QVERIFY(encodeBusMessage(attestation, Encoding::Json).value().contains("\"payload\": \"+/8=\""));
    }

    // The DER form against encodings worked out by hand.
    void derFormIsAsDocumented()
    {
        BusMessage ack;
        ack.kind = Kind::Ack;
        ack.sender = u"PRIMARY"_s;
        ack.receiver = u"SECONDARY"_s;
        ack.cycle = 1;
        QCOMPARE(encodeBusMessage(ack, Encoding::Der).value().toHex(), kAckDer.toHex());

        BusMessage all = ack;
        all.kind = Kind::Nonce;
        all.sender = u"P"_s;
        all.receiver = u"S"_s;
        all.cycle = 0;
        all.nonce = -1;
        QCOMPARE(encodeBusMessage(all, Encoding::Der).value().toHex(),
                 QByteArray("3011" "0a0101" "0c0150" "0c0153" "020100" "8001ff" "0400"));
        BusMessage image = all;
        image.kind = Kind::Image;
        image.nonce.reset();
        image.name = u"x"_s;
        image.payload = "ab";
        QCOMPARE(encodeBusMessage(image, Encoding::Der).value().toHex(),
                 QByteArray("3013" "0a0105" "0c0150" "0c0153" "020100" "810178" "04026162"));
        BusMessage refusal = all;
        refusal.kind = Kind::Ack;
        refusal.nonce.reset();
        refusal.errorCode = ErrorCode::Timeout;
        refusal.detail = u"d"_s;
        QCOMPARE(encodeBusMessage(refusal, Encoding::Der).value().toHex(),
                 QByteArray("301a" "0a0108" "0c0150" "0c0153" "020100" "820754696d656f7574"
                            "830164" "0400"));
    }

    void encoderRefuses_data()
    {
        QTest::addColumn<BusMessage>("message");
        QTest::addColumn<ErrorCode>("code");
        const auto with = [](Kind kind, const std::function<void(BusMessage &)> &change) {
            BusMessage m = message(kind);
            change(m);
            return m;
        };
        const auto invalid = ErrorCode::InvalidArgument;
        QTest::newRow("empty sender") << with(Kind::Ack, [](auto &m) { m.sender.clear(); }) << invalid;
        QTest::newRow("sender with a slash") << with(Kind::Ack, [](auto &m) { m.sender = u"a/b"_s; }) << invalid;
        QTest::newRow("sender ..") << with(Kind::Ack, [](auto &m) { m.sender = u".."_s; }) << invalid;
        QTest::newRow("sender of 129 characters")
            << with(Kind::Ack, [](auto &m) { m.sender = QString(129, u'a'); }) << invalid;
        QTest::newRow("receiver with a space") << with(Kind::Ack, [](auto &m) { m.receiver = u"a b"_s; }) << invalid;
        QTest::newRow("receiver starting with a dot")
            << with(Kind::Ack, [](auto &m) { m.receiver = u".hidden"_s; }) << invalid;
        QTest::newRow("negative cycle") << with(Kind::Ack, [](auto &m) { m.cycle = -1; }) << invalid;
        QTest::newRow("nonce message without nonce") << with(Kind::Nonce, [](auto &) {}) << invalid;
        QTest::newRow("nonce on an ack") << with(Kind::Ack, [](auto &m) { m.nonce = 1; }) << invalid;
        QTest::newRow("image without name") << with(Kind::Image, [](auto &) {}) << invalid;
        QTest::newRow("name on a nonce request")
            << with(Kind::NonceRequest, [](auto &m) { m.name = u"x"_s; }) << invalid;
        QTest::newRow("error code on an image")
            << with(Kind::Image, [](auto &m) { m.name = u"x"_s; m.errorCode = ErrorCode::IoError; })
            << invalid;
        QTest::newRow("detail without error code")
            << with(Kind::Ack, [](auto &m) { m.detail = u"why"_s; }) << invalid;
        QTest::newRow("payload on a manifest request")
            << with(Kind::ManifestRequest, [](auto &m) { m.payload = "x"; }) << invalid;
        QTest::newRow("payload on an ack") << with(Kind::Ack, [](auto &m) { m.payload = "x"; }) << invalid;
        QTest::newRow("name one character too long")
            << with(Kind::Ack, [](auto &m) { m.name = QString(kMaxBusNameCharacters + 1, u'n'); })
            << invalid;
        QTest::newRow("detail one character too long")
            << with(Kind::Ack, [](auto &m) {
                   m.errorCode = ErrorCode::IoError;
                   m.detail = QString(kMaxBusDetailCharacters + 1, u'd');
               })
            << invalid;
        QTest::newRow("lone surrogate in a name")
            << with(Kind::Ack, [](auto &m) { m.name = QString(QChar(0xd800)); }) << invalid;
        QTest::newRow("payload one byte over the bound")
            << with(Kind::Image, [](auto &m) {
                   m.name = u"big.img"_s;
                   m.payload = QByteArray(kMaxBusPayloadBytes + 1, 'x');
               })
            << ErrorCode::TooLarge;
    }
    void encoderRefuses()
    {
        QFETCH(BusMessage, message);
        QFETCH(ErrorCode, code);
        for (Encoding encoding : kEncodings) {
            const auto bytes = encodeBusMessage(message, encoding);
            QVERIFY2(!bytes, qPrintable(encodingName(encoding)));
            QCOMPARE(bytes.error().code, code);
        }
    }

    // The size check comes before any parsing: garbage over the limit is TooLarge, the same
    // garbage within it MalformedJson / MalformedDer.
    void refusesOversizeBeforeParsing_data()
    {
        QTest::addColumn<Encoding>("encoding");
        QTest::addColumn<ErrorCode>("malformed");
        QTest::newRow("json") << Encoding::Json << ErrorCode::MalformedJson;
        QTest::newRow("der") << Encoding::Der << ErrorCode::MalformedDer;
    }
    void refusesOversizeBeforeParsing()
    {
        QFETCH(Encoding, encoding);
        QFETCH(ErrorCode, malformed);
        const QByteArray garbage(1001, '\xff');
        QCOMPARE(decodeBusMessage(garbage, encoding, 1000).error().code, ErrorCode::TooLarge);
        QCOMPARE(decodeBusMessage(garbage, encoding, 1001).error().code, malformed);

        const QByteArray valid = encodeBusMessage(typicalMessages().at(5).second, encoding).value();
        QCOMPARE(decodeBusMessage(valid, encoding, valid.size() - 1).error().code, ErrorCode::TooLarge);
        QVERIFY(decodeBusMessage(valid, encoding, valid.size()).has_value());
    }

    // Refusals both encodings share, from the same raw fields.
    void refusesInvalidFields_data()
    {
        QTest::addColumn<Encoding>("encoding");
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<ErrorCode>("code");
        struct Case
        {
            const char *name;
            std::function<void(RawFields &)> change;
            ErrorCode code = ErrorCode::SchemaViolation;
        };
        const QList<Case> cases{
            {"unknown error code", [](RawFields &f) { f.errorCode = u"NoSuchCode"_s; }},
            {"error code in lower case", [](RawFields &f) { f.errorCode = u"expired"_s; }},
            {"unsafe sender", [](RawFields &f) { f.sender = u"../etc"_s; }},
            {"empty sender", [](RawFields &f) { f.sender = QString(); }},
            {"unsafe receiver", [](RawFields &f) { f.receiver = u"a/b"_s; }},
            {"negative cycle", [](RawFields &f) { f.cycle = -1; }},
            {"nonce on an ack", [](RawFields &f) { f.nonce = 5; }},
            {"nonce message without nonce", [](RawFields &f) { f.kind = int(Kind::Nonce); }},
            {"image without name", [](RawFields &f) { f.kind = int(Kind::Image); }},
            {"name on a manifest request",
             [](RawFields &f) { f.kind = int(Kind::ManifestRequest); f.name = u"x"_s; }},
            {"name present but empty", [](RawFields &f) { f.name = QString(); }},
            {"error code on a nonce request",
             [](RawFields &f) { f.kind = int(Kind::NonceRequest); f.errorCode = u"IoError"_s; }},
            {"error code present but empty", [](RawFields &f) { f.errorCode = QString(); }},
            {"detail without error code", [](RawFields &f) { f.detail = u"why"_s; }},
            {"detail present but empty",
             [](RawFields &f) { f.errorCode = u"IoError"_s; f.detail = QString(); }},
            {"payload on an ack", [](RawFields &f) { f.payload = "x"; }},
            {"payload on a nonce request",
             [](RawFields &f) { f.kind = int(Kind::NonceRequest); f.payload = "x"; }},
            {"name one character too long",
             [](RawFields &f) { f.name = QString(kMaxBusNameCharacters + 1, u'n'); }},
            {"detail one character too long", [](RawFields &f) {
                 f.errorCode = u"IoError"_s;
                 f.detail = QString(kMaxBusDetailCharacters + 1, u'd');
             }},
        };
        for (Encoding encoding : kEncodings) {
            for (const Case &c : cases) {
                RawFields fields;
                c.change(fields);
                QTest::newRow(qPrintable(encodingName(encoding) + u": "_s
                                         + QLatin1StringView(c.name)))
                    << encoding << raw(fields, encoding) << c.code;
            }
            // Control: the unchanged raw fields decode.
            QTest::newRow(qPrintable(encodingName(encoding) + u": valid (control)"_s))
                << encoding << raw(RawFields(), encoding) << ErrorCode::Cancelled;
        }
    }
    void refusesInvalidFields()
    {
        QFETCH(Encoding, encoding);
        QFETCH(QByteArray, bytes);
        QFETCH(ErrorCode, code);
        const auto decoded = decodeBusMessage(bytes, encoding);
        if (code == ErrorCode::Cancelled) {  // the control row
            QVERIFY2(decoded.has_value(), qPrintable(decoded ? QString() : decoded.error().toString()));
            return;
        }
        QVERIFY(!decoded);
        QCOMPARE(decoded.error().code, code);
    }

    void refusesMalformedJson_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<ErrorCode>("code");
        const auto schema = ErrorCode::SchemaViolation;
        QTest::newRow("empty") << QByteArray() << ErrorCode::MalformedJson;
        QTest::newRow("not JSON") << QByteArray("ack") << ErrorCode::MalformedJson;
        QTest::newRow("truncated") << jsonWith(u"cycle"_s, "1").chopped(2) << ErrorCode::MalformedJson;
        QTest::newRow("trailing bytes") << jsonWith(u"cycle"_s, "1") + "x" << ErrorCode::MalformedJson;
        QTest::newRow("duplicate member")
            << QByteArray("{\"_type\":\"bus_message\",\"cycle\":1,\"cycle\":2,\"kind\":\"ack\","
                          "\"payload\":\"\",\"receiver\":\"S\",\"sender\":\"P\"}")
            << ErrorCode::MalformedJson;
        QTest::newRow("nested too deep")
            << jsonWith(u"x"_s, "[[[[[[[[[[1]]]]]]]]]]") << ErrorCode::TooDeep;
        QTest::newRow("an array") << QByteArray("[]") << schema;
        QTest::newRow("unknown member") << jsonWith(u"signatures"_s, "[]") << schema;
        QTest::newRow("wrong _type") << jsonWith(u"_type"_s, "\"ecu_manifest\"") << schema;
        QTest::newRow("unknown kind") << jsonWith(u"kind"_s, "\"reboot\"") << schema;
        QTest::newRow("kind in DER spelling") << jsonWith(u"kind"_s, "\"nonceRequest\"") << schema;
        QTest::newRow("cycle as a string") << jsonWith(u"cycle"_s, "\"1\"") << schema;
        QTest::newRow("cycle as a float") << jsonWith(u"cycle"_s, "1.0") << schema;
        QTest::newRow("error code as a number") << jsonWith(u"error_code"_s, "3") << schema;
        QTest::newRow("payload null") << jsonWith(u"payload"_s, "null") << schema;
        for (const char *member : {"_type", "kind", "sender", "receiver", "cycle", "payload"}) {
            QTest::newRow(qPrintable(u"missing "_s + QLatin1StringView(member)))
                << jsonWith(QString::fromLatin1(member), {}) << schema;
        }
        // "abc" is YWJj; "ab" is YWI=; "a" is YQ==.
        const QList<std::pair<const char *, QByteArray>> badBase64{
            {"unpadded", "\"YWI\""},
            {"padding missing one", "\"YQ=\""},
            {"non-zero trailing bits", "\"YR==\""},
            {"url-safe alphabet", "\"-_8=\""},
            {"whitespace", "\"YWJj YWJj\""},
            {"line break", "\"YWJj\\nYWJj\""},
            {"padding inside", "\"YQ==YWJj\""},
            {"non-ASCII", "\"YWJ\\u00e9\""},
            {"stray character", "\"YW!j\""},
        };
        for (const auto &[name, text] : badBase64)
            QTest::newRow(qPrintable(u"base64 "_s + QLatin1StringView(name)))
                << jsonWith(u"kind"_s, "\"image\"").replace("\"payload\": \"\"", QByteArray("\"payload\": " + text))
                << schema;
    }
    void refusesMalformedJson()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(ErrorCode, code);
        const auto decoded = decodeBusMessage(bytes, Encoding::Json);
        QVERIFY(!decoded);
        QCOMPARE(decoded.error().code, code);
    }

    // Control for the base64 rows: the canonical spellings of the same payloads decode.
    void acceptsCanonicalBase64_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QByteArray>("payload");
        QTest::newRow("empty") << QByteArray("") << QByteArray();
        QTest::newRow("one byte") << QByteArray("YQ==") << QByteArray("a");
        QTest::newRow("two bytes") << QByteArray("YWI=") << QByteArray("ab");
        QTest::newRow("three bytes") << QByteArray("YWJj") << QByteArray("abc");
        QTest::newRow("+ and /") << QByteArray("+/8=") << QByteArray("\xfb\xff");
    }
    void acceptsCanonicalBase64()
    {
        QFETCH(QByteArray, text);
        QFETCH(QByteArray, payload);
        const QByteArray bytes = jsonWith(u"kind"_s, "\"attestation\"")
                                     .replace("\"payload\": \"\"", QByteArray("\"payload\": \"" + text + '"'));
        const auto decoded = decodeBusMessage(bytes, Encoding::Json);
        QVERIFY2(decoded.has_value(), qPrintable(decoded ? QString() : decoded.error().toString()));
        QCOMPARE(decoded->payload, payload);
    }

    // DER is refused structurally first (X.690), then against the module, then by the rules.
    void refusesMalformedDer_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<ErrorCode>("code");
        const auto patched = [](qsizetype at, const QByteArray &hex) {
            QByteArray bytes = kAckDer;
            const QByteArray with = QByteArray::fromHex(hex);
            bytes.replace(at, with.size(), with);
            return bytes;
        };
        const auto malformed = ErrorCode::MalformedDer;
        QTest::newRow("empty") << QByteArray() << malformed;
        QTest::newRow("truncated") << kAckDer.chopped(1) << malformed;
        QTest::newRow("trailing byte") << kAckDer + '\0' << malformed;
        QTest::newRow("indefinite length") << QByteArray::fromHex("3080") + kAckDer.mid(2) + QByteArray(2, '\0')
                                           << malformed;
        QTest::newRow("a SET, not a SEQUENCE") << patched(0, "31") << malformed;
        QTest::newRow("kind as INTEGER") << patched(2, "02") << malformed;
        QTest::newRow("sender as OCTET STRING") << patched(5, "04") << malformed;
        QTest::newRow("non-minimal cycle")
            << QByteArray("\x30\x1d") + kAckDer.mid(2, 23) + QByteArray::fromHex("02020001")
                   + kAckDer.mid(28)
            << malformed;
        QTest::newRow("missing sender")
            << QByteArray("\x30\x13") + kAckDer.mid(2, 3) + kAckDer.mid(14)
            << malformed;
        QTest::newRow("unknown field after payload") << QByteArray::fromHex("301e") + kAckDer.mid(2)
                                                            + QByteArray::fromHex("8400")
                                                     << malformed;
        QTest::newRow("invalid UTF-8 in sender") << patched(7, "ff") << malformed;
        QTest::newRow("unknown kind 9") << patched(2, "0a0109") << ErrorCode::SchemaViolation;
        QTest::newRow("negative kind") << patched(2, "0a01ff") << ErrorCode::SchemaViolation;
    }
    void refusesMalformedDer()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(ErrorCode, code);
        QVERIFY(decodeBusMessage(kAckDer, Encoding::Der).has_value());  // control
        const auto decoded = decodeBusMessage(bytes, Encoding::Der);
        QVERIFY(!decoded);
        QCOMPARE(decoded.error().code, code);
    }

    // The payload bound, at its limit, in both directions and encodings; the time it takes
    // is logged (libtasn1 copies a value several times: see the note in busmessage.h).
    void payloadBoundHolds_data()
    {
        QTest::addColumn<Encoding>("encoding");
        QTest::newRow("json") << Encoding::Json;
        QTest::newRow("der") << Encoding::Der;
    }
    void payloadBoundHolds()
    {
        QFETCH(Encoding, encoding);
        BusMessage image = message(Kind::Image);
        image.sender = QString(128, u'P');
        image.receiver = QString(128, u'S');
        QString name;
        for (qsizetype i = 0; i < kMaxBusNameCharacters; ++i)
            name += u"🚗"_s;  // four UTF-8 bytes each: the longest name in bytes
        image.name = name;
        image.payload = pattern(kMaxBusPayloadBytes);

        QElapsedTimer timer;
        timer.start();
        const auto bytes = encodeBusMessage(image, encoding);
        const qint64 encodeMs = timer.restart();
        QVERIFY2(bytes.has_value(), qPrintable(bytes ? QString() : bytes.error().toString()));
        QVERIFY(bytes->size() <= kMaxBusMessageBytes);
        const auto back = decodeBusMessage(*bytes, encoding);
        const qint64 decodeMs = timer.elapsed();
        QVERIFY2(back.has_value(), qPrintable(back ? QString() : back.error().toString()));
        QVERIFY(back->payload == image.payload);
        qInfo("%s: %lld bytes, encode %lld ms, decode %lld ms", qPrintable(encodingName(encoding)),
              qint64(bytes->size()), encodeMs, decodeMs);

        // One byte more, written without the encoder's check, is refused by the decoder.
        RawFields fields;
        fields.kind = int(Kind::Image);
        fields.name = u"big.img"_s;
        fields.payload = QByteArray(kMaxBusPayloadBytes + 1, 'x');
        const auto over = decodeBusMessage(raw(fields, encoding), encoding);
        QVERIFY(!over);
        QCOMPARE(over.error().code, ErrorCode::TooLarge);
    }
    // The fuzz seeds (tests/fuzz/corpus/bus_message/): every typical message in both
    // encodings. UPTANE_WRITE_FUZZ_CORPUS=1 (re)writes them; otherwise each file must still
    // hold what the encoder writes now, so the seeds do not rot into inputs that never decode.
    void fuzzCorpusIsCurrent()
    {
        const QString corpus = QStringLiteral(UPTANE_SOURCE_DIR "/tests/fuzz/corpus/bus_message/");
        const bool write = qEnvironmentVariableIntValue("UPTANE_WRITE_FUZZ_CORPUS") != 0;
        QVERIFY(!write || QDir().mkpath(corpus));
        for (Encoding encoding : kEncodings) {
            for (const auto &[name, m] : typicalMessages()) {
                const QString path = corpus + QString::fromLatin1(name).replace(u' ', u'-') + u'.'
                                     + encodingName(encoding);
                const auto bytes = encodeBusMessage(m, encoding);
                QVERIFY(bytes.has_value());
                QFile file(path);
                if (write) {
                    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
                    QCOMPARE(file.write(*bytes), bytes->size());
                    file.close();
                }
                QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(path));
                QCOMPARE(file.readAll(), *bytes);
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestBusMessage)
#include "tst_busmessage.moc"
