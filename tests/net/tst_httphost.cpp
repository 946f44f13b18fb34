// HttpHost on its own thread (as on the services thread), driven by CurlFetcher and by raw
// requests from the test thread: files served byte for byte with their content type, every
// status code (404, 405 with Allow, 400, 403, 411, 413 before the body is sent, 431, 500),
// each way out of a served directory refused, handler answers and errors, events, the idle
// timeout and listening errors.

#include "net/curlfetcher.h"
#include "net/httphost.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <memory>

using namespace Qt::StringLiterals;
using namespace Uptane;
using Uptane::Net::HttpHost;
using Uptane::Net::HttpHostConfig;

Q_DECLARE_METATYPE(Uptane::ErrorCode)

namespace {

constexpr qint64 kMaxBody = 4096;

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

QByteArray fileBytes(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

struct RawResponse
{
    int status = 0;
    QMap<QByteArray, QByteArray> headers;  // lower-case names
    QByteArray body;
    bool closed = false;  // the server closed the connection after answering
};

// Sends exactly `request` and reads the answer until the server closes the connection.
RawResponse exchange(quint16 port, const QByteArray &request)
{
    RawResponse response;
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(5000))
        return response;
    socket.write(request);
    socket.waitForBytesWritten(5000);
    QByteArray received;
    while (socket.state() == QAbstractSocket::ConnectedState && socket.waitForReadyRead(10000))
        received += socket.readAll();
    received += socket.readAll();
    response.closed = socket.state() != QAbstractSocket::ConnectedState;
    const qsizetype headerEnd = received.indexOf("\r\n\r\n");
    if (headerEnd < 0)
        return response;
    const QList<QByteArray> lines = received.left(headerEnd).split('\n');
    response.status = lines.value(0).split(' ').value(1).toInt();
    for (const QByteArray &line : lines.mid(1)) {
        const qsizetype colon = line.indexOf(':');
        response.headers.insert(line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed());
    }
    response.body = received.mid(headerEnd + 4);
    return response;
}

QByteArray get(const QByteArray &target)
{
    return "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
}

QByteArray request(const QByteArray &method, const QByteArray &target, const QByteArray &body)
{
    return method + ' ' + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: "
        + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

// The code comes first in the body, so a client keeping only the start of it still sees it.
QString errorName(const RawResponse &response)
{
    if (!response.body.startsWith("{\"error\":\""))
        return u"(body does not start with the error code: %1)"_s.arg(QString::fromUtf8(response.body));
    return QJsonDocument::fromJson(response.body).object().value(u"error"_s).toString();
}

} // namespace

class TestHttpHost : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QThread m_thread;
    HttpHost *m_host = nullptr;
    quint16 m_port = 0;
    QMutex m_mutex;
    QList<LabEvent> m_events;
    QList<std::pair<QString, QByteArray>> m_manifests;

    QString path(const QString &relative) const { return m_dir.filePath(relative); }
    QString url(const QString &target) const { return u"http://127.0.0.1:%1%2"_s.arg(m_port).arg(target); }
    int eventCount()
    {
        QMutexLocker lock(&m_mutex);
        return int(m_events.size());
    }
    QList<LabEvent> takeEvents()
    {
        QMutexLocker lock(&m_mutex);
        return std::exchange(m_events, {});
    }

