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
