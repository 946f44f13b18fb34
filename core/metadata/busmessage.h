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
//   Written by Json::pretty() (sorted, indented, control characters escaped): nothing signs
//   these bytes, and canonical JSON's raw control characters would not read back strictly.
// DER: BusMessage in resources/asn1/uptane.asn.

#include "metadata/types.h"

namespace Uptane::Metadata {

// Upper bound of one bus message (a payload of kMaxBusPayloadBytes in base64 fits).
inline constexpr qint64 kMaxBusMessageBytes = 64LL * 1024 * 1024;
// Upper bound of a payload: 48 MiB less 64 KiB, so that every message the codec accepts
// encodes within kMaxBusMessageBytes in JSON too (base64 adds a third, the envelope the rest).
// Images larger than this cannot go over the bus. Cost is linear in the payload, but not
// small: libtasn1 copies an OCTET STRING about five times (write, encode twice, decode, the
// strict re-encoding check), JSON goes through base64 and UTF-16. Measured on the 2-core CI
// VM (tst_busmessage payloadBoundHolds logs it): 1 MiB takes under 5 ms in DER and ~50 ms
// in JSON; 47 MiB takes ~1 s to encode and ~1.5 s to decode in either encoding, most of it
// page faults on fresh buffers above glibc's 32 MiB mmap threshold.
inline constexpr qint64 kMaxBusPayloadBytes = 48LL * 1024 * 1024 - 64 * 1024;
// Upper bounds of the text fields, in characters (Unicode code points), as uptane.asn's
// TargetPath and Text: a longer refusal detail must be shortened by whoever builds the Ack.
inline constexpr qsizetype kMaxBusNameCharacters = 4096;
inline constexpr qsizetype kMaxBusDetailCharacters = 8192;

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
    QString sender;                 // ECU serial (isSafeName, common/safename.h)
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

// Which fields each kind carries (the decoder refuses the others when set):
//   nonce      Nonce only, and Nonce always;
//   name       Image (required, not empty) and Ack (optional);
//   errorCode  Ack only; detail only beside an errorCode;
//   payload    Attestation, MetadataBundle, DirectorTargets, Image, EcuManifest (may be
//              empty); every other kind has an empty payload.
// An empty name or detail is "absent": the encodings leave the member out, and the decoder
// refuses it present but empty, so each message has exactly one encoding.

// Encodes a message. InvalidArgument for anything decodeBusMessage would refuse as a
// SchemaViolation (unsafe sender/receiver names, a negative cycle, a field the kind does not
// carry, a text over its bound, a lone surrogate); TooLarge for a payload above
// kMaxBusPayloadBytes or an encoding above kMaxBusMessageBytes. Whatever it encodes decodes.
Result<QByteArray> encodeBusMessage(const BusMessage &message, Encoding encoding);

// Decodes one message, strictly: TooLarge above maxBytes (checked before parsing) or for a
// payload above kMaxBusPayloadBytes, MalformedJson / MalformedDer (TooDeep for absurd JSON
// nesting), SchemaViolation (wrong _type, unknown kind or error code, unknown or missing
// members, bad base64 (not the padded standard alphabet), unsafe names, a negative cycle, a
// field the kind does not carry, a text over its bound).
Result<BusMessage> decodeBusMessage(QByteArrayView bytes, Encoding encoding,
                                    qint64 maxBytes = kMaxBusMessageBytes);

} // namespace Uptane::Metadata
