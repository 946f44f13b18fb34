// Tests of the Inspector panel (widgets/inspector/inspectorpanel.h) on a real Lab in both
// encodings: an ECU's trusted metadata as a tree, its checks after a cycle, the jump from a
// failed check to the field that failed after a man in the middle, the signatures of its
// files, the hex view's bytes, a repository's served files, a message, and a dark palette.
// UPTANE_INSPECTOR_GRAB=<dir> saves a picture of the panel per test row (for looking at).

#include "widgets/inspector/checkfield.h"
#include "widgets/inspector/hexview.h"
#include "widgets/inspector/inspectorpanel.h"
#include "widgets/inspector/metadatatree.h"

#include "attacks/adversary.h"
#include "lab/lab.h"
#include "services/directorrepository.h"
#include "services/oemservices.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QStyle>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>
#include <QTreeWidget>

using namespace Uptane;
using namespace Qt::StringLiterals;
using Uptane::Metadata::Encoding;
namespace Demo = Uptane::Services::DemoFleet;

Q_DECLARE_METATYPE(Uptane::Metadata::Encoding)

namespace {

QString ext(Encoding encoding)
{
    return encoding == Encoding::Json ? u"json"_s : u"der"_s;
}

Result<void> assignFirmware(Services::OemServices &services)
{
    for (const QString &serial : Demo::secondarySerials()) {
        if (auto assigned = services.director().assign(Demo::vin(), serial, Demo::firmwarePath()); !assigned)
            return fail(assigned.error());
    }
    return {};
}

QPalette darkPalette()
{
    QPalette palette;
    palette.setColor(QPalette::Window, QColor(0x20, 0x22, 0x25));
    palette.setColor(QPalette::WindowText, QColor(0xe8, 0xe8, 0xe8));
    palette.setColor(QPalette::Base, QColor(0x17, 0x18, 0x1a));
    palette.setColor(QPalette::AlternateBase, QColor(0x24, 0x26, 0x2a));
    palette.setColor(QPalette::Text, QColor(0xe8, 0xe8, 0xe8));
    palette.setColor(QPalette::Button, QColor(0x2c, 0x2f, 0x33));
    palette.setColor(QPalette::ButtonText, QColor(0xe8, 0xe8, 0xe8));
    palette.setColor(QPalette::Highlight, QColor(0x3d, 0x7e, 0xd6));
    palette.setColor(QPalette::HighlightedText, Qt::white);
    return palette;
}

} // namespace

class TestInspectorPanel : public QObject
{
    Q_OBJECT

private slots:
    void ecuTreeAndChecks_data();
    void ecuTreeAndChecks();
    void failedCheckSelectsField_data();
    void failedCheckSelectsField();
    void signatures_data();
    void signatures();
    void hexEqualsFile_data();
    void hexEqualsFile();
    void repositoryNode_data();
    void repositoryNode();
    void httpResponseEvent_data();
    void httpResponseEvent();
    void checkFieldTable();

private:
    void encodings(bool withPalette = false);
    bool startLab(Lab::Lab &lab, QTemporaryDir &dir, Encoding encoding);
    bool runCycle(Lab::Lab &lab);
    void grab(QWidget &widget, const QString &name);
};

void TestInspectorPanel::encodings(bool withPalette)
{
    QTest::addColumn<Encoding>("encoding");
    QTest::addColumn<bool>("dark");
    QTest::newRow("json") << Encoding::Json << false;
    QTest::newRow("der") << Encoding::Der << false;
    if (withPalette)
        QTest::newRow("der dark") << Encoding::Der << true;
}

bool TestInspectorPanel::startLab(Lab::Lab &lab, QTemporaryDir &dir, Encoding encoding)
{
    Lab::LabOptions options;
    options.workspace = dir.path();
    options.encoding = encoding;
    options.demoFleet = true;
    auto started = lab.startAndWait(options);
    if (!started)
        qWarning() << started.error().toString();
    return bool(started);
}

bool TestInspectorPanel::runCycle(Lab::Lab &lab)
{
    const qint64 before = lab.snapshot(Demo::vin()) ? lab.snapshot(Demo::vin())->cycle : 0;
    auto cycle = lab.runCycleAndWait(Demo::vin());
    if (!cycle)
        return false;
    // The snapshot arrives by queued signal after the cycle.
    return QTest::qWaitFor([&] {
        const auto snapshot = lab.snapshot(Demo::vin());
        return snapshot && snapshot->cycle > before;
    });
}

