#pragma once

// The sequence diagram of the last update cycle (issue 6, "Event log"): one lane per node
// (OEM servers first, then each vehicle's ECUs, Primary first), one arrow per message (HTTP
// requests and responses, bus messages, the manifest, attestations), checks and verdicts as
// marks on their lane, coloured by outcome. Exports the whole diagram as PNG or SVG.
//
// Live use: connect Lab::eventEmitted to addEvent(). A Primary's "cycle N begins" note starts
// a new diagram when no cycle is open; events between cycles (an operator publishing, an
// image assigned) are kept and open the next diagram too, so it shows what led to the cycle.
// Cycles of several vehicles running together share one diagram.
//
// Object names: "sequenceDiagram" (this), "sequenceCanvas" (the scrolling diagram),
// "exportPng" / "exportSvg" (buttons opening a non-native file dialog, "sequenceExportDialog"),
// "sequenceStatus" (a line saying what the diagram holds, or how the last export went).

#include "common/error.h"
#include "common/labevent.h"
#include "widgets/log/sequencelayout.h"

#include <QWidget>

class QLabel;
class QPushButton;

namespace Uptane::Widgets {

class SequenceCanvas;

class SequenceDiagramView : public QWidget
{
    Q_OBJECT
public:
    explicit SequenceDiagramView(QWidget *parent = nullptr);
    ~SequenceDiagramView() override;

    // Replaces the diagram with these events (one cycle's, as given: no splitting).
    void setEvents(const QList<Uptane::LabEvent> &events);
    // Live: appends, or starts a new diagram when a new cycle begins (see above).
    void addEvent(const Uptane::LabEvent &event);
    void clear();

    QList<Uptane::LabEvent> events() const;
    QStringList lanes() const;  // node ids in display order
    int arrowCount() const;
    // The exported image's size in pixels (the whole diagram at this widget's font).
    QSize diagramSize() const;

    // Atomic (QSaveFile): on failure nothing is left at `path`. IoError when the file cannot
    // be written, TooLarge when the diagram exceeds what one PNG image may hold.
    Result<void> exportPng(const QString &path) const;
    Result<void> exportSvg(const QString &path) const;

Q_SIGNALS:
    // An arrow (or mark) clicked, or chosen with the keyboard and Enter.
    void eventActivated(const Uptane::LabEvent &event);

private:
    void rebuilt();
    void updateStatus();
    void chooseExportFile(bool svg);

    SequenceLayout m_layout;
    QList<LabEvent> m_prelude;  // events since the last cycle ended: they open the next diagram
    SequenceCanvas *m_canvas = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_exportPng = nullptr;
    QPushButton *m_exportSvg = nullptr;
};

} // namespace Uptane::Widgets
