// `uptane-lab scenarios` and `uptane-lab run`, run as a real process: the list is the
// catalogue; usage errors exit 2 with a message and run nothing; a lab that cannot start
// exits 1; a scenario's result in text and as one JSON document.

#include "attacks/catalogue.h"

#include "labprocess.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

// Output as text (the run's messages are UTF-8).
struct TextRun
{
    int exitCode = -1;
    QString out;
    QString err;
};

TextRun runLab(const QStringList &arguments)
{
    const Uptane::Test::Run run = Uptane::Test::runLab(arguments, 300000);
    return {run.exitCode, QString::fromUtf8(run.out), QString::fromUtf8(run.err)};
}

// The delivery of the reference demo (its id may carry a group prefix).
QString deliveryId()
{
    for (const Uptane::Attacks::Scenario &scenario : Uptane::Attacks::catalogue()) {
        if (scenario.id == u"deliver-update" || scenario.id.endsWith(u"-deliver-update"))
            return scenario.id;
    }
    return {};
}

} // namespace

class TestRunCommand : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private slots:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(QStringLiteral(UPTANE_LAB_BINARY)), "build the uptane-lab target first");
        QVERIFY(m_dir.isValid());
    }

    void listsTheCatalogue()
    {
        const TextRun run = runLab({u"scenarios"_s});
        QCOMPARE(run.exitCode, 0);
        QStringList listed;
        for (const QString &line : run.out.split(u'\n', Qt::SkipEmptyParts)) {
            const QStringList fields = line.split(u'\t');
            QCOMPARE(fields.size(), 2);
            QVERIFY2(!fields.at(1).trimmed().isEmpty(), qPrintable(line));
            listed.append(fields.at(0));
        }
        QStringList ids;
        for (const Uptane::Attacks::Scenario &scenario : Uptane::Attacks::catalogue())
            ids.append(scenario.id);
        QCOMPARE(listed, ids);
    }

    void helpMentionsCommands()
    {
        const TextRun run = runLab({u"--help"_s});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.contains(u"scenarios"_s));
        QVERIFY(run.out.contains(u"run"_s));
        const TextRun help = runLab({u"run"_s, u"--help"_s});
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.contains(u"--encoding"_s));
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("mentions");
        const QString id = deliveryId();
        QTest::newRow("no id") << QStringList{u"run"_s} << u"no scenario"_s;
        QTest::newRow("unknown id") << QStringList{u"run"_s, id, u"no-such-scenario"_s} << u"no-such-scenario"_s;
        QTest::newRow("unknown encoding") << QStringList{u"run"_s, u"--encoding"_s, u"xml"_s, id} << u"xml"_s;
        QTest::newRow("unknown format") << QStringList{u"run"_s, u"--format"_s, u"yaml"_s, id} << u"yaml"_s;
        QTest::newRow("unknown option") << QStringList{u"run"_s, u"--fast"_s, id} << u"fast"_s;
        QTest::newRow("encoding twice")
            << QStringList{u"run"_s, u"--encoding"_s, u"json"_s, u"--encoding"_s, u"der"_s, id} << u"encoding"_s;
        QTest::newRow("scenarios argument") << QStringList{u"scenarios"_s, u"extra"_s} << u"extra"_s;
    }
    void usageErrors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, mentions);
        // Nothing runs: the workspace named is never created.
        const QString workspace = m_dir.filePath(u"never"_s);
        if (arguments.first() == u"run")
            arguments = QStringList{u"run"_s, u"--workspace"_s, workspace} + arguments.mid(1);
        const TextRun run = runLab(arguments);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.out.isEmpty(), qPrintable(run.out));
        QVERIFY2(run.err.contains(mentions), qPrintable(run.err));
        QVERIFY(!QFileInfo::exists(workspace));
    }

    void workspaceThatIsAFile()
    {
        const QString file = m_dir.filePath(u"file"_s);
        QFile touch(file);
        QVERIFY(touch.open(QIODevice::WriteOnly));
        touch.close();
        const TextRun run = runLab({u"run"_s, u"--workspace"_s, file, deliveryId()});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(file), qPrintable(run.err));
        // Below a file: an argument that looks fine, a lab that cannot start.
        const TextRun below = runLab({u"run"_s, u"--workspace"_s, file + u"/ws"_s, deliveryId()});
        QCOMPARE(below.exitCode, 1);
        QVERIFY2(below.err.contains(u"cannot start"_s), qPrintable(below.err));
    }

    void runsAsJson()
    {
        const QString id = deliveryId();
        QVERIFY2(!id.isEmpty(), "no deliver-update scenario in the catalogue");
        const QString workspace = m_dir.filePath(u"json-ws"_s);
        const TextRun run = runLab({u"run"_s, u"--format"_s, u"json"_s, u"--workspace"_s, workspace, id});
        QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
        QVERIFY(QDir(workspace).exists());
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(run.out.toUtf8(), &error);
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
        const QJsonObject root = document.object();
        QCOMPARE(root.value(u"encoding"_s).toString(), u"json"_s);
        QCOMPARE(root.value(u"passed"_s).toBool(false), true);
        const QJsonArray scenarios = root.value(u"scenarios"_s).toArray();
        QCOMPARE(scenarios.size(), 1);
        const QJsonObject scenario = scenarios.first().toObject();
        QCOMPARE(scenario.value(u"id"_s).toString(), id);
        QCOMPARE(scenario.value(u"passed"_s).toBool(false), true);
        QVERIFY(scenario.value(u"problem"_s).isString());
        const QJsonArray steps = scenario.value(u"steps"_s).toArray();
        QCOMPARE(steps.size(), Uptane::Attacks::findScenario(id)->steps.size());
        int observed = 0;
        for (qsizetype index = 0; index < steps.size(); ++index) {
            const QJsonObject step = steps.at(index).toObject();
            QCOMPARE(step.value(u"index"_s).toInt(-1), int(index));
            QVERIFY(step.contains(u"kind"_s) && step.contains(u"title"_s));
            QVERIFY(step.value(u"error"_s).isNull());
            for (const QJsonValue &value : step.value(u"observations"_s).toArray()) {
                const QJsonObject observation = value.toObject();
                for (const QString &key : {u"where"_s, u"serial"_s, u"expected"_s, u"expectedCode"_s,
                                           u"observed"_s, u"observedCode"_s, u"matches"_s})
                    QVERIFY2(observation.contains(key), qPrintable(key));
                QVERIFY(observation.value(u"matches"_s).toBool(false));
                ++observed;
            }
        }
        QVERIFY(observed >= 3);
    }

    void runsAsText()
    {
        const QString id = deliveryId();
        const TextRun run = runLab({u"run"_s, u"--encoding"_s, u"der"_s, id});
        QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
        QVERIFY2(run.out.contains(id + u"  PASSED"_s), qPrintable(run.out));
        QVERIFY2(run.out.contains(u"expected UPDATED"_s), qPrintable(run.out));
        QVERIFY2(run.out.contains(u"1 of 1 scenario(s) passed (der)"_s), qPrintable(run.out));
    }
};

QTEST_GUILESS_MAIN(TestRunCommand)
#include "tst_runcommand.moc"
