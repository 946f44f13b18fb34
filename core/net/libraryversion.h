#pragma once

// The version of libcurl as loaded at run time, for the About box and `uptane-lab --version`.
// It lives here because curl headers may appear in core/net only.

#include <QString>

namespace Uptane::Net {

// libcurl's version, e.g. "7.88.1" (curl_version_info(CURLVERSION_NOW)->version).
QString curlVersion();

} // namespace Uptane::Net
