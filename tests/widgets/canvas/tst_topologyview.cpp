// TopologyView on a real Lab (offscreen): a node for every server and ECU, node state from
// the snapshots, banners after cycles (an update, a defended attack), messages animating and
// coalescing, attackers drawn where the adversary sits and gone when undone, selection and
// keyboard focus, fitting the viewport, and both a light and a dark palette.

#include "attacks/adversary.h"
#include "attacks/catalogue.h"
#include "attacks/freeplay.h"
#include "lab/freeplay.h"
#include "lab/lab.h"
#include "lab/scenariorunner.h"
#include "vehicle/vehicle.h"
#include "widgets/canvas/canvasstyle.h"
#include "widgets/canvas/messageitem.h"
#include "widgets/canvas/nodeitem.h"
#include "widgets/canvas/nodetext.h"
#include "widgets/canvas/topologyscene.h"
#include "widgets/canvas/topologyview.h"

#include <QApplication>
#include <QGraphicsScene>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <functional>
#include <memory>

using namespace Uptane;
using namespace Qt::StringLiterals;
using Uptane::Widgets::TopologyView;
using Vehicle::Verdict;

Q_DECLARE_METATYPE(Uptane::Vehicle::Verdict)

namespace {

// A started lab with the demo fleet on a fresh workspace.
struct Fixture
{
    QTemporaryDir dir;
    Lab::Lab lab;

    bool start()
    {
        Lab::LabOptions options;
        options.workspace = dir.path();
        return dir.isValid() && lab.startAndWait(options).has_value();
    }
    QStringList ecuNodes() const
    {
        QStringList ids;
        for (const Lab::VehicleSnapshot &vehicle : lab.snapshots()) {
            for (const Lab::EcuSnapshot &ecu : vehicle.ecus)
                ids.append(ecu.nodeId());
        }
        return ids;
    }
    QString primaryNode() const
    {
        const auto snapshot = lab.snapshot(lab.vins().value(0));
        return snapshot && snapshot->primary() ? snapshot->primary()->nodeId() : QString();
    }
};

Widgets::Canvas::NodeItem *nodeItem(TopologyView &view, const QString &id)
{
    for (QGraphicsItem *item : view.scene()->items()) {
        auto *node = dynamic_cast<Widgets::Canvas::NodeItem *>(item);
        if (node && node->id() == id)
            return node;
    }
    return nullptr;
}

// Shows widget at size, offscreen, and waits until it is painted.
bool exposed(QWidget &widget, QSize size)
{
    widget.resize(size);
    widget.show();
    return QTest::qWaitForWindowExposed(&widget);
}

QPoint viewportPoint(TopologyView &view, const QPointF &scenePoint)
{
    return view.mapFromScene(scenePoint);
}

LabEvent busEvent(const QString &from, const QString &to, const QString &summary)
{
    LabEvent event;
    event.time = QDateTime::currentDateTimeUtc();
    event.kind = LabEvent::Kind::BusMessage;
    event.from = from;
    event.to = to;
    event.summary = summary;
    return event;
}

QPalette darkPalette()
{
    QPalette dark;
    dark.setColor(QPalette::Window, QColor(0x20, 0x22, 0x25));
    dark.setColor(QPalette::WindowText, QColor(0xe8, 0xe8, 0xe8));
    dark.setColor(QPalette::Base, QColor(0x2b, 0x2e, 0x33));
    dark.setColor(QPalette::AlternateBase, QColor(0x33, 0x37, 0x3d));
    dark.setColor(QPalette::Text, QColor(0xf0, 0xf0, 0xf0));
    dark.setColor(QPalette::Highlight, QColor(0x4a, 0x90, 0xd9));
    dark.setColor(QPalette::HighlightedText, Qt::white);
    dark.setColor(QPalette::Button, QColor(0x30, 0x33, 0x38));
    dark.setColor(QPalette::ButtonText, QColor(0xe8, 0xe8, 0xe8));
    return dark;
}

using AttackAction = std::function<Attacks::AttackId(Attacks::Adversary &)>;

} // namespace

