#pragma once

// Private to core/crypto: the shared internals of PublicKey and PrivateKey, and the OpenSSL
// helpers both need. Includes OpenSSL headers, so never include it from outside this folder.

#include "crypto_p.h"
#include "keys.h"

#include <array>

namespace Uptane::Crypto {

// Parsed once when the key is built, so verify() never re-parses PEM or DER (it runs for
// every signature of every metadata file). Immutable after construction: shared freely
// between copies and threads (OpenSSL 3 allows concurrent read-only use of an EVP_PKEY).
struct PublicKey::Impl
{
    KeyType type = KeyType::Ed25519;
    QString keytype;      // the TUF keytype spelling it was read with
    QString publicValue;  // keyval.public exactly as read (key ids hash this text)
    QByteArray raw;       // 32 bytes (Ed25519) or DER SubjectPublicKeyInfo
    std::array<unsigned char, 32> ed25519{};  // Ed25519 only
    Detail::PkeyPtr pkey;                     // RSA/ECDSA only
};

namespace Detail {

// Checks that an OpenSSL key is of the given type: an RSA key for Rsa, a P-256 EC key for
// Ecdsa, an Ed25519 key for Ed25519. InvalidKey otherwise.
Result<void> checkKeyFits(KeyType type, EVP_PKEY *pkey);
// DER SubjectPublicKeyInfo of the public half.
QByteArray spkiDer(EVP_PKEY *pkey);

} // namespace Detail

} // namespace Uptane::Crypto
