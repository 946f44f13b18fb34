#pragma once

// Private to core/vehicle: what the Primary and the Secondaries both say about images and
// nonces, in one place.

#include "metadata/types.h"

#include <QRandomGenerator>

namespace Uptane::Vehicle::detail {

// Whether two target files describe the same image: same path and length, every hash both
// list equal, at least one algorithm in common.
inline bool sameImage(const Metadata::TargetFile &a, const Metadata::TargetFile &b)
{
    if (a.path != b.path || a.length != b.length)
        return false;
    bool common = false;
    for (auto it = a.hashes.cbegin(); it != a.hashes.cend(); ++it) {
        const auto other = b.hashes.constFind(it.key());
        if (other == b.hashes.cend())
            continue;
        if (*other != it.value())
            return false;
        common = true;
    }
    return common;
}

// The target as an ECU records it installed (state, manifests): path, length, hashes,
// hardware id and release counter; no ECU ids or other custom members, those are the
// Director's business.
inline Metadata::TargetFile installedRecord(const Metadata::TargetFile &target)
{
    Metadata::TargetFile record;
    record.path = target.path;
    record.length = target.length;
    record.hashes = target.hashes;
    record.hardwareId = target.hardwareId;
    record.releaseCounter = target.releaseCounter;
    record.hasCustom = record.hardwareId || record.releaseCounter;
    return record;
}

// A fresh nonce: non-negative 63 bits from the system's random source.
inline qint64 randomNonce()
{
    return qint64(QRandomGenerator::system()->generate64() >> 1);
}

} // namespace Uptane::Vehicle::detail
