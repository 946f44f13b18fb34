#include "widgets/inspector/inspectorpanel.h"

#include "widgets/inspector/checkfield.h"
#include "widgets/inspector/hexview.h"
#include "widgets/inspector/metadatatree.h"

#include "lab/lab.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPointer>
#include <QTabWidget>
#include <QTreeView>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Uptane::Widgets {

namespace {

// The demo vehicle: "director" alone means its Director view (the brief of issue 6).
const QString kDefaultVin = u"democar"_s;

QString ecuTitle(const Lab::EcuSnapshot &ecu)
{
    return ecu.primary ? InspectorPanel::tr("Primary ECU %1 of %2").arg(ecu.serial, ecu.vin)
                       : InspectorPanel::tr("Secondary ECU %1 of %2").arg(ecu.serial, ecu.vin);
}

} // namespace

InspectorPanel::InspectorPanel(Lab::Lab &lab, QWidget *parent)
    : QWidget(parent)
    , m_lab(lab)
{
    setObjectName(u"inspectorPanel"_s);
    buildUi();
    retranslate();
    connect(&m_lab, &Lab::Lab::vehicleChanged, this, &InspectorPanel::onVehicleChanged);
    showMessageOnly(tr("Inspector"), tr("Select a node or a message to inspect it."));
}

InspectorPanel::~InspectorPanel() = default;

void InspectorPanel::buildUi()
{
    m_title = new QLabel(this);
    m_title->setObjectName(u"inspectorTitle"_s);
    m_title->setWordWrap(true);
    m_title->setTextFormat(Qt::PlainText);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    m_title->setFont(titleFont);

    m_chooser = new QComboBox(this);
    m_chooser->setObjectName(u"inspectorFileChooser"_s);
    m_chooser->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    auto *fileLabel = new QLabel(this);
    fileLabel->setObjectName(u"inspectorFileLabel"_s);
    fileLabel->setBuddy(m_chooser);
    connect(m_chooser, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (index >= 0)
            loadFile(m_chooser->itemData(index).toString());
    });

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(u"inspectorTabs"_s);

    m_model = new MetadataTreeModel(this);
    m_tree = new QTreeView(this);
    m_tree->setObjectName(u"inspectorTree"_s);
    m_tree->setModel(m_model);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->header()->setSectionResizeMode(QHeaderView::Interactive);
    m_tree->header()->setStretchLastSection(true);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) {
                const QModelIndex field = current.siblingAtColumn(MetadataTreeModel::FieldColumn);
                const qsizetype offset = field.data(MetadataTreeModel::OffsetRole).toLongLong();
                if (field.isValid() && offset >= 0)
                    m_hex->setHighlight(offset, field.data(MetadataTreeModel::LengthRole).toLongLong());
                else
                    m_hex->setHighlight(0, 0);
            });

    m_hex = new HexView(this);
    m_hex->setObjectName(u"inspectorHex"_s);

    auto *signaturesPage = new QWidget(this);
    signaturesPage->setObjectName(u"inspectorSignaturesPage"_s);
    m_signatures = new QTreeWidget(signaturesPage);
    m_signatures->setObjectName(u"inspectorSignatures"_s);
    m_signatures->setRootIsDecorated(false);
    m_signatures->setColumnCount(5);
    m_signatureSummary = new QLabel(signaturesPage);
    m_signatureSummary->setObjectName(u"inspectorSignatureSummary"_s);
    m_signatureSummary->setWordWrap(true);
    auto *signaturesLayout = new QVBoxLayout(signaturesPage);
    signaturesLayout->setContentsMargins(0, 0, 0, 0);
    signaturesLayout->addWidget(m_signatureSummary);
    signaturesLayout->addWidget(m_signatures, 1);

    auto *checksPage = new QWidget(this);
    checksPage->setObjectName(u"inspectorChecksPage"_s);
    m_checks = new QTreeWidget(checksPage);
    m_checks->setObjectName(u"inspectorChecks"_s);
    m_checks->setRootIsDecorated(false);
    m_checks->setColumnCount(5);
    m_checks->setWordWrap(true);
    m_checksSummary = new QLabel(checksPage);
    m_checksSummary->setObjectName(u"inspectorChecksSummary"_s);
    m_checksSummary->setWordWrap(true);
    auto *checksLayout = new QVBoxLayout(checksPage);
    checksLayout->setContentsMargins(0, 0, 0, 0);
    checksLayout->addWidget(m_checksSummary);
    checksLayout->addWidget(m_checks, 1);
    // Click or Enter on a failed check: jump to its field.
    connect(m_checks, &QTreeWidget::itemActivated, this, &InspectorPanel::jumpToCheck);
    connect(m_checks, &QTreeWidget::itemClicked, this, &InspectorPanel::jumpToCheck);

    m_tabs->addTab(m_tree, QString());
    m_tabs->addTab(m_hex, QString());
    m_tabs->addTab(signaturesPage, QString());
    m_tabs->addTab(checksPage, QString());

    auto *fileRow = new QHBoxLayout;
    fileRow->addWidget(fileLabel);
    fileRow->addWidget(m_chooser, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addLayout(fileRow);
    layout->addWidget(m_tabs, 1);
    setTabOrder(m_chooser, m_tabs);
}

