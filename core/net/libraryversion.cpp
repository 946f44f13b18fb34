#include "libraryversion.h"

#include <curl/curl.h>

namespace Uptane::Net {

QString curlVersion()
{
    // Safe before curl_global_init(): curl_version_info only reads static data.
    const curl_version_info_data *info = curl_version_info(CURLVERSION_NOW);
    return info && info->version ? QString::fromLatin1(info->version) : QString();
}

} // namespace Uptane::Net
