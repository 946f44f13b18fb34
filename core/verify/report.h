#pragma once

// A VerificationReport records every check a verification ran, in order: which spec step it
// implements, on which role, whether it passed, and why not. The GUI shows it as a checklist;
// tests assert that a check ran and failed with a given code.

#include "common/error.h"

#include <QList>
#include <QString>

#include <optional>

namespace Uptane::Verify {

struct Check
{
    QString step;         // spec step, e.g. "TUF 5.3.4" or "Uptane 5.4.4.2.10"
    QString role;         // "root", "timestamp", "targets", "supplier-acme", "image", "time" ...
    QString description;  // English, what was checked ("threshold of trusted root keys")
    bool passed = false;
    std::optional<Error> error;  // set when failed
    // A failed check that did not decide anything: it ran on a stored copy that then served
    // only as rollback baseline (or not at all) while a fresh copy was fetched. allPassed()
    // and firstFailure() ignore advisory failures; toText() marks them "[NOTE]".
    bool advisory = false;
};

class VerificationReport
{
public:
    void pass(const QString &step, const QString &role, const QString &description);
    void fail(const QString &step, const QString &role, const QString &description,
              const Error &error);
    // Records the outcome of a Result-returning check and passes it through.
    template <typename T>
    Result<T> record(const QString &step, const QString &role, const QString &description,
                     Result<T> result)
    {
        if (result)
            pass(step, role, description);
        else
            fail(step, role, description, result.error());
        return result;
    }

    const QList<Check> &checks() const { return m_checks; }
    // Marks every check recorded from index `from` on (an earlier checks().size()) advisory.
    void markAdvisory(qsizetype from);
    // Appends source's checks from index `from` on (advisory marks kept) and returns the new
    // end of source, so a caller can take a growing report's checks in instalments.
    qsizetype append(const VerificationReport &source, qsizetype from = 0);
    // No failed check other than advisory ones.
    bool allPassed() const;
    // First failed non-advisory check, if any.
    std::optional<Check> firstFailure() const;
    void clear() { m_checks.clear(); }
    // One line per check: "[PASS] TUF 5.3.4 root: threshold of trusted root keys", failures
    // with " (Code: detail)" appended.
    QString toText() const;

private:
    QList<Check> m_checks;
};

} // namespace Uptane::Verify
