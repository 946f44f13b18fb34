#include "widgets/scenario/scenariotreeproxy.h"

#include "widgets/models/scenariomodel.h"

#include <QBrush>
#include <QFont>
#include <QHash>

using namespace Qt::StringLiterals;

namespace Uptane::Widgets {

ScenarioTreeProxy::ScenarioTreeProxy(QObject *parent)
    : QIdentityProxyModel(parent)
{
}

QIcon ScenarioTreeProxy::statusIcon(const QString &iconName)
{
    // QIcon of an SVG renders per size; cache the objects, not pixmaps.
    static QHash<QString, QIcon> icons;
    auto it = icons.find(iconName);
    if (it == icons.end())
        it = icons.insert(iconName, QIcon(u":/icons/scenario/%1.svg"_s.arg(iconName)));
    return *it;
}

void ScenarioTreeProxy::setCurrentStep(const QModelIndex &sourceStep)
{
    if (QModelIndex(m_current) == sourceStep)
        return;
    const QPersistentModelIndex previous = m_current;
    m_current = sourceStep;
    emitRowChanged(previous);
    emitRowChanged(sourceStep);
}

void ScenarioTreeProxy::emitRowChanged(const QModelIndex &sourceIndex)
{
    if (!sourceIndex.isValid())
        return;
    const QModelIndex first = mapFromSource(sourceIndex.siblingAtColumn(0));
    const QModelIndex last = mapFromSource(sourceIndex.siblingAtColumn(sourceModel()->columnCount(sourceIndex.parent()) - 1));
    Q_EMIT dataChanged(first, last, {Qt::FontRole, Qt::BackgroundRole});
}

QVariant ScenarioTreeProxy::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const QModelIndex source = mapToSource(index);
    const bool current = m_current.isValid() && source.parent() == m_current.parent() && source.row() == m_current.row();
    switch (role) {
    case Qt::DecorationRole: {
        if (index.column() != ScenarioModel::TitleColumn)
            return {};
        const QString name = source.data(ScenarioModel::IconNameRole).toString();
        return name.isEmpty() ? QVariant() : QVariant(statusIcon(name));
    }
    case Qt::FontRole: {
        const auto type = ScenarioModel::NodeType(source.data(ScenarioModel::NodeTypeRole).toInt());
        if (!current && type != ScenarioModel::NodeType::Group)
            return QIdentityProxyModel::data(index, role);
        QFont font;
        font.setBold(true);
        return font;
    }
    case Qt::BackgroundRole:
        // A translucent blue over the base colour: visible on white and on near-black.
        if (current)
            return QBrush(QColor(0x1e, 0x88, 0xe5, 72));
        return QIdentityProxyModel::data(index, role);
    default:
        return QIdentityProxyModel::data(index, role);
    }
}

} // namespace Uptane::Widgets
