// Field types the JSON codec shares between roles: keys (TUF §4.2 KEY), role key lists,
// hashes, target files (TUF §4.5 TARGETPATH with the Uptane custom fields) and meta files
// (TUF §4.4 METAFILES).

#include "metadata/jsoncodec_p.h"

#include <QSet>

using namespace Qt::StringLiterals;

namespace Uptane::Metadata::detail::json {

Result<QMap<QString, KeyEntry>> readKeys(const Json::Reader &keysObject)
{
    return readMap<KeyEntry>(keysObject, [](const Json::Reader &keyObject,
                                            const QString &keyid) -> Result<KeyEntry> {
        METADATA_CHECK(keyObject.asObject());
        METADATA_TRY(keytype, keyObject.string(u"keytype"_s));
        METADATA_TRY(scheme, keyObject.string(u"scheme"_s));
        METADATA_TRY(keyval, keyObject.object(u"keyval"_s));
        METADATA_TRY(publicValue, keyval.string(u"public"_s));

        KeyEntry entry;
        entry.keyid = keyid;
        entry.keytype = keytype;
        entry.scheme = scheme;
        entry.publicValue = publicValue;
        entry.unknown = keyObject.unknownMembers({u"keytype"_s, u"scheme"_s, u"keyval"_s});
        entry.unknownKeyval = keyval.unknownMembers({u"public"_s});
        // A key we cannot load does not invalidate the metadata: real repositories list key
        // types a client may not know. It is kept (so it is written back) and never counts.
        auto key = Crypto::PublicKey::fromTuf(keytype, scheme, publicValue);
        if (key)
            entry.key = *key;
        else
            entry.keyError = key.error().context(keyObject.path());
        return entry;
    });
}

Result<Json::Object> writeKeys(const QMap<QString, KeyEntry> &keys)
{
    Json::Object object;
    for (auto it = keys.cbegin(); it != keys.cend(); ++it) {
        const KeyEntry &entry = it.value();
        // The strings as read win, so foreign keys (PEM line breaks, "ecdsa-sha2-nistp256"
        // spelled as keytype) are written back unchanged; keys we create leave them empty.
        const QString keytype = !entry.keytype.isEmpty() ? entry.keytype : entry.key.keyTypeName();
        const QString scheme = !entry.scheme.isEmpty() ? entry.scheme : entry.key.schemeName();
        const QString publicValue =
            !entry.publicValue.isEmpty() ? entry.publicValue : entry.key.publicValue();
        if (keytype.isEmpty() || scheme.isEmpty() || publicValue.isEmpty()) {
            return fail(ErrorCode::InvalidArgument,
                        u"key %1: neither a public key nor keytype/scheme/public set"_s.arg(it.key()));
        }
        Json::Object keyval = entry.unknownKeyval;
        keyval.insert(u"public"_s, publicValue);
        Json::Object key = entry.unknown;
        key.insert(u"keytype"_s, keytype);
        key.insert(u"scheme"_s, scheme);
        key.insert(u"keyval"_s, keyval);
        object.insert(it.key(), key);
    }
    return object;
}

Result<QStringList> readStrings(const Json::Reader &arrayValue)
{
    return readList<QString>(arrayValue, [](const Json::Reader &element) {
        return element.asString();
    });
}

Json::Array writeStrings(const QStringList &strings)
{
    Json::Array array;
    array.reserve(strings.size());
    for (const QString &string : strings)
        array.append(string);
    return array;
}

Result<QStringList> readKeyids(const Json::Reader &roleObject)
{
    METADATA_TRY(keyidsArray, roleObject.array(u"keyids"_s));
    METADATA_TRY(keyids, readStrings(keyidsArray));
    // TUF §5.3.4: each key counts once; a role naming a key twice is malformed (python-tuf:
    // "Nonunique keyids").
    QSet<QString> seen;
    for (qsizetype i = 0; i < keyids.size(); ++i) {
        if (seen.contains(keyids[i])) {
            return std::unexpected(errorAt(keyidsArray.at(i), ErrorCode::DuplicateKey,
                                           u"keyid \"%1\" listed twice"_s.arg(keyids[i])));
        }
        seen.insert(keyids[i]);
    }
    return keyids;
}

Result<Hashes> readHashes(const Json::Reader &hashesObject, bool allowEmpty)
{
    METADATA_TRY(members, hashesObject.asObject());
    if (members.isEmpty() && !allowEmpty)
        return std::unexpected(hashesObject.error(u"expected at least one hash"_s));
    Hashes hashes;
    for (auto it = members.cbegin(); it != members.cend(); ++it) {
        const Json::Reader value = hashesObject.child(it.key());
        METADATA_TRY(hex, value.asString());
        // Lowercase only: clients compare hex digests as strings, so an uppercase digest
        // could never match in python-tuf; refusing it keeps the two readers in agreement.
        const auto digest = fromHex(hex, false);
        if (!digest || digest->isEmpty())
            return std::unexpected(value.error(u"expected lowercase hex digest, got \"%1\""_s.arg(hex)));
        hashes.insert(it.key(), *digest);
    }
    return hashes;
}

Json::Object writeHashes(const Hashes &hashes)
{
    Json::Object object;
    for (auto it = hashes.cbegin(); it != hashes.cend(); ++it)
        object.insert(it.key(), toHex(it.value()));
    return object;
}

Result<TargetFile> readTargetFile(const Json::Reader &fileObject, const QString &path,
                                  bool allowEmptyHashes)
{
    METADATA_CHECK(fileObject.asObject());
    TargetFile file;
    file.path = path;
    METADATA_TRY(length, fileObject.integer(u"length"_s, 0));
    METADATA_TRY(hashesObject, fileObject.object(u"hashes"_s));
    METADATA_TRY(hashes, readHashes(hashesObject, allowEmptyHashes));
    file.length = length;
    file.hashes = hashes;

    if (fileObject.has(u"custom"_s)) {
        METADATA_TRY(custom, fileObject.object(u"custom"_s));
        file.hasCustom = true;
        if (custom.has(u"ecu_serial"_s)) {
            METADATA_TRY(serial, custom.string(u"ecu_serial"_s));
            file.ecuSerials = {serial};
        }
        if (custom.has(u"ecu_serials"_s)) {
            if (!file.ecuSerials.isEmpty())
                return fail(custom.error(u"ecu_serials"_s, u"both ecu_serial and ecu_serials"_s));
            METADATA_TRY(serialsArray, custom.array(u"ecu_serials"_s));
            METADATA_TRY(serials, readStrings(serialsArray));
            if (serials.size() < 2)
                return fail(custom.error(u"ecu_serials"_s, u"fewer than two ECUs (use ecu_serial)"_s));
            file.ecuSerials = serials;
        }
        if (custom.has(u"hardware_id"_s)) {
            METADATA_TRY(hardwareId, custom.string(u"hardware_id"_s));
            file.hardwareId = hardwareId;
        }
        if (custom.has(u"release_counter"_s)) {
            METADATA_TRY(counter, custom.integer(u"release_counter"_s, 0));
            file.releaseCounter = counter;
        }
        file.customOther =
            custom.unknownMembers({u"ecu_serial"_s, u"ecu_serials"_s, u"hardware_id"_s, u"release_counter"_s});
    }
    file.unknown = fileObject.unknownMembers({u"length"_s, u"hashes"_s, u"custom"_s});
    return file;
}

Json::Object writeTargetFile(const TargetFile &file)
{
    Json::Object object = file.unknown;
    object.insert(u"length"_s, file.length);
    object.insert(u"hashes"_s, writeHashes(file.hashes));
    if (file.hasCustom || !file.ecuSerials.isEmpty() || file.hardwareId || file.releaseCounter
        || !file.customOther.isEmpty()) {
        Json::Object custom = file.customOther;
        if (file.ecuSerials.size() == 1) {
            custom.insert(u"ecu_serial"_s, file.ecuSerials.first());
        } else if (file.ecuSerials.size() > 1) {
            Json::Array serials;
            for (const QString &serial : file.ecuSerials)
                serials.append(serial);
            custom.insert(u"ecu_serials"_s, serials);
        }
        if (file.hardwareId)
            custom.insert(u"hardware_id"_s, *file.hardwareId);
        if (file.releaseCounter)
            custom.insert(u"release_counter"_s, *file.releaseCounter);
        object.insert(u"custom"_s, custom);
    }
    return object;
}

Result<MetaFile> readMetaFile(const Json::Reader &metaObject)
{
    METADATA_CHECK(metaObject.asObject());
    MetaFile meta;
    METADATA_TRY(version, metaObject.integer(u"version"_s, 1));
    meta.version = version;
    if (metaObject.has(u"length"_s)) {
        METADATA_TRY(length, metaObject.integer(u"length"_s, 0));
        meta.length = length;
    }
    if (metaObject.has(u"hashes"_s)) {
        // Present means non-empty (python-tuf), so an empty Hashes stands for "absent".
        METADATA_TRY(hashesObject, metaObject.object(u"hashes"_s));
        METADATA_TRY(hashes, readHashes(hashesObject, false));
        meta.hashes = hashes;
    }
    meta.unknown = metaObject.unknownMembers({u"version"_s, u"length"_s, u"hashes"_s});
    return meta;
}

Json::Object writeMetaFile(const MetaFile &meta)
{
    Json::Object object = meta.unknown;
    object.insert(u"version"_s, meta.version);
    if (meta.length)
        object.insert(u"length"_s, *meta.length);
    if (!meta.hashes.isEmpty())
        object.insert(u"hashes"_s, writeHashes(meta.hashes));
    return object;
}

} // namespace Uptane::Metadata::detail::json
