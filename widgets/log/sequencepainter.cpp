#include "widgets/log/sequencepainter.h"

#include "widgets/log/logstyle.h"

#include <QCoreApplication>
#include <QFontMetrics>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Uptane::Widgets {

namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(Uptane::Widgets::SequencePainter)
};

QColor mix(const QColor &a, const QColor &b, qreal t)
{
    return QColor::fromRgbF(a.redF() + (b.redF() - a.redF()) * t, a.greenF() + (b.greenF() - a.greenF()) * t,
                            a.blueF() + (b.blueF() - a.blueF()) * t);
}

} // namespace

SequencePainter::SequencePainter(const SequenceLayout &layout, const QFont &font, const QPalette &palette)
    : m_layout(layout)
    , m_font(font)
    , m_bold(font)
    , m_small(font)
    , m_palette(palette)
{
    m_bold.setBold(true);
    if (m_small.pointSizeF() > 0)
        m_small.setPointSizeF(m_small.pointSizeF() * 0.85);
    else
        m_small.setPixelSize(std::max(1, m_small.pixelSize() * 85 / 100));
    const QFontMetrics metrics(m_font);
    m_line = metrics.height();
    m_margin = m_line;
    // Wide enough for a 28-character label between neighbours, and for every header.
    m_laneWidth = metrics.averageCharWidth() * 28;
    const QFontMetrics boldMetrics(m_bold);
    const QFontMetrics smallMetrics(m_small);
    for (const SequenceLane &lane : layout.lanes()) {
        m_laneWidth = std::max({m_laneWidth, boldMetrics.horizontalAdvance(lane.title) + 2 * m_line,
                                smallMetrics.horizontalAdvance(lane.subtitle) + 2 * m_line});
    }
    m_headerHeight = m_line * 3 + smallMetrics.height();
    m_rowHeight = m_line * 2;
}

QSize SequencePainter::size() const
{
    // One lane's width more on the right: room for the labels of marks on the last lane.
    const int lanes = std::max<int>(1, int(m_layout.lanes().size()));
    return {2 * m_margin + (lanes + 1) * m_laneWidth, rowTop(int(m_layout.rows().size())) + m_margin};
}

int SequencePainter::laneCentre(int column) const
{
    return m_margin + column * m_laneWidth + m_laneWidth / 2;
}

int SequencePainter::rowAt(const QPoint &point) const
{
    if (point.y() < m_headerHeight)
        return -1;
    const int index = (point.y() - m_headerHeight) / m_rowHeight;
    if (index >= m_layout.rows().size())
        return -1;
    const SequenceRow &row = m_layout.rows().at(index);
    const int a = laneCentre(m_layout.column(row.from));
    const int b = laneCentre(m_layout.column(row.to));
    const int left = std::min(a, b) - m_line;
    const int right = row.type == SequenceRow::Type::Arrow ? std::max(a, b) + m_line : size().width();
    return point.x() >= left && point.x() <= right ? index : -1;
}

void SequencePainter::paintBackground(QPainter &painter, const QRect &rect) const
{
    painter.fillRect(rect, m_palette.color(QPalette::Base));
}

void SequencePainter::paintLifelines(QPainter &painter, int top, int bottom) const
{
    QPen pen(mix(m_palette.color(QPalette::Base), m_palette.color(QPalette::Text), 0.35));
    pen.setStyle(Qt::DashLine);
    pen.setCosmetic(true);
    painter.setPen(pen);
    for (int column = 0; column < m_layout.lanes().size(); ++column)
        painter.drawLine(laneCentre(column), top, laneCentre(column), bottom);
}

