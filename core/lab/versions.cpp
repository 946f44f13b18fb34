#include "versions.h"

#include "crypto/libraryversion.h"
#include "encoding/libraryversion.h"
#include "net/libraryversion.h"
#include "vehicle/libraryversion.h"

#include <QtGlobal>

using namespace Qt::StringLiterals;

namespace Uptane::Lab {

namespace {

QString qtVersion()
{
    // A Qt upgraded under the binary is worth seeing: name both when they differ.
    const QString runtime = QString::fromLatin1(qVersion());
    const QString compiled = QStringLiteral(QT_VERSION_STR);
    return runtime == compiled ? runtime : runtime + u" (built with "_s + compiled + u')';
}

} // namespace

QList<LibraryVersion> libraryVersions()
{
    return {
        {u"Qt"_s, qtVersion()},
        {u"OpenSSL"_s, Crypto::opensslVersion()},
        {u"libsodium"_s, Crypto::sodiumVersion()},
        {u"libcurl"_s, Net::curlVersion()},
        {u"libarchive"_s, Vehicle::libarchiveVersion()},
        {u"libtasn1"_s, Der::tasn1Version()},
    };
}

QString uptaneStandardVersion()
{
    // The section numbers cited throughout core/ (e.g. §5.4.4.6) are the Standard 2.0's.
    return u"2.0"_s;
}

QString tufSpecificationVersion()
{
    // TUF 1.0; the metadata we write says spec_version 1.0.31 (metadata/types.h kSpecVersion).
    return u"1.0"_s;
}

} // namespace Uptane::Lab
