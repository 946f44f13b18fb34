#pragma once

// The version of libtasn1 (our DER codec) as loaded at run time, for the About box and
// `uptane-lab --version`. It lives here because libtasn1 headers may appear in core/encoding only.

#include <QString>

namespace Uptane::Der {

// libtasn1's version, e.g. "4.19.0" (asn1_check_version(nullptr)).
QString tasn1Version();

} // namespace Uptane::Der
