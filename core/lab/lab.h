#pragma once

// Lab: the composition root of the demonstrator. One workspace, the OEM services over HTTP on
// their own thread (OemHost), the demo vehicle (and any added later) provisioned and opened,
// update cycles run as jobs on worker threads, and every engine's LabEvents delivered through
// one signal. The GUI, the scenario runner and the command line all drive the lab through
// this class, from one thread (the "owner": the GUI thread in the desktop application), and
// never wait on the network, crypto or disk there: every operation is a job whose result
// arrives by signal.
//
// Threads:
//   owner thread     calls the public API, receives the signals (queued).
//   services thread  OemHost (HttpHost, repositories, Director, Time Server); service
//                    operations (assign an image, add an image, rotate keys ...) run there
//                    through runOnServices().
//   worker threads   one per running cycle (blocking libcurl, signature checks, disk).
// A cycle of a vehicle never overlaps another cycle of the same vehicle (Busy).
//
// Time: the services and vehicles see the lab's ManualClock (clock()), which the lab moves
// forward by one second before every cycle so attestations are fresh and monotonic, and
// which scenarios may move further (freeze attacks). It starts at the system time.

#include "common/clock.h"
#include "common/labevent.h"
#include "lab/snapshot.h"
#include "metadata/types.h"
#include "vehicle/vehicle.h"
#include "vehicle/verdict.h"

#include <QObject>

#include <functional>
#include <memory>

namespace Uptane::Services {
class OemServices;
}
namespace Uptane::Net {
class HttpHost;
}
namespace Uptane::Vehicle {
class Vehicle;
struct CycleResult;
}

namespace Uptane::Attacks {
class Adversary;
}

namespace Uptane::Lab {

class OemHost;

struct LabOptions
{
    QString workspace;                      // created when absent
    Metadata::Encoding encoding = Metadata::Encoding::Json;
    bool demoFleet = true;                  // the demo fleet and democar's provisioned vehicle
    // The vehicles' libcurl low-speed window (at 1024 B/s): short, so the slow-retrieval
    // scenario ends in seconds in front of a class.
    int lowSpeedSeconds = 2;
};

class Lab : public QObject
{
    Q_OBJECT
public:
    explicit Lab(QObject *parent = nullptr);
    ~Lab() override;  // stops the services thread, waits for running cycles

    // Opens the workspace on the services thread: OemServices, HTTP, the demo vehicle
    // provisioned (Lab::provisionDemoVehicle) and every provisioned vehicle under vehicles/
    // opened. Asynchronous: started() reports the result. InvalidArgument when started.
    void start(const LabOptions &options);
    bool isStarted() const;
    LabOptions options() const;
    QString baseUrl() const;
    ManualClock &clock();

    QStringList vins() const;  // vehicles opened (sorted)

    // Runs an update cycle of vin on a worker thread; cycleFinished() reports it. Busy
    // (InvalidArgument with detail "busy") when that vehicle is already cycling; UnknownVehicle.
    Result<void> runCycle(const QString &vin);
    bool isCycling(const QString &vin) const;

    // Runs f on the services thread with the services; done(result) on the owner thread.
    void runOnServices(std::function<Result<void>(Services::OemServices &)> f,
                       std::function<void(Result<void>)> done = {});

    // Blocking variants for tests, scripts and the command line (not for the GUI thread):
    // wait for the job, spinning the caller's event loop.
    Result<void> startAndWait(const LabOptions &options);
    Result<Vehicle::CycleResult> runCycleAndWait(const QString &vin);
    Result<void> runOnServicesAndWait(std::function<Result<void>(Services::OemServices &)> f);

    // Images the scenario knows are malicious (COMPROMISED instead of UPDATED), for every
    // vehicle, from now on.
    void setMaliciousImages(const Vehicle::MaliciousImages &images);

    // The lab's adversary (issue 5): the man in the middle of every HTTP exchange (installed
    // as the HttpHost's filters at start) and on every opened vehicle's bus. Its events come
    // out of eventEmitted(). Idle until an action is set.
    Attacks::Adversary &adversary();

    // What every opened vehicle looks like now (owner thread, no waiting: the latest
    // snapshots delivered by vehicleChanged()). Empty before started().
    QList<VehicleSnapshot> snapshots() const;
    std::optional<VehicleSnapshot> snapshot(const QString &vin) const;

    // Operator actions that change the fleet (issue 6 dialogs). Asynchronous: done(result) on
    // the owner thread, after which vins() and snapshots() include the change and
    // vehicleChanged() has been emitted. addVehicle: InvalidArgument for an unsafe or taken
    // VIN / serial; the vehicle is registered with the Director's inventory, its ECUs
    // provisioned under vehicles/<vin>/ and opened. addSecondary: UnknownVehicle; Busy
    // (InvalidArgument "busy") while that vehicle cycles; the Secondary is registered,
    // provisioned and the vehicle reopened with it.
    void addVehicle(const VehicleSpec &spec, std::function<void(Result<void>)> done = {});
    void addSecondary(const QString &vin, const SecondarySpec &spec,
                      std::function<void(Result<void>)> done = {});

    // The metadata a repository serves now, read on the services thread: node "imagerepo"
    // or "director/<vin>"; file name ("root.json", "3.root.json", "targets.json" ...)
    // -> bytes. UnknownVehicle / NotFound.
    void readRepositoryMetadata(const QString &node,
                                std::function<void(Result<QMap<QString, QByteArray>>)> done);

Q_SIGNALS:
    void started(const Uptane::Result<void> &result);
    void cycleFinished(const QString &vin, const Uptane::Vehicle::CycleResult &result);
    void eventEmitted(const Uptane::LabEvent &event);
    // A vehicle's snapshot changed (after start, after each of its cycles, after an ECU was
    // added). vehiclesChanged(): the list of VINs changed (a vehicle was added).
    void vehicleChanged(const Uptane::Lab::VehicleSnapshot &snapshot);
    void vehiclesChanged();

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Uptane::Lab

// The signals' payloads cross threads (queued connections, QSignalSpy): one name each,
// declared where every user of the signals sees it. std::expected's operator== (libstdc++
// 12) is not SFINAE-friendly when the error type has none: tell QMetaType there is none.
template <>
struct QTypeTraits::has_operator_equal<Uptane::Result<void>> : std::false_type
{
};
Q_DECLARE_METATYPE(Uptane::Result<void>)
Q_DECLARE_METATYPE(Uptane::Vehicle::CycleResult)
