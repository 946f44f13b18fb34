#pragma once

// Private to core/lab: Lab's state, shared by lab.cpp (start, cycles, services jobs) and
// labfleet.cpp (snapshots and the operator's fleet changes).

#include "attacks/adversary.h"
#include "lab/lab.h"
#include "net/curlfetcher.h"
#include "vehicle/vehicle.h"

#include <QThread>

#include <map>

namespace Uptane::Services {
class OemServices;
}

namespace Uptane::Lab {

// One opened vehicle. The Vehicle lives on the owner's side, but its cycles run on a worker
// thread; runCycle() refuses a second cycle while one runs (and while the vehicle is being
// reopened), so the vehicle (and its fetcher) is only ever used by one thread at a time.
struct VehicleSlot
{
    std::unique_ptr<Net::CurlFetcher> fetcher;  // declared first: outlives the vehicle
    std::unique_ptr<Vehicle::Vehicle> vehicle;
    std::unique_ptr<QThread> worker;            // the running cycle, if any
    Vehicle::CycleResult result;                // written by the worker, read once it finished
    // The latest snapshot (owner thread), and the one the worker builds after its cycle.
    VehicleSnapshot snapshot;
    VehicleSnapshot cycleSnapshot;
    bool reopening = false;                     // addSecondary in flight: no cycle meanwhile
};

using VehicleMap = std::map<QString, std::unique_ptr<VehicleSlot>>;

// What the start job hands from the services thread to the owner.
struct Opened
{
    Result<void> result;
    QString baseUrl;
    VehicleMap vehicles;
};

// Opens vin's provisioned ECUs under vehiclesDir with a fetcher of its own and builds its
// first snapshot (previous: what to keep of an earlier one, for a reopened vehicle). Runs
// where the vehicle is not in use (the services thread at start and for fleet changes).
Result<std::unique_ptr<VehicleSlot>> openVehicleSlot(const QString &vehiclesDir, const QString &vin,
                                                     const QString &baseUrl, int lowSpeedSeconds,
                                                     const VehicleSnapshot *previous = nullptr);

// The snapshot of vehicle now (snapshot.h), from its ECU stores. With cycle: that cycle's
// outcomes and the reports the ECUs keep of it (the Primary's, each Secondary's). Without:
// last verdicts, errors and reports carried over from previous (a reopened vehicle), else
// the verdict each store recorded last. Runs on the thread that uses the vehicle.
VehicleSnapshot buildSnapshot(Vehicle::Vehicle &vehicle, const Vehicle::CycleResult *cycle,
                              const VehicleSnapshot *previous);

// A callback handing its result to done later on owner's thread: never inside the call
// that produced it, whichever thread that ran on.
template <typename T>
std::function<void(const T &)> replyLater(QObject *owner, std::function<void(T)> done)
{
    return [owner, done = std::move(done)](const T &result) {
        QMetaObject::invokeMethod(owner, [done, result] {
            if (done)
                done(result);
        }, Qt::QueuedConnection);
    };
}

// A change of the fleet on the services thread (addVehicle, addSecondary), given the lab's
// time; its vehicle is then (re)opened.
using FleetChange = std::function<Result<void>(Services::OemServices &, const QDateTime &now)>;

class OemHost;

struct Lab::Private
{
    explicit Private(Lab &lab) : q(lab) {}

    Lab &q;
    ManualClock clock{SystemClock().now()};
    // Declared before the vehicles, so destroyed after them (their bus interceptors refer to
    // it); the host, whose HTTP filters refer to it too, is deleted in ~Lab.
    Attacks::Adversary adversary;
    LabOptions options;
    bool starting = false;
    bool started = false;
    QString baseUrl;
    std::unique_ptr<QThread> servicesThread;
    OemHost *host = nullptr;  // lives on servicesThread and is deleted there (stopServices)
    VehicleMap vehicles;
    Vehicle::MaliciousImages malicious;

    void finishStart(Opened &opened);
    void finishCycle(const QString &vin);
    void stopServices();
    // Connects a newly opened vehicle to the lab: its events, the adversary on its bus.
    void wire(const QString &vin, VehicleSlot &slot);
    // Installs slot as vin's vehicle (replacing one reopened) and announces its snapshot.
    void install(const QString &vin, std::unique_ptr<VehicleSlot> slot);
    // Runs change on the services thread, opens vin's vehicle there (carrying previous over,
    // for a reopened one) and installs it here; done(result) after, on the owner's thread.
    void changeFleet(const QString &vin, FleetChange change, std::optional<VehicleSnapshot> previous,
                     std::function<void(Result<void>)> done);
};

} // namespace Uptane::Lab