    HttpHostConfig config() const
    {
        HttpHostConfig config;
        config.imageRepoMetadataDir = path(u"imagerepo/metadata"_s);
        config.imageRepoTargetsDir = path(u"imagerepo/targets"_s);
        config.directorDir = path(u"director"_s);
        config.maxBodyBytes = kMaxBody;
        config.idleTimeoutMs = 300;
        return config;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(writeFile(path(u"imagerepo/metadata/1.root.json"_s), "{\"root\": 1}"));
        QVERIFY(writeFile(path(u"imagerepo/metadata/timestamp.der"_s), QByteArray::fromHex("3003020101")));
        QVERIFY(writeFile(path(u"imagerepo/targets/acme/ecu-1.0.img"_s), QByteArray(3000, 'x')));
        QVERIFY(writeFile(path(u"imagerepo/targets/firmware.img"_s), "firmware"));
        QVERIFY(writeFile(path(u"director/democar/metadata/timestamp.json"_s), "{\"director\": true}"));
        QVERIFY(writeFile(path(u"keys/secret.pem"_s), "SECRET"));
        QVERIFY(writeFile(path(u"workspace.json"_s), "{\"format\": 1}"));
        // A link out of the served directory, and one that stays inside it.
        QVERIFY(QFile::link(path(u"keys/secret.pem"_s), path(u"imagerepo/metadata/escape.json"_s)));
        QVERIFY(QFile::link(path(u"imagerepo/metadata/1.root.json"_s), path(u"imagerepo/metadata/root.json"_s)));
        QVERIFY(QFile::link(path(u"keys"_s), path(u"imagerepo/targets/keysdir"_s)));

        Net::initializeCurl();
        m_host = new HttpHost(config());
        m_host->setManifestHandler([this](const QString &vin, const QByteArray &body) -> Result<QByteArray> {
            if (vin != u"democar"_s)
                return fail(ErrorCode::UnknownVehicle, u"no vehicle "_s + vin);
            if (body == "io")
                return fail(ErrorCode::IoError, u"disk full"_s);
            if (!body.startsWith('{'))
                return fail(ErrorCode::MalformedJson, u"not a manifest"_s);
            QMutexLocker lock(&m_mutex);
            m_manifests.append({vin, body});
            return QByteArray("{\"accepted\":true}");
        });
        m_host->setAttestationHandler([](const QByteArray &body) -> Result<QByteArray> {
            if (body != "{\"nonces\":[1]}")
                return fail(ErrorCode::SchemaViolation, u"bad request"_s);
            return QByteArray("attested");
        });
        connect(m_host, &HttpHost::eventEmitted, m_host, [this](const LabEvent &event) {
            QMutexLocker lock(&m_mutex);
            m_events.append(event);
        }, Qt::DirectConnection);
        m_host->moveToThread(&m_thread);
        connect(&m_thread, &QThread::finished, m_host, &QObject::deleteLater);
        m_thread.start();
        Result<quint16> port = fail(ErrorCode::InvalidArgument, u"not run"_s);
        QMetaObject::invokeMethod(m_host, [this, &port] { port = m_host->listen(); },
                                  Qt::BlockingQueuedConnection);
        QVERIFY2(port, qPrintable(port ? QString() : port.error().toString()));
        m_port = *port;
        QCOMPARE(m_host->baseUrl(), u"http://127.0.0.1:%1/"_s.arg(m_port));
    }
    void cleanupTestCase()
    {
        m_thread.quit();
        m_thread.wait();
    }

    void servesFiles_data()
    {
        QTest::addColumn<QString>("target");
        QTest::addColumn<QString>("file");
        QTest::addColumn<QByteArray>("contentType");
        QTest::newRow("image repo root") << u"/imagerepo/metadata/1.root.json"_s
                                         << u"imagerepo/metadata/1.root.json"_s << QByteArray("application/json");
        QTest::newRow("der metadata") << u"/imagerepo/metadata/timestamp.der"_s
                                      << u"imagerepo/metadata/timestamp.der"_s << QByteArray("application/octet-stream");
        QTest::newRow("link inside") << u"/imagerepo/metadata/root.json"_s
                                     << u"imagerepo/metadata/1.root.json"_s << QByteArray("application/json");
        QTest::newRow("image") << u"/imagerepo/targets/firmware.img"_s << u"imagerepo/targets/firmware.img"_s
                               << QByteArray("application/octet-stream");
        QTest::newRow("image in a directory") << u"/imagerepo/targets/acme/ecu-1.0.img"_s
                                              << u"imagerepo/targets/acme/ecu-1.0.img"_s
                                              << QByteArray("application/octet-stream");
        QTest::newRow("encoded name") << u"/imagerepo/targets/acme/ecu%2D1.0.img"_s
                                      << u"imagerepo/targets/acme/ecu-1.0.img"_s
                                      << QByteArray("application/octet-stream");
        QTest::newRow("director") << u"/director/democar/metadata/timestamp.json"_s
                                  << u"director/democar/metadata/timestamp.json"_s << QByteArray("application/json");
    }
    void servesFiles()
    {
        QFETCH(QString, target);
        QFETCH(QString, file);
        QFETCH(QByteArray, contentType);
        Net::CurlFetcher fetcher;
        auto body = fetcher.fetch(url(target), 1 << 20);
        QVERIFY2(body, qPrintable(body ? QString() : body.error().toString()));
        QCOMPARE(*body, fileBytes(path(file)));

        const RawResponse raw = exchange(m_port, get(target.toUtf8()));
        QCOMPARE(raw.status, 200);
        QCOMPARE(raw.headers.value("content-type"), contentType);
        QCOMPARE(raw.headers.value("content-length"), QByteArray::number(raw.body.size()));
        QCOMPARE(raw.body, fileBytes(path(file)));
        QVERIFY(raw.closed);
    }

