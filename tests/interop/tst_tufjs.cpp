// tuf-js (npm, pinned in tests/interop/tufjs/package-lock.json, installed by scripts/test.sh
// with `npm ci --prefix tests/interop/tufjs`) as an independent client of what
// `uptane-lab serve` publishes on a JSON workspace:
//   1. the Image Repository: refresh, a top-level target and one delegated to supplier-acme;
//      the Director repository of democar: refresh and both assigned targets;
//   2. a root rotation of both repositories done through our API (OemServices opened in this
//      process while serve is stopped, then serve restarted): tuf-js, starting from its
//      cached root v1, follows to v2 and still downloads;
//   3. a served file altered on disk (an image, a signature, a role listed in the snapshot,
//      the delegated role): tuf-js refuses, and accepts again once the file is restored.
// Skipped only when node is not installed at all.

#include "labprocess.h"

#include "services/oemservices.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Uptane;
using namespace Uptane::Test;
using namespace Qt::StringLiterals;
namespace Demo = Uptane::Services::DemoFleet;

namespace {

const QString kClientDir = QStringLiteral(UPTANE_SOURCE_DIR "/tests/interop/tufjs");

struct NodeRun
{
    int exitCode = -1;
    QString out;
    QString err;
    QString describe() const { return u"exit %1\nstdout: %2\nstderr: %3"_s.arg(exitCode).arg(out, err); }
};

QByteArray fileBytes(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeBytes(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size();
}

} // namespace

class TestTufJs : public QObject
{
    Q_OBJECT
private:
    QString m_node;
    QTemporaryDir m_dir;
    QString workspace() const { return m_dir.filePath(u"ws"_s); }

    // One repository as tuf-js sees it: where it is served, the root it starts from, its cache.
    struct Repository
    {
        QString name;
        QString metadataPath;  // below the base URL
        QString metadataDir;   // on disk
        QString cacheDir;
    };
    QList<Repository> repositories() const
    {
        return {{u"imagerepo"_s, u"imagerepo/metadata/"_s, workspace() + u"/imagerepo/metadata"_s,
                 m_dir.filePath(u"cache/imagerepo"_s)},
                {u"director"_s, u"director/democar/metadata/"_s, workspace() + u"/director/democar/metadata"_s,
                 m_dir.filePath(u"cache/director"_s)}};
    }

    NodeRun runClient(const QString &baseUrl, const Repository &repository, const QString &cacheDir,
                      const QStringList &targets)
    {
        QStringList arguments{kClientDir + u"/client.mjs"_s,
                              u"--metadata-url"_s, baseUrl + repository.metadataPath,
                              u"--target-base-url"_s, baseUrl + u"imagerepo/targets/"_s,
                              u"--trusted-root"_s, repository.metadataDir + u"/1.root.json"_s,
                              u"--metadata-dir"_s, cacheDir + u"/metadata"_s,
                              u"--target-dir"_s, cacheDir + u"/targets"_s};
        for (const QString &target : targets)
            arguments << u"--target"_s << target;
        QProcess process;
        process.setWorkingDirectory(kClientDir);
        process.start(m_node, arguments);
        NodeRun run;
        if (!process.waitForFinished(120000)) {
            process.kill();
            process.waitForFinished();
            return run;
        }
        run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        run.out = QString::fromUtf8(process.readAllStandardOutput());
        run.err = QString::fromUtf8(process.readAllStandardError());
        return run;
    }

    // Listed by both repositories: the Director assigns them at creation.
    QStringList demoTargets() const { return {Demo::primaryImagePath(), Demo::supplierImagePath()}; }

private slots:
    void initTestCase()
    {
        m_node = QStandardPaths::findExecutable(u"node"_s);
        if (m_node.isEmpty())
            QSKIP("node is not installed: the tuf-js interoperability test needs Node.js");
        QVERIFY2(QFile::exists(kClientDir + u"/node_modules/tuf-js/package.json"_s),
                 "tuf-js is not installed: run npm ci --prefix tests/interop/tufjs (scripts/test.sh does)");
        QVERIFY2(QFile::exists(QStringLiteral(UPTANE_LAB_BINARY)), "build the uptane-lab target first");
        QVERIFY(m_dir.isValid());
    }

