#pragma once

// What the scenario panel's tree shows over ScenarioModel: each scenario's and step's status
// as an SVG icon (":/icons/scenario/<ScenarioModel::iconName>.svg", sharp at any scale)
// instead of the model's plain colour swatch, and the step being played highlighted (bold,
// tinted background that reads on light and dark palettes). Everything else passes through.

#include <QIdentityProxyModel>
#include <QIcon>
#include <QPersistentModelIndex>

namespace Uptane::Widgets {

class ScenarioTreeProxy : public QIdentityProxyModel
{
    Q_OBJECT
public:
    explicit ScenarioTreeProxy(QObject *parent = nullptr);

    // The step (a source index of ScenarioModel's title column) shown as "now playing";
    // an invalid index clears it.
    void setCurrentStep(const QModelIndex &sourceStep);
    QModelIndex currentStep() const { return m_current; }

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

    static QIcon statusIcon(const QString &iconName);

private:
    void emitRowChanged(const QModelIndex &sourceIndex);

    QPersistentModelIndex m_current;  // in the source model
};

} // namespace Uptane::Widgets
