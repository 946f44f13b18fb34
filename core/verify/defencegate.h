#pragma once

// How a check site honours its test-only defence switch (common/defences.h). In the product
// every defence is on and both functions are exactly "record the check, return its result".
// A test that turns one defence off makes its checks behave as passed: the site goes on as if
// the check had succeeded, and the report still lists the check, marked as skipped.

#include "common/defences.h"
#include "verify/report.h"

namespace Uptane::Verify {

// What the site acts on: result while the defence is on, success while it is off.
inline Result<void> unlessOff(Defence defence, Result<void> result)
{
    if (result || Defences::isOn(defence))
        return result;
    return {};
}

// Records a guarded check in report (when given) and returns what the site acts on. While the
// defence is off the check is recorded as passed, its description followed by
// "[skipped: defence <name> off]" and, when it would have failed, by the failure.
inline Result<void> guardedCheck(VerificationReport *report, Defence defence, const QString &step,
                                 const QString &role, const QString &description, Result<void> result)
{
    if (Defences::isOn(defence)) {
        if (report)
            report->record(step, role, description, result);
        return result;
    }
    if (report) {
        QString marked = description + QStringLiteral(" [skipped: defence ") + defenceName(defence)
                         + QStringLiteral(" off");
        if (!result)
            marked += QStringLiteral("; would fail: ") + result.error().toString();
        report->pass(step, role, marked + u']');
    }
    return {};
}

} // namespace Uptane::Verify
