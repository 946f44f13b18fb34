#include "widgets/scenario/scenariopanel.h"

#include "attacks/catalogue.h"
#include "widgets/models/scenariomodel.h"
#include "widgets/scenario/scenariotreeproxy.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QShortcut>
#include <QSplitter>
#include <QTextBrowser>
#include <QTreeView>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Uptane::Widgets {

using Attacks::Scenario;
using Attacks::ScenarioGroup;

namespace {

constexpr ScenarioGroup kGroups[] = {ScenarioGroup::Reference, ScenarioGroup::ThreatModel,
                                     ScenarioGroup::PartialVerification};

QString resultKey(const QString &scenario, int index)
{
    return scenario + u'#' + QString::number(index);
}

QPushButton *makeButton(const QString &text, const QString &name, const QString &icon, const QString &accessible,
                        QWidget *parent)
{
    auto *button = new QPushButton(QIcon(u":/icons/scenario/%1.svg"_s.arg(icon)), text, parent);
    button->setObjectName(name);
    button->setAccessibleName(accessible);
    return button;
}

} // namespace

ScenarioPanel::ScenarioPanel(Lab::Lab &lab, QWidget *parent)
    : QWidget(parent)
{
    setObjectName(u"scenarioPanel"_s);
    setAccessibleName(tr("Scenarios"));

    m_runner = new Lab::ScenarioRunner(lab, this);
    m_model = new ScenarioModel(this);
    m_proxy = new ScenarioTreeProxy(this);
    m_proxy->setSourceModel(m_model);

    m_run = makeButton(tr("&Run"), u"runScenario"_s, u"run"_s, tr("Run"), this);
    m_step = makeButton(tr("S&tep"), u"stepScenario"_s, u"step"_s, tr("Step"), this);
    m_stop = makeButton(tr("St&op"), u"stopScenario"_s, u"stop"_s, tr("Stop"), this);
    m_reset = makeButton(tr("R&eset"), u"resetScenarios"_s, u"reset"_s, tr("Reset"), this);
    m_step->setToolTip(tr("Play the next step of the selected scenario (Space)"));
    m_stop->setToolTip(tr("Stop after the step that is playing"));
    m_reset->setToolTip(tr("Stop, and mark every scenario as not run"));
    auto *buttons = new QHBoxLayout;
    for (QPushButton *button : {m_run, m_step, m_stop, m_reset})
        buttons->addWidget(button);
    buttons->addStretch(1);

    m_status = new QLabel(this);
    m_status->setObjectName(u"scenarioStatus"_s);
    m_status->setWordWrap(true);
    m_status->setAccessibleName(tr("Scenario status"));
    QFont statusFont = m_status->font();  // the application's size (presentation mode scales it)
    statusFont.setBold(true);
    m_status->setFont(statusFont);

    m_tree = new QTreeView(this);
    m_tree->setObjectName(u"scenarioTree"_s);
    m_tree->setAccessibleName(tr("Scenario catalogue"));
    m_tree->setModel(m_proxy);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_tree->setUniformRowHeights(true);
    m_tree->setAllColumnsShowFocus(true);
    m_tree->header()->setSectionResizeMode(ScenarioModel::TitleColumn, QHeaderView::Interactive);
    m_tree->header()->setStretchLastSection(true);
    m_tree->expandToDepth(0);  // groups open, scenarios closed
    m_tree->resizeColumnToContents(ScenarioModel::TitleColumn);

    m_narration = new QTextBrowser(this);
    m_narration->setObjectName(u"scenarioNarration"_s);
    m_narration->setAccessibleName(tr("Narration"));
    m_narration->setOpenLinks(false);

    m_stepTitle = new QLabel(this);
    m_stepTitle->setObjectName(u"stepTitle"_s);
    m_stepTitle->setWordWrap(true);

    m_observations = new QTreeWidget(this);
    m_observations->setObjectName(u"stepObservations"_s);
    m_observations->setAccessibleName(tr("Observations of the step"));
    m_observations->setRootIsDecorated(false);
    m_observations->setHeaderLabels({tr("Where"), tr("ECU"), tr("Expected"), tr("Observed")});
    m_observations->header()->setSectionResizeMode(QHeaderView::ResizeToContents);

    auto *details = new QWidget(this);
    auto *detailsLayout = new QVBoxLayout(details);
    detailsLayout->setContentsMargins(0, 0, 0, 0);
    detailsLayout->addWidget(m_narration, 3);
    detailsLayout->addWidget(m_stepTitle);
    detailsLayout->addWidget(m_observations, 2);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(u"scenarioSplitter"_s);
    splitter->addWidget(m_tree);
    splitter->addWidget(details);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(buttons);
    layout->addWidget(m_status);
    layout->addWidget(splitter, 1);

    // The model follows the runner first, so the panel's slots see the updated statuses.
    connect(m_runner, &Lab::ScenarioRunner::stepStarted, m_model, &ScenarioModel::markStepStarted);
    connect(m_runner, &Lab::ScenarioRunner::stepFinished, m_model, &ScenarioModel::markStepFinished);
    connect(m_runner, &Lab::ScenarioRunner::scenarioFinished, m_model, &ScenarioModel::markScenarioFinished);
    connect(m_runner, &Lab::ScenarioRunner::stepStarted, this, &ScenarioPanel::onStepStarted);
    connect(m_runner, &Lab::ScenarioRunner::stepFinished, this, &ScenarioPanel::onStepFinished);
    connect(m_runner, &Lab::ScenarioRunner::scenarioFinished, this, &ScenarioPanel::onScenarioFinished);
    connect(m_runner, &Lab::ScenarioRunner::finished, this, &ScenarioPanel::onFinished);

    connect(m_run, &QPushButton::clicked, this, &ScenarioPanel::runSelection);
    connect(m_step, &QPushButton::clicked, this, [this] { stepOnce(); });
    connect(m_stop, &QPushButton::clicked, this, &ScenarioPanel::stop);
    connect(m_reset, &QPushButton::clicked, this, &ScenarioPanel::resetScenarios);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this, &ScenarioPanel::showSelection);

    // Space = Step anywhere in the panel (the tree would otherwise take it for selection).
    auto *space = new QShortcut(QKeySequence(Qt::Key_Space), this);
    space->setObjectName(u"stepShortcut"_s);
    space->setContext(Qt::WidgetWithChildrenShortcut);
    connect(space, &QShortcut::activated, this, [this] { stepOnce(); });

    showSelection();
    updateState();
}

