#pragma once

// The Director's inventory (Uptane Standard §5.3.2): vehicles, their ECUs with hardware ids
// and public keys, the image assigned to each ECU, the Vehicle Version Manifests accepted,
// what each ECU reports as installed, the attacks ECUs report, and every ECU nonce seen (so a
// replayed manifest is refused). One SQLite file, director/inventory.sqlite, readable with
// the sqlite3 shell.
//
// Schema: versioned by PRAGMA user_version and tagged with PRAGMA application_id, migrated
// step by step from version 0 (an empty file) to kSchemaVersion in one transaction. Every
// write is one transaction: it lands whole or not at all (a crash included; WAL journal).
//
// Threads: Qt Sql connections belong to the thread that opened them. An Inventory must be
// opened, used and destroyed on one thread (the services thread); each instance has its own
// connection name, so several inventories (also of one file) can coexist on that thread.
// Debug builds assert the rule.
// Records are plain values and may be handed to other threads.

#include "common/error.h"
#include "metadata/types.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <memory>

namespace Uptane::Services {

struct VehicleRecord
{
    QString vin;
    QString primarySerial;
    QDateTime created;
};

struct EcuRecord
{
    QString vin;
    QString serial;
    QString hardwareId;
    Crypto::PublicKey key;  // stored in TUF form (keytype, scheme, public)
    QString keyid;          // Metadata::computeKeyId(key)
    bool isPrimary = false;
};

// The image the Director wants an ECU to run: path, length, hashes, release counter and
// hardware id as the Image Repository lists them. One per ECU.
struct AssignmentRecord
{
    QString vin;
    QString ecuSerial;
    Metadata::TargetFile target;
    QDateTime assignedAt;
};

struct ManifestRecord
{
    qint64 id = 0;
    QDateTime receivedAt;
    QString vin;
    QByteArray bytes;  // exactly as received
    Metadata::Encoding encoding = Metadata::Encoding::Json;
    QString verdict;   // "accepted" (the Director records only what it accepts, see below)
    QString reason;    // free text; empty for a plain acceptance
};

// What an ECU last reported as installed.
struct InstalledRecord
{
    QString vin;
    QString ecuSerial;
    Metadata::TargetFile image;  // path, length, hashes
    QDateTime reportedAt;
    qint64 manifestId = 0;
};

struct AttackRecord
{
    QString vin;
    QString ecuSerial;
    QString text;
    QDateTime reportedAt;
    qint64 manifestId = 0;
};

struct NonceRecord
{
    QString vin;
    QString ecuSerial;
    qint64 nonce = 0;
};

// Everything one accepted manifest writes (manifestId fields are filled in by the inventory).
struct AcceptedManifest
{
    ManifestRecord manifest;
    QList<InstalledRecord> installed;
    QList<AttackRecord> attacks;
    QList<NonceRecord> nonces;
};

class Inventory
{
public:
    static constexpr int kSchemaVersion = 1;
    // PRAGMA application_id of our files: "UPTL".
    static constexpr qint32 kApplicationId = 0x5550544C;

    // Opens (creating if absent, with its directory) and migrates the inventory at path.
    // Errors: IoError when the file cannot be opened or is not an SQLite database (the file
    // is left as it is); Unsupported when its schema is newer than kSchemaVersion or it is
    // another application's database (left as it is).
    static Result<std::unique_ptr<Inventory>> open(const QString &path);
    ~Inventory();
    Q_DISABLE_COPY_MOVE(Inventory)

    QString path() const { return m_path; }
    // The schema version stored in the file (kSchemaVersion once open() succeeded).
    Result<int> schemaVersion() const;

    // ---- vehicles and ECUs
    // Adds a vehicle with its ECUs in one transaction. Exactly one ECU must be the Primary and
    // its serial must equal vehicle.primarySerial; serials and keys unique within the vehicle;
    // every key non-null; every ecu.vin equal to vehicle.vin (InvalidArgument otherwise, also
    // when the vehicle exists already). keyid is recomputed from the key.
    Result<void> addVehicle(const VehicleRecord &vehicle, const QList<EcuRecord> &ecus);
    // Adds a Secondary to a vehicle in the inventory (an ECU fitted later, issue 6's "add a
    // Secondary"). NotFound for an unknown vehicle; InvalidArgument for a Primary, an empty or
    // taken serial, a null key or one another ECU of the vehicle has. keyid is recomputed.
    Result<void> addEcu(const EcuRecord &ecu);
    // NotFound when absent.
    Result<VehicleRecord> vehicle(const QString &vin) const;
    Result<QList<VehicleRecord>> vehicles() const;
    // The ECUs of a vehicle, Primary first then by serial (empty for an unknown vehicle).
    Result<QList<EcuRecord>> ecus(const QString &vin) const;
    // UnknownEcu when the vehicle has no such ECU.
    Result<EcuRecord> ecu(const QString &vin, const QString &serial) const;

    // ---- assignments
    // Sets (replaces) the image assigned to an ECU. UnknownEcu for an ECU not in the vehicle.
    Result<void> assign(const AssignmentRecord &assignment);
    // Removes an ECU's assignment (no-op when it has none). UnknownEcu as above.
    Result<void> unassign(const QString &vin, const QString &ecuSerial);
    // Ordered by ECU serial.
    Result<QList<AssignmentRecord>> assignments(const QString &vin) const;

    // ---- manifests
    // True when the ECU has reported this nonce before.
    Result<bool> nonceSeen(const QString &vin, const QString &ecuSerial, qint64 nonce) const;
    // Records an accepted manifest, what it reports installed (replacing the ECU's previous
    // report), its attacks and nonces, in one transaction; returns the manifest's id.
    // ReusedNonce when a nonce was seen before, UnknownEcu / NotFound for an ECU or vehicle
    // not in the inventory (the whole write is undone in either case).
    //
    // Rejected manifests are not recorded here: the issue requires that "a rejected
    // manifest changes nothing in the inventory"; the Director narrates them as LabEvents.
    Result<qint64> recordManifest(const AcceptedManifest &accepted);
    // Newest first, at most limit.
    Result<QList<ManifestRecord>> manifests(const QString &vin, int limit = 100) const;
    Result<QList<InstalledRecord>> installed(const QString &vin) const;
    Result<QList<AttackRecord>> attacks(const QString &vin) const;

private:
    Inventory(QString path, QString connectionName);
    Result<void> prepareSchema();

    struct Impl;
    QString m_path;
    std::unique_ptr<Impl> m_impl;
};

} // namespace Uptane::Services
