#include "libraryversion.h"

#include <archive.h>

namespace Uptane::Vehicle {

QString libarchiveVersion()
{
    // archive_version_string() reads "libarchive 3.6.2".
    QString text = QString::fromLatin1(archive_version_string());
    static constexpr QLatin1StringView prefix("libarchive ");
    if (text.startsWith(prefix))
        text.remove(0, prefix.size());
    return text;
}

} // namespace Uptane::Vehicle
