#pragma once

// The event log's model: a table of the LabEvents the Lab narrates, one row per event, newest
// last. It owns GUI-thread copies of the events (LabEvent is a value type) and keeps at most
// capacity() of them: past that the oldest rows go, so a long class session does not grow
// without bound. The GUI receives hundreds of events per update cycle, so append() takes a
// batch and inserts it with one beginInsertRows().

#include "common/labevent.h"

#include <QAbstractTableModel>
#include <QList>

namespace Uptane::Widgets {

class EventLogModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        TimeColumn,     // HH:mm:ss.zzz (UTC, like the command line's log lines)
        FromColumn,     // node id
        ToColumn,       // node id, or empty
        KindColumn,     // labEventKindName(): "HttpRequest", "Verdict" ...
        SummaryColumn,  // the event's one-line English summary
        ErrorColumn,    // errorCodeName() of the event's error, or empty
        BytesColumn,    // size of the bytes involved (before truncation), empty when none
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role {
        EventRole = Qt::UserRole + 1,  // the whole LabEvent (QVariant::fromValue)
        OutcomeRole,                   // Outcome, as int
    };
    Q_ENUM(Role)

    // How a row reads at a glance (for colouring and the outcome filter). A verdict is a
    // Verdict even when it carries the error that explains a refusal.
    enum class Outcome { Ok, Failed, Verdict };
    Q_ENUM(Outcome)
    static Outcome outcomeOf(const LabEvent &event);

    static constexpr int kDefaultCapacity = 20000;

    explicit EventLogModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // The event shown in `row` (0 <= row < rowCount()).
    const LabEvent &event(int row) const { return m_events.at(row); }

    int capacity() const { return m_capacity; }
    // At least 1; trims the oldest rows at once when the log holds more.
    void setCapacity(int capacity);
    // How many events were removed to stay within capacity since the last clear().
    qint64 droppedCount() const { return m_dropped; }

public Q_SLOTS:
    void append(const Uptane::LabEvent &event);
    void append(const QList<Uptane::LabEvent> &events);
    void clear();

private:
    void dropOldest(int count);

    QList<LabEvent> m_events;  // oldest first; QList erases from the front without moving the rest
    int m_capacity = kDefaultCapacity;
    qint64 m_dropped = 0;
};

} // namespace Uptane::Widgets
