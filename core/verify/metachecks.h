#pragma once

// Small checks shared by TrustedRepository, Updater and the Uptane verifiers: file names of
// metadata as snapshot/timestamp list them, length and hash checks, expiry. The threshold and
// delegation-path checks are declared in trustedrepository.h and implemented beside these.

#include "crypto/hash.h"
#include "metadata/types.h"

#include <QByteArrayView>
#include <QDateTime>

#include <optional>
#include <vector>

class QIODevice;

namespace Uptane::Verify {

// The top-level role names, as the store, the URLs and the report use them.
inline const QString kRootRole = QStringLiteral("root");
inline const QString kTimestampRole = QStringLiteral("timestamp");
inline const QString kSnapshotRole = QStringLiteral("snapshot");
inline const QString kTargetsRole = QStringLiteral("targets");

// The METAFILES name snapshot uses for a targets role and timestamp for the snapshot:
// "<role>.<ext>" ("targets.json", "supplier-a.der"). Role names are not quoted here: the
// name is a key inside signed metadata, not a path or a URL.
QString metaFileName(const QString &role, Metadata::Encoding encoding);

// The METAFILES entry a writer lists for bytes it publishes: version, length and sha256 +
// sha512, so readers can check the exact bytes before parsing them (TUF §5.5.2, §5.6.2).
// The services' writer and the attacker's forgeries (core/attacks) both use it, so a forged
// release has the shape of a real one.
Metadata::MetaFile metaFileFor(qint64 version, const QByteArray &bytes);

// TUF 5.5.2 / 5.6.2 / 5.7.3: data must have exactly `length` bytes (when given) and match
// every listed hash whose algorithm we know (sha256, sha512); unknown algorithms are
// skipped. LengthMismatch, HashMismatch; Unsupported when hashes are listed but none is
// known, or when requireHash is set and no known hash is listed at all.
Result<void> checkLengthAndHashes(QByteArrayView data, std::optional<qint64> length,
                                  const Metadata::Hashes &hashes, bool requireHash = false);

// The same check fed incrementally, for data that streams past (a download written to disk
// as it arrives). create() fails with Unsupported as above; finish() gives the verdict.
class StreamVerifier
{
public:
    static Result<StreamVerifier> create(std::optional<qint64> length, const Metadata::Hashes &hashes,
                                         bool requireHash = false);
    void addData(QByteArrayView data);
    qint64 bytesSeen() const { return m_seen; }
    // LengthMismatch or HashMismatch; call once.
    Result<void> finish();

private:
    struct Digest
    {
        QString name;
        QByteArray expected;
        Crypto::Hasher hasher;
    };
    StreamVerifier() = default;
    std::optional<qint64> m_length;
    qint64 m_seen = 0;
    std::vector<Digest> m_digests;
};

// The same for a device read from its current position to the end (images on disk), 64 KiB
// at a time. IoError when reading fails.
Result<void> checkLengthAndHashes(QIODevice &device, std::optional<qint64> length,
                                  const Metadata::Hashes &hashes, bool requireHash = false);

// TUF expiry: metadata is expired when the reference time is at or past "expires" (the
// comparison python-tuf and tuf-js make).
bool isExpired(const QDateTime &expires, const QDateTime &referenceTime);

// Expired with a readable detail, or success.
Result<void> checkNotExpired(const QString &role, const QDateTime &expires,
                             const QDateTime &referenceTime);

} // namespace Uptane::Verify
