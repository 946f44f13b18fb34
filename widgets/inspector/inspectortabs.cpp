// InspectorPanel, continued: the Signatures and Checks tabs, and the jump from a failed
// check to its field.

#include "widgets/inspector/checkfield.h"
#include "widgets/inspector/inspectorpanel.h"
#include "widgets/inspector/metadatatree.h"

#include "verify/signatureinfo.h"

#include <QFutureWatcher>
#include <QHeaderView>
#include <QIcon>
#include <QLabel>
#include <QPromise>
#include <QTabWidget>
#include <QThreadPool>
#include <QTreeView>
#include <QTreeWidget>

#include <memory>

using namespace Qt::StringLiterals;

namespace Uptane::Widgets {

namespace {

enum CheckData { CheckIndexRole = Qt::UserRole + 1 };

QString statusText(Verify::SignatureInfo::Status status)
{
    using Status = Verify::SignatureInfo::Status;
    switch (status) {
    case Status::Valid: return InspectorPanel::tr("counts toward the threshold");
    case Status::Duplicate: return InspectorPanel::tr("valid, but this key already counted");
    case Status::BadSignature: return InspectorPanel::tr("does not verify");
    case Status::NotListed: return InspectorPanel::tr("key not listed for this role");
    case Status::UnknownKey: return InspectorPanel::tr("no trusted key with this id");
    case Status::UnusableKey: return InspectorPanel::tr("key could not be loaded");
    }
    return {};
}

bool isTopLevelRole(const QString &role)
{
    return role == u"root" || role == u"timestamp" || role == u"snapshot" || role == u"targets";
}

// The metadata that lists the keys for `name`'s role, among the node's files: the file itself
// for a root (signed by its own keys, TUF 5.3.4), the newest root of the same repository for
// the other top-level roles, its targets for a delegated role.
QByteArray delegatorBytes(const QMap<QString, QByteArray> &files, const QString &name)
{
    const QString role = roleOfFile(name);
    if (role == u"root")
        return files.value(name);
    const QString wanted = isTopLevelRole(role) ? u"root"_s : u"targets"_s;
    const QString repository = repositoryOfFile(name);
    QString best;
    for (auto it = files.cbegin(); it != files.cend(); ++it) {
        if (roleOfFile(it.key()) != wanted || repositoryOfFile(it.key()) != repository)
            continue;
        // "root.json" (the current one) over any "N.root.json".
        const bool current = it.key().section(u'/', -1).section(u'.', 0, 0) == wanted;
        if (best.isEmpty() || current)
            best = it.key();
        if (current)
            break;
    }
    return best.isEmpty() ? QByteArray() : files.value(best);
}

} // namespace

void InspectorPanel::fillChecks()
{
    m_checks->clear();
    int failed = 0;
    for (qsizetype i = 0; i < m_report.size(); ++i) {
        const Verify::Check &check = m_report[i];
        auto *item = new QTreeWidgetItem(m_checks);
        const bool note = !check.passed && check.advisory;
        if (check.passed) {
            item->setIcon(0, QIcon(u":/icons/inspector/passed.svg"_s));
            item->setText(0, tr("Passed"));
        } else if (note) {
            item->setIcon(0, QIcon(u":/icons/inspector/note.svg"_s));
            item->setText(0, tr("Note"));
        } else {
            item->setIcon(0, QIcon(u":/icons/inspector/failed.svg"_s));
            item->setText(0, tr("Failed"));
            ++failed;
        }
        item->setText(1, check.step);
        item->setText(2, check.role);
        item->setText(3, check.description);
        if (check.error) {
            item->setText(4, errorCodeName(check.error->code));
            item->setToolTip(4, check.error->detail);
            item->setToolTip(3, check.error->detail);
        }
        item->setData(0, CheckIndexRole, qlonglong(i));
    }
    for (int column = 0; column < 3; ++column)
        m_checks->resizeColumnToContents(column);
    // The description is what people read: it takes the room left.
    m_checks->header()->setStretchLastSection(false);
    m_checks->header()->setSectionResizeMode(3, QHeaderView::Stretch);
    m_checks->resizeColumnToContents(4);
    if (m_report.isEmpty()) {
        const bool repository = m_nodeId == u"imagerepo" || m_nodeId == u"timeserver"
            || m_nodeId.startsWith(u"director/");
        m_checksSummary->setText(repository
                                     ? tr("Servers do not verify: select an ECU to see its checks.")
                                     : tr("No verification report yet: run an update cycle."));
    } else if (failed == 0) {
        m_checksSummary->setText(tr("%n check(s), all passed. Last verdict: %1.", nullptr,
                                    int(m_report.size()))
                                     .arg(m_verdict));
    } else {
        m_checksSummary->setText(tr("%n check(s), %1 failed. Last verdict: %2. Activate a failed "
                                    "check to see the field that failed.",
                                    nullptr, int(m_report.size()))
                                     .arg(failed)
                                     .arg(m_verdict));
    }
}

void InspectorPanel::fillSignatures(const QString &name)
{
    m_signatures->clear();
    m_signatureSummary->setText(tr("Checking signatures…"));
    const quint64 job = ++m_signatureJob;
    const QByteArray bytes = m_files.value(name);
    const QByteArray delegator = m_messageEncoding ? QByteArray() : delegatorBytes(m_files, name);
    const Metadata::Encoding encoding = encodingOf(name);
    const QString role = roleOfFile(name);

    // Signature checks are crypto: on the thread pool, never on the GUI thread.
    using Answer = Result<Verify::SignatureReport>;
    auto promise = std::make_shared<QPromise<Answer>>();
    auto *watcher = new QFutureWatcher<Answer>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, job] {
        watcher->deleteLater();
        if (job != m_signatureJob || watcher->future().resultCount() == 0)
            return;
        const Answer answer = watcher->future().result();
        if (!answer) {
            m_signatureSummary->setText(tr("Not signed metadata: %1").arg(errorCodeName(answer.error().code)));
            m_signatureSummary->setToolTip(answer.error().detail);
            Q_EMIT signaturesChanged();
            return;
        }
        for (const Verify::SignatureInfo &info : answer->signatures) {
            auto *item = new QTreeWidgetItem(m_signatures);
            item->setText(0, info.keyid);
            item->setToolTip(0, info.keyid);
            item->setIcon(0, QIcon(u":/icons/inspector/key.svg"_s));
            item->setText(1, info.method.isEmpty() ? tr("unknown") : info.method);
            item->setText(2, info.listed ? tr("%1 key of %2").arg(answer->role, answer->delegator)
                                         : tr("none"));
            item->setText(3, info.verifies ? tr("Yes") : tr("No"));
            item->setIcon(3, QIcon(info.verifies ? u":/icons/inspector/passed.svg"_s
                                                 : u":/icons/inspector/failed.svg"_s));
            item->setText(4, statusText(info.status));
            item->setData(4, Qt::UserRole, Verify::signatureStatusName(info.status));
        }
        for (int column = 1; column < m_signatures->columnCount(); ++column)
            m_signatures->resizeColumnToContents(column);
        if (answer->delegator.isEmpty()) {
            m_signatureSummary->setText(tr("%n signature(s); no trusted keys at hand to check them.",
                                           nullptr, int(answer->signatures.size())));
        } else if (!answer->error) {
            m_signatureSummary->setText(tr("%1 of %2 required valid signatures for %3 (keys from %4).")
                                            .arg(answer->validCount)
                                            .arg(answer->threshold)
                                            .arg(answer->role, answer->delegator));
        } else {
            m_signatureSummary->setText(tr("Threshold not met (%1): %2 of %3 required valid "
                                           "signatures for %4 (keys from %5).")
                                            .arg(errorCodeName(answer->error->code))
                                            .arg(answer->validCount)
                                            .arg(answer->threshold)
                                            .arg(answer->role, answer->delegator));
        }
        Q_EMIT signaturesChanged();
    });
    watcher->setFuture(promise->future());
    QThreadPool::globalInstance()->start([promise, bytes, encoding, role, delegator] {
        promise->start();
        promise->addResult(Verify::describeFileSignatures(bytes, encoding, role, delegator));
        promise->finish();
    });
}

