#include "common/labevent.h"

#include <QTest>

using namespace Uptane;

class TestLabEvent : public QObject
{
    Q_OBJECT
private slots:
    void formatsOneLine()
    {
        LabEvent event;
        event.time = QDateTime::fromSecsSinceEpoch(1'700'000'000, Qt::UTC);
        event.from = QStringLiteral("director");
        event.to = QStringLiteral("democar");
        event.kind = LabEvent::Kind::ManifestRejected;
        event.summary = QStringLiteral("manifest from democar");
        event.error = Error{ErrorCode::SpoofedEcu, QStringLiteral("serial TCU signed by INFO")};
        QCOMPARE(formatLabEvent(event),
                 QStringLiteral("2023-11-14T22:13:20Z director -> democar ManifestRejected: "
                                "manifest from democar [SpoofedEcu: serial TCU signed by INFO]"));
    }
    void withoutTargetOrError()
    {
        LabEvent event;
        event.time = QDateTime::fromSecsSinceEpoch(0, Qt::UTC);
        event.from = QStringLiteral("imagerepo");
        event.kind = LabEvent::Kind::MetadataPublished;
        event.summary = QStringLiteral("targets v2");
        QCOMPARE(formatLabEvent(event),
                 QStringLiteral("1970-01-01T00:00:00Z imagerepo MetadataPublished: targets v2"));
    }
    void crossesThreadsAsMetaType()
    {
        QVERIFY(QMetaType::fromType<LabEvent>().isValid());
        QCOMPARE(labEventKindName(LabEvent::Kind::Verdict), QStringLiteral("Verdict"));
    }
};

QTEST_GUILESS_MAIN(TestLabEvent)
#include "tst_labevent.moc"
