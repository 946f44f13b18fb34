#pragma once

// What an inspector says about the signatures of one metadata document: for each signature
// its key id, the method (scheme) of the key it names, whether the delegating role lists that
// key, whether it verifies over the signed bytes, and whether it counts toward the threshold
// — the same rules as verifyThreshold() (trustedrepository.h, TUF 1.0 §5.3.4 / §5.4.2 /
// §5.5.3 / §5.6.3 / §5.6.7.2): listed keyid, known usable key, non-empty valid signature,
// each keyid and each key counted once.
//
// Who delegates: root lists the keys of the top-level roles (root, timestamp, snapshot,
// targets); a targets role lists the keys of the roles it delegates to. The caller passes the
// delegating metadata the same node trusts, so the answer is the one that node would reach.

#include "common/error.h"
#include "metadata/types.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QMap>
#include <QString>

#include <optional>

namespace Uptane::Verify {

struct SignatureInfo
{
    enum class Status {
        Valid,          // counts toward the threshold
        Duplicate,      // valid, but its keyid or key already counted
        BadSignature,   // the listed key does not verify it (or it is empty)
        NotListed,      // the role does not list this keyid
        UnknownKey,     // listed, but no key of that id is known
        UnusableKey,    // the key could not be loaded (unsupported type, bad material)
    };
    QString keyid;
    QByteArray value;        // raw signature bytes
    QString keyType;         // of the key the keyid names ("ed25519", "rsa" ...); empty if unknown
    QString method;          // its scheme ("ed25519", "rsassa-pss-sha256" ...); empty if unknown
    bool listed = false;     // the role lists the keyid
    bool verifies = false;   // a known key of that id verifies the signature
    Status status = Status::BadSignature;
};

// "Valid", "Duplicate", "BadSignature", "NotListed", "UnknownKey", "UnusableKey".
QString signatureStatusName(SignatureInfo::Status status);

struct SignatureReport
{
    QString type;             // "_type" / DER alternative: "root", "targets", "ecu_manifest" ...
    QString role;             // the role the signatures were checked for
    QString delegator;        // "root" or the delegating targets role; empty when no keys
    qint64 threshold = 0;     // 0 when the role is not listed at all
    int validCount = 0;       // distinct keys that count
    QList<SignatureInfo> signatures;
    // Empty when the threshold is met; ThresholdNotMet otherwise (MissingRole when the
    // delegator does not list the role).
    std::optional<Error> error;
};

// The low-level form: signatures over signedBytes against keys and the role's entry.
SignatureReport describeSignatures(const QByteArray &signedBytes,
                                   const QList<Metadata::Signature> &signatures,
                                   const QMap<QString, Metadata::KeyEntry> &keys,
                                   const std::optional<Metadata::RoleKeys> &roleKeys,
                                   const QString &roleName);

// A whole file in either encoding: its type read with Metadata::peekType, then parsed for
// its signed bytes and signatures; checked for `role` against `delegatorBytes`:
//   - a root file, or role one of timestamp/snapshot/targets: delegatorBytes is a root
//     (for a root file, usually itself: "signed by its own keys", TUF §5.3.4);
//   - any other role: delegatorBytes is the targets metadata whose delegations list it.
// Empty delegatorBytes: every signature is described as UnknownKey, threshold 0.
// MalformedJson / MalformedDer / SchemaViolation / WrongType from the codec for a file or
// delegator that does not parse.
Result<SignatureReport> describeFileSignatures(QByteArrayView bytes, Metadata::Encoding encoding,
                                               const QString &role, QByteArrayView delegatorBytes);

} // namespace Uptane::Verify