class TestTopologyView : public QObject
{
    Q_OBJECT
private slots:
    void nodesForEveryServerAndEcu()
    {
        Fixture f;
        QVERIFY(f.start());
        TopologyView view(f.lab);
        QCOMPARE(view.objectName(), u"topologyView"_s);
        const QStringList ids = view.nodeIds();
        for (const QString &server : {u"imagerepo"_s, u"imagerepo/supplier"_s, u"director"_s, u"timeserver"_s})
            QVERIFY2(ids.contains(server), qPrintable(server));
        QVERIFY(!f.lab.vins().isEmpty());
        for (const QString &vin : f.lab.vins())
            QVERIFY2(ids.contains(vin), qPrintable(vin));
        const QStringList ecus = f.ecuNodes();
        QVERIFY(ecus.size() >= 2);
        for (const QString &ecu : ecus)
            QVERIFY2(ids.contains(ecu), qPrintable(ecu));
        // Each ECU says what it is, Secondaries with the verification they do.
        for (const Lab::VehicleSnapshot &vehicle : f.lab.snapshots()) {
            for (const Lab::EcuSnapshot &ecu : vehicle.ecus) {
                const QString name = view.nodeAccessibleName(ecu.nodeId());
                QVERIFY(name.contains(ecu.serial));
                if (!ecu.primary) {
                    const bool partial = ecu.verification == Vehicle::Verification::Partial;
                    QVERIFY2(name.contains(partial ? u"partial"_s : u"full"_s), qPrintable(name));
                }
            }
        }
        // No node for what does not exist.
        QVERIFY(view.nodeStateText(u"nosuchcar/ECU"_s).isEmpty());
        QVERIFY(view.bannerText(u"nosuchcar/ECU"_s).isEmpty());
    }

    void nodeStateShowsSnapshot()
    {
        Fixture f;
        QVERIFY(f.start());
        TopologyView view(f.lab);
        for (const Lab::VehicleSnapshot &vehicle : f.lab.snapshots()) {
            for (const Lab::EcuSnapshot &ecu : vehicle.ecus) {
                const QString text = view.nodeStateText(ecu.nodeId());
                QCOMPARE(text, Widgets::Canvas::NodeText::ecuStateLines(ecu).join(u'\n'));
                // The versions of root and targets, whichever the ECU trusts.
                for (auto it = ecu.versions.cbegin(); it != ecu.versions.cend(); ++it) {
                    if (it.key().endsWith(u"/root"_s) || it.key().endsWith(u"/targets"_s))
                        QVERIFY2(text.contains(QString::number(it.value())), qPrintable(text));
                }
                if (ecu.installed)
                    QVERIFY2(text.contains(ecu.installed->path), qPrintable(text));
            }
        }
        // After a cycle the new snapshot shows (the last verdict).
        const auto cycle = f.lab.runCycleAndWait(f.lab.vins().first());
        QVERIFY(cycle);
        const QString primary = f.primaryNode();
        QTRY_VERIFY(view.nodeStateText(primary).contains(Vehicle::verdictName(cycle->outcomes.first().verdict)));
    }

    void rebuildsWhenVehicleAdded()
    {
        Fixture f;
        QVERIFY(f.start());
        TopologyView view(f.lab);
        QVERIFY(exposed(view, {1200, 700}));
        view.selectNode(u"director"_s);
        Lab::VehicleSpec spec;
        spec.vin = u"testcar"_s;
        spec.primarySerial = u"INFOtestcar"_s;
        spec.primaryHardwareId = u"infotainment"_s;
        spec.secondaries = {{u"TCUtestcar"_s, u"acme-ecu"_s, Vehicle::Verification::Partial}};
        std::optional<Result<void>> added;
        f.lab.addVehicle(spec, [&added](Result<void> result) { added = result; });
        QTRY_VERIFY_WITH_TIMEOUT(added.has_value(), 20000);
        QVERIFY2(added->has_value(), qPrintable(added->error().toString()));
        for (const QString &id : {u"testcar"_s, u"testcar/INFOtestcar"_s, u"testcar/TCUtestcar"_s})
            QTRY_VERIFY2(view.nodeIds().contains(id), qPrintable(id));
        QVERIFY(view.nodeAccessibleName(u"testcar/TCUtestcar"_s).contains(u"partial"_s));
        // The links to the new vehicle exist (an attacker on its Director link is drawn).
        const Attacks::AttackId id = f.lab.adversary().dropRequests(u"/director/testcar/*"_s, u"test"_s);
        QTRY_COMPARE(view.attackerSites(), QStringList{u"director~testcar"_s});
        QCOMPARE(view.selectedNode(), u"director"_s);  // the selection survives the rebuild
        if (qEnvironmentVariableIsSet("CANVAS_SNAPSHOT_DIR"))
            view.grab().save(qEnvironmentVariable("CANVAS_SNAPSHOT_DIR") + u"/twocars.png"_s);
        f.lab.adversary().undo(id);
    }

