// Delegation path patterns (TUF 1.0 §4 "paths": shell globs where a wildcard never matches
// the path separator) and path_hash_prefixes (hex SHA-256 of the target path). Expected
// digests below were computed independently with Python's hashlib.sha256.

#include "verify/trustedrepository.h"

#include <QTest>

using namespace Uptane;
using namespace Uptane::Verify;
using namespace Qt::StringLiterals;

class TestPathMatch : public QObject
{
    Q_OBJECT
private slots:
    void globs_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("matches");
        // The spec's own example.
        QTest::newRow("star ext") << u"*.tgz"_s << u"foo.tgz"_s << true;
        QTest::newRow("star never crosses slash") << u"*.tgz"_s << u"targets/foo.tgz"_s << false;
        QTest::newRow("dir star") << u"targets/*.tgz"_s << u"targets/foo.tgz"_s << true;
        QTest::newRow("dir star too deep") << u"targets/*"_s << u"targets/a/b"_s << false;
        QTest::newRow("double star is one segment") << u"**"_s << u"a/b"_s << false;
        QTest::newRow("star star segments") << u"*/*"_s << u"a/b"_s << true;
        QTest::newRow("middle star") << u"a/*/c"_s << u"a/b/c"_s << true;
        QTest::newRow("middle star deeper") << u"a/*/c"_s << u"a/b/d/c"_s << false;
        QTest::newRow("lone star") << u"*"_s << u"file"_s << true;
        QTest::newRow("question") << u"file?.txt"_s << u"file1.txt"_s << true;
        QTest::newRow("question one char only") << u"?"_s << u"ab"_s << false;
        QTest::newRow("question not slash") << u"a?b"_s << u"a/b"_s << false;
        QTest::newRow("several stars") << u"a*b*c"_s << u"aXXbYYc"_s << true;
        QTest::newRow("several stars no end") << u"a*b*c"_s << u"aXXbYY"_s << false;
        QTest::newRow("backtracking") << u"*ab"_s << u"aab"_s << true;
        QTest::newRow("class") << u"[ab].txt"_s << u"a.txt"_s << true;
        QTest::newRow("class miss") << u"[ab].txt"_s << u"c.txt"_s << false;
        QTest::newRow("negated class") << u"[!ab].txt"_s << u"c.txt"_s << true;
        QTest::newRow("negated class miss") << u"[!ab].txt"_s << u"a.txt"_s << false;
        QTest::newRow("range") << u"[a-c]x"_s << u"bx"_s << true;
        QTest::newRow("range miss") << u"[a-c]x"_s << u"dx"_s << false;
        QTest::newRow("unclosed bracket is literal") << u"a["_s << u"a["_s << true;
        QTest::newRow("exact") << u"dir/file.bin"_s << u"dir/file.bin"_s << true;
        QTest::newRow("case sensitive") << u"*.TXT"_s << u"a.txt"_s << false;
        QTest::newRow("prefix only is no match") << u"dir"_s << u"dir/file"_s << false;
        QTest::newRow("non-ascii") << u"caf\u00e9-*"_s << u"caf\u00e9-1"_s << true;
    }
    void globs()
    {
        QFETCH(QString, pattern);
        QFETCH(QString, path);
        QFETCH(bool, matches);
        QCOMPARE(matchesPathPattern(pattern, path), matches);
    }

    void delegationByPaths()
    {
        Metadata::DelegatedRole role;
        role.paths = QStringList{u"firmware/*.img"_s, u"config/*"_s};
        QVERIFY(delegationCovers(role, u"firmware/ecu.img"_s));
        QVERIFY(delegationCovers(role, u"config/x"_s));
        QVERIFY(!delegationCovers(role, u"firmware/sub/ecu.img"_s));
        QVERIFY(!delegationCovers(role, u"other"_s));
        role.paths = QStringList{};
        QVERIFY(!delegationCovers(role, u"firmware/ecu.img"_s));
    }

    void delegationByHashPrefixes_data()
    {
        QTest::addColumn<QStringList>("prefixes");
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("covers");
        // sha256("foo/bar") = cc5d46bd...; sha256("targets/file.txt") = e1962714...
        QTest::newRow("prefix") << QStringList{u"cc"_s} << u"foo/bar"_s << true;
        QTest::newRow("longer prefix") << QStringList{u"cc5d46bd"_s} << u"foo/bar"_s << true;
        QTest::newRow("upper-case prefix") << QStringList{u"CC5D"_s} << u"foo/bar"_s << true;
        QTest::newRow("second prefix") << QStringList{u"00"_s, u"e19"_s} << u"targets/file.txt"_s << true;
        QTest::newRow("other prefix") << QStringList{u"cd"_s} << u"foo/bar"_s << false;
        QTest::newRow("none listed") << QStringList{} << u"foo/bar"_s << false;
    }
    void delegationByHashPrefixes()
    {
        QFETCH(QStringList, prefixes);
        QFETCH(QString, path);
        QFETCH(bool, covers);
        Metadata::DelegatedRole role;
        role.pathHashPrefixes = prefixes;
        QCOMPARE(delegationCovers(role, path), covers);
    }

    void neitherPathsNorPrefixesCoversNothing()
    {
        QVERIFY(!delegationCovers(Metadata::DelegatedRole{}, u"anything"_s));
    }
};

QTEST_GUILESS_MAIN(TestPathMatch)
#include "tst_pathmatch.moc"