void TestInspectorPanel::grab(QWidget &widget, const QString &name)
{
    const QString dir = qEnvironmentVariable("UPTANE_INSPECTOR_GRAB");
    if (dir.isEmpty())
        return;
    QString row = QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'-');
    widget.grab().save(dir + u'/' + name + u'-' + row + u".png");
}

void TestInspectorPanel::ecuTreeAndChecks_data()
{
    encodings(true);
}

void TestInspectorPanel::ecuTreeAndChecks()
{
    QFETCH(Encoding, encoding);
    QFETCH(bool, dark);
    if (dark)
        QApplication::setPalette(darkPalette());
    const auto restore = qScopeGuard([dark] {
        if (dark)
            QApplication::setPalette(QApplication::style()->standardPalette());
    });
    QTemporaryDir dir;
    Lab::Lab lab;
    QVERIFY(startLab(lab, dir, encoding));
    QVERIFY(lab.runOnServicesAndWait(assignFirmware));
    QVERIFY(runCycle(lab));

    Widgets::InspectorPanel panel(lab);
    panel.resize(900, 640);
    panel.show();
    QCOMPARE(panel.objectName(), u"inspectorPanel"_s);
    const QString node = Demo::vin() + u'/' + Demo::secondarySerial();
    panel.showNode(node);
    QCOMPARE(panel.currentNode(), node);
    QVERIFY(panel.currentTitle().contains(Demo::secondarySerial()));
    QVERIFY(panel.findChild<QLabel *>(u"inspectorTitle"_s)->text() == panel.currentTitle());

    // The files are the ECU's trusted metadata, as its snapshot holds them.
    const Lab::EcuSnapshot *ecu = lab.snapshot(Demo::vin())->ecu(Demo::secondarySerial());
    QVERIFY(ecu);
    QCOMPARE(panel.files(), ecu->metadata.keys());
    auto *chooser = panel.findChild<QComboBox *>(u"inspectorFileChooser"_s);
    QVERIFY(chooser);
    QCOMPARE(chooser->count(), ecu->metadata.size());
    QCOMPARE(panel.currentFile(), u"director/targets."_s + ext(encoding));

    // The tree: the document's two parts, and the Director's assignment for this ECU.
    auto *tree = panel.findChild<QTreeView *>(u"inspectorTree"_s);
    QVERIFY(tree);
    auto *model = qobject_cast<Widgets::MetadataTreeModel *>(tree->model());
    QVERIFY(model);
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model->format(), encoding == Encoding::Json ? Widgets::MetadataTreeModel::Format::Json
                                                         : Widgets::MetadataTreeModel::Format::Der);
    QVERIFY(model->findField({u"signed"_s}).isValid());
    QVERIFY(model->findField({u"signatures"_s}).isValid());
    QVERIFY(model->findField({u"expires"_s}).isValid());
    const QModelIndex target = model->findLabelIn(Demo::firmwarePath());
    QVERIFY(target.isValid());
    QVERIFY(model->findField({u"hardware_id"_s, u"hardwareId"_s}, target).isValid());

    // The checks: every check of the last report, ticked.
    auto *checks = panel.findChild<QTreeWidget *>(u"inspectorChecks"_s);
    QVERIFY(checks);
    QVERIFY(!ecu->lastReport.isEmpty());
    QCOMPARE(checks->topLevelItemCount(), ecu->lastReport.size());
    for (int i = 0; i < checks->topLevelItemCount(); ++i) {
        QCOMPARE(checks->topLevelItem(i)->text(1), ecu->lastReport[i].step);
        QCOMPARE(checks->topLevelItem(i)->text(3), ecu->lastReport[i].description);
    }
    QVERIFY(panel.findChild<QLabel *>(u"inspectorChecksSummary"_s)->text().contains(ecu->lastVerdict));
    panel.findChild<QTabWidget *>(u"inspectorTabs"_s)->setCurrentIndex(3);
    grab(panel, u"checks"_s);
    panel.findChild<QTabWidget *>(u"inspectorTabs"_s)->setCurrentIndex(0);
    grab(panel, u"tree"_s);
}

void TestInspectorPanel::failedCheckSelectsField_data()
{
    encodings();
}

