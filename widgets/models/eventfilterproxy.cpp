#include "widgets/models/eventfilterproxy.h"

#include "widgets/models/eventlogmodel.h"

namespace Uptane::Widgets {

namespace {

bool isOrHolds(const QString &id, const QString &node)
{
    return id == node || (id.startsWith(node) && id.size() > node.size() && id.at(node.size()) == u'/');
}

} // namespace

EventFilterProxy::EventFilterProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
{
}

bool EventFilterProxy::involves(const LabEvent &event, const QString &node)
{
    return node.isEmpty() || isOrHolds(event.from, node) || isOrHolds(event.to, node);
}

void EventFilterProxy::setNode(const QString &node)
{
    if (node == m_node)
        return;
    m_node = node;
    invalidateFilter();
}

void EventFilterProxy::setOutcomeFilter(OutcomeFilter filter)
{
    if (filter == m_outcome)
        return;
    m_outcome = filter;
    invalidateFilter();
}

void EventFilterProxy::setText(const QString &text)
{
    if (text == m_text)
        return;
    m_text = text;
    invalidateFilter();
}

bool EventFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    const QVariant value = index.data(EventLogModel::EventRole);
    if (!value.canConvert<LabEvent>())
        return true;  // not an event model: nothing to filter on
    const auto event = value.value<LabEvent>();
    if (!involves(event, m_node))
        return false;
    switch (m_outcome) {
    case OutcomeFilter::All:
        break;
    case OutcomeFilter::FailuresOnly:
        if (!event.error)
            return false;
        break;
    case OutcomeFilter::VerdictsOnly:
        if (event.kind != LabEvent::Kind::Verdict)
            return false;
        break;
    }
    return m_text.isEmpty() || event.summary.contains(m_text, Qt::CaseInsensitive);
}

} // namespace Uptane::Widgets
