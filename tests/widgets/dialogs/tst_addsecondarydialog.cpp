// AddSecondaryDialog offscreen on a real Lab: it offers the lab's vehicles; invalid input
// keeps OK disabled; a partial-verification Secondary is added to democar (its snapshot
// lists it); a taken serial is refused (InvalidArgument) and the dialog stays open.

#include "dialogtesthelpers.h"

#include "widgets/dialogs/addsecondarydialog.h"

#include <QComboBox>
#include <QLineEdit>
#include <QSignalSpy>

using namespace Qt::StringLiterals;
using Uptane::ErrorCode;
using Uptane::Services::DemoFleet::vin;
using Uptane::Vehicle::Verification;
using Uptane::Widgets::AddSecondaryDialog;

class TestAddSecondaryDialog : public QObject
{
    Q_OBJECT

private:
    DialogTest::LabFixture m_fixture;

    void fill(AddSecondaryDialog &dialog, const QString &serial, const QString &hardwareId, Verification verification)
    {
        dialog.findChild<QLineEdit *>(u"secondarySerial"_s)->setText(serial);
        dialog.findChild<QLineEdit *>(u"secondaryHardwareId"_s)->setText(hardwareId);
        auto *combo = dialog.findChild<QComboBox *>(u"secondaryVerification"_s);
        combo->setCurrentIndex(combo->findData(int(verification)));
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_fixture.dir.isValid());
        QVERIFY(m_fixture.start());
    }

    void offersTheLabsVehicles()
    {
        AddSecondaryDialog dialog(*m_fixture.lab);
        QCOMPARE(dialog.objectName(), u"addSecondaryDialog"_s);
        auto *vehicles = dialog.findChild<QComboBox *>(u"secondaryVehicle"_s);
        QCOMPARE(vehicles->count(), m_fixture.lab->vins().size());
        QCOMPARE(vehicles->currentData().toString(), vin());
        dialog.preselect(vin());
        QCOMPARE(dialog.vin(), vin());
    }

    void invalidInputKeepsOkDisabled_data()
    {
        QTest::addColumn<QString>("serial");
        QTest::addColumn<QString>("hardwareId");
        QTest::newRow("no serial") << QString() << u"acme-ecu"_s;
        QTest::newRow("serial with a space") << u"BRAKE 1"_s << u"acme-ecu"_s;
        QTest::newRow("serial starting with a dot") << u".hidden"_s << u"acme-ecu"_s;
        QTest::newRow("no hardware id") << u"BRAKE1"_s << QString();
    }

    void invalidInputKeepsOkDisabled()
    {
        QFETCH(QString, serial);
        QFETCH(QString, hardwareId);
        AddSecondaryDialog dialog(*m_fixture.lab);
        fill(dialog, serial, hardwareId, Verification::Full);
        QVERIFY(!DialogTest::okButton(&dialog)->isEnabled());
        QVERIFY(!DialogTest::message(&dialog).isEmpty());
    }

    void addsPartialSecondary()
    {
        AddSecondaryDialog dialog(*m_fixture.lab);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        fill(dialog, u"BRAKEdemocar"_s, u"acme-ecu"_s, Verification::Partial);
        QVERIFY(DialogTest::okButton(&dialog)->isEnabled());
        QCOMPARE(DialogTest::pressOk(dialog), DialogTest::Outcome::Succeeded);
        QVERIFY2(dialog.lastResult(), qPrintable(DialogTest::message(&dialog)));
        QVERIFY(!dialog.isVisible());
        const auto snapshot = m_fixture.lab->snapshot(vin());
        QVERIFY(snapshot);
        const Uptane::Lab::EcuSnapshot *brake = snapshot->ecu(u"BRAKEdemocar"_s);
        QVERIFY(brake);
        QCOMPARE(brake->verification, Verification::Partial);
        QCOMPARE(brake->hardwareId, u"acme-ecu"_s);
    }

    void takenSerialKeepsTheDialogOpen()
    {
        AddSecondaryDialog dialog(*m_fixture.lab);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        fill(dialog, Uptane::Services::DemoFleet::secondarySerial(), u"acme-ecu"_s, Verification::Full);
        QCOMPARE(DialogTest::pressOk(dialog), DialogTest::Outcome::Failed);
        QCOMPARE(dialog.lastResult().error().code, ErrorCode::InvalidArgument);
        QVERIFY(dialog.isVisible());
        QVERIFY(DialogTest::message(&dialog).contains(u"InvalidArgument"_s));
        DialogTest::grab(dialog, u"addsecondarydialog-error"_s);
    }
};

QTEST_MAIN(TestAddSecondaryDialog)
#include "tst_addsecondarydialog.moc"
