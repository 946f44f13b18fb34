#pragma once

// The scrolling surface of the sequence diagram (SequenceDiagramView's child, objectName
// "sequenceCanvas"). It paints only the rows inside the viewport, with the lane headers kept
// at its top, so a cycle of hundreds of events scrolls as fast as a short one. Click a row
// (an arrow between its lanes, a mark on its lane) or move with Up/Down/Home/End and press
// Enter: rowActivated() names the row.

#include "widgets/log/sequencelayout.h"

#include <QAbstractScrollArea>

namespace Uptane::Widgets {

class SequencePainter;

class SequenceCanvas : public QAbstractScrollArea
{
    Q_OBJECT
public:
    explicit SequenceCanvas(const SequenceLayout &layout, QWidget *parent = nullptr);
    ~SequenceCanvas() override;

    // The layout changed (rows appended, lanes added, or replaced): recompute the geometry.
    // `followTail`: scroll to the newest row when the view was already at the bottom.
    void layoutChanged(bool followTail);

    int currentRow() const { return m_current; }
    void setCurrentRow(int row);
    // The diagram's full size at the canvas's font (what exportPng writes).
    QSize diagramSize() const;
    // Viewport-relative centre of a row's arrow or mark (for tests and tooltips).
    QPoint rowCentre(int row) const;

Q_SIGNALS:
    void rowActivated(int row);

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void changeEvent(QEvent *event) override;
    bool viewportEvent(QEvent *event) override;

private:
    void rebuildPainter();
    void updateScrollBars();
    void ensureVisible(int row);
    QPoint diagramOrigin() const;  // diagram coordinate shown at the viewport's (0, 0)

    const SequenceLayout &m_layout;
    std::unique_ptr<SequencePainter> m_painter;
    int m_current = -1;
};

} // namespace Uptane::Widgets
