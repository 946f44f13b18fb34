// EventLogModel and EventFilterProxy: the columns and roles of a row, batched appends, the
// capacity that keeps the newest events, clear(), and the proxy's node / outcome / text
// filters, with QAbstractItemModelTester watching every change.

#include "widgets/models/eventfilterproxy.h"
#include "widgets/models/eventlogmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using Uptane::ErrorCode;
using Uptane::LabEvent;
using Uptane::Widgets::EventFilterProxy;
using Uptane::Widgets::EventLogModel;

Q_DECLARE_METATYPE(LabEvent::Kind)

namespace {

const QDateTime kStart = QDateTime(QDate(2026, 11, 23), QTime(10, 0, 1, 234), Qt::UTC);

LabEvent makeEvent(const QString &from, const QString &to, LabEvent::Kind kind, const QString &summary,
                   std::optional<ErrorCode> code = {})
{
    LabEvent event;
    event.time = kStart;
    event.from = from;
    event.to = to;
    event.kind = kind;
    event.summary = summary;
    if (code)
        event.error = Uptane::Error{*code, u"detail of "_s + summary};
    return event;
}

QList<LabEvent> numbered(int first, int count)
{
    QList<LabEvent> events;
    for (int i = first; i < first + count; ++i)
        events.append(makeEvent(u"director"_s, u"democar"_s, LabEvent::Kind::Note, u"event %1"_s.arg(i)));
    return events;
}

QString summaryAt(const QAbstractItemModel &model, int row)
{
    return model.index(row, EventLogModel::SummaryColumn).data().toString();
}

// A small log that exercises every filter: nodes inside and outside "democar", failures,
// verdicts (one of them a refusal, so with an error), and a summary to search.
QList<LabEvent> mixedLog()
{
    return {
        makeEvent(u"democar/TCUdemocar"_s, u"director"_s, LabEvent::Kind::HttpRequest, u"POST /director/manifest"_s),
        makeEvent(u"director"_s, u"democar/TCUdemocar"_s, LabEvent::Kind::ManifestRejected, u"manifest refused"_s,
                  ErrorCode::BadSignature),
        makeEvent(u"democar2/TCUdemocar2"_s, u"imagerepo"_s, LabEvent::Kind::HttpRequest, u"GET /imagerepo/targets.json"_s),
        makeEvent(u"democar/BCMdemocar"_s, {}, LabEvent::Kind::Verdict, u"DEFENDED"_s, ErrorCode::HashMismatch),
        makeEvent(u"democar/TCUdemocar"_s, {}, LabEvent::Kind::Verdict, u"UPDATED"_s),
        makeEvent(u"imagerepo"_s, {}, LabEvent::Kind::Check, u"snapshot hash of targets"_s, ErrorCode::HashMismatch),
        makeEvent(u"democar"_s, u"timeserver"_s, LabEvent::Kind::HttpRequest, u"POST /timeserver/attest"_s),
    };
}

} // namespace

class TestEventLogModel : public QObject
{
    Q_OBJECT
private slots:
    void columnsAndRoles()
    {
        EventLogModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        LabEvent event = makeEvent(u"director"_s, u"democar/TCUdemocar"_s, LabEvent::Kind::ManifestRejected,
                                   u"manifest refused"_s, ErrorCode::BadSignature);
        event.bytes = QByteArray(100, 'x');
        event.totalBytes = 4096;
        model.append(event);

        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.columnCount(), int(EventLogModel::ColumnCount));
        const auto cell = [&](EventLogModel::Column column, int role = Qt::DisplayRole) {
            return model.index(0, column).data(role);
        };
        QCOMPARE(cell(EventLogModel::TimeColumn).toString(), u"10:00:01.234"_s);
        QCOMPARE(cell(EventLogModel::FromColumn).toString(), u"director"_s);
        QCOMPARE(cell(EventLogModel::ToColumn).toString(), u"democar/TCUdemocar"_s);
        QCOMPARE(cell(EventLogModel::KindColumn).toString(), Uptane::labEventKindName(LabEvent::Kind::ManifestRejected));
        QCOMPARE(cell(EventLogModel::SummaryColumn).toString(), u"manifest refused"_s);
        QCOMPARE(cell(EventLogModel::ErrorColumn).toString(), Uptane::errorCodeName(ErrorCode::BadSignature));
        QCOMPARE(cell(EventLogModel::BytesColumn).toLongLong(), 4096);  // before truncation

        // The tooltip is the whole log line, error detail included.
        QCOMPARE(cell(EventLogModel::SummaryColumn, Qt::ToolTipRole).toString().section(u'\n', 0, 0),
                 Uptane::formatLabEvent(event));

