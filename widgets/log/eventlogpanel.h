#pragma once

// The event log panel (issue 6, "Event log"): every LabEvent the lab narrates, in a table over
// the shared EventLogModel, filterable by node, outcome and text, rows coloured by outcome,
// with the selected event's line, error and bytes in a details pane.
//
// The panel does not own the model (the main window appends the Lab's events to it); it owns
// its filter. Object names (for tests and the main window):
//   "eventLogPanel"      this
//   "eventLogView"       the table (QTableView over the filter)
//   "eventNodeFilter"    combo: all nodes, then every node seen (a vehicle matches its ECUs)
//   "eventOutcomeFilter" combo: all / ok / failed / verdicts (item data: LogFilterProxy::Outcome)
//   "eventTextFilter"    line edit: case-insensitive text in the summary
//   "eventFollow"        toggle: keep the newest event in view (on by default)
//   "eventClear"         button: empties the log (the model)
//   "eventDetails"       read-only text: the selected event's line, error and bytes
//   "eventCount"         label: how many events the filter shows of how many

#include "common/labevent.h"

#include <QSet>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTableView;
class QTimer;
class QToolButton;

namespace Uptane::Widgets {

class EventLogModel;
class LogFilterProxy;

class EventLogPanel : public QWidget
{
    Q_OBJECT
public:
    explicit EventLogPanel(EventLogModel *model, QWidget *parent = nullptr);
    ~EventLogPanel() override;

    EventLogModel *model() const { return m_model; }
    // Nodes offered by the node filter, in its order (without "all nodes").
    QStringList nodes() const;

Q_SIGNALS:
    // The selected event changed, or Enter / double-click on a row.
    void eventActivated(const Uptane::LabEvent &event);

protected:
    void changeEvent(QEvent *event) override;

private:
    void addNodesFrom(int first, int last);
    void addNode(const QString &node);
    void showCurrent();
    void updateCount();
    void applyFontMetrics();

    EventLogModel *m_model = nullptr;
    LogFilterProxy *m_proxy = nullptr;
    QTableView *m_view = nullptr;
    QComboBox *m_node = nullptr;
    QComboBox *m_outcome = nullptr;
    QLineEdit *m_text = nullptr;
    QTimer *m_textDelay = nullptr;
    QToolButton *m_follow = nullptr;
    QPushButton *m_clear = nullptr;
    QPlainTextEdit *m_details = nullptr;
    QLabel *m_count = nullptr;
    QSet<QString> m_nodes;
    QSet<QString> m_vins;  // vehicles: the first part of an ECU's node id
};

} // namespace Uptane::Widgets
