#pragma once

// The factory for the demo fleet's vehicle: provisions the ECU stores of "democar" under
// vehicles/democar/<serial>/ from what the OEM services hold, as a factory would before the
// car leaves the line. Lives in core/lab because it is the one place that knows both the
// services (keys, roots, images, assignments) and the vehicle side (EcuStore).

#include "common/error.h"

#include <QDateTime>

namespace Uptane::Services {
class OemServices;
}

namespace Uptane::Lab {

// Provisions every ECU of the demo vehicle (DemoFleet: Primary INFOdemocar and Secondary
// TCUdemocar with full verification, Secondary DOORdemocar with partial verification)
// whose directory has no ecu.json yet; ECUs provisioned already are left as they are, so a
// lab that reopens its workspace keeps its vehicle. Each ECU gets:
//   - its key: the one the demo fleet generated in its directory (ecu.pem);
//   - the Director root director/democar/metadata/root.<ext> and (full verification) the
//     Image Repository root imagerepo/metadata/root.<ext>;
//   - the Time Server key;
//   - as factory image, the image the Director assigns it now (bytes from the Image
//     Repository), and `now` as its first attested time.
// Must run on the services' thread. Errors: UnknownVehicle when the Director has no
// democar; NotFound for a missing key, root or image; the stores' errors (provisionEcu).
Result<void> provisionDemoVehicle(Services::OemServices &services, const QDateTime &now);

} // namespace Uptane::Lab
