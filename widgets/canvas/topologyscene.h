#pragma once

// The scene of the topology canvas: what is drawn and where, independent of the Lab (the
// TopologyView feeds it). OEM servers in a row at the top (the supplier delegation beside
// the Image Repository), each vehicle below as a box with its Primary over its Secondaries,
// links vehicle <-> each server and Primary <-> each Secondary (the bus).
//
// Node ids are the LabEvent ones: "imagerepo", "director", "timeserver", "<vin>" (vehicle
// box), "<vin>/<serial>" (ECU), plus "imagerepo/supplier" for the delegation. Link ids:
// LinkItem::serverLinkId / busLinkId. Attacker sites are link ids or node ids.
//
// Everything is sized from the scene's font (setCanvasFont), so presentation mode and a larger
// application font scale the layout; the view fits the scene rect into its viewport.

#include "common/labevent.h"
#include "vehicle/verdict.h"
#include "widgets/canvas/nodeitem.h"

#include <QGraphicsScene>
#include <QHash>
#include <QMap>

namespace Uptane::Widgets::Canvas {

class AttackerItem;
class BannerItem;
class LinkItem;
class MessageItem;

class TopologyScene : public QGraphicsScene
{
    Q_OBJECT
public:
    struct EcuPlan
    {
        QString serial;
        bool primary = false;
        NodeItem::Badge badge = NodeItem::Badge::None;
    };
    struct VehiclePlan
    {
        QString vin;
        QList<EcuPlan> ecus;  // Primary first
    };

    // At most this many message dots travel at once; more events merge into them.
    static constexpr int kMaxInFlight = 16;

    explicit TopologyScene(QObject *parent = nullptr);
    ~TopologyScene() override;

    // Builds the servers and these vehicles anew. Node state lines and banners of nodes that
    // exist before and after are kept; messages in flight are dropped; attackers re-placed.
    void build(const QList<VehiclePlan> &vehicles);
    void setCanvasFont(const QFont &font);  // then lays everything out again
    void setCanvasPalette(const QPalette &palette);

    NodeItem *node(const QString &id) const { return m_nodes.value(id); }
    QList<NodeItem *> nodesInFocusOrder() const { return m_order; }
    LinkItem *link(const QString &id) const { return m_links.value(id); }
    QStringList vins() const;
    // The Primary's node id of vin, or empty.
    QString primaryNode(const QString &vin) const;

    void setNodeState(const QString &id, const QStringList &lines);

    // The ECU's banner (kept until the next), and the one across the canvas (fades).
    void showBanner(const QString &nodeId, Vehicle::Verdict verdict, const QString &reason);
    void showCanvasBanner(Vehicle::Verdict verdict, const QString &reason);
    BannerItem *banner(const QString &nodeId) const;
    BannerItem *canvasBanner() const { return m_canvasBanner; }

    // Animates event along its link, or merges it into a dot already on its way. The HTTP
    // client is not named by the host: hintVins are the vehicles it may be (those cycling).
    // False when the event travels no link of the canvas.
    bool animate(const LabEvent &event, const QStringList &hintVins);
    int messagesInFlight() const { return int(m_messages.size()); }
    int messagesMerged() const { return m_merged; }

    // Attackers by site (link id or node id) -> what each does there. Sites the canvas lacks
    // are ignored.
    void setAttackers(const QMap<QString, QStringList> &sites);
    QStringList attackerSites() const;

Q_SIGNALS:
    void messageClicked(const Uptane::LabEvent &event);
    void nodeFocused(const QString &id);  // keyboard focus or a click moved to node id

private:
    NodeItem *addNode(const QString &id, NodeItem::Kind kind, const QString &title, QLatin1StringView icon);
    LinkItem *addLink(const QString &id, int kind, const QString &endA, const QString &endB);
    void layout();
    void layoutVehicle(NodeItem *vehicle, const QList<NodeItem *> &ecus, qreal x, qreal y);
    void routeLinks();
    void placeAttackers();
    QStringList vinsOf(const QString &endpoint, const LabEvent &event, const QStringList &hintVins) const;
    void launch(LinkItem *link, bool forward, const LabEvent &event);
    void clearMessages();

    QHash<QString, NodeItem *> m_nodes;
    QList<NodeItem *> m_order;
    QHash<QString, LinkItem *> m_links;
    QList<VehiclePlan> m_vehicles;
    QList<MessageItem *> m_messages;
    QMap<QString, AttackerItem *> m_attackers;
    QMap<QString, QStringList> m_attackerSites;
    BannerItem *m_canvasBanner = nullptr;
    int m_merged = 0;
};

} // namespace Uptane::Widgets::Canvas
