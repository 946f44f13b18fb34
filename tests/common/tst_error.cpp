#include "common/clock.h"
#include "common/error.h"

#include <QTest>

using namespace Uptane;

class TestError : public QObject
{
    Q_OBJECT
private slots:
    void codeNamesAreStable()
    {
        QCOMPARE(errorCodeName(ErrorCode::ThresholdNotMet), QStringLiteral("ThresholdNotMet"));
        QCOMPARE(errorCodeName(ErrorCode::SlowRetrieval), QStringLiteral("SlowRetrieval"));
    }
    // errorCodeFromName() inverts errorCodeName() for every code (the enum is dense from
    // InvalidArgument to Cancelled), so codes survive a trip through text: bus messages and
    // the services' error answers carry them by name.
    void codeNamesRoundTrip_data()
    {
        QTest::addColumn<int>("code");
        for (int i = int(ErrorCode::InvalidArgument); i <= int(ErrorCode::Cancelled); ++i)
            QTest::newRow(qPrintable(errorCodeName(ErrorCode(i)))) << i;
    }
    void codeNamesRoundTrip()
    {
        QFETCH(int, code);
        const QString name = errorCodeName(ErrorCode(code));
        QVERIFY(name != QStringLiteral("Unknown"));
        const std::optional<ErrorCode> back = errorCodeFromName(name);
        QVERIFY(back.has_value());
        QCOMPARE(int(*back), code);
    }
    void unknownNamesHaveNoCode_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("empty") << QString();
        QTest::newRow("made up") << QStringLiteral("NoSuchCode");
        QTest::newRow("other case") << QStringLiteral("thresholdnotmet");
        QTest::newRow("trailing space") << QStringLiteral("Expired ");
        QTest::newRow("what an unknown enum value prints") << QStringLiteral("Unknown");
        QTest::newRow("a number") << QStringLiteral("0");
    }
    void unknownNamesHaveNoCode()
    {
        QFETCH(QString, name);
        QVERIFY(!errorCodeFromName(name).has_value());
    }
    void contextKeepsCode()
    {
        const Error e{ErrorCode::Expired, QStringLiteral("expired 2020-01-01")};
        const Error c = e.context(QStringLiteral("snapshot"));
        QCOMPARE(c.code, ErrorCode::Expired);
        QCOMPARE(c.detail, QStringLiteral("snapshot: expired 2020-01-01"));
        QCOMPARE(c.toString(), QStringLiteral("Expired: snapshot: expired 2020-01-01"));
    }
    void manualClockMovesOnlyWhenTold()
    {
        const QDateTime start = QDateTime::fromSecsSinceEpoch(1'700'000'000, Qt::UTC);
        ManualClock clock(start);
        QCOMPARE(clock.now(), start);
        clock.advance(60);
        QCOMPARE(clock.now(), start.addSecs(60));
        clock.set(start.addSecs(-3600));
        QCOMPARE(clock.now(), start.addSecs(-3600));
    }
};

QTEST_GUILESS_MAIN(TestError)
#include "tst_error.moc"
