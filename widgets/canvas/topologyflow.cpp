// TopologyScene, part two: what moves on the canvas — messages along the links and the
// attackers where they sit. (Part one, topologyscene.cpp: nodes, links, layout, banners.)

#include "widgets/canvas/topologyscene.h"

#include "widgets/canvas/attackeritem.h"
#include "widgets/canvas/linkitem.h"
#include "widgets/canvas/messageitem.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace Uptane::Widgets::Canvas {

namespace {

bool isServer(const QString &node)
{
    return node == u"imagerepo"_s || node == u"director"_s || node == u"timeserver"_s;
}

// A dot younger than this (fraction of its run) takes in the events that follow it.
constexpr qreal kMergeWindow = 0.5;

} // namespace

QStringList TopologyScene::vinsOf(const QString &endpoint, const LabEvent &event, const QStringList &hintVins) const
{
    const QStringList known = vins();
    if (endpoint.contains(u'/')) {
        const QString vin = endpoint.section(u'/', 0, 0);
        return known.contains(vin) ? QStringList{vin} : QStringList{};
    }
    if (known.contains(endpoint))
        return {endpoint};
    // The HTTP host names its client "client": the Director's paths carry the VIN.
    static const QRegularExpression directorPath(u"/director/([^/\\s]+)/"_s);
    const QRegularExpressionMatch match = directorPath.match(event.summary);
    if (match.hasMatch() && known.contains(match.captured(1)))
        return {match.captured(1)};
    QStringList hinted;
    for (const QString &vin : hintVins) {
        if (known.contains(vin))
            hinted.append(vin);
    }
    if (hinted.isEmpty() && known.size() == 1)
        return known;
    return hinted;
}

bool TopologyScene::animate(const LabEvent &event, const QStringList &hintVins)
{
    switch (event.kind) {
    case LabEvent::Kind::HttpRequest:
    case LabEvent::Kind::HttpResponse:
    case LabEvent::Kind::BusMessage:
    case LabEvent::Kind::AttestationIssued:
    case LabEvent::Kind::ManifestAccepted:
    case LabEvent::Kind::ManifestRejected:
        break;
    default:
        return false;  // happens inside one node: the log shows it
    }
    const bool fromServer = isServer(event.from);
    if (fromServer || isServer(event.to)) {
        const QString server = fromServer ? event.from : event.to;
        bool any = false;
        for (const QString &vin : vinsOf(fromServer ? event.to : event.from, event, hintVins)) {
            if (LinkItem *link = m_links.value(LinkItem::serverLinkId(server, vin))) {
                launch(link, fromServer, event);
                any = true;
            }
        }
        return any;
    }
    if (LinkItem *down = m_links.value(LinkItem::busLinkId(event.from, event.to))) {
        launch(down, true, event);
        return true;
    }
    if (LinkItem *up = m_links.value(LinkItem::busLinkId(event.to, event.from))) {
        launch(up, false, event);
        return true;
    }
    return false;
}

void TopologyScene::launch(LinkItem *link, bool forward, const LabEvent &event)
{
    // Coalesce: a burst on one link and direction rides one dot; past the cap, any dot on the
    // link and direction takes it; failing that, the event is only logged, not drawn.
    MessageItem *sameWay = nullptr;
    for (MessageItem *message : std::as_const(m_messages)) {
        if (message->linkId() == link->id() && message->isForward() == forward) {
            if (!sameWay || message->progress() < sameWay->progress())
                sameWay = message;
        }
    }
    if (sameWay && (sameWay->progress() < kMergeWindow || m_messages.size() >= kMaxInFlight)) {
        sameWay->merge(event);
        ++m_merged;
        return;
    }
    if (m_messages.size() >= kMaxInFlight) {
        ++m_merged;
        return;
    }
    auto *message = new MessageItem(link->id(), forward, link->path(), event);
    addItem(message);
    m_messages.append(message);
    connect(message, &MessageItem::clicked, this, &TopologyScene::messageClicked);
    connect(message, &MessageItem::finished, this, [this](MessageItem *done) {
        m_messages.removeOne(done);
        removeItem(done);
        done->deleteLater();
    });
    message->start();
}

void TopologyScene::clearMessages()
{
    for (MessageItem *message : std::as_const(m_messages)) {
        removeItem(message);
        message->deleteLater();
    }
    m_messages.clear();
}

void TopologyScene::setAttackers(const QMap<QString, QStringList> &sites)
{
    if (sites == m_attackerSites)
        return;
    m_attackerSites = sites;
    placeAttackers();
}

QStringList TopologyScene::attackerSites() const
{
    return m_attackers.keys();
}

void TopologyScene::placeAttackers()
{
    for (LinkItem *link : std::as_const(m_links))
        link->setUnderAttack(m_attackerSites.contains(link->id()));
    // Drop attackers whose site went away or is no longer attacked.
    for (auto it = m_attackers.begin(); it != m_attackers.end();) {
        if (!m_attackerSites.contains(it.key()) || (!m_links.contains(it.key()) && !m_nodes.contains(it.key()))) {
            delete it.value();
            it = m_attackers.erase(it);
        } else {
            ++it;
        }
    }
    for (auto it = m_attackerSites.cbegin(); it != m_attackerSites.cend(); ++it) {
        const LinkItem *link = m_links.value(it.key());
        const NodeItem *node = m_nodes.value(it.key());
        if (!link && !node)
            continue;
        AttackerItem *&attacker = m_attackers[it.key()];
        if (!attacker) {
            attacker = new AttackerItem(it.key());
            addItem(attacker);
        }
        attacker->setDescriptions(it.value());
        if (link) {
            // Man in the middle: half-way along the link.
            attacker->setPos(link->path().pointAtPercent(0.5));
        } else {
            const QRectF box = node->mapRectToScene(QRectF(QPointF(), node->size()));
            const qreal side = attacker->side();
            // A server holding stolen keys: on its corner. A compromised Primary: inside it.
            attacker->setPos(node->isEcu() ? QPointF(box.right() - side * 0.6, box.center().y())
                                           : QPointF(box.right() - side * 0.25, box.top() + side * 0.25));
        }
    }
}

} // namespace Uptane::Widgets::Canvas
