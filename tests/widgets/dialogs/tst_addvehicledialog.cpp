// AddVehicleDialog offscreen on a real Lab: invalid input keeps OK disabled with a reason;
// the Primary's serial follows the VIN until edited; a vehicle with a full and a partial
// Secondary is added (Lab::vins(), its snapshot); a taken VIN is refused by the Lab
// (InvalidArgument) and the dialog stays open with the error.

#include "dialogtesthelpers.h"

#include "widgets/dialogs/addvehicledialog.h"

#include <QComboBox>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTableWidget>

using namespace Qt::StringLiterals;
using Uptane::ErrorCode;
using Uptane::Vehicle::Verification;
using Uptane::Widgets::AddVehicleDialog;

Q_DECLARE_METATYPE(Uptane::Vehicle::Verification)

class TestAddVehicleDialog : public QObject
{
    Q_OBJECT

private:
    DialogTest::LabFixture m_fixture;

    QLineEdit *edit(QWidget &dialog, const char *name)
    {
        return dialog.findChild<QLineEdit *>(QString::fromLatin1(name));
    }

    // Types into row's cells the way a user does (items of the table).
    void fillRow(QTableWidget *table, int row, const QString &serial, const QString &hardwareId, Verification verification)
    {
        table->item(row, 0)->setText(serial);
        table->item(row, 1)->setText(hardwareId);
        auto *combo = qobject_cast<QComboBox *>(table->cellWidget(row, 2));
        QVERIFY(combo);
        combo->setCurrentIndex(combo->findData(int(verification)));
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_fixture.dir.isValid());
        QVERIFY(m_fixture.start());
    }

    void serialFollowsTheVin()
    {
        AddVehicleDialog dialog(*m_fixture.lab);
        QCOMPARE(dialog.objectName(), u"addVehicleDialog"_s);
        QTest::keyClicks(edit(dialog, "vehicleVin"), u"bus7"_s);
        QCOMPARE(edit(dialog, "vehiclePrimarySerial")->text(), u"INFObus7"_s);
        edit(dialog, "vehiclePrimarySerial")->setText(u"HEADUNIT7"_s);
        QTest::keyClicks(edit(dialog, "vehicleVin"), u"x"_s);
        QCOMPARE(edit(dialog, "vehiclePrimarySerial")->text(), u"HEADUNIT7"_s);
        QVERIFY(DialogTest::okButton(&dialog)->isEnabled());
    }

    void invalidInputKeepsOkDisabled_data()
    {
        QTest::addColumn<QString>("vinText");
        QTest::addColumn<QString>("primarySerial");
        QTest::addColumn<QString>("primaryHardwareId");
        QTest::addColumn<QStringList>("secondarySerials");
        QTest::newRow("no VIN") << QString() << u"INFOx"_s << u"infotainment"_s << QStringList{};
        QTest::newRow("VIN with a space") << u"my car"_s << u"INFOx"_s << u"infotainment"_s << QStringList{};
        QTest::newRow("VIN with a slash") << u"a/b"_s << u"INFOx"_s << u"infotainment"_s << QStringList{};
        QTest::newRow("no Primary serial") << u"car2"_s << QString() << u"infotainment"_s << QStringList{};
        QTest::newRow("no Primary hardware id") << u"car2"_s << u"INFOcar2"_s << QString() << QStringList{};
        QTest::newRow("Secondary without serial") << u"car2"_s << u"INFOcar2"_s << u"infotainment"_s
                                                  << QStringList{QString()};
        QTest::newRow("serial used twice") << u"car2"_s << u"INFOcar2"_s << u"infotainment"_s
                                           << QStringList{u"TCU2"_s, u"TCU2"_s};
        QTest::newRow("Secondary has the Primary's serial") << u"car2"_s << u"INFOcar2"_s << u"infotainment"_s
                                                            << QStringList{u"INFOcar2"_s};
    }

    void invalidInputKeepsOkDisabled()
    {
        QFETCH(QString, vinText);
        QFETCH(QString, primarySerial);
        QFETCH(QString, primaryHardwareId);
        QFETCH(QStringList, secondarySerials);
        AddVehicleDialog dialog(*m_fixture.lab);
        edit(dialog, "vehicleVin")->setText(vinText);
        edit(dialog, "vehiclePrimarySerial")->setText(primarySerial);
        edit(dialog, "vehiclePrimaryHardwareId")->setText(primaryHardwareId);
        auto *table = dialog.findChild<QTableWidget *>(u"vehicleSecondaries"_s);
        for (const QString &serial : secondarySerials) {
            QTest::mouseClick(dialog.findChild<QPushButton *>(u"addSecondaryRow"_s), Qt::LeftButton);
            fillRow(table, table->rowCount() - 1, serial, u"acme-ecu"_s, Verification::Full);
        }
        QVERIFY(!DialogTest::okButton(&dialog)->isEnabled());
        QVERIFY(!DialogTest::message(&dialog).isEmpty());
    }

    void removeRow()
    {
        AddVehicleDialog dialog(*m_fixture.lab);
        dialog.addSecondaryRow(u"A1"_s);
        dialog.addSecondaryRow(u"A2"_s);
        auto *table = dialog.findChild<QTableWidget *>(u"vehicleSecondaries"_s);
        table->setCurrentCell(0, 0);
        QTest::mouseClick(dialog.findChild<QPushButton *>(u"removeSecondaryRow"_s), Qt::LeftButton);
        QCOMPARE(dialog.spec().secondaries.size(), 1);
        QCOMPARE(dialog.spec().secondaries.at(0).serial, u"A2"_s);
    }

    void addsVehicle()
    {
        AddVehicleDialog dialog(*m_fixture.lab);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        edit(dialog, "vehicleVin")->setText(u"testcar"_s);
        auto *table = dialog.findChild<QTableWidget *>(u"vehicleSecondaries"_s);
        auto *add = dialog.findChild<QPushButton *>(u"addSecondaryRow"_s);
        QTest::mouseClick(add, Qt::LeftButton);
        fillRow(table, 0, u"TCUtestcar"_s, u"acme-ecu"_s, Verification::Full);
        QTest::mouseClick(add, Qt::LeftButton);
        fillRow(table, 1, u"DOORtestcar"_s, u"acme-ecu"_s, Verification::Partial);
        QVERIFY2(DialogTest::okButton(&dialog)->isEnabled(), qPrintable(DialogTest::message(&dialog)));

        QSignalSpy changed(m_fixture.lab.get(), &Uptane::Lab::Lab::vehiclesChanged);
        QCOMPARE(DialogTest::pressOk(dialog), DialogTest::Outcome::Succeeded);
        QVERIFY2(dialog.lastResult(), qPrintable(DialogTest::message(&dialog)));
        QVERIFY(!dialog.isVisible());
        QVERIFY(m_fixture.lab->vins().contains(u"testcar"_s));
        QTRY_VERIFY(changed.count() >= 1);

        const auto snapshot = m_fixture.lab->snapshot(u"testcar"_s);
        QVERIFY(snapshot);
        QCOMPARE(snapshot->ecus.size(), 3);
        QVERIFY(snapshot->primary());
        QCOMPARE(snapshot->primary()->serial, u"INFOtestcar"_s);
        QCOMPARE(snapshot->primary()->hardwareId, u"infotainment"_s);
        QVERIFY(snapshot->ecu(u"DOORtestcar"_s));
        QCOMPARE(snapshot->ecu(u"DOORtestcar"_s)->verification, Verification::Partial);
        QCOMPARE(snapshot->ecu(u"TCUtestcar"_s)->verification, Verification::Full);
    }

    void takenVinKeepsTheDialogOpen()
    {
        AddVehicleDialog dialog(*m_fixture.lab);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        edit(dialog, "vehicleVin")->setText(Uptane::Services::DemoFleet::vin());
        edit(dialog, "vehiclePrimarySerial")->setText(u"INFOother"_s);
        const QStringList before = m_fixture.lab->vins();
        QCOMPARE(DialogTest::pressOk(dialog), DialogTest::Outcome::Failed);
        QCOMPARE(dialog.lastResult().error().code, ErrorCode::InvalidArgument);
        QVERIFY(dialog.isVisible());
        QVERIFY(DialogTest::message(&dialog).contains(u"InvalidArgument"_s));
        DialogTest::grab(dialog, u"addvehicledialog-error"_s);
        QCOMPARE(m_fixture.lab->vins(), before);
        // Correcting the input clears the error and allows another try.
        edit(dialog, "vehicleVin")->setText(u"othercar"_s);
        QVERIFY(!DialogTest::message(&dialog).contains(u"InvalidArgument"_s));
        QVERIFY(DialogTest::okButton(&dialog)->isEnabled());
    }
};

QTEST_MAIN(TestAddVehicleDialog)
#include "tst_addvehicledialog.moc"
