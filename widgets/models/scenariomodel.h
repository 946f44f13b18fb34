#pragma once

// The scenario panel's model: the attack catalogue as a tree, group (reference demo, threat
// model, partial verification) -> scenario -> step, with the status of each scenario and step
// as a ScenarioRunner plays them. It keeps GUI-thread copies of the texts and ids only (not
// the actions); the runner gets its scenarios from the catalogue by id.
//
// Columns: the title (group, scenario, step) and a detail (the group's size, the scenario's
// expected outcome line, the step's kind). The slots connect to ScenarioRunner directly:
//   connect(runner, &ScenarioRunner::stepStarted, model, &ScenarioModel::markStepStarted);
//   connect(runner, &ScenarioRunner::stepFinished, model, &ScenarioModel::markStepFinished);
//   connect(runner, &ScenarioRunner::scenarioFinished, model, &ScenarioModel::markScenarioFinished);

#include "attacks/scenario.h"
#include "lab/scenariorunner.h"  // the slots' argument types, complete for moc

#include <QAbstractItemModel>
#include <QHash>

#include <memory>
#include <vector>

namespace Uptane::Widgets {

class ScenarioModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column { TitleColumn, DetailColumn, ColumnCount };
    Q_ENUM(Column)

    enum Role {
        StatusRole = Qt::UserRole + 1,  // Status, as int (scenarios and steps)
        IdRole,                         // the scenario's id (scenarios and their steps)
        StepIndexRole,                  // steps: 0-based index in the scenario
        NodeTypeRole,                   // NodeType, as int
        GroupRole,                      // Attacks::ScenarioGroup, as int (every row)
        StepKindRole,                   // steps: Attacks::ScenarioStep::Kind, as int
        IconNameRole,                   // the status icon's name: "status-passed" ...
        ResultRole,                     // after a run: why it failed (translated labels), or empty
    };
    Q_ENUM(Role)

    enum class NodeType { Group, Scenario, Step };
    Q_ENUM(NodeType)
    enum class Status { NotRun, Running, Passed, Failed };
    Q_ENUM(Status)

    // The whole catalogue (Attacks::catalogue()).
    explicit ScenarioModel(QObject *parent = nullptr);
    // Any list (tests, a loaded selection); groups appear in catalogue order, empty ones not.
    explicit ScenarioModel(const QList<Attacks::Scenario> &scenarios, QObject *parent = nullptr);
    ~ScenarioModel() override;

    void setScenarios(const QList<Attacks::Scenario> &scenarios);

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Invalid when unknown.
    QModelIndex scenarioIndex(const QString &id, int column = TitleColumn) const;
    QModelIndex stepIndex(const QString &id, int step, int column = TitleColumn) const;

    static QString iconName(Status status);  // "status-notrun", "status-running" ...

public Q_SLOTS:
    void markStepStarted(const QString &scenario, int index);
    void markStepFinished(const Uptane::Lab::StepResult &result);
    void markScenarioFinished(const Uptane::Lab::ScenarioResult &result);
    // Every scenario and step back to NotRun.
    void reset();

private:
    struct Node;
    Node *nodeOf(const QModelIndex &index) const;
    QModelIndex indexOf(const Node *node, int column) const;
    Node *findStep(const QString &id, int step) const;
    void setStatus(Node *node, Status status, const QString &result);
    QString groupTitle(Attacks::ScenarioGroup group) const;
    QString stepKindTitle(Attacks::ScenarioStep::Kind kind) const;
    QString describe(const Lab::StepResult &result) const;

    std::vector<std::unique_ptr<Node>> m_groups;
    QHash<QString, Node *> m_scenarios;  // id -> scenario node
};

} // namespace Uptane::Widgets
