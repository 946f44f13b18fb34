#pragma once

// What an attacker holding stolen keys can publish (Uptane threat model: "compromise of a
// repository's online keys"; reference demo §3.4-3.7). Starting from what a repository serves
// now (its metadata files on disk, as any client sees them), it writes the next versions of
// a targets role, the snapshot and the timestamp, each signed only with the keys the attacker
// holds (a role whose keys were not stolen is still signed, with those keys: the signatures
// will not count, which is the point of the demonstration). The result is a set of files to
// serve through the Adversary in place of the real ones; nothing is written to the
// repository.

#include "crypto/keys.h"
#include "metadata/types.h"

#include <QDateTime>
#include <QMap>

#include <functional>

namespace Uptane::Attacks {

struct StolenKeys
{
    QList<Crypto::PrivateKey> targets;    // for the targets role being forged (top-level or delegated)
    QList<Crypto::PrivateKey> snapshot;
    QList<Crypto::PrivateKey> timestamp;
};

struct ForgedRelease
{
    // Served file name ("7.targets.json", "4.supplier-acme.der", "7.snapshot.json",
    // "timestamp.json") -> bytes, named as the repository names them (versioned under
    // consistent snapshots).
    QMap<QString, QByteArray> files;
    qint64 targetsVersion = 0;
    qint64 snapshotVersion = 0;
    qint64 timestampVersion = 0;
};

// Forges the next release of metadataDir's repository: role ("targets" or a delegated role)
// as change(current body) with version + 1, then snapshot and timestamp listing it (versions
// + 1, lengths and hashes of the forged files), expiring `validFor` after now. Reads the
// repository's current root, timestamp, snapshot and role files (NotFound, the codec's
// errors); InvalidArgument without any stolen key at all.
Result<ForgedRelease> forgeRelease(const QString &metadataDir, Metadata::Encoding encoding,
                                   const QString &role, const StolenKeys &keys,
                                   const std::function<void(Metadata::Targets &)> &change,
                                   const QDateTime &now, qint64 validForSeconds = 86400);

// An image the attacker made ("evil content") and its target entry (length, sha256, sha512;
// hardware id and release counter as given), for forged targets to list.
Metadata::TargetFile evilImage(const QString &path, const QByteArray &bytes, const QString &hardwareId,
                               qint64 releaseCounter);

} // namespace Uptane::Attacks
