#pragma once

// What every fuzz target does when a property fails: say which, and abort, which libFuzzer
// reports as a crash and keeps the input that caused it.

#include <QString>

#include <cstdio>
#include <cstdlib>

namespace Uptane::Fuzz {

[[noreturn]] inline void violated(const char *what, const char *type, const QString &detail = {})
{
    std::fprintf(stderr, "fuzz: %s for %s %s\n", what, type, qPrintable(detail));
    std::abort();
}

} // namespace Uptane::Fuzz
