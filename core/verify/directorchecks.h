#pragma once

// Uptane Standard §5.4.4.6 (Director Targets), the checks the TUF workflow does not make:
// the Director never delegates, names each ECU at most once, and only ECUs of this vehicle.
// The Primary runs them after its TUF refresh of the Director repository.

#include "metadata/types.h"
#include "verify/report.h"

#include <QSet>

#include <optional>

namespace Uptane::Verify {

struct DirectorExpectations
{
    QSet<QString> ecuIds;                // the ECU serials of this vehicle
    std::optional<QString> vehicleId;    // when set, the targets must name this vehicle
};

// DirectorHasDelegations when the targets carry delegations with any role or key;
// SchemaViolation for a target without an ECU identifier (the Director must put one on each,
// Uptane §5.2); DuplicateEcu when one ECU id appears on two targets; UnknownEcu when an ECU
// id is not in expected.ecuIds, or when expected.vehicleId is set and the targets name
// another (or no) vehicle. Each check is recorded in report when one is given.
Result<void> checkDirectorTargets(const Metadata::Targets &targets,
                                  const DirectorExpectations &expected,
                                  VerificationReport *report = nullptr);

} // namespace Uptane::Verify
