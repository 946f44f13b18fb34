#include "lab/snapshot.h"

namespace Uptane::Lab {

const EcuSnapshot *VehicleSnapshot::ecu(const QString &serial) const
{
    for (const EcuSnapshot &e : ecus) {
        if (e.serial == serial)
            return &e;
    }
    return nullptr;
}

const EcuSnapshot *VehicleSnapshot::primary() const
{
    for (const EcuSnapshot &e : ecus) {
        if (e.primary)
            return &e;
    }
    return nullptr;
}

} // namespace Uptane::Lab
