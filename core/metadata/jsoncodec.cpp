// The JSON half of codec_p.h: TUF 1.0 §4 envelopes and the fields every role shares.
// Role bodies live in jsoncodec_roles.cpp and jsoncodec_uptane.cpp, shared field types in
// jsoncodec_fields.cpp.

#include "metadata/codec_p.h"
#include "metadata/jsoncodec_p.h"

#include <QDate>
#include <QSet>
#include <QTime>

using namespace Qt::StringLiterals;

namespace Uptane::Metadata::detail {

namespace json {

Error errorAt(const Json::Reader &reader, ErrorCode code, const QString &what)
{
    Error error = reader.error(what);
    error.code = code;
    return error;
}

QString toHex(const QByteArray &bytes)
{
    return QString::fromLatin1(bytes.toHex());
}

std::optional<QByteArray> fromHex(const QString &text, bool allowUpper)
{
    // QByteArray::fromHex skips invalid characters silently; metadata must not.
    if (text.size() % 2 != 0)
        return std::nullopt;
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        const bool ok = (u >= u'0' && u <= u'9') || (u >= u'a' && u <= u'f')
                        || (allowUpper && u >= u'A' && u <= u'F');
        if (!ok)
            return std::nullopt;
    }
    return QByteArray::fromHex(text.toLatin1());
}

namespace {

// Parses exactly `digits` ASCII digits at position pos of text.
std::optional<int> digitsAt(QStringView text, qsizetype pos, qsizetype digits)
{
    int value = 0;
    for (qsizetype i = pos; i < pos + digits; ++i) {
        const char16_t u = text[i].unicode();
        if (u < u'0' || u > u'9')
            return std::nullopt;
        value = value * 10 + (u - u'0');
    }
    return value;
}

// "YYYY-MM-DDTHH:MM:SSZ": the only form python-tuf accepts (strptime "%Y-%m-%dT%H:%M:%SZ").
// Offsets, fractions of a second and lowercase separators are refused, as are dates and times
// that do not exist (February 30, 24:00:00, leap second 60).
std::optional<QDateTime> parseTime(QStringView text)
{
    if (text.size() != 20 || text[4] != u'-' || text[7] != u'-' || text[10] != u'T'
        || text[13] != u':' || text[16] != u':' || text[19] != u'Z')
        return std::nullopt;
    const auto year = digitsAt(text, 0, 4);
    const auto month = digitsAt(text, 5, 2);
    const auto day = digitsAt(text, 8, 2);
    const auto hour = digitsAt(text, 11, 2);
    const auto minute = digitsAt(text, 14, 2);
    const auto second = digitsAt(text, 17, 2);
    if (!year || !month || !day || !hour || !minute || !second || *year < 1)
        return std::nullopt;
    const QDate date(*year, *month, *day);
    const QTime time(*hour, *minute, *second);
    if (!date.isValid() || !time.isValid())
        return std::nullopt;
    return QDateTime(date, time, Qt::UTC);
}

bool isDigits(QStringView text)
{
    if (text.isEmpty())
        return false;
    for (const QChar c : text) {
        if (c.unicode() < u'0' || c.unicode() > u'9')
            return false;
    }
    return true;
}

} // namespace

Result<QDateTime> readTime(const Json::Reader &object, const QString &key)
{
    METADATA_TRY(text, object.string(key));
    const auto time = parseTime(text);
    if (!time)
        return std::unexpected(object.error(key, u"expected \"YYYY-MM-DDTHH:MM:SSZ\", got \"%1\""_s.arg(text)));
    return *time;
}

Result<QString> timeString(const QDateTime &time, const QString &what)
{
    if (!time.isValid())
        return fail(ErrorCode::InvalidArgument, u"%1: time not set"_s.arg(what));
    const QDateTime utc = time.toUTC();
    const QDate date = utc.date();
    const QTime clock = utc.time();
    if (date.year() < 1 || date.year() > 9999)
        return fail(ErrorCode::InvalidArgument,
                    u"%1: year %2 cannot be written as YYYY"_s.arg(what).arg(date.year()));
    return QString::asprintf("%04d-%02d-%02dT%02d:%02d:%02dZ", date.year(), date.month(),
                             date.day(), clock.hour(), clock.minute(), clock.second());
}

Result<void> checkType(const Json::Reader &signedObject, const QString &type)
{
    METADATA_TRY(actual, signedObject.string(u"_type"_s));
    if (actual != type) {
        return std::unexpected(errorAt(signedObject.child(u"_type"_s), ErrorCode::WrongType,
                                       u"expected \"%1\", got \"%2\""_s.arg(type, actual)));
    }
    return {};
}

// TUF §4: _type first (a file of another role would fail everything else), then
// spec_version (a 2.x file may follow another schema altogether), then the rest.
Result<void> readCommon(const Json::Reader &signedObject, const QString &type, Common &out)
{
    METADATA_CHECK(checkType(signedObject, type));

    METADATA_TRY(spec, signedObject.string(u"spec_version"_s));
    // As python-tuf: "major.minor" or "major.minor.patch", digits only, major 1.
    const QStringList parts = spec.split(u'.');
    bool wellFormed = parts.size() == 2 || parts.size() == 3;
    for (const QString &part : parts)
        wellFormed = wellFormed && isDigits(part);
    if (!wellFormed || parts.first() != u"1") {
        return std::unexpected(errorAt(signedObject.child(u"spec_version"_s),
                                       ErrorCode::UnsupportedSpecVersion,
                                       u"expected \"1.<minor>[.<patch>]\", got \"%1\""_s.arg(spec)));
    }

    METADATA_TRY(version, signedObject.integer(u"version"_s, 1));
    METADATA_TRY(expires, readTime(signedObject, u"expires"_s));
    out.specVersion = spec;
    out.version = version;
    out.expires = expires;
    return {};
}

Result<Json::Object> writeCommon(const Common &common, const QString &type)
{
    METADATA_TRY(expires, timeString(common.expires, u"expires"_s));
    Json::Object object = common.unknown;
    object.insert(u"_type"_s, type);
    object.insert(u"spec_version"_s, common.specVersion);
    object.insert(u"version"_s, common.version);
    object.insert(u"expires"_s, expires);
    return object;
}

Result<QList<Signature>> readSignatures(const Json::Reader &envelope)
{
    METADATA_TRY(array, envelope.array(u"signatures"_s));
    QSet<QString> seen;
    return readList<Signature>(array, [&seen](const Json::Reader &entry) -> Result<Signature> {
        METADATA_CHECK(entry.asObject());
        METADATA_TRY(keyid, entry.string(u"keyid"_s));
        METADATA_TRY(sig, entry.string(u"sig"_s));
        if (seen.contains(keyid)) {
            return std::unexpected(errorAt(entry, ErrorCode::DuplicateKey,
                                           u"keyid \"%1\" signs twice"_s.arg(keyid)));
        }
        seen.insert(keyid);
        // "" is an unsigned placeholder (tuf-on-ci, sigstore). Anything else must be lowercase
        // hex, as every TUF writer produces: a value we could not write back byte for byte
        // would change the signed bytes of a vehicle manifest that embeds this envelope.
        const auto value = fromHex(sig, false);
        if (!value) {
            return std::unexpected(errorAt(entry, ErrorCode::SchemaViolation,
                                           u"sig is not lowercase hex"_s));
        }
        return Signature{keyid, *value};
    });
}

Json::Array writeSignatures(const QList<Signature> &signatures)
{
    Json::Array array;
    for (const Signature &signature : signatures) {
        array.append(Json::Object{
            {u"keyid"_s, signature.keyid},
            {u"sig"_s, toHex(signature.value)},
        });
    }
    return array;
}

} // namespace json

