// isSafeName (core/common/safename.h): the alphabet, the length bound and the leading dot,
// each at its edge, with the traversal and encoding tricks a hostile name might try.

#include "common/safename.h"

#include <QTest>

using namespace Qt::StringLiterals;

class TestSafeName : public QObject
{
    Q_OBJECT
private slots:
    void safeNames_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("safe");
        QTest::newRow("vin") << u"democar"_s << true;
        QTest::newRow("every allowed character") << u"AZaz09._-"_s << true;
        QTest::newRow("dot inside") << u"a.b"_s << true;
        QTest::newRow("128 characters") << QString(128, u'x') << true;
        QTest::newRow("129 characters") << QString(129, u'x') << false;
        QTest::newRow("empty") << QString() << false;
        QTest::newRow("dot") << u"."_s << false;
        QTest::newRow("dot-dot") << u".."_s << false;
        QTest::newRow("leading dot") << u".hidden"_s << false;
        QTest::newRow("traversal") << u"../etc"_s << false;
        QTest::newRow("slash") << u"a/b"_s << false;
        QTest::newRow("backslash") << u"a\\b"_s << false;
        QTest::newRow("space") << u"a b"_s << false;
        QTest::newRow("percent") << u"a%2fb"_s << false;
        QTest::newRow("colon") << u"c:"_s << false;
        QTest::newRow("non-ASCII letter") << u"caf\u00e9"_s << false;
        QTest::newRow("fullwidth digit") << u"\uff11"_s << false;
        QTest::newRow("NUL") << QString(u"a\0b"_s) << false;
    }
    void safeNames()
    {
        QFETCH(QString, name);
        QFETCH(bool, safe);
        QCOMPARE(Uptane::isSafeName(name), safe);
    }
};

QTEST_GUILESS_MAIN(TestSafeName)
#include "tst_safename.moc"