ScenarioPanel::~ScenarioPanel() = default;

Lab::ScenarioRunner &ScenarioPanel::runner()
{
    return *m_runner;
}

ScenarioModel &ScenarioPanel::model()
{
    return *m_model;
}

bool ScenarioPanel::isRunning() const
{
    return m_runner->isBusy() || m_playing;
}

QList<Scenario> ScenarioPanel::scenariosFor(const QString &id) const
{
    if (id == u"all"_s)
        return Attacks::catalogue();
    for (ScenarioGroup group : kGroups) {
        if (id != Attacks::groupName(group))
            continue;
        QList<Scenario> scenarios;
        for (const Scenario &scenario : Attacks::catalogue()) {
            if (scenario.group == group)
                scenarios.append(scenario);
        }
        return scenarios;
    }
    if (const Scenario *scenario = Attacks::findScenario(id))
        return {*scenario};
    return {};
}

QString ScenarioPanel::selectionId() const
{
    const QModelIndex current = m_proxy->mapToSource(m_tree->currentIndex());
    if (!current.isValid())
        return u"all"_s;
    const auto type = ScenarioModel::NodeType(current.data(ScenarioModel::NodeTypeRole).toInt());
    if (type == ScenarioModel::NodeType::Group)
        return Attacks::groupName(ScenarioGroup(current.data(ScenarioModel::GroupRole).toInt()));
    return current.data(ScenarioModel::IdRole).toString();
}

void ScenarioPanel::runSelection()
{
    runScenario(selectionId());
}

void ScenarioPanel::runScenario(const QString &id)
{
    if (isRunning())
        return;
    if (!m_runner->hasNext()) {
        const QList<Scenario> scenarios = scenariosFor(id);
        if (scenarios.isEmpty() || !m_runner->load(scenarios))
            return;
        m_queued = int(scenarios.size());
        m_passed = 0;
        m_finishedCount = 0;
    }
    m_playing = true;
    m_runner->run();
    updateState();
}

