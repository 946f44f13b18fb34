#include "widgets/canvas/banneritem.h"

#include "widgets/canvas/canvasstyle.h"

#include <QFontMetricsF>
#include <QGraphicsScene>
#include <QPainter>
#include <QVariantAnimation>

namespace Uptane::Widgets::Canvas {

namespace {

QFont baseFont(const QGraphicsItem *item)
{
    return item->scene() ? item->scene()->font() : QFont();
}

} // namespace

BannerItem::BannerItem(Mode mode, QGraphicsItem *parent) : QGraphicsObject(parent), m_mode(mode)
{
    setAcceptedMouseButtons(Qt::NoButton);
    if (m_mode == Mode::Canvas) {
        setZValue(100);
        setVisible(false);
        // Hold, then fade: one animation whose first part keeps the opacity at 1.
        m_fade = new QVariantAnimation(this);
        m_fade->setDuration(kHoldMs + kFadeMs);
        m_fade->setStartValue(1.0);
        m_fade->setKeyValueAt(qreal(kHoldMs) / (kHoldMs + kFadeMs), 1.0);
        m_fade->setEndValue(0.0);
        connect(m_fade, &QVariantAnimation::valueChanged, this,
                [this](const QVariant &value) { setOpacity(value.toReal()); });
        connect(m_fade, &QVariantAnimation::finished, this, [this] { clear(); });
    }
}

void BannerItem::show(Vehicle::Verdict verdict, const QString &reason)
{
    m_shown = true;
    m_verdict = verdict;
    m_reason = reason;
    setToolTip(tr("%1: %2").arg(Vehicle::verdictName(verdict), reason));
    setVisible(true);
    setOpacity(1.0);
    if (m_fade) {
        m_fade->stop();
        m_fade->start();
    }
    update();
}

void BannerItem::clear()
{
    m_shown = false;
    m_reason.clear();
    setToolTip({});
    if (m_mode == Mode::Canvas)
        setVisible(false);
    update();
}

QString BannerItem::text() const
{
    return m_shown ? Vehicle::verdictName(m_verdict) : QString();
}

void BannerItem::setWidth(qreal width)
{
    prepareGeometryChange();
    m_width = width;
}

QFont BannerItem::verdictFont() const
{
    QFont font = baseFont(this);
    font.setBold(true);
    return scaledFont(font, m_mode == Mode::Canvas ? 2.6 : 1.45);
}

QFont BannerItem::reasonFont() const
{
    QFont font = baseFont(this);
    return m_mode == Mode::Canvas ? scaledFont(font, 1.3) : font;
}

qreal BannerItem::heightForFont() const
{
    const qreal pad = 0.35 * em(baseFont(this));
    return QFontMetricsF(verdictFont()).height() + QFontMetricsF(reasonFont()).height() + 2 * pad;
}

QRectF BannerItem::boundingRect() const
{
    return QRectF(0, 0, m_width, heightForFont());
}

void BannerItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    if (!m_shown)
        return;
    const QRectF box = boundingRect();
    const qreal unit = em(baseFont(this));
    const qreal pad = 0.35 * unit;
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(QPen(verdictColor(m_verdict).darker(140), unit * 0.08));
    painter->setBrush(verdictColor(m_verdict));
    painter->drawRoundedRect(box, unit * 0.4, unit * 0.4);

    // White on the verdict colour: readable whatever the window's palette.
    painter->setPen(Qt::white);
    const QFontMetricsF verdictMetrics(verdictFont());
    const QFontMetricsF reasonMetrics(reasonFont());
    const QRectF verdictRect(pad, pad, box.width() - 2 * pad, verdictMetrics.height());
    painter->setFont(verdictFont());
    painter->drawText(verdictRect, Qt::AlignCenter,
                      verdictMetrics.elidedText(Vehicle::verdictName(m_verdict), Qt::ElideRight, verdictRect.width()));
    const QRectF reasonRect(pad, verdictRect.bottom(), box.width() - 2 * pad, reasonMetrics.height());
    painter->setFont(reasonFont());
    painter->drawText(reasonRect, Qt::AlignCenter,
                      reasonMetrics.elidedText(m_reason, Qt::ElideRight, reasonRect.width()));
}

} // namespace Uptane::Widgets::Canvas
