// `uptane-lab serve` as a real process, in both encodings: usage errors (exit 2), start-up
// failures (exit 1), SIGINT/SIGTERM (exit 0), a restart that keeps every key and version,
// the whole OEM side over HTTP (TUF client with CurlFetcher on both repositories, a time
// attestation checked with the pinned key, manifests accepted, replayed and misaddressed),
// and SIGKILL at varied moments while it publishes every few milliseconds: after each kill
// every repository on disk must verify completely from a fresh trusted root.

#include "../services/repoclient.h"
#include "../services/demofleet.h"
#include "metadata/codec.h"
#include "net/curlfetcher.h"
#include "labprocess.h"
#include "services/keyring.h"
#include "services/oemservices.h"
#include "services/timeserver.h"

#include <QDirIterator>
#include <QElapsedTimer>
#include <QThread>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace Uptane;
using namespace Uptane::Test;
using namespace Qt::StringLiterals;
namespace Demo = Uptane::Services::DemoFleet;

Q_DECLARE_METATYPE(Uptane::Metadata::Encoding)

namespace {

QString extension(Metadata::Encoding encoding)
{
    return Metadata::fileExtension(encoding);
}

// Keys and metadata of a workspace, "relative path" -> bytes.
QMap<QString, QByteArray> keysAndMetadata(const QString &root)
{
    QMap<QString, QByteArray> files;
    QDirIterator it(root, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QString relative = QDir(root).relativeFilePath(path);
        if (!relative.startsWith(u"keys/"_s) && !relative.contains(u"/metadata/"_s)
            && !relative.startsWith(u"vehicles/"_s))
            continue;
        QFile file(path);
        if (file.open(QIODevice::ReadOnly))
            files.insert(relative, file.readAll());
    }
    return files;
}

QByteArray fileBytes(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// A TUF client of one served repository over HTTP, trusting the repository's 1.root.
struct HttpClient
{
    HttpClient(const QString &trustedRootFile, const QString &metadataUrl, const QString &targetsUrl,
               Metadata::Encoding encoding)
    {
        store.files.insert(u"root"_s, fileBytes(trustedRootFile));
        config.metadataBaseUrl = metadataUrl;
        config.targetBaseUrl = targetsUrl;
        config.encoding = encoding;
        updater = std::make_unique<Verify::Updater>(config, store, fetcher);
    }
    Net::CurlFetcher fetcher;
    Verify::MemoryStore store;
    Verify::UpdaterConfig config;
    std::unique_ptr<Verify::Updater> updater;
};

struct Posted
{
    int status = 0;
    QByteArray body;
};

Posted post(const QString &url, const QByteArray &body)
{
    QNetworkAccessManager manager;
    QNetworkRequest request{QUrl(url)};
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/octet-stream"));
    QNetworkReply *reply = manager.post(request, body);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished())
        finished.wait(30000);
    Posted posted{reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), reply->readAll()};
    delete reply;
    return posted;
}

// The highest N of the "N.<role>.<ext>" files in a metadata directory (published or left
// by an interrupted publish).
qint64 highestVersion(const QString &metadataDir, const QString &role, Metadata::Encoding encoding)
{
    qint64 highest = 0;
    const QString suffix = u'.' + role + u'.' + extension(encoding);
    for (const QString &name : QDir(metadataDir).entryList(QDir::Files)) {
        if (name.endsWith(suffix))
            highest = std::max(highest, name.left(name.size() - suffix.size()).toLongLong());
    }
    return highest;
}

struct DiskCheck
{
    QString problem;                // empty when every repository verified
    QMap<QString, qint64> targets;  // metadata dir -> trusted targets version
};

// Verifies every repository of the workspace from disk with a fresh client trusting
// 1.root: refresh, find and download each image.
DiskCheck verifyOnDisk(const QString &root, Metadata::Encoding encoding)
{
    DiskCheck check;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QString targets = root + u"/imagerepo/targets"_s;
    for (const QString &metadata : QStringList{root + u"/imagerepo/metadata"_s, root + u"/director/democar/metadata"_s}) {
        RepoClient client(metadata, targets, encoding);
        if (auto refreshed = client.refresh(now); !refreshed) {
            check.problem = metadata + u": "_s + refreshed.error().toString();
            return check;
        }
        for (const QString &image : {Demo::primaryImagePath(), Demo::supplierImagePath()}) {
            auto found = client.updater->findTarget(image);
            if (!found) {
                check.problem = metadata + u" find "_s + image + u": "_s + found.error().toString();
                return check;
            }
            QTemporaryDir download;
            if (auto got = client.updater->downloadTarget(*found, download.filePath(u"image"_s)); !got) {
                check.problem = metadata + u" download "_s + image + u": "_s + got.error().toString();
                return check;
            }
        }
        check.targets.insert(metadata, client.trustedVersion(u"targets"_s));
    }
    return check;
}

} // namespace