template <typename T>
Result<Signed<T>> parseJson(QByteArrayView bytes)
{
    METADATA_TRY(tree, Json::parse(bytes));
    return json::readEnvelope<T>(Json::Reader(tree));
}

template <typename T>
Result<QByteArray> signedBytesJson(const T &body)
{
    METADATA_TRY(object, json::writeBody(body));
    return Json::canonical(object);
}

namespace {

// Canonical JSON writes control characters raw inside strings (the OLPC dialect signs them
// that way), but RFC 8259 forbids them, so strict readers (ours, python's json, tuf-js)
// refuse such a file, and PEM public keys always contain newlines. Canonical output has no
// whitespace outside strings, so every control byte is inside a string: escaping each one
// gives a file that is still compact and sorted and parses to the very same tree.
QByteArray escapeControlCharacters(const QByteArray &canonical)
{
    QByteArray out;
    out.reserve(canonical.size() + canonical.size() / 16);
    for (const char c : canonical) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte >= 0x20) {
            out.append(c);
            continue;
        }
        switch (byte) {
        case '\n': out.append("\\n"); break;
        case '\r': out.append("\\r"); break;
        case '\t': out.append("\\t"); break;
        case '\b': out.append("\\b"); break;
        case '\f': out.append("\\f"); break;
        default:
            out.append("\\u00");
            out.append(QByteArray::number(byte, 16).rightJustified(2, '0'));
        }
    }
    return out;
}

} // namespace

template <typename T>
Result<QByteArray> serializeJson(const Signed<T> &metadata)
{
    METADATA_TRY(envelope, json::writeEnvelope(metadata));
    METADATA_TRY(canonical, Json::canonical(envelope));
    return escapeControlCharacters(canonical);
}

Result<QString> peekTypeJson(QByteArrayView bytes)
{
    METADATA_TRY(tree, Json::parse(bytes));
    const Json::Reader envelope(tree);
    METADATA_TRY(signedObject, envelope.object(u"signed"_s));
    return signedObject.string(u"_type"_s);
}

#define UPTANE_INSTANTIATE_JSON_CODEC(T)                                                      \
    template Result<Signed<T>> parseJson<T>(QByteArrayView);                                  \
    template Result<QByteArray> signedBytesJson<T>(const T &);                                \
    template Result<QByteArray> serializeJson<T>(const Signed<T> &);

UPTANE_INSTANTIATE_JSON_CODEC(Root)
UPTANE_INSTANTIATE_JSON_CODEC(Targets)
UPTANE_INSTANTIATE_JSON_CODEC(Snapshot)
UPTANE_INSTANTIATE_JSON_CODEC(Timestamp)
UPTANE_INSTANTIATE_JSON_CODEC(EcuManifest)
UPTANE_INSTANTIATE_JSON_CODEC(VehicleManifest)
UPTANE_INSTANTIATE_JSON_CODEC(TimeAttestation)

} // namespace Uptane::Metadata::detail