    // The whole story in order: each step builds on the workspace the previous one left.
    void refreshesAndDownloads()
    {
        ServeProcess serve;
        QVERIFY2(serve.start({u"--workspace"_s, workspace(), u"--encoding"_s, u"json"_s}), serve.errors().constData());
        for (const Repository &repository : repositories()) {
            const NodeRun run = runClient(serve.url(), repository, repository.cacheDir, demoTargets());
            QVERIFY2(run.exitCode == 0, qPrintable(repository.name + u": "_s + run.describe()));
            for (const QString &target : demoTargets())
                QVERIFY2(run.out.contains(u"downloaded "_s + target + u' '), qPrintable(run.out));
            QVERIFY(run.out.contains(u"root version 1"_s));
            // What tuf-js downloaded is the image we published, byte for byte.
            const QString downloaded = repository.cacheDir + u"/targets/acme_ecu-1.0.img"_s;
            QCOMPARE(fileBytes(downloaded), fileBytes(workspace() + u"/imagerepo/targets/acme/ecu-1.0.img"_s));
        }
        QCOMPARE(serve.stop(SIGTERM), 0);
    }

    void followsARootRotation()
    {
        {
            // Our API on the stopped workspace: recovery from a (pretend) root key compromise.
            SystemClock clock;
            auto services = Services::OemServices::open(workspace(), Metadata::Encoding::Json, clock);
            QVERIFY2(services, qPrintable(services ? QString() : services.error().toString()));
            auto images = (*services)->images().rotateKeys(u"root"_s);
            QVERIFY2(images, qPrintable(images ? QString() : images.error().toString()));
            QCOMPARE(images->versions.value(u"root"_s), qint64(2));
            auto director = (*services)->director().rotateKeys(Demo::vin(), u"root"_s);
            QVERIFY2(director, qPrintable(director ? QString() : director.error().toString()));
            QCOMPARE(director->versions.value(u"root"_s), qint64(2));
        }
        ServeProcess serve;
        QVERIFY2(serve.start({u"--workspace"_s, workspace()}), serve.errors().constData());
        for (const Repository &repository : repositories()) {
            // From the cache that trusts root v1 ...
            const NodeRun cached = runClient(serve.url(), repository, repository.cacheDir, demoTargets());
            QVERIFY2(cached.exitCode == 0, qPrintable(repository.name + u": "_s + cached.describe()));
            QVERIFY2(cached.out.contains(u"root version 2"_s), qPrintable(cached.out));
            // ... and from nothing but 1.root.json.
            const NodeRun fresh = runClient(serve.url(), repository, repository.cacheDir + u"-fresh"_s, demoTargets());
            QVERIFY2(fresh.exitCode == 0, qPrintable(repository.name + u": "_s + fresh.describe()));
            QVERIFY(fresh.out.contains(u"root version 2"_s));
        }
        QCOMPARE(serve.stop(SIGTERM), 0);
    }

