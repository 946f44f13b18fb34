#include "widgets/canvas/attackeritem.h"

#include "widgets/canvas/canvasstyle.h"

#include <QGraphicsScene>
#include <QPainter>

namespace Uptane::Widgets::Canvas {

AttackerItem::AttackerItem(const QString &site, QGraphicsItem *parent) : QGraphicsObject(parent), m_site(site)
{
    // Above everything, the banner across the canvas too: the attacker stays in sight.
    setZValue(200);
    setAcceptedMouseButtons(Qt::NoButton);
}

void AttackerItem::setDescriptions(const QStringList &descriptions)
{
    m_descriptions = descriptions;
    setToolTip(descriptions.isEmpty() ? tr("Attacker") : tr("Attacker: %1").arg(descriptions.join(u'\n')));
}

qreal AttackerItem::side() const
{
    return 2.6 * em(scene() ? scene()->font() : QFont());
}

QRectF AttackerItem::boundingRect() const
{
    // Centred on its position, so the layout places it by its centre.
    const qreal s = side();
    return QRectF(-s / 2, -s / 2, s, s);
}

void AttackerItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    const QRectF box = boundingRect();
    painter->setRenderHint(QPainter::Antialiasing);
    // A red halo so the figure stands out on links and boxes, light or dark.
    QColor halo = attackColor();
    halo.setAlphaF(0.28);
    painter->setPen(QPen(attackColor(), box.width() * 0.04));
    painter->setBrush(halo);
    painter->drawEllipse(box.adjusted(box.width() * 0.03, box.width() * 0.03, -box.width() * 0.03, -box.width() * 0.03));
    const qreal inset = box.width() * 0.12;
    paintIcon(painter, kIconAttacker, box.adjusted(inset, inset, -inset, -inset));
}

} // namespace Uptane::Widgets::Canvas
