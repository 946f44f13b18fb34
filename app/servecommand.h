#pragma once

// `uptane-lab serve`: the OEM services of one workspace over HTTP on 127.0.0.1.
//   serve --workspace DIR [--port N] [--encoding der|json] [--publish-interval-ms N] [--verbose]
// Creates the workspace (with the demo fleet) on first use, prints its base URL
// ("http://127.0.0.1:PORT/") as one line on stdout, and serves until SIGINT or SIGTERM,
// then exits 0. Exit 1 when the workspace or the port cannot be opened (an existing
// workspace in another encoding included), 2 on usage errors. With --verbose, every
// LabEvent is printed on stderr, one line each.

#include <QStringList>

namespace Uptane::Cli {

// arguments: everything after "serve". Needs a QCoreApplication; runs its event loop.
int runServe(const QStringList &arguments);

} // namespace Uptane::Cli