        const auto back = cell(EventLogModel::TimeColumn, EventLogModel::EventRole).value<LabEvent>();
        QCOMPARE(back.summary, event.summary);
        QCOMPARE(back.bytes, event.bytes);
        QVERIFY(back.error);
        QCOMPARE(back.error->code, ErrorCode::BadSignature);
        QCOMPARE(cell(EventLogModel::KindColumn, EventLogModel::OutcomeRole).toInt(),
                 int(EventLogModel::Outcome::Failed));

        for (int column = 0; column < EventLogModel::ColumnCount; ++column)
            QVERIFY(!model.headerData(column, Qt::Horizontal).toString().isEmpty());
    }

    void emptyCells()
    {
        // No receiver, no error, no bytes: empty cells, not "0" or a code name.
        EventLogModel model;
        model.append(makeEvent(u"imagerepo"_s, {}, LabEvent::Kind::Note, u"hello"_s));
        QVERIFY(model.index(0, EventLogModel::ToColumn).data().toString().isEmpty());
        QVERIFY(model.index(0, EventLogModel::ErrorColumn).data().toString().isEmpty());
        QVERIFY(!model.index(0, EventLogModel::BytesColumn).data().isValid());
        QVERIFY(!model.index(1, 0).isValid());
        QVERIFY(!model.index(0, EventLogModel::ColumnCount).isValid());
    }

    void outcome_data()
    {
        QTest::addColumn<LabEvent::Kind>("kind");
        QTest::addColumn<bool>("withError");
        QTest::addColumn<EventLogModel::Outcome>("expected");
        QTest::newRow("request") << LabEvent::Kind::HttpRequest << false << EventLogModel::Outcome::Ok;
        QTest::newRow("check passed") << LabEvent::Kind::Check << false << EventLogModel::Outcome::Ok;
        QTest::newRow("check failed") << LabEvent::Kind::Check << true << EventLogModel::Outcome::Failed;
        QTest::newRow("manifest rejected") << LabEvent::Kind::ManifestRejected << true << EventLogModel::Outcome::Failed;
        QTest::newRow("verdict updated") << LabEvent::Kind::Verdict << false << EventLogModel::Outcome::Verdict;
        QTest::newRow("verdict defended") << LabEvent::Kind::Verdict << true << EventLogModel::Outcome::Verdict;
    }

    void outcome()
    {
        QFETCH(LabEvent::Kind, kind);
        QFETCH(bool, withError);
        QFETCH(EventLogModel::Outcome, expected);
        EventLogModel model;
        model.append(makeEvent(u"a"_s, u"b"_s, kind, u"s"_s,
                               withError ? std::optional(ErrorCode::Expired) : std::nullopt));
        QCOMPARE(model.index(0, 0).data(EventLogModel::OutcomeRole).toInt(), int(expected));
        QCOMPARE(EventLogModel::outcomeOf(model.event(0)), expected);
    }

    void batchedAppend()
    {
        EventLogModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        model.append(numbered(0, 500));
        QCOMPARE(inserted.size(), 1);  // one notification for the whole batch
        QCOMPARE(inserted.first().at(1).toInt(), 0);
        QCOMPARE(inserted.first().at(2).toInt(), 499);
        model.append(QList<LabEvent>{});
        QCOMPARE(inserted.size(), 1);
        model.append(numbered(500, 1).first());
        QCOMPARE(model.rowCount(), 501);
        QCOMPARE(summaryAt(model, 500), u"event 500"_s);
    }

    void capacityKeepsNewest()
    {
        EventLogModel model;
        QCOMPARE(model.capacity(), EventLogModel::kDefaultCapacity);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setCapacity(100);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        int next = 0;
        while (next < 240) {  // batches of 30, then single events
            model.append(numbered(next, 30));
            next += 30;
            QVERIFY(model.rowCount() <= 100);
        }
        for (; next < 250; ++next)
            model.append(numbered(next, 1).first());
        QCOMPARE(model.rowCount(), 100);
        QCOMPARE(summaryAt(model, 0), u"event 150"_s);
        QCOMPARE(summaryAt(model, 99), u"event 249"_s);
        QCOMPARE(model.droppedCount(), 150);
        QVERIFY(!removed.isEmpty());
        for (const auto &signal : removed)
            QCOMPARE(signal.at(1).toInt(), 0);  // always the oldest rows

        // A batch larger than the capacity: only its newest events stay.
        model.append(numbered(1000, 250));
        QCOMPARE(model.rowCount(), 100);
        QCOMPARE(summaryAt(model, 0), u"event 1150"_s);
        QCOMPARE(summaryAt(model, 99), u"event 1249"_s);
        QCOMPARE(model.droppedCount(), 150 + 100 + 150);

        // Shrinking trims at once, keeping the newest.
        model.setCapacity(10);
        QCOMPARE(model.rowCount(), 10);
        QCOMPARE(summaryAt(model, 0), u"event 1240"_s);
        QCOMPARE(summaryAt(model, 9), u"event 1249"_s);

        // A capacity below one is one.
        model.setCapacity(0);
        QCOMPARE(model.capacity(), 1);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(summaryAt(model, 0), u"event 1249"_s);
    }

    void clear()
    {
        EventLogModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setCapacity(5);
        model.append(numbered(0, 8));
        QCOMPARE(model.droppedCount(), 3);
        model.clear();
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.droppedCount(), 0);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        model.clear();  // nothing to remove: no notification
        QVERIFY(removed.isEmpty());
        model.append(numbered(10, 2));
        QCOMPARE(summaryAt(model, 0), u"event 10"_s);
    }

    void proxyFilters_data()
    {
        QTest::addColumn<QString>("node");
        QTest::addColumn<EventFilterProxy::OutcomeFilter>("outcome");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QList<int>>("rows");  // rows of mixedLog() that stay
        using F = EventFilterProxy::OutcomeFilter;
        QTest::newRow("everything") << QString() << F::All << QString() << QList<int>{0, 1, 2, 3, 4, 5, 6};
        QTest::newRow("vehicle and its ECUs") << u"democar"_s << F::All << QString() << QList<int>{0, 1, 3, 4, 6};
        QTest::newRow("one ECU") << u"democar/TCUdemocar"_s << F::All << QString() << QList<int>{0, 1, 4};
        QTest::newRow("a server, as sender or receiver") << u"director"_s << F::All << QString() << QList<int>{0, 1};
        QTest::newRow("prefix of a name is not a node") << u"demo"_s << F::All << QString() << QList<int>{};
        QTest::newRow("unknown node") << u"nowhere"_s << F::All << QString() << QList<int>{};
        QTest::newRow("failures") << QString() << F::FailuresOnly << QString() << QList<int>{1, 3, 5};
        QTest::newRow("verdicts") << QString() << F::VerdictsOnly << QString() << QList<int>{3, 4};
        QTest::newRow("text, any case") << QString() << F::All << u"post /"_s << QList<int>{0, 6};
        QTest::newRow("text matches nothing") << QString() << F::All << u"zzz"_s << QList<int>{};
        QTest::newRow("node and failures") << u"democar"_s << F::FailuresOnly << QString() << QList<int>{1, 3};
        QTest::newRow("all three") << u"democar"_s << F::VerdictsOnly << u"updated"_s << QList<int>{4};
    }

    void proxyFilters()
    {
        QFETCH(QString, node);
        QFETCH(EventFilterProxy::OutcomeFilter, outcome);
        QFETCH(QString, text);
        QFETCH(QList<int>, rows);

        EventLogModel model;
        EventFilterProxy proxy;
        proxy.setSourceModel(&model);
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QList<LabEvent> log = mixedLog();
        model.append(log);
        proxy.setNode(node);
        proxy.setOutcomeFilter(outcome);
        proxy.setText(text);

        QStringList expected;
        for (int row : rows)
            expected.append(log.at(row).summary);
        QStringList shown;
        for (int row = 0; row < proxy.rowCount(); ++row)
            shown.append(summaryAt(proxy, row));
        QCOMPARE(shown, expected);

        // Events arriving later go through the same filters; clearing the filters shows all.
        model.append(log);
        QCOMPARE(proxy.rowCount(), 2 * rows.size());
        proxy.setNode({});
        proxy.setOutcomeFilter(EventFilterProxy::OutcomeFilter::All);
        proxy.setText({});
        QCOMPARE(proxy.rowCount(), 2 * log.size());
        model.clear();
        QCOMPARE(proxy.rowCount(), 0);
    }

    void proxyFollowsTrimming()
    {
        EventLogModel model;
        model.setCapacity(50);
        EventFilterProxy proxy;
        proxy.setSourceModel(&model);
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxy.setText(u"event 1"_s);  // "event 1", "event 10".."event 19", "event 100".. ...
        model.append(numbered(0, 200));
        // Only events 150..199 remain; of them "event 1.." all match.
        QCOMPARE(proxy.rowCount(), 50);
        QCOMPARE(summaryAt(proxy, 0), u"event 150"_s);
    }
};

QTEST_GUILESS_MAIN(TestEventLogModel)
#include "tst_eventlogmodel.moc"
