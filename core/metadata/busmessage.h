#pragma once

// The messages a Primary and its Secondaries exchange over the in-vehicle bus (core/net
// VehicleBus carries them as bytes). One envelope type for every step of an update cycle, in
// the workspace encoding, so the GUI can show the exact bytes and an attacker on the bus can
// only change bytes:
//
//   Primary -> Secondary         Secondary -> Primary (reply to each request)
//   NonceRequest                 Nonce          nonce: a fresh one for this cycle
//   Attestation (payload)        Ack            payload: the Time Server's signed attestation
//   MetadataBundle (payload)     Ack, name      payload: a tar of both repositories (full
//                                               verification); name in the Ack: the image the
//                                               Secondary wants, "" for none
//   DirectorTargets (payload)    Ack, name      payload: a tar of the Director's targets (and
//                                               roots) for partial verification
//   Image (name, payload)        Ack            the image bytes
//   ManifestRequest              EcuManifest    payload: the ECU's signed ECU Version Manifest
//
// An Ack with errorCode set reports a refusal (detail: English, technical).
//
// JSON: {"_type": "bus_message", "kind": "nonce_request" | "nonce" | "attestation" |
//   "metadata_bundle" | "director_targets" | "image" | "manifest_request" | "ecu_manifest" |
//   "ack", "sender", "receiver", "cycle", "nonce"?, "name"?, "error_code"?, "detail"?,
//   "payload": base64 (standard alphabet, padded; "" when empty)}. No unknown members.
// DER: BusMessage in resources/asn1/uptane.asn.

#include "metadata/types.h"

namespace Uptane::Metadata {

// Upper bound of one bus message (an image of up to 48 MiB in base64 fits).
inline constexpr qint64 kMaxBusMessageBytes = 64LL * 1024 * 1024;

struct BusMessage
{
    enum class Kind {
        NonceRequest,
        Nonce,
        Attestation,
        MetadataBundle,
        DirectorTargets,
        Image,
        ManifestRequest,
        EcuManifest,
        Ack,
    };

    Kind kind = Kind::Ack;
    QString sender;                 // ECU serial (Workspace::isSafeName)
    QString receiver;               // ECU serial
    qint64 cycle = 0;               // the Primary's cycle number, echoed in replies (>= 0)
    std::optional<qint64> nonce;    // Nonce
    QString name;                   // Image: target path; Ack: the image wanted ("" none)
    std::optional<ErrorCode> errorCode;  // Ack: the refusal
    QString detail;                 // Ack: English detail of the refusal
    QByteArray payload;

    bool operator==(const BusMessage &) const = default;
};

// "nonce_request", "metadata_bundle", ... (the JSON spelling).
QString busMessageKindName(BusMessage::Kind kind);

// Encodes a message. InvalidArgument for unsafe sender/receiver names or a negative cycle;
// TooLarge when the encoding would exceed kMaxBusMessageBytes.
Result<QByteArray> encodeBusMessage(const BusMessage &message, Encoding encoding);

// Decodes one message, strictly: TooLarge above maxBytes (checked before parsing),
// MalformedJson / MalformedDer, SchemaViolation (unknown kind or error code, unknown or
// missing members, bad base64, unsafe names, a field the kind does not carry).
Result<BusMessage> decodeBusMessage(QByteArrayView bytes, Encoding encoding,
                                    qint64 maxBytes = kMaxBusMessageBytes);

} // namespace Uptane::Metadata
