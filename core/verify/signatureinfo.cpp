#include "verify/signatureinfo.h"

#include "metadata/codec.h"

using namespace Qt::StringLiterals;

namespace Uptane::Verify {

using namespace Metadata;

namespace {

struct Envelope
{
    QByteArray signedBytes;
    QList<Signature> signatures;
};

template <typename T>
Result<Envelope> envelopeAs(QByteArrayView bytes, Encoding encoding)
{
    auto parsed = parse<T>(bytes, encoding);
    if (!parsed)
        return fail(parsed.error());
    return Envelope{parsed->signedBytes, parsed->signatures};
}

// Any of our documents: the codec's parser for the type the file names.
Result<Envelope> envelopeOf(QByteArrayView bytes, Encoding encoding, const QString &type)
{
    if (type == u"root")
        return envelopeAs<Root>(bytes, encoding);
    if (type == u"targets")
        return envelopeAs<Targets>(bytes, encoding);
    if (type == u"snapshot")
        return envelopeAs<Snapshot>(bytes, encoding);
    if (type == u"timestamp")
        return envelopeAs<Timestamp>(bytes, encoding);
    if (type == u"ecu_manifest")
        return envelopeAs<EcuManifest>(bytes, encoding);
    if (type == u"vehicle_manifest")
        return envelopeAs<VehicleManifest>(bytes, encoding);
    if (type == u"time_attestation")
        return envelopeAs<TimeAttestation>(bytes, encoding);
    return fail(ErrorCode::WrongType, u"no metadata type \"%1\""_s.arg(type));
}

bool isTopLevel(const QString &role)
{
    return role == u"root" || role == u"timestamp" || role == u"snapshot" || role == u"targets";
}

} // namespace

QString signatureStatusName(SignatureInfo::Status status)
{
    switch (status) {
    case SignatureInfo::Status::Valid: return u"Valid"_s;
    case SignatureInfo::Status::Duplicate: return u"Duplicate"_s;
    case SignatureInfo::Status::BadSignature: return u"BadSignature"_s;
    case SignatureInfo::Status::NotListed: return u"NotListed"_s;
    case SignatureInfo::Status::UnknownKey: return u"UnknownKey"_s;
    case SignatureInfo::Status::UnusableKey: return u"UnusableKey"_s;
    }
    return {};
}

SignatureReport describeSignatures(const QByteArray &signedBytes, const QList<Signature> &signatures,
                                   const QMap<QString, KeyEntry> &keys,
                                   const std::optional<RoleKeys> &roleKeys, const QString &roleName)
{
    SignatureReport report;
    report.role = roleName;
    report.threshold = roleKeys ? roleKeys->threshold : 0;
    // Counted as verifyThreshold() counts: by keyid and by key material (one key listed under
    // two ids adds once).
    QStringList countedIds;
    QList<Crypto::PublicKey> countedKeys;
    for (const Signature &signature : signatures) {
        SignatureInfo info;
        info.keyid = signature.keyid;
        info.value = signature.value;
        info.listed = roleKeys && roleKeys->keyids.contains(signature.keyid);
        const auto entry = keys.constFind(signature.keyid);
        const bool known = entry != keys.constEnd();
        if (known) {
            info.keyType = entry->keytype.isEmpty() && !entry->key.isNull() ? entry->key.keyTypeName()
                                                                              : entry->keytype;
            info.method = entry->scheme.isEmpty() && !entry->key.isNull() ? entry->key.schemeName()
                                                                           : entry->scheme;
            info.verifies = !entry->key.isNull() && !signature.value.isEmpty()
                && entry->key.verify(signedBytes, signature.value);
        }
        if (!info.listed)
            info.status = SignatureInfo::Status::NotListed;
        else if (!known)
            info.status = SignatureInfo::Status::UnknownKey;
        else if (entry->key.isNull())
            info.status = SignatureInfo::Status::UnusableKey;
        else if (!info.verifies)
            info.status = SignatureInfo::Status::BadSignature;
        else if (countedIds.contains(signature.keyid) || countedKeys.contains(entry->key))
            info.status = SignatureInfo::Status::Duplicate;
        else {
            info.status = SignatureInfo::Status::Valid;
            countedIds.append(signature.keyid);
            countedKeys.append(entry->key);
        }
        report.signatures.append(info);
    }
    report.validCount = int(countedIds.size());
    if (!roleKeys) {
        report.error = Error{ErrorCode::MissingRole, u"no keys listed for %1"_s.arg(roleName)};
    } else if (report.validCount < roleKeys->threshold || roleKeys->threshold < 1) {
        report.error = Error{ErrorCode::ThresholdNotMet,
                             u"%1 has %2 of %3 required valid signatures"_s.arg(roleName)
                                 .arg(report.validCount)
                                 .arg(roleKeys->threshold)};
    }
    return report;
}

Result<SignatureReport> describeFileSignatures(QByteArrayView bytes, Encoding encoding,
                                               const QString &role, QByteArrayView delegatorBytes)
{
    auto type = peekType(bytes, encoding);
    if (!type)
        return fail(type.error());
    auto envelope = envelopeOf(bytes, encoding, *type);
    if (!envelope)
        return fail(envelope.error());
    const QString roleName = *type == u"root" ? u"root"_s : role;

    QMap<QString, KeyEntry> keys;
    std::optional<RoleKeys> roleKeys;
    QString delegator;
    if (delegatorBytes.isEmpty()) {
        // Nobody to ask: every signature names a key nobody listed.
        SignatureReport report = describeSignatures(envelope->signedBytes, envelope->signatures, {},
                                                    RoleKeys{{}, 0, {}}, roleName);
        for (SignatureInfo &info : report.signatures)
            info.status = SignatureInfo::Status::UnknownKey;
        report.type = *type;
        report.threshold = 0;
        report.error.reset();
        return report;
    }
    if (isTopLevel(roleName)) {
        auto root = parse<Root>(delegatorBytes, encoding);
        if (!root)
            return fail(root.error().context(u"delegating root"_s));
        keys = root->body.keys;
        if (root->body.roles.contains(roleName))
            roleKeys = root->body.roles.value(roleName);
        delegator = u"root"_s;
    } else {
        auto targets = parse<Targets>(delegatorBytes, encoding);
        if (!targets)
            return fail(targets.error().context(u"delegating targets"_s));
        if (targets->body.delegations) {
            keys = targets->body.delegations->keys;
            for (const DelegatedRole &delegated : std::as_const(targets->body.delegations->roles)) {
                if (delegated.name == roleName) {
                    roleKeys = RoleKeys{delegated.keyids, delegated.threshold, {}};
                    break;
                }
            }
        }
        delegator = u"targets"_s;
    }
    SignatureReport report = describeSignatures(envelope->signedBytes, envelope->signatures, keys,
                                                roleKeys, roleName);
    report.type = *type;
    report.delegator = delegator;
    return report;
}

} // namespace Uptane::Verify
