// EventLogPanel: the node, outcome and text filters narrowing the rows, the node list filled
// from the events seen, clear, follow-tail, the details pane and eventActivated (selection and
// Enter), row colours on light and dark palettes, the filter checked by
// QAbstractItemModelTester, and a real Lab's update cycle logged live.

#include "widgets/log/eventdetails.h"
#include "widgets/log/eventlogpanel.h"
#include "widgets/log/logfilterproxy.h"
#include "widgets/log/logstyle.h"
#include "widgets/models/eventfilterproxy.h"
#include "widgets/models/eventlogmodel.h"

#include "logtestsupport.h"

#include "lab/lab.h"
#include "services/oemservices.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace Qt::StringLiterals;
using Uptane::ErrorCode;
using Uptane::LabEvent;
using Uptane::Widgets::EventFilterProxy;
using Uptane::Widgets::EventLogModel;
using Uptane::Widgets::EventLogPanel;
using Uptane::Widgets::LogFilterProxy;
namespace Demo = Uptane::Services::DemoFleet;
using Kind = LabEvent::Kind;
using LogTest::darkPalette;
using LogTest::makeEvent;

namespace {

// Every filter has something to keep and something to drop.
QList<LabEvent> mixedLog()
{
    return {
        makeEvent(u"client"_s, u"director"_s, Kind::HttpRequest, u"GET /director/car/metadata/timestamp.json"_s),
        makeEvent(u"director"_s, u"client"_s, Kind::HttpResponse, u"200 OK for GET timestamp.json"_s),
        makeEvent(u"director/car"_s, {}, Kind::MetadataPublished, u"published targets v3"_s),
        makeEvent(u"car/INFO"_s, u"car/TCU"_s, Kind::BusMessage, u"metadata_bundle 24720 bytes"_s),
        makeEvent(u"car/TCU"_s, {}, Kind::Check, u"[FAIL] TUF 5.5.2 snapshot: hashes"_s, ErrorCode::HashMismatch),
        makeEvent(u"car/TCU"_s, {}, Kind::Verdict, u"cycle 1: DEFENDED (HashMismatch)"_s, ErrorCode::HashMismatch),
        makeEvent(u"car2/INFO"_s, {}, Kind::Verdict, u"cycle 1: UPDATED: a.img"_s),
        makeEvent(u"director"_s, u"car"_s, Kind::ManifestAccepted, u"accepted the manifest of car"_s),
        makeEvent(u"adversary"_s, u"imagerepo"_s, Kind::Note, u"replayed timestamp.json"_s),
    };
}

bool outcomeAccepts(LogFilterProxy::Outcome outcome, const LabEvent &event)
{
    switch (outcome) {
    case LogFilterProxy::Outcome::All:
        return true;
    case LogFilterProxy::Outcome::Ok:
        return !event.error && event.kind != Kind::Verdict;
    case LogFilterProxy::Outcome::Failed:
        return event.error.has_value();
    case LogFilterProxy::Outcome::Verdicts:
        return event.kind == Kind::Verdict;
    }
    return false;
}

QStringList summariesShown(QTableView *view)
{
    QStringList list;
    for (int row = 0; row < view->model()->rowCount(); ++row)
        list.append(view->model()->index(row, EventLogModel::SummaryColumn).data().toString());
    return list;
}

} // namespace

class TestEventLogPanel : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;

