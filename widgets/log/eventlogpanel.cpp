#include "widgets/log/eventlogpanel.h"

#include "widgets/log/eventdetails.h"
#include "widgets/log/logfilterproxy.h"
#include "widgets/models/eventlogmodel.h"

#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <tuple>

using namespace Qt::StringLiterals;

namespace Uptane::Widgets {

namespace {

// Typing in the search field refilters a log of up to 20000 rows: once the typing pauses.
constexpr int kTextFilterDelayMs = 150;

// The node combo's order: the OEM servers as the canvas shows them, the other servers and
// the attacker, then vehicles (a VIN just before its ECUs).
std::tuple<int, QString> nodeRank(const QString &node, const QSet<QString> &vins)
{
    static const QStringList oem = {u"imagerepo"_s, u"director"_s, u"timeserver"_s, u"oem"_s};
    const QString head = node.section(u'/', 0, 0);
    if (oem.contains(head) && !vins.contains(head))
        return {int(oem.indexOf(head)), node};
    if (!node.contains(u'/') && !vins.contains(node))
        return {int(oem.size()), node};
    return {int(oem.size()) + 1, node};
}

} // namespace

EventLogPanel::EventLogPanel(EventLogModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
{
    setObjectName(u"eventLogPanel"_s);
    m_proxy = new LogFilterProxy(this);
    m_proxy->setSourceModel(model);
    m_proxy->setPalette(palette());

    m_node = new QComboBox(this);
    m_node->setObjectName(u"eventNodeFilter"_s);
    m_node->setAccessibleName(tr("Show events of node"));
    m_node->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_node->addItem(tr("All nodes"), QString());
    auto *nodeLabel = new QLabel(tr("&Node:"), this);
    nodeLabel->setBuddy(m_node);

    m_outcome = new QComboBox(this);
    m_outcome->setObjectName(u"eventOutcomeFilter"_s);
    m_outcome->setAccessibleName(tr("Show events with outcome"));
    m_outcome->addItem(tr("All"), int(LogFilterProxy::Outcome::All));
    m_outcome->addItem(QIcon(u":/icons/log/passed.svg"_s), tr("OK"), int(LogFilterProxy::Outcome::Ok));
    m_outcome->addItem(QIcon(u":/icons/log/failed.svg"_s), tr("Failed"), int(LogFilterProxy::Outcome::Failed));
    m_outcome->addItem(QIcon(u":/icons/log/verdict.svg"_s), tr("Verdicts"), int(LogFilterProxy::Outcome::Verdicts));
    auto *outcomeLabel = new QLabel(tr("&Outcome:"), this);
    outcomeLabel->setBuddy(m_outcome);

    m_text = new QLineEdit(this);
    m_text->setObjectName(u"eventTextFilter"_s);
    m_text->setAccessibleName(tr("Search the event summaries"));
    m_text->setPlaceholderText(tr("Text in the summary"));
    m_text->setClearButtonEnabled(true);
    auto *textLabel = new QLabel(tr("&Search:"), this);
    textLabel->setBuddy(m_text);
    m_textDelay = new QTimer(this);
    m_textDelay->setSingleShot(true);
    m_textDelay->setInterval(kTextFilterDelayMs);

    m_follow = new QToolButton(this);
    m_follow->setObjectName(u"eventFollow"_s);
    m_follow->setText(tr("&Follow"));
    m_follow->setIcon(QIcon(u":/icons/log/follow.svg"_s));
    m_follow->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_follow->setCheckable(true);
    m_follow->setChecked(true);
    m_follow->setAccessibleName(tr("Follow the newest event"));
    m_follow->setToolTip(tr("Keep the newest event in view"));

    m_clear = new QPushButton(QIcon(u":/icons/log/clear.svg"_s), tr("C&lear"), this);
    m_clear->setObjectName(u"eventClear"_s);
    m_clear->setAccessibleName(tr("Clear the event log"));

    m_count = new QLabel(this);
    m_count->setObjectName(u"eventCount"_s);

    m_view = new QTableView(this);
    m_view->setObjectName(u"eventLogView"_s);
    m_view->setAccessibleName(tr("Event log"));
    m_view->setModel(m_proxy);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setWordWrap(false);
    m_view->setTextElideMode(Qt::ElideMiddle);
    m_view->setAlternatingRowColors(false);  // the outcome tints are the rows' colours
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_view->horizontalHeader()->setSectionResizeMode(EventLogModel::SummaryColumn, QHeaderView::Stretch);
    m_view->horizontalHeader()->setHighlightSections(false);

    m_details = new QPlainTextEdit(this);
    m_details->setObjectName(u"eventDetails"_s);
    m_details->setAccessibleName(tr("Details of the selected event"));
    m_details->setReadOnly(true);
    m_details->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_details->setPlaceholderText(tr("Select an event to see its bytes."));

    auto *filters = new QHBoxLayout;
    filters->addWidget(nodeLabel);
    filters->addWidget(m_node);
    filters->addWidget(outcomeLabel);
    filters->addWidget(m_outcome);
    filters->addWidget(textLabel);
    filters->addWidget(m_text, 1);
    filters->addWidget(m_follow);
    filters->addWidget(m_clear);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(u"eventSplitter"_s);
    splitter->addWidget(m_view);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(filters);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_count);
    setTabOrder(m_node, m_outcome);
    setTabOrder(m_outcome, m_text);
    setTabOrder(m_text, m_follow);
    setTabOrder(m_follow, m_clear);
    setTabOrder(m_clear, m_view);
    setTabOrder(m_view, m_details);

    connect(m_node, &QComboBox::currentIndexChanged, this,
            [this] { m_proxy->setNode(m_node->currentData().toString()); });
    connect(m_outcome, &QComboBox::currentIndexChanged, this,
            [this] { m_proxy->setOutcome(LogFilterProxy::Outcome(m_outcome->currentData().toInt())); });
    connect(m_text, &QLineEdit::textChanged, m_textDelay, qOverload<>(&QTimer::start));
    connect(m_text, &QLineEdit::returnPressed, m_textDelay, [this] {
        m_textDelay->stop();
        m_proxy->setText(m_text->text());
    });
    connect(m_textDelay, &QTimer::timeout, this, [this] { m_proxy->setText(m_text->text()); });
    connect(m_clear, &QPushButton::clicked, this, [this] { m_model->clear(); });
    connect(m_follow, &QToolButton::toggled, this, [this](bool on) {
        if (on)
            m_view->scrollToBottom();
    });

    connect(model, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &, int first, int last) { addNodesFrom(first, last); });
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, [this] {
        if (m_follow->isChecked())
            m_view->scrollToBottom();
    });
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_proxy, signal, this, &EventLogPanel::updateCount);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &EventLogPanel::updateCount);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &EventLogPanel::updateCount);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &EventLogPanel::showCurrent);
    connect(m_view, &QTableView::activated, this, [this](const QModelIndex &index) {
        const QVariant value = index.data(EventLogModel::EventRole);
        if (value.canConvert<LabEvent>())
            Q_EMIT eventActivated(value.value<LabEvent>());
    });

    if (model->rowCount() > 0)
        addNodesFrom(0, model->rowCount() - 1);
    applyFontMetrics();
    updateCount();
}

