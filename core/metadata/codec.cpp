#include "metadata/codec.h"
#include "metadata/codec_p.h"

namespace Uptane::Metadata {

template <typename T>
Result<Signed<T>> parse(QByteArrayView bytes, Encoding encoding)
{
    return encoding == Encoding::Json ? detail::parseJson<T>(bytes) : detail::parseDer<T>(bytes);
}

template <typename T>
Result<QByteArray> signedBytes(const T &body, Encoding encoding)
{
    return encoding == Encoding::Json ? detail::signedBytesJson<T>(body)
                                      : detail::signedBytesDer<T>(body);
}

template <typename T>
Result<QByteArray> serialize(const Signed<T> &metadata)
{
    return metadata.encoding == Encoding::Json ? detail::serializeJson<T>(metadata)
                                               : detail::serializeDer<T>(metadata);
}

template <typename T>
Result<Signed<T>> sign(const T &body, Encoding encoding, const QList<Crypto::PrivateKey> &keys)
{
    auto bytes = signedBytes(body, encoding);
    if (!bytes)
        return fail(bytes.error());
    Signed<T> result;
    result.body = body;
    result.encoding = encoding;
    result.signedBytes = *bytes;
    for (const Crypto::PrivateKey &key : keys) {
        auto signature = key.sign(*bytes);
        if (!signature)
            return fail(signature.error());
        result.signatures.append(Signature{computeKeyId(key.publicKey()), *signature});
    }
    return result;
}

template <typename T>
Result<QByteArray> signAndSerialize(const T &body, Encoding encoding,
                                    const QList<Crypto::PrivateKey> &keys)
{
    auto metadata = sign(body, encoding, keys);
    if (!metadata)
        return fail(metadata.error());
    return serialize(*metadata);
}

Result<QString> peekType(QByteArrayView bytes, Encoding encoding)
{
    return encoding == Encoding::Json ? detail::peekTypeJson(bytes) : detail::peekTypeDer(bytes);
}

#define UPTANE_INSTANTIATE_CODEC(T)                                                           \
    template Result<Signed<T>> parse<T>(QByteArrayView, Encoding);                            \
    template Result<QByteArray> signedBytes<T>(const T &, Encoding);                          \
    template Result<QByteArray> serialize<T>(const Signed<T> &);                              \
    template Result<Signed<T>> sign<T>(const T &, Encoding, const QList<Crypto::PrivateKey> &); \
    template Result<QByteArray> signAndSerialize<T>(const T &, Encoding,                      \
                                                    const QList<Crypto::PrivateKey> &);

UPTANE_INSTANTIATE_CODEC(Root)
UPTANE_INSTANTIATE_CODEC(Targets)
UPTANE_INSTANTIATE_CODEC(Snapshot)
UPTANE_INSTANTIATE_CODEC(Timestamp)
UPTANE_INSTANTIATE_CODEC(EcuManifest)
UPTANE_INSTANTIATE_CODEC(VehicleManifest)
UPTANE_INSTANTIATE_CODEC(TimeAttestation)

} // namespace Uptane::Metadata