private slots:
    void init() { m_dir = std::make_unique<QTemporaryDir>(); }

    void widgetsFound()
    {
        EventLogModel model;
        EventLogPanel panel(&model);
        QCOMPARE(panel.objectName(), u"eventLogPanel"_s);
        for (const QString &name : {u"eventLogView"_s, u"eventNodeFilter"_s, u"eventOutcomeFilter"_s,
                                    u"eventTextFilter"_s, u"eventFollow"_s, u"eventClear"_s, u"eventDetails"_s,
                                    u"eventCount"_s})
            QVERIFY2(panel.findChild<QWidget *>(name), qPrintable(name));
        for (const QString &name : {u"eventFollow"_s, u"eventClear"_s, u"eventNodeFilter"_s, u"eventOutcomeFilter"_s,
                                    u"eventTextFilter"_s})
            QVERIFY2(!panel.findChild<QWidget *>(name)->accessibleName().isEmpty(), qPrintable(name));
        QCOMPARE(panel.findChild<QComboBox *>(u"eventOutcomeFilter"_s)->count(), 4);
        QVERIFY(panel.findChild<QToolButton *>(u"eventFollow"_s)->isChecked());
    }

    void filters_data()
    {
        QTest::addColumn<QString>("node");
        QTest::addColumn<int>("outcome");
        QTest::addColumn<QString>("text");
        const int all = int(LogFilterProxy::Outcome::All);
        QTest::newRow("everything") << QString() << all << QString();
        QTest::newRow("director") << u"director"_s << all << QString();
        QTest::newRow("vehicle car holds its ECUs") << u"car"_s << all << QString();
        QTest::newRow("one ECU") << u"car/TCU"_s << all << QString();
        QTest::newRow("ok") << QString() << int(LogFilterProxy::Outcome::Ok) << QString();
        QTest::newRow("failed") << QString() << int(LogFilterProxy::Outcome::Failed) << QString();
        QTest::newRow("verdicts") << QString() << int(LogFilterProxy::Outcome::Verdicts) << QString();
        QTest::newRow("text, any case") << QString() << all << u"TIMESTAMP"_s;
        QTest::newRow("text matching nothing") << QString() << all << u"no such words"_s;
        QTest::newRow("combined") << u"car"_s << int(LogFilterProxy::Outcome::Verdicts) << u"defended"_s;
    }
    void filters()
    {
        QFETCH(QString, node);
        QFETCH(int, outcome);
        QFETCH(QString, text);
        EventLogModel model;
        EventLogPanel panel(&model);
        auto *view = panel.findChild<QTableView *>(u"eventLogView"_s);
        QAbstractItemModelTester tester(view->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QList<LabEvent> events = mixedLog();
        model.append(events);
        QCOMPARE(view->model()->rowCount(), events.size());

        auto *nodes = panel.findChild<QComboBox *>(u"eventNodeFilter"_s);
        const int nodeIndex = nodes->findData(node);
        QVERIFY2(nodeIndex >= 0, qPrintable(node));
        nodes->setCurrentIndex(nodeIndex);
        auto *outcomes = panel.findChild<QComboBox *>(u"eventOutcomeFilter"_s);
        outcomes->setCurrentIndex(outcomes->findData(outcome));
        auto *search = panel.findChild<QLineEdit *>(u"eventTextFilter"_s);
        search->setFocus();
        QTest::keyClicks(search, text);

        QStringList expected;
        for (const LabEvent &event : events) {
            if (EventFilterProxy::involves(event, node) && outcomeAccepts(LogFilterProxy::Outcome(outcome), event)
                && event.summary.contains(text, Qt::CaseInsensitive))
                expected.append(event.summary);
        }
        QTRY_COMPARE(summariesShown(view), expected);
        QVERIFY(panel.findChild<QWidget *>(u"eventCount"_s)->property("text").toString().contains(
            QString::number(expected.size())));
    }

    // The node list grows with the events: OEM servers first, a vehicle before its ECUs.
    void nodesFromEvents()
    {
        EventLogModel model;
        model.append(mixedLog().mid(0, 2));
        EventLogPanel panel(&model);
        QCOMPARE(panel.nodes(), (QStringList{u"director"_s, u"client"_s}));
        model.append(mixedLog().mid(2));
        QCOMPARE(panel.nodes(), (QStringList{u"imagerepo"_s, u"director"_s, u"director/car"_s, u"adversary"_s,
                                             u"client"_s, u"car"_s, u"car/INFO"_s, u"car/TCU"_s, u"car2"_s,
                                             u"car2/INFO"_s}));
        // A node chosen stays chosen while others arrive.
        auto *nodes = panel.findChild<QComboBox *>(u"eventNodeFilter"_s);
        nodes->setCurrentIndex(nodes->findData(u"car/TCU"_s));
        model.append(makeEvent(u"bcar/X"_s, {}, Kind::Note, u"new"_s));
        QCOMPARE(nodes->currentData().toString(), u"car/TCU"_s);
        QVERIFY(panel.nodes().contains(u"bcar/X"_s));
    }

    void clearButton()
    {
        EventLogModel model;
        EventLogPanel panel(&model);
        model.append(mixedLog());
        auto *view = panel.findChild<QTableView *>(u"eventLogView"_s);
        view->selectRow(0);
        QVERIFY(!panel.findChild<QPlainTextEdit *>(u"eventDetails"_s)->toPlainText().isEmpty());
        QTest::mouseClick(panel.findChild<QPushButton *>(u"eventClear"_s), Qt::LeftButton);
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(view->model()->rowCount(), 0);
        QVERIFY(panel.findChild<QPlainTextEdit *>(u"eventDetails"_s)->toPlainText().isEmpty());
    }

    void followTail()
    {
        EventLogModel model;
        EventLogPanel panel(&model);
        panel.resize(800, 300);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        auto *view = panel.findChild<QTableView *>(u"eventLogView"_s);
        QScrollBar *bar = view->verticalScrollBar();
        auto batch = [](int first) {
            QList<LabEvent> events;
            for (int i = first; i < first + 200; ++i)
                events.append(makeEvent(u"director"_s, {}, Kind::Note, u"event %1"_s.arg(i)));
            return events;
        };
        model.append(batch(0));
        QTRY_VERIFY(bar->maximum() > 0);
        QTRY_COMPARE(bar->value(), bar->maximum());

        // Off: the reader's place stays where it is.
        auto *follow = panel.findChild<QToolButton *>(u"eventFollow"_s);
        QTest::mouseClick(follow, Qt::LeftButton);
        QVERIFY(!follow->isChecked());
        bar->setValue(0);
        model.append(batch(200));
        QTRY_VERIFY(bar->maximum() > 0);
        QCOMPARE(bar->value(), 0);

        // On again: straight to the newest.
        QTest::mouseClick(follow, Qt::LeftButton);
        QTRY_COMPARE(bar->value(), bar->maximum());
    }

    void detailsAndActivation()
    {
        EventLogModel model;
        EventLogPanel panel(&model);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        LabEvent json = makeEvent(u"director"_s, u"client"_s, Kind::HttpResponse, u"200 OK"_s);
        json.bytes = "{\"signed\":{\"nonce\":7196853488773219540,\"_type\":\"timestamp\"},\"signatures\":[]}";
        json.totalBytes = json.bytes.size();
        LabEvent der = makeEvent(u"car/INFO"_s, u"car/TCU"_s, Kind::BusMessage, u"image 5000 bytes"_s,
                                 ErrorCode::LengthMismatch);
        der.bytes = QByteArray(5000, '\x30');
        der.bytes[1] = '\x82';
        der.totalBytes = 9000;
        model.append({json, der});

        auto *view = panel.findChild<QTableView *>(u"eventLogView"_s);
        auto *details = panel.findChild<QPlainTextEdit *>(u"eventDetails"_s);
        QSignalSpy activated(&panel, &EventLogPanel::eventActivated);
        view->setFocus();
        view->selectRow(0);
        QCOMPARE(activated.count(), 1);
        QCOMPARE(activated.last().at(0).value<LabEvent>().summary, json.summary);
        // JSON indented, every digit of a 64-bit nonce kept.
        QVERIFY(details->toPlainText().contains(u"\"nonce\": 7196853488773219540"_s));
        QVERIFY(details->toPlainText().contains(u"\n  \"signed\": {"_s));

        // Binary bytes as a hex dump, the error's code named, truncation said.
        QTest::keyClick(view, Qt::Key_Down);
        QCOMPARE(activated.count(), 2);
        QCOMPARE(activated.last().at(0).value<LabEvent>().summary, der.summary);
        const QString text = details->toPlainText();
        QVERIFY(text.contains(u"00000000  30 82 30 30"_s));
        QVERIFY(text.contains(u"LengthMismatch"_s));
        QVERIFY(text.contains(QLocale().toString(9000)));
        QCOMPARE(text.count(u'\n') < 4096 / 16 + 20, true);

        // Enter activates the current row again.
        QTest::keyClick(view, Qt::Key_Return);
        QCOMPARE(activated.count(), 3);
        QCOMPARE(activated.last().at(0).value<LabEvent>().summary, der.summary);
    }

    void hexDumpAndJson_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("lines");
        QTest::newRow("one byte") << QByteArray("\x01", 1) << 1;
        QTest::newRow("16 bytes") << QByteArray(16, 'a') << 1;
        QTest::newRow("17 bytes") << QByteArray(17, 'a') << 2;
        QTest::newRow("over the cap") << QByteArray(Uptane::Widgets::kMaxHexDumpBytes + 100, 'a')
                                      << int(Uptane::Widgets::kMaxHexDumpBytes / 16);
    }
    void hexDumpAndJson()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, lines);
        const QString dump = Uptane::Widgets::hexDump(bytes);
        QCOMPARE(dump.count(u'\n'), lines);
        // A quote inside a string keeps its brackets and commas as they are.
        QCOMPARE(Uptane::Widgets::indentJson(u"{\"a\":\"x,{\\\"y\"}"_s), u"{\n  \"a\": \"x,{\\\"y\"\n}"_s);
    }

    void rowColours_data()
    {
        QTest::addColumn<bool>("dark");
        QTest::newRow("light") << false;
        QTest::newRow("dark") << true;
    }
    void rowColours()
    {
        QFETCH(bool, dark);
        EventLogModel model;
        EventLogPanel panel(&model);
        if (dark)
            panel.setPalette(darkPalette());
        const QList<LabEvent> events = mixedLog();
        model.append(events);
        auto *view = panel.findChild<QTableView *>(u"eventLogView"_s);
        const QColor base = panel.palette().color(QPalette::Base);
        const QColor text = panel.palette().color(QPalette::Text);
        for (int row = 0; row < events.size(); ++row) {
            const QModelIndex index = view->model()->index(row, EventLogModel::SummaryColumn);
            const QVariant background = index.data(Qt::BackgroundRole);
            const auto tone = Uptane::Widgets::logToneOf(events.at(row));
            const bool tinted = events.at(row).error || events.at(row).kind == Kind::Verdict;
            QCOMPARE(background.isValid(), tinted);
            if (!tinted)
                continue;
            const QColor colour = background.value<QColor>();
            QCOMPARE(colour, Uptane::Widgets::logToneBackground(tone, panel.palette()));
            QVERIFY(colour != base);
            // Text on the tint is as dark (light) as the palette's text is on its base.
            QCOMPARE(colour.lightness() > 127, base.lightness() > 127);
            QVERIFY(std::abs(colour.lightness() - text.lightness()) > 100);
            // Outcome shown by an icon as well as by colour.
            QVERIFY(view->model()->index(row, EventLogModel::KindColumn).data(Qt::DecorationRole).isValid());
        }
    }

    // A real lab's update cycle, logged live as the main window logs it.
    void realCycle()
    {
        Uptane::Lab::Lab lab;
        Uptane::Lab::LabOptions options;
        options.workspace = m_dir->filePath(u"ws"_s);
        EventLogModel model;
        EventLogPanel panel(&model);
        connect(&lab, &Uptane::Lab::Lab::eventEmitted, &model, qOverload<const LabEvent &>(&EventLogModel::append));
        QVERIFY(lab.startAndWait(options));
        QVERIFY(lab.runCycleAndWait(Demo::vin()));
        const auto snapshot = lab.snapshot(Demo::vin());
        QVERIFY(snapshot);

        // Every ECU's verdict arrives; the verdict filter shows exactly those.
        auto *view = panel.findChild<QTableView *>(u"eventLogView"_s);
        auto *outcomes = panel.findChild<QComboBox *>(u"eventOutcomeFilter"_s);
        outcomes->setCurrentIndex(outcomes->findData(int(LogFilterProxy::Outcome::Verdicts)));
        QTRY_COMPARE(view->model()->rowCount(), int(snapshot->ecus.size()));

        // The nodes seen include the OEM servers, the vehicle and each of its ECUs.
        QStringList wanted{u"director"_s, u"imagerepo"_s, u"timeserver"_s, Demo::vin()};
        for (const auto &ecu : snapshot->ecus)
            wanted.append(ecu.nodeId());
        for (const QString &node : std::as_const(wanted))
            QVERIFY2(panel.nodes().contains(node), qPrintable(node));

        // One ECU's node: only its events.
        auto *nodes = panel.findChild<QComboBox *>(u"eventNodeFilter"_s);
        const QString tcu = Demo::vin() + u'/' + Demo::secondarySerial();
        nodes->setCurrentIndex(nodes->findData(tcu));
        outcomes->setCurrentIndex(outcomes->findData(int(LogFilterProxy::Outcome::All)));
        int expected = 0;
        for (int row = 0; row < model.rowCount(); ++row)
            expected += EventFilterProxy::involves(model.event(row), tcu) ? 1 : 0;
        QVERIFY(expected > 0);
        QTRY_COMPARE(view->model()->rowCount(), expected);
    }
};

QTEST_MAIN(TestEventLogPanel)
#include "tst_eventlogpanel.moc"
