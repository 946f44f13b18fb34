#pragma once

// What the About box and `uptane-lab --version` show: the libraries Uptane Lab runs on, with
// the versions loaded at run time, and the specifications it implements. Each C library's
// version comes from the one core folder allowed to include its headers.

#include <QList>
#include <QString>

namespace Uptane::Lab {

struct LibraryVersion
{
    QString name;    // "Qt", "OpenSSL", "libsodium", "libcurl", "libarchive", "libtasn1"
    QString version; // the run-time version, e.g. "6.4.2"; Qt adds "(built with X)" if it differs
};

// Every library, in the order above; never empty, every version non-empty.
QList<LibraryVersion> libraryVersions();

// The specifications the verification follows (see README and the section numbers cited in
// core/verify): the Uptane Standard and the TUF specification, e.g. "2.0" and "1.0".
QString uptaneStandardVersion();
QString tufSpecificationVersion();

} // namespace Uptane::Lab
