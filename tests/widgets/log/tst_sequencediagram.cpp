// SequenceDiagramView: lanes and arrows from hand-made events (the node ids the real streams
// use: "client" for the HTTP host's peer, "director/<vin>", a bare VIN), from a real Lab's
// update cycles (live, split per cycle), the PNG and SVG exports (sizes, validity, atomic
// failure on unwritable paths, a diagram too large for PNG), clicks and keys on arrows, and
// outcome colours readable on light and dark palettes.

#include "widgets/log/logstyle.h"
#include "widgets/log/sequencecanvas.h"
#include "widgets/log/sequencediagramview.h"

#include "logtestsupport.h"

#include "lab/lab.h"
#include "services/oemservices.h"

#include <QDir>
#include <QImage>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using Uptane::ErrorCode;
using Uptane::LabEvent;
using Uptane::Widgets::LogTone;
using Uptane::Widgets::SequenceCanvas;
using Uptane::Widgets::SequenceDiagramView;
namespace Demo = Uptane::Services::DemoFleet;
using Kind = LabEvent::Kind;
using LogTest::darkPalette;
using LogTest::makeEvent;

namespace {

// A cycle of "car" shaped like the real ones (see primary.cpp, httphost.cpp, vehiclebus.cpp).
QList<LabEvent> handMadeCycle(const QString &vin, int cycle)
{
    const QString primary = vin + u"/INFO"_s;
    const QString secondary = vin + u"/TCU"_s;
    return {
        makeEvent(primary, {}, Kind::Note, u"cycle %1 begins with 1 Secondaries"_s.arg(cycle)),
        makeEvent(primary, secondary, Kind::BusMessage, u"nonce_request 140 bytes"_s),
        makeEvent(secondary, primary, Kind::BusMessage, u"nonce 160 bytes"_s),
        makeEvent(primary, u"timeserver"_s, Kind::Note, u"POST http://x/timeserver/attestation with 2 nonces"_s),
        makeEvent(u"client"_s, u"timeserver"_s, Kind::HttpRequest, u"POST /timeserver/attestation (72 bytes)"_s),
        makeEvent(u"timeserver"_s, {}, Kind::AttestationIssued, u"time 2026-11-23T10:00:00Z, 2 nonce(s)"_s),
        makeEvent(u"timeserver"_s, u"client"_s, Kind::HttpResponse, u"200 OK for POST /timeserver/attestation"_s),
        makeEvent(u"client"_s, u"director"_s, Kind::HttpRequest, u"GET /director/%1/metadata/timestamp.json"_s.arg(vin)),
        makeEvent(u"director"_s, u"client"_s, Kind::HttpResponse, u"200 OK for GET /director/%1/metadata/timestamp.json"_s.arg(vin)),
        makeEvent(u"client"_s, u"imagerepo"_s, Kind::HttpRequest, u"GET /imagerepo/metadata/timestamp.json"_s),
        makeEvent(u"imagerepo"_s, u"client"_s, Kind::HttpResponse, u"404 Not Found"_s, ErrorCode::NotFound),
        makeEvent(primary, {}, Kind::Check, u"[PASS] TUF 5.4.2 timestamp: signed"_s),
        makeEvent(primary, {}, Kind::Check, u"[PASS] TUF 5.4.4 timestamp: not expired"_s),
        makeEvent(primary, {}, Kind::Check, u"[FAIL] TUF 5.5.2 snapshot: hashes"_s, ErrorCode::HashMismatch),
        makeEvent(primary, secondary, Kind::BusMessage, u"metadata_bundle 24720 bytes"_s),
        makeEvent(secondary, {}, Kind::Verdict, u"cycle %1: UPDATED: acme/ecu-3.img"_s.arg(cycle)),
        makeEvent(u"client"_s, u"director"_s, Kind::HttpRequest, u"POST /director/%1/manifest (2795 bytes)"_s.arg(vin)),
        makeEvent(u"director"_s, vin, Kind::ManifestAccepted, u"accepted the manifest of %1"_s.arg(vin)),
        makeEvent(u"director"_s, u"client"_s, Kind::HttpResponse, u"200 OK for POST /director/%1/manifest"_s.arg(vin)),
        makeEvent(primary, {}, Kind::Verdict, u"cycle %1: UP TO DATE"_s.arg(cycle)),
    };
}

// One arrow per message: HTTP requests and responses, bus messages, the Director's answer to
// a manifest, an assignment, and the attacker's actions on a node.
int messagesIn(const QList<LabEvent> &events)
{
    return int(std::count_if(events.cbegin(), events.cend(), [](const LabEvent &e) {
        switch (e.kind) {
        case Kind::HttpRequest:
        case Kind::HttpResponse:
        case Kind::BusMessage:
        case Kind::ManifestAccepted:
        case Kind::ManifestRejected:
        case Kind::ImageAssigned:
            return !e.to.isEmpty();
        case Kind::Note:
            return e.from == u"adversary" && !e.to.isEmpty();
        default:
            return false;
        }
    }));
}

qreal luminance(const QColor &c)
{
    auto channel = [](qreal v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
}

qreal contrast(const QColor &a, const QColor &b)
{
    const qreal la = luminance(a);
    const qreal lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

} // namespace

class TestSequenceDiagram : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;

private slots:
    void init() { m_dir = std::make_unique<QTemporaryDir>(); }

    void lanesAndArrows_data()
    {
        QTest::addColumn<QList<LabEvent>>("events");
        QTest::addColumn<QStringList>("lanes");

        QTest::newRow("empty") << QList<LabEvent>{} << QStringList{};
        // "client" is the Primary of the open cycle; the bare VIN too.
        QTest::newRow("one cycle") << handMadeCycle(u"car"_s, 1)
                                   << QStringList{u"imagerepo"_s, u"director"_s, u"timeserver"_s, u"car/INFO"_s,
                                                  u"car/TCU"_s};
        // Without a cycle, "client" stays a lane of its own, between OEM and vehicles; the
        // Director's per-vehicle repository is the Director.
        QTest::newRow("no cycle") << QList<LabEvent>{makeEvent(u"car/TCU"_s, {}, Kind::Note, u"hello"_s),
                                                     makeEvent(u"client"_s, u"imagerepo"_s, Kind::HttpRequest, u"GET /"_s),
                                                     makeEvent(u"director/car"_s, {}, Kind::MetadataPublished, u"v2"_s),
                                                     makeEvent(u"director"_s, u"car/TCU"_s, Kind::ImageAssigned, u"a"_s)}
                                  << QStringList{u"imagerepo"_s, u"director"_s, u"client"_s, u"car/TCU"_s};
        // Two vehicles cycling together share the diagram; a request to the Director finds its
        // Primary by the path, others keep the "client" lane; the attacker's actions are arrows
        // from its own lane.
        QList<LabEvent> two = handMadeCycle(u"bcar"_s, 4).mid(0, 3) + handMadeCycle(u"acar"_s, 2);
        two.append(makeEvent(u"adversary"_s, u"director"_s, Kind::Note, u"rewrote targets.json"_s));
        QTest::newRow("two vehicles")
            << two
            << QStringList{u"imagerepo"_s, u"director"_s, u"timeserver"_s, u"client"_s, u"adversary"_s, u"bcar/INFO"_s,
                           u"bcar/TCU"_s, u"acar/INFO"_s, u"acar/TCU"_s};
    }
    void lanesAndArrows()
    {
        QFETCH(QList<LabEvent>, events);
        QFETCH(QStringList, lanes);
        SequenceDiagramView view;
        view.setEvents(events);
        QCOMPARE(view.lanes(), lanes);
        QCOMPARE(view.arrowCount(), messagesIn(events));
        QCOMPARE(view.events().size(), events.size());
        QCOMPARE(view.findChild<QPushButton *>(u"exportPng"_s)->isEnabled(), !events.isEmpty());

        // Fed live, one by one, the same events give the same diagram.
        SequenceDiagramView live;
        for (const LabEvent &event : events)
            live.addEvent(event);
        QCOMPARE(live.lanes(), lanes);
        QCOMPARE(live.arrowCount(), view.arrowCount());
    }

    // A Primary beginning a cycle, with none open, starts a new diagram; what came between two
    // cycles opens the next one.
    void liveSplitsCycles()
    {
        SequenceDiagramView view;
        const QList<LabEvent> first = handMadeCycle(u"car"_s, 1);
        const LabEvent between = makeEvent(u"director"_s, u"car/TCU"_s, Kind::ImageAssigned, u"assigned v2"_s);
        const QList<LabEvent> second = handMadeCycle(u"car"_s, 2);
        for (const LabEvent &event : first)
            view.addEvent(event);
        QCOMPARE(view.events().size(), first.size());
        view.addEvent(between);
        QCOMPARE(view.events().size(), first.size() + 1);
        for (const LabEvent &event : second)
            view.addEvent(event);
        QCOMPARE(view.events().size(), second.size() + 1);
        QCOMPARE(view.events().first().summary, between.summary);
        QCOMPARE(view.events().at(1).summary, second.first().summary);
        QCOMPARE(view.arrowCount(), messagesIn(second) + 1);

        // A second vehicle's cycle beginning while the first is open joins the same diagram.
        view.clear();
        view.addEvent(first.first());
        view.addEvent(handMadeCycle(u"other"_s, 1).first());
        QCOMPARE(view.events().size(), 2);
    }

    // A real lab's cycles, as the main window feeds them: every event live.
    void realCycles()
    {
        Uptane::Lab::Lab lab;
        Uptane::Lab::LabOptions options;
        options.workspace = m_dir->filePath(u"ws"_s);
        SequenceDiagramView view;
        QList<LabEvent> all;
        connect(&lab, &Uptane::Lab::Lab::eventEmitted, &view, [&](const LabEvent &event) {
            all.append(event);
            view.addEvent(event);
        });
        QVERIFY(lab.startAndWait(options));
        const QString primary = Demo::vin() + u'/' + Demo::primarySerial();
        auto primaryVerdicts = [&] {
            return std::count_if(all.cbegin(), all.cend(), [&](const LabEvent &e) {
                return e.kind == Kind::Verdict && e.from == primary;
            });
        };
        for (int cycle = 1; cycle <= 2; ++cycle) {
            QVERIFY(lab.runCycleAndWait(Demo::vin()));
            QTRY_COMPARE(primaryVerdicts(), cycle);
        }

        // The diagram holds the second cycle only, beginning with its Primary's note.
        const QList<LabEvent> shown = view.events();
        const auto starts = std::count_if(shown.cbegin(), shown.cend(), [&](const LabEvent &e) {
            return e.from == primary && e.summary.startsWith(u"cycle ") && e.summary.contains(u" begins");
        });
        QCOMPARE(starts, 1);
        QCOMPARE(view.arrowCount(), messagesIn(shown));
        QVERIFY(view.arrowCount() > 0);

        // OEM first, then the vehicle's ECUs, Primary first; "client" resolved to the Primary.
        QStringList expected;
        for (const QString &oem : {u"imagerepo"_s, u"director"_s, u"timeserver"_s}) {
            if (std::any_of(shown.cbegin(), shown.cend(), [&](const LabEvent &e) {
                    return e.from.section(u'/', 0, 0) == oem || e.to == oem;
                }))
                expected.append(oem);
        }
        expected.append(primary);
        QStringList secondaries;
        for (const QString &serial : Demo::secondarySerials())
            secondaries.append(Demo::vin() + u'/' + serial);
        secondaries.sort();
        expected += secondaries;
        QCOMPARE(view.lanes(), expected);

        // Exports of a real cycle.
        const QString png = m_dir->filePath(u"cycle.png"_s);
        QVERIFY(view.exportPng(png));
        QCOMPARE(QImage(png).size(), view.diagramSize());
    }

    void exports_data()
    {
        QTest::addColumn<bool>("dark");
        QTest::newRow("light") << false;
        QTest::newRow("dark") << true;
    }
    void exports()
    {
        QFETCH(bool, dark);
        SequenceDiagramView view;
        if (dark)
            view.setPalette(darkPalette());
        view.setEvents(handMadeCycle(u"car"_s, 1));

        const QString png = m_dir->filePath(u"diagram.png"_s);
        QVERIFY(view.exportPng(png));
        QImage image(png);
        QVERIFY(!image.isNull());
        QCOMPARE(image.size(), view.diagramSize());
        // Painted on the palette: the last row's bottom margin is its base colour.
        QCOMPARE(image.pixelColor(1, image.height() - 2).rgb(), view.palette().color(QPalette::Base).rgb());

        const QString svg = m_dir->filePath(u"diagram.svg"_s);
        QVERIFY(view.exportSvg(svg));
        QSvgRenderer renderer(svg);
        QVERIFY(renderer.isValid());
        QCOMPARE(renderer.viewBox().size(), view.diagramSize());

        // Nothing but the two exports was written (no temporary files left).
        QCOMPARE(QDir(m_dir->path()).entryList(QDir::Files), (QStringList{u"diagram.png"_s, u"diagram.svg"_s}));
    }

    void exportFailures_data()
    {
        QTest::addColumn<QString>("pngPath");
        QTest::addColumn<QString>("svgPath");
        QTest::newRow("missing directory") << u"missing/diagram.png"_s << u"missing/diagram.svg"_s;
        QTest::newRow("parent is a file") << u"file/diagram.png"_s << u"file/diagram.svg"_s;
        QTest::newRow("path is a directory") << u"directory"_s << u"directory"_s;
    }
    void exportFailures()
    {
        QFETCH(QString, pngPath);
        QFETCH(QString, svgPath);
        QFile file(m_dir->filePath(u"file"_s));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        QVERIFY(QDir(m_dir->path()).mkdir(u"directory"_s));
        const QStringList before = QDir(m_dir->path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot);

        SequenceDiagramView view;
        view.setEvents(handMadeCycle(u"car"_s, 1));
        const auto png = view.exportPng(m_dir->filePath(pngPath));
        QVERIFY(!png);
        QCOMPARE(png.error().code, ErrorCode::IoError);
        const auto svg = view.exportSvg(m_dir->filePath(svgPath));
        QVERIFY(!svg);
        QCOMPARE(svg.error().code, ErrorCode::IoError);
        // Nothing left behind: no file, no temporary.
        QCOMPARE(QDir(m_dir->path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot), before);
        QVERIFY(QDir(m_dir->filePath(u"directory"_s)).isEmpty());
    }

    // Thousands of rows: too tall for one PNG (TooLarge, nothing written), fine as SVG, and
    // the live view paints only what is visible.
    void largeDiagram()
    {
        QList<LabEvent> events = handMadeCycle(u"car"_s, 1).mid(0, 1);
        for (int i = 0; i < 3000; ++i)
            events.append(makeEvent(u"car/INFO"_s, u"car/TCU"_s, Kind::BusMessage, u"message %1"_s.arg(i)));
        SequenceDiagramView view;
        view.resize(800, 600);
        view.setEvents(events);
        QCOMPARE(view.arrowCount(), 3000);
        const QString png = m_dir->filePath(u"large.png"_s);
        const auto written = view.exportPng(png);
        QVERIFY(!written);
        QCOMPARE(written.error().code, ErrorCode::TooLarge);
        QVERIFY(!QFile::exists(png));
        QVERIFY(view.exportSvg(m_dir->filePath(u"large.svg"_s)));
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        auto *canvas = view.findChild<SequenceCanvas *>(u"sequenceCanvas"_s);
        canvas->verticalScrollBar()->setValue(canvas->verticalScrollBar()->maximum());
        QVERIFY(!view.grab().isNull());
    }

    void clickAndKeys()
    {
        SequenceDiagramView view;
        view.resize(1400, 900);
        const QList<LabEvent> events = handMadeCycle(u"car"_s, 1);
        view.setEvents(events);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        auto *canvas = view.findChild<SequenceCanvas *>(u"sequenceCanvas"_s);
        QVERIFY(canvas);
        QSignalSpy activated(&view, &SequenceDiagramView::eventActivated);

        // The second row is the nonce request, an arrow from the Primary to the Secondary.
        QTest::mouseClick(canvas->viewport(), Qt::LeftButton, {}, canvas->rowCentre(1));
        QCOMPARE(activated.count(), 1);
        QCOMPARE(activated.last().at(0).value<LabEvent>().summary, events.at(1).summary);
        QCOMPARE(canvas->currentRow(), 1);

        // Beside the arrow (left of both lanes) is nothing.
        QTest::mouseClick(canvas->viewport(), Qt::LeftButton, {}, QPoint(2, canvas->rowCentre(1).y()));
        QCOMPARE(activated.count(), 1);

        // Down, Enter: the next row, the Secondary's answer.
        canvas->setFocus();
        QTest::keyClick(canvas, Qt::Key_Down);
        QTest::keyClick(canvas, Qt::Key_Return);
        QCOMPARE(activated.count(), 2);
        QCOMPARE(activated.last().at(0).value<LabEvent>().summary, events.at(2).summary);
    }

    // Every outcome colour reads on the palette's base, light and dark (WCAG AA, 4.5:1).
    void outcomeColoursReadable_data() { exports_data(); }
    void outcomeColoursReadable()
    {
        QFETCH(bool, dark);
        const QPalette palette = dark ? darkPalette() : QPalette(QColor(0xef, 0xef, 0xef));
        QCOMPARE(Uptane::Widgets::isDarkPalette(palette), dark);
        for (LogTone tone : {LogTone::Plain, LogTone::Passed, LogTone::Failed, LogTone::Updated, LogTone::UpToDate,
                             LogTone::Defended, LogTone::Compromised}) {
            const QColor colour = Uptane::Widgets::logToneColor(tone, palette);
            QVERIFY2(contrast(colour, palette.color(QPalette::Base)) >= 4.5, qPrintable(colour.name()));
            // Row tints keep the palette's text readable.
            const QColor tint = Uptane::Widgets::logToneBackground(tone, palette);
            QVERIFY2(contrast(palette.color(QPalette::Text), tint) >= 4.5, qPrintable(tint.name()));
        }
    }

    void verdictTones_data()
    {
        QTest::addColumn<QString>("summary");
        QTest::addColumn<bool>("withError");
        QTest::addColumn<LogTone>("tone");
        QTest::newRow("updated") << u"cycle 1: UPDATED: a.img"_s << false << LogTone::Updated;
        QTest::newRow("up to date") << u"cycle 2: UP TO DATE"_s << false << LogTone::UpToDate;
        QTest::newRow("no update") << u"cycle 2: NO UPDATE"_s << false << LogTone::UpToDate;
        QTest::newRow("defended") << u"cycle 3: DEFENDED (HashMismatch: x)"_s << true << LogTone::Defended;
        QTest::newRow("replay") << u"cycle 3: REPLAY (Rollback: x)"_s << true << LogTone::Defended;
        QTest::newRow("frozen") << u"cycle 3: FROZEN (Expired: x)"_s << true << LogTone::Defended;
        QTest::newRow("compromised") << u"cycle 3: COMPROMISED: evil.img"_s << false << LogTone::Compromised;
        QTest::newRow("unknown verdict with error") << u"cycle 3: ???"_s << true << LogTone::Failed;
    }
    void verdictTones()
    {
        QFETCH(QString, summary);
        QFETCH(bool, withError);
        QFETCH(LogTone, tone);
        const LabEvent event = makeEvent(u"car/TCU"_s, {}, Kind::Verdict, summary,
                                         withError ? std::optional(ErrorCode::HashMismatch) : std::nullopt);
        QCOMPARE(Uptane::Widgets::logToneOf(event), tone);
    }
};

QTEST_MAIN(TestSequenceDiagram)
#include "tst_sequencediagram.moc"
