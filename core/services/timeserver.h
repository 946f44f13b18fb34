#pragma once

// The Time Server (Uptane Deployment Considerations, pre-2.0 "Time Server"): ECUs without a
// trustworthy clock send it nonces through their Primary; it answers with the current time
// and every nonce it was sent, signed with its own key. An ECU accepts the attestation when
// the signature verifies under the key it pinned, its nonce is listed and the time does not
// go backwards (core/verify checks that; this class only signs).
//
// Key: "timeserver" in the workspace KeyRing; keys/timeserver.pub is its public key as a TUF
// key object (KeyRing), the file a vehicle pins at provisioning time.
//
// Request body (both workspace encodings): JSON {"nonces": [<integer>, ...]}, 1 to
// kMaxNonces signed 64-bit integers, nothing else. Our ASN.1 module has no request type, and
// a request carries nothing signed, so one simple format serves both encodings. The answer
// is a Signed<TimeAttestation> in the workspace encoding (codec.h: a "time_attestation"
// JSON document or the DER Metadata timeAttestation alternative).
//
// Time comes from an injectable Clock, so scenarios can freeze or rewind it. Not
// thread-safe: one owner (the services thread). KeyRing and Clock must outlive it.

#include "common/clock.h"
#include "common/labevent.h"
#include "metadata/signed.h"

#include <functional>
#include <memory>

namespace Uptane::Services {

class KeyRing;

class TimeServer
{
public:
    using EventCallback = std::function<void(const LabEvent &)>;

    // Requests list at most this many nonces (the SIZE bound of TimeAttestation.nonces).
    static constexpr qsizetype kMaxNonces = 1024;
    // ... and are at most this long (1024 twenty-digit nonces fit with room to spare).
    static constexpr qsizetype kMaxRequestBytes = 64 * 1024;

    // The KeyRing name of the signing key.
    static QString keyName();

    // Loads the "timeserver" key, generating it (of keyType) on first use; an existing key
    // is used whatever its type. The KeyRing's errors (IoError, InvalidKey, InvalidArgument
    // when "timeserver" is an offline key).
    static Result<std::unique_ptr<TimeServer>> open(KeyRing &keys, const Clock &clock,
                                                    Metadata::Encoding encoding,
                                                    Crypto::KeyType keyType = Crypto::KeyType::Ed25519);

    Metadata::Encoding encoding() const { return m_encoding; }
    Crypto::PublicKey publicKey() const { return m_key.publicKey(); }
    QString keyid() const { return m_keyid; }

    // Without a callback, events are dropped.
    void setEventCallback(EventCallback callback) { m_onEvent = std::move(callback); }

    // Signs {time: clock now, nonces} (nonces kept in the order given, duplicates included).
    // InvalidArgument for an empty list (an attestation without a nonce proves no freshness)
    // or more than kMaxNonces; the codec's and signer's errors.
    Result<Metadata::Signed<Metadata::TimeAttestation>> attest(const QList<qint64> &nonces);
    // attest() serialized, and an AttestationIssued event carrying the bytes.
    Result<QByteArray> attestBytes(const QList<qint64> &nonces);

    // The HTTP handler: parseRequest() then attestBytes().
    Result<QByteArray> handleRequest(QByteArrayView body);

    // Reads a request body. TooLarge beyond kMaxRequestBytes; MalformedJson; SchemaViolation
    // for anything but an object with exactly "nonces", an array of 1..kMaxNonces integers.
    static Result<QList<qint64>> parseRequest(QByteArrayView body);
    // Writes one (for clients and tests).
    static QByteArray requestBody(const QList<qint64> &nonces);

private:
    TimeServer(Crypto::PrivateKey key, const Clock &clock, Metadata::Encoding encoding);

    Crypto::PrivateKey m_key;
    QString m_keyid;
    const Clock &m_clock;
    Metadata::Encoding m_encoding;
    EventCallback m_onEvent;
};

} // namespace Uptane::Services
