#pragma once

// Value types of TUF 1.0 and Uptane metadata, independent of encoding. codec.h reads and
// writes them as TUF JSON or as DER (resources/asn1/uptane.asn). Unknown JSON fields are kept
// in `unknown` members so that a read-modify-write cycle loses nothing; signature checks never
// depend on them being re-serialised (they use the exact bytes received, see Signed<T>).

#include "crypto/keys.h"
#include "encoding/json.h"

#include <QDateTime>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace Uptane::Metadata {

enum class Encoding { Json, Der };
QString encodingName(Encoding encoding);               // "json" / "der"
Result<Encoding> encodingFromName(const QString &name);
QString fileExtension(Encoding encoding);               // "json" / "der" (no dot)

enum class RoleType { Root, Targets, Snapshot, Timestamp };
QString roleTypeName(RoleType type);                    // "root", "targets", ...

// Default spec_version we write. Readers accept any "1.x[.y]".
inline constexpr auto kSpecVersion = u"1.0.31";

// Hash algorithm name ("sha256", "sha512", others kept verbatim) -> raw digest bytes.
using Hashes = QMap<QString, QByteArray>;

// A key as root or delegations list it. keyid is the id under which it was listed (treated
// as opaque when reading foreign repositories, as python-tuf and tuf-js do); computeKeyId()
// gives the TUF key id of a key we create.
struct KeyEntry
{
    QString keyid;
    Crypto::PublicKey key;
    Json::Object unknown;        // extra members of the key object (e.g. "x-tuf-on-ci-keyowner")
    Json::Object unknownKeyval;  // extra members of keyval besides "public"

    // keytype, scheme and keyval.public exactly as read, so a foreign key re-serialises
    // byte for byte (a PEM's line breaks included). Writers may leave them empty: the JSON
    // writer then takes them from `key`; when set, they are written as they are.
    QString keytype;
    QString scheme;
    QString publicValue;
    // Set when the key could not be loaded (a keytype/scheme we do not support, or a public
    // value that does not parse): `key` is null and the key never counts toward a threshold.
    // Real repositories may list such keys, so they do not make the metadata invalid.
    std::optional<Error> keyError;
};

// hex(sha256(canonical JSON of {"keytype", "scheme", "keyval": {"public"}})), TUF §4.2.
QString computeKeyId(const Crypto::PublicKey &key);

struct RoleKeys
{
    QStringList keyids;
    qint64 threshold = 1;
    Json::Object unknown;
};

struct Signature
{
    QString keyid;
    QByteArray value;  // raw signature bytes; empty for an unsigned placeholder ("sig": "")
};

// Fields every role shares.
struct Common
{
    QString specVersion = QString::fromUtf16(kSpecVersion);
    qint64 version = 1;
    QDateTime expires;  // UTC, whole seconds
    Json::Object unknown;  // unknown members of "signed"
};

struct Root : Common
{
    static constexpr RoleType kType = RoleType::Root;
    bool consistentSnapshot = true;
    QMap<QString, KeyEntry> keys;    // keyid -> key
    QMap<QString, RoleKeys> roles;   // "root", "targets", "snapshot", "timestamp"
};

// A target file (TUF "TARGETPATH": {length, hashes, custom}) with the Uptane custom fields
// typed. In JSON they live in "custom" as ecu_serial / hardware_id / release_counter.
struct TargetFile
{
    QString path;
    qint64 length = 0;
    Hashes hashes;
    // Director: the ECUs that must install this image (Uptane §5.2: the Director puts the ECU
    // identifier on each target). One image may go to several ECUs of a vehicle, and a TUF
    // targets map holds a path once, so a target carries a list: one serial is written as
    // custom "ecu_serial" (the reference format, DER ecuSerial), two or more as "ecu_serials"
    // (DER ecuSerials). Readers refuse both at once and a list shorter than two, so each
    // value has one form and a rewrite is byte-identical.
    QStringList ecuSerials;
    std::optional<QString> hardwareId;
    std::optional<qint64> releaseCounter;
    Json::Object customOther;               // other members of "custom"
    bool hasCustom = false;                 // "custom" present in the source (even if empty)
    Json::Object unknown;                   // members beside length/hashes/custom
};

struct DelegatedRole
{
    QString name;
    QStringList keyids;
    qint64 threshold = 1;
    bool terminating = false;
    std::optional<QStringList> paths;              // shell globs; '*' and '?' never match '/'
    std::optional<QStringList> pathHashPrefixes;   // hex prefixes of sha256(target path)
    QStringList hardwareIds;                       // Uptane: images this supplier may sign (empty = any)
    Json::Object unknown;
};

struct Delegations
{
    QMap<QString, KeyEntry> keys;
    QList<DelegatedRole> roles;  // order matters: pre-order search, first listed wins
    Json::Object unknown;
};

struct Targets : Common
{
    static constexpr RoleType kType = RoleType::Targets;
    QMap<QString, TargetFile> targets;  // path -> file (path duplicated in TargetFile::path)
    std::optional<Delegations> delegations;
    std::optional<QString> vehicleId;   // Director: names the vehicle even when targets is empty
};

// METAFILES entry of snapshot/timestamp: {version, length?, hashes?}.
struct MetaFile
{
    qint64 version = 1;
    std::optional<qint64> length;
    Hashes hashes;
    Json::Object unknown;
};

struct Snapshot : Common
{
    static constexpr RoleType kType = RoleType::Snapshot;
    QMap<QString, MetaFile> meta;  // "targets.json", "<role>.json" -> info
};

struct Timestamp : Common
{
    static constexpr RoleType kType = RoleType::Timestamp;
    MetaFile snapshot;                                  // meta["snapshot.json"]
    QString snapshotName = QStringLiteral("snapshot.json");
};

// ECU Version Manifest (Uptane §5.4.2.1 / reference ecu_manifest), signed by the ECU key.
struct EcuManifest
{
    QString ecuSerial;
    TargetFile installedImage;          // path, length, hashes of what is installed now
    QDateTime timeserverTime;
    QDateTime previousTimeserverTime;
    QString attacksDetected;            // empty when none
    qint64 nonce = 0;                   // changes every cycle (Standard: nonce or counter)
    Json::Object unknown;
};

// Time attestation (Time Server, pre-2.0 Deployment Considerations).
struct TimeAttestation
{
    QDateTime time;
    QList<qint64> nonces;
    Json::Object unknown;
};

} // namespace Uptane::Metadata
