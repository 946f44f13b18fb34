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
    // The ECU serials of this vehicle. Empty: ECU membership is not checked (a Secondary
    // doing full verification does not know the other ECUs of its vehicle); targets without
    // an ECU id, ECU ids named twice and the vehicle id still are.
    QSet<QString> ecuIds;
    std::optional<QString> vehicleId;    // when set, the targets must name this vehicle
};

// DirectorHasDelegations when the targets carry delegations with any role or key;
// SchemaViolation for a target without an ECU identifier (the Director must put one on each,
// Uptane §5.2); DuplicateEcu when one ECU id appears on two targets; UnknownEcu when an ECU
// id is not in expected.ecuIds (when that set is not empty), or when expected.vehicleId is
// set and the targets name another (or no) vehicle. Each check is recorded in report when
// one is given.
Result<void> checkDirectorTargets(const Metadata::Targets &targets,
                                  const DirectorExpectations &expected,
                                  VerificationReport *report = nullptr);

} // namespace Uptane::Verify
