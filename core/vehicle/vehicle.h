#pragma once

// A vehicle: its ECUs as provisioned under vehicles/<vin>/ in the workspace (one Primary,
// any number of Secondaries, each full or partial), their VehicleBus, and update cycles.
// The lab (and tests, benchmarks, the command line) build one per vehicle and call
// runCycle() on a worker thread.
//
// Provisioning is the factory's job: provisionEcu() writes an ECU's store with what it must
// trust from day one (Director and Image Repository roots, the Time Server key) and its
// factory image.

#include "common/fetcher.h"
#include "net/vehiclebus.h"
#include "vehicle/primary.h"
#include "vehicle/secondary.h"

#include <memory>

namespace Uptane::Vehicle {

struct EcuProvisioning
{
    EcuConfig config;
    Crypto::PrivateKey key;
    QByteArray directorRoot;        // the vehicle's Director root (both Full and Partial)
    QByteArray imageRoot;           // the Image Repository root (Full only; ignored for Partial)
    Metadata::TargetFile factoryImage;  // path, length, hashes (+ hardware id, release counter)
    QByteArray factoryImageBytes;   // must match factoryImage (checkImage; else its error)
    QDateTime factoryTime;          // the first "attested" time: provisioning time
};

// Writes a new ECU store under dir (EcuStore::provision with metadata "director/root",
// "director/1.root"-style archive for the Primary, "imagerepo/root"). The roots must parse
// and be self-signed (the codec's and TrustedRepository::create's errors);
// InvalidArgument when dir holds a provisioned ECU already.
Result<void> provisionEcu(const QString &dir, const EcuProvisioning &provisioning);

struct VehicleOptions
{
    QString baseUrl;  // the OEM services
    PrimaryOptions primary;  // baseUrl is taken from above
};

struct CycleResult
{
    qint64 cycle = 0;
    QList<EcuOutcome> outcomes;  // Primary first, then Secondaries in serial order
    std::optional<Error> stoppedBy;
    QByteArray vehicleManifest;
    std::optional<Error> manifestError;

    const EcuOutcome *outcome(const QString &serial) const;
};

class Vehicle
{
public:
    using EventCallback = std::function<void(const LabEvent &)>;

    // Opens every provisioned ECU in vehiclesDir/<vin>/*/ (directories with ecu.json).
    // NotFound without any; InvalidArgument unless exactly one is a Primary, or when an ECU
    // belongs to another VIN or encoding. EcuStore::open's errors. The fetcher must outlive
    // the vehicle (tests pass an in-memory one; the product a Net::CurlFetcher).
    static Result<std::unique_ptr<Vehicle>> open(const QString &vehiclesDir, const QString &vin,
                                                 Fetcher &fetcher, const VehicleOptions &options);
    ~Vehicle();
    Q_DISABLE_COPY_MOVE(Vehicle)

    QString vin() const;
    QString primarySerial() const;
    QList<SecondaryLink> secondaries() const;
    Net::VehicleBus &bus() { return *m_bus; }
    Primary &primary() { return *m_primary; }
    Secondary *secondary(const QString &serial);
    const EcuStore *store(const QString &serial) const;
    // Every check the Primary ran in the last cycle (PrimaryCycle::report); empty before any.
    const Verify::VerificationReport &primaryReport() const { return m_primaryReport; }

    void setEventCallback(EventCallback callback);
    void setMaliciousImages(const MaliciousImages &images);

    // One update cycle (Primary::runCycle), then every Secondary's outcome for it. Blocking:
    // call it on a worker thread, never on the thread serving the OEM's HTTP.
    CycleResult runCycle();

private:
    Vehicle() = default;

    std::unique_ptr<Net::VehicleBus> m_bus;
    std::vector<std::unique_ptr<EcuStore>> m_stores;  // [0] the Primary's
    std::unique_ptr<Primary> m_primary;
    std::map<QString, std::unique_ptr<Secondary>> m_secondaries;
    qint64 m_nextCycle = 1;
    Verify::VerificationReport m_primaryReport;
};

} // namespace Uptane::Vehicle