bool ScenarioPanel::stepOnce()
{
    if (m_runner->isBusy())
        return false;
    if (!m_runner->hasNext()) {
        const QList<Scenario> scenarios = scenariosFor(selectionId());
        if (scenarios.isEmpty() || !m_runner->load(scenarios))
            return false;
        m_queued = int(scenarios.size());
        m_passed = 0;
        m_finishedCount = 0;
    }
    const bool stepped = m_runner->step();
    updateState();
    return stepped;
}

void ScenarioPanel::selectScenario(const QString &id)
{
    const QModelIndex index = m_proxy->mapFromSource(m_model->scenarioIndex(id));
    if (!index.isValid())
        return;
    m_tree->setCurrentIndex(index);
    m_tree->scrollTo(index);
}

void ScenarioPanel::stop()
{
    m_playing = false;
    m_runner->stop();
    updateState();
}

void ScenarioPanel::resetScenarios()
{
    // A step in flight still reports; the statuses it brings are cleared again when the
    // runner is idle.
    m_resetWhenIdle = m_runner->isBusy();
    stop();
    m_model->reset();
    m_proxy->setCurrentStep({});
    m_results.clear();
    m_queued = m_passed = m_finishedCount = 0;
    m_status->clear();
    clearObservations();
    showSelection();
    updateState();
}

void ScenarioPanel::onStepStarted(const QString &scenario, int index)
{
    const QModelIndex step = m_model->stepIndex(scenario, index);
    m_proxy->setCurrentStep(step);
    const QModelIndex shown = m_proxy->mapFromSource(step);
    m_tree->expand(shown.parent());
    m_tree->scrollTo(shown);
    const Scenario *played = Attacks::findScenario(scenario);
    const int total = played ? int(played->steps.size()) : 0;
    m_status->setText(tr("Playing %1, step %2 of %3: %4")
                          .arg(played ? played->translatedTitle() : scenario)
                          .arg(index + 1)
                          .arg(total)
                          .arg(step.data().toString()));
    updateState();  // before the signal: its receivers may press Stop
    Q_EMIT stepStarted(scenario, index);
}

void ScenarioPanel::onStepFinished(const Lab::StepResult &result)
{
    if (m_resetWhenIdle)
        return;
    m_results.insert(resultKey(result.scenario, result.index), result);
    showObservations(result);
    Q_EMIT stepFinished(result);
    // The runner is still "busy" while it emits; look again once it has moved on.
    QMetaObject::invokeMethod(this, &ScenarioPanel::updateState, Qt::QueuedConnection);
}

void ScenarioPanel::onScenarioFinished(const Lab::ScenarioResult &result)
{
    m_proxy->setCurrentStep({});
    if (m_resetWhenIdle)
        return;
    ++m_finishedCount;
    if (result.passed())
        ++m_passed;
    const Scenario *played = Attacks::findScenario(result.id);
    const QString title = played ? played->translatedTitle() : result.id;
    m_status->setText(result.passed() ? tr("%1: passed").arg(title) : tr("%1: not passed").arg(title));
    if (m_tree->currentIndex() == m_proxy->mapFromSource(m_model->scenarioIndex(result.id)))
        showSelection();  // the narration lists why it failed
    Q_EMIT scenarioFinished(result);
    QMetaObject::invokeMethod(this, &ScenarioPanel::updateState, Qt::QueuedConnection);
}

void ScenarioPanel::onFinished(const QList<Lab::ScenarioResult> &results)
{
    m_playing = false;
    if (m_resetWhenIdle) {
        m_resetWhenIdle = false;
        m_model->reset();
        m_results.clear();
        clearObservations();
        m_status->clear();
    } else if (results.size() > 1) {
        m_status->setText(tr("%1 of %2 scenarios passed").arg(m_passed).arg(results.size()));
    }
    updateState();
}

void ScenarioPanel::updateState()
{
    const bool busy = isRunning();
    m_run->setEnabled(!busy);
    m_step->setEnabled(!m_runner->isBusy());
    m_stop->setEnabled(busy || m_runner->hasNext());
    const QString target = selectionId();
    m_run->setToolTip(target == u"all"_s ? tr("Run every scenario")
                      : Attacks::findScenario(target) ? tr("Run the selected scenario")
                                                     : tr("Run every scenario of the selected group"));
    if (busy != m_busy) {
        m_busy = busy;
        Q_EMIT busyChanged(busy);
    }
}

