#pragma once

// `uptane-lab tuf-client`: a plain TUF 1.0 client following the public tuf-conformance
// client CLI protocol:
//   tuf-client --metadata-dir DIR init TRUSTED_ROOT_FILE
//   tuf-client --metadata-dir DIR --metadata-url URL refresh
//   tuf-client --metadata-dir DIR --metadata-url URL --target-name NAME
//              --target-base-url URL --target-dir DIR download
// plus --reference-time ISO8601 (verify an archived repository as of that time).
// Exit code 0 on success, 1 on any failure (reason on stderr), 2 on usage errors.

#include <QStringList>

namespace Uptane::Cli {

// arguments: everything after "tuf-client". Output goes to stdout/stderr.
int runTufClient(const QStringList &arguments);

} // namespace Uptane::Cli
