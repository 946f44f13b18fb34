#pragma once

// The Inspector (issue 6): select a node or a message and see its metadata.
//
//   title                "inspectorTitle"          what is shown ("ECU TCUdemocar of democar")
//   file chooser         "inspectorFileChooser"    the node's files (an ECU's trusted metadata
//                                                  from its snapshot, a repository's served
//                                                  files from Lab::readRepositoryMetadata)
//   tabs                 "inspectorTabs"
//     Tree               "inspectorTree"           MetadataTreeModel: JSON tree, or DER with
//                                                  field names and byte ranges
//     Hex                "inspectorHex"            HexView of the exact bytes; the selected
//                                                  DER field highlighted
//     Signatures         "inspectorSignatures"     each signature: key id, method, the key it
//                                                  names, whether it verifies and counts;
//                        "inspectorSignatureSummary"  threshold verdict
//     Checks             "inspectorChecks"         the ECU's last verification report, each
//                                                  check ticked / crossed / noted;
//                        "inspectorChecksSummary"  verdict and counts
//   Activating (click, Enter) a failed check opens its file and selects the failed field in
//   the Tree tab (checkfield.h documents the mapping).
//
// Nothing here waits: repository files arrive by callback, signatures are verified on the
// thread pool and arrive through a QFutureWatcher; snapshots come from Lab::snapshot() and
// Lab::vehicleChanged().

#include "common/labevent.h"
#include "metadata/types.h"
#include "verify/report.h"

#include <QMap>
#include <QWidget>

class QComboBox;
class QLabel;
class QTabWidget;
class QTreeView;
class QTreeWidget;
class QTreeWidgetItem;

namespace Uptane::Lab {
class Lab;
struct VehicleSnapshot;
}

namespace Uptane::Widgets {

class HexView;
class MetadataTreeModel;

class InspectorPanel : public QWidget
{
    Q_OBJECT
public:
    explicit InspectorPanel(Lab::Lab &lab, QWidget *parent = nullptr);
    ~InspectorPanel() override;

    // "imagerepo", "director" (= "director/democar"), "director/<vin>", "timeserver",
    // "<vin>/<serial>" (an ECU), "<vin>" (its Primary).
    void showNode(const QString &nodeId);
    // A message: its bytes decoded (JSON or DER), its error as the one check.
    void showEvent(const Uptane::LabEvent &event);
    QString currentTitle() const;

    // What is shown, for the main window and tests.
    QString currentNode() const { return m_nodeId; }  // empty for a message
    QStringList files() const { return m_files.keys(); }
    QString currentFile() const { return m_currentFile; }
    void showFile(const QString &name);

Q_SIGNALS:
    // The files of the node arrived (or changed) and the tabs show them.
    void contentChanged();
    // The Signatures tab was filled for the current file.
    void signaturesChanged();

protected:
    using QWidget::showEvent;  // ours takes a LabEvent: keep QWidget's visible too
    void changeEvent(QEvent *event) override;

private:
    void buildUi();
    void retranslate();
    void setContent(const QString &title, const QMap<QString, QByteArray> &files,
                    const QList<Verify::Check> &checks, const QString &verdict);
    void showMessageOnly(const QString &title, const QString &message);
    void loadFile(const QString &name);
    void fillChecks();
    void fillSignatures(const QString &name);
    void jumpToCheck(QTreeWidgetItem *item);
    void onVehicleChanged(const Uptane::Lab::VehicleSnapshot &snapshot);
    Metadata::Encoding encodingOf(const QString &fileName) const;
    QString preferredFile() const;

    Lab::Lab &m_lab;
    QLabel *m_title = nullptr;
    QComboBox *m_chooser = nullptr;
    QTabWidget *m_tabs = nullptr;
    QTreeView *m_tree = nullptr;
    MetadataTreeModel *m_model = nullptr;
    HexView *m_hex = nullptr;
    QTreeWidget *m_signatures = nullptr;
    QLabel *m_signatureSummary = nullptr;
    QTreeWidget *m_checks = nullptr;
    QLabel *m_checksSummary = nullptr;

    QString m_nodeId;
    QString m_titleText;
    QMap<QString, QByteArray> m_files;
    QString m_currentFile;
    QList<Verify::Check> m_report;
    QString m_verdict;
    std::optional<Metadata::Encoding> m_messageEncoding;  // set for a message
    quint64 m_request = 0;      // repository reads: only the latest answer counts
    quint64 m_signatureJob = 0; // signature descriptions: only the latest counts
};

} // namespace Uptane::Widgets
