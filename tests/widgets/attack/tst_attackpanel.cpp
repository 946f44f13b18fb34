// The attack panel offscreen on a real Lab (a fresh one per test): one toggle per free-play
// attack, grouped by placement, with its title, explanation and icon; a click switches the
// attack through the FreePlay (pending while in flight, checked once it is in force, the
// signal after) in a light and a dark palette, by mouse and by keyboard; "Undo all" switches
// every attack off; a failed switch leaves the toggle off and shows the error in a colour
// that reads on the palette.

#include "attacks/adversary.h"
#include "attacks/freeplay.h"
#include "lab/freeplay.h"
#include "lab/lab.h"
#include "widgets/attack/attackpanel.h"

#include <QApplication>
#include <QGroupBox>
#include <QLabel>
#include <QPalette>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Uptane;
using namespace Qt::StringLiterals;

namespace {

QPalette darkPalette()
{
    QPalette palette;
    palette.setColor(QPalette::Window, QColor(0x20, 0x22, 0x26));
    palette.setColor(QPalette::WindowText, QColor(0xe8, 0xe8, 0xe8));
    palette.setColor(QPalette::Base, QColor(0x16, 0x18, 0x1c));
    palette.setColor(QPalette::Text, QColor(0xe8, 0xe8, 0xe8));
    palette.setColor(QPalette::Button, QColor(0x30, 0x33, 0x38));
    palette.setColor(QPalette::ButtonText, QColor(0xe8, 0xe8, 0xe8));
    return palette;
}

// A started lab with free play and the panel on it.
struct PanelUnderTest
{
    QTemporaryDir dir;
    Lab::Lab lab;
    std::unique_ptr<Lab::FreePlay> freePlay;
    std::unique_ptr<Widgets::AttackPanel> panel;

    // In the default palette, or in a dark one (set on the application, as a dark desktop does).
    bool start(bool dark = false)
    {
        if (dark)
            QApplication::setPalette(darkPalette());
        Lab::LabOptions options;
        options.workspace = dir.filePath(u"ws"_s);
        if (!lab.startAndWait(options))
            return false;
        freePlay = std::make_unique<Lab::FreePlay>(lab);
        panel = std::make_unique<Widgets::AttackPanel>(*freePlay);
        panel->resize(420, 700);
        panel->show();
        return QTest::qWaitForWindowExposed(panel.get());
    }

    QPushButton *button(const QString &name) const { return panel->findChild<QPushButton *>(name); }
};

} // namespace

class TestAttackPanel : public QObject
{
    Q_OBJECT

    // Rows in the light (default) and a dark application palette.
    static void paletteRows()
    {
        QTest::addColumn<bool>("dark");
        QTest::newRow("light") << false;
        QTest::newRow("dark") << true;
    }

private slots:
    void init() { QApplication::setPalette(QPalette()); }
    void cleanup() { QApplication::setPalette(QPalette()); }

    void everyAttackHasItsToggle()
    {
        PanelUnderTest under;
        QVERIFY(under.start());
        QCOMPARE(under.panel->objectName(), u"attackPanel"_s);
        const QList<Attacks::FreePlayAttack> attacks = Attacks::freePlayAttacks();
        QCOMPARE(under.panel->findChildren<QPushButton *>(QRegularExpression(u"^attack-"_s)).size(), attacks.size());
        for (const Attacks::FreePlayAttack &attack : attacks) {
            QPushButton *toggle = under.button(u"attack-"_s + attack.id);
            QVERIFY2(toggle, qPrintable(attack.id));
            QCOMPARE(under.panel->toggle(attack.id), toggle);
            QVERIFY(toggle->isCheckable());
            QVERIFY(!toggle->isChecked());
            QCOMPARE(toggle->accessibleName(), attack.translatedTitle());
            QCOMPARE(toggle->toolTip(), attack.translatedExplanation());
            QVERIFY2(!toggle->icon().isNull(), qPrintable(attack.id));
            QVERIFY2(!toggle->icon().pixmap(32, 32).isNull(), qPrintable(attack.id));  // the SVG renders
            auto *group = qobject_cast<QGroupBox *>(toggle->parentWidget());
            QVERIFY(group);
            QCOMPARE(group->objectName(), u"attackGroup-"_s + Attacks::attackerPlacementName(attack.placement));
        }
        QVERIFY(!under.panel->toggle(u"no-such-attack"_s));
        QPushButton *undoAll = under.button(u"undoAllAttacks"_s);
        QVERIFY(undoAll);
        QVERIFY(!undoAll->isEnabled());  // nothing to undo
        QVERIFY(!undoAll->accessibleName().isEmpty());
        QVERIFY(!undoAll->shortcut().isEmpty());
        QVERIFY(under.panel->findChild<QLabel *>(u"attackStatus"_s));
        QVERIFY(!under.panel->findChild<QLabel *>(u"attackError"_s)->isVisible());
    }

    void clickSwitches_data() { paletteRows(); }

