#pragma once

// The comparisons of the ScenarioRunner (scenariorunner.h): a cycle's outcomes against a step's
// ECU expectations, and the Director's inventory against its Director expectations.
// Private to core/lab.

#include "attacks/scenario.h"
#include "lab/scenariorunner.h"
#include "vehicle/vehicle.h"

#include <QHash>

namespace Uptane::Services {
class OemServices;
}

namespace Uptane::Lab {

// What the Director shows for one ECU after a cycle.
struct Finding
{
    Attacks::DirectorFinding finding = Attacks::DirectorFinding::Installed;
    std::optional<ErrorCode> code;
    QString detail;
};

// The Director's view of every ECU of vin after a cycle whose manifest the Director refused
// (manifestError) or accepted (scenario.h, DirectorFinding). On the services thread.
Result<QHash<QString, Finding>> readDirector(Services::OemServices &services, const QString &vin,
                                             const std::optional<Error> &manifestError);

// One observation per expectation (in order), then one failing observation per ECU of the
// cycle that no expectation names.
QList<Observation> compareEcus(const QList<Attacks::EcuExpectation> &expected, const Vehicle::CycleResult &cycle);
QList<Observation> compareDirector(const QList<Attacks::DirectorExpectation> &expected,
                                   const QHash<QString, Finding> &findings);

} // namespace Uptane::Lab
