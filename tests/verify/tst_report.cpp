// VerificationReport: append() copies checks (advisory marks and errors kept) from an index on,
// and returns where the source ends, so a growing report can be taken in instalments.

#include "verify/report.h"

#include <QTest>

using namespace Uptane;
using namespace Uptane::Verify;
using namespace Qt::StringLiterals;

class TestReport : public QObject
{
    Q_OBJECT

private slots:
    void appendTakesInstalments()
    {
        VerificationReport source;
        source.pass(u"TUF 5.3.4"_s, u"root"_s, u"threshold"_s);
        source.fail(u"TUF 5.4.4"_s, u"timestamp"_s, u"not expired"_s, Error{ErrorCode::Expired, u"old"_s});
        source.markAdvisory(1);

        VerificationReport target;
        target.pass(u"Time Server"_s, u"time"_s, u"signature"_s);
        qsizetype taken = target.append(source);
        QCOMPARE(taken, 2);
        QCOMPARE(target.checks().size(), 3);
        QCOMPARE(target.checks().at(1).step, u"TUF 5.3.4"_s);
        QVERIFY(target.checks().at(1).passed);
        QVERIFY(!target.checks().at(2).passed);
        QVERIFY(target.checks().at(2).advisory);
        QCOMPARE(target.checks().at(2).error->code, ErrorCode::Expired);
        QVERIFY(target.allPassed());  // the only failure is advisory

        source.fail(u"TUF 5.5.3"_s, u"snapshot"_s, u"threshold"_s, Error{ErrorCode::ThresholdNotMet, {}});
        taken = target.append(source, taken);
        QCOMPARE(taken, 3);
        QCOMPARE(target.checks().size(), 4);  // only the new check
        QCOMPARE(target.firstFailure()->error->code, ErrorCode::ThresholdNotMet);
        QCOMPARE(target.append(source, taken), 3);
        QCOMPARE(target.checks().size(), 4);
    }
};

QTEST_GUILESS_MAIN(TestReport)
#include "tst_report.moc"
