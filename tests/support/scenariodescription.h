#pragma once

// Test support: a scenario's result as text (every step, its error, every observation with
// expected and observed values), for failure messages. Header-only.

#include "lab/scenariorunner.h"

#include <QStringList>

namespace Uptane::Test {

inline QString describeScenario(const Lab::ScenarioResult &result)
{
    using namespace Qt::StringLiterals;
    const auto code = [](const std::optional<ErrorCode> &value) {
        return value ? u" ("_s + errorCodeName(*value) + u')' : QString();
    };
    QStringList lines{result.id + (result.passed() ? u" passed"_s : u" FAILED"_s)
                      + (result.problem.isEmpty() ? QString() : u": "_s + result.problem)};
    for (const Lab::StepResult &step : result.steps) {
        lines.append(u"  step %1 %2 %3%4"_s.arg(step.index).arg(Attacks::stepKindName(step.kind), step.title,
                                                 step.error ? u"  ERROR "_s + step.error->toString() : QString()));
        for (const Lab::Observation &o : step.observations) {
            lines.append(u"    %1%2  expected %3%4  observed %5%6  %7 %8"_s.arg(
                o.where == Lab::Observation::Where::Director ? u"director "_s : QString(), o.serial,
                o.expected, code(o.expectedCode), o.observed, code(o.observedCode),
                o.matches ? u"ok"_s : u"MISMATCH"_s, o.detail));
        }
    }
    return lines.join(u'\n');
}

} // namespace Uptane::Test
