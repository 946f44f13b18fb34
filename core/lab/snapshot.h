#pragma once

// What the demonstrator shows of a vehicle at a glance, as plain values it may keep: every
// ECU's trusted metadata (bytes and versions), installed image, attested time and the
// verdict and verification report of its last cycle. The Lab builds a snapshot on the
// thread that owns the vehicle (after start, after every cycle, after an ECU is added) and
// delivers it to the owner thread (Lab::vehicleChanged); the GUI never reads an ECU store.

#include "common/error.h"
#include "metadata/types.h"
#include "vehicle/ecustore.h"
#include "verify/report.h"

#include <QDateTime>
#include <QList>
#include <QMap>
#include <QMetaType>
#include <QString>

#include <optional>

namespace Uptane::Lab {

struct EcuSnapshot
{
    QString vin;
    QString serial;
    QString hardwareId;
    bool primary = false;
    Vehicle::Verification verification = Vehicle::Verification::Full;
    std::optional<Metadata::TargetFile> installed;
    QDateTime attestedTime;
    qint64 cycles = 0;                 // committed cycles
    // The last cycle's outcome: verdictName() ("UPDATED", "DEFENDED" ...), empty before any
    // cycle; the error of a refusal (ErrorCode + detail).
    QString lastVerdict;
    std::optional<Error> lastError;
    // Trusted metadata exactly as the ECU stores it: the store's file name
    // ("director/root.json", "imagerepo/targets.der" ...) -> bytes.
    QMap<QString, QByteArray> metadata;
    // The version of each trusted role: "director/root" -> 3, "imagerepo/snapshot" -> 7 ...
    // (partial verification: "director/targets" only).
    QMap<QString, qint64> versions;
    // Every check this ECU ran in its last cycle, in order (empty before any cycle).
    QList<Verify::Check> lastReport;

    QString nodeId() const { return vin + u'/' + serial; }
};

struct VehicleSnapshot
{
    QString vin;
    qint64 cycle = 0;           // the last cycle run (0 before any)
    QList<EcuSnapshot> ecus;    // Primary first, then Secondaries by serial

    const EcuSnapshot *ecu(const QString &serial) const;
    const EcuSnapshot *primary() const;
};

// Operator dialogs: a new vehicle / a new Secondary, provisioned like the demo car (its key
// generated, registered with the Director's inventory, roots and Time Server key installed,
// no factory image unless the Director assigns one).
struct SecondarySpec
{
    QString serial;                     // unique in the fleet, Workspace name rules
    QString hardwareId;                 // e.g. "acme-ecu"
    Vehicle::Verification verification = Vehicle::Verification::Full;
};

struct VehicleSpec
{
    QString vin;                        // Workspace name rules, not used yet
    QString primarySerial;              // e.g. "INFO<vin>"
    QString primaryHardwareId;          // e.g. "infotainment"
    QList<SecondarySpec> secondaries;
};

} // namespace Uptane::Lab

Q_DECLARE_METATYPE(Uptane::Lab::VehicleSnapshot)