EventLogPanel::~EventLogPanel() = default;

QStringList EventLogPanel::nodes() const
{
    QStringList list;
    for (int i = 1; i < m_node->count(); ++i)
        list.append(m_node->itemData(i).toString());
    return list;
}

void EventLogPanel::addNodesFrom(int first, int last)
{
    for (int row = first; row <= last; ++row) {
        const LabEvent &event = m_model->event(row);
        for (const QString &node : {event.from, event.to}) {
            if (node.isEmpty() || m_nodes.contains(node))
                continue;
            // An ECU's vehicle first: choosing "democar" shows all of democar's ECUs.
            // ("director/democar" names the Director's files for democar, not a vehicle.)
            if (node.contains(u'/') && !node.startsWith(u"director/") && !node.startsWith(u"imagerepo/")) {
                m_vins.insert(node.section(u'/', 0, 0));
                addNode(node.section(u'/', 0, 0));
            }
            addNode(node);
        }
    }
}

void EventLogPanel::addNode(const QString &node)
{
    if (m_nodes.contains(node))
        return;
    m_nodes.insert(node);
    const auto rank = nodeRank(node, m_vins);
    int at = 1;
    while (at < m_node->count() && nodeRank(m_node->itemData(at).toString(), m_vins) < rank)
        ++at;
    m_node->insertItem(at, node, node);
}

void EventLogPanel::showCurrent()
{
    const QModelIndex current = m_view->currentIndex();
    const QVariant value = current.data(EventLogModel::EventRole);
    if (!current.isValid() || !value.canConvert<LabEvent>()) {
        m_details->clear();
        return;
    }
    const auto event = value.value<LabEvent>();
    m_details->setPlainText(eventDetailsText(event));
    Q_EMIT eventActivated(event);
}

void EventLogPanel::updateCount()
{
    const int shown = m_proxy->rowCount();
    const int total = m_model->rowCount();
    m_count->setText(shown == total ? tr("%n event(s)", nullptr, total)
                                    : tr("%1 of %2 events shown").arg(shown).arg(total));
    if (total == 0)
        m_details->clear();
}

void EventLogPanel::applyFontMetrics()
{
    // Everything in units of the current font: presentation mode enlarges it. Verdict rows
    // are bold: measure with the bold font; the Kind column also holds an outcome icon.
    QFont boldFont = m_view->font();
    boldFont.setBold(true);
    const QFontMetrics metrics(boldFont);
    m_view->verticalHeader()->setDefaultSectionSize(metrics.height() + metrics.height() / 2);
    const int pad = metrics.averageCharWidth() * 3;
    QHeaderView *header = m_view->horizontalHeader();
    const int node = metrics.horizontalAdvance(u"democar/DOORdemocar"_s) + pad;
    header->resizeSection(EventLogModel::TimeColumn, metrics.horizontalAdvance(u"00:00:00.000"_s) + pad);
    header->resizeSection(EventLogModel::FromColumn, node);
    header->resizeSection(EventLogModel::ToColumn, node);
    header->resizeSection(EventLogModel::KindColumn,
                          metrics.horizontalAdvance(u"ManifestRejected"_s) + pad + 2 * metrics.height());
    header->resizeSection(EventLogModel::ErrorColumn, metrics.horizontalAdvance(u"ReleaseCounterRollback"_s) + pad);
    header->resizeSection(EventLogModel::BytesColumn, metrics.horizontalAdvance(u"0000000"_s) + pad);
    QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    if (font().pointSizeF() > 0)
        fixed.setPointSizeF(font().pointSizeF());
    m_details->setFont(fixed);
}

void EventLogPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange) {
        m_proxy->setPalette(palette());
        m_view->viewport()->update();
    } else if (event->type() == QEvent::FontChange) {
        applyFontMetrics();
    }
    QWidget::changeEvent(event);
}

} // namespace Uptane::Widgets
