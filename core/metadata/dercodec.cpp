// The DER half of the metadata codec (codec_p.h): the bodies of the four TUF roles, the
// Uptane manifests and the time attestation as the `signed` CHOICE of uptane.asn, and the
// Metadata envelope around them. Signatures cover the DER bytes of `signed`; a parsed file
// keeps the exact slice of its input as signedBytes, never a re-encoding.

#include "metadata/codec_p.h"
#include "metadata/dercodec_p.h"

#include <QSet>

using namespace Qt::StringLiterals;

namespace Uptane::Metadata::detail {

namespace {

using namespace der;

// The alternative of Signed each type is written under.
template <typename T> constexpr const char *kAlternative = nullptr;
template <> constexpr const char *kAlternative<Root> = "root";
template <> constexpr const char *kAlternative<Targets> = "targets";
template <> constexpr const char *kAlternative<Snapshot> = "snapshot";
template <> constexpr const char *kAlternative<Timestamp> = "timestamp";
template <> constexpr const char *kAlternative<EcuManifest> = "ecuManifest";
template <> constexpr const char *kAlternative<VehicleManifest> = "vehicleManifest";
template <> constexpr const char *kAlternative<TimeAttestation> = "timeAttestation";

// What peekTypeDer reports for context tag n of Signed: the names JSON's "_type" uses, so
// inspectors see one name per kind whatever the encoding.
constexpr const char *kTypeNames[] = {"root", "targets", "snapshot", "timestamp",
                                      "ecu_manifest", "vehicle_manifest", "time_attestation"};

const QStringList &topLevelRoles()
{
    static const QStringList roles{u"root"_s, u"snapshot"_s, u"targets"_s, u"timestamp"_s};
    return roles;
}

// ---- root (TUF §4.3)

void writeBody(Writer &w, const Name &name, const Root &body)
{
    writeCommon(w, name, body);
    w.boolean(name + ".consistentSnapshot", body.consistentSnapshot);
    writeKeys(w, name + ".keys", body.keys);
    for (auto it = body.roles.cbegin(); it != body.roles.cend(); ++it) {
        const Name slot = w.append(name + ".roles");
        w.jsonOnly(slot, it->unknown);
        w.string(slot + ".role", it.key());
        w.strings(slot + ".keyids", it->keyids);
        w.integer(slot + ".threshold", it->threshold);
    }
}

void readBody(Reader &r, const Name &name, Root &out)
{
    readCommon(r, name, out);
    out.consistentSnapshot = r.boolean(name + ".consistentSnapshot");
    out.keys = readKeys(r, name + ".keys");
    const Name roles = name + ".roles";
    out.roles = readMap<RoleKeys>(r, roles, Limit::rootRoles, "role", Limit::identifier,
                                  [&r](const Name &slot, const QString &) {
        RoleKeys keys;
        keys.keyids = readKeyids(r, slot + ".keyids");
        keys.threshold = r.integer(slot + ".threshold", 1);
        return keys;
    });
    for (const QString &role : topLevelRoles()) {
        if (!r.failed() && !out.roles.contains(role))
            r.violation(roles, u"role \"%1\" missing"_s.arg(role), ErrorCode::MissingRole);
    }
    for (auto it = out.roles.cbegin(); it != out.roles.cend() && !r.failed(); ++it) {
        if (!topLevelRoles().contains(it.key()))
            r.violation(roles, u"\"%1\" is not a top-level role"_s.arg(it.key()));
    }
}

// ---- targets (TUF §4.5, Uptane §5.2.3)

void writeDelegations(Writer &w, const Name &name, const Delegations &delegations)
{
    w.jsonOnly(name, delegations.unknown);
    writeKeys(w, name + ".keys", delegations.keys);
    for (const DelegatedRole &role : delegations.roles) {
        const Name slot = w.append(name + ".roles");
        w.jsonOnly(slot, role.unknown);
        w.string(slot + ".name", role.name);
        w.strings(slot + ".keyids", role.keyids);
        w.integer(slot + ".threshold", role.threshold);
        w.boolean(slot + ".terminating", role.terminating);
        // Written as set, even when invalid (both or neither), so tests can build such files.
        w.optional(slot + ".paths", role.paths);
        w.optional(slot + ".pathHashPrefixes", role.pathHashPrefixes);
        w.strings(slot + ".hardwareIds", role.hardwareIds);
    }
}

Delegations readDelegations(Reader &r, const Name &name)
{
    Delegations delegations;
    delegations.keys = readKeys(r, name + ".keys");
    const Name roles = name + ".roles";
    const int n = r.count(roles, Limit::delegatedRoles);
    QSet<QString> names;
    for (int i = 1; i <= n && !r.failed(); ++i) {
        const Name slot = at(roles, i);
        DelegatedRole role;
        role.name = r.string(slot + ".name", Limit::identifier);
        // As python-tuf: not empty, and never a top-level role's name (its file would clash).
        if (!r.failed() && (role.name.isEmpty() || topLevelRoles().contains(role.name)))
            r.violation(slot + ".name", u"\"%1\" cannot name a delegated role"_s.arg(role.name));
        role.keyids = readKeyids(r, slot + ".keyids");
        role.threshold = r.integer(slot + ".threshold", 1);
        role.terminating = r.boolean(slot + ".terminating");
        const bool hasPaths = r.has(slot + ".paths");
        if (!r.failed() && hasPaths == r.has(slot + ".pathHashPrefixes")) {
            r.violation(slot, hasPaths ? u"both paths and pathHashPrefixes set"_s
                                       : u"one of paths and pathHashPrefixes must be set"_s);
        }
        if (hasPaths)
            role.paths = r.strings(slot + ".paths", Limit::patterns, Limit::path);
        else
            role.pathHashPrefixes = r.strings(slot + ".pathHashPrefixes", Limit::patterns,
                                              Limit::hashPrefix);
        role.hardwareIds = r.strings(slot + ".hardwareIds", Limit::hardwareIds, Limit::identifier);
        if (!r.failed() && names.contains(role.name)) {
            r.violation(slot + ".name", u"role \"%1\" delegated twice"_s.arg(role.name),
                        ErrorCode::DuplicateRoleName);
        }
        names.insert(role.name);
        delegations.roles.append(role);
    }
    return delegations;
}

void writeBody(Writer &w, const Name &name, const Targets &body)
{
    writeCommon(w, name, body);
    for (auto it = body.targets.cbegin(); it != body.targets.cend(); ++it)
        writeTarget(w, w.append(name + ".targets"), it.key(), *it);
    if (body.delegations)
        writeDelegations(w, name + ".delegations", *body.delegations);
    else
        w.omit(name + ".delegations");
    w.optional(name + ".vehicleId", body.vehicleId);
}

void readBody(Reader &r, const Name &name, Targets &out)
{
    readCommon(r, name, out);
    out.targets = readMap<TargetFile>(r, name + ".targets", Limit::targets, "path", Limit::path,
                                      [&r](const Name &slot, const QString &) {
        return readTarget(r, slot, false);
    });
    out.delegations.reset();
    if (r.has(name + ".delegations"))
        out.delegations = readDelegations(r, name + ".delegations");
    out.vehicleId.reset();
    if (r.has(name + ".vehicleId"))
        out.vehicleId = r.string(name + ".vehicleId", Limit::identifier);
}

// ---- snapshot and timestamp (TUF §4.4, §4.6)

void writeBody(Writer &w, const Name &name, const Snapshot &body)
{
    writeCommon(w, name, body);
    for (auto it = body.meta.cbegin(); it != body.meta.cend(); ++it)
        writeMetaFile(w, w.append(name + ".meta"), it.key(), *it);
}

void readBody(Reader &r, const Name &name, Snapshot &out)
{
    readCommon(r, name, out);
    out.meta = readMap<MetaFile>(r, name + ".meta", Limit::meta, "filename", Limit::path,
                                 [&r](const Name &slot, const QString &) {
        QString filename;
        return readMetaFile(r, slot, filename);
    });
}

void writeBody(Writer &w, const Name &name, const Timestamp &body)
{
    writeCommon(w, name, body);
    writeMetaFile(w, name + ".snapshot", body.snapshotName, body.snapshot);
}

void readBody(Reader &r, const Name &name, Timestamp &out)
{
    readCommon(r, name, out);
    out.snapshot = readMetaFile(r, name + ".snapshot", out.snapshotName);
}

// ---- manifests (Uptane §5.4.2) and time attestation

void writeBody(Writer &w, const Name &name, const EcuManifest &body)
{
    w.jsonOnly(name, body.unknown);
    w.string(name + ".ecuSerial", body.ecuSerial);
    writeTarget(w, name + ".installedImage", body.installedImage.path, body.installedImage);
    w.time(name + ".timeserverTime", body.timeserverTime);
    w.time(name + ".previousTimeserverTime", body.previousTimeserverTime);
    w.string(name + ".attacksDetected", body.attacksDetected);
    w.integer(name + ".nonce", body.nonce);
}

void readBody(Reader &r, const Name &name, EcuManifest &out)
{
    out.ecuSerial = r.string(name + ".ecuSerial", Limit::identifier);
    // An ECU may have nothing verified installed yet: hashes may be empty here.
    out.installedImage = readTarget(r, name + ".installedImage", true);
    out.timeserverTime = r.time(name + ".timeserverTime");
    out.previousTimeserverTime = r.time(name + ".previousTimeserverTime");
    out.attacksDetected = r.string(name + ".attacksDetected", Limit::text);
    out.nonce = r.integer(name + ".nonce");
}

void writeBody(Writer &w, const Name &name, const VehicleManifest &body)
{
    w.jsonOnly(name, body.unknown);
    w.string(name + ".vin", body.vin);
    w.string(name + ".primaryEcuSerial", body.primaryEcuSerial);
    for (auto it = body.ecuManifests.cbegin(); it != body.ecuManifests.cend(); ++it) {
        const Name ecu = w.append(name + ".ecuManifests");
        w.string(ecu + ".ecuSerial", it.key());
        for (const Signed<EcuManifest> &manifest : *it) {
            // Its signatures cover DER bytes; a JSON-signed manifest cannot be embedded.
            if (manifest.encoding != Encoding::Der) {
                w.setError(Error{ErrorCode::InvalidArgument,
                                 u"%1: a JSON manifest in a DER vehicle manifest"_s.arg(
                                     QString::fromLatin1(ecu))});
                return;
            }
            // SignedEcuManifest.signed is [4] EcuManifest: the same bytes the ECU signed.
            const Name slot = w.append(ecu + ".manifests");
            writeBody(w, slot + ".signed", manifest.body);
            writeSignatures(w, slot + ".signatures", manifest.signatures);
        }
    }
    w.string(name + ".attacksDetected", body.attacksDetected);
}

void readBody(Reader &r, const Name &name, VehicleManifest &out)
{
    out.vin = r.string(name + ".vin", Limit::identifier);
    out.primaryEcuSerial = r.string(name + ".primaryEcuSerial", Limit::identifier);
    using Manifests = QList<Signed<EcuManifest>>;
    out.ecuManifests = readMap<Manifests>(r, name + ".ecuManifests", Limit::ecus, "ecuSerial",
                                          Limit::identifier, [&r](const Name &slot, const QString &) {
        Manifests manifests;
        const Name list = slot + ".manifests";
        const int m = r.count(list, Limit::manifestsPerEcu);
        for (int j = 1; j <= m && !r.failed(); ++j) {
            // Each keeps the exact bytes its ECU signed, so the Director checks every ECU's
            // signature itself, not just the Primary's.
            Signed<EcuManifest> manifest;
            manifest.encoding = Encoding::Der;
            readBody(r, at(list, j) + ".signed", manifest.body);
            manifest.signatures = readSignatures(r, at(list, j) + ".signatures");
            manifest.signedBytes = r.bytes(at(list, j) + ".signed");
            manifests.append(manifest);
        }
        return manifests;
    });
    out.attacksDetected = r.string(name + ".attacksDetected", Limit::text);
}

void writeBody(Writer &w, const Name &name, const TimeAttestation &body)
{
    w.jsonOnly(name, body.unknown);
    w.time(name + ".time", body.time);
    for (qint64 nonce : body.nonces)
        w.integer(w.append(name + ".nonces"), nonce);
}

void readBody(Reader &r, const Name &name, TimeAttestation &out)
{
    out.time = r.time(name + ".time");
    const int n = r.count(name + ".nonces", Limit::nonces);
    for (int i = 1; i <= n && !r.failed(); ++i)
        out.nonces.append(r.integer(at(name + ".nonces", i)));
}

} // namespace

template <typename T>
Result<Signed<T>> parseDer(QByteArrayView bytes)
{
    auto element = Der::Element::decode("Metadata", bytes);
    if (!element)
        return fail(element.error());
    auto kind = element->chosen("signed");
    if (!kind)
        return fail(kind.error());
    if (*kind != kAlternative<T>) {
        return fail(ErrorCode::WrongType, u"signed: expected %1, got %2"_s.arg(
                        QLatin1StringView(kAlternative<T>), QString::fromLatin1(*kind)));
    }
    Reader r(*element);
    Signed<T> result;
    result.encoding = Encoding::Der;
    readBody(r, "signed." + *kind, result.body);
    result.signatures = readSignatures(r, "signatures");
    result.signedBytes = r.bytes("signed");
    if (r.error())
        return fail(*r.error());
    return result;
}

template <typename T>
Result<QByteArray> signedBytesDer(const T &body)
{
    auto element = Der::Element::create("Signed");
    if (!element)
        return fail(element.error());
    Writer w(*element);
    w.choose("", kAlternative<T>);
    writeBody(w, kAlternative<T>, body);
    if (w.error())
        return fail(*w.error());
    return element->encode();
}

template <typename T>
Result<QByteArray> serializeDer(const Signed<T> &metadata)
{
    auto element = Der::Element::create("Metadata");
    if (!element)
        return fail(element.error());
    Writer w(*element);
    w.choose("signed", kAlternative<T>);
    writeBody(w, Name("signed.") + kAlternative<T>, metadata.body);
    writeSignatures(w, "signatures", metadata.signatures);
    if (w.error())
        return fail(*w.error());
    return element->encode();
}

Result<QString> peekTypeDer(QByteArrayView bytes)
{
    // Metadata ::= SEQUENCE { signed Signed, ... }: the first tag inside names the kind.
    auto outer = Der::readHeader(bytes);
    if (!outer)
        return fail(outer.error());
    if (outer->tagClass != Der::Header::Class::Universal || !outer->constructed || outer->tag != 16)
        return fail(ErrorCode::MalformedDer, u"not a Metadata SEQUENCE"_s);
    auto inner = Der::readHeader(bytes.first(outer->headerLength + outer->length),
                                 outer->headerLength);
    if (!inner)
        return fail(inner.error());
    if (inner->tagClass != Der::Header::Class::Context || !inner->constructed
        || inner->tag >= std::size(kTypeNames)) {
        return fail(ErrorCode::MalformedDer,
                    u"at byte %1: not a Signed alternative"_s.arg(outer->headerLength));
    }
    return QString::fromLatin1(kTypeNames[inner->tag]);
}

#define UPTANE_INSTANTIATE_DER_CODEC(T)                                                       \
    template Result<Signed<T>> parseDer<T>(QByteArrayView);                                   \
    template Result<QByteArray> signedBytesDer<T>(const T &);                                 \
    template Result<QByteArray> serializeDer<T>(const Signed<T> &);

UPTANE_INSTANTIATE_DER_CODEC(Root)
UPTANE_INSTANTIATE_DER_CODEC(Targets)
UPTANE_INSTANTIATE_DER_CODEC(Snapshot)
UPTANE_INSTANTIATE_DER_CODEC(Timestamp)
UPTANE_INSTANTIATE_DER_CODEC(EcuManifest)
UPTANE_INSTANTIATE_DER_CODEC(VehicleManifest)
UPTANE_INSTANTIATE_DER_CODEC(TimeAttestation)

} // namespace Uptane::Metadata::detail