void InspectorPanel::jumpToCheck(QTreeWidgetItem *item)
{
    if (!item)
        return;
    const qsizetype index = item->data(0, CheckIndexRole).toLongLong();
    if (index < 0 || index >= m_report.size())
        return;
    const Verify::Check &check = m_report[index];
    if (check.passed || !check.error)
        return;
    const QString file = m_messageEncoding ? m_currentFile : fileForCheck(m_report, index, files());
    if (file.isEmpty())
        return;
    showFile(file);
    loadFile(file);

    // Inside the entry the error names (a target path, a file), then anywhere in the file.
    const QStringList names = fieldNamesFor(check.error->code);
    // The role's file as a listing names it ("targets.json") counts as named too.
    const QString named = check.error->detail + u' ' + check.role + u' ' + check.role + u'.'
        + file.section(u'.', -1);
    const QModelIndex within = m_model->findLabelIn(named);
    QModelIndex field;
    if (!names.isEmpty()) {
        field = within.isValid() ? m_model->findField(names, within) : QModelIndex();
        if (!field.isValid())
            field = m_model->findField(names);
    }
    if (!field.isValid())
        field = within.isValid() ? within : m_model->index(0, MetadataTreeModel::FieldColumn);
    if (!field.isValid())
        return;
    for (QModelIndex parent = field.parent(); parent.isValid(); parent = parent.parent())
        m_tree->expand(parent);
    m_tree->setCurrentIndex(field);
    m_tree->scrollTo(field);
    m_tabs->setCurrentWidget(m_tree);
}

} // namespace Uptane::Widgets
