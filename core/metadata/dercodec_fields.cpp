// Field types several bodies of the DER codec share: keys (TUF §4.2 KEY), hashes, targets
// (TUF §4.5 TARGETPATH with the Uptane custom fields), meta files (TUF §4.4 METAFILES),
// signatures and the common role fields.

#include "metadata/dercodec_p.h"

#include <QRegularExpression>
#include <QSet>

using namespace Qt::StringLiterals;

namespace Uptane::Metadata::detail::der {

namespace {

// KeyType of uptane.asn.
enum KeyTypeValue : qint64 { Ed25519 = 0, Rsa = 1, Ecdsa = 2, EcdsaSha2Nistp256 = 3 };
constexpr auto kLegacyEcdsa = u"ecdsa-sha2-nistp256";

} // namespace

// ---- keys: PublicKey ::= { keyid, keyType, value }

void writeKeys(Writer &w, const Name &name, const QMap<QString, KeyEntry> &keys)
{
    for (auto it = keys.cbegin(); it != keys.cend(); ++it) {
        const KeyEntry &entry = it.value();
        const Name slot = w.append(name);
        w.jsonOnly(slot, entry.unknown);
        w.jsonOnly(slot, entry.unknownKeyval, "keyval members");
        if (w.error())
            return;
        if (entry.key.isNull()) {
            const QString why = entry.keyError ? entry.keyError->toString() : u"no key"_s;
            w.setError(Error{ErrorCode::Unsupported,
                             u"%1: key %2 cannot be written in DER (%3)"_s.arg(
                                 QString::fromLatin1(slot), it.key(), why)});
            return;
        }
        // DER carries type and raw material; the TUF strings must be what they give back.
        const Crypto::PublicKey &key = entry.key;
        const bool legacyEcdsa = key.type() == Crypto::KeyType::Ecdsa
                                 && key.keyTypeName() == kLegacyEcdsa;
        auto canonical = Crypto::PublicKey::fromRaw(key.type(), key.raw());
        const auto differs = [](const QString &asRead, const QString &expected) {
            return !asRead.isEmpty() && asRead != expected;
        };
        if (!canonical
            || differs(entry.keytype, legacyEcdsa ? QString::fromUtf16(kLegacyEcdsa)
                                                  : Crypto::keyTypeName(key.type()))
            || differs(entry.scheme, key.schemeName())
            || differs(entry.publicValue, canonical->publicValue())) {
            w.setError(Error{ErrorCode::Unsupported,
                             u"%1: key %2 is spelled in a way DER cannot reproduce"_s.arg(
                                 QString::fromLatin1(slot), it.key())});
            return;
        }
        const char *type = "ed25519";
        if (key.type() == Crypto::KeyType::Rsa)
            type = "rsa";
        else if (key.type() == Crypto::KeyType::Ecdsa)
            type = legacyEcdsa ? "ecdsaSha2Nistp256" : "ecdsa";
        w.string(slot + ".keyid", it.key());
        w.enumeration(slot + ".keyType", type);
        w.octets(slot + ".value", key.raw());
    }
}

QMap<QString, KeyEntry> readKeys(Reader &r, const Name &name)
{
    return readMap<KeyEntry>(r, name, Limit::keys, "keyid", Limit::identifier,
                             [&r](const Name &slot, const QString &keyid) {
        KeyEntry entry;
        entry.keyid = keyid;
        const qint64 type = r.integer(slot + ".keyType");
        const QByteArray raw = r.octets(slot + ".value", 0, Limit::keyValue);
        if (r.failed())
            return entry;
        Result<Crypto::PublicKey> key = fail(ErrorCode::InvalidKey, QString());
        switch (type) {
        case Ed25519: key = Crypto::PublicKey::fromRaw(Crypto::KeyType::Ed25519, raw); break;
        case Rsa: key = Crypto::PublicKey::fromRaw(Crypto::KeyType::Rsa, raw); break;
        case Ecdsa:
        case EcdsaSha2Nistp256:
            key = Crypto::PublicKey::fromRaw(Crypto::KeyType::Ecdsa, raw);
            if (key && type == EcdsaSha2Nistp256) {
                const QString spelling = QString::fromUtf16(kLegacyEcdsa);
                key = Crypto::PublicKey::fromTuf(spelling, key->schemeName(), key->publicValue());
            }
            break;
        default:
            r.violation(slot + ".keyType", u"unknown key type %1"_s.arg(type));
            return entry;
        }
        // One encoding per value: material the key library would re-encode is refused.
        if (key && key->raw() != raw)
            key = fail(ErrorCode::InvalidKey, u"public key not in canonical DER form"_s);
        if (key)
            entry.key = *key;
        else
            r.setError(key.error().context(QString::fromLatin1(slot + ".value")));
        return entry;
    });
}

QStringList readKeyids(Reader &r, const Name &name)
{
    const QStringList keyids = r.strings(name, Limit::keyids, Limit::identifier);
    QSet<QString> seen;
    for (qsizetype i = 0; i < keyids.size(); ++i) {
        if (seen.contains(keyids[i])) {
            r.violation(at(name, i + 1), u"keyid \"%1\" listed twice"_s.arg(keyids[i]),
                        ErrorCode::DuplicateKey);
        }
        seen.insert(keyids[i]);
    }
    return keyids;
}

// ---- hashes: Hash ::= { function, digest }

void writeHashes(Writer &w, const Name &name, const Hashes &hashes)
{
    for (auto it = hashes.cbegin(); it != hashes.cend(); ++it) {
        const Name slot = w.append(name);
        w.string(slot + ".function", it.key());
        w.octets(slot + ".digest", it.value());
    }
}

Hashes readHashes(Reader &r, const Name &name, bool allowEmpty)
{
    Hashes hashes = readMap<QByteArray>(r, name, Limit::hashes, "function", Limit::hashFunction,
                                        [&r](const Name &slot, const QString &) {
        return r.octets(slot + ".digest", 1, Limit::digest);
    });
    if (!r.failed() && hashes.isEmpty() && !allowEmpty)
        r.violation(name, u"expected at least one hash"_s);
    return hashes;
}

// ---- targets: Target ::= { path, length, hashes, custom [0] Custom OPTIONAL }

void writeTarget(Writer &w, const Name &name, const QString &path, const TargetFile &file)
{
    w.jsonOnly(name, file.unknown);
    w.jsonOnly(name + ".custom", file.customOther, "custom members");
    w.string(name + ".path", path);
    w.integer(name + ".length", file.length);
    writeHashes(w, name + ".hashes", file.hashes);
    const Name custom = name + ".custom";
    if (!(file.hasCustom || !file.ecuSerials.isEmpty() || file.hardwareId || file.releaseCounter)) {
        w.omit(custom);
        return;
    }
    w.optional(custom + ".ecuSerial", file.ecuSerials.size() == 1 ? std::optional(file.ecuSerials.first())
                                                                   : std::nullopt);
    w.optional(custom + ".hardwareId", file.hardwareId);
    w.optional(custom + ".releaseCounter", file.releaseCounter);
    w.optional(custom + ".ecuSerials", file.ecuSerials.size() > 1 ? std::optional(file.ecuSerials)
                                                                  : std::nullopt);
}

TargetFile readTarget(Reader &r, const Name &name, bool allowEmptyHashes)
{
    TargetFile file;
    file.path = r.string(name + ".path", Limit::path);
    file.length = r.integer(name + ".length", 0);
    file.hashes = readHashes(r, name + ".hashes", allowEmptyHashes);
    const Name custom = name + ".custom";
    file.hasCustom = r.has(custom);
    if (r.has(custom + ".ecuSerial"))
        file.ecuSerials = {r.string(custom + ".ecuSerial", Limit::identifier)};
    if (r.has(custom + ".ecuSerials")) {
        if (!file.ecuSerials.isEmpty())
            r.violation(custom + ".ecuSerials", u"both ecuSerial and ecuSerials"_s);
        file.ecuSerials = r.strings(custom + ".ecuSerials", Limit::ecus, Limit::identifier);
        if (!r.failed() && file.ecuSerials.size() < 2)
            r.violation(custom + ".ecuSerials", u"fewer than two ECUs (use ecuSerial)"_s);
    }
    if (r.has(custom + ".hardwareId"))
        file.hardwareId = r.string(custom + ".hardwareId", Limit::identifier);
    if (r.has(custom + ".releaseCounter"))
        file.releaseCounter = r.integer(custom + ".releaseCounter", 0);
    return file;
}

// ---- meta files: MetaFile ::= { filename, version, length [0] OPTIONAL, hashes }

void writeMetaFile(Writer &w, const Name &name, const QString &filename, const MetaFile &meta)
{
    w.jsonOnly(name, meta.unknown);
    w.string(name + ".filename", filename);
    w.integer(name + ".version", meta.version);
    w.optional(name + ".length", meta.length);
    writeHashes(w, name + ".hashes", meta.hashes);
}

MetaFile readMetaFile(Reader &r, const Name &name, QString &filename)
{
    MetaFile meta;
    filename = r.string(name + ".filename", Limit::path);
    meta.version = r.integer(name + ".version", 1);
    if (r.has(name + ".length"))
        meta.length = r.integer(name + ".length", 0);
    meta.hashes = readHashes(r, name + ".hashes", true);  // empty stands for "absent"
    return meta;
}

// ---- signatures: Signature ::= { keyid, value }

void writeSignatures(Writer &w, const Name &name, const QList<Signature> &signatures)
{
    for (const Signature &signature : signatures) {
        const Name slot = w.append(name);
        w.string(slot + ".keyid", signature.keyid);
        w.octets(slot + ".value", signature.value);
    }
}

QList<Signature> readSignatures(Reader &r, const Name &name)
{
    QList<Signature> signatures;
    QSet<QString> seen;
    const int n = r.count(name, Limit::signatures);
    for (int i = 1; i <= n && !r.failed(); ++i) {
        Signature signature;
        signature.keyid = r.string(at(name, i) + ".keyid", Limit::identifier);
        signature.value = r.octets(at(name, i) + ".value", 0, Limit::signature);
        // One key signing twice is refused, as python-tuf, tuf-js and the JSON reader do.
        if (seen.contains(signature.keyid)) {
            r.violation(at(name, i) + ".keyid",
                        u"keyid \"%1\" signs twice"_s.arg(signature.keyid), ErrorCode::DuplicateKey);
        }
        seen.insert(signature.keyid);
        signatures.append(signature);
    }
    return signatures;
}

// ---- common role fields: specVersion, version, expires

void writeCommon(Writer &w, const Name &name, const Common &common)
{
    w.jsonOnly(name, common.unknown);
    w.string(name + ".specVersion", common.specVersion);
    w.integer(name + ".version", common.version);
    w.time(name + ".expires", common.expires);
}

void readCommon(Reader &r, const Name &name, Common &out)
{
    // As python-tuf and the JSON reader: "1.<minor>[.<patch>]", digits only.
    static const QRegularExpression supported(
        QRegularExpression::anchoredPattern(u"1\\.[0-9]+(\\.[0-9]+)?"_s));
    out.specVersion = r.string(name + ".specVersion", Limit::specVersion);
    if (!r.failed() && !supported.match(out.specVersion).hasMatch()) {
        r.violation(name + ".specVersion",
                    u"expected \"1.<minor>[.<patch>]\", got \"%1\""_s.arg(out.specVersion),
                    ErrorCode::UnsupportedSpecVersion);
    }
    out.version = r.integer(name + ".version", 1);
    out.expires = r.time(name + ".expires");
}

} // namespace Uptane::Metadata::detail::der
