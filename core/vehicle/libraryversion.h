#pragma once

// The version of libarchive (the metadata bundle's tar writer and reader) as loaded at run
// time, for the About box and `uptane-lab --version`. It lives here because libarchive headers
// may appear in core/vehicle only.

#include <QString>

namespace Uptane::Vehicle {

// libarchive's version, e.g. "3.6.2" (archive_version_string() without its "libarchive " prefix).
QString libarchiveVersion();

} // namespace Uptane::Vehicle