    void clickSwitches()
    {
        QFETCH(bool, dark);
        PanelUnderTest under;
        QVERIFY(under.start(dark));
        QSignalSpy toggled(under.panel.get(), &Widgets::AttackPanel::attackToggled);
        QPushButton *drop = under.button(u"attack-drop-director"_s);
        QVERIFY(drop);
        auto *status = under.panel->findChild<QLabel *>(u"attackStatus"_s);

        QTest::mouseClick(drop, Qt::LeftButton);
        // In flight: not claimed yet, not clickable, said so.
        QVERIFY(under.freePlay->isPending(u"drop-director"_s));
        QVERIFY(!drop->isChecked());
        QVERIFY(!drop->isEnabled());
        QVERIFY(status->text().contains(drop->text()));
        QTRY_VERIFY(drop->isChecked() && drop->isEnabled());
        QCOMPARE(toggled.size(), 1);
        QCOMPARE(toggled.at(0).at(0).toString(), u"drop-director"_s);
        QCOMPARE(toggled.at(0).at(1).toBool(), true);
        QVERIFY(under.lab.adversary().isActive());
        QVERIFY(under.button(u"undoAllAttacks"_s)->isEnabled());

        QTest::mouseClick(drop, Qt::LeftButton);
        QTRY_VERIFY(!drop->isChecked() && drop->isEnabled());
        QCOMPARE(toggled.size(), 2);
        QCOMPARE(toggled.at(1).at(1).toBool(), false);
        QVERIFY(!under.lab.adversary().isActive());
        QVERIFY(!under.button(u"undoAllAttacks"_s)->isEnabled());
    }

    void keyboardSwitches()
    {
        PanelUnderTest under;
        QVERIFY(under.start());
        QPushButton *manifest = under.button(u"attack-tampered-manifest"_s);
        QVERIFY(manifest);
        QVERIFY(manifest->focusPolicy() & Qt::TabFocus);
        manifest->setFocus();
        QTest::keyClick(manifest, Qt::Key_Space);
        QTRY_VERIFY(manifest->isChecked());
        QVERIFY(under.freePlay->isActive(u"tampered-manifest"_s));
        QTest::keyClick(manifest, Qt::Key_Space);
        QTRY_VERIFY(!manifest->isChecked() && manifest->isEnabled());
        QVERIFY(!under.freePlay->isActive(u"tampered-manifest"_s));
    }

    void undoAllSwitchesEverythingOff()
    {
        PanelUnderTest under;
        QVERIFY(under.start());
        QSignalSpy toggled(under.panel.get(), &Widgets::AttackPanel::attackToggled);
        for (const QString &id : {u"drop-director"_s, u"tampered-manifest"_s}) {
            QTest::mouseClick(under.button(u"attack-"_s + id), Qt::LeftButton);
            QTRY_VERIFY(under.button(u"attack-"_s + id)->isChecked());
        }
        QCOMPARE(under.freePlay->active().size(), 2);
        QPushButton *undoAll = under.button(u"undoAllAttacks"_s);
        QVERIFY(undoAll->isEnabled());
        QTest::mouseClick(undoAll, Qt::LeftButton);
        QTRY_VERIFY(under.freePlay->active().isEmpty());
        QTRY_VERIFY(!under.button(u"attack-drop-director"_s)->isChecked()
                    && !under.button(u"attack-tampered-manifest"_s)->isChecked());
        QTRY_COMPARE(toggled.size(), 4);
        QVERIFY(!undoAll->isEnabled());
        QVERIFY(!under.lab.adversary().isActive());
    }

    // On a fresh lab the eavesdropper has nothing older than what the vehicle trusts: the
    // replay cannot start, the toggle stays off and the panel says why.
    void failureShown_data() { paletteRows(); }

    void failureShown()
    {
        QFETCH(bool, dark);
        PanelUnderTest under;
        QVERIFY(under.start(dark));
        QSignalSpy toggled(under.panel.get(), &Widgets::AttackPanel::attackToggled);
        QSignalSpy failed(under.freePlay.get(), &Lab::FreePlay::failed);
        QPushButton *replay = under.button(u"attack-replay-director"_s);
        QVERIFY(replay);
        QTest::mouseClick(replay, Qt::LeftButton);
        auto *error = under.panel->findChild<QLabel *>(u"attackError"_s);
        QTRY_VERIFY(error->isVisible());
        QCOMPARE(failed.size(), 1);
        QCOMPARE(failed.at(0).at(1).value<Error>().code, ErrorCode::NotFound);
        QVERIFY(error->text().contains(replay->text()));
        QVERIFY(!replay->isChecked());
        QVERIFY(replay->isEnabled());
        QCOMPARE(toggled.size(), 0);
        QVERIFY(!under.lab.adversary().isActive());
        // Readable: the error colour stands apart from the window behind it.
        const QColor text = error->palette().color(QPalette::WindowText);
        const QColor window = under.panel->palette().color(QPalette::Window);
        QVERIFY2(qAbs(text.lightnessF() - window.lightnessF()) > 0.3,
                 qPrintable(u"%1 on %2"_s.arg(text.name(), window.name())));
        // The next click starts afresh: the error goes.
        QTest::mouseClick(under.button(u"attack-drop-director"_s), Qt::LeftButton);
        QVERIFY(!error->isVisible());
        QTRY_VERIFY(under.button(u"attack-drop-director"_s)->isChecked());
        under.freePlay->undoAll();
        QTRY_VERIFY(under.freePlay->active().isEmpty());
    }
};

QTEST_MAIN(TestAttackPanel)
#include "tst_attackpanel.moc"
