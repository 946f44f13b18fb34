// The About box offscreen, found by object names: its version table has one row per library
// that Uptane::Lab::libraryVersions() reports, with the same names and versions; it names the
// specifications; Close (by click and by keyboard) closes it.

#include "lab/versions.h"
#include "widgets/aboutdialog.h"

#include <QApplication>
#include <QLabel>
#include <QPushButton>
#include <QSet>
#include <QTableWidget>
#include <QTest>

using namespace Qt::StringLiterals;

class TestAboutDialog : public QObject
{
    Q_OBJECT

private slots:
    void tableListsEveryLibrary()
    {
        Uptane::Widgets::AboutDialog dialog;
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QCOMPARE(dialog.objectName(), u"aboutDialog"_s);

        auto *table = dialog.findChild<QTableWidget *>(u"libraryVersions"_s);
        QVERIFY(table);
        QVERIFY(!table->accessibleName().isEmpty());
        const auto libraries = Uptane::Lab::libraryVersions();
        QCOMPARE(libraries.size(), 6);
        QCOMPARE(table->rowCount(), libraries.size());
        QCOMPARE(table->columnCount(), 2);
        for (int row = 0; row < table->rowCount(); ++row) {
            QVERIFY(table->item(row, 0) && table->item(row, 1));
            QCOMPARE(table->item(row, 0)->text(), libraries.at(row).name);
            QCOMPARE(table->item(row, 1)->text(), libraries.at(row).version);
            QVERIFY(!table->item(row, 1)->text().isEmpty());
        }
        // Read-only: a version is a fact, not a setting.
        QCOMPARE(table->editTriggers(), QAbstractItemView::NoEditTriggers);
    }

    void namesVersionAndSpecifications()
    {
        Uptane::Widgets::AboutDialog dialog;
        auto *title = dialog.findChild<QLabel *>(u"aboutTitle"_s);
        QVERIFY(title);
        QVERIFY(title->text().contains(u"Uptane Lab"_s));
        QVERIFY(title->text().contains(QStringLiteral(UPTANE_VERSION)));
        auto *specifications = dialog.findChild<QLabel *>(u"aboutSpecifications"_s);
        QVERIFY(specifications);
        QVERIFY(specifications->text().contains(u"Uptane Standard "_s + Uptane::Lab::uptaneStandardVersion()));
        QVERIFY(specifications->text().contains(u"TUF"_s));
        QVERIFY(dialog.findChild<QLabel *>(u"aboutSummary"_s));
    }

    void closeButtonCloses()
    {
        Uptane::Widgets::AboutDialog dialog;
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *close = dialog.findChild<QPushButton *>(u"aboutCloseButton"_s);
        QVERIFY(close);
        QVERIFY(!close->accessibleName().isEmpty());
        QTest::mouseClick(close, Qt::LeftButton);
        QTRY_VERIFY(!dialog.isVisible());
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
    }

    void keyboardCloses_data()
    {
        QTest::addColumn<int>("key");
        QTest::newRow("Escape") << int(Qt::Key_Escape);
        QTest::newRow("Return (Close is the default button)") << int(Qt::Key_Return);
    }
    void keyboardCloses()
    {
        QFETCH(int, key);
        Uptane::Widgets::AboutDialog dialog;
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        dialog.activateWindow();
        QTRY_VERIFY(dialog.isActiveWindow());
        QTest::keyClick(&dialog, Qt::Key(key));
        QTRY_VERIFY(!dialog.isVisible());
    }

    void tabReachesTableAndClose()
    {
        Uptane::Widgets::AboutDialog dialog;
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        dialog.activateWindow();
        QTRY_VERIFY(dialog.isActiveWindow());
        auto *table = dialog.findChild<QTableWidget *>(u"libraryVersions"_s);
        auto *close = dialog.findChild<QPushButton *>(u"aboutCloseButton"_s);
        QVERIFY(table && close);
        QVERIFY(table->focusPolicy() & Qt::TabFocus);
        QVERIFY(close->focusPolicy() & Qt::TabFocus);
        // Tab cycles between the two focusable widgets, and never gets stuck in the table.
        QSet<QWidget *> visited;
        for (int i = 0; i < 4; ++i) {
            QTest::keyClick(QApplication::focusWidget() ? QApplication::focusWidget() : &dialog, Qt::Key_Tab);
            visited.insert(QApplication::focusWidget());
        }
        QVERIFY(visited.contains(table));
        QVERIFY(visited.contains(close));
    }
};

QTEST_MAIN(TestAboutDialog)
#include "tst_aboutdialog.moc"
