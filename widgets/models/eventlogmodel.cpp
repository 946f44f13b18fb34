#include "widgets/models/eventlogmodel.h"

#include <QLocale>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Uptane::Widgets {

namespace {

qint64 sizeOf(const LabEvent &event)
{
    return std::max<qint64>(event.totalBytes, event.bytes.size());
}

} // namespace

EventLogModel::Outcome EventLogModel::outcomeOf(const LabEvent &event)
{
    if (event.kind == LabEvent::Kind::Verdict)
        return Outcome::Verdict;
    return event.error ? Outcome::Failed : Outcome::Ok;
}

EventLogModel::EventLogModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

int EventLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_events.size());
}

int EventLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EventLogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const LabEvent &event = m_events.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (Column(index.column())) {
        case TimeColumn:
            return event.time.toUTC().toString(u"HH:mm:ss.zzz"_s);
        case FromColumn:
            return event.from;
        case ToColumn:
            return event.to;
        case KindColumn:
            return labEventKindName(event.kind);
        case SummaryColumn:
            return event.summary;
        case ErrorColumn:
            return event.error ? errorCodeName(event.error->code) : QString();
        case BytesColumn:
            // A number, so a sorting proxy orders sizes numerically.
            return sizeOf(event) > 0 ? QVariant(sizeOf(event)) : QVariant();
        case ColumnCount:
            break;
        }
        return {};
    case Qt::ToolTipRole: {
        // The whole log line (with the error's English technical detail: stable, greppable),
        // since the summary column is often cut.
        QString tip = formatLabEvent(event);
        if (sizeOf(event) > 0)
            tip += u'\n' + tr("%1 bytes").arg(QLocale().toString(sizeOf(event)));
        return tip;
    }
    case Qt::TextAlignmentRole:
        if (index.column() == BytesColumn)
            return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
        return {};
    case EventRole:
        return QVariant::fromValue(event);
    case OutcomeRole:
        return int(outcomeOf(event));
    default:
        return {};
    }
}

QVariant EventLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case TimeColumn:
        return tr("Time");
    case FromColumn:
        return tr("From");
    case ToColumn:
        return tr("To");
    case KindColumn:
        return tr("Kind");
    case SummaryColumn:
        return tr("Summary");
    case ErrorColumn:
        return tr("Error");
    case BytesColumn:
        return tr("Bytes");
    case ColumnCount:
        break;
    }
    return {};
}

void EventLogModel::setCapacity(int capacity)
{
    m_capacity = std::max(1, capacity);
    if (m_events.size() > m_capacity)
        dropOldest(int(m_events.size()) - m_capacity);
}

void EventLogModel::append(const LabEvent &event)
{
    append(QList<LabEvent>{event});
}

void EventLogModel::append(const QList<LabEvent> &events)
{
    if (events.isEmpty())
        return;
    // Only the newest `capacity` of a batch can stay; make room first so the model never holds
    // more than capacity rows, even between the two notifications.
    const qsizetype skipped = std::max<qsizetype>(0, events.size() - m_capacity);
    const qsizetype incoming = events.size() - skipped;
    const qsizetype overflow = m_events.size() + incoming - m_capacity;
    if (overflow > 0)
        dropOldest(int(overflow));
    m_dropped += skipped;

    const int first = int(m_events.size());
    beginInsertRows({}, first, first + int(incoming) - 1);
    m_events.append(events.mid(skipped));
    endInsertRows();
}

void EventLogModel::clear()
{
    m_dropped = 0;
    if (m_events.isEmpty())
        return;
    beginRemoveRows({}, 0, int(m_events.size()) - 1);
    m_events.clear();
    endRemoveRows();
}

void EventLogModel::dropOldest(int count)
{
    beginRemoveRows({}, 0, count - 1);
    m_events.remove(0, count);
    endRemoveRows();
    m_dropped += count;
}

} // namespace Uptane::Widgets
