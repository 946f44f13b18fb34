#pragma once

// What every headless command shares: its exit codes and printing that reaches the stream
// at once (serve's URL line must not wait in a buffer while the event loop runs).

#include <QString>
#include <QTextStream>

#include <cstdio>

namespace Uptane::Cli {

enum ExitCode { Success = 0, Failure = 1, UsageError = 2 };

inline void printNow(FILE *stream, const QString &text)
{
    QTextStream out(stream);
    out << text;
    out.flush();
    std::fflush(stream);
}

} // namespace Uptane::Cli
