#pragma once

// Filters the event log (EventLogModel) the way the log panel offers it: by node, by outcome
// and by free text over the summary. The filters combine (all must accept a row); each left
// at its default accepts everything.

#include <QSortFilterProxyModel>

namespace Uptane {
struct LabEvent;
}

namespace Uptane::Widgets {

class EventFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    enum class OutcomeFilter {
        All,
        FailuresOnly,  // events carrying an error: failed checks, rejections, refusals' verdicts
        VerdictsOnly,  // the ECUs' verdicts
    };
    Q_ENUM(OutcomeFilter)

    explicit EventFilterProxy(QObject *parent = nullptr);

    QString node() const { return m_node; }
    OutcomeFilter outcomeFilter() const { return m_outcome; }
    QString text() const { return m_text; }

    // True when `node` (a node id, or empty for every node) names the event's sender or
    // receiver, or a node that holds it: "democar" matches "democar/TCUdemocar", not
    // "democar2".
    static bool involves(const LabEvent &event, const QString &node);

public Q_SLOTS:
    void setNode(const QString &node);
    void setOutcomeFilter(Uptane::Widgets::EventFilterProxy::OutcomeFilter filter);
    // Case-insensitive substring of the summary; empty accepts every summary.
    void setText(const QString &text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_node;
    OutcomeFilter m_outcome = OutcomeFilter::All;
    QString m_text;
};

} // namespace Uptane::Widgets