class TestServe : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString workspace() const { return m_dir->filePath(u"ws"_s); }

    static void encodings()
    {
        QTest::addColumn<Metadata::Encoding>("encoding");
        QTest::newRow("json") << Metadata::Encoding::Json;
        QTest::newRow("der") << Metadata::Encoding::Der;
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(QStringLiteral(UPTANE_LAB_BINARY)), "build the uptane-lab target first");
        Net::initializeCurl();
    }
    void init() { m_dir = std::make_unique<QTemporaryDir>(); }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("no workspace") << QStringList();
        QTest::newRow("empty workspace") << QStringList{u"--workspace"_s, QString()};
        QTest::newRow("unknown option") << QStringList{u"--workspace"_s, u"w"_s, u"--bogus"_s};
        QTest::newRow("positional") << QStringList{u"--workspace"_s, u"w"_s, u"extra"_s};
        QTest::newRow("port not a number") << QStringList{u"--workspace"_s, u"w"_s, u"--port"_s, u"http"_s};
        QTest::newRow("port too large") << QStringList{u"--workspace"_s, u"w"_s, u"--port"_s, u"65536"_s};
        QTest::newRow("negative port") << QStringList{u"--workspace"_s, u"w"_s, u"--port"_s, u"-1"_s};
        QTest::newRow("unknown encoding") << QStringList{u"--workspace"_s, u"w"_s, u"--encoding"_s, u"xml"_s};
        QTest::newRow("zero interval") << QStringList{u"--workspace"_s, u"w"_s, u"--publish-interval-ms"_s, u"0"_s};
        QTest::newRow("interval not a number")
            << QStringList{u"--workspace"_s, u"w"_s, u"--publish-interval-ms"_s, u"soon"_s};
        QTest::newRow("workspace twice") << QStringList{u"--workspace"_s, u"a"_s, u"--workspace"_s, u"b"_s};
        QTest::newRow("missing value") << QStringList{u"--workspace"_s};
    }
    void usageErrors()
    {
        QFETCH(QStringList, arguments);
        QDir::setCurrent(m_dir->path());  // a relative "w" must not be created anyway
        const Run run = runLab(QStringList{u"serve"_s} + arguments);
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.out.isEmpty());
        QVERIFY(run.err.contains("uptane-lab serve:"));
        QVERIFY(!QFileInfo::exists(m_dir->filePath(u"w"_s)));
    }

    void help()
    {
        const Run run = runLab({u"serve"_s, u"--help"_s});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.contains("--workspace DIR"));
        QVERIFY(run.out.contains("--publish-interval-ms"));
    }

    void refusesAnotherEncoding()
    {
        ServeProcess serve;
        QVERIFY2(serve.start({u"--workspace"_s, workspace(), u"--encoding"_s, u"json"_s}), serve.errors().constData());
        QCOMPARE(serve.stop(SIGTERM), 0);
        const Run run = runLab({u"serve"_s, u"--workspace"_s, workspace(), u"--encoding"_s, u"der"_s});
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.err.contains("encoding"));
        QVERIFY(run.out.isEmpty());
    }

    void refusesATakenPort()
    {
        QTcpServer taken;
        QVERIFY(taken.listen(QHostAddress::LocalHost, 0));
        const Run run = runLab({u"serve"_s, u"--workspace"_s, workspace(), u"--port"_s,
                                QString::number(taken.serverPort())});
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.err.contains(QByteArray::number(taken.serverPort())));
    }

    void servesOnTheRequestedPort()
    {
        QTcpServer probe;  // a free port: bind one, then let it go
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const quint16 port = probe.serverPort();
        probe.close();
        ServeProcess serve;
        QVERIFY2(serve.start({u"--workspace"_s, workspace(), u"--port"_s, QString::number(port)}), serve.errors().constData());
        QCOMPARE(serve.url(), u"http://127.0.0.1:%1/"_s.arg(port));
        QCOMPARE(serve.stop(SIGINT), 0);
    }

    void restartKeepsKeysAndVersions_data() { encodings(); }
    void restartKeepsKeysAndVersions()
    {
        QFETCH(Metadata::Encoding, encoding);
        const QStringList arguments{u"--workspace"_s, workspace(), u"--encoding"_s, Metadata::encodingName(encoding)};
        ServeProcess first;
        QVERIFY2(first.start(arguments), first.errors().constData());
        QCOMPARE(first.stop(SIGTERM), 0);
        const auto files = keysAndMetadata(workspace());
        QVERIFY(files.contains(u"keys/timeserver.pub"_s));
        QVERIFY(files.contains(u"imagerepo/metadata/timestamp."_s + extension(encoding)));

        ServeProcess second;  // without --encoding: the workspace's own
        QVERIFY2(second.start({u"--workspace"_s, workspace()}), second.errors().constData());
        HttpClient client(workspace() + u"/imagerepo/metadata/1.root."_s + extension(encoding),
                          second.url() + u"imagerepo/metadata/"_s, second.url() + u"imagerepo/targets/"_s,
                          encoding);
        QVERIFY(client.updater->refresh(QDateTime::currentDateTimeUtc()));
        QCOMPARE(second.stop(SIGINT), 0);
        QCOMPARE(keysAndMetadata(workspace()), files);
    }

    void servesTheOemSideOverHttp_data() { encodings(); }
    void servesTheOemSideOverHttp()
    {
        QFETCH(Metadata::Encoding, encoding);
        ServeProcess serve;
        QVERIFY2(serve.start({u"--workspace"_s, workspace(), u"--encoding"_s, Metadata::encodingName(encoding),
                              u"--verbose"_s}),
                 serve.errors().constData());
        const QString url = serve.url();
        // --verbose narrated the fleet's creation before the URL line came.
        QVERIFY(serve.waitForEvents("director -> democar/TCUdemocar ImageAssigned", 1));
        const QDateTime now = QDateTime::currentDateTimeUtc();

        // Both repositories through the TUF client engine, over HTTP.
        HttpClient images(workspace() + u"/imagerepo/metadata/1.root."_s + extension(encoding),
                          url + u"imagerepo/metadata/"_s, url + u"imagerepo/targets/"_s, encoding);
        QVERIFY(images.updater->refresh(now));
        HttpClient director(workspace() + u"/director/democar/metadata/1.root."_s + extension(encoding),
                            url + u"director/democar/metadata/"_s, url + u"imagerepo/targets/"_s, encoding);
        QVERIFY(director.updater->refresh(now));
        for (const QString &path : {Demo::primaryImagePath(), Demo::supplierImagePath()}) {
            auto listed = images.updater->findTarget(path);
            QVERIFY2(listed, qPrintable(path));
            auto assigned = director.updater->findTarget(path);
            QVERIFY2(assigned, qPrintable(path));
            QCOMPARE(assigned->hashes, listed->hashes);
            QVERIFY(images.updater->downloadTarget(*listed, m_dir->filePath(u"download/"_s + path)));
        }

        // A time attestation over our nonces, signed by the key vehicles pin.
        const Posted attestation = post(url + u"timeserver/attestation"_s, Services::TimeServer::requestBody({11, 12}));
        QCOMPARE(attestation.status, 200);
        auto parsed = Metadata::parse<Metadata::TimeAttestation>(attestation.body, encoding);
        QVERIFY(parsed);
        QCOMPARE(parsed->body.nonces, (QList<qint64>{11, 12}));
        auto pinned = Services::parseTufPublicKeyJson(fileBytes(workspace() + u"/keys/timeserver.pub"_s));
        QVERIFY(pinned);
        QVERIFY(pinned->verify(parsed->signedBytes, parsed->signatures.value(0).value));
        QCOMPARE(post(url + u"timeserver/attestation"_s, "nonces").status, 400);

        // Vehicle Version Manifests: accepted, replayed, sent to the wrong vehicle.
        const TestVehicle vehicle = demoVehicle(workspace());
        const QByteArray manifest = serializeVehicleManifest(vehicleManifestBody(vehicle, encoding, 500, now),
                                                             encoding, vehicle.primary().key);
        const Posted accepted = post(url + u"director/democar/manifest"_s, manifest);
        QVERIFY2(accepted.status == 200, accepted.body.constData());
        QVERIFY(accepted.body.contains("\"accepted\":true"));
        const Posted replayed = post(url + u"director/democar/manifest"_s, manifest);
        QCOMPARE(replayed.status, 400);
        QVERIFY(replayed.body.contains(errorCodeName(ErrorCode::ReusedNonce).toUtf8()));
        const Posted misaddressed = post(url + u"director/othercar/manifest"_s, manifest);
        QCOMPARE(misaddressed.status, 404);
        // ... and narrates every exchange and verdict, one line each.
        QVERIFY(serve.waitForEvents(" ManifestAccepted: ", 1));
        QVERIFY(serve.waitForEvents(" ManifestRejected: ", 2));
        QVERIFY(serve.waitForEvents(" AttestationIssued: ", 1));
        QVERIFY(serve.waitForEvents("client -> director HttpRequest: POST /director/democar/manifest", 2));
        QVERIFY(serve.waitForEvents("HttpResponse: 404 Not Found for POST /director/othercar/manifest", 1));

        QCOMPARE(serve.stop(SIGTERM), 0);
    }

    // Publishing every 20 ms, killed with SIGKILL at varied moments of a publish: a seeded
    // PRNG picks the repository, a publish a little ahead, and a delay after the first file of
    // that publish appears (so a failure reproduces). Whatever the kill interrupted, each
    // repository on disk must verify whole from a fresh trusted root, never go back to an
    // older version, and serve must start again on it.
    void sigkillDuringPublishes_data() { encodings(); }
    void sigkillDuringPublishes()
    {
        QFETCH(Metadata::Encoding, encoding);
        const quint32 seed = 20261123;
        QRandomGenerator random(seed);
        const QStringList arguments{u"--workspace"_s, workspace(), u"--encoding"_s, Metadata::encodingName(encoding),
                                    u"--publish-interval-ms"_s, u"20"_s};
        const QStringList repositories{workspace() + u"/imagerepo/metadata"_s,
                                       workspace() + u"/director/democar/metadata"_s};
        QMap<QString, qint64> versions;
        int interrupted = 0;
        for (int round = 0; round < 20; ++round) {
            ServeProcess serve;
            QVERIFY2(serve.start(arguments), serve.errors().constData());
            const QString repository = repositories.at(int(random.bounded(2)));
            const qint64 version = highestVersion(repository, u"targets"_s, encoding) + 1 + random.bounded(3);
            const QString firstFile = repository + u"/%1.targets."_s.arg(version) + extension(encoding);
            const qint64 delayUs = random.bounded(3000);
            // Waiting for the process to get there (it publishes on its own clock).
            const QDeadlineTimer deadline(60000);
            while (!QFileInfo::exists(firstFile) && serve.process().state() == QProcess::Running
                   && !deadline.hasExpired())
                QThread::usleep(20);
            QVERIFY2(QFileInfo::exists(firstFile), qPrintable(firstFile));
            QElapsedTimer delay;
            delay.start();
            while (delay.nsecsElapsed() < delayUs * 1000)
                ;
            QCOMPARE(serve.stop(SIGKILL), -1);

            const DiskCheck check = verifyOnDisk(workspace(), encoding);
            QVERIFY2(check.problem.isEmpty(), qPrintable(u"round %1 (seed %2): %3"_s.arg(round).arg(seed).arg(check.problem)));
            for (auto it = check.targets.cbegin(); it != check.targets.cend(); ++it) {
                QVERIFY2(it.value() >= versions.value(it.key()), qPrintable(it.key()));
                versions.insert(it.key(), it.value());
            }
            if (check.targets.value(repository) < version)
                ++interrupted;  // the kill landed before that publish's timestamp
        }
        // A last start proves serve still opens what the kills left.
        ServeProcess last;
        QVERIFY2(last.start(arguments), last.errors().constData());
        QCOMPARE(last.stop(SIGTERM), 0);
        qInfo("20 kills, %d of them before the publish they interrupted was complete", interrupted);
        QVERIFY(interrupted > 0);
    }
};

QTEST_GUILESS_MAIN(TestServe)
#include "tst_serve.moc"
