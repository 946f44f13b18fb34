#pragma once

// Paints a SequenceLayout: lane headers, lifelines, and any range of rows, with the colours of
// a palette and the sizes of a font (so presentation mode's larger font scales the diagram).
// The live view asks for the visible rows only; the exports ask for all of them.
//
// Geometry, in diagram coordinates: the header band from y = 0 to headerHeight(), then row r
// from rowTop(r) for rowHeight(); lane c centred at laneCentre(c). All sizes derive from the
// font's metrics: no pixel size is fixed.

#include "widgets/log/sequencelayout.h"

#include <QFont>
#include <QPalette>
#include <QSize>

class QPainter;

namespace Uptane::Widgets {

class SequencePainter
{
public:
    SequencePainter(const SequenceLayout &layout, const QFont &font, const QPalette &palette);

    QSize size() const;            // the whole diagram
    int headerHeight() const { return m_headerHeight; }
    int rowHeight() const { return m_rowHeight; }
    int rowTop(int row) const { return m_headerHeight + row * m_rowHeight; }
    int laneWidth() const { return m_laneWidth; }
    int laneCentre(int column) const;

    // The row under a point (diagram coordinates), or -1: an arrow's row between its lanes,
    // a mark's row from its lane to the right edge.
    int rowAt(const QPoint &point) const;

    // Fills `rect` with the palette's base.
    void paintBackground(QPainter &painter, const QRect &rect) const;
    // The lanes' dashed lifelines from y = top to y = bottom.
    void paintLifelines(QPainter &painter, int top, int bottom) const;
    // Rows first..last (inclusive, clamped); `selected` highlighted (-1: none).
    void paintRows(QPainter &painter, int first, int last, int selected = -1) const;
    // The header band at y = top, `width` wide (at least the diagram's; the live view keeps
    // it at the top of the viewport, across all of it).
    void paintHeader(QPainter &painter, int top, int width = 0) const;
    // Everything, for the exports.
    void paintAll(QPainter &painter) const;

private:
    void paintArrow(QPainter &painter, const SequenceRow &row, int top) const;
    void paintMark(QPainter &painter, const SequenceRow &row, int top) const;
    void paintLabel(QPainter &painter, const QRect &rect, int flags, const QString &text, const QColor &colour) const;
    QString labelOf(const SequenceRow &row) const;

    const SequenceLayout &m_layout;
    QFont m_font;
    QFont m_bold;
    QFont m_small;
    QPalette m_palette;
    int m_line = 0;         // the font's line height: the unit of every size
    int m_margin = 0;
    int m_laneWidth = 0;
    int m_headerHeight = 0;
    int m_rowHeight = 0;
    mutable bool m_onHighlight = false;  // painting the selected row
};

} // namespace Uptane::Widgets