void ScenarioPanel::showSelection()
{
    const QModelIndex current = m_proxy->mapToSource(m_tree->currentIndex());
    const auto type = current.isValid() ? ScenarioModel::NodeType(current.data(ScenarioModel::NodeTypeRole).toInt())
                                        : ScenarioModel::NodeType::Group;
    QString html;
    if (!current.isValid()) {
        html = u"<h3>%1</h3><p>%2</p>"_s.arg(
            tr("The attack catalogue").toHtmlEscaped(),
            tr("Select a scenario to read what it shows. Run with nothing selected plays all %n scenario(s).", nullptr,
               int(Attacks::catalogue().size()))
                .toHtmlEscaped());
    } else if (type == ScenarioModel::NodeType::Group) {
        html = u"<h3>%1</h3><p>%2</p>"_s.arg(
            current.data().toString().toHtmlEscaped(),
            tr("Run plays the %n scenario(s) of this group in order; Step plays one step per press.", nullptr,
               m_model->rowCount(current))
                .toHtmlEscaped());
    } else if (const Scenario *scenario = Attacks::findScenario(current.data(ScenarioModel::IdRole).toString())) {
        html = u"<h3>%1</h3><p>%2</p><p><b>%3</b> %4</p>"_s.arg(scenario->translatedTitle().toHtmlEscaped(),
                                                              scenario->translatedNarration().toHtmlEscaped(),
                                                              tr("Expected outcome:").toHtmlEscaped(),
                                                              scenario->translatedOutcome().toHtmlEscaped());
        const QString why = m_model->scenarioIndex(scenario->id).data(ScenarioModel::ResultRole).toString();
        if (!why.isEmpty()) {
            html += u"<p><b>%1</b><br>%2</p>"_s.arg(tr("Why it did not pass:").toHtmlEscaped(),
                                                   why.toHtmlEscaped().replace(u'\n', u"<br>"_s));
        }
        if (type == ScenarioModel::NodeType::Step) {
            const auto found = m_results.constFind(
                resultKey(scenario->id, current.data(ScenarioModel::StepIndexRole).toInt()));
            if (found != m_results.constEnd())
                showObservations(*found);
        }
    }
    m_narration->setHtml(html);
    updateState();
}

void ScenarioPanel::clearObservations()
{
    m_stepTitle->clear();
    m_observations->clear();
}

void ScenarioPanel::showObservations(const Lab::StepResult &result)
{
    clearObservations();
    const QString title = tr("Step %1: %2").arg(result.index + 1).arg(result.title);
    QString line = result.ok() ? tr("%1 (as expected)").arg(title) : tr("%1 (not as expected)").arg(title);
    if (result.error)
        line += u'\n' + tr("The step failed with %1: %2").arg(errorCodeName(result.error->code), result.error->detail);
    m_stepTitle->setText(line);
    const auto withCode = [](const QString &value, const std::optional<ErrorCode> &code) {
        return code ? tr("%1 (%2)").arg(value, errorCodeName(*code)) : value;
    };
    for (const Lab::Observation &observation : result.observations) {
        auto *row = new QTreeWidgetItem(m_observations);
        row->setText(0, observation.where == Lab::Observation::Where::Ecu ? tr("ECU") : tr("Director"));
        row->setText(1, observation.serial);
        row->setText(2, withCode(observation.expected, observation.expectedCode));
        row->setText(3, withCode(observation.observed, observation.observedCode));
        row->setIcon(0, ScenarioTreeProxy::statusIcon(
                            ScenarioModel::iconName(observation.matches ? ScenarioModel::Status::Passed
                                                                        : ScenarioModel::Status::Failed)));
        row->setData(0, Qt::UserRole, observation.matches);
        if (!observation.detail.isEmpty()) {
            for (int column = 0; column < m_observations->columnCount(); ++column)
                row->setToolTip(column, observation.detail);
        }
    }
}

} // namespace Uptane::Widgets
