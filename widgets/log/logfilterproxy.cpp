#include "widgets/log/logfilterproxy.h"

#include "widgets/models/eventlogmodel.h"

#include <QFont>

using namespace Qt::StringLiterals;

namespace Uptane::Widgets {

LogFilterProxy::LogFilterProxy(QObject *parent)
    : EventFilterProxy(parent)
    , m_passed(u":/icons/log/passed.svg"_s)
    , m_failed(u":/icons/log/failed.svg"_s)
    , m_verdict(u":/icons/log/verdict.svg"_s)
{
}

void LogFilterProxy::setOutcome(Outcome outcome)
{
    if (outcome == m_outcome)
        return;
    m_outcome = outcome;
    switch (outcome) {
    case Outcome::All:
    case Outcome::Ok:  // filtered here, on top of the base's "all"
        setOutcomeFilter(OutcomeFilter::All);
        break;
    case Outcome::Failed:
        setOutcomeFilter(OutcomeFilter::FailuresOnly);
        break;
    case Outcome::Verdicts:
        setOutcomeFilter(OutcomeFilter::VerdictsOnly);
        break;
    }
    invalidateFilter();
}

bool LogFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (!EventFilterProxy::filterAcceptsRow(sourceRow, sourceParent))
        return false;
    if (m_outcome != Outcome::Ok)
        return true;
    const QVariant outcome = sourceModel()->index(sourceRow, 0, sourceParent).data(EventLogModel::OutcomeRole);
    return outcome.isValid() && EventLogModel::Outcome(outcome.toInt()) == EventLogModel::Outcome::Ok;
}

const LabEvent *LogFilterProxy::eventAt(const QModelIndex &proxyIndex, LabEvent &storage) const
{
    const QModelIndex source = mapToSource(proxyIndex);
    // Painting asks for every cell's colours: read the log's rows in place, no copies.
    if (const auto *log = qobject_cast<const EventLogModel *>(sourceModel()))
        return &log->event(source.row());
    const QVariant value = source.data(EventLogModel::EventRole);
    if (!value.canConvert<LabEvent>())
        return nullptr;
    storage = value.value<LabEvent>();
    return &storage;
}

QVariant LogFilterProxy::data(const QModelIndex &index, int role) const
{
    if (role != Qt::BackgroundRole && role != Qt::DecorationRole && role != Qt::FontRole)
        return EventFilterProxy::data(index, role);
    if (!index.isValid())
        return {};
    LabEvent storage;
    const LabEvent *event = eventAt(index, storage);
    if (!event)
        return EventFilterProxy::data(index, role);
    const LogTone tone = logToneOf(*event);
    switch (role) {
    case Qt::BackgroundRole:
        if (tone == LogTone::Plain || tone == LogTone::Passed)
            return {};
        return logToneBackground(tone, m_palette);
    case Qt::DecorationRole:
        if (index.column() != EventLogModel::KindColumn)
            return {};
        if (event->kind == LabEvent::Kind::Verdict)
            return m_verdict;
        if (tone == LogTone::Failed)
            return m_failed;
        if (tone == LogTone::Passed)
            return m_passed;
        return {};
    case Qt::FontRole:
        if (event->kind != LabEvent::Kind::Verdict)
            return {};
        {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
    default:
        return {};
    }
}

} // namespace Uptane::Widgets
