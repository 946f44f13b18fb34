#include "widgets/canvas/topologyscene.h"

#include "widgets/canvas/attackeritem.h"
#include "widgets/canvas/banneritem.h"
#include "widgets/canvas/canvasstyle.h"
#include "widgets/canvas/linkitem.h"
#include "widgets/canvas/messageitem.h"

#include <optional>

using namespace Qt::StringLiterals;

namespace Uptane::Widgets::Canvas {

namespace {

const QString kImageRepo = u"imagerepo"_s;
const QString kDirector = u"director"_s;
const QString kTimeServer = u"timeserver"_s;
const QString kSupplier = u"imagerepo/supplier"_s;
const QStringList kServers = {kImageRepo, kDirector, kTimeServer};

// Gaps in ems.
constexpr qreal kServerGap = 3.0;
constexpr qreal kRowGap = 7.0;      // servers -> vehicles: room for the links and attackers
constexpr qreal kVehicleGap = 2.5;
constexpr qreal kVehiclePad = 0.8;
constexpr qreal kBusDrop = 3.0;     // Primary's banner -> Secondaries
constexpr int kVehiclesPerRow = 3;

} // namespace

TopologyScene::TopologyScene(QObject *parent) : QGraphicsScene(parent)
{
    m_canvasBanner = new BannerItem(BannerItem::Mode::Canvas);
    addItem(m_canvasBanner);
}

TopologyScene::~TopologyScene() = default;

NodeItem *TopologyScene::addNode(const QString &id, NodeItem::Kind kind, const QString &title, QLatin1StringView icon)
{
    auto *node = new NodeItem(id, kind);
    node->setTitle(title);
    node->setIcon(icon);
    addItem(node);
    connect(node, &NodeItem::focused, this, &TopologyScene::nodeFocused);
    m_nodes.insert(id, node);
    m_order.append(node);
    return node;
}

LinkItem *TopologyScene::addLink(const QString &id, int kind, const QString &endA, const QString &endB)
{
    auto *link = new LinkItem(id, LinkItem::Kind(kind), endA, endB);
    addItem(link);
    m_links.insert(id, link);
    return link;
}

void TopologyScene::build(const QList<VehiclePlan> &vehicles)
{
    // What survives a rebuild: state lines and banners of nodes that stay.
    struct Kept
    {
        QStringList lines;
        std::optional<std::pair<Vehicle::Verdict, QString>> banner;
    };
    QHash<QString, Kept> kept;
    for (NodeItem *node : std::as_const(m_order)) {
        Kept k{node->stateLines(), std::nullopt};
        if (node->banner() && node->banner()->isShown())
            k.banner = std::pair(node->banner()->verdict(), node->banner()->reason());
        kept.insert(node->id(), k);
    }
    clearMessages();
    qDeleteAll(m_attackers);
    m_attackers.clear();
    qDeleteAll(m_links);
    m_links.clear();
    // ECUs are children of nothing (the vehicle box is drawn under them), so delete all.
    qDeleteAll(m_order);
    m_nodes.clear();
    m_order.clear();
    m_vehicles = vehicles;

    addNode(kSupplier, NodeItem::Kind::Supplier, tr("Supplier"), kIconSupplier);
    addNode(kImageRepo, NodeItem::Kind::Server, tr("Image Repository"), kIconImageRepo);
    addNode(kDirector, NodeItem::Kind::Server, tr("Director"), kIconDirector);
    addNode(kTimeServer, NodeItem::Kind::Server, tr("Time Server"), kIconTimeServer);
    addLink(LinkItem::serverLinkId(kImageRepo, kSupplier), int(LinkItem::Kind::Delegation), kImageRepo, kSupplier);
    for (const VehiclePlan &vehicle : vehicles) {
        addNode(vehicle.vin, NodeItem::Kind::Vehicle, vehicle.vin, kIconVehicle);
        for (const QString &server : kServers)
            addLink(LinkItem::serverLinkId(server, vehicle.vin), int(LinkItem::Kind::Server), server, vehicle.vin);
        QString primary;
        for (const EcuPlan &ecu : vehicle.ecus) {
            const QString id = vehicle.vin + u'/' + ecu.serial;
            NodeItem *node = addNode(id, ecu.primary ? NodeItem::Kind::Primary : NodeItem::Kind::Secondary,
                                     ecu.serial, kIconEcu);
            node->setBadge(ecu.badge);
            if (ecu.primary)
                primary = id;
            else if (!primary.isEmpty())
                addLink(LinkItem::busLinkId(primary, id), int(LinkItem::Kind::Bus), primary, id);
        }
    }
    for (NodeItem *node : std::as_const(m_order)) {
        const auto it = kept.constFind(node->id());
        if (it == kept.cend())
            continue;
        node->setStateLines(it->lines);
        if (it->banner && node->banner())
            node->banner()->show(it->banner->first, it->banner->second);
    }
    layout();
    placeAttackers();
}

QStringList TopologyScene::vins() const
{
    QStringList out;
    for (const VehiclePlan &vehicle : m_vehicles)
        out.append(vehicle.vin);
    return out;
}

QString TopologyScene::primaryNode(const QString &vin) const
{
    for (const VehiclePlan &vehicle : m_vehicles) {
        if (vehicle.vin != vin)
            continue;
        for (const EcuPlan &ecu : vehicle.ecus) {
            if (ecu.primary)
                return vin + u'/' + ecu.serial;
        }
    }
    return {};
}

void TopologyScene::setCanvasFont(const QFont &font)
{
    setFont(font);
    layout();
    placeAttackers();
}

void TopologyScene::setCanvasPalette(const QPalette &palette)
{
    setPalette(palette);
    // Nodes cache their pixels: repaint them all in the new colours.
    for (QGraphicsItem *item : items())
        item->update();
}

void TopologyScene::setNodeState(const QString &id, const QStringList &lines)
{
    NodeItem *node = m_nodes.value(id);
    if (!node || node->stateLines() == lines)
        return;
    const QSizeF before = node->preferredSize();
    node->setStateLines(lines);
    // Only a node that changes size moves the others: lay out again then (a few dozen items).
    if (node->preferredSize() != before) {
        layout();
        placeAttackers();
    }
}

void TopologyScene::layout()
{
    if (m_order.isEmpty())
        return;  // not built yet
    const qreal unit = em(font());
    for (NodeItem *node : std::as_const(m_order)) {
        if (node->kind() != NodeItem::Kind::Vehicle)
            node->setSize(node->preferredSize());
    }
    // The supplier is the Image Repository's smaller companion, so it keeps its own width.
    qreal serversWidth = 0;
    qreal serversHeight = 0;
    for (const QString &id : QStringList{kSupplier, kImageRepo, kDirector, kTimeServer}) {
        serversWidth += m_nodes[id]->size().width();
        serversHeight = std::max(serversHeight, m_nodes[id]->size().height());
    }
    serversWidth += 3 * kServerGap * unit;

    // Vehicles: lay each out at the origin to learn its size, then place rows.
    struct Box
    {
        NodeItem *vehicle;
        QList<NodeItem *> ecus;
    };
    QList<Box> boxes;
    for (const VehiclePlan &plan : std::as_const(m_vehicles)) {
        Box box{m_nodes[plan.vin], {}};
        for (const EcuPlan &ecu : plan.ecus)
            box.ecus.append(m_nodes[plan.vin + u'/' + ecu.serial]);
        layoutVehicle(box.vehicle, box.ecus, 0, 0);
        boxes.append(box);
    }
    QList<qreal> rowWidths;
    for (qsizetype i = 0; i < boxes.size(); ++i) {
        if (i % kVehiclesPerRow == 0)
            rowWidths.append(-kVehicleGap * unit);
        rowWidths.last() += boxes[i].vehicle->size().width() + kVehicleGap * unit;
    }
    qreal width = serversWidth;
    for (qreal w : rowWidths)
        width = std::max(width, w);

    qreal x = (width - serversWidth) / 2;
    for (const QString &id : QStringList{kSupplier, kImageRepo, kDirector, kTimeServer}) {
        NodeItem *node = m_nodes[id];
        node->setPos(x, (serversHeight - node->size().height()) / 2);
        x += node->size().width() + kServerGap * unit;
    }
    qreal y = serversHeight + kRowGap * unit;
    // The banner across the canvas sits in the gap between the servers and the vehicles, over
    // the links rather than over the ECUs whose own banners say the same.
    const qreal bannerCentreY = serversHeight + kRowGap * unit / 2;
    for (qsizetype row = 0; row < rowWidths.size(); ++row) {
        x = (width - rowWidths[row]) / 2;
        qreal rowHeight = 0;
        for (qsizetype i = row * kVehiclesPerRow; i < std::min<qsizetype>(boxes.size(), (row + 1) * kVehiclesPerRow); ++i) {
            layoutVehicle(boxes[i].vehicle, boxes[i].ecus, x, y);
            x += boxes[i].vehicle->size().width() + kVehicleGap * unit;
            rowHeight = std::max(rowHeight, boxes[i].vehicle->size().height());
        }
        y += rowHeight + kVehicleGap * unit;
    }
    routeLinks();

    QRectF bounds;
    for (NodeItem *node : std::as_const(m_order))
        bounds = bounds.united(node->mapRectToScene(node->cellRect()));
    bounds.adjust(-unit, -unit, unit, unit);
    setSceneRect(bounds);
    m_canvasBanner->setWidth(bounds.width() * 0.8);
    m_canvasBanner->setPos(bounds.center().x() - bounds.width() * 0.4,
                           bannerCentreY - m_canvasBanner->heightForFont() / 2);
}

void TopologyScene::layoutVehicle(NodeItem *vehicle, const QList<NodeItem *> &ecus, qreal x, qreal y)
{
    const qreal unit = em(font());
    const qreal pad = kVehiclePad * unit;
    const qreal header = vehicle->preferredSize().height();
    NodeItem *primary = ecus.isEmpty() ? nullptr : ecus.first();
    const QList<NodeItem *> secondaries = ecus.mid(1);
    qreal secondariesWidth = 0;
    qreal secondariesHeight = 0;
    for (NodeItem *ecu : secondaries) {
        secondariesWidth += ecu->cellRect().width() + (secondariesWidth > 0 ? kVehicleGap * unit : 0);
        secondariesHeight = std::max(secondariesHeight, ecu->cellRect().height());
    }
    const qreal primaryWidth = primary ? primary->cellRect().width() : 0;
    const qreal primaryHeight = primary ? primary->cellRect().height() : 0;
    const qreal inner = std::max({primaryWidth, secondariesWidth, vehicle->preferredSize().width()});
    qreal height = header + pad + primaryHeight;
    if (primary)
        primary->setPos(x + pad + (inner - primaryWidth) / 2, y + header);
    if (!secondaries.isEmpty()) {
        qreal sx = x + pad + (inner - secondariesWidth) / 2;
        const qreal sy = y + header + primaryHeight + kBusDrop * unit;
        for (NodeItem *ecu : secondaries) {
            ecu->setPos(sx, sy);
            sx += ecu->cellRect().width() + kVehicleGap * unit;
        }
        height = header + primaryHeight + kBusDrop * unit + secondariesHeight + pad;
    }
    vehicle->setPos(x, y);
    vehicle->setSize({inner + 2 * pad, height});
}

void TopologyScene::routeLinks()
{
    const qreal unit = em(font());
    for (LinkItem *link : std::as_const(m_links)) {
        const NodeItem *a = m_nodes.value(link->endA());
        const NodeItem *b = m_nodes.value(link->endB());
        if (!a || !b)
            continue;
        const QRectF ra = a->mapRectToScene(QRectF(QPointF(), a->size()));
        const QRectF rb = b->mapRectToScene(QRectF(QPointF(), b->size()));
        QPainterPath path;
        switch (link->kind()) {
        case LinkItem::Kind::Delegation:
            path.moveTo(ra.left(), ra.center().y());
            path.lineTo(rb.right(), rb.center().y());
            break;
        case LinkItem::Kind::Server: {
            // Each server meets the vehicle's roof at its own point, in server order.
            const qreal slot = (kServers.indexOf(link->endA()) + 1) / 4.0;
            path.moveTo(ra.center().x(), ra.bottom());
            path.lineTo(rb.left() + rb.width() * slot, rb.top());
            break;
        }
        case LinkItem::Kind::Bus: {
            // From the Primary's box down behind its banner (which covers it while shown), so
            // the bus never hangs loose under an empty banner slot.
            const QRectF cell = a->mapRectToScene(a->cellRect());
            const QPointF start(ra.center().x(), ra.bottom());
            const qreal busY = cell.bottom() + kBusDrop * unit / 2;
            path.moveTo(start);
            path.lineTo(start.x(), busY);
            path.lineTo(rb.center().x(), busY);
            path.lineTo(rb.center().x(), rb.top());
            break;
        }
        }
        link->setPath(path);
    }
}

void TopologyScene::showBanner(const QString &nodeId, Vehicle::Verdict verdict, const QString &reason)
{
    if (BannerItem *item = banner(nodeId))
        item->show(verdict, reason);
}

void TopologyScene::showCanvasBanner(Vehicle::Verdict verdict, const QString &reason)
{
    m_canvasBanner->show(verdict, reason);
}

BannerItem *TopologyScene::banner(const QString &nodeId) const
{
    const NodeItem *node = m_nodes.value(nodeId);
    return node ? node->banner() : nullptr;
}

} // namespace Uptane::Widgets::Canvas
