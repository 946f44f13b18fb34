#pragma once

// Test support: one line describing an update cycle's outcome (every ECU's verdict with its
// error, why the cycle stopped, the manifest's fate), for failure messages. Header-only.

#include "vehicle/vehicle.h"

#include <QStringList>

namespace Uptane::Test {

inline QString describeCycle(const Vehicle::CycleResult &result)
{
    using namespace Qt::StringLiterals;
    QStringList lines;
    for (const Vehicle::EcuOutcome &outcome : result.outcomes) {
        lines.append(outcome.serial + u": "_s + Vehicle::verdictName(outcome.verdict)
                     + (outcome.error ? u" "_s + outcome.error->toString() : QString()));
    }
    if (result.stoppedBy)
        lines.append(u"stopped: "_s + result.stoppedBy->toString());
    if (result.manifestError)
        lines.append(u"manifest: "_s + result.manifestError->toString());
    return lines.join(u"; "_s);
}

} // namespace Uptane::Test