void InspectorPanel::retranslate()
{
    findChild<QLabel *>(u"inspectorFileLabel"_s)->setText(tr("&File:"));
    m_chooser->setAccessibleName(tr("Metadata file"));
    m_tabs->setTabText(0, tr("&Tree"));
    m_tabs->setTabText(1, tr("&Hex"));
    m_tabs->setTabText(2, tr("&Signatures"));
    m_tabs->setTabText(3, tr("Chec&ks"));
    m_tree->setAccessibleName(tr("Metadata tree"));
    m_hex->setAccessibleName(tr("Bytes in hexadecimal"));
    m_signatures->setAccessibleName(tr("Signatures"));
    m_checks->setAccessibleName(tr("Verification checks"));
    m_signatures->setHeaderLabels({tr("Key id"), tr("Method"), tr("Trusted key"), tr("Verifies"),
                                   tr("Status")});
    m_checks->setHeaderLabels({tr("Result"), tr("Spec step"), tr("Role"), tr("Description"),
                               tr("Error")});
}

void InspectorPanel::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        retranslate();
}

QString InspectorPanel::currentTitle() const
{
    return m_titleText;
}

void InspectorPanel::showNode(const QString &nodeId)
{
    ++m_request;
    m_messageEncoding.reset();
    QString node = nodeId;
    if (node == u"director")
        node = u"director/"_s + kDefaultVin;
    m_nodeId = node;

    if (node == u"imagerepo" || node.startsWith(u"director/")) {
        const bool director = node != u"imagerepo";
        const QString title = director ? tr("Director repository for %1").arg(node.section(u'/', 1))
                                       : tr("Image Repository");
        showMessageOnly(title, tr("Reading the files this repository serves…"));
        m_nodeId = node;
        QPointer<InspectorPanel> self(this);
        const quint64 request = m_request;
        m_lab.readRepositoryMetadata(node, [self, request, title](Result<QMap<QString, QByteArray>> files) {
            if (!self || request != self->m_request)
                return;  // the user moved on
            if (!files) {
                self->showMessageOnly(title, tr("The repository's files could not be read: %1")
                                                 .arg(errorCodeName(files.error().code)));
                return;
            }
            self->setContent(title, *files, {}, QString());
        });
        return;
    }
    if (node == u"timeserver") {
        showMessageOnly(tr("Time Server"),
                        tr("The Time Server keeps no metadata files: select one of its attestation "
                           "messages in the event log to inspect it."));
        m_nodeId = node;
        return;
    }

    const QString vin = node.section(u'/', 0, 0);
    const auto snapshot = m_lab.snapshot(vin);
    const Lab::EcuSnapshot *ecu = nullptr;
    if (snapshot)
        ecu = node.contains(u'/') ? snapshot->ecu(node.section(u'/', 1)) : snapshot->primary();
    if (!ecu) {
        showMessageOnly(tr("Unknown node %1").arg(node), tr("No vehicle or ECU has this name."));
        m_nodeId = node;
        return;
    }
    m_nodeId = ecu->nodeId();
    setContent(ecuTitle(*ecu), ecu->metadata, ecu->lastReport, ecu->lastVerdict);
}

