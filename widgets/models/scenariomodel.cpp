#include "widgets/models/scenariomodel.h"

#include "attacks/catalogue.h"

#include <QColor>

using namespace Qt::StringLiterals;

namespace Uptane::Widgets {

using Attacks::ScenarioGroup;
using Attacks::ScenarioStep;

// One row of the tree. Groups hold scenarios, scenarios hold steps; `row` is the position
// under `parent` (fixed once built: the tree changes only as a whole, in setScenarios()).
struct ScenarioModel::Node
{
    NodeType type = NodeType::Group;
    Node *parent = nullptr;
    int row = 0;
    ScenarioGroup group = ScenarioGroup::Reference;
    QString id;          // scenario id (scenarios and steps)
    QString title;       // translated
    QString detail;      // scenario: expected outcome; step: unused (kind shown instead)
    QString narration;   // scenarios
    ScenarioStep::Kind stepKind = ScenarioStep::Kind::Cycle;
    Status status = Status::NotRun;
    QString result;      // why it failed, after a run
    std::vector<std::unique_ptr<Node>> children;

    static Node *addChild(Node &parent, NodeType type, const QString &id, const QString &title)
    {
        auto child = std::make_unique<Node>();
        child->type = type;
        child->parent = &parent;
        child->row = int(parent.children.size());
        child->group = parent.group;
        child->id = id;
        child->title = title;
        parent.children.push_back(std::move(child));
        return parent.children.back().get();
    }
};

namespace {

constexpr ScenarioGroup kGroupOrder[] = {
    ScenarioGroup::Reference,
    ScenarioGroup::ThreatModel,
    ScenarioGroup::PartialVerification,
};

QColor statusColour(ScenarioModel::Status status)
{
    // Mid tones: readable on light and dark palettes alike.
    switch (status) {
    case ScenarioModel::Status::NotRun:
        return QColor(0x9e, 0x9e, 0x9e);
    case ScenarioModel::Status::Running:
        return QColor(0x1e, 0x88, 0xe5);
    case ScenarioModel::Status::Passed:
        return QColor(0x43, 0xa0, 0x47);
    case ScenarioModel::Status::Failed:
        return QColor(0xe5, 0x39, 0x35);
    }
    return {};
}

} // namespace

ScenarioModel::ScenarioModel(QObject *parent)
    : ScenarioModel(Attacks::catalogue(), parent)
{
}

ScenarioModel::ScenarioModel(const QList<Attacks::Scenario> &scenarios, QObject *parent)
    : QAbstractItemModel(parent)
{
    setScenarios(scenarios);
}

ScenarioModel::~ScenarioModel() = default;

void ScenarioModel::setScenarios(const QList<Attacks::Scenario> &scenarios)
{
    beginResetModel();
    m_groups.clear();
    m_scenarios.clear();
    for (ScenarioGroup group : kGroupOrder) {
        auto groupNode = std::make_unique<Node>();
        groupNode->group = group;
        groupNode->row = int(m_groups.size());
        for (const Attacks::Scenario &scenario : scenarios) {
            if (scenario.group != group)
                continue;
            Node *node = Node::addChild(*groupNode, NodeType::Scenario, scenario.id, scenario.translatedTitle());
            node->detail = scenario.translatedOutcome();
            node->narration = scenario.translatedNarration();
            for (const ScenarioStep &step : scenario.steps)
                Node::addChild(*node, NodeType::Step, scenario.id, step.translatedTitle())->stepKind = step.kind;
            m_scenarios.insert(node->id, node);
        }
        if (!groupNode->children.empty())
            m_groups.push_back(std::move(groupNode));
    }
    endResetModel();
}

ScenarioModel::Node *ScenarioModel::nodeOf(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : nullptr;
}

QModelIndex ScenarioModel::indexOf(const Node *node, int column) const
{
    return node ? createIndex(node->row, column, const_cast<Node *>(node)) : QModelIndex();
}

QModelIndex ScenarioModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    const Node *parentNode = nodeOf(parent);
    const auto &siblings = parentNode ? parentNode->children : m_groups;
    return indexOf(siblings.at(std::size_t(row)).get(), column);
}

QModelIndex ScenarioModel::parent(const QModelIndex &child) const
{
    const Node *node = nodeOf(child);
    return node ? indexOf(node->parent, TitleColumn) : QModelIndex();
}

int ScenarioModel::rowCount(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return 0;
    const Node *node = nodeOf(parent);
    return int(node ? node->children.size() : m_groups.size());
}

int ScenarioModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant ScenarioModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Node *node = nodeOf(index);
    const bool hasStatus = node->type != NodeType::Group;
    switch (role) {
    case Qt::DisplayRole:
        if (index.column() == TitleColumn)
            return node->type == NodeType::Group ? groupTitle(node->group) : node->title;
        switch (node->type) {
        case NodeType::Group:
            return tr("%n scenario(s)", nullptr, int(node->children.size()));
        case NodeType::Scenario:
            return node->detail;
        case NodeType::Step:
            return stepKindTitle(node->stepKind);
        }
        return {};
    case Qt::ToolTipRole:
        if (node->type == NodeType::Group)
            return {};
        if (node->type == NodeType::Scenario)
            return node->result.isEmpty() ? node->narration : node->narration + u"\n\n"_s + node->result;
        return node->result.isEmpty() ? QVariant() : QVariant(node->result);
    case Qt::DecorationRole:
        if (hasStatus && index.column() == TitleColumn)
            return statusColour(node->status);
        return {};
    case StatusRole:
        return hasStatus ? QVariant(int(node->status)) : QVariant();
    case IconNameRole:
        return hasStatus ? QVariant(iconName(node->status)) : QVariant();
    case IdRole:
        return hasStatus ? QVariant(node->id) : QVariant();
    case StepIndexRole:
        return node->type == NodeType::Step ? QVariant(node->row) : QVariant();
    case NodeTypeRole:
        return int(node->type);
    case GroupRole:
        return int(node->group);
    case StepKindRole:
        return node->type == NodeType::Step ? QVariant(int(node->stepKind)) : QVariant();
    case ResultRole:
        return hasStatus ? QVariant(node->result) : QVariant();
    default:
        return {};
    }
}

