// Verdicts: names both ways, the verdict of each refusal, and what makes an install
// COMPROMISED (the listed hash, or the bytes really installed).

#include "crypto/hash.h"
#include "vehicle/verdict.h"

#include <QTest>

using namespace Uptane;
using namespace Uptane::Vehicle;
using namespace Qt::StringLiterals;

namespace {

Metadata::TargetFile entryFor(const QByteArray &bytes)
{
    Metadata::TargetFile file;
    file.path = u"acme/ecu-9.img"_s;
    file.length = bytes.size();
    file.hashes.insert(u"sha256"_s, Crypto::sha256(bytes));
    return file;
}

} // namespace

class TestVerdict : public QObject
{
    Q_OBJECT
private slots:
    void namesRoundTrip_data()
    {
        QTest::addColumn<Verdict>("verdict");
        QTest::addColumn<QString>("name");
        QTest::newRow("updated") << Verdict::Updated << u"UPDATED"_s;
        QTest::newRow("up to date") << Verdict::UpToDate << u"UP TO DATE"_s;
        QTest::newRow("no update") << Verdict::NoUpdate << u"NO UPDATE"_s;
        QTest::newRow("defended") << Verdict::Defended << u"DEFENDED"_s;
        QTest::newRow("replay") << Verdict::Replay << u"REPLAY"_s;
        QTest::newRow("frozen") << Verdict::Frozen << u"FROZEN"_s;
        QTest::newRow("compromised") << Verdict::Compromised << u"COMPROMISED"_s;
    }
    void namesRoundTrip()
    {
        QFETCH(Verdict, verdict);
        QFETCH(QString, name);
        QCOMPARE(verdictName(verdict), name);
        QCOMPARE(verdictFromName(name), std::optional(verdict));
    }

    void unknownName() { QVERIFY(!verdictFromName(u"FINE"_s)); }

    void refusals_data()
    {
        QTest::addColumn<ErrorCode>("code");
        QTest::addColumn<Verdict>("verdict");
        QTest::newRow("rollback") << ErrorCode::Rollback << Verdict::Replay;
        QTest::newRow("release counter") << ErrorCode::ReleaseCounterRollback << Verdict::Replay;
        QTest::newRow("time back") << ErrorCode::TimeWentBackwards << Verdict::Replay;
        QTest::newRow("expired") << ErrorCode::Expired << Verdict::Frozen;
        QTest::newRow("hash") << ErrorCode::HashMismatch << Verdict::Defended;
        QTest::newRow("slow") << ErrorCode::SlowRetrieval << Verdict::Defended;
    }
    void refusals()
    {
        QFETCH(ErrorCode, code);
        QFETCH(Verdict, verdict);
        QCOMPARE(verdictForError(code), verdict);
    }

    // The listed entry names a planted image: COMPROMISED, with or without the bytes.
    void listedMaliciousImage()
    {
        const QByteArray evil = "evil content";
        const MaliciousImages malicious{Crypto::sha256(evil)};
        QCOMPARE(classifyInstall(entryFor(evil), malicious), Verdict::Compromised);
        QCOMPARE(classifyInstall(entryFor(evil), evil, malicious), Verdict::Compromised);
        QCOMPARE(classifyInstall(entryFor("good"), malicious), Verdict::Updated);
        QCOMPARE(classifyInstall(entryFor("good"), "good", malicious), Verdict::Updated);
    }

    // Evil bytes installed under an honest entry (a hash check switched off in a test): the
    // bytes decide.
    void installedBytesDecide()
    {
        const QByteArray evil = "evil content";
        const MaliciousImages malicious{Crypto::sha256(evil)};
        QCOMPARE(classifyInstall(entryFor("good"), malicious), Verdict::Updated);
        QCOMPARE(classifyInstall(entryFor("good"), evil, malicious), Verdict::Compromised);
        QCOMPARE(classifyInstall(entryFor("good"), evil, MaliciousImages{}), Verdict::Updated);
    }
};

QTEST_GUILESS_MAIN(TestVerdict)

#include "tst_verdict.moc"
