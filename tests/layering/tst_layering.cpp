// The layering rules of ARCHITECTURE.md, checked on the source tree: core/ never includes
// QtGui or QtWidgets, and each C library's headers appear only in the one folder that wraps it.

#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QTest>

class TestLayering : public QObject
{
    Q_OBJECT
private:
    // Every "#include" line of every C++ file under the given top-level folders.
    static QList<std::pair<QString, QString>> includes(const QStringList &folders)
    {
        QList<std::pair<QString, QString>> found;
        const QString root = QStringLiteral(UPTANE_SOURCE_DIR);
        static const QRegularExpression include(QStringLiteral("^\\s*#\\s*include\\s*[<\"]([^>\"]+)[>\"]"),
                                                QRegularExpression::MultilineOption);
        for (const QString &folder : folders) {
            QDirIterator it(root + u'/' + folder, {QStringLiteral("*.h"), QStringLiteral("*.cpp"), QStringLiteral("*.c")},
                            QDir::Files, QDirIterator::Subdirectories);
            while (it.hasNext()) {
                const QString path = it.next();
                QFile file(path);
                if (!file.open(QIODevice::ReadOnly))
                    continue;
                const QString text = QString::fromUtf8(file.readAll());
                auto matches = include.globalMatch(text);
                while (matches.hasNext())
                    found.append({path.mid(root.size() + 1), matches.next().captured(1)});
            }
        }
        return found;
    }

private slots:
    void scannerSeesTheTree()
    {
        // Guard against a vacuous pass: the scan must find the core's own includes.
        QVERIFY(includes({QStringLiteral("core")}).size() > 20);
    }

    void coreHasNoGui()
    {
        static const QRegularExpression gui(QStringLiteral("^(QtGui|QtWidgets)/|^Q(Widget|Painter|Pixmap|Image|Application|Icon|Color)\\b"));
        for (const auto &[file, header] : includes({QStringLiteral("core")}))
            QVERIFY2(!gui.match(header).hasMatch(), qPrintable(file + u" includes " + header));
    }

    void libraryHeadersStayHome_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("home");
        QTest::newRow("openssl") << QStringLiteral("^openssl/") << QStringLiteral("core/crypto/");
        QTest::newRow("sodium") << QStringLiteral("^sodium") << QStringLiteral("core/crypto/");
        QTest::newRow("curl") << QStringLiteral("^curl/") << QStringLiteral("core/net/");
        QTest::newRow("libtasn1") << QStringLiteral("^libtasn1") << QStringLiteral("core/encoding/");
        QTest::newRow("libarchive") << QStringLiteral("^archive(_entry)?\\.h") << QStringLiteral("core/vehicle/");
    }

    void libraryHeadersStayHome()
    {
        QFETCH(QString, pattern);
        QFETCH(QString, home);
        const QRegularExpression re(pattern);
        for (const auto &[file, header] : includes({QStringLiteral("core"), QStringLiteral("widgets"), QStringLiteral("app")}))
            if (re.match(header).hasMatch())
                QVERIFY2(file.startsWith(home), qPrintable(file + u" includes " + header + u" outside " + home));
    }
};

QTEST_GUILESS_MAIN(TestLayering)
#include "tst_layering.moc"
