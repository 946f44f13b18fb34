#pragma once

// Public and private keys of the three TUF 1.0 key types, behind value types. Ed25519 runs on
// libsodium; RSA-PSS and ECDSA P-256 on OpenSSL 3. Keys are immutable and cheap to copy
// (shared, reference-counted internals), so they cross threads as values.
//
// TUF names (spec §4.2 "KEYTYPE"/"SCHEME", securesystemslib):
//   ed25519 / ed25519              public: 64 lowercase hex chars (32 raw bytes)
//   rsa     / rsassa-pss-sha256    public: PEM "PUBLIC KEY" (SubjectPublicKeyInfo)
//   ecdsa   / ecdsa-sha2-nistp256  public: PEM "PUBLIC KEY"; keytype "ecdsa-sha2-nistp256" accepted too
// Signatures: ed25519 64 raw bytes; RSA-PSS with MGF1-SHA256, salt = 32 bytes when signing,
// any salt length accepted when verifying (as securesystemslib); ECDSA as DER (r, s).
// Callers hex-encode signatures for JSON metadata.

#include "common/error.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <memory>

namespace Uptane::Crypto {

enum class KeyType { Ed25519, Rsa, Ecdsa };

// "ed25519", "rsa", "ecdsa"
QString keyTypeName(KeyType type);
// The scheme TUF pairs with the type: "ed25519", "rsassa-pss-sha256", "ecdsa-sha2-nistp256".
QString schemeName(KeyType type);
// Accepts the TUF keytype/scheme pair (including keytype "ecdsa-sha2-nistp256");
// UnknownKeyType for anything else (for example rsa with "rsa-pkcs1v15-sha256").
Result<KeyType> keyTypeFromTuf(const QString &keytype, const QString &scheme);

class PublicKey
{
public:
    PublicKey();  // a null key: verify() always fails
    ~PublicKey();
    PublicKey(const PublicKey &);
    PublicKey &operator=(const PublicKey &);

    // From TUF keytype, scheme and keyval.public. UnknownKeyType for a pair keyTypeFromTuf()
    // refuses; InvalidKey when the value does not parse or does not fit the type (wrong hex
    // length, an RSA PEM under "ecdsa", a non-P-256 curve, explicit curve parameters, a
    // PKCS#1 "RSA PUBLIC KEY", text after the PEM block). Hex may be upper case; the value is
    // kept exactly as given (publicValue()), since key ids hash that text.
    static Result<PublicKey> fromTuf(const QString &keytype, const QString &scheme,
                                     const QString &publicValue);
    // From raw material: 32 bytes for Ed25519, DER SubjectPublicKeyInfo for RSA/ECDSA.
    static Result<PublicKey> fromRaw(KeyType type, QByteArrayView raw);

    bool isNull() const;
    KeyType type() const;  // Ed25519 for a null key: check isNull() first
    QString keyTypeName() const;  // as TUF spells it; the spelling read is kept ("ecdsa-sha2-nistp256")
    QString schemeName() const;
    // keyval.public as TUF writes it: hex for Ed25519, PEM for RSA/ECDSA.
    QString publicValue() const;
    // Raw bytes: 32 for Ed25519, DER SubjectPublicKeyInfo otherwise (used by the DER encoding).
    QByteArray raw() const;

    // True iff signature is a valid signature of message under this key and its scheme.
    // Never throws, never fails on malformed signatures (they simply do not verify).
    bool verify(QByteArrayView message, QByteArrayView signature) const;

    // Signature verifications attempted by verify() in this process (all threads), for
    // benchmarks that set a cycle's cost against raw crypto speed. One relaxed atomic add.
    static quint64 verifyCount();

    bool operator==(const PublicKey &other) const;  // same type and key material

private:
    struct Impl;
    std::shared_ptr<const Impl> m_impl;
};

class PrivateKey
{
public:
    PrivateKey();
    ~PrivateKey();
    PrivateKey(const PrivateKey &);
    PrivateKey &operator=(const PrivateKey &);

    // Fresh key from the OS random source. RSA keys are 3072 bits (bits ignored otherwise);
    // InvalidArgument for rsaBits outside 2048..16384.
    static Result<PrivateKey> generate(KeyType type, int rsaBits = 3072);
    // Ed25519 from a 32-byte seed (RFC 8032 "secret key"), for known-answer tests.
    static Result<PrivateKey> ed25519FromSeed(QByteArrayView seed);

    // PEM PKCS#8 "PRIVATE KEY", unencrypted, for all three types.
    QByteArray toPem() const;
    // Also accepts the traditional "RSA PRIVATE KEY"/"EC PRIVATE KEY" forms older
    // securesystemslib wrote. InvalidKey for anything else, including encrypted keys (never
    // prompts for a passphrase) and EC keys not on P-256.
    static Result<PrivateKey> fromPem(QByteArrayView pem);
    // Writes toPem() atomically to path with permissions 0600 (owner read/write only).
    Result<void> save(const QString &path) const;
    // Reads a key written by save(). IoError/NotFound/InvalidKey.
    static Result<PrivateKey> load(const QString &path);

    bool isNull() const;
    KeyType type() const;
    PublicKey publicKey() const;

    // Signs message with the type's TUF scheme. CryptoFailure if the library fails,
    // InvalidArgument for a null key. Thread-safe: one key may sign on several threads.
    Result<QByteArray> sign(QByteArrayView message) const;

private:
    struct Impl;
    std::shared_ptr<const Impl> m_impl;
};

} // namespace Uptane::Crypto