void TestInspectorPanel::failedCheckSelectsField()
{
    QFETCH(Encoding, encoding);
    QTemporaryDir dir;
    Lab::Lab lab;
    QVERIFY(startLab(lab, dir, encoding));
    QVERIFY(runCycle(lab));  // the ECU trusts the Director's metadata from now on
    QVERIFY(lab.runOnServicesAndWait(assignFirmware));
    // Reference 3.1: a man in the middle flips a byte of the Director's targets; the
    // Director's snapshot lists their hashes, so the Primary refuses them (HashMismatch).
    lab.adversary().flipByte(u"/director/democar/metadata/*targets."_s + ext(encoding), -40,
                             u"flips a byte of the Director's targets"_s);
    QVERIFY(runCycle(lab));

    Widgets::InspectorPanel panel(lab);
    panel.resize(900, 640);
    panel.show();
    panel.showNode(Demo::vin());  // the vehicle alone: its Primary
    QCOMPARE(panel.currentNode(), Demo::vin() + u'/' + Demo::primarySerial());
    auto *checks = panel.findChild<QTreeWidget *>(u"inspectorChecks"_s);
    auto *tabs = panel.findChild<QTabWidget *>(u"inspectorTabs"_s);
    tabs->setCurrentIndex(3);
    QTreeWidgetItem *failed = nullptr;
    const Lab::EcuSnapshot *ecu = lab.snapshot(Demo::vin())->primary();
    for (int i = 0; i < checks->topLevelItemCount(); ++i) {
        const Verify::Check &check = ecu->lastReport[i];
        if (!check.passed && !check.advisory && check.error && check.error->code == ErrorCode::HashMismatch) {
            failed = checks->topLevelItem(i);
            break;
        }
    }
    if (qEnvironmentVariableIsSet("UPTANE_INSPECTOR_DUMP")) {
        for (const Verify::Check &check : ecu->lastReport)
            qInfo() << check.step << check.role << check.description << check.passed << check.advisory
                    << (check.error ? check.error->toString() : QString());
    }
    QVERIFY2(failed, qPrintable(ecu->lastVerdict));
    QCOMPARE(failed->text(4), errorCodeName(ErrorCode::HashMismatch));

    checks->scrollToItem(failed);
    QTest::mouseClick(checks->viewport(), Qt::LeftButton, {}, checks->visualItemRect(failed).center());
    QTRY_COMPARE(tabs->currentIndex(), 0);
    // The hashes the bytes failed against: the Director snapshot's entry for the targets file.
    QCOMPARE(panel.currentFile(), u"director/snapshot."_s + ext(encoding));
    auto *tree = panel.findChild<QTreeView *>(u"inspectorTree"_s);
    const QModelIndex current = tree->currentIndex();
    QVERIFY(current.isValid());
    QCOMPARE(current.data(Widgets::MetadataTreeModel::FieldNameRole).toString(), u"hashes"_s);
    QCOMPARE(current.parent().data(Widgets::MetadataTreeModel::LabelRole).toString(),
             u"targets."_s + ext(encoding));
    // DER: the Hex tab highlights exactly that field's bytes.
    auto *hex = panel.findChild<Widgets::HexView *>(u"inspectorHex"_s);
    if (encoding == Encoding::Der) {
        QCOMPARE(hex->highlightOffset(), current.data(Widgets::MetadataTreeModel::OffsetRole).toLongLong());
        QVERIFY(hex->highlightLength() > 0);
    }
    grab(panel, u"jump"_s);

    // A passed check goes nowhere; Enter on the failed one jumps again.
    tabs->setCurrentIndex(3);
    checks->setCurrentItem(checks->topLevelItem(0));
    QTest::mouseClick(checks->viewport(), Qt::LeftButton, {},
                      checks->visualItemRect(checks->topLevelItem(0)).center());
    QCOMPARE(tabs->currentIndex(), 3);
    checks->setFocus();
    checks->setCurrentItem(failed);
    QTest::keyClick(checks, Qt::Key_Return);
    QTRY_COMPARE(tabs->currentIndex(), 0);
}

void TestInspectorPanel::signatures_data()
{
    encodings();
}

