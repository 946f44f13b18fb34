#pragma once

// SHA-2 digests through OpenSSL 3 (FIPS 180-4). Byte arrays in one call, files and devices
// streamed in fixed-size chunks so an image of any size never sits in memory whole.

#include "common/error.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <memory>

class QIODevice;

namespace Uptane::Crypto {

enum class HashAlgorithm { Sha256, Sha512 };

// "sha256" / "sha512", the names TUF uses in "hashes" objects.
QString hashAlgorithmName(HashAlgorithm algorithm);
// Parses a TUF hash name (case-sensitive); Unsupported for anything else (e.g. "md5").
Result<HashAlgorithm> hashAlgorithmFromName(const QString &name);
// Digest size in bytes: 32 or 64.
int hashSize(HashAlgorithm algorithm);

// Raw digests (not hex).
QByteArray sha256(QByteArrayView data);
QByteArray sha512(QByteArrayView data);
QByteArray hash(HashAlgorithm algorithm, QByteArrayView data);

// Incremental hashing: feed chunks with addData(), read result() once. Movable, not copyable.
class Hasher
{
public:
    explicit Hasher(HashAlgorithm algorithm);
    ~Hasher();
    Hasher(Hasher &&) noexcept;
    Hasher &operator=(Hasher &&) noexcept;

    HashAlgorithm algorithm() const { return m_algorithm; }
    void addData(QByteArrayView data);
    // Finishes the digest; the Hasher must not be fed afterwards (input after result() is
    // ignored and a second result() is empty, as is the result of a moved-from Hasher).
    QByteArray result();

private:
    struct Impl;
    HashAlgorithm m_algorithm;
    std::unique_ptr<Impl> m_impl;
};

// Hashes everything readable from an open device, 64 KiB at a time. IoError on read failure.
Result<QByteArray> hashDevice(HashAlgorithm algorithm, QIODevice &device);
// Opens and hashes a file without loading it whole. IoError/NotFound on failure.
Result<QByteArray> hashFile(HashAlgorithm algorithm, const QString &path);

// Constant-time comparison of two digests (or any secrets) of equal length.
bool constantTimeEquals(QByteArrayView a, QByteArrayView b);

} // namespace Uptane::Crypto
