#include "widgets/canvas/linkitem.h"

#include "widgets/canvas/canvasstyle.h"

#include <QGraphicsScene>
#include <QPainter>
#include <QPainterPathStroker>
#include <QPalette>

namespace Uptane::Widgets::Canvas {

LinkItem::LinkItem(const QString &id, Kind kind, const QString &endA, const QString &endB, QGraphicsItem *parent)
    : QGraphicsObject(parent), m_id(id), m_kind(kind), m_endA(endA), m_endB(endB)
{
    setZValue(1);
    setAcceptedMouseButtons(Qt::NoButton);
}

QString LinkItem::serverLinkId(const QString &server, const QString &vin)
{
    return server + u'~' + vin;
}

QString LinkItem::busLinkId(const QString &primaryNode, const QString &secondaryNode)
{
    return primaryNode + u'~' + secondaryNode;
}

void LinkItem::setPath(const QPainterPath &path)
{
    prepareGeometryChange();
    m_path = path;
}

void LinkItem::setUnderAttack(bool on)
{
    if (on == m_underAttack)
        return;
    m_underAttack = on;
    update();
}

qreal LinkItem::penWidth() const
{
    const qreal unit = em(scene() ? scene()->font() : QFont());
    return unit * (m_kind == Kind::Bus ? 0.16 : 0.12);
}

QRectF LinkItem::boundingRect() const
{
    const qreal margin = penWidth();
    return m_path.boundingRect().adjusted(-margin, -margin, margin, margin);
}

QPainterPath LinkItem::shape() const
{
    QPainterPathStroker stroker;
    stroker.setWidth(penWidth() * 2);
    return stroker.createStroke(m_path);
}

void LinkItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    painter->setRenderHint(QPainter::Antialiasing);
    QColor colour = scene() ? scene()->palette().color(QPalette::Text) : QColor(Qt::black);
    colour.setAlphaF(m_kind == Kind::Bus ? 0.55 : 0.4);
    QPen pen(colour, penWidth(), m_kind == Kind::Delegation ? Qt::DotLine : Qt::SolidLine);
    if (m_underAttack)
        pen = QPen(attackColor(), penWidth() * 1.6, Qt::DashLine);
    pen.setCapStyle(Qt::RoundCap);
    pen.setJoinStyle(Qt::RoundJoin);
    painter->setPen(pen);
    painter->setBrush(Qt::NoBrush);
    painter->drawPath(m_path);
}

} // namespace Uptane::Widgets::Canvas