    void cycleShowsBanners_data()
    {
        QTest::addColumn<QString>("scenario");
        QTest::addColumn<QString>("expectedVerdict");
        QTest::addColumn<QString>("expectedCode");  // in the reason, when a refusal
        QTest::newRow("deliver-update") << u"deliver-update"_s << u"UPDATED"_s << QString();
        QTest::newRow("mitm-director") << u"ref-3.1-mitm-director"_s << u"DEFENDED"_s
                                       << errorCodeName(ErrorCode::HashMismatch);
    }

    void cycleShowsBanners()
    {
        QFETCH(QString, scenario);
        QFETCH(QString, expectedVerdict);
        QFETCH(QString, expectedCode);
        Fixture f;
        QVERIFY(f.start());
        TopologyView view(f.lab);
        QSignalSpy banners(&view, &TopologyView::bannerShown);
        QList<Vehicle::CycleResult> cycles;
        QStringList canvasBanners;
        // Connected after the view: runs once the view has shown the cycle's banners.
        connect(&f.lab, &Lab::Lab::cycleFinished, this, [&](const QString &, const Vehicle::CycleResult &result) {
            cycles.append(result);
            canvasBanners.append(view.canvasBannerText());
        });
        const Attacks::Scenario *found = Attacks::findScenario(scenario);
        QVERIFY(found);
        Lab::ScenarioRunner runner(f.lab);
        QSignalSpy finished(&runner, &Lab::ScenarioRunner::finished);
        QVERIFY(runner.load({*found}));
        runner.run();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 30000);
        QVERIFY(!cycles.isEmpty());