void TestInspectorPanel::signatures()
{
    QFETCH(Encoding, encoding);
    QTemporaryDir dir;
    Lab::Lab lab;
    QVERIFY(startLab(lab, dir, encoding));
    QVERIFY(runCycle(lab));
    Widgets::InspectorPanel panel(lab);
    QSignalSpy spy(&panel, &Widgets::InspectorPanel::signaturesChanged);
    panel.showNode(Demo::vin() + u'/' + Demo::primarySerial());
    const QString root = u"director/root."_s + ext(encoding);
    QVERIFY(panel.files().contains(root));
    for (const QString &file : QStringList{root, u"director/timestamp."_s + ext(encoding)}) {
        spy.clear();
        panel.showFile(file);
        QTRY_VERIFY(!spy.isEmpty());
        auto *signatures = panel.findChild<QTreeWidget *>(u"inspectorSignatures"_s);
        QVERIFY(signatures->topLevelItemCount() >= 1);
        for (int i = 0; i < signatures->topLevelItemCount(); ++i) {
            const QTreeWidgetItem *item = signatures->topLevelItem(i);
            QCOMPARE(item->text(0).size(), 64);  // a TUF key id
            QVERIFY(!item->text(1).isEmpty());
            QCOMPARE(item->data(4, Qt::UserRole).toString(), u"Valid"_s);
        }
        const QString summary = panel.findChild<QLabel *>(u"inspectorSignatureSummary"_s)->text();
        QVERIFY2(summary.contains(u"root"_s), qPrintable(summary));
    }
}

void TestInspectorPanel::hexEqualsFile_data()
{
    encodings();
}

void TestInspectorPanel::hexEqualsFile()
{
    QFETCH(Encoding, encoding);
    QTemporaryDir dir;
    Lab::Lab lab;
    QVERIFY(startLab(lab, dir, encoding));
    QVERIFY(runCycle(lab));
    Widgets::InspectorPanel panel(lab);
    panel.showNode(Demo::vin() + u'/' + Demo::secondarySerial());
    const Lab::EcuSnapshot *ecu = lab.snapshot(Demo::vin())->ecu(Demo::secondarySerial());
    auto *hex = panel.findChild<Widgets::HexView *>(u"inspectorHex"_s);
    for (auto it = ecu->metadata.cbegin(); it != ecu->metadata.cend(); ++it) {
        panel.showFile(it.key());
        QCOMPARE(hex->bytes(), it.value());
        // The text shows those bytes: read the hex column back.
        QByteArray shown;
        for (const QString &line : hex->toPlainText().split(u'\n')) {
            const QString cells = line.mid(10, 3 * Widgets::HexView::kBytesPerLine);
            shown += QByteArray::fromHex(cells.toLatin1());
        }
        QCOMPARE(shown, it.value());
    }
}

void TestInspectorPanel::repositoryNode_data()
{
    encodings();
}

void TestInspectorPanel::repositoryNode()
{
    QFETCH(Encoding, encoding);
    QTemporaryDir dir;
    Lab::Lab lab;
    QVERIFY(startLab(lab, dir, encoding));
    Widgets::InspectorPanel panel(lab);
    QSignalSpy content(&panel, &Widgets::InspectorPanel::contentChanged);
    panel.showNode(u"director"_s);
    QCOMPARE(panel.currentNode(), u"director/democar"_s);
    QTRY_VERIFY(panel.files().contains(u"root."_s + ext(encoding)));
    QCOMPARE(panel.currentFile(), u"targets."_s + ext(encoding));
    QVERIFY(panel.findChild<QTreeWidget *>(u"inspectorChecks"_s)->topLevelItemCount() == 0);

    panel.showNode(u"imagerepo"_s);
    QTRY_VERIFY(panel.files().contains(u"timestamp."_s + ext(encoding)));
    QCOMPARE(panel.currentTitle(), Widgets::InspectorPanel::tr("Image Repository"));

    // Unknown names say so instead of showing stale content.
    panel.showNode(u"nosuchcar/ECU"_s);
    QVERIFY(panel.files().isEmpty());
    panel.showNode(u"timeserver"_s);
    QVERIFY(panel.files().isEmpty());
}

void TestInspectorPanel::httpResponseEvent_data()
{
    encodings();
}

