// AssignImageDialog offscreen on a real Lab: it lists the Director's vehicles and ECUs and
// the images fitting the ECU's hardware id; firmware added through AddFirmwareDialog and
// assigned through this dialog reaches the ECU in the next cycle (UPDATED); an image for
// other hardware is refused by the Director (HardwareIdMismatch) and the dialog stays open.

#include "dialogtesthelpers.h"

#include "vehicle/vehicle.h"
#include "widgets/dialogs/addfirmwaredialog.h"
#include "widgets/dialogs/assignimagedialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSpinBox>

using namespace Qt::StringLiterals;
using Uptane::ErrorCode;
using Uptane::Services::DemoFleet::vin;
using Uptane::Widgets::AddFirmwareDialog;
using Uptane::Widgets::AssignImageDialog;

namespace {

QStringList itemData(QComboBox *combo)
{
    QStringList data;
    for (int i = 0; i < combo->count(); ++i)
        data.append(combo->itemData(i).toString());
    return data;
}

bool choose(QComboBox *combo, const QString &data)
{
    const int row = combo->findData(data);
    if (row < 0)
        return false;
    combo->setCurrentIndex(row);
    return true;
}

} // namespace

class TestAssignImageDialog : public QObject
{
    Q_OBJECT

private:
    DialogTest::LabFixture m_fixture;

    QComboBox *combo(QWidget &dialog, const char *name)
    {
        return dialog.findChild<QComboBox *>(QString::fromLatin1(name));
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_fixture.dir.isValid());
        QVERIFY(m_fixture.start());
    }

    void listsFleetAndFittingImages()
    {
        AssignImageDialog dialog(*m_fixture.lab);
        QCOMPARE(dialog.objectName(), u"assignImageDialog"_s);
        // Until the read arrives: OK disabled, a reason shown.
        QVERIFY(!DialogTest::okButton(&dialog)->isEnabled());
        QVERIFY(!DialogTest::message(&dialog).isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(dialog.isLoaded(), 10000);

        QCOMPARE(itemData(combo(dialog, "assignVehicle")), QStringList{vin()});
        const QStringList ecus = itemData(combo(dialog, "assignEcu"));
        QCOMPARE(ecus.value(0), Uptane::Services::DemoFleet::primarySerial());  // Primary first
        for (const QString &serial : Uptane::Services::DemoFleet::secondarySerials())
            QVERIFY(ecus.contains(serial));

        QVERIFY(choose(combo(dialog, "assignEcu"), Uptane::Services::DemoFleet::primarySerial()));
        QCOMPARE(itemData(combo(dialog, "assignImage")), QStringList{Uptane::Services::DemoFleet::primaryImagePath()});
        auto *current = dialog.findChild<QLabel *>(u"assignCurrent"_s);
        QCOMPARE(current->text(), Uptane::Services::DemoFleet::primaryImagePath());

        QVERIFY(choose(combo(dialog, "assignEcu"), Uptane::Services::DemoFleet::secondarySerial()));
        const QStringList acme = itemData(combo(dialog, "assignImage"));
        QVERIFY(acme.contains(Uptane::Services::DemoFleet::firmwarePath()));
        QVERIFY(acme.contains(Uptane::Services::DemoFleet::supplierImagePath()));
        QVERIFY(!acme.contains(Uptane::Services::DemoFleet::primaryImagePath()));
        // Something new is offered first, not what the ECU runs already.
        QVERIFY(combo(dialog, "assignImage")->currentData().toString() != current->text());

        dialog.findChild<QCheckBox *>(u"assignShowAll"_s)->setChecked(true);
        QVERIFY(itemData(combo(dialog, "assignImage")).contains(Uptane::Services::DemoFleet::primaryImagePath()));
        QVERIFY(DialogTest::okButton(&dialog)->isEnabled());
    }

    void preselectChoosesVehicleAndEcu()
    {
        AssignImageDialog dialog(*m_fixture.lab);
        dialog.preselect(vin(), Uptane::Services::DemoFleet::partialSerial());
        QTRY_VERIFY_WITH_TIMEOUT(dialog.isLoaded(), 10000);
        QCOMPARE(combo(dialog, "assignEcu")->currentData().toString(), Uptane::Services::DemoFleet::partialSerial());
    }

    void addedFirmwareAssignedIsInstalled()
    {
        const QString path = u"tcu-3.0.img"_s;
        AddFirmwareDialog add(*m_fixture.lab);
        add.findChild<QLineEdit *>(u"firmwarePath"_s)->setText(path);
        add.findChild<QLineEdit *>(u"firmwareHardwareId"_s)->setText(Uptane::Services::DemoFleet::secondaryHardwareId());
        add.findChild<QSpinBox *>(u"firmwareRelease"_s)->setValue(30);
        QSignalSpy added(&add, &AddFirmwareDialog::done);
        QTest::mouseClick(DialogTest::okButton(&add), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(added.count(), 1, 20000);
        QVERIFY(add.lastResult());

        AssignImageDialog dialog(*m_fixture.lab);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QTRY_VERIFY_WITH_TIMEOUT(dialog.isLoaded(), 10000);
        QVERIFY(choose(combo(dialog, "assignVehicle"), vin()));
        QVERIFY(choose(combo(dialog, "assignEcu"), Uptane::Services::DemoFleet::secondarySerial()));
        QVERIFY(choose(combo(dialog, "assignImage"), path));
        QCOMPARE(DialogTest::pressOk(dialog), DialogTest::Outcome::Succeeded);
        QVERIFY2(dialog.lastResult(), qPrintable(DialogTest::message(&dialog)));
        QVERIFY(!dialog.isVisible());

        auto cycle = m_fixture.lab->runCycleAndWait(vin());
        QVERIFY2(cycle, qPrintable(cycle ? QString() : cycle.error().toString()));
        const Uptane::Vehicle::EcuOutcome *tcu = cycle->outcome(Uptane::Services::DemoFleet::secondarySerial());
        QVERIFY(tcu);
        QCOMPARE(tcu->verdict, Uptane::Vehicle::Verdict::Updated);
        QVERIFY(tcu->installed);
        QCOMPARE(tcu->installed->path, path);
    }

    void refusedAssignmentKeepsTheDialogOpen()
    {
        AssignImageDialog dialog(*m_fixture.lab);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QTRY_VERIFY_WITH_TIMEOUT(dialog.isLoaded(), 10000);
        QVERIFY(choose(combo(dialog, "assignEcu"), Uptane::Services::DemoFleet::primarySerial()));
        dialog.findChild<QCheckBox *>(u"assignShowAll"_s)->setChecked(true);
        QVERIFY(choose(combo(dialog, "assignImage"), Uptane::Services::DemoFleet::firmwarePath()));
        QCOMPARE(DialogTest::pressOk(dialog), DialogTest::Outcome::Failed);
        QCOMPARE(dialog.lastResult().error().code, ErrorCode::HardwareIdMismatch);
        QVERIFY(dialog.isVisible());
        QVERIFY(DialogTest::message(&dialog).contains(u"HardwareIdMismatch"_s));
        DialogTest::grab(dialog, u"assignimagedialog-error"_s);
        // Escape closes it (nothing in flight): the operator gives up.
        QTest::keyClick(&dialog, Qt::Key_Escape);
        QVERIFY(!dialog.isVisible());
    }
};

QTEST_MAIN(TestAssignImageDialog)
#include "tst_assignimagedialog.moc"
