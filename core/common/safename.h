#pragma once

// The one rule for names that become path segments on disk: VINs, ECU serials, role names.
// They arrive from outside (HTTP routes, manifests, bus messages, files a person can edit), so
// they are held to a small alphabet: 1 to 128 of A-Z a-z 0-9 . _ -, not starting with '.'
// (which also rules out "." and ".."). Kept here, below every folder that needs it, so that
// the metadata codecs (bus messages) and the services (Workspace::isSafeName) agree.

#include <QStringView>

#include <algorithm>

namespace Uptane {

inline bool isSafeName(QStringView name)
{
    if (name.isEmpty() || name.size() > 128 || name.startsWith(u'.'))
        return false;
    return std::ranges::all_of(name, [](QChar c) {
        const char16_t u = c.unicode();
        return (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9')
               || u == u'.' || u == u'_' || u == u'-';
    });
}

} // namespace Uptane
