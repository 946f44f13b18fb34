#pragma once

// Private to core/vehicle: the names the ECU store and the metadata bundle accept. Both come
// from outside (bus bytes, files a person can edit), and both become file paths, so the rule
// is the Workspace's for one segment ([A-Za-z0-9._-], 1 to 128 characters, not starting with
// '.', which also rules out "." and "..") applied to every '/'-separated segment.

#include <QString>

namespace Uptane::Vehicle::detail {

inline bool isSafeSegment(QStringView segment)
{
    if (segment.isEmpty() || segment.size() > 128 || segment.startsWith(u'.'))
        return false;
    for (const QChar c : segment) {
        const char16_t u = c.unicode();
        const bool ok = (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9')
                        || u == u'.' || u == u'_' || u == u'-';
        if (!ok)
            return false;
    }
    return true;
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
