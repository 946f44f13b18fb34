#pragma once

// The topology canvas in the centre of the main window (issue 6 "Centre" and "Banners"):
// the OEM servers at the top (Image Repository with its supplier delegation, Director, Time
// Server), each vehicle below as a box holding its Primary and Secondaries (FULL / PARTIAL),
// links vehicle <-> server and Primary <-> Secondary (the bus). Every node shows its state
// from the lab's snapshots (trusted metadata versions, installed image, last verdict);
// messages (HTTP, bus, attestations, manifests) run along the links as the lab's events
// arrive, coloured by outcome; each cycle's verdicts appear as banners on the ECUs and
// briefly across the canvas; active attackers are drawn where they sit.
//
// It only listens to the Lab (signals, snapshots(), adversary().active()) and the FreePlay
// player: it never waits on the network, crypto or disk.
//
// Object names: the view is "topologyView". Node ids are the LabEvent ones ("imagerepo",
// "director", "timeserver", "<vin>", "<vin>/<serial>") plus "imagerepo/supplier". Attacker
// sites (attackerSites()) are a node id (a server holding stolen keys: "director"; a
// compromised Primary: "<vin>/<primary>") or a link id: "<server>~<vin>" for the link between
// a server and a vehicle ("director~democar"), "<vin>/<primary>~<vin>/<secondary>" for a bus.
//
// Keyboard: Tab / Shift+Tab and the arrow keys move focus from node to node (Tab leaves the
// view after the last node), Enter / Space selects the focused node, Escape clears the
// selection. The view's accessible description follows the focused node.

#include "common/labevent.h"
#include "vehicle/verdict.h"
#include "widgets/canvas/nodetext.h"

#include <QElapsedTimer>
#include <QGraphicsView>
#include <QPointer>
#include <QTimer>

namespace Uptane::Lab {
class Lab;
class FreePlay;
struct VehicleSnapshot;
}
namespace Uptane::Vehicle {
struct CycleResult;
}

namespace Uptane::Widgets {

namespace Canvas {
class TopologyScene;
}

class TopologyView : public QGraphicsView
{
    Q_OBJECT
public:
    // The lab must outlive the view; it may be started later (the view rebuilds then).
    explicit TopologyView(Lab::Lab &lab, QWidget *parent = nullptr);
    ~TopologyView() override;

    // Free-play attackers are drawn where their AttackerPlacement says; nullptr for none.
    void setFreePlay(Lab::FreePlay *freePlay);
    // Re-reads lab.vins() and snapshots() and builds the scene anew (banners kept).
    void rebuild();
    // Larger fonts (and so larger items) for a projector.
    void setPresentationMode(bool on);
    bool isPresentationMode() const { return m_presentation; }

    QString selectedNode() const;  // node id or empty
    // Selects (and focuses) the node; an unknown or empty id clears the selection.
    void selectNode(const QString &nodeId);

    // For tests and the end-to-end test.
    QString bannerText(const QString &nodeId) const;    // "DEFENDED" ... or empty when none shown
    QString bannerReason(const QString &nodeId) const;
    QString nodeStateText(const QString &nodeId) const; // the node's state lines, '\n'-joined
    QStringList attackerSites() const;                  // where attackers are drawn now (sorted)
    int messagesInFlight() const;
    qreal framesPerSecond() const;   // viewport frames while messages move, over the last second
    QStringList nodeIds() const;     // every node, in keyboard focus order
    QString nodeAccessibleName(const QString &nodeId) const;  // kind, name, badge and state
    QString focusedNode() const;
    QString canvasBannerText() const;  // the banner across the canvas while it shows

Q_SIGNALS:
    void nodeSelected(const QString &nodeId);
    void messageSelected(const Uptane::LabEvent &event);  // a clicked animated message
    void bannerShown(const QString &nodeId, Uptane::Vehicle::Verdict verdict, const QString &reason);

protected:
    void resizeEvent(QResizeEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void changeEvent(QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void focusInEvent(QFocusEvent *event) override;
    bool focusNextPrevChild(bool next) override;

private:
    void onEvent(const LabEvent &event);
    void onCycleFinished(const QString &vin, const Vehicle::CycleResult &result);
    void onVehicleChanged(const Lab::VehicleSnapshot &snapshot);
    void applySnapshot(const Lab::VehicleSnapshot &snapshot);
    void refreshServers();
    void pollAttackers();
    void applyFont();
    void fit();
    void focusNode(int index, Qt::FocusReason reason);
    int focusedIndex() const;
    void onSelectionChanged();

    Lab::Lab &m_lab;
    QPointer<Lab::FreePlay> m_freePlay;
    Canvas::TopologyScene *m_scene;
    QTimer m_pollTimer;
    bool m_presentation = false;
    bool m_serversDirty = true;
    QString m_selected;
    QHash<QString, Canvas::ServerActivity> m_activity;
    // ECUs learnt from cycle results, for a vehicle the lab has no snapshot of.
    QHash<QString, QList<QPair<QString, bool>>> m_learnt;
    QElapsedTimer m_clock;
    QList<qint64> m_frames;  // ms on m_clock of recent frames with messages moving
};

} // namespace Uptane::Widgets
