#pragma once

// Shared look of the topology canvas: sizes derived from the font (so presentation mode and a
// larger application font scale everything), outcome colours chosen to read on light and dark
// palettes alike (always used as a fill under white text, or as a thick stroke), and the SVG
// icons painted as vectors so they stay sharp at any zoom.

#include "common/labevent.h"
#include "vehicle/verdict.h"

#include <QColor>
#include <QFont>
#include <QRectF>
#include <QString>

class QPainter;

namespace Uptane::Widgets::Canvas {

// The canvas unit: one line of text in font. Every size on the canvas is a multiple of it.
qreal em(const QFont &font);
// font enlarged by factor, whether it was set in points or in pixels.
QFont scaledFont(QFont font, qreal factor);

// Banner and badge fills (white text on top).
QColor verdictColor(Vehicle::Verdict verdict);
// A message dot: red when the event carries an error, blue for a request going out, green
// for an answer or anything else that went well.
QColor messageColor(const LabEvent &event);
// The attacker's colour (a link under attack is drawn with it).
QColor attackColor();

// Paints the SVG resource (":/icons/canvas/x.svg") into rect, keeping its aspect ratio.
// Renderers are cached per resource; an unknown resource paints nothing.
void paintIcon(QPainter *painter, QLatin1StringView resource, const QRectF &rect);

// Icon resources.
inline constexpr QLatin1StringView kIconAttacker{":/icons/canvas/attacker.svg"};
inline constexpr QLatin1StringView kIconDirector{":/icons/canvas/director.svg"};
inline constexpr QLatin1StringView kIconEcu{":/icons/canvas/ecu.svg"};
inline constexpr QLatin1StringView kIconImageRepo{":/icons/canvas/imagerepo.svg"};
inline constexpr QLatin1StringView kIconSupplier{":/icons/canvas/supplier.svg"};
inline constexpr QLatin1StringView kIconTimeServer{":/icons/canvas/timeserver.svg"};
inline constexpr QLatin1StringView kIconVehicle{":/icons/canvas/vehicle.svg"};

} // namespace Uptane::Widgets::Canvas