void SequencePainter::paintHeader(QPainter &painter, int top, int width) const
{
    // An opaque band: rows scrolled underneath the sticky header do not show through.
    painter.fillRect(QRect(0, top, std::max(width, size().width()), m_headerHeight), m_palette.color(QPalette::Window));
    const QFontMetrics smallMetrics(m_small);
    const QColor border = mix(m_palette.color(QPalette::Button), m_palette.color(QPalette::ButtonText), 0.4);
    const QColor subtitle = mix(m_palette.color(QPalette::Button), m_palette.color(QPalette::ButtonText), 0.7);
    for (int column = 0; column < m_layout.lanes().size(); ++column) {
        const SequenceLane &lane = m_layout.lanes().at(column);
        const QRect box(laneCentre(column) - m_laneWidth / 2 + m_line / 4, top + m_line / 2,
                        m_laneWidth - m_line / 2, m_headerHeight - m_line);
        painter.setPen(QPen(border, 1));
        painter.setBrush(m_palette.color(QPalette::Button));
        painter.drawRoundedRect(box, m_line / 3.0, m_line / 3.0);
        const QRect titleRect(box.left(), box.top() + m_line / 4, box.width(), m_line);
        painter.setFont(m_bold);
        painter.setPen(m_palette.color(QPalette::ButtonText));
        painter.drawText(titleRect, Qt::AlignCenter,
                         QFontMetrics(m_bold).elidedText(lane.title, Qt::ElideMiddle, box.width() - m_line / 2));
        painter.setFont(m_small);
        painter.setPen(subtitle);
        painter.drawText(QRect(box.left(), titleRect.bottom(), box.width(), smallMetrics.height() + m_line / 4),
                         Qt::AlignCenter,
                         smallMetrics.elidedText(lane.subtitle, Qt::ElideMiddle, box.width() - m_line / 2));
    }
    painter.setBrush(Qt::NoBrush);
}

void SequencePainter::paintRows(QPainter &painter, int first, int last, int selected) const
{
    first = std::max(0, first);
    last = std::min<int>(last, int(m_layout.rows().size()) - 1);
    for (int index = first; index <= last; ++index) {
        const int top = rowTop(index);
        if (index == selected) {
            QColor highlight = m_palette.color(QPalette::Highlight);
            highlight.setAlpha(70);
            painter.fillRect(QRect(0, top, size().width(), m_rowHeight), highlight);
        }
        const SequenceRow &row = m_layout.rows().at(index);
        m_onHighlight = index == selected;
        if (row.type == SequenceRow::Type::Arrow)
            paintArrow(painter, row, top);
        else
            paintMark(painter, row, top);
    }
    m_onHighlight = false;
}

void SequencePainter::paintAll(QPainter &painter) const
{
    const QSize whole = size();
    paintBackground(painter, QRect(QPoint(0, 0), whole));
    paintLifelines(painter, m_headerHeight, whole.height());
    paintRows(painter, 0, int(m_layout.rows().size()) - 1);
    paintHeader(painter, 0);
}

QString SequencePainter::labelOf(const SequenceRow &row) const
{
    const LabEvent &event = m_layout.events().at(row.event);
    if (row.type == SequenceRow::Type::Checks && row.count > 1)
        return Text::tr("%n checks passed", nullptr, row.count);
    // The error's code stays readable at the end of an elided label.
    return event.error ? Text::tr("%1 · %2").arg(event.summary, errorCodeName(event.error->code)) : event.summary;
}

void SequencePainter::paintArrow(QPainter &painter, const SequenceRow &row, int top) const
{
    const LabEvent &event = m_layout.events().at(row.event);
    const QColor colour = logToneColor(logToneOf(event), m_palette);
    const int x1 = laneCentre(m_layout.column(row.from));
    const int x2 = laneCentre(m_layout.column(row.to));
    const int y = top + m_line * 3 / 2;
    const qreal head = m_line * 0.45;
    const qreal direction = x2 > x1 ? 1.0 : -1.0;

    QPen pen(colour, std::max(1.5, m_line / 10.0));
    pen.setStyle(row.reply ? Qt::DashLine : Qt::SolidLine);
    painter.setPen(pen);
    painter.drawLine(QPointF(x1, y), QPointF(x2 - direction * head, y));
    QPainterPath arrowHead;
    arrowHead.moveTo(x2, y);
    arrowHead.lineTo(x2 - direction * head * 1.6, y - head * 0.7);
    arrowHead.lineTo(x2 - direction * head * 1.6, y + head * 0.7);
    arrowHead.closeSubpath();
    painter.fillPath(arrowHead, colour);

    const int width = std::abs(x2 - x1) - m_line;
    const QString text = QFontMetrics(m_font).elidedText(labelOf(row), Qt::ElideMiddle, std::max(0, width));
    paintLabel(painter, QRect(std::min(x1, x2) + m_line / 2, top + m_line / 4, width, m_line), Qt::AlignCenter, text,
               colour);
}

