// The two JSON files of an ECU store: ecu.json (EcuConfig) and gen-<n>/state.json
// (EcuState). Both are read strictly — every member present, none unknown, every value
// checked — because a store that parses "mostly" would let a corrupted file change what the
// ECU trusts. Absent values are written as null rather than omitted, so a missing member is
// always an error.

#include "vehicle/ecustore.h"

#include "encoding/jsonreader.h"
#include "vehicle/ecustore_p.h"
#include "vehicle/safenames_p.h"
#include "vehicle/verdict.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

// Evaluates a Result; on failure returns its Error, otherwise moves the value into `var`.
#define STORE_TRY(var, expr)                                                                   \
    auto var##Result_ = (expr);                                                                \
    if (!var##Result_)                                                                         \
        return std::unexpected<::Uptane::Error>(std::move(var##Result_).error());              \
    auto var = std::move(*var##Result_)

namespace Uptane::Vehicle {

namespace {

constexpr qint64 kFormat = 1;
constexpr qsizetype kMaxFileBytes = 4 * 1024 * 1024;

// Every member of the object must be one of known (each of which the caller then reads).
Result<void> onlyMembers(const Json::Reader &object, std::initializer_list<QString> known)
{
    if (auto members = object.asObject(); !members)
        return fail(members.error());
    const Json::Object unknown = object.unknownMembers(known);
    if (!unknown.isEmpty())
        return fail(object.error(unknown.firstKey(), u"unknown member"_s));
    return {};
}

Result<void> checkFormat(const Json::Reader &object)
{
    STORE_TRY(format, object.integer(u"format"_s));
    if (format != kFormat)
        return fail(object.error(u"format"_s, u"unsupported format %1 (expected %2)"_s.arg(format).arg(kFormat)));
    return {};
}

Result<QString> safeName(const Json::Reader &object, const QString &key)
{
    STORE_TRY(name, object.string(key));
    if (!detail::isSafeSegment(name))
        return fail(object.error(key, u"not a safe name: \"%1\""_s.arg(name)));
    return name;
}

Result<Json::Value> parseDocument(QByteArrayView bytes)
{
    return Json::parse(bytes, Json::ParseOptions{.maxBytes = kMaxFileBytes, .maxDepth = 8});
}

// ---- times: ISO 8601 UTC, "2025-01-31T12:00:00Z", milliseconds only when there are some

QString timeText(const QDateTime &time)
{
    const QDateTime utc = time.toUTC();
    return utc.toString(utc.time().msec() == 0 ? u"yyyy-MM-ddTHH:mm:ss'Z'"_s : u"yyyy-MM-ddTHH:mm:ss.zzz'Z'"_s);
}

Json::Value timeValue(const QDateTime &time)
{
    return time.isValid() ? Json::Value(timeText(time)) : Json::Value();
}

Result<QDateTime> readTime(const Json::Reader &object, const QString &key)
{
    STORE_TRY(member, object.member(key));
    if (member.value().isNull())
        return QDateTime();
    STORE_TRY(text, member.asString());
    static const QRegularExpression pattern(u"^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{3})?Z$"_s);
    const QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs).toUTC();
    // Qt accepts more than we write (offsets, days like 02-30 rolled over): only text that
    // is exactly what timeText() writes for the time it denotes counts.
    if (!pattern.match(text).hasMatch() || !time.isValid() || timeText(time) != text)
        return fail(member.error(u"expected an ISO 8601 UTC time like 2025-01-31T12:00:00Z, got \"%1\""_s.arg(text)));
    return time;
}

// ---- keys: the TUF key object {"keytype", "keyval": {"public"}, "scheme"}

Result<Crypto::PublicKey> readKey(const Json::Reader &object)
{
    if (auto ok = onlyMembers(object, {u"keytype"_s, u"keyval"_s, u"scheme"_s}); !ok)
        return fail(ok.error());
    STORE_TRY(keytype, object.string(u"keytype"_s));
    STORE_TRY(scheme, object.string(u"scheme"_s));
    STORE_TRY(keyval, object.object(u"keyval"_s));
    if (auto ok = onlyMembers(keyval, {u"public"_s}); !ok)
        return fail(ok.error());
    STORE_TRY(publicValue, keyval.string(u"public"_s));
    auto key = Crypto::PublicKey::fromTuf(keytype, scheme, publicValue);
    if (!key)
        return fail(key.error().context(object.path()));
    return key;
}

// ---- target files: {"path", "length", "hashes": {alg: hex}, "hardware_id", "release_counter"}

Json::Value targetValue(const std::optional<Metadata::TargetFile> &file)
{
    if (!file)
        return {};
    Json::Object hashes;
    for (auto it = file->hashes.cbegin(); it != file->hashes.cend(); ++it)
        hashes.insert(it.key(), QString::fromLatin1(it.value().toHex()));
    return Json::Object{
        {u"path"_s, file->path},
        {u"length"_s, file->length},
        {u"hashes"_s, hashes},
        {u"hardware_id"_s, file->hardwareId ? Json::Value(*file->hardwareId) : Json::Value()},
        {u"release_counter"_s, file->releaseCounter ? Json::Value(*file->releaseCounter) : Json::Value()},
    };
}

Result<Metadata::Hashes> readHashes(const Json::Reader &object)
{
    STORE_TRY(members, object.asObject());
    static const QRegularExpression hex(u"^(?:[0-9a-f]{2})+$"_s);
    Metadata::Hashes hashes;
    for (auto it = members.cbegin(); it != members.cend(); ++it) {
        const Json::Reader value = object.child(it.key());
        STORE_TRY(text, value.asString());
        if (it.key().isEmpty() || !hex.match(text).hasMatch())
            return fail(value.error(u"expected lowercase hex digest"_s));
        hashes.insert(it.key(), QByteArray::fromHex(text.toLatin1()));
    }
    return hashes;
}

Result<std::optional<Metadata::TargetFile>> readTarget(const Json::Reader &object)
{
    if (object.value().isNull())
        return std::nullopt;
    if (auto ok = onlyMembers(object, {u"path"_s, u"length"_s, u"hashes"_s, u"hardware_id"_s, u"release_counter"_s}); !ok)
        return fail(ok.error());
    Metadata::TargetFile file;
    STORE_TRY(path, object.string(u"path"_s));
    STORE_TRY(length, object.integer(u"length"_s, 0));
    STORE_TRY(hashesObject, object.object(u"hashes"_s));
    STORE_TRY(hashes, readHashes(hashesObject));
    STORE_TRY(hardwareId, object.member(u"hardware_id"_s));
    STORE_TRY(releaseCounter, object.member(u"release_counter"_s));
    if (path.isEmpty())
        return fail(object.error(u"path"_s, u"empty"_s));
    file.path = path;
    file.length = length;
    file.hashes = hashes;
    if (!hardwareId.value().isNull()) {
        STORE_TRY(id, hardwareId.asString());
        file.hardwareId = id;
    }
    if (!releaseCounter.value().isNull()) {
        STORE_TRY(counter, releaseCounter.asInteger(0));
        file.releaseCounter = counter;
    }
    return file;
}

} // namespace

Json::Object detail::tufKeyObject(const Crypto::PublicKey &key)
{
    return Json::Object{
        {u"keytype"_s, key.keyTypeName()},
        {u"keyval"_s, Json::Object{{u"public"_s, key.publicValue()}}},
        {u"scheme"_s, key.schemeName()},
    };
}

QString verificationName(Verification verification)
{
    return verification == Verification::Full ? u"full"_s : u"partial"_s;
}

// ---- EcuConfig

QByteArray EcuConfig::toJson() const
{
    return Json::pretty(Json::Object{
        {u"format"_s, kFormat},
        {u"vin"_s, vin},
        {u"serial"_s, serial},
        {u"hardware_id"_s, hardwareId},
        {u"primary"_s, primary},
        {u"verification"_s, verificationName(verification)},
        {u"encoding"_s, Metadata::encodingName(encoding)},
        {u"time_server_key"_s, detail::tufKeyObject(timeServerKey)},
    });
}

Result<EcuConfig> EcuConfig::fromJson(QByteArrayView bytes)
{
    STORE_TRY(document, parseDocument(bytes));
    const Json::Reader object(document);
    if (auto ok = onlyMembers(object, {u"format"_s, u"vin"_s, u"serial"_s, u"hardware_id"_s, u"primary"_s,
                                       u"verification"_s, u"encoding"_s, u"time_server_key"_s});
        !ok)
        return fail(ok.error());
    if (auto ok = checkFormat(object); !ok)
        return fail(ok.error());
    EcuConfig config;
    STORE_TRY(vin, safeName(object, u"vin"_s));
    STORE_TRY(serial, safeName(object, u"serial"_s));
    STORE_TRY(hardwareId, safeName(object, u"hardware_id"_s));
    STORE_TRY(primary, object.boolean(u"primary"_s));
    STORE_TRY(verification, object.string(u"verification"_s));
    STORE_TRY(encoding, object.string(u"encoding"_s));
    STORE_TRY(keyObject, object.object(u"time_server_key"_s));
    STORE_TRY(key, readKey(keyObject));
    config.vin = vin;
    config.serial = serial;
    config.hardwareId = hardwareId;
    config.primary = primary;
    if (verification == verificationName(Verification::Full))
        config.verification = Verification::Full;
    else if (verification == verificationName(Verification::Partial))
        config.verification = Verification::Partial;
    else
        return fail(object.error(u"verification"_s, u"expected \"full\" or \"partial\""_s));
    // Uptane §5.4.4: the Primary always does full verification (it is the one that talks to
    // both repositories).
    if (primary && config.verification == Verification::Partial)
        return fail(object.error(u"verification"_s, u"a Primary does full verification"_s));
    auto parsedEncoding = Metadata::encodingFromName(encoding);
    if (!parsedEncoding)
        return fail(object.error(u"encoding"_s, u"expected \"json\" or \"der\""_s));
    config.encoding = *parsedEncoding;
    config.timeServerKey = key;
    return config;
}

// ---- EcuState

QByteArray EcuState::toJson() const
{
    Json::Object reported;
    for (auto it = reportedInstalled.cbegin(); it != reportedInstalled.cend(); ++it)
        reported.insert(it.key(), targetValue(it.value()));
    return Json::pretty(Json::Object{
        {u"format"_s, kFormat},
        {u"attested_time"_s, timeValue(attestedTime)},
        {u"previous_attested_time"_s, timeValue(previousAttestedTime)},
        {u"installed"_s, targetValue(installed)},
        {u"backup"_s, targetValue(backup)},
        {u"director_targets_version"_s, directorTargetsVersion},
        {u"cycles"_s, cycles},
        {u"last_verdict"_s, lastVerdict},
        {u"reported_installed"_s, reported},
    });
}

Result<EcuState> EcuState::fromJson(QByteArrayView bytes)
{
    STORE_TRY(document, parseDocument(bytes));
    const Json::Reader object(document);
    if (auto ok = onlyMembers(object, {u"format"_s, u"attested_time"_s, u"previous_attested_time"_s, u"installed"_s,
                                       u"backup"_s, u"director_targets_version"_s, u"cycles"_s, u"last_verdict"_s,
                                       u"reported_installed"_s});
        !ok)
        return fail(ok.error());
    if (auto ok = checkFormat(object); !ok)
        return fail(ok.error());
    EcuState state;
    STORE_TRY(attested, readTime(object, u"attested_time"_s));
    STORE_TRY(previous, readTime(object, u"previous_attested_time"_s));
    STORE_TRY(installedMember, object.member(u"installed"_s));
    STORE_TRY(installed, readTarget(installedMember));
    STORE_TRY(backupMember, object.member(u"backup"_s));
    STORE_TRY(backup, readTarget(backupMember));
    STORE_TRY(directorVersion, object.integer(u"director_targets_version"_s, 0));
    STORE_TRY(cycles, object.integer(u"cycles"_s, 0));
    STORE_TRY(verdict, object.string(u"last_verdict"_s));
    STORE_TRY(reportedObject, object.object(u"reported_installed"_s));
    STORE_TRY(reported, reportedObject.asObject());
    if (!verdict.isEmpty() && !verdictFromName(verdict))
        return fail(object.error(u"last_verdict"_s, u"unknown verdict \"%1\""_s.arg(verdict)));
    for (auto it = reported.cbegin(); it != reported.cend(); ++it) {
        const Json::Reader entry = reportedObject.child(it.key());
        if (!detail::isSafeSegment(it.key()))
            return fail(entry.error(u"not a safe ECU serial"_s));
        if (entry.value().isNull())
            return fail(entry.error(u"expected object, got null"_s));
        STORE_TRY(file, readTarget(entry));
        state.reportedInstalled.insert(it.key(), *file);
    }
    state.attestedTime = attested;
    state.previousAttestedTime = previous;
    state.installed = installed;
    state.backup = backup;
    state.directorTargetsVersion = directorVersion;
    state.cycles = cycles;
    state.lastVerdict = verdict;
    return state;
}

} // namespace Uptane::Vehicle
