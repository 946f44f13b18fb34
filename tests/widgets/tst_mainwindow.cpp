// The main window builds offscreen and shows its welcome page (found by objectName).

#include "widgets/mainwindow.h"

#include <QLabel>
#include <QTest>

class TestMainWindow : public QObject
{
    Q_OBJECT
private slots:
    void showsWelcome()
    {
        Uptane::Widgets::MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.objectName(), QStringLiteral("mainWindow"));
        auto *title = window.findChild<QLabel *>(QStringLiteral("titleLabel"));
        QVERIFY(title);
        QVERIFY(title->text().contains(QStringLiteral("Uptane Lab")));
        QVERIFY(window.findChild<QLabel *>(QStringLiteral("welcomeLabel")));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
