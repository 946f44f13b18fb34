#pragma once

// Sample metadata bodies for the codec tests: every field of every type set to a value that
// differs from its default, so a field a reader or writer drops shows up as a difference.
// With Extras::JsonOnly they also carry unknown members and free-form "custom" content,
// which only the JSON encoding can hold.

#include "metadata/signed.h"

#include <QDate>
#include <QTime>

// QVERIFY for a Result that prints the error; QVERIFY2 would evaluate its message (and so
// call error() on a value) even when the check passes.
#define QVERIFY_RESULT(result) \
    QVERIFY2(bool(result), (result) ? "" : qPrintable((result).error().toString()))

namespace Uptane::Test {

enum class Extras { None, JsonOnly };

inline QDateTime utc(int year, int month, int day, int hour = 0, int minute = 0, int second = 0)
{
    return QDateTime(QDate(year, month, day), QTime(hour, minute, second), Qt::UTC);
}

inline QMap<QString, Metadata::KeyEntry> keyEntries(const QList<Crypto::PublicKey> &keys)
{
    QMap<QString, Metadata::KeyEntry> entries;
    for (const Crypto::PublicKey &key : keys) {
        Metadata::KeyEntry entry;
        entry.keyid = Metadata::computeKeyId(key);
        entry.key = key;
        entries.insert(entry.keyid, entry);
    }
    return entries;
}

inline QStringList keyIds(const QList<Crypto::PublicKey> &keys)
{
    QStringList ids;
    for (const Crypto::PublicKey &key : keys)
        ids.append(Metadata::computeKeyId(key));
    return ids;
}

inline Metadata::Root sampleRoot(const QList<Crypto::PublicKey> &keys, Extras extras)
{
    Metadata::Root root;
    root.version = 3;
    root.expires = utc(2031, 2, 3, 4, 5, 6);
    root.consistentSnapshot = true;
    root.keys = keyEntries(keys);
    const QStringList ids = keyIds(keys);
    qint64 threshold = 1;
    for (const QString &role : {QStringLiteral("root"), QStringLiteral("targets"),
                                QStringLiteral("snapshot"), QStringLiteral("timestamp")}) {
        root.roles.insert(role, Metadata::RoleKeys{ids, threshold, {}});
        threshold = qMin<qint64>(threshold + 1, ids.size());
    }
    if (extras == Extras::JsonOnly) {
        root.unknown.insert(QStringLiteral("x-lab-note"), QStringLiteral("kept"));
        root.roles[QStringLiteral("root")].unknown.insert(QStringLiteral("x-period"), qint64(7));
        if (!root.keys.isEmpty()) {
            Metadata::KeyEntry &first = root.keys.first();
            first.unknown.insert(QStringLiteral("x-owner"), QStringLiteral("@lab"));
            first.unknownKeyval.insert(QStringLiteral("x-extra"), true);
        }
    }
    return root;
}

inline Metadata::Targets sampleTargets(const QList<Crypto::PublicKey> &keys, Extras extras)
{
    Metadata::Targets targets;
    targets.version = 12;
    targets.expires = utc(2030, 12, 31, 23, 59, 59);
    targets.vehicleId = QStringLiteral("VIN-0001");

    Metadata::TargetFile image;
    image.path = QStringLiteral("ecu/brake-2.1.bin");
    image.length = 4096;
    image.hashes.insert(QStringLiteral("sha256"), QByteArray(32, '\x11'));
    image.hashes.insert(QStringLiteral("sha512"), QByteArray(64, '\x22'));
    image.ecuSerials = {QStringLiteral("brake-01")};
    image.hardwareId = QStringLiteral("brake-hw-v2");
    image.releaseCounter = 5;
    image.hasCustom = true;
    targets.targets.insert(image.path, image);

    // One image for several ECUs: a list of serials ("ecu_serials" / ecuSerials).
    Metadata::TargetFile shared = image;
    shared.path = QStringLiteral("ecu/door-1.0.bin");
    shared.ecuSerials = {QStringLiteral("door-fl"), QStringLiteral("door-fr"), QStringLiteral("door-rl")};
    shared.hardwareId = QStringLiteral("door-hw");
    targets.targets.insert(shared.path, shared);

    Metadata::TargetFile plain;
    plain.path = QStringLiteral("docs/readme.txt");
    plain.length = 0;
    plain.hashes.insert(QStringLiteral("sha256"), QByteArray(32, '\x33'));
    targets.targets.insert(plain.path, plain);

    Metadata::Delegations delegations;
    delegations.keys = keyEntries(keys);
    Metadata::DelegatedRole supplier;
    supplier.name = QStringLiteral("supplier-a");
    supplier.keyids = keyIds(keys);
    supplier.threshold = 1;
    supplier.terminating = true;
    supplier.paths = QStringList{QStringLiteral("supplier-a/*"), QStringLiteral("shared/?.bin")};
    supplier.hardwareIds = QStringList{QStringLiteral("brake-hw-v2"), QStringLiteral("abs-hw")};
    delegations.roles.append(supplier);
    Metadata::DelegatedRole bins;
    bins.name = QStringLiteral("bin-0");
    bins.keyids = keyIds(keys).mid(0, 1);
    bins.threshold = 1;
    bins.pathHashPrefixes = QStringList{QStringLiteral("0"), QStringLiteral("1a")};
    delegations.roles.append(bins);
    targets.delegations = delegations;

    if (extras == Extras::JsonOnly) {
        Metadata::TargetFile &first = targets.targets.first();
        first.customOther.insert(QStringLiteral("sigstore"),
                                 Json::Object{{QStringLiteral("usage"), QStringLiteral("CTFE")}});
        first.hasCustom = true;
        first.unknown.insert(QStringLiteral("x-note"), QStringLiteral("file"));
        targets.delegations->unknown.insert(QStringLiteral("x-deleg"), qint64(1));
        targets.delegations->roles.first().unknown.insert(QStringLiteral("x-role"), Json::Array{});
        targets.unknown.insert(QStringLiteral("x-tuf-on-ci-expiry-period"), qint64(3650));
    }
    return targets;
}

inline Metadata::Snapshot sampleSnapshot(Extras extras)
{
    Metadata::Snapshot snapshot;
    snapshot.version = 40;
    snapshot.expires = utc(2029, 6, 1, 12);
    Metadata::MetaFile targets;
    targets.version = 12;
    targets.length = 2345;
    targets.hashes.insert(QStringLiteral("sha256"), QByteArray(32, '\x44'));
    snapshot.meta.insert(QStringLiteral("targets.json"), targets);
    Metadata::MetaFile supplier;
    supplier.version = 2;
    snapshot.meta.insert(QStringLiteral("supplier-a.json"), supplier);
    if (extras == Extras::JsonOnly)
        snapshot.meta.first().unknown.insert(QStringLiteral("x-meta"), QStringLiteral("m"));
    return snapshot;
}

inline Metadata::Timestamp sampleTimestamp(Extras extras)
{
    Metadata::Timestamp timestamp;
    timestamp.version = 77;
    timestamp.expires = utc(2029, 1, 2, 3, 4, 5);
    timestamp.snapshot.version = 40;
    timestamp.snapshot.length = 999;
    timestamp.snapshot.hashes.insert(QStringLiteral("sha256"), QByteArray(32, '\x55'));
    if (extras == Extras::JsonOnly)
        timestamp.unknown.insert(QStringLiteral("x-ts"), Json::Object{});
    return timestamp;
}

inline Metadata::EcuManifest sampleEcuManifest(Extras extras)
{
    Metadata::EcuManifest manifest;
    manifest.ecuSerial = QStringLiteral("brake-01");
    manifest.installedImage.path = QStringLiteral("ecu/brake-2.0.bin");
    manifest.installedImage.length = 4000;
    manifest.installedImage.hashes.insert(QStringLiteral("sha256"), QByteArray(32, '\x66'));
    manifest.installedImage.releaseCounter = 4;
    manifest.installedImage.hardwareId = QStringLiteral("brake-hw-v2");
    manifest.timeserverTime = utc(2025, 3, 4, 5, 6, 7);
    manifest.previousTimeserverTime = utc(2025, 3, 3, 5, 6, 7);
    manifest.attacksDetected = QStringLiteral("rollback of targets refused");
    manifest.nonce = -1234567890123LL;
    if (extras == Extras::JsonOnly)
        manifest.unknown.insert(QStringLiteral("x-ecu"), qint64(1));
    return manifest;
}

inline Metadata::VehicleManifest sampleVehicleManifest(const QList<Metadata::Signed<Metadata::EcuManifest>> &ecus,
                                                       Extras extras)
{
    Metadata::VehicleManifest manifest;
    manifest.vin = QStringLiteral("VIN-0001");
    manifest.primaryEcuSerial = QStringLiteral("primary-01");
    for (const auto &ecu : ecus)
        manifest.ecuManifests[ecu.body.ecuSerial].append(ecu);
    manifest.attacksDetected = QStringLiteral("freeze attack on timestamp");
    if (extras == Extras::JsonOnly)
        manifest.unknown.insert(QStringLiteral("x-vehicle"), QStringLiteral("v"));
    return manifest;
}

inline Metadata::TimeAttestation sampleTimeAttestation(Extras extras)
{
    Metadata::TimeAttestation attestation;
    attestation.time = utc(2025, 3, 4, 5, 6, 7);
    attestation.nonces = {17, -3, 9007199254740993LL};
    if (extras == Extras::JsonOnly)
        attestation.unknown.insert(QStringLiteral("x-time"), qint64(0));
    return attestation;
}

} // namespace Uptane::Test
