// The uptane-lab command line, run as a real process: --version (and its library lines), --help,
// unknown commands, and the tuf-client protocol's usage errors (exit 2), init, and failures (exit 1).

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

Run runLab(const QStringList &arguments)
{
    QProcess process;
    process.start(QStringLiteral(UPTANE_LAB_BINARY), arguments);
    Run run;
    if (!process.waitForFinished(60000) || process.exitStatus() != QProcess::NormalExit) {
        process.kill();
        process.waitForFinished();
        return run;
    }
    run.exitCode = process.exitCode();
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

QString initialRoot()
{
    return QStringLiteral(UPTANE_SHARED_DIR) + u"/interop/tuf-real/tuf-on-ci-0.11/initial_root.json"_s;
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(QStringLiteral(UPTANE_LAB_BINARY)), "build the uptane-lab target first");
        QVERIFY(QFile::exists(initialRoot()));
    }

    void printsVersion_data()
    {
        QTest::addColumn<QString>("option");
        QTest::newRow("--version") << u"--version"_s;
        QTest::newRow("-v") << u"-v"_s;
    }
    void printsVersion()
    {
        QFETCH(QString, option);
        const Run run = runLab({option});
        QCOMPARE(run.exitCode, 0);
        const QStringList lines = run.out.split(u'\n', Qt::SkipEmptyParts);
        QVERIFY(!lines.isEmpty());
        QCOMPARE(lines.first(), u"uptane-lab " UPTANE_VERSION ""_s);
        // Then one indented "<library> <version>" line per library we run on.
        const QStringList libraries{u"Qt"_s, u"OpenSSL"_s, u"libsodium"_s, u"libcurl"_s,
                                    u"libarchive"_s, u"libtasn1"_s};
        QCOMPARE(lines.size(), 1 + libraries.size());
        for (qsizetype i = 0; i < libraries.size(); ++i) {
            const QString line = lines.at(i + 1);
            QVERIFY2(line.startsWith(u"  "_s + libraries.at(i) + u' '), qPrintable(line));
            const QString version = line.mid(2 + libraries.at(i).size() + 1);
            QVERIFY2(!version.isEmpty() && version.front().isDigit(), qPrintable(line));
        }
    }

    void printsHelp_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("--help") << QStringList{u"--help"_s} << u"tuf-client"_s;
        QTest::newRow("-h") << QStringList{u"-h"_s} << u"tuf-client"_s;
        QTest::newRow("tuf-client --help") << QStringList{u"tuf-client"_s, u"--help"_s} << u"--metadata-dir"_s;
        QTest::newRow("tuf-client -h") << QStringList{u"tuf-client"_s, u"-h"_s} << u"--reference-time"_s;
        QTest::newRow("tuf-client refresh --help") << QStringList{u"tuf-client"_s, u"refresh"_s, u"--help"_s}
                                                   << u"download"_s;
    }
    void printsHelp()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, mentions);
        const Run run = runLab(arguments);
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains(mentions), qPrintable(run.out));
    }

    void unknownCommandIsUsageError()
    {
        const Run run = runLab({u"frobnicate"_s});
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.err.contains(u"frobnicate"_s));
        QVERIFY(run.out.isEmpty());
    }

    void tufClientUsageErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        const QString dir = u"--metadata-dir=/nonexistent/uptane-lab-test"_s;
        const QString url = u"--metadata-url=http://127.0.0.1:9/metadata/"_s;
        QTest::newRow("no command") << QStringList{};
        QTest::newRow("unknown command") << QStringList{dir, u"update"_s};
        QTest::newRow("unknown option") << QStringList{u"--bogus"_s, dir, url, u"refresh"_s};
        QTest::newRow("option without its value") << QStringList{u"refresh"_s, url, u"--metadata-dir"_s};
        QTest::newRow("init without trusted root") << QStringList{dir, u"init"_s};
        QTest::newRow("init with two roots") << QStringList{dir, u"init"_s, initialRoot(), initialRoot()};
        QTest::newRow("init without --metadata-dir") << QStringList{u"init"_s, initialRoot()};
        QTest::newRow("refresh without --metadata-dir") << QStringList{url, u"refresh"_s};
        QTest::newRow("refresh without --metadata-url") << QStringList{dir, u"refresh"_s};
        QTest::newRow("refresh with an argument") << QStringList{dir, url, u"refresh"_s, u"now"_s};
        const QStringList download{dir, url, u"--target-name=a.txt"_s,
                                   u"--target-base-url=http://127.0.0.1:9/targets/"_s,
                                   u"--target-dir=/nonexistent/uptane-lab-targets"_s};
        for (int skipped = 0; skipped < download.size(); ++skipped) {
            QStringList arguments = download;
            const QString option = arguments.takeAt(skipped).section(u'=', 0, 0);
            QTest::addRow("download without %s", qPrintable(option)) << (arguments << u"download"_s);
        }
        QTest::newRow("bad encoding") << QStringList{dir, url, u"--encoding=xml"_s, u"refresh"_s};
        for (const QString &time : {u"yesterday"_s, u"2025-02-30T00:00:00Z"_s, u"2025-02-09"_s, u""_s}) {
            QTest::addRow("bad reference time '%s'", qPrintable(time))
                << QStringList{dir, url, u"--reference-time"_s, time, u"refresh"_s};
        }
    }
    void tufClientUsageErrors()
    {
        QFETCH(QStringList, arguments);
        const Run run = runLab(QStringList{u"tuf-client"_s} + arguments);
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.err.contains(u"--help"_s));  // points at the help
        QVERIFY(run.out.isEmpty());
    }

    // CLIENT-CLI.md: init stores the trusted root under its unversioned name, no checks.
    void initCopiesTheTrustedRoot_data()
    {
        QTest::addColumn<QString>("encoding");
        QTest::addColumn<QString>("fileName");
        QTest::newRow("default") << QString() << u"root.json"_s;
        QTest::newRow("json") << u"json"_s << u"root.json"_s;
        QTest::newRow("der") << u"der"_s << u"root.der"_s;
    }
    void initCopiesTheTrustedRoot()
    {
        QFETCH(QString, encoding);
        QFETCH(QString, fileName);
        QTemporaryDir work;
        const QString metadataDir = work.filePath(u"metadata"_s);  // created by init
        QStringList arguments{u"tuf-client"_s, u"--metadata-dir"_s, metadataDir};
        if (!encoding.isEmpty())
            arguments << u"--encoding"_s << encoding;
        const Run run = runLab(arguments << u"init"_s << initialRoot());
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QCOMPARE(readFile(metadataDir + u'/' + fileName), readFile(initialRoot()));
    }

    void failuresExitWithOne_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<QString>("expected");
        QTest::newRow("init with a missing root") << u"init"_s << u"IoError"_s;
        QTest::newRow("refresh before init") << u"refresh"_s << u"NotFound"_s;
    }
    void failuresExitWithOne()
    {
        QFETCH(QString, command);
        QFETCH(QString, expected);
        QTemporaryDir work;
        QStringList arguments{u"tuf-client"_s, u"--metadata-dir"_s, work.path(),
                              u"--metadata-url"_s, u"http://127.0.0.1:9/metadata/"_s, command};
        if (command == u"init")
            arguments << work.filePath(u"no-such-root.json"_s);
        const Run run = runLab(arguments);
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(u"failed: "_s + expected + u':'), qPrintable(run.err));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
