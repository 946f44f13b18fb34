#include "widgets/canvas/nodeitem.h"

#include "widgets/canvas/banneritem.h"
#include "widgets/canvas/canvasstyle.h"

#include <QFontMetricsF>
#include <QGraphicsScene>
#include <QPainter>
#include <QPalette>
#include <QStyleOptionGraphicsItem>

namespace Uptane::Widgets::Canvas {

namespace {

// Padding and icon size in ems.
constexpr qreal kPad = 0.5;
constexpr qreal kIcon = 2.2;
constexpr qreal kBadgePad = 0.35;

QFont sceneFont(const QGraphicsItem *item)
{
    return item->scene() ? item->scene()->font() : QFont();
}

QPalette scenePalette(const QGraphicsItem *item)
{
    return item->scene() ? item->scene()->palette() : QPalette();
}

} // namespace

NodeItem::NodeItem(const QString &id, Kind kind, QGraphicsItem *parent)
    : QGraphicsObject(parent), m_id(id), m_kind(kind)
{
    setFlags(ItemIsFocusable | ItemIsSelectable);
    // Vehicles sit under their ECUs and links; ECUs and servers above links.
    setZValue(kind == Kind::Vehicle ? 0 : 2);
    if (isEcu())
        m_banner = new BannerItem(BannerItem::Mode::OnNode, this);
    setCacheMode(DeviceCoordinateCache);
}

void NodeItem::setTitle(const QString &title)
{
    prepareGeometryChange();
    m_title = title;
    update();
}

void NodeItem::setIcon(QLatin1StringView resource)
{
    m_icon = resource;
    update();
}

void NodeItem::setBadge(Badge badge)
{
    m_badge = badge;
    update();
}

QString NodeItem::badgeText() const
{
    switch (m_badge) {
    case Badge::None:
        break;
    case Badge::Full:
        return tr("FULL");
    case Badge::Partial:
        return tr("PARTIAL");
    }
    return {};
}

void NodeItem::setStateLines(const QStringList &lines)
{
    if (lines == m_lines)
        return;
    m_lines = lines;
    setToolTip(accessibleName());
    update();
}

QString NodeItem::accessibleName() const
{
    QString kind;
    switch (m_kind) {
    case Kind::Server:
        kind = tr("Server %1").arg(m_title);
        break;
    case Kind::Supplier:
        kind = tr("Delegation %1").arg(m_title);
        break;
    case Kind::Vehicle:
        kind = tr("Vehicle %1").arg(m_title);
        break;
    case Kind::Primary:
        kind = tr("Primary ECU %1").arg(m_title);
        break;
    case Kind::Secondary:
        if (m_badge == Badge::Partial)
            kind = tr("Secondary ECU %1, partial verification").arg(m_title);
        else if (m_badge == Badge::Full)
            kind = tr("Secondary ECU %1, full verification").arg(m_title);
        else
            kind = tr("Secondary ECU %1").arg(m_title);
        break;
    }
    if (m_lines.isEmpty())
        return kind;
    return tr("%1: %2").arg(kind, m_lines.join(QStringLiteral("; ")));
}

QFont NodeItem::titleFont() const
{
    QFont font = sceneFont(this);
    font.setBold(true);
    return font;
}

QFont NodeItem::textFont() const
{
    return sceneFont(this);
}

QFont NodeItem::badgeFont() const
{
    QFont font = sceneFont(this);
    font.setBold(true);
    return scaledFont(font, 0.8);
}

QSizeF NodeItem::preferredSize() const
{
    const qreal unit = em(textFont());
    const QFontMetricsF titleMetrics(titleFont());
    const QFontMetricsF textMetrics(textFont());
    qreal headerWidth = kIcon * unit + kPad * unit + titleMetrics.horizontalAdvance(m_title);
    if (m_badge != Badge::None)
        headerWidth += kPad * unit + QFontMetricsF(badgeFont()).horizontalAdvance(badgeText()) + 2 * kBadgePad * unit;
    qreal width = headerWidth;
    for (const QString &line : m_lines)
        width = std::max(width, textMetrics.horizontalAdvance(line));
    // A minimum width keeps the row of servers and the ECUs of a vehicle even.
    width = std::max(width + 2 * kPad * unit, 13 * unit);
    const qreal height = 2 * kPad * unit + kIcon * unit + m_lines.size() * textMetrics.lineSpacing()
        + (m_lines.isEmpty() ? 0 : kPad * unit / 2);
    return {width, height};
}

void NodeItem::setSize(const QSizeF &size)
{
    prepareGeometryChange();
    m_size = size;
    if (m_banner) {
        m_banner->setWidth(size.width());
        m_banner->setPos(0, size.height() + 0.4 * em(textFont()));
    }
    update();
}

QRectF NodeItem::cellRect() const
{
    QRectF cell(QPointF(0, 0), m_size);
    if (m_banner)
        cell = cell.united(m_banner->mapRectToParent(m_banner->boundingRect()));
    return cell;
}

QRectF NodeItem::boundingRect() const
{
    // Room for the selection and focus rings outside the box.
    const qreal ring = 0.3 * em(textFont());
    return QRectF(QPointF(0, 0), m_size).adjusted(-ring, -ring, ring, ring);
}

void NodeItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    const QPalette palette = scenePalette(this);
    const qreal unit = em(textFont());
    const QRectF box(QPointF(0, 0), m_size);
    painter->setRenderHint(QPainter::Antialiasing);