        // Every outcome of every cycle came out as a banner, in order, with its reason.
        const QString vin = f.lab.vins().first();
        qsizetype index = 0;
        bool sawExpected = false;
        for (const Vehicle::CycleResult &cycle : std::as_const(cycles)) {
            for (const Vehicle::EcuOutcome &outcome : cycle.outcomes) {
                QVERIFY(index < banners.size());
                const QList<QVariant> shown = banners.at(index++);
                QCOMPARE(shown.at(0).toString(), vin + u'/' + outcome.serial);
                QCOMPARE(shown.at(1).value<Verdict>(), outcome.verdict);
                QCOMPARE(shown.at(2).toString(), Widgets::Canvas::NodeText::bannerReason(outcome));
                QVERIFY(!shown.at(2).toString().isEmpty());
                if (Vehicle::verdictName(outcome.verdict) == expectedVerdict) {
                    sawExpected = true;
                    if (!expectedCode.isEmpty())
                        QVERIFY2(shown.at(2).toString().startsWith(expectedCode), qPrintable(shown.at(2).toString()));
                    else if (outcome.installed)
                        QVERIFY(shown.at(2).toString().contains(outcome.installed->path));
                }
            }
        }
        QCOMPARE(index, banners.size());
        QVERIFY2(sawExpected, qPrintable(expectedVerdict));
        // The ECU keeps its last banner; the canvas showed the cycle's loudest one.
        for (const Vehicle::EcuOutcome &outcome : cycles.last().outcomes) {
            QCOMPARE(view.bannerText(vin + u'/' + outcome.serial), Vehicle::verdictName(outcome.verdict));
            QCOMPARE(view.bannerReason(vin + u'/' + outcome.serial), Widgets::Canvas::NodeText::bannerReason(outcome));
        }
        for (const QString &text : std::as_const(canvasBanners))
            QVERIFY(!text.isEmpty());
        // Before any cycle there is no banner: a fresh view on this lab starts empty.
        TopologyView fresh(f.lab);
        QVERIFY(fresh.bannerText(vin + u'/' + cycles.last().outcomes.first().serial).isEmpty());
    }

    void messagesAnimate()
    {
        Fixture f;
        QVERIFY(f.start());
        TopologyView view(f.lab);
        QVERIFY(exposed(view, {900, 600}));
        QCOMPARE(view.messagesInFlight(), 0);
        QSignalSpy finished(&f.lab, &Lab::Lab::cycleFinished);
        QVERIFY(f.lab.runCycle(f.lab.vins().first()));
        QTRY_VERIFY(view.messagesInFlight() > 0);
        QVERIFY(view.messagesInFlight() <= Widgets::Canvas::TopologyScene::kMaxInFlight);
        QTRY_VERIFY(view.framesPerSecond() > 0);
        QTRY_COMPARE(finished.size(), 1);
        QTRY_COMPARE(view.messagesInFlight(), 0);
        // Idle: no frames counted over the last second.
        QTRY_COMPARE(view.framesPerSecond(), 0.0);
    }

    void burstsCoalesce_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<bool>("onBus");  // between the Primary and a Secondary, else nowhere
        QTest::addColumn<int>("events");
        QTest::addColumn<bool>("drawn");
        QTest::newRow("one bus message") << int(LabEvent::Kind::BusMessage) << true << 1 << true;
        QTest::newRow("500 bus messages") << int(LabEvent::Kind::BusMessage) << true << 500 << true;
        QTest::newRow("unknown nodes") << int(LabEvent::Kind::BusMessage) << false << 10 << false;
        QTest::newRow("a check stays in its node") << int(LabEvent::Kind::Check) << true << 10 << false;
    }

    void burstsCoalesce()
    {
        QFETCH(int, kind);
        QFETCH(bool, onBus);
        QFETCH(int, events);
        QFETCH(bool, drawn);
        Fixture f;
        QVERIFY(f.start());
        TopologyView view(f.lab);
        const QStringList ecus = f.ecuNodes();
        QVERIFY(ecus.size() >= 2);
        for (int i = 0; i < events; ++i) {
            LabEvent event = onBus ? busEvent(ecus[0], ecus[1 + i % (ecus.size() - 1)], u"test %1"_s.arg(i))
                                   : busEvent(u"nowhere/A"_s, u"elsewhere/B"_s, u"lost"_s);
            event.kind = LabEvent::Kind(kind);
            Q_EMIT f.lab.eventEmitted(event);
        }
        if (!drawn) {
            QCOMPARE(view.messagesInFlight(), 0);
            return;
        }
        QVERIFY(view.messagesInFlight() >= 1);
        // One dot per link and direction while young: a burst never floods the canvas.
        QVERIFY(view.messagesInFlight() <= std::min<int>(events, int(ecus.size()) - 1));
        QTRY_COMPARE(view.messagesInFlight(), 0);
    }

    void clickedMessageIsSelected()
    {
        Fixture f;
        QVERIFY(f.start());
        TopologyView view(f.lab);
        QVERIFY(exposed(view, {900, 600}));
        QSignalSpy selected(&view, &TopologyView::messageSelected);
        const QStringList ecus = f.ecuNodes();
        LabEvent event = busEvent(ecus[0], ecus[1], u"metadata bundle"_s);
        event.error = Error{ErrorCode::HashMismatch, u"test"_s};
        Q_EMIT f.lab.eventEmitted(event);
        Widgets::Canvas::MessageItem *message = nullptr;
        for (QGraphicsItem *item : view.scene()->items()) {
            if ((message = dynamic_cast<Widgets::Canvas::MessageItem *>(item)))
                break;
        }
        QVERIFY(message);
        QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, viewportPoint(view, message->scenePos()));
        QCOMPARE(selected.size(), 1);
        const auto clicked = selected.first().first().value<LabEvent>();
        QCOMPARE(clicked.summary, event.summary);
        QVERIFY(clicked.error);
        QCOMPARE(clicked.error->code, ErrorCode::HashMismatch);
        // A click on empty canvas selects no message.
        QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, QPoint(1, 1));
        QCOMPARE(selected.size(), 1);
    }

    void attackerDrawnWhereItSits_data()
    {
        QTest::addColumn<AttackAction>("attack");
        QTest::addColumn<QString>("site");  // "{vin}" = the vehicle, "{primary}" = its Primary's node; empty: none
        const QString d = u"test"_s;
        QTest::newRow("director link") << AttackAction([d](Attacks::Adversary &a) {
            return a.dropRequests(u"/director/*"_s, d);
        }) << u"director~{vin}"_s;
        QTest::newRow("director link of this vehicle") << AttackAction([d](Attacks::Adversary &a) {
            return a.flipByte(u"/director/democar/metadata/timestamp.json"_s, 0, d);
        }) << u"director~{vin}"_s;
        QTest::newRow("another vehicle's director link") << AttackAction([d](Attacks::Adversary &a) {
            return a.dropRequests(u"/director/othercar/*"_s, d);
        }) << QString();
        QTest::newRow("image repository link") << AttackAction([d](Attacks::Adversary &a) {
            return a.serveSlowly(u"/imagerepo/targets/*"_s, 10, d);
        }) << u"imagerepo~{vin}"_s;
        QTest::newRow("time server link") << AttackAction([d](Attacks::Adversary &a) {
            return a.rewriteAttestation([](const QByteArray &bytes) { return bytes; }, d);
        }) << u"timeserver~{vin}"_s;
        QTest::newRow("stolen director keys") << AttackAction([d](Attacks::Adversary &a) {
            return a.holdKeys(u"director"_s, d);
        }) << u"director"_s;
        QTest::newRow("stolen image repository keys") << AttackAction([d](Attacks::Adversary &a) {
            return a.holdKeys(u"imagerepo"_s, d);
        }) << u"imagerepo"_s;
        QTest::newRow("compromised primary") << AttackAction([d](Attacks::Adversary &a) {
            return a.interceptBus(u"democar"_s, [](const QString &, const QString &, const QByteArray &bytes, bool) {
                return std::optional<QByteArray>(bytes);
            }, d);
        }) << u"{primary}"_s;
    }

    void attackerDrawnWhereItSits()
    {
        QFETCH(AttackAction, attack);
        QFETCH(QString, site);
        Fixture f;
        QVERIFY(f.start());
        QCOMPARE(f.lab.vins().first(), u"democar"_s);  // the rows name it
        TopologyView view(f.lab);
        QVERIFY(view.attackerSites().isEmpty());
        const Attacks::AttackId id = attack(f.lab.adversary());
        if (site.isEmpty()) {
            // Nothing to draw for this one: a second attack that is drawn proves the view
            // has looked since, and it must be alone.
            const Attacks::AttackId marker = f.lab.adversary().dropRequests(u"/imagerepo/marker*"_s, u"marker"_s);
            QTRY_COMPARE(view.attackerSites(), QStringList{u"imagerepo~democar"_s});
            f.lab.adversary().undo(marker);
        } else {
            const QString expected = QString(site).replace(u"{vin}"_s, f.lab.vins().first()).replace(u"{primary}"_s, f.primaryNode());
            QTRY_COMPARE(view.attackerSites(), QStringList{expected});
        }
        f.lab.adversary().undo(id);
        QTRY_VERIFY(view.attackerSites().isEmpty());
    }

    void freePlayAttackersPlaced()
    {
        Fixture f;
        QVERIFY(f.start());
        TopologyView view(f.lab);
        Lab::FreePlay freePlay(f.lab);
        view.setFreePlay(&freePlay);
        QSignalSpy changed(&freePlay, &Lab::FreePlay::changed);
        QSignalSpy failed(&freePlay, &Lab::FreePlay::failed);
        const QList<Attacks::FreePlayAttack> attacks = Attacks::freePlayAttacks();
        int applied = 0;
        QVERIFY(!attacks.isEmpty());
        for (const Attacks::FreePlayAttack &attack : attacks) {
            // Where the placement says the attacker sits, on the attack's vehicle.
            QString site;
            switch (attack.placement) {
            case Attacks::AttackerPlacement::DirectorLink: site = u"director~"_s + attack.vin; break;
            case Attacks::AttackerPlacement::ImageRepoLink: site = u"imagerepo~"_s + attack.vin; break;
            case Attacks::AttackerPlacement::TimeServerLink: site = u"timeserver~"_s + attack.vin; break;
            case Attacks::AttackerPlacement::DirectorServer: site = u"director"_s; break;
            case Attacks::AttackerPlacement::ImageRepoServer: site = u"imagerepo"_s; break;
            case Attacks::AttackerPlacement::Primary: site = f.primaryNode(); break;
            }
            QVERIFY2(freePlay.setActive(attack.id, true), qPrintable(attack.id));
            QTRY_VERIFY_WITH_TIMEOUT(!freePlay.isPending(attack.id), 20000);
            if (!freePlay.isActive(attack.id)) {
                // Some attacks need history this fresh lab lacks (a version to replay): they
                // fail to switch on, and then no attacker may be drawn.
                QVERIFY(!failed.isEmpty());
                QCOMPARE(failed.last().first().toString(), attack.id);
                QVERIFY(view.attackerSites().isEmpty());
                continue;
            }
            ++applied;
            QTRY_VERIFY2(view.attackerSites().contains(site), qPrintable(attack.id + u' ' + view.attackerSites().join(u',')));
            QVERIFY(freePlay.setActive(attack.id, false));
            QTRY_VERIFY_WITH_TIMEOUT(!freePlay.isPending(attack.id), 20000);
            QTRY_VERIFY2(view.attackerSites().isEmpty(), qPrintable(attack.id + u' ' + view.attackerSites().join(u',')));
        }
        QVERIFY(applied > attacks.size() / 2);
        QCOMPARE(changed.size(), 2 * applied);
    }

    void selectionSignals()
    {
        Fixture f;
        QVERIFY(f.start());
        TopologyView view(f.lab);
        QVERIFY(exposed(view, {900, 600}));
        QSignalSpy selected(&view, &TopologyView::nodeSelected);
        view.selectNode(u"director"_s);
        QCOMPARE(view.selectedNode(), u"director"_s);
        QCOMPARE(selected.size(), 1);
        QCOMPARE(selected.last().first().toString(), u"director"_s);
        view.selectNode(u"director"_s);  // no change, no signal
        QCOMPARE(selected.size(), 1);
        // A click on an ECU selects it.
        const QString primary = f.primaryNode();
        auto *node = nodeItem(view, primary);
        QVERIFY(node);
        const QPointF centre = node->mapToScene(QRectF(QPointF(), node->size()).center());
        QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, viewportPoint(view, centre));
        QTRY_COMPARE(view.selectedNode(), primary);
        QCOMPARE(selected.last().first().toString(), primary);
        // An unknown id clears the selection.
        view.selectNode(u"nosuchnode"_s);
        QVERIFY(view.selectedNode().isEmpty());
        QCOMPARE(selected.last().first().toString(), QString());
    }

    void keyboardMovesFocus()
    {
        Fixture f;
        QVERIFY(f.start());
        QWidget window;
        auto *view = new TopologyView(f.lab, &window);
        view->setGeometry(0, 0, 900, 600);
        QVERIFY(exposed(window, {900, 600}));
        view->setFocus(Qt::TabFocusReason);
        const QStringList ids = view->nodeIds();
        QTRY_COMPARE(view->focusedNode(), ids.first());
        QVERIFY(!view->accessibleDescription().isEmpty());
        QTest::keyClick(view, Qt::Key_Right);
        QCOMPARE(view->focusedNode(), ids.at(1));
        QTest::keyClick(view, Qt::Key_Tab);
        QCOMPARE(view->focusedNode(), ids.at(2));
        QTest::keyClick(view, Qt::Key_Left);
        QCOMPARE(view->focusedNode(), ids.at(1));
        QTest::keyClick(view, Qt::Key_Up);
        QTest::keyClick(view, Qt::Key_Up);  // wraps to the last node
        QCOMPARE(view->focusedNode(), ids.last());
        QSignalSpy selected(view, &TopologyView::nodeSelected);
        QTest::keyClick(view, Qt::Key_Return);
        QCOMPARE(view->selectedNode(), ids.last());
        QCOMPARE(selected.size(), 1);
        QTest::keyClick(view, Qt::Key_Escape);
        QVERIFY(view->selectedNode().isEmpty());
        // The accessible description names the focused node.
        QVERIFY(view->accessibleDescription().contains(nodeItem(*view, ids.last())->title()));
    }

    void fitsViewAndPresentationMode()
    {
        Fixture f;
        QVERIFY(f.start());
        TopologyView view(f.lab);
        QVERIFY(exposed(view, {800, 500}));
        const auto fitted = [&view] {
            const QRect shown = view.mapFromScene(view.sceneRect()).boundingRect();
            return view.viewport()->rect().adjusted(-2, -2, 2, 2).contains(shown);
        };
        QVERIFY(fitted());
        const qreal smallScale = view.transform().m11();
        view.resize(1600, 1000);
        QTRY_VERIFY(view.transform().m11() > smallScale);
        QVERIFY(fitted());
        // Presentation mode: a larger font on the canvas, the layout still fits.
        const qreal before = view.scene()->font().pointSizeF();
        view.setPresentationMode(true);
        QVERIFY(view.isPresentationMode());
        QVERIFY(view.scene()->font().pointSizeF() > before);
        QVERIFY(fitted());
        if (qEnvironmentVariableIsSet("CANVAS_SNAPSHOT_DIR"))
            view.grab().save(qEnvironmentVariable("CANVAS_SNAPSHOT_DIR") + u"/presentation.png"_s);
        view.setPresentationMode(false);
        QCOMPARE(view.scene()->font().pointSizeF(), before);
    }

    void readableInBothPalettes_data()
    {
        QTest::addColumn<bool>("dark");
        QTest::newRow("light") << false;
        QTest::newRow("dark") << true;
    }

    void readableInBothPalettes()
    {
        QFETCH(bool, dark);
        const QPalette original = QApplication::palette();
        if (dark)
            QApplication::setPalette(darkPalette());
        Fixture f;
        QVERIFY(f.start());
        TopologyView view(f.lab);
        QVERIFY(exposed(view, {1000, 640}));
        QVERIFY(f.lab.runCycleAndWait(f.lab.vins().first()));
        QVERIFY(f.lab.adversary().dropRequests(u"/director/*"_s, u"test"_s) > 0);
        QTRY_VERIFY(!view.attackerSites().isEmpty());
        QTRY_VERIFY(!view.bannerText(f.primaryNode()).isEmpty());
        const QImage image = view.grab().toImage();
        if (qEnvironmentVariableIsSet("CANVAS_SNAPSHOT_DIR"))
            image.save(qEnvironmentVariable("CANVAS_SNAPSHOT_DIR") + (dark ? u"/dark.png"_s : u"/light.png"_s));
        const QPalette palette = view.palette();
        // The canvas follows the palette: its background is the window colour, a server box
        // the base colour, and the text on it contrasts with that base.
        QCOMPARE(image.pixelColor(2, 2), palette.color(QPalette::Window));
        auto *director = nodeItem(view, u"director"_s);
        QVERIFY(director);
        // Half-way along the box, in its bottom padding (a quarter of a line high).
        const qreal unit = Widgets::Canvas::em(view.scene()->font());
        const QPointF inside = director->mapToScene(QPointF(director->size().width() / 2, director->size().height() - unit / 4));
        const QPoint at = viewportPoint(view, inside) * image.devicePixelRatio();
        QCOMPARE(image.pixelColor(at), palette.color(QPalette::Base));
        const qreal contrast = std::abs(palette.color(QPalette::Text).lightnessF() - palette.color(QPalette::Base).lightnessF());
        QVERIFY(contrast > 0.5);
        QCOMPARE(view.scene()->palette().color(QPalette::Text), palette.color(QPalette::Text));
        f.lab.adversary().undoAll();
        QApplication::setPalette(original);
    }
};

QTEST_MAIN(TestTopologyView)
#include "tst_topologyview.moc"
