#include "services/timeserver.h"

#include "encoding/json.h"
#include "encoding/jsonreader.h"
#include "metadata/codec.h"
#include "services/keyring.h"

using namespace Qt::StringLiterals;

namespace Uptane::Services {

QString TimeServer::keyName()
{
    return u"timeserver"_s;
}

TimeServer::TimeServer(Crypto::PrivateKey key, const Clock &clock, Metadata::Encoding encoding)
    : m_key(std::move(key)),
      m_keyid(Metadata::computeKeyId(m_key.publicKey())),
      m_clock(clock),
      m_encoding(encoding)
{
}

Result<std::unique_ptr<TimeServer>> TimeServer::open(KeyRing &keys, const Clock &clock,
                                                     Metadata::Encoding encoding,
                                                     Crypto::KeyType keyType)
{
    // An existing key keeps its type: vehicles pinned it, so changing it would be a rotation.
    auto key = keys.contains(keyName()) ? keys.load(keyName())
                                        : keys.loadOrCreate(keyName(), keyType, false);
    if (!key)
        return fail(key.error().context(u"time server key"_s));
    if (auto info = keys.info(keyName()); info && info->offline)
        return fail(ErrorCode::InvalidArgument, u"the time server key must be online"_s);
    return std::unique_ptr<TimeServer>(new TimeServer(*key, clock, encoding));
}

Result<Metadata::Signed<Metadata::TimeAttestation>> TimeServer::attest(const QList<qint64> &nonces)
{
    if (nonces.isEmpty())
        return fail(ErrorCode::InvalidArgument, u"time attestation: no nonce to attest"_s);
    if (nonces.size() > kMaxNonces)
        return fail(ErrorCode::InvalidArgument,
                    u"time attestation: %1 nonces, at most %2"_s.arg(nonces.size()).arg(kMaxNonces));
    Metadata::TimeAttestation body;
    body.time = m_clock.now().toUTC();
    body.nonces = nonces;
    return Metadata::sign(body, m_encoding, {m_key});
}

Result<QByteArray> TimeServer::attestBytes(const QList<qint64> &nonces)
{
    auto attestation = attest(nonces);
    if (!attestation)
        return fail(attestation.error());
    auto bytes = Metadata::serialize(*attestation);
    if (!bytes)
        return fail(bytes.error());
    if (m_onEvent) {
        LabEvent event;
        event.time = attestation->body.time;
        event.from = u"timeserver"_s;
        event.kind = LabEvent::Kind::AttestationIssued;
        event.summary = u"time %1, %2 nonce(s)"_s.arg(attestation->body.time.toString(Qt::ISODate))
                            .arg(nonces.size());
        event.bytes = bytes->left(kMaxEventBytes);
        event.totalBytes = bytes->size();
        m_onEvent(event);
    }
    return bytes;
}

Result<QByteArray> TimeServer::handleRequest(QByteArrayView body)
{
    auto nonces = parseRequest(body);
    if (!nonces)
        return fail(nonces.error());
    return attestBytes(*nonces);
}

Result<QList<qint64>> TimeServer::parseRequest(QByteArrayView body)
{
    if (body.size() > kMaxRequestBytes)
        return fail(ErrorCode::TooLarge, u"attestation request: %1 bytes, at most %2"_s
                                             .arg(body.size()).arg(kMaxRequestBytes));
    auto value = Json::parse(body, Json::ParseOptions{.maxBytes = kMaxRequestBytes, .maxDepth = 3});
    if (!value)
        return fail(value.error().context(u"attestation request"_s));
    const Json::Reader request(*value);
    if (!value->isObject())
        return fail(request.error(u"expected an object {\"nonces\": [...]}"_s));
    const Json::Object extra = request.unknownMembers({u"nonces"_s});
    if (!extra.isEmpty())
        return fail(request.error(extra.firstKey(), u"unexpected member"_s));
    auto array = request.array(u"nonces"_s);
    if (!array)
        return fail(array.error());
    const qsizetype count = array->value().toArray().size();
    if (count == 0 || count > kMaxNonces)
        return fail(array->error(u"expected 1 to %1 nonces, got %2"_s.arg(kMaxNonces).arg(count)));
    QList<qint64> nonces;
    nonces.reserve(count);
    for (qsizetype i = 0; i < count; ++i) {
        auto nonce = array->at(i).asInteger();
        if (!nonce)
            return fail(nonce.error());
        nonces.append(*nonce);
    }
    return nonces;
}

QByteArray TimeServer::requestBody(const QList<qint64> &nonces)
{
    Json::Array array;
    for (qint64 nonce : nonces)
        array.append(nonce);
    // Integers only: canonical() cannot fail on this tree.
    return Json::canonical(Json::Object{{u"nonces"_s, array}}).value_or(QByteArray());
}

} // namespace Uptane::Services