void TestInspectorPanel::httpResponseEvent()
{
    QFETCH(Encoding, encoding);
    QTemporaryDir dir;
    Lab::Lab lab;
    QVERIFY(startLab(lab, dir, encoding));
    QList<LabEvent> responses;
    connect(&lab, &Lab::Lab::eventEmitted, this, [&](const LabEvent &event) {
        if (event.kind == LabEvent::Kind::HttpResponse && event.summary.startsWith(u"200"_s)
            && event.summary.contains(u"timestamp."_s + ext(encoding)))
            responses.append(event);
    });
    QVERIFY(runCycle(lab));
    QTRY_VERIFY(!responses.isEmpty());

    Widgets::InspectorPanel panel(lab);
    panel.resize(900, 640);
    panel.show();
    QSignalSpy spy(&panel, &Widgets::InspectorPanel::signaturesChanged);
    panel.showEvent(responses.first());
    QVERIFY(panel.currentNode().isEmpty());
    QVERIFY(panel.currentTitle().contains(responses.first().from));
    QCOMPARE(panel.files().size(), 1);
    auto *hex = panel.findChild<Widgets::HexView *>(u"inspectorHex"_s);
    QCOMPARE(hex->bytes(), responses.first().bytes);
    auto *model = qobject_cast<Widgets::MetadataTreeModel *>(
        panel.findChild<QTreeView *>(u"inspectorTree"_s)->model());
    QVERIFY(model->findField({u"signatures"_s}).isValid());
    QVERIFY(model->findField({u"expires"_s}).isValid());
    // A message has no trusted keys beside it: its signatures are listed, not judged.
    QTRY_VERIFY(!spy.isEmpty());
    QVERIFY(panel.findChild<QTreeWidget *>(u"inspectorSignatures"_s)->topLevelItemCount() >= 1);
    grab(panel, u"event"_s);

    // A refused request: its error is the one failed check.
    LabEvent refused = responses.first();
    refused.bytes = "not metadata";
    refused.error = Error{ErrorCode::HttpError, u"404"_s};
    panel.showEvent(refused);
    auto *checks = panel.findChild<QTreeWidget *>(u"inspectorChecks"_s);
    QCOMPARE(checks->topLevelItemCount(), 1);
    QCOMPARE(checks->topLevelItem(0)->text(4), errorCodeName(ErrorCode::HttpError));
    QCOMPARE(model->format(), Widgets::MetadataTreeModel::Format::Raw);
}

void TestInspectorPanel::checkFieldTable()
{
    // The documented table, spot-checked, and the file chosen for a check.
    QCOMPARE(Widgets::fieldNamesFor(ErrorCode::Expired), QStringList{u"expires"_s});
    QCOMPARE(Widgets::fieldNamesFor(ErrorCode::Rollback), QStringList{u"version"_s});
    QCOMPARE(Widgets::fieldNamesFor(ErrorCode::ThresholdNotMet), QStringList{u"signatures"_s});
    QVERIFY(Widgets::fieldNamesFor(ErrorCode::HardwareIdMismatch).contains(u"hardwareId"_s));
    QVERIFY(Widgets::fieldNamesFor(ErrorCode::ReleaseCounterRollback).contains(u"release_counter"_s));
    QVERIFY(Widgets::fieldNamesFor(ErrorCode::ConnectionFailed).isEmpty());
    QCOMPARE(Widgets::roleOfFile(u"director/3.root.json"_s), u"root"_s);
    QCOMPARE(Widgets::roleOfFile(u"imagerepo/supplier-acme.der"_s), u"supplier-acme"_s);
    QCOMPARE(Widgets::repositoryOfFile(u"imagerepo/targets.der"_s), u"imagerepo"_s);

    const QStringList files{u"director/root.json"_s, u"director/targets.json"_s,
                            u"imagerepo/root.json"_s, u"imagerepo/targets.json"_s,
                            u"director/snapshot.json"_s, u"imagerepo/snapshot.json"_s};
    const auto check = [](const QString &step, const QString &role, std::optional<ErrorCode> code) {
        Verify::Check c{step, role, u"x"_s, !code, {}, false};
        if (code)
            c.error = Error{*code, u"x"_s};
        return c;
    };
    const QList<Verify::Check> report{
        check(u"TUF 5.2"_s, u"root"_s, {}),
        check(u"TUF 5.5.3"_s, u"targets"_s, ErrorCode::Expired),
        check(u"TUF 5.2"_s, u"root"_s, {}),  // a second run of root checks: Image Repository
        check(u"TUF 5.5.3"_s, u"targets"_s, ErrorCode::Expired),
        check(u"TUF 5.5.2"_s, u"targets"_s, ErrorCode::HashMismatch),
        check(u"Uptane 5.4.4.2.10"_s, u"firmware.img"_s, ErrorCode::HardwareIdMismatch),
    };
    QCOMPARE(Widgets::fileForCheck(report, 1, files), u"director/targets.json"_s);
    QCOMPARE(Widgets::fileForCheck(report, 3, files), u"imagerepo/targets.json"_s);
    QCOMPARE(Widgets::fileForCheck(report, 4, files), u"imagerepo/snapshot.json"_s);
    QCOMPARE(Widgets::fileForCheck(report, 5, files), u"director/targets.json"_s);
    QCOMPARE(Widgets::fileForCheck(report, 9, files), QString());
}

QTEST_MAIN(TestInspectorPanel)
#include "tst_inspectorpanel.moc"
