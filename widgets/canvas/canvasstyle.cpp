#include "widgets/canvas/canvasstyle.h"

#include <QFontMetricsF>
#include <QHash>
#include <QPainter>
#include <QSvgRenderer>

#include <memory>

namespace Uptane::Widgets::Canvas {

qreal em(const QFont &font)
{
    return QFontMetricsF(font).height();
}

QFont scaledFont(QFont font, qreal factor)
{
    if (font.pointSizeF() > 0)
        font.setPointSizeF(font.pointSizeF() * factor);
    else if (font.pixelSize() > 0)
        font.setPixelSize(qRound(font.pixelSize() * factor));
    return font;
}

QColor verdictColor(Vehicle::Verdict verdict)
{
    // Mid-tone fills: dark enough for white text, light enough to stand out on a dark window.
    switch (verdict) {
    case Vehicle::Verdict::Updated:
        return QColor(0x2e, 0x8b, 0x4a);
    case Vehicle::Verdict::UpToDate:
        return QColor(0x2f, 0x6f, 0xb8);
    case Vehicle::Verdict::NoUpdate:
        return QColor(0x6b, 0x74, 0x7e);
    case Vehicle::Verdict::Defended:
        return QColor(0x1f, 0x7f, 0x86);
    case Vehicle::Verdict::Replay:
        return QColor(0xc0, 0x6a, 0x12);
    case Vehicle::Verdict::Frozen:
        return QColor(0x5a, 0x5f, 0xc8);
    case Vehicle::Verdict::Compromised:
        return QColor(0xc6, 0x28, 0x28);
    }
    return QColor(0x6b, 0x74, 0x7e);
}

QColor messageColor(const LabEvent &event)
{
    if (event.error)
        return QColor(0xe5, 0x39, 0x35);
    if (event.kind == LabEvent::Kind::HttpRequest)
        return QColor(0x1e, 0x88, 0xe5);
    return QColor(0x2e, 0xa0, 0x4f);
}

QColor attackColor()
{
    return QColor(0xd3, 0x2f, 0x2f);
}

void paintIcon(QPainter *painter, QLatin1StringView resource, const QRectF &rect)
{
    // One renderer per icon for the whole process: parsing SVG per paint would cost frames.
    static QHash<QString, std::shared_ptr<QSvgRenderer>> cache;
    const QString name(resource);
    auto it = cache.find(name);
    if (it == cache.end())
        it = cache.insert(name, std::make_shared<QSvgRenderer>(name));
    QSvgRenderer &renderer = **it;
    if (!renderer.isValid())
        return;
    QSizeF size = renderer.defaultSize();
    size.scale(rect.size(), Qt::KeepAspectRatio);
    const QRectF target(rect.center() - QPointF(size.width() / 2, size.height() / 2), size);
    renderer.render(painter, target);
}

} // namespace Uptane::Widgets::Canvas