void InspectorPanel::showEvent(const Uptane::LabEvent &event)
{
    ++m_request;
    m_nodeId.clear();
    const QString to = event.to.isEmpty() ? tr("(nobody)") : event.to;
    const QString title = tr("%1 from %2 to %3").arg(labEventKindName(event.kind), event.from, to);
    // Sniffed, not assumed: a message may be JSON in a DER lab (a JSON error body) or raw.
    m_messageEncoding = event.bytes.trimmed().startsWith('{') ? Metadata::Encoding::Json
                                                              : Metadata::Encoding::Der;
    QList<Verify::Check> checks;
    if (event.error) {
        Verify::Check check;
        check.role = event.from;
        check.description = event.summary;
        check.error = event.error;
        checks.append(check);
    }
    QMap<QString, QByteArray> files;
    files.insert(tr("Message bytes"), event.bytes);
    setContent(title, files, checks, event.error ? errorCodeName(event.error->code) : QString());
    if (event.totalBytes > event.bytes.size()) {
        m_signatureSummary->setText(tr("Only the first %1 of %2 bytes were recorded.")
                                        .arg(event.bytes.size())
                                        .arg(event.totalBytes));
    }
}

void InspectorPanel::showFile(const QString &name)
{
    const int index = m_chooser->findData(name);
    if (index >= 0)
        m_chooser->setCurrentIndex(index);
}

void InspectorPanel::setContent(const QString &title, const QMap<QString, QByteArray> &files,
                                const QList<Verify::Check> &checks, const QString &verdict)
{
    m_titleText = title;
    m_title->setText(title);
    m_files = files;
    m_report = checks;
    m_verdict = verdict;
    const QString keep = m_currentFile;
    m_currentFile.clear();
    {
        const QSignalBlocker blocker(m_chooser);
        m_chooser->clear();
        for (auto it = files.cbegin(); it != files.cend(); ++it)
            m_chooser->addItem(it.key(), it.key());
    }
    m_chooser->setEnabled(!files.isEmpty());
    fillChecks();
    const QString chosen = files.contains(keep) ? keep : preferredFile();
    if (!chosen.isEmpty()) {
        m_chooser->setCurrentIndex(m_chooser->findData(chosen));
        loadFile(chosen);
    } else {
        m_model->setDocument({}, Metadata::Encoding::Json);
        m_hex->setBytes({});
        m_signatures->clear();
        m_signatureSummary->setText(tr("No signatures to show."));
    }
    Q_EMIT contentChanged();
}

void InspectorPanel::showMessageOnly(const QString &title, const QString &message)
{
    setContent(title, {}, {}, QString());
    m_checksSummary->setText(message);
    m_signatureSummary->setText(message);
}

QString InspectorPanel::preferredFile() const
{
    // The file people ask about first: what the Director assigns (ECUs), the targets served.
    for (const QString &candidate : {u"director/targets"_s, u"targets"_s}) {
        for (auto it = m_files.cbegin(); it != m_files.cend(); ++it) {
            if (it.key().section(u'.', 0, -2) == candidate)
                return it.key();
        }
    }
    return m_files.isEmpty() ? QString() : m_files.firstKey();
}

void InspectorPanel::loadFile(const QString &name)
{
    if (name == m_currentFile && !name.isEmpty())
        return;
    m_currentFile = name;
    const QByteArray bytes = m_files.value(name);
    m_model->setDocument(bytes, encodingOf(name));
    m_tree->expandToDepth(1);
    m_tree->resizeColumnToContents(MetadataTreeModel::FieldColumn);
    // Values as wide as they need, short of pushing the type column out (hex runs long).
    m_tree->resizeColumnToContents(MetadataTreeModel::ValueColumn);
    m_tree->setColumnWidth(MetadataTreeModel::ValueColumn,
                           std::min(m_tree->columnWidth(MetadataTreeModel::ValueColumn),
                                    std::max(m_tree->viewport()->width() / 2, 200)));
    m_hex->setBytes(bytes);
    fillSignatures(name);
}

Metadata::Encoding InspectorPanel::encodingOf(const QString &fileName) const
{
    if (m_messageEncoding)
        return *m_messageEncoding;
    if (fileName.endsWith(u".der"))
        return Metadata::Encoding::Der;
    if (fileName.endsWith(u".json"))
        return Metadata::Encoding::Json;
    return m_lab.options().encoding;
}

void InspectorPanel::onVehicleChanged(const Uptane::Lab::VehicleSnapshot &snapshot)
{
    if (m_nodeId.isEmpty() || m_nodeId.section(u'/', 0, 0) != snapshot.vin || !m_nodeId.contains(u'/'))
        return;
    if (m_nodeId.startsWith(u"director/"))
        return;
    const Lab::EcuSnapshot *ecu = snapshot.ecu(m_nodeId.section(u'/', 1));
    if (!ecu)
        return;
    setContent(ecuTitle(*ecu), ecu->metadata, ecu->lastReport, ecu->lastVerdict);
}

} // namespace Uptane::Widgets
