// Bus messages (busmessage.h) in both encodings. One rule set, validate(), serves the encoder
// (InvalidArgument: a caller's bug) and both decoders (SchemaViolation: bytes from the bus),
// so the two encodings accept and refuse the same messages, and whatever the encoder writes
// the decoder reads back.

#include "metadata/busmessage.h"

#include "common/safename.h"
#include "encoding/jsonreader.h"
#include "metadata/dercodec_p.h"
#include "metadata/jsoncodec_p.h"

#include <algorithm>
#include <array>

using namespace Qt::StringLiterals;

namespace Uptane::Metadata {

namespace {

using Kind = BusMessage::Kind;

struct KindSpelling
{
    Kind kind;
    const char16_t *json;  // busMessageKindName()
    const char *der;       // BusMessageKind in uptane.asn, numbered in this order
};

constexpr std::array<KindSpelling, 9> kKinds{{
    {Kind::NonceRequest, u"nonce_request", "nonceRequest"},
    {Kind::Nonce, u"nonce", "nonce"},
    {Kind::Attestation, u"attestation", "attestation"},
    {Kind::MetadataBundle, u"metadata_bundle", "metadataBundle"},
    {Kind::DirectorTargets, u"director_targets", "directorTargets"},
    {Kind::Image, u"image", "image"},
    {Kind::ManifestRequest, u"manifest_request", "manifestRequest"},
    {Kind::EcuManifest, u"ecu_manifest", "ecuManifest"},
    {Kind::Ack, u"ack", "ack"},
}};

const KindSpelling &spelling(Kind kind)
{
    return kKinds[std::size_t(kind)];
}

const QString kType = u"bus_message"_s;

// JSON member names; the schema errors name fields this way in both encodings.
namespace Member {
const QString type = u"_type"_s;
const QString kind = u"kind"_s;
const QString sender = u"sender"_s;
const QString receiver = u"receiver"_s;
const QString cycle = u"cycle"_s;
const QString nonce = u"nonce"_s;
const QString name = u"name"_s;
const QString errorCode = u"error_code"_s;
const QString detail = u"detail"_s;
const QString payload = u"payload"_s;
} // namespace Member

bool carriesPayload(Kind kind)
{
    switch (kind) {
    case Kind::Attestation:
    case Kind::MetadataBundle:
    case Kind::DirectorTargets:
    case Kind::Image:
    case Kind::EcuManifest:
        return true;
    case Kind::NonceRequest:
    case Kind::Nonce:
    case Kind::ManifestRequest:
    case Kind::Ack:
        return false;
    }
    return false;
}

std::optional<QString> checkText(const QString &text, qsizetype maxCharacters)
{
    if (!text.isValidUtf16())
        return u"contains a lone surrogate"_s;
    // ASN.1 SIZE of a UTF8String counts code points; JSON is held to the same bound.
    if (text.size() > maxCharacters && text.toUcs4().size() > maxCharacters)
        return u"longer than %1 characters"_s.arg(maxCharacters);
    return std::nullopt;
}

// Every rule of busmessage.h that is not the encoding's own: SchemaViolation naming the
// field, or TooLarge for the payload.
std::optional<Error> validate(const BusMessage &m)
{
    const auto violation = [](const QString &field, const QString &what) {
        return Error{ErrorCode::SchemaViolation, field + u": "_s + what};
    };
    if (!isSafeName(m.sender))
        return violation(Member::sender, u"\"%1\" is not a safe ECU serial"_s.arg(m.sender));
    if (!isSafeName(m.receiver))
        return violation(Member::receiver, u"\"%1\" is not a safe ECU serial"_s.arg(m.receiver));
    if (m.cycle < 0)
        return violation(Member::cycle, u"%1 is negative"_s.arg(m.cycle));

    const QString kindName = busMessageKindName(m.kind);
    const auto notCarried = [&](const QString &field) {
        return violation(field, u"a %1 message does not carry it"_s.arg(kindName));
    };
    if (m.kind == Kind::Nonce && !m.nonce)
        return violation(Member::nonce, u"missing in a nonce message"_s);
    if (m.kind != Kind::Nonce && m.nonce)
        return notCarried(Member::nonce);
    if (m.kind == Kind::Image && m.name.isEmpty())
        return violation(Member::name, u"an image message names its target"_s);
    if (!m.name.isEmpty() && m.kind != Kind::Image && m.kind != Kind::Ack)
        return notCarried(Member::name);
    if (auto bad = checkText(m.name, kMaxBusNameCharacters))
        return violation(Member::name, *bad);
    if (m.errorCode && m.kind != Kind::Ack)
        return notCarried(Member::errorCode);
    if (!m.detail.isEmpty() && !m.errorCode)
        return violation(Member::detail, u"only an ack with an error_code carries a detail"_s);
    if (auto bad = checkText(m.detail, kMaxBusDetailCharacters))
        return violation(Member::detail, *bad);
    if (!m.payload.isEmpty() && !carriesPayload(m.kind))
        return violation(Member::payload, u"a %1 message carries no payload (%2 bytes)"_s.arg(
                                              kindName).arg(m.payload.size()));
    if (m.payload.size() > kMaxBusPayloadBytes)
        return Error{ErrorCode::TooLarge, u"payload: %1 bytes, more than the %2 a bus message "
                                          u"carries"_s.arg(m.payload.size()).arg(kMaxBusPayloadBytes)};
    return std::nullopt;
}

// ---- JSON

// Base64 exactly as QByteArray::toBase64() writes it: the standard alphabet, padded, no
// whitespace, zero trailing bits. Anything else could carry one payload in several texts.
std::optional<QByteArray> fromBase64Strict(const QString &text)
{
    const QByteArray ascii = text.toLatin1();  // non-Latin-1 becomes '?': not base64 either
    auto decoded = QByteArray::fromBase64Encoding(
        ascii, QByteArray::Base64Encoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.toBase64() != ascii)
        return std::nullopt;
    return std::move(decoded.decoded);
}

QByteArray encodeJson(const BusMessage &m)
{
    Json::Object object{
        {Member::type, kType},
        {Member::kind, busMessageKindName(m.kind)},
        {Member::sender, m.sender},
        {Member::receiver, m.receiver},
        {Member::cycle, m.cycle},
        {Member::payload, QString::fromLatin1(m.payload.toBase64())},
    };
    if (m.nonce)
        object.insert(Member::nonce, *m.nonce);
    if (!m.name.isEmpty())
        object.insert(Member::name, m.name);
    if (m.errorCode)
        object.insert(Member::errorCode, errorCodeName(*m.errorCode));
    if (!m.detail.isEmpty())
        object.insert(Member::detail, m.detail);
    // pretty(), not canonical(): nothing signs these bytes, and OLPC canonical JSON writes
    // control characters raw, which the strict reader refuses (a detail may hold a newline).
    // Sorted and indented, the message also reads well where the GUI shows the bytes.
    return Json::pretty(object);
}

// A member that may be absent, but is never present and empty (busmessage.h).
Result<QString> optionalText(const Json::Reader &r, const QString &key)
{
    if (!r.has(key))
        return QString();
    METADATA_TRY(text, r.string(key));
    if (text.isEmpty())
        return std::unexpected(r.error(key, u"empty; leave the member out instead"_s));
    return text;
}

Result<BusMessage> decodeJson(QByteArrayView bytes, qint64 maxBytes)
{
    Json::ParseOptions options;
    options.maxBytes = qsizetype(maxBytes);
    options.maxDepth = 8;  // the message is flat; deeper is nobody's message
    METADATA_TRY(tree, Json::parse(bytes, options));
    const Json::Reader r(tree);
    METADATA_CHECK(r.asObject());
    const Json::Object unknown = r.unknownMembers({Member::type, Member::kind, Member::sender,
                                                   Member::receiver, Member::cycle, Member::nonce,
                                                   Member::name, Member::errorCode, Member::detail,
                                                   Member::payload});
    if (!unknown.isEmpty())
        return std::unexpected(r.error(unknown.firstKey(), u"unexpected member"_s));

    METADATA_TRY(type, r.string(Member::type));
    if (type != kType)
        return std::unexpected(r.error(Member::type, u"\"%1\" is not %2"_s.arg(type, kType)));

    BusMessage m;
    METADATA_TRY(kind, r.string(Member::kind));
    const auto known = std::ranges::find_if(kKinds, [&kind](const KindSpelling &k) {
        return kind == QStringView(k.json);
    });
    if (known == kKinds.end())
        return std::unexpected(r.error(Member::kind, u"unknown kind \"%1\""_s.arg(kind)));
    m.kind = known->kind;

    METADATA_TRY(sender, r.string(Member::sender));
    METADATA_TRY(receiver, r.string(Member::receiver));
    METADATA_TRY(cycle, r.integer(Member::cycle, 0));
    m.sender = sender;
    m.receiver = receiver;
    m.cycle = cycle;
    if (r.has(Member::nonce)) {
        METADATA_TRY(nonce, r.integer(Member::nonce));
        m.nonce = nonce;
    }
    METADATA_TRY(name, optionalText(r, Member::name));
    m.name = name;
    if (r.has(Member::errorCode)) {
        METADATA_TRY(codeName, r.string(Member::errorCode));
        m.errorCode = errorCodeFromName(codeName);
        if (!m.errorCode)
            return std::unexpected(
                r.error(Member::errorCode, u"unknown error code \"%1\""_s.arg(codeName)));
    }
    METADATA_TRY(detail, optionalText(r, Member::detail));
    m.detail = detail;

    METADATA_TRY(text, r.string(Member::payload));
    auto payload = fromBase64Strict(text);
    if (!payload)
        return std::unexpected(r.error(Member::payload, u"not padded standard base64"_s));
    m.payload = std::move(*payload);
    return m;
}

// ---- DER (BusMessage in uptane.asn)

Result<QByteArray> encodeDer(const BusMessage &m)
{
    METADATA_TRY(element, Der::Element::create("BusMessage"));
    detail::der::Writer w(element);
    w.enumeration("kind", spelling(m.kind).der);
    w.string("sender", m.sender);
    w.string("receiver", m.receiver);
    w.integer("cycle", m.cycle);
    w.optional("nonce", m.nonce);
    w.optional("name", m.name.isEmpty() ? std::nullopt : std::optional(m.name));
    w.optional("errorCode", m.errorCode ? std::optional(errorCodeName(*m.errorCode)) : std::nullopt);
    w.optional("detail", m.detail.isEmpty() ? std::nullopt : std::optional(m.detail));
    w.octets("payload", m.payload);
    if (w.error())
        return fail(*w.error());
    return element.encode();
}

Result<BusMessage> decodeDer(QByteArrayView bytes, qint64 maxBytes)
{
    namespace Limit = detail::der::Limit;
    Der::DecodeLimits limits;
    limits.maxBytes = qsizetype(maxBytes);
    limits.maxDepth = 2;      // one SEQUENCE of primitives
    limits.maxElements = 16;  // nine fields at most
    METADATA_TRY(element, Der::Element::decode("BusMessage", bytes, limits));
    detail::der::Reader r(element);

    BusMessage m;
    const qint64 kind = r.integer("kind");
    if (!r.failed() && (kind < 0 || kind >= qint64(kKinds.size())))
        r.violation("kind", u"unknown kind %1"_s.arg(kind));
    if (!r.failed())
        m.kind = kKinds[std::size_t(kind)].kind;
    m.sender = r.string("sender", Limit::identifier);
    m.receiver = r.string("receiver", Limit::identifier);
    m.cycle = r.integer("cycle", 0);
    if (r.has("nonce"))
        m.nonce = r.integer("nonce");
    // Present means not empty (one encoding per message), as in JSON.
    const auto optionalText = [&r](const char *field, qsizetype maxCharacters) {
        if (!r.has(field))
            return QString();
        QString text = r.string(field, maxCharacters);
        if (!r.failed() && text.isEmpty())
            r.violation(field, u"empty; leave the field out instead"_s);
        return text;
    };
    m.name = optionalText("name", Limit::path);
    const QString codeName = optionalText("errorCode", Limit::identifier);
    if (!r.failed() && !codeName.isEmpty()) {
        m.errorCode = errorCodeFromName(codeName);
        if (!m.errorCode)
            r.violation("errorCode", u"unknown error code \"%1\""_s.arg(codeName));
    }
    m.detail = optionalText("detail", Limit::text);
    // The bound is validate()'s (TooLarge); the input size already bounds what is read here.
    m.payload = r.octets("payload", 0, std::numeric_limits<qsizetype>::max());
    if (r.error())
        return fail(*r.error());
    return m;
}

} // namespace

QString busMessageKindName(BusMessage::Kind kind)
{
    return QString::fromUtf16(spelling(kind).json);
}

Result<QByteArray> encodeBusMessage(const BusMessage &message, Encoding encoding)
{
    if (auto invalid = validate(message)) {
        if (invalid->code == ErrorCode::SchemaViolation)
            invalid->code = ErrorCode::InvalidArgument;
        return fail(*invalid);
    }
    METADATA_TRY(bytes, encoding == Encoding::Json ? Result<QByteArray>(encodeJson(message))
                                                   : encodeDer(message));
    if (bytes.size() > kMaxBusMessageBytes)
        return fail(ErrorCode::TooLarge, u"%1 message of %2 bytes, more than the %3 the bus "
                                         u"carries"_s.arg(busMessageKindName(message.kind))
                                             .arg(bytes.size()).arg(kMaxBusMessageBytes));
    return bytes;
}

Result<BusMessage> decodeBusMessage(QByteArrayView bytes, Encoding encoding, qint64 maxBytes)
{
    // Before any parsing: an oversize message costs nothing but this comparison.
    if (bytes.size() > maxBytes)
        return fail(ErrorCode::TooLarge, u"bus message of %1 bytes, more than the %2 allowed"_s
                                             .arg(bytes.size()).arg(maxBytes));
    METADATA_TRY(message, encoding == Encoding::Json ? decodeJson(bytes, maxBytes)
                                                     : decodeDer(bytes, maxBytes));
    if (auto invalid = validate(message))
        return fail(*invalid);
    return message;
}

} // namespace Uptane::Metadata