    void fetcherSeesNotFound()
    {
        Net::CurlFetcher fetcher;
        auto body = fetcher.fetch(url(u"/imagerepo/metadata/2.root.json"_s), 1 << 20);
        QVERIFY(!body);
        QCOMPARE(body.error().code, ErrorCode::NotFound);  // what the root chain (TUF §5.3.3) relies on
    }

    void statusCodes_data()
    {
        QTest::addColumn<QByteArray>("raw");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("error");
        QTest::addColumn<QByteArray>("allow");
        const QString notFound = errorCodeName(ErrorCode::NotFound);
        const QString invalid = errorCodeName(ErrorCode::InvalidArgument);

        // 404
        QTest::newRow("unknown route") << get("/nothing/here") << 404 << notFound << QByteArray();
        QTest::newRow("root") << get("/") << 404 << notFound << QByteArray();
        QTest::newRow("missing file") << get("/imagerepo/metadata/2.root.json") << 404 << notFound << QByteArray();
        QTest::newRow("directory") << get("/imagerepo/targets/acme") << 404 << notFound << QByteArray();
        QTest::newRow("metadata sub-directory") << get("/imagerepo/metadata/a/b.json") << 404 << notFound << QByteArray();
        QTest::newRow("unknown vehicle") << get("/director/othercar/metadata/timestamp.json") << 404 << notFound
                                         << QByteArray();
        QTest::newRow("unsafe vehicle name") << get("/director/.hidden/metadata/timestamp.json") << 404 << notFound
                                             << QByteArray();
        QTest::newRow("manifest for unknown vehicle") << request("POST", "/director/othercar/manifest", "{}") << 404
                                                      << errorCodeName(ErrorCode::UnknownVehicle) << QByteArray();
        // 405
        QTest::newRow("POST metadata") << request("POST", "/imagerepo/metadata/1.root.json", "x") << 405 << invalid
                                       << QByteArray("GET");
        QTest::newRow("PUT image") << request("PUT", "/imagerepo/targets/firmware.img", "x") << 405 << invalid
                                   << QByteArray("GET");
        QTest::newRow("HEAD director") << QByteArray("HEAD /director/democar/metadata/timestamp.json HTTP/1.1\r\n\r\n")
                                       << 405 << invalid << QByteArray("GET");
        QTest::newRow("GET manifest") << get("/director/democar/manifest") << 405 << invalid << QByteArray("POST");
        QTest::newRow("DELETE manifest") << request("DELETE", "/director/democar/manifest", "") << 405 << invalid
                                         << QByteArray("POST");
        QTest::newRow("GET attestation") << get("/timeserver/attestation") << 405 << invalid << QByteArray("POST");
        // 400: ways out of the served directory
        QTest::newRow("dot-dot") << get("/imagerepo/metadata/../../keys/secret.pem") << 400 << invalid << QByteArray();
        QTest::newRow("encoded dot-dot") << get("/imagerepo/metadata/%2e%2e/%2e%2e/keys/secret.pem") << 400 << invalid
                                         << QByteArray();
        QTest::newRow("upper-case encoded dot-dot") << get("/imagerepo/targets/%2E%2E/%2E%2E/workspace.json") << 400
                                                    << invalid << QByteArray();
        QTest::newRow("encoded slash") << get("/imagerepo/metadata/..%2f..%2fkeys%2fsecret.pem") << 400 << invalid
                                       << QByteArray();
        QTest::newRow("backslashes") << get("/imagerepo/metadata/..\\..\\keys\\secret.pem") << 400 << invalid
                                     << QByteArray();
        QTest::newRow("encoded backslashes") << get("/imagerepo/metadata/..%5c..%5ckeys%5csecret.pem") << 400
                                             << invalid << QByteArray();
        QTest::newRow("absolute path") << get("/imagerepo/targets//etc/passwd") << 400 << invalid << QByteArray();
        QTest::newRow("encoded absolute path") << get("/imagerepo/targets/%2fetc%2fpasswd") << 400 << invalid
                                               << QByteArray();
        QTest::newRow("dot segment") << get("/imagerepo/metadata/./1.root.json") << 400 << invalid << QByteArray();
        QTest::newRow("NUL") << get("/imagerepo/metadata/1.root.json%00.img") << 400 << invalid << QByteArray();
        QTest::newRow("control character") << get("/imagerepo/metadata/1.root%0a.json") << 400 << invalid
                                           << QByteArray();
        QTest::newRow("invalid UTF-8") << get("/imagerepo/metadata/%ff.json") << 400 << invalid << QByteArray();
        QTest::newRow("dot-dot vehicle") << get("/director/../metadata/1.root.json") << 400 << invalid << QByteArray();
        QTest::newRow("trailing slash") << get("/imagerepo/metadata/") << 400 << invalid << QByteArray();
        // 403: a symlink that leads out (files and directories)
        QTest::newRow("link out") << get("/imagerepo/metadata/escape.json") << 403 << invalid << QByteArray();
        QTest::newRow("linked directory out") << get("/imagerepo/targets/keysdir/secret.pem") << 403 << invalid
                                              << QByteArray();
        // 400: bodies the handlers refuse; 500: a handler failing on the server side
        QTest::newRow("bad manifest") << request("POST", "/director/democar/manifest", "nope") << 400
                                      << errorCodeName(ErrorCode::MalformedJson) << QByteArray();
        QTest::newRow("empty manifest") << request("POST", "/director/democar/manifest", "") << 400
                                        << errorCodeName(ErrorCode::MalformedJson) << QByteArray();
        QTest::newRow("bad attestation request") << request("POST", "/timeserver/attestation", "{}") << 400
                                                 << errorCodeName(ErrorCode::SchemaViolation) << QByteArray();
        QTest::newRow("handler I/O failure") << request("POST", "/director/democar/manifest", "io") << 500
                                             << errorCodeName(ErrorCode::IoError) << QByteArray();
        // Refused from the headers alone
        QTest::newRow("announced body over the cap")
            << QByteArray("POST /director/democar/manifest HTTP/1.1\r\nContent-Length: ")
                   + QByteArray::number(kMaxBody + 1) + "\r\nExpect: 100-continue\r\n\r\n"
            << 413 << errorCodeName(ErrorCode::TooLarge) << QByteArray();
        QTest::newRow("huge length on a GET")
            << QByteArray("GET /imagerepo/metadata/1.root.json HTTP/1.1\r\nContent-Length: 99999999999\r\n\r\n")
            << 413 << errorCodeName(ErrorCode::TooLarge) << QByteArray();
        QTest::newRow("chunked body")
            << QByteArray("POST /timeserver/attestation HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                          "e\r\n{\"nonces\":[1]}\r\n0\r\n\r\n")
            << 411 << invalid << QByteArray();
        QTest::newRow("POST without length") << QByteArray("POST /timeserver/attestation HTTP/1.1\r\n\r\n") << 411
                                             << invalid << QByteArray();
        QTest::newRow("malformed length")
            << QByteArray("POST /timeserver/attestation HTTP/1.1\r\nContent-Length: 1x\r\n\r\n1x") << 400 << invalid
            << QByteArray();
        QTest::newRow("negative length")
            << QByteArray("POST /timeserver/attestation HTTP/1.1\r\nContent-Length: -1\r\n\r\n") << 400 << invalid
            << QByteArray();
        QTest::newRow("conflicting lengths")
            << QByteArray("POST /timeserver/attestation HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n12")
            << 400 << invalid << QByteArray();
        QTest::newRow("headers too long")
            << QByteArray("GET /imagerepo/metadata/1.root.json HTTP/1.1\r\nX-Filler: ") + QByteArray(40 * 1024, 'a')
                   + "\r\n\r\n"
            << 431 << errorCodeName(ErrorCode::TooLarge) << QByteArray();
    }
    void statusCodes()
    {
        QFETCH(QByteArray, raw);
        QFETCH(int, status);
        QFETCH(QString, error);
        QFETCH(QByteArray, allow);
        takeEvents();
        const RawResponse response = exchange(m_port, raw);
        QVERIFY2(response.status == status, response.body.constData());
        QCOMPARE(errorName(response), error);
        QCOMPARE(response.headers.value("allow"), allow);
        QCOMPARE(response.headers.value("content-type"), QByteArray("application/json"));
        QVERIFY(response.closed);
        QVERIFY(!response.body.contains("SECRET"));

        // Every refusal is narrated: the request, then the response with its error. The
        // response event follows the bytes on the wire, so wait for it.
        QTRY_COMPARE(eventCount(), 2);
        const QList<LabEvent> events = takeEvents();
        QCOMPARE(events.at(0).kind, LabEvent::Kind::HttpRequest);
        QCOMPARE(events.at(0).from, u"client"_s);
        QCOMPARE(events.at(1).kind, LabEvent::Kind::HttpResponse);
        QCOMPARE(events.at(1).to, u"client"_s);
        QVERIFY(events.at(1).error.has_value());
        QCOMPARE(errorCodeName(events.at(1).error->code), error);
        QVERIFY(events.at(1).summary.startsWith(QString::number(status) + u' '));
    }

    void bodyAtTheCapIsAccepted()
    {
        const QByteArray body = '{' + QByteArray(kMaxBody - 2, ' ') + '}';
        const RawResponse response = exchange(m_port, request("POST", "/director/democar/manifest", body));
        QCOMPARE(response.status, 200);
        QCOMPARE(response.body, QByteArray("{\"accepted\":true}"));
        QMutexLocker lock(&m_mutex);
        QVERIFY(!m_manifests.isEmpty());
        QCOMPARE(m_manifests.last().first, u"democar"_s);
        QCOMPARE(m_manifests.last().second, body);
    }

    void oversizeBodyIsRefusedBeforeItIsSent()
    {
        // The client announces a large body and waits for 100-continue: the answer must come
        // from the headers alone, so no byte of the body is ever sent or buffered.
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_port);
        QVERIFY(socket.waitForConnected(5000));
        socket.write("POST /director/democar/manifest HTTP/1.1\r\nContent-Length: 1073741824\r\n"
                     "Expect: 100-continue\r\n\r\n");
        QByteArray received;
        while (socket.state() == QAbstractSocket::ConnectedState && socket.waitForReadyRead(10000))
            received += socket.readAll();
        QVERIFY2(received.startsWith("HTTP/1.1 413 "), received.constData());
        QVERIFY(!received.contains("100 Continue"));
        QCOMPARE(socket.state(), QAbstractSocket::UnconnectedState);
    }

