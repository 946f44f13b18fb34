#pragma once

// The Director's checks of a Vehicle Version Manifest (Uptane Standard §5.3.2, "Director
// Repository"; formats in §5.4.2.1): pure logic, bytes and inventory records in, a verdict
// out. DirectorRepository feeds it from the Inventory and records what it accepts.
//
// Checks, in order (the first failure decides, with its code):
//   1. the bytes parse as a vehicle manifest in the workspace encoding
//      (MalformedJson / MalformedDer / SchemaViolation / WrongType ...);
//   2. the vehicle is in the inventory (UnknownVehicle), and is the one the manifest was
//      sent for when the caller says so (UnknownVehicle);
//   3. the Primary's key from the inventory signed it: BadSignature when a signature under
//      the Primary's keyid does not verify, ThresholdNotMet when there is none;
//   4. primary_ecu_serial is the inventory's Primary (UnknownEcu for a serial the vehicle
//      does not have, SpoofedEcu for one of its Secondaries);
//   5. for every ECU manifest: its serial (the map key) is an ECU of this vehicle
//      (UnknownEcu); the manifest's own ecu_serial equals the map key (SpoofedEcu); it is
//      signed by that ECU's registered key (SpoofedEcu when instead another ECU of the
//      vehicle signed it, BadSignature when no valid signature at all); its nonce was never
//      seen for that ECU, in the inventory or earlier in this manifest (ReusedNonce).
//
// Policy: the Standard says a report from an unknown ECU is discarded; this lab rejects the
// whole manifest instead, with a clear reason, and records nothing of it (issue 3: "a
// rejected manifest changes nothing in the inventory"). An ECU of the vehicle that sends no
// report is fine: that is how a dropped or partial installation shows.

#include "services/inventory.h"
#include "metadata/signed.h"
#include "verify/report.h"

#include <functional>
#include <optional>

namespace Uptane::Services {

// What the inventory holds about one vehicle.
struct VehicleInventory
{
    VehicleRecord vehicle;
    QList<EcuRecord> ecus;
};

// One verified ECU Version Manifest.
struct EcuReport
{
    QString ecuSerial;
    Metadata::EcuManifest manifest;
};

struct VerifiedManifest
{
    Metadata::Signed<Metadata::VehicleManifest> manifest;
    QList<EcuReport> reports;  // every ECU manifest, by serial, in list order within a serial
};

// nullopt for an unknown VIN; an error (IoError) when the inventory cannot be read.
using VehicleLookup = std::function<Result<std::optional<VehicleInventory>>(const QString &vin)>;
// True when the ECU reported this nonce before.
using NonceLookup = std::function<Result<bool>(const QString &vin, const QString &ecuSerial, qint64 nonce)>;

struct ManifestCheckOptions
{
    Metadata::Encoding encoding = Metadata::Encoding::Json;
    // The VIN the manifest was sent for (the HTTP route); the manifest must name it.
    std::optional<QString> expectedVin;
};

// Runs the checks above. Each check is recorded in report when one is given (step
// "Uptane 5.3.2", role "vehicle manifest" or "ecu manifest <serial>").
Result<VerifiedManifest> verifyVehicleManifest(QByteArrayView bytes, const ManifestCheckOptions &options,
                                               const VehicleLookup &lookupVehicle,
                                               const NonceLookup &nonceSeen,
                                               Verify::VerificationReport *report = nullptr);

// The inventory records of an accepted manifest: the manifest bytes, what each ECU reports
// installed (the last of its manifests), every non-empty attack report (the Primary's
// vehicle-level one under the Primary's serial) and every nonce. Times are receivedAt.
AcceptedManifest acceptedRecords(const VerifiedManifest &verified, const QByteArray &bytes,
                                 Metadata::Encoding encoding, const QDateTime &receivedAt);

} // namespace Uptane::Services
