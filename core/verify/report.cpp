#include "verify/report.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Uptane::Verify {

void VerificationReport::pass(const QString &step, const QString &role, const QString &description)
{
    m_checks.append(Check{step, role, description, true, std::nullopt});
}

void VerificationReport::fail(const QString &step, const QString &role, const QString &description,
                              const Error &error)
{
    m_checks.append(Check{step, role, description, false, error});
}

void VerificationReport::markAdvisory(qsizetype from)
{
    for (qsizetype i = std::max<qsizetype>(from, 0); i < m_checks.size(); ++i)
        m_checks[i].advisory = true;
}

qsizetype VerificationReport::append(const VerificationReport &source, qsizetype from)
{
    const QList<Check> &checks = source.checks();
    for (qsizetype i = std::max<qsizetype>(from, 0); i < checks.size(); ++i)
        m_checks.append(checks.at(i));
    return checks.size();
}

bool VerificationReport::allPassed() const
{
    return !firstFailure().has_value();
}

std::optional<Check> VerificationReport::firstFailure() const
{
    const auto it = std::ranges::find_if(
        m_checks, [](const Check &check) { return !check.passed && !check.advisory; });
    if (it == m_checks.end())
        return std::nullopt;
    return *it;
}

QString VerificationReport::toText() const
{
    QString text;
    for (const Check &check : m_checks) {
        const QString mark = check.passed ? u"[PASS] "_s : check.advisory ? u"[NOTE] "_s : u"[FAIL] "_s;
        text += mark + check.step + u' ' + check.role
                + u": " + check.description;
        if (check.error)
            text += u" (" + check.error->toString() + u')';
        text += u'\n';
    }
    return text;
}

} // namespace Uptane::Verify
