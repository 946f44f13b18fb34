// Uptane::Lab::libraryVersions() and the per-folder version functions behind it: every library
// the About box and `uptane-lab --version` promise is there, non-empty, and the version loaded
// at run time belongs to the release series of the headers we compiled against. (Same major and
// minor, and not older: a patch upgrade of a shared library under the binary is legitimate and
// must not fail the test.) Tests may include the C libraries' headers; core may not.

#include "lab/versions.h"

#include <archive.h>
#include <curl/curlver.h>
#include <libtasn1.h>
#include <openssl/opensslv.h>
#include <sodium/version.h>

#include <QTest>
#include <QVersionNumber>

using namespace Qt::StringLiterals;

namespace {

// The run-time version without what the Qt entry appends when it differs from its headers.
QString runtimeVersion(const QString &name)
{
    for (const auto &library : Uptane::Lab::libraryVersions())
        if (library.name == name)
            return library.version.section(u' ', 0, 0);
    return {};
}

} // namespace

class TestVersions : public QObject
{
    Q_OBJECT

private slots:
    void listsEveryLibraryOnce()
    {
        const auto libraries = Uptane::Lab::libraryVersions();
        QStringList names;
        for (const auto &library : libraries) {
            QVERIFY2(!library.version.trimmed().isEmpty(), qPrintable(library.name));
            names << library.name;
        }
        const QStringList expected{u"Qt"_s, u"OpenSSL"_s, u"libsodium"_s, u"libcurl"_s,
                                   u"libarchive"_s, u"libtasn1"_s};
        QCOMPARE(names, expected);
    }

    void runtimeMatchesHeaders_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("compiled");
        QTest::newRow("Qt") << u"Qt"_s << QStringLiteral(QT_VERSION_STR);
        QTest::newRow("OpenSSL") << u"OpenSSL"_s << QStringLiteral(OPENSSL_VERSION_STR);
        QTest::newRow("libsodium") << u"libsodium"_s << QStringLiteral(SODIUM_VERSION_STRING);
        QTest::newRow("libcurl") << u"libcurl"_s << QStringLiteral(LIBCURL_VERSION);
        QTest::newRow("libarchive") << u"libarchive"_s << QStringLiteral(ARCHIVE_VERSION_ONLY_STRING);
        QTest::newRow("libtasn1") << u"libtasn1"_s << QStringLiteral(ASN1_VERSION);
    }
    void runtimeMatchesHeaders()
    {
        QFETCH(QString, name);
        QFETCH(QString, compiled);
        const QString runtime = runtimeVersion(name);
        // A bare version number: no library name or release date left in it.
        QVERIFY2(!runtime.isEmpty() && runtime.front().isDigit(), qPrintable(runtime));
        const QVersionNumber loaded = QVersionNumber::fromString(runtime);
        const QVersionNumber built = QVersionNumber::fromString(compiled);
        QVERIFY2(built.segmentCount() >= 2, qPrintable(compiled));
        QCOMPARE(loaded.majorVersion(), built.majorVersion());
        QCOMPARE(loaded.minorVersion(), built.minorVersion());
        QVERIFY2(loaded >= built, qPrintable(runtime + u" older than "_s + compiled));
        if (loaded == built)
            QVERIFY2(runtime.startsWith(compiled), qPrintable(runtime + u" vs "_s + compiled));
    }

    void specifications()
    {
        QCOMPARE(Uptane::Lab::uptaneStandardVersion(), u"2.0"_s);
        QVERIFY(Uptane::Lab::tufSpecificationVersion().startsWith(u"1."));
    }
};

QTEST_GUILESS_MAIN(TestVersions)
#include "tst_versions.moc"
