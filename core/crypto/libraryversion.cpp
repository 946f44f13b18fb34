#include "libraryversion.h"

#include <openssl/crypto.h>
#include <sodium.h>

#include <QStringList>

namespace Uptane::Crypto {

QString opensslVersion()
{
    // OPENSSL_VERSION reads "OpenSSL 3.0.11 19 Sep 2023": keep the version word only, so it
    // lines up with the other libraries.
    const QString text = QString::fromLatin1(OpenSSL_version(OPENSSL_VERSION));
    const QStringList words = text.split(u' ', Qt::SkipEmptyParts);
    if (words.size() >= 2 && words.first() == u"OpenSSL")
        return words.at(1);
    return text;
}

QString sodiumVersion()
{
    return QString::fromLatin1(sodium_version_string());
}

} // namespace Uptane::Crypto