    QColor border = palette.color(QPalette::Text);
    border.setAlphaF(m_kind == Kind::Vehicle ? 0.35 : 0.55);
    QPen pen(border, m_kind == Kind::Vehicle ? unit * 0.08 : unit * 0.1);
    if (isSelected())
        pen = QPen(palette.color(QPalette::Highlight), unit * 0.22);
    painter->setPen(pen);
    painter->setBrush(palette.color(m_kind == Kind::Vehicle ? QPalette::AlternateBase : QPalette::Base));
    const qreal radius = unit * 0.5;
    painter->drawRoundedRect(box, radius, radius);
    if (hasFocus()) {
        // A dashed ring just outside the box: keyboard focus, distinct from selection.
        QPen focusPen(palette.color(QPalette::Highlight), unit * 0.1, Qt::DashLine);
        painter->setPen(focusPen);
        painter->setBrush(Qt::NoBrush);
        const qreal out = unit * 0.2;
        painter->drawRoundedRect(box.adjusted(-out, -out, out, out), radius + out, radius + out);
    }

    const qreal pad = kPad * unit;
    const qreal icon = (m_kind == Kind::Vehicle ? 1.6 : kIcon) * unit;
    const QRectF iconRect(pad, pad, icon, icon);
    if (!m_icon.isEmpty())
        paintIcon(painter, m_icon, iconRect);

    painter->setPen(palette.color(QPalette::Text));
    painter->setFont(titleFont());
    const QFontMetricsF titleMetrics(titleFont());
    const QRectF titleRect(iconRect.right() + pad, pad, box.width() - icon - 3 * pad, icon);
    painter->drawText(titleRect, Qt::AlignLeft | Qt::AlignVCenter,
                      titleMetrics.elidedText(m_title, Qt::ElideRight, titleRect.width()));
    if (m_badge != Badge::None)
        paintBadge(painter, box);

    painter->setFont(textFont());
    painter->setPen(palette.color(QPalette::Text));
    const QFontMetricsF textMetrics(textFont());
    qreal y = iconRect.bottom() + pad / 2;
    for (const QString &line : m_lines) {
        const QRectF lineRect(pad, y, box.width() - 2 * pad, textMetrics.lineSpacing());
        painter->drawText(lineRect, Qt::AlignLeft | Qt::AlignVCenter,
                          textMetrics.elidedText(line, Qt::ElideRight, lineRect.width()));
        y += textMetrics.lineSpacing();
    }
}

void NodeItem::paintBadge(QPainter *painter, const QRectF &box) const
{
    const qreal unit = em(textFont());
    const QFontMetricsF metrics(badgeFont());
    const QString text = badgeText();
    const qreal width = metrics.horizontalAdvance(text) + 2 * kBadgePad * unit;
    const qreal height = metrics.height() + kBadgePad * unit;
    const QRectF pill(box.right() - kPad * unit - width, kPad * unit + (kIcon * unit - height) / 2, width, height);
    // Full verification green, partial amber: both under white text on either palette.
    const bool partial = m_badge == Badge::Partial;
    painter->setPen(Qt::NoPen);
    painter->setBrush(partial ? QColor(0xa8, 0x62, 0x00) : QColor(0x2e, 0x7d, 0x5b));
    painter->drawRoundedRect(pill, height / 2, height / 2);
    painter->setPen(Qt::white);
    painter->setFont(badgeFont());
    painter->drawText(pill, Qt::AlignCenter, text);
}

QVariant NodeItem::itemChange(GraphicsItemChange change, const QVariant &value)
{
    if (change == ItemSelectedHasChanged)
        update();
    return QGraphicsObject::itemChange(change, value);
}

void NodeItem::focusInEvent(QFocusEvent *event)
{
    QGraphicsObject::focusInEvent(event);
    update();
    Q_EMIT focused(m_id);
}

void NodeItem::focusOutEvent(QFocusEvent *event)
{
    QGraphicsObject::focusOutEvent(event);
    update();
}

} // namespace Uptane::Widgets::Canvas