    void refusesAlteredFiles_data()
    {
        QTest::addColumn<int>("repository");   // index into repositories()
        QTest::addColumn<QString>("file");     // relative to the workspace; "*" matches a hash prefix
        QTest::addColumn<QString>("how");      // "byte": flip a byte; "sig": change a signature
        QTest::addColumn<QString>("target");   // what the client downloads
        QTest::newRow("image bytes") << 0 << u"imagerepo/targets/*.firmware.img"_s << u"byte"_s << Demo::firmwarePath();
        QTest::newRow("delegated image bytes") << 0 << u"imagerepo/targets/acme/*.ecu-1.0.img"_s << u"byte"_s
                                               << Demo::supplierImagePath();
        QTest::newRow("timestamp signature") << 0 << u"imagerepo/metadata/timestamp.json"_s << u"sig"_s
                                             << Demo::firmwarePath();
        QTest::newRow("targets listed in the snapshot") << 0 << u"imagerepo/metadata/%targets.json"_s << u"byte"_s
                                                        << Demo::firmwarePath();
        QTest::newRow("delegated role") << 0 << u"imagerepo/metadata/%supplier-acme.json"_s << u"byte"_s
                                        << Demo::supplierImagePath();
        QTest::newRow("director timestamp signature") << 1 << u"director/democar/metadata/timestamp.json"_s
                                                      << u"sig"_s << Demo::primaryImagePath();
        QTest::newRow("image assigned by the director") << 1 << u"imagerepo/targets/*.infotainment-1.0.img"_s
                                                        << u"byte"_s << Demo::primaryImagePath();
    }
    void refusesAlteredFiles()
    {
        QFETCH(int, repository);
        QFETCH(QString, file);
        QFETCH(QString, how);
        QFETCH(QString, target);
        const Repository repo = repositories().at(repository);
        // Altered while serve runs: on start it would refuse (or repair) metadata it cannot
        // verify, which is not what this test is about.
        ServeProcess serve;
        QVERIFY2(serve.start({u"--workspace"_s, workspace()}), serve.errors().constData());

        // The files to alter: "*" stands for the consistent-snapshot hash prefixes (every
        // stored copy), "%" for the newest version of a role (the one the snapshot lists).
        QStringList paths;
        const QFileInfo pattern(workspace() + u'/' + file);
        QDir dir = pattern.dir();
        if (file.contains(u'*')) {
            for (const QString &name : dir.entryList({pattern.fileName()}, QDir::Files))
                paths << dir.filePath(name);
        } else if (file.contains(u'%')) {
            const QString role = pattern.fileName().mid(1);
            qint64 newest = 0;
            for (const QString &name : dir.entryList({u"*."_s + role}, QDir::Files))
                newest = std::max(newest, name.section(u'.', 0, 0).toLongLong());
            paths << dir.filePath(u"%1.%2"_s.arg(newest).arg(role));
        } else {
            paths << pattern.filePath();
        }
        QVERIFY(!paths.isEmpty());
        QMap<QString, QByteArray> originals;
        for (const QString &path : paths) {
            QByteArray bytes = fileBytes(path);
            QVERIFY(!bytes.isEmpty());
            originals.insert(path, bytes);
            if (how == u"sig"_s) {
                const qsizetype at = bytes.indexOf("\"sig\":\"") + 7;
                bytes[at] = bytes.at(at) == '0' ? '1' : '0';
            } else {
                const qsizetype at = bytes.indexOf("\"version\"");  // metadata: a digit of the body
                const qsizetype index = at >= 0 ? at + 10 : bytes.size() / 2;
                bytes[index] = bytes.at(index) == '7' ? '8' : '7';
            }
            QVERIFY(writeBytes(path, bytes));
        }

        const QString cache = m_dir.filePath(u"tamper/"_s + QString::fromLatin1(QTest::currentDataTag()));
        const NodeRun refused = runClient(serve.url(), repo, cache, {target});
        QVERIFY2(refused.exitCode == 1, qPrintable(refused.describe()));
        QVERIFY(refused.err.startsWith(u"tuf-js: "_s));
        qInfo("%s", qPrintable(refused.err.trimmed()));

        for (auto it = originals.cbegin(); it != originals.cend(); ++it)
            QVERIFY(writeBytes(it.key(), it.value()));
        const NodeRun accepted = runClient(serve.url(), repo, cache + u"-restored"_s, {target});
        QVERIFY2(accepted.exitCode == 0, qPrintable(accepted.describe()));
        QCOMPARE(serve.stop(SIGTERM), 0);
    }
};

QTEST_GUILESS_MAIN(TestTufJs)
#include "tst_tufjs.moc"
