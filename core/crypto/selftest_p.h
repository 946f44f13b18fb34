#pragma once

// Private to core/crypto and its tests: the self-test's vector tables and checkers, exposed
// so tst_selftest can feed deliberately wrong vectors and see SelfTestFailed (a self-test
// that cannot fail proves nothing). No OpenSSL or libsodium here.

#include "common/error.h"
#include "hash.h"

#include <span>

namespace Uptane::Crypto::Detail {

// RFC 8032 §7.1 style vector; every field hex except the name.
struct Ed25519Vector
{
    const char *name;
    const char *seed;
    const char *publicKey;
    const char *message;
    const char *signature;
};

// FIPS 180-4 example: ASCII message, hex digest.
struct HashVector
{
    const char *name;
    HashAlgorithm algorithm;
    const char *message;
    const char *digest;
};

// A fixed private key (PEM) with a known-answer signature (hex) over message (ASCII), made by
// an independent implementation.
struct SignatureVector
{
    const char *name;
    const char *privateKeyPem;
    const char *message;
    const char *signature;
};

std::span<const Ed25519Vector> builtinEd25519Vectors();
std::span<const HashVector> builtinHashVectors();
std::span<const SignatureVector> builtinSignatureVectors();  // RSA-PSS, then ECDSA

// Each returns SelfTestFailed naming the first vector that does not reproduce.
Result<void> checkHashVectors(std::span<const HashVector> vectors);
Result<void> checkEd25519Vectors(std::span<const Ed25519Vector> vectors);
// Known-answer verify, tampered known answer rejected, then a fresh sign/verify round trip
// with a tampered signature and another message rejected.
Result<void> checkSignatureVectors(std::span<const SignatureVector> vectors);

} // namespace Uptane::Crypto::Detail