    void handlersAnswer()
    {
        const RawResponse attestation = exchange(m_port, request("POST", "/timeserver/attestation", "{\"nonces\":[1]}"));
        QCOMPARE(attestation.status, 200);
        QCOMPARE(attestation.body, QByteArray("attested"));
        QCOMPARE(attestation.headers.value("content-type"), QByteArray("application/json"));
        // Behind a 100-continue handshake, as curl sends larger bodies.
        const QByteArray body = "{\"manifest\":1}";
        const RawResponse manifest = exchange(
            m_port, "POST /director/democar/manifest HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: "
                        + QByteArray::number(body.size()) + "\r\n\r\n" + body);
        QCOMPARE(manifest.status, 200);
    }

    void eventsNarrateAnExchange()
    {
        takeEvents();
        Net::CurlFetcher fetcher;
        QVERIFY(fetcher.fetch(url(u"/director/democar/metadata/timestamp.json"_s), 4096));
        QTRY_COMPARE(eventCount(), 2);
        const QList<LabEvent> events = takeEvents();
        const LabEvent &request = events.at(0);
        QCOMPARE(request.kind, LabEvent::Kind::HttpRequest);
        QCOMPARE(request.from, u"client"_s);
        QCOMPARE(request.to, u"director"_s);
        QCOMPARE(request.summary, u"GET /director/democar/metadata/timestamp.json"_s);
        const LabEvent &response = events.at(1);
        QCOMPARE(response.kind, LabEvent::Kind::HttpResponse);
        QCOMPARE(response.from, u"director"_s);
        QCOMPARE(response.bytes, fileBytes(path(u"director/democar/metadata/timestamp.json"_s)));
        QCOMPARE(response.totalBytes, response.bytes.size());
        QVERIFY(!response.error);
        QVERIFY(response.time.isValid());
        QVERIFY(response.summary.startsWith(u"200 OK"_s));
    }

