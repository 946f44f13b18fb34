#pragma once

// The event log panel's filter (private to widgets/log): EventFilterProxy's node and text
// filters, its outcome filter widened by "ok only" (the panel offers all / ok / failed /
// verdicts), and the row colours: each row tinted by its outcome (logstyle.h) behind the
// palette's own text, an icon in the Kind column so the outcome does not rest on colour alone,
// verdicts in bold.

#include "widgets/log/logstyle.h"
#include "widgets/models/eventfilterproxy.h"

#include <QIcon>
#include <QPalette>

namespace Uptane::Widgets {

class LogFilterProxy : public EventFilterProxy
{
    Q_OBJECT
public:
    enum class Outcome { All, Ok, Failed, Verdicts };
    Q_ENUM(Outcome)

    explicit LogFilterProxy(QObject *parent = nullptr);

    Outcome outcome() const { return m_outcome; }
    void setOutcome(Outcome outcome);
    // The palette the rows are coloured for (the view's); repaint after changing it.
    void setPalette(const QPalette &palette) { m_palette = palette; }

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    const LabEvent *eventAt(const QModelIndex &proxyIndex, LabEvent &storage) const;

    Outcome m_outcome = Outcome::All;
    QPalette m_palette;
    QIcon m_passed;
    QIcon m_failed;
    QIcon m_verdict;
};

} // namespace Uptane::Widgets
