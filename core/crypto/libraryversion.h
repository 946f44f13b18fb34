#pragma once

// The versions of the cryptographic libraries this folder wraps, as loaded at run time (not
// the headers we were compiled against), for the About box and `uptane-lab --version`. They
// live here because OpenSSL and libsodium headers may appear in core/crypto only.

#include <QString>

namespace Uptane::Crypto {

// OpenSSL's version number, e.g. "3.0.11" (OpenSSL_version(OPENSSL_VERSION) without its
// "OpenSSL " prefix and release date).
QString opensslVersion();

// libsodium's version, e.g. "1.0.18" (sodium_version_string()).
QString sodiumVersion();

} // namespace Uptane::Crypto
