#pragma once

// The factory for the lab's vehicles: provisions ECU stores under vehicles/<vin>/<serial>/
// from what the OEM services hold, as a factory would before the car leaves the line. Lives
// in core/lab because it is the one place that knows both the services (keys, roots, images,
// assignments) and the vehicle side (EcuStore).

#include "common/error.h"
#include "vehicle/ecustore.h"

#include <QDateTime>
#include <QList>

namespace Uptane::Services {
class OemServices;
}

namespace Uptane::Lab {

// One ECU the factory builds: what the Director's inventory does not record (whether it does
// full or partial verification) beside what it does.
struct EcuPlan
{
    QString serial;
    QString hardwareId;
    bool primary = false;
    Vehicle::Verification verification = Vehicle::Verification::Full;
};

// Provisions every ECU of plans (all of vehicle vin) whose directory has no ecu.json yet;
// ECUs provisioned already are left as they are, so a lab that reopens its workspace keeps
// its vehicle. Each ECU gets:
//   - its key: the one in its directory (ecu.pem, KeyRing name DemoFleet::ecuKeyName()),
//     generated before the ECU was registered with the Director;
//   - the Director root director/<vin>/metadata/root.<ext> and (full verification) the
//     Image Repository root imagerepo/metadata/root.<ext>;
//   - the Time Server key;
//   - as factory image, the image the Director assigns it now (bytes from the Image
//     Repository), and `now` as its first attested time.
// Must run on the services' thread. Errors: UnknownVehicle when the Director has no such
// vehicle; NotFound for a missing key, root or image; the stores' errors (provisionEcu).
Result<void> provisionEcus(Services::OemServices &services, const QString &vin, const QList<EcuPlan> &plans,
                           const QDateTime &now);

// The demo vehicle (DemoFleet: Primary INFOdemocar and Secondary TCUdemocar with full
// verification, Secondary DOORdemocar with partial verification): provisionEcus() with its
// plan, keys as the demo fleet generated them.
Result<void> provisionDemoVehicle(Services::OemServices &services, const QDateTime &now);

} // namespace Uptane::Lab