    void idleConnectionsAreDropped()
    {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_port);
        QVERIFY(socket.waitForConnected(5000));
        socket.write("GET /imagerepo/meta");  // and then nothing
        QVERIFY(socket.waitForDisconnected(10000));
    }

    void listenErrors()
    {
        HttpHost other(config());
        auto taken = other.listen(m_port);
        QVERIFY(!taken);
        QCOMPARE(taken.error().code, ErrorCode::IoError);
        QVERIFY(!other.isListening());
        auto first = other.listen();
        QVERIFY(first);
        auto twice = other.listen();
        QVERIFY(!twice);
        QCOMPARE(twice.error().code, ErrorCode::InvalidArgument);
    }

    void decodePathSegments_data()
    {
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<QStringList>("segments");  // empty + valid=false: refused
        QTest::addColumn<bool>("valid");
        QTest::newRow("root") << QByteArray("/") << QStringList() << true;
        QTest::newRow("plain") << QByteArray("/a/b.json") << QStringList{u"a"_s, u"b.json"_s} << true;
        QTest::newRow("query ignored") << QByteArray("/a?x=1") << QStringList{u"a"_s} << true;
        QTest::newRow("percent") << QByteArray("/a%20b/%C3%A9") << QStringList{u"a b"_s, u"\u00e9"_s} << true;
        QTest::newRow("dots inside a name") << QByteArray("/a..b/...") << QStringList{u"a..b"_s, u"..."_s} << true;
        QTest::newRow("relative") << QByteArray("a/b") << QStringList() << false;
        QTest::newRow("empty segment") << QByteArray("/a//b") << QStringList() << false;
        QTest::newRow("dot-dot") << QByteArray("/a/..") << QStringList() << false;
        QTest::newRow("encoded dot-dot") << QByteArray("/a/.%2E") << QStringList() << false;
        QTest::newRow("encoded slash") << QByteArray("/a%2Fb") << QStringList() << false;
        QTest::newRow("backslash") << QByteArray("/a\\b") << QStringList() << false;
        QTest::newRow("DEL") << QByteArray("/a%7f") << QStringList() << false;
    }
    void decodePathSegments()
    {
        QFETCH(QByteArray, path);
        QFETCH(QStringList, segments);
        QFETCH(bool, valid);
        auto decoded = Net::decodePathSegments(path);
        QCOMPARE(decoded.has_value(), valid);
        if (valid)
            QCOMPARE(*decoded, segments);
        else
            QCOMPARE(decoded.error().code, ErrorCode::InvalidArgument);
    }
};

QTEST_GUILESS_MAIN(TestHttpHost)
#include "tst_httphost.moc"
