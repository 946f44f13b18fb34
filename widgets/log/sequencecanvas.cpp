#include "widgets/log/sequencecanvas.h"

#include "widgets/log/sequencepainter.h"

#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>
#include <QToolTip>

#include <algorithm>

namespace Uptane::Widgets {

SequenceCanvas::SequenceCanvas(const SequenceLayout &layout, QWidget *parent)
    : QAbstractScrollArea(parent)
    , m_layout(layout)
{
    setFocusPolicy(Qt::StrongFocus);
    viewport()->setBackgroundRole(QPalette::Base);
    viewport()->setAutoFillBackground(false);
    rebuildPainter();
}

SequenceCanvas::~SequenceCanvas() = default;

void SequenceCanvas::rebuildPainter()
{
    m_painter = std::make_unique<SequencePainter>(m_layout, font(), palette());
    updateScrollBars();
}

void SequenceCanvas::layoutChanged(bool followTail)
{
    QScrollBar *bar = verticalScrollBar();
    const bool atBottom = bar->value() >= bar->maximum();
    if (m_current >= m_layout.rows().size())
        m_current = -1;
    rebuildPainter();
    if (followTail && atBottom)
        bar->setValue(bar->maximum());
    viewport()->update();
}

QSize SequenceCanvas::diagramSize() const
{
    return m_painter->size();
}

void SequenceCanvas::updateScrollBars()
{
    const QSize whole = m_painter->size();
    const QSize view = viewport()->size();
    // Rows scroll under the sticky header: the vertical range covers the rows only.
    const int rowsHeight = whole.height() - m_painter->headerHeight();
    const int rowsView = std::max(1, view.height() - m_painter->headerHeight());
    verticalScrollBar()->setRange(0, std::max(0, rowsHeight - rowsView));
    verticalScrollBar()->setPageStep(rowsView);
    verticalScrollBar()->setSingleStep(m_painter->rowHeight());
    horizontalScrollBar()->setRange(0, std::max(0, whole.width() - view.width()));
    horizontalScrollBar()->setPageStep(view.width());
    horizontalScrollBar()->setSingleStep(m_painter->laneWidth() / 4);
}

QPoint SequenceCanvas::diagramOrigin() const
{
    return {horizontalScrollBar()->value(), verticalScrollBar()->value()};
}

void SequenceCanvas::paintEvent(QPaintEvent *)
{
    QPainter painter(viewport());
    painter.setRenderHint(QPainter::Antialiasing);
    const QRect view = viewport()->rect();
    const QPoint origin = diagramOrigin();
    const int header = m_painter->headerHeight();
    m_painter->paintBackground(painter, view);

    painter.translate(-origin.x(), -origin.y());
    // Only the rows inside the viewport (plus one partly shown at each edge).
    const int first = std::max(0, origin.y() / m_painter->rowHeight());
    const int last = (origin.y() + view.height()) / m_painter->rowHeight();
    m_painter->paintLifelines(painter, origin.y() + header, origin.y() + view.height());
    m_painter->paintRows(painter, first, last, m_current);
    painter.translate(0, origin.y());
    m_painter->paintHeader(painter, 0, origin.x() + view.width());
}

void SequenceCanvas::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    updateScrollBars();
}

QPoint SequenceCanvas::rowCentre(int row) const
{
    if (row < 0 || row >= m_layout.rows().size())
        return {};
    const SequenceRow &r = m_layout.rows().at(row);
    const int a = m_painter->laneCentre(m_layout.column(r.from));
    const int b = m_painter->laneCentre(m_layout.column(r.to));
    const int x = r.type == SequenceRow::Type::Arrow ? (a + b) / 2 : a;
    return QPoint(x, m_painter->rowTop(row) + m_painter->rowHeight() / 2) - diagramOrigin();
}

void SequenceCanvas::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton || event->position().y() < m_painter->headerHeight()) {
        QAbstractScrollArea::mousePressEvent(event);
        return;
    }
    const int row = m_painter->rowAt(event->position().toPoint() + diagramOrigin());
    if (row < 0)
        return;
    setCurrentRow(row);
    Q_EMIT rowActivated(row);
}

void SequenceCanvas::keyPressEvent(QKeyEvent *event)
{
    const int rows = int(m_layout.rows().size());
    const int page = std::max(1, (viewport()->height() - m_painter->headerHeight()) / m_painter->rowHeight());
    int row = m_current;
    switch (event->key()) {
    case Qt::Key_Up:
        row = std::max(0, m_current - 1);
        break;
    case Qt::Key_Down:
        row = std::min(rows - 1, m_current + 1);
        break;
    case Qt::Key_PageUp:
        row = std::max(0, m_current - page);
        break;
    case Qt::Key_PageDown:
        row = std::min(rows - 1, std::max(0, m_current) + page);
        break;
    case Qt::Key_Home:
        row = 0;
        break;
    case Qt::Key_End:
        row = rows - 1;
        break;
    case Qt::Key_Return:
    case Qt::Key_Enter:
    case Qt::Key_Space:
        if (m_current >= 0)
            Q_EMIT rowActivated(m_current);
        return;
    default:
        QAbstractScrollArea::keyPressEvent(event);
        return;
    }
    if (rows > 0)
        setCurrentRow(row);
}

void SequenceCanvas::setCurrentRow(int row)
{
    if (row < -1 || row >= m_layout.rows().size())
        row = -1;
    m_current = row;
    ensureVisible(row);
    viewport()->update();
}

void SequenceCanvas::ensureVisible(int row)
{
    if (row < 0)
        return;
    QScrollBar *bar = verticalScrollBar();
    const int top = row * m_painter->rowHeight();
    const int rowsView = viewport()->height() - m_painter->headerHeight();
    if (top < bar->value())
        bar->setValue(top);
    else if (top + m_painter->rowHeight() > bar->value() + rowsView)
        bar->setValue(top + m_painter->rowHeight() - rowsView);
}

void SequenceCanvas::changeEvent(QEvent *event)
{
    // Presentation mode enlarges the font; a dark palette may be set at run time.
    if (event->type() == QEvent::FontChange || event->type() == QEvent::PaletteChange)
        rebuildPainter();
    QAbstractScrollArea::changeEvent(event);
}

bool SequenceCanvas::viewportEvent(QEvent *event)
{
    // The whole summary (and error) of the row under the mouse, since labels are elided.
    if (event->type() == QEvent::ToolTip) {
        const auto *help = static_cast<QHelpEvent *>(event);
        const int row = m_painter->rowAt(help->pos() + diagramOrigin());
        if (row >= 0)
            QToolTip::showText(help->globalPos(), formatLabEvent(m_layout.events().at(m_layout.rows().at(row).event)),
                               viewport());
        else
            QToolTip::hideText();
        return true;
    }
    return QAbstractScrollArea::viewportEvent(event);
}

} // namespace Uptane::Widgets