void SequencePainter::paintMark(QPainter &painter, const SequenceRow &row, int top) const
{
    const LabEvent &event = m_layout.events().at(row.event);
    const LogTone tone = logToneOf(event);
    const QColor colour = logToneColor(tone, m_palette);
    const int x = laneCentre(m_layout.column(row.from));
    const int y = top + m_rowHeight / 2;
    const qreal r = m_line * 0.38;
    int labelLeft = x + m_line;
    QString label = labelOf(row);

    painter.setPen(QPen(colour, std::max(1.5, m_line / 10.0)));
    if (event.kind == LabEvent::Kind::Verdict) {
        // A badge on the lane: the verdict in bold, the rest of the summary beside it.
        const QString verdict = verdictNameOf(event);
        if (!verdict.isEmpty()) {
            const QFontMetrics boldMetrics(m_bold);
            const int w = boldMetrics.horizontalAdvance(verdict) + m_line;
            const QRect badge(x - w / 2, y - m_line * 2 / 3, w, m_line * 4 / 3);
            painter.setBrush(colour);
            painter.drawRoundedRect(badge, m_line / 3.0, m_line / 3.0);
            painter.setBrush(Qt::NoBrush);
            painter.setFont(m_bold);
            painter.setPen(contrastingText(colour));
            painter.drawText(badge, Qt::AlignCenter, verdict);
            labelLeft = badge.right() + m_line / 2;
            label = event.error ? Text::tr("%1 · %2").arg(event.summary, errorCodeName(event.error->code))
                                : event.summary;
        }
    } else if (event.kind == LabEvent::Kind::Check) {
        painter.setBrush(Qt::NoBrush);
        painter.drawEllipse(QPointF(x, y), r, r);
        if (event.error) {  // a cross
            painter.drawLine(QPointF(x - r / 2, y - r / 2), QPointF(x + r / 2, y + r / 2));
            painter.drawLine(QPointF(x - r / 2, y + r / 2), QPointF(x + r / 2, y - r / 2));
        } else {            // a tick
            painter.drawPolyline(QList<QPointF>{{x - r / 2, qreal(y)}, {x - r / 8, y + r / 2}, {x + r / 2, y - r / 2}});
        }
    } else if (event.kind == LabEvent::Kind::Note) {
        QPainterPath diamond;
        diamond.moveTo(x, y - r);
        diamond.lineTo(x + r, y);
        diamond.lineTo(x, y + r);
        diamond.lineTo(x - r, y);
        diamond.closeSubpath();
        painter.fillPath(diamond, colour);
    } else {
        painter.fillRect(QRectF(x - r * 0.8, y - r * 0.8, r * 1.6, r * 1.6), colour);
    }
    const int width = size().width() - m_margin - labelLeft;
    paintLabel(painter, QRect(labelLeft, y - m_line / 2, std::max(0, width), m_line), Qt::AlignLeft | Qt::AlignVCenter,
               QFontMetrics(m_font).elidedText(label, Qt::ElideRight, std::max(0, width)), colour);
}

void SequencePainter::paintLabel(QPainter &painter, const QRect &rect, int flags, const QString &text,
                                 const QColor &colour) const
{
    // On the base colour, so the lifelines it crosses do not strike the text through.
    painter.setFont(m_font);
    if (!m_onHighlight) {  // the highlight shows through on the selected row
        const QRect used = painter.boundingRect(rect, flags, text);
        painter.fillRect(used.adjusted(-m_line / 6, 0, m_line / 6, 0), m_palette.color(QPalette::Base));
    }
    painter.setPen(colour);
    painter.drawText(rect, flags, text);
}

} // namespace Uptane::Widgets
