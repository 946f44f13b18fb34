#pragma once

// The start-up self-test: known-answer vectors for every primitive the trust core relies on
// (RFC 8032 §7.1 for Ed25519, FIPS 180-4 examples for SHA-256/512) plus a sign/verify
// round trip and a tampered-signature rejection for RSA-PSS and ECDSA P-256.
// The application refuses to start when this fails: a broken crypto library would make every
// verdict the demonstrator shows meaningless.

#include "common/error.h"

namespace Uptane::Crypto {

// Initialises libsodium and runs every vector; SelfTestFailed names the first that failed.
Result<void> runSelfTest();

} // namespace Uptane::Crypto
