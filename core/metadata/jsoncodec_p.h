#pragma once

// Private to core/metadata: the building blocks of the JSON codec (codec_p.h's Json half),
// shared by jsoncodec.cpp (envelope, common fields, entry points), jsoncodec_fields.cpp
// (keys, roles, hashes, target and meta files), jsoncodec_roles.cpp (the four TUF roles) and
// jsoncodec_uptane.cpp (ECU/vehicle manifests, time attestations).
//
// Readers take a Json::Reader positioned on the value to read, so every error names the
// field path ("signed.roles.root.threshold"). Schema errors are SchemaViolation unless a
// more specific code exists (WrongType, UnsupportedSpecVersion, DuplicateKey, MissingRole,
// DuplicateRoleName, Unsupported). Writers build the tree the readers accept; unknown members
// are written first so that a known field can never be overridden by one.

#include "encoding/jsonreader.h"
#include "metadata/signed.h"

#include <optional>

// Evaluates a Result; on failure returns its Error from the enclosing function, otherwise
// moves the value into a new variable `var`.
#define METADATA_TRY(var, expr)                                                                \
    auto var##Result_ = (expr);                                                                \
    if (!var##Result_)                                                                         \
        return std::unexpected<::Uptane::Error>(std::move(var##Result_).error());              \
    auto var = std::move(*var##Result_)

// Same for a Result<void> (or any Result whose value is not needed).
#define METADATA_CHECK(expr)                                                                   \
    do {                                                                                       \
        if (auto check_ = (expr); !check_)                                                     \
            return std::unexpected<::Uptane::Error>(std::move(check_).error());                \
    } while (false)

namespace Uptane::Metadata::detail::json {

// Reads every member of an object: readOne(memberReader, key) -> Result<V>.
template <typename V, typename ReadOne>
Result<QMap<QString, V>> readMap(const Json::Reader &object, ReadOne readOne)
{
    METADATA_TRY(members, object.asObject());
    QMap<QString, V> map;
    for (auto it = members.cbegin(); it != members.cend(); ++it) {
        METADATA_TRY(value, readOne(object.child(it.key()), it.key()));
        map.insert(it.key(), std::move(value));
    }
    return map;
}

// Reads every element of an array: readOne(elementReader) -> Result<V>.
template <typename V, typename ReadOne>
Result<QList<V>> readList(const Json::Reader &array, ReadOne readOne)
{
    METADATA_TRY(elements, array.asArray());
    QList<V> list;
    list.reserve(elements.size());
    for (qsizetype i = 0; i < elements.size(); ++i) {
        METADATA_TRY(value, readOne(array.at(i)));
        list.append(std::move(value));
    }
    return list;
}

// Writes every entry of a map: writeOne(value) -> Json::Value.
template <typename V, typename WriteOne>
Json::Object writeMap(const QMap<QString, V> &map, WriteOne writeOne)
{
    Json::Object object;
    for (auto it = map.cbegin(); it != map.cend(); ++it)
        object.insert(it.key(), writeOne(it.value()));
    return object;
}

// Reader::error() with another code: keeps the path formatting of schema errors.
Error errorAt(const Json::Reader &reader, ErrorCode code, const QString &what);

// Hex of raw bytes, lowercase, as TUF writes hashes and signatures.
QString toHex(const QByteArray &bytes);
// Strict hex: even length, [0-9a-f] (and [A-F] when allowUpper); nullopt otherwise.
std::optional<QByteArray> fromHex(const QString &text, bool allowUpper);

// "YYYY-MM-DDTHH:MM:SSZ" exactly (TUF §4.2 expires, as python-tuf reads it) -> UTC.
Result<QDateTime> readTime(const Json::Reader &object, const QString &key);
// The same format; fractions of a second are dropped. InvalidArgument for a null time or a
// year outside 1..9999 (what, e.g. "expires", names the field in the error).
Result<QString> timeString(const QDateTime &time, const QString &what);

// "_type" must be type: SchemaViolation when absent or not a string, WrongType otherwise.
Result<void> checkType(const Json::Reader &signedObject, const QString &type);
// _type, spec_version ("1.<minor>[.<patch>]"), version (>= 1), expires.
Result<void> readCommon(const Json::Reader &signedObject, const QString &type, Common &out);
// Starts the "signed" object of a role: unknown members, then _type and the common fields.
Result<Json::Object> writeCommon(const Common &common, const QString &type);

// {keyid: KEY}: unsupported or unparsable keys are kept with keyError set (see KeyEntry).
Result<QMap<QString, KeyEntry>> readKeys(const Json::Reader &keysObject);
Result<Json::Object> writeKeys(const QMap<QString, KeyEntry> &keys);
// "keyids" of a role: strings, each at most once (DuplicateKey).
Result<QStringList> readKeyids(const Json::Reader &roleObject);
Json::Array writeStrings(const QStringList &strings);
Result<QStringList> readStrings(const Json::Reader &arrayValue);

// {alg: hex}. Empty objects are refused unless allowEmpty (python-tuf requires non-empty).
Result<Hashes> readHashes(const Json::Reader &hashesObject, bool allowEmpty);
Json::Object writeHashes(const Hashes &hashes);

// TUF TARGETPATH {length, hashes, custom?} with the Uptane custom fields typed.
Result<TargetFile> readTargetFile(const Json::Reader &fileObject, const QString &path,
                                  bool allowEmptyHashes);
Json::Object writeTargetFile(const TargetFile &file);

// METAFILES entry {version, length?, hashes?}.
Result<MetaFile> readMetaFile(const Json::Reader &metaObject);
Json::Object writeMetaFile(const MetaFile &meta);

// One overload per supported type: read the "signed" object into out, or build it.
Result<void> readBody(const Json::Reader &signedObject, Root &out);
Result<void> readBody(const Json::Reader &signedObject, Targets &out);
Result<void> readBody(const Json::Reader &signedObject, Snapshot &out);
Result<void> readBody(const Json::Reader &signedObject, Timestamp &out);
Result<void> readBody(const Json::Reader &signedObject, EcuManifest &out);
Result<void> readBody(const Json::Reader &signedObject, VehicleManifest &out);
Result<void> readBody(const Json::Reader &signedObject, TimeAttestation &out);
Result<Json::Object> writeBody(const Root &body);
Result<Json::Object> writeBody(const Targets &body);
Result<Json::Object> writeBody(const Snapshot &body);
Result<Json::Object> writeBody(const Timestamp &body);
Result<Json::Object> writeBody(const EcuManifest &body);
Result<Json::Object> writeBody(const VehicleManifest &body);
Result<Json::Object> writeBody(const TimeAttestation &body);

// "signatures" of an envelope. DuplicateKey when one keyid signs twice (python-tuf and
// tuf-js refuse such files too); a "sig" that is not hex is kept with an empty value.
Result<QList<Signature>> readSignatures(const Json::Reader &envelope);
Json::Array writeSignatures(const QList<Signature> &signatures);

// A whole envelope {"signatures", "signed"} from a parsed tree (a file, or an ECU manifest
// embedded in a vehicle manifest). signedBytes is canonical JSON of "signed" as read.
template <typename T>
Result<Signed<T>> readEnvelope(const Json::Reader &envelope)
{
    METADATA_CHECK(envelope.asObject());
    METADATA_TRY(signedObject, envelope.object(QStringLiteral("signed")));
    Signed<T> result;
    result.encoding = Encoding::Json;
    METADATA_CHECK(readBody(signedObject, result.body));
    auto bytes = Json::canonical(signedObject.value());  // NotCanonical for a float anywhere
    if (!bytes)
        return std::unexpected<Error>(bytes.error().context(signedObject.path()));
    METADATA_TRY(signatures, readSignatures(envelope));
    result.signatures = std::move(signatures);
    result.signedBytes = std::move(*bytes);
    result.signedJson = signedObject.value();
    return result;
}

template <typename T>
Result<Json::Object> writeEnvelope(const Signed<T> &metadata)
{
    METADATA_TRY(body, writeBody(metadata.body));
    return Json::Object{
        {QStringLiteral("signatures"), writeSignatures(metadata.signatures)},
        {QStringLiteral("signed"), body},
    };
}

} // namespace Uptane::Metadata::detail::json
