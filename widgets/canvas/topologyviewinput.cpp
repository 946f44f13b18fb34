// TopologyView, part two: fitting the scene, fonts and palettes, frames, and the keyboard.
// (Part one, topologyview.cpp: what the lab says and how the scene shows it.)

#include "widgets/canvas/canvasstyle.h"
#include "widgets/canvas/topologyscene.h"
#include "widgets/canvas/topologyview.h"

#include <QKeyEvent>

namespace Uptane::Widgets {

using Canvas::NodeItem;

namespace {

constexpr qreal kPresentationScale = 1.4;
constexpr qint64 kFrameWindowMs = 1000;

} // namespace

void TopologyView::setPresentationMode(bool on)
{
    if (on == m_presentation)
        return;
    m_presentation = on;
    applyFont();
}

void TopologyView::applyFont()
{
    // The scene follows the view's font (so the application font and presentation mode
    // scale every item); fit() then scales the whole into the viewport.
    m_scene->setCanvasFont(m_presentation ? Canvas::scaledFont(font(), kPresentationScale) : font());
    fit();
}

void TopologyView::fit()
{
    if (m_scene->sceneRect().isEmpty())
        return;
    fitInView(m_scene->sceneRect(), Qt::KeepAspectRatio);
}

void TopologyView::resizeEvent(QResizeEvent *event)
{
    QGraphicsView::resizeEvent(event);
    fit();
}

void TopologyView::showEvent(QShowEvent *event)
{
    QGraphicsView::showEvent(event);
    fit();
}

void TopologyView::changeEvent(QEvent *event)
{
    QGraphicsView::changeEvent(event);
    if (event->type() == QEvent::FontChange) {
        applyFont();
    } else if (event->type() == QEvent::PaletteChange) {
        m_scene->setCanvasPalette(palette());
        setBackgroundBrush(palette().color(QPalette::Window));
    }
}

void TopologyView::paintEvent(QPaintEvent *event)
{
    QGraphicsView::paintEvent(event);
    // A frame of the message animation: the viewport repainted while a dot moves.
    if (m_scene->messagesInFlight() == 0)
        return;
    const qint64 now = m_clock.elapsed();
    m_frames.append(now);
    while (!m_frames.isEmpty() && now - m_frames.first() >= kFrameWindowMs)
        m_frames.removeFirst();
}

int TopologyView::focusedIndex() const
{
    const auto *node = dynamic_cast<const NodeItem *>(m_scene->focusItem());
    return node ? int(m_scene->nodesInFocusOrder().indexOf(const_cast<NodeItem *>(node))) : -1;
}

void TopologyView::focusNode(int index, Qt::FocusReason reason)
{
    const QList<NodeItem *> nodes = m_scene->nodesInFocusOrder();
    if (index < 0 || index >= nodes.size())
        return;
    NodeItem *node = nodes[index];
    m_scene->setFocusItem(node, reason);
    // Also here: an inactive scene delivers the item's focus-in only once it is activated.
    setAccessibleDescription(node->accessibleName());
}

void TopologyView::keyPressEvent(QKeyEvent *event)
{
    const int count = int(m_scene->nodesInFocusOrder().size());
    const int current = focusedIndex();
    switch (event->key()) {
    case Qt::Key_Left:
    case Qt::Key_Up:
        if (count > 0)
            focusNode(current <= 0 ? count - 1 : current - 1, Qt::OtherFocusReason);
        event->accept();
        return;
    case Qt::Key_Right:
    case Qt::Key_Down:
        if (count > 0)
            focusNode(current < 0 || current + 1 >= count ? 0 : current + 1, Qt::OtherFocusReason);
        event->accept();
        return;
    case Qt::Key_Return:
    case Qt::Key_Enter:
    case Qt::Key_Space:
        if (current >= 0)
            selectNode(m_scene->nodesInFocusOrder()[current]->id());
        event->accept();
        return;
    case Qt::Key_Escape:
        if (!m_selected.isEmpty()) {
            selectNode({});
            event->accept();
            return;
        }
        break;
    default:
        break;
    }
    QGraphicsView::keyPressEvent(event);
}

void TopologyView::focusInEvent(QFocusEvent *event)
{
    QGraphicsView::focusInEvent(event);
    // Entering the view by Tab lands on the first node, by Shift+Tab on the last.
    if (focusedIndex() < 0) {
        const int count = int(m_scene->nodesInFocusOrder().size());
        focusNode(event->reason() == Qt::BacktabFocusReason ? count - 1 : 0, event->reason());
    }
}

bool TopologyView::focusNextPrevChild(bool next)
{
    // Tab walks the nodes; past the last (or before the first) it leaves the view, so the
    // rest of the window stays reachable by keyboard.
    const int target = focusedIndex() + (next ? 1 : -1);
    if (hasFocus() && target >= 0 && target < int(m_scene->nodesInFocusOrder().size())) {
        focusNode(target, next ? Qt::TabFocusReason : Qt::BacktabFocusReason);
        return true;
    }
    return QWidget::focusNextPrevChild(next);
}

} // namespace Uptane::Widgets
