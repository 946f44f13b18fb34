#include "libraryversion.h"

#include <libtasn1.h>

namespace Uptane::Der {

QString tasn1Version()
{
    const char *version = asn1_check_version(nullptr);
    return version ? QString::fromLatin1(version) : QString();
}

} // namespace Uptane::Der
