#pragma once

// The error contract of the whole core: fallible calls return Result<T>, which holds either
// the value or an Error. An Error carries an ErrorCode named after the spec failure it
// reports, plus an English technical detail for logs. Tests assert on codes; widgets map
// codes to translated sentences. No exception ever crosses a core API.

#include <QString>
#include <QMetaType>

#include <expected>
#include <optional>

namespace Uptane {

// One code per distinct failure. Codes are stable identifiers: they appear in logs, reports,
// scenario expectations and the JSON output of the command line (see errorCodeName()).
enum class ErrorCode {
    // -- generic input and environment
    InvalidArgument,        // a caller passed something unusable
    IoError,                // reading or writing a file failed
    NotFound,               // a file, key or record does not exist
    Unsupported,            // a valid but unsupported algorithm, version or feature

    // -- encodings (core/encoding)
    MalformedJson,          // not JSON at all, or not strict JSON (syntax, duplicate keys)
    MalformedDer,           // not DER: bad tag, bad length, trailing bytes, non-minimal form
    SchemaViolation,        // parses, but a field is missing, of the wrong type or out of range
    TooDeep,                // nesting deeper than the reader allows
    TooLarge,               // input larger than the reader or fetcher allows
    NotCanonical,           // a value canonical JSON cannot represent (e.g. a float)

    // -- crypto (core/crypto)
    CryptoFailure,          // the crypto library failed (out of memory, internal error)
    SelfTestFailed,         // a known-answer vector did not reproduce
    InvalidKey,             // a key that cannot be parsed or does not fit its type/scheme
    UnknownKeyType,         // keytype/scheme pair TUF does not define
    BadSignature,           // a signature that does not verify (informational in reports)

    // -- TUF/Uptane metadata checks (core/verify), TUF 1.0 §5 and Uptane §5.4.4
    WrongType,              // _type is not the role expected here (TUF §4)
    UnsupportedSpecVersion, // spec_version not 1.x (TUF §4)
    ThresholdNotMet,        // fewer distinct valid signatures than the threshold (§5.3.4 ...)
    RootThresholdOld,       // new root not signed by threshold of the trusted root (§5.3.4)
    RootThresholdNew,       // new root not signed by threshold of itself (§5.3.4)
    BadVersion,             // a version that is not exactly the expected one (§5.3.5, §5.5.4, §5.6.4)
    VersionMismatch,        // version in the file differs from the one its name/listing implies
    Rollback,               // a version lower than the trusted one (§5.4.3, §5.5.5)
    Expired,                // metadata past its expiry at the reference time (freeze attack)
    HashMismatch,           // bytes do not match a listed hash (§5.5.2, §5.6.2, §5.7.3)
    LengthMismatch,         // bytes longer/shorter than the listed length (endless data)
    RoleRemoved,            // a file listed in the trusted snapshot vanished (§5.5.5)
    MissingRole,            // a role the metadata must list is absent
    DuplicateKey,           // one key listed twice, or a role naming a keyid twice
    DuplicateRoleName,      // two delegations with one name
    TargetNotFound,         // no trusted metadata lists the target (§5.7.2)
    DelegationNotAllowed,   // a delegated role listed a target outside its paths
    DelegationLimit,        // more delegated roles visited than allowed (§5.6.7.1)
    DelegationNotInSnapshot,// a delegated role the snapshot does not list (§5.6.7)
    TooManyRootRotations,   // more intermediate roots than allowed (§5.3.3)
    EqualVersion,           // new timestamp equals the trusted one: nothing to do (§5.4.3.1)
    NotTrusted,             // an operation needs trusted metadata that is not loaded yet

    // -- Uptane specifics (Standard §5.4.4)
    DirectorHasDelegations, // Director targets must not delegate
    DuplicateEcu,           // one ECU id listed twice in Director targets
    UnknownEcu,             // an ECU id that is not in this vehicle / inventory
    TargetMismatch,         // Director and Image Repository disagree on a target
    HardwareIdMismatch,     // target's hardware id is not this ECU's
    ReleaseCounterRollback, // release counter lower than the installed image's
    BadTimeAttestation,     // signature, nonce or monotonic time check failed
    NonceMissing,           // this ECU's nonce is absent from the attestation
    TimeWentBackwards,      // attested time earlier than the last verified one
    ReusedNonce,            // the Director saw this nonce/counter before
    SpoofedEcu,             // a manifest's serial does not match its signer
    UnknownVehicle,         // a VIN the Director's inventory does not know

    // -- network (core/net)
    ConnectionFailed,       // refused, unreachable, DNS
    HttpError,              // a non-2xx status (detail carries the status)
    SlowRetrieval,          // below the low-speed limit for too long
    Timeout,                // the whole transfer took too long
    Cancelled,              // the caller cancelled
};

// Stable English name of a code, e.g. "ThresholdNotMet".
QString errorCodeName(ErrorCode code);
// The code a name stands for (the inverse of errorCodeName); nullopt for an unknown name.
std::optional<ErrorCode> errorCodeFromName(const QString &name);

struct Error
{
    ErrorCode code = ErrorCode::InvalidArgument;
    QString detail;  // English, technical, for logs; never shown untranslated in the GUI

    // "ThresholdNotMet: timestamp has 0 of 1 signatures"
    QString toString() const;
    // Prepend context, keeping the code: Error{Expired, "x"}.context("snapshot") -> "snapshot: x"
    Error context(const QString &where) const;
};

template <typename T>
using Result = std::expected<T, Error>;

// Shorthand to build the unexpected branch: return fail(ErrorCode::Expired, u"..."_s);
inline std::unexpected<Error> fail(ErrorCode code, const QString &detail)
{
    return std::unexpected<Error>(Error{code, detail});
}
inline std::unexpected<Error> fail(Error error)
{
    return std::unexpected<Error>(std::move(error));
}

} // namespace Uptane

Q_DECLARE_METATYPE(Uptane::Error)
