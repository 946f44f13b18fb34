#pragma once

// Private to core/vehicle: the names the ECU store and the metadata bundle accept. Both come
// from outside (bus bytes, files a person can edit), and both become file paths, so each
// '/'-separated segment is held to the one rule for such names, Uptane::isSafeName
// (common/safename.h: [A-Za-z0-9._-], 1 to 128 characters, not starting with '.', which also
// rules out "." and "..").

#include "common/safename.h"

#include <QString>

namespace Uptane::Vehicle::detail {

inline bool isSafeSegment(QStringView segment)
{
    return Uptane::isSafeName(segment);
}

// minSegments..maxSegments safe segments joined by '/' (so no leading, trailing or double '/').
inline bool isSafePath(QStringView path, qsizetype minSegments, qsizetype maxSegments)
{
    qsizetype segments = 0;
    for (const QStringView segment : path.tokenize(u'/')) {
        if (!isSafeSegment(segment) || ++segments > maxSegments)
            return false;
    }
    return segments >= minSegments;
}

} // namespace Uptane::Vehicle::detail
