#include "widgets/canvas/messageitem.h"

#include "widgets/canvas/canvasstyle.h"

#include <QFontMetricsF>
#include <QGraphicsScene>
#include <QCursor>
#include <QGraphicsSceneMouseEvent>
#include <QPainter>
#include <QVariantAnimation>

namespace Uptane::Widgets::Canvas {

MessageItem::MessageItem(const QString &linkId, bool forward, const QPainterPath &path, const LabEvent &event,
                         QGraphicsItem *parent)
    : QGraphicsObject(parent), m_linkId(linkId), m_forward(forward), m_path(path), m_event(event),
      m_animation(new QVariantAnimation(this))
{
    setZValue(10);
    setCursor(Qt::PointingHandCursor);
    setToolTip(event.summary);
    m_animation->setDuration(kDurationMs);
    m_animation->setStartValue(0.0);
    m_animation->setEndValue(1.0);
    m_animation->setEasingCurve(QEasingCurve::InOutQuad);
    connect(m_animation, &QVariantAnimation::valueChanged, this, [this](const QVariant &value) { moveTo(value.toReal()); });
    connect(m_animation, &QVariantAnimation::finished, this, [this] { Q_EMIT finished(this); });
    moveTo(0);
}

void MessageItem::start()
{
    m_animation->start();
}

void MessageItem::merge(const LabEvent &event)
{
    ++m_count;
    // The dot stands for the most telling event: the first failure, else the latest.
    if (!m_event.error)
        m_event = event;
    setToolTip(m_count > 1 ? tr("%1 (and %n more)", "", m_count - 1).arg(m_event.summary) : m_event.summary);
    update();
}

void MessageItem::moveTo(qreal t)
{
    m_progress = t;
    setPos(m_path.pointAtPercent(m_forward ? t : 1.0 - t));
}

qreal MessageItem::radius() const
{
    return 0.45 * em(scene() ? scene()->font() : QFont());
}

QRectF MessageItem::boundingRect() const
{
    const qreal r = radius();
    // The dot, and the count to its right.
    return QRectF(-r * 1.2, -r * 1.2, r * 6, r * 2.4);
}

void MessageItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    const qreal r = radius();
    painter->setRenderHint(QPainter::Antialiasing);
    const QColor colour = messageColor(m_event);
    painter->setPen(QPen(colour.darker(160), r * 0.25));
    painter->setBrush(colour);
    painter->drawEllipse(QPointF(0, 0), r, r);
    if (m_count > 1) {
        QFont font = scene() ? scene()->font() : QFont();
        font.setBold(true);
        painter->setFont(font);
        painter->setPen(colour.darker(120));
        const QString text = QStringLiteral("\u00d7%1").arg(m_count);
        painter->drawText(QRectF(r * 1.3, -r * 1.2, r * 4.6, r * 2.4), Qt::AlignLeft | Qt::AlignVCenter, text);
    }
}

void MessageItem::mousePressEvent(QGraphicsSceneMouseEvent *event)
{
    // Accepted, so the scene keeps the node selection as it is.
    event->accept();
    Q_EMIT clicked(m_event);
}

} // namespace Uptane::Widgets::Canvas
