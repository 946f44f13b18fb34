#pragma once

// Reading and writing metadata files in either encoding.
//
// JSON (TUF 1.0 §4): {"signatures": [{"keyid", "sig" (hex)}], "signed": {"_type", ...}};
// signatures cover canonical JSON of "signed". Unknown members survive a round trip.
// DER (resources/asn1/uptane.asn): a Metadata SEQUENCE {signed, signatures}; signatures cover
// the DER bytes of the signed element. Decoding is strict DER (no trailing bytes, minimal
// lengths, expected tags only).
//
// Failures: MalformedJson / MalformedDer for undecodable bytes, SchemaViolation (with the
// field path) for missing or mistyped fields, WrongType when "_type" names another role,
// UnsupportedSpecVersion for a spec_version other than 1.x, NotCanonical for floats,
// Unsupported when a DER writer meets JSON-only content (arbitrary custom fields).

#include "metadata/signed.h"

namespace Uptane::Metadata {

// Supported T: Root, Targets, Snapshot, Timestamp, EcuManifest, VehicleManifest, TimeAttestation.

// Parses a whole file. For roles, "_type" must match T (delegated targets use "targets").
template <typename T>
Result<Signed<T>> parse(QByteArrayView bytes, Encoding encoding);

// The bytes signatures cover for this body (canonical JSON of "signed", or DER of Signed).
template <typename T>
Result<QByteArray> signedBytes(const T &body, Encoding encoding);

// Writes a whole file from a body and its signatures. Round trip: parse(serialize(x)) == x.
// JSON files are written with the canonical form of the whole envelope (compact, sorted),
// except that control characters inside strings (the newlines of PEM keys) are escaped:
// canonical JSON keeps them raw, which RFC 8259 readers (python-tuf, tuf-js, ours) refuse.
template <typename T>
Result<QByteArray> serialize(const Signed<T> &metadata);

// Signs body with each key (in order) and returns the envelope ready for serialize().
template <typename T>
Result<Signed<T>> sign(const T &body, Encoding encoding, const QList<Crypto::PrivateKey> &keys);

// Convenience: sign() then serialize().
template <typename T>
Result<QByteArray> signAndSerialize(const T &body, Encoding encoding,
                                    const QList<Crypto::PrivateKey> &keys);

// Reads just "_type" (JSON) or the role tag (DER) without full validation, for inspectors.
Result<QString> peekType(QByteArrayView bytes, Encoding encoding);

} // namespace Uptane::Metadata