QVariant ScenarioModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractItemModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case TitleColumn:
        return tr("Scenario");
    case DetailColumn:
        return tr("Expected outcome");
    case ColumnCount:
        break;
    }
    return {};
}

QModelIndex ScenarioModel::scenarioIndex(const QString &id, int column) const
{
    return indexOf(m_scenarios.value(id), column);
}

QModelIndex ScenarioModel::stepIndex(const QString &id, int step, int column) const
{
    return indexOf(findStep(id, step), column);
}

ScenarioModel::Node *ScenarioModel::findStep(const QString &id, int step) const
{
    const Node *scenario = m_scenarios.value(id);
    if (!scenario || step < 0 || std::size_t(step) >= scenario->children.size())
        return nullptr;
    return scenario->children.at(std::size_t(step)).get();
}

QString ScenarioModel::iconName(Status status)
{
    switch (status) {
    case Status::NotRun:
        return u"status-notrun"_s;
    case Status::Running:
        return u"status-running"_s;
    case Status::Passed:
        return u"status-passed"_s;
    case Status::Failed:
        return u"status-failed"_s;
    }
    return {};
}

void ScenarioModel::setStatus(Node *node, Status status, const QString &result)
{
    if (!node || (node->status == status && node->result == result))
        return;
    node->status = status;
    node->result = result;
    Q_EMIT dataChanged(indexOf(node, TitleColumn), indexOf(node, ColumnCount - 1));
}

void ScenarioModel::markStepStarted(const QString &scenario, int index)
{
    Node *step = findStep(scenario, index);
    if (!step)
        return;
    setStatus(step->parent, Status::Running, {});
    setStatus(step, Status::Running, {});
}

void ScenarioModel::markStepFinished(const Lab::StepResult &result)
{
    setStatus(findStep(result.scenario, result.index), result.ok() ? Status::Passed : Status::Failed,
              describe(result));
}

void ScenarioModel::markScenarioFinished(const Lab::ScenarioResult &result)
{
    Node *scenario = m_scenarios.value(result.id);
    if (!scenario)
        return;
    // The result repeats every step that ran: a model not connected to stepFinished (or
    // connected late) still shows them all.
    for (const Lab::StepResult &step : result.steps)
        markStepFinished(step);
    // A scenario stopped or ended early leaves later steps unplayed, not running.
    for (const auto &step : scenario->children) {
        if (step->status == Status::Running)
            setStatus(step.get(), Status::NotRun, {});
    }
    QStringList why;
    if (!result.problem.isEmpty())
        why.append(result.problem);
    for (const Lab::StepResult &step : result.steps) {
        if (!step.ok())
            why.append(tr("Step %1 (%2): %3").arg(step.index + 1).arg(step.title, describe(step)));
    }
    setStatus(scenario, result.passed() ? Status::Passed : Status::Failed, why.join(u'\n'));
}

void ScenarioModel::reset()
{
    for (const auto &group : m_groups) {
        for (const auto &scenario : group->children) {
            setStatus(scenario.get(), Status::NotRun, {});
            for (const auto &step : scenario->children)
                setStatus(step.get(), Status::NotRun, {});
        }
    }
}

QString ScenarioModel::groupTitle(ScenarioGroup group) const
{
    switch (group) {
    case ScenarioGroup::Reference:
        return tr("Reference");
    case ScenarioGroup::ThreatModel:
        return tr("Threat model");
    case ScenarioGroup::PartialVerification:
        return tr("Partial verification");
    }
    return {};
}

QString ScenarioModel::stepKindTitle(ScenarioStep::Kind kind) const
{
    switch (kind) {
    case ScenarioStep::Kind::Operator:
        return tr("Operator");
    case ScenarioStep::Kind::Adversary:
        return tr("Adversary");
    case ScenarioStep::Kind::Cycle:
        return tr("Update cycle");
    }
    return {};
}

// Why a step failed, one line per reason; empty when it passed. Verdict and finding names
// ("DEFENDED", "INSTALLED") and error codes stay as the core names them: they are what the
// banners and the log show.
QString ScenarioModel::describe(const Lab::StepResult &result) const
{
    QStringList lines;
    if (result.error)
        lines.append(tr("could not run: %1").arg(errorCodeName(result.error->code)));
    for (const Lab::Observation &observation : result.observations) {
        if (observation.matches)
            continue;
        const QString where = observation.where == Lab::Observation::Where::Director
                                  ? tr("Director's view of %1").arg(observation.serial)
                                  : observation.serial;
        const auto withCode = [](const QString &name, const std::optional<ErrorCode> &code) {
            return code ? QString(name + u" ("_s + errorCodeName(*code) + u')') : name;
        };
        lines.append(tr("%1: expected %2, observed %3")
                         .arg(where, withCode(observation.expected, observation.expectedCode),
                              withCode(observation.observed, observation.observedCode)));
    }
    return lines.join(u'\n');
}

} // namespace Uptane::Widgets
