// CurlFetcher against a real HTTP server on loopback: success, the size caps (announced and
// received, endless data), slow retrieval, timeouts, statuses, refused connections,
// cancellation, sink failures, protocol restrictions and proxy bypass for loopback; and POST
// (what is sent, the same caps and errors, the start of an error answer in the detail).

#include "net/curlfetcher.h"
#include "testhttpserver.h"

#include <QBuffer>
#include <QElapsedTimer>
#include <QTcpServer>
#include <QTest>
#include <QThread>

#include <memory>

using namespace Qt::StringLiterals;
using Uptane::ErrorCode;
using Uptane::Net::CurlFetcher;
using Uptane::Net::FetchOptions;
using Uptane::Test::Behaviour;
using Uptane::Test::TestHttpServer;

Q_DECLARE_METATYPE(Uptane::ErrorCode)
Q_DECLARE_METATYPE(Uptane::Test::Behaviour)

namespace {

// Short limits so the slow paths take about a second, not the production ten.
FetchOptions quickOptions()
{
    FetchOptions options;
    options.connectTimeoutMs = 2000;
    options.lowSpeedBytesPerSecond = 1000;
    options.lowSpeedSeconds = 1;
    options.totalTimeoutMs = 20000;
    return options;
}

QByteArray pattern(qsizetype size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i)
        bytes[i] = char('a' + i % 26);
    return bytes;
}

// A port on 127.0.0.1 nobody listens on: bind one, then let it go.
quint16 closedPort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    const quint16 port = probe.serverPort();
    probe.close();
    return port;
}

// A server with one path's content and behaviour.
std::unique_ptr<TestHttpServer> serving(const QString &path, const QByteArray &body,
                                       const Behaviour &behaviour = Behaviour::serve())
{
    auto server = std::make_unique<TestHttpServer>();
    server->setContent(path, body);
    server->setBehaviour(path, behaviour);
    return server;
}

// Sets environment variables for one test and restores them afterwards.
class EnvGuard
{
public:
    void set(const char *name, const QByteArray &value)
    {
        m_saved.append({name, qEnvironmentVariableIsSet(name), qgetenv(name)});
        qputenv(name, value);
    }
    ~EnvGuard()
    {
        for (auto it = m_saved.crbegin(); it != m_saved.crend(); ++it) {
            if (it->wasSet)
                qputenv(it->name, it->value);
            else
                qunsetenv(it->name);
        }
    }

private:
    struct Saved { const char *name; bool wasSet; QByteArray value; };
    QList<Saved> m_saved;
};

} // namespace

class TestCurlFetcher : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { Uptane::Net::initializeCurl(); }

    void fetchesWithinTheCap_data()
    {
        QTest::addColumn<qsizetype>("size");
        QTest::addColumn<qint64>("cap");
        QTest::addColumn<Behaviour>("behaviour");
        QTest::newRow("empty") << qsizetype(0) << qint64(0) << Behaviour::serve();
        QTest::newRow("small under cap") << qsizetype(10) << qint64(1000) << Behaviour::serve();
        QTest::newRow("exactly the cap") << qsizetype(4096) << qint64(4096) << Behaviour::serve();
        QTest::newRow("exactly the cap, 1 MiB") << qsizetype(1 << 20) << qint64(1 << 20) << Behaviour::serve();
        QTest::newRow("exactly the cap, no Content-Length") << qsizetype(4096) << qint64(4096) << Behaviour::noLength();
        QTest::newRow("trickle above the low-speed limit") << qsizetype(3000) << qint64(3000) << Behaviour::trickle(1000, 50);
    }
    void fetchesWithinTheCap()
    {
        QFETCH(qsizetype, size);
        QFETCH(qint64, cap);
        QFETCH(Behaviour, behaviour);
        const QByteArray body = pattern(size);
        const auto server = serving(u"/file.bin"_s, body, behaviour);

        CurlFetcher fetcher(quickOptions());
        const auto bytes = fetcher.fetch(server->url(u"/file.bin"_s), cap);
        QVERIFY2(bytes.has_value(), qPrintable(bytes ? QString() : bytes.error().toString()));
        QCOMPARE(*bytes, body);

        QBuffer sink;
        QVERIFY(sink.open(QIODevice::WriteOnly));
        const auto written = fetcher.fetchTo(server->url(u"/file.bin"_s), cap, sink);
        QVERIFY2(written.has_value(), qPrintable(written ? QString() : written.error().toString()));
        QCOMPARE(*written, qint64(size));
        QCOMPARE(sink.data(), body);
        QCOMPARE(fetcher.requestCount(), 2);
        QCOMPARE(server->requestedPaths(), QStringList({u"/file.bin"_s, u"/file.bin"_s}));
    }

    // One byte over the cap is refused; with a Content-Length before any body byte is
    // delivered, without one as soon as the byte arrives (endless data).
    void refusesOneByteOverTheCap_data()
    {
        QTest::addColumn<Behaviour>("behaviour");
        QTest::addColumn<qint64>("maxDelivered");
        QTest::newRow("Content-Length") << Behaviour::serve() << qint64(0);
        QTest::newRow("no Content-Length") << Behaviour::noLength() << qint64(4096);
    }
    void refusesOneByteOverTheCap()
    {
        QFETCH(Behaviour, behaviour);
        QFETCH(qint64, maxDelivered);
        const auto server = serving(u"/file.bin"_s, pattern(4097), behaviour);

        CurlFetcher fetcher(quickOptions());
        const auto bytes = fetcher.fetch(server->url(u"/file.bin"_s), 4096);
        QVERIFY(!bytes);
        QCOMPARE(bytes.error().code, ErrorCode::TooLarge);

        QBuffer sink;
        QVERIFY(sink.open(QIODevice::WriteOnly));
        const auto written = fetcher.fetchTo(server->url(u"/file.bin"_s), 4096, sink);
        QVERIFY(!written);
        QCOMPARE(written.error().code, ErrorCode::TooLarge);
        QVERIFY(sink.size() <= maxDelivered);
    }

    void refusesEndlessData()
    {
        const auto server = serving(u"/endless"_s, QByteArray(), Behaviour::endless());
        CurlFetcher fetcher(quickOptions());
        QBuffer sink;
        QVERIFY(sink.open(QIODevice::WriteOnly));
        const qint64 cap = 100000;
        const auto written = fetcher.fetchTo(server->url(u"/endless"_s), cap, sink);
        QVERIFY(!written);
        QCOMPARE(written.error().code, ErrorCode::TooLarge);
        QVERIFY(sink.size() <= cap);
    }

    // A Content-Length above the cap is refused even when the body that follows is short:
    // the announcement alone decides, and nothing of the body is delivered.
    void refusesAnnouncedLengthOverTheCap()
    {
        const auto server = serving(u"/small"_s, "tiny", Behaviour::lyingLength(1'000'000'000));
        CurlFetcher fetcher(quickOptions());
        QBuffer sink;
        QVERIFY(sink.open(QIODevice::WriteOnly));
        const auto written = fetcher.fetchTo(server->url(u"/small"_s), 1000, sink);
        QVERIFY(!written);
        QCOMPARE(written.error().code, ErrorCode::TooLarge);
        QCOMPARE(sink.size(), 0);
    }

    // A server announcing more than it sends and hanging up: a broken transfer, never a
    // silently short body.
    void reportsTruncatedBody()
    {
        const auto server = serving(u"/short"_s, "only this", Behaviour::lyingLength(500));
        CurlFetcher fetcher(quickOptions());
        const auto bytes = fetcher.fetch(server->url(u"/short"_s), 1000);
        QVERIFY(!bytes);
        QCOMPARE(bytes.error().code, ErrorCode::ConnectionFailed);
    }

    void mapsStatuses_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<ErrorCode>("expected");
        // TUF 5.3.3: 403 and 404 mean "no such file"; 410 is the same statement.
        QTest::newRow("403") << 403 << ErrorCode::NotFound;
        QTest::newRow("404") << 404 << ErrorCode::NotFound;
        QTest::newRow("410") << 410 << ErrorCode::NotFound;
        QTest::newRow("302 (redirects are not followed)") << 302 << ErrorCode::HttpError;
        QTest::newRow("401") << 401 << ErrorCode::HttpError;
        QTest::newRow("500") << 500 << ErrorCode::HttpError;
        QTest::newRow("503") << 503 << ErrorCode::HttpError;
    }
    void mapsStatuses()
    {
        QFETCH(int, status);
        QFETCH(ErrorCode, expected);
        const auto server = serving(u"/file"_s, "content", Behaviour::withStatus(status));
        CurlFetcher fetcher(quickOptions());
        const auto bytes = fetcher.fetch(server->url(u"/file"_s), 1000);
        QVERIFY(!bytes);
        QCOMPARE(bytes.error().code, expected);
        QVERIFY(bytes.error().detail.contains(QString::number(status)));
    }

    void missingFileIsNotFound()
    {
        TestHttpServer server;
        CurlFetcher fetcher(quickOptions());
        const auto bytes = fetcher.fetch(server.url(u"/nothing/here.json"_s), 1000);
        QVERIFY(!bytes);
        QCOMPARE(bytes.error().code, ErrorCode::NotFound);
    }

    void refusedConnectionFails()
    {
        CurlFetcher fetcher(quickOptions());
        const auto bytes = fetcher.fetch(u"http://127.0.0.1:%1/x"_s.arg(closedPort()), 1000);
        QVERIFY(!bytes);
        QCOMPARE(bytes.error().code, ErrorCode::ConnectionFailed);
    }

    // Slow retrieval (TUF threat model): below the low-speed limit for its duration.
    void abortsSlowRetrieval_data()
    {
        QTest::addColumn<Behaviour>("behaviour");
        QTest::newRow("one byte every 200 ms") << Behaviour::trickle(1, 200);
        QTest::newRow("one byte, then silence") << Behaviour::trickle(1, 0);
    }
    void abortsSlowRetrieval()
    {
        QFETCH(Behaviour, behaviour);
        const auto server = serving(u"/slow"_s, pattern(5000), behaviour);
        CurlFetcher fetcher(quickOptions());
        const auto bytes = fetcher.fetch(server->url(u"/slow"_s), 10000);
        QVERIFY(!bytes);
        QCOMPARE(bytes.error().code, ErrorCode::SlowRetrieval);
    }

    // Fast enough for the low-speed limit, but longer than the whole-transfer limit.
    void abortsAfterTotalTimeout()
    {
        const auto server = serving(u"/long"_s, pattern(4 << 20), Behaviour::trickle(8192, 20));
        FetchOptions options = quickOptions();
        options.totalTimeoutMs = 400;
        CurlFetcher fetcher(options);
        const auto bytes = fetcher.fetch(server->url(u"/long"_s), 8 << 20);
        QVERIFY(!bytes);
        QCOMPARE(bytes.error().code, ErrorCode::Timeout);
    }

    // cancel() from another thread ends a stalled transfer with Cancelled; the flag stays.
    void cancelsFromAnotherThread()
    {
        const auto server = serving(u"/stall"_s, pattern(100), Behaviour::trickle(1, 0));
        FetchOptions options = quickOptions();
        options.lowSpeedSeconds = 60;  // only the cancel may end this transfer
        CurlFetcher fetcher(options);
        // Cancel once the server has seen the request, so the transfer is really running.
        QThread *canceller = QThread::create([&server, &fetcher] {
            while (server->requests().isEmpty())
                QThread::yieldCurrentThread();
            fetcher.cancel();
        });
        canceller->start();
        const auto bytes = fetcher.fetch(server->url(u"/stall"_s), 1000);
        canceller->wait();
        delete canceller;
        QVERIFY(!bytes);
        QCOMPARE(bytes.error().code, ErrorCode::Cancelled);

        const auto later = fetcher.fetch(server->url(u"/stall"_s), 1000);
        QVERIFY(!later);
        QCOMPARE(later.error().code, ErrorCode::Cancelled);
        QCOMPARE(server->requests().size(), 1);  // the later one never went out
    }

    void sinkFailureIsIoError()
    {
        const auto server = serving(u"/file"_s, pattern(100));
        CurlFetcher fetcher(quickOptions());
        QBuffer readOnly;
        QVERIFY(readOnly.open(QIODevice::ReadOnly));
        QTest::ignoreMessage(QtWarningMsg, "QIODevice::write (QBuffer): ReadOnly device");
        const auto written = fetcher.fetchTo(server->url(u"/file"_s), 1000, readOnly);
        QVERIFY(!written);
        QCOMPARE(written.error().code, ErrorCode::IoError);
    }

    void refusesOtherProtocolsAndBadInput_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<qint64>("cap");
        QTest::newRow("file://") << u"file:///etc/hostname"_s << qint64(1000);
        QTest::newRow("ftp://") << u"ftp://127.0.0.1/x"_s << qint64(1000);
        QTest::newRow("not a URL") << u"http://[::1"_s << qint64(1000);
        QTest::newRow("negative cap") << u"http://127.0.0.1/x"_s << qint64(-1);
    }
    void refusesOtherProtocolsAndBadInput()
    {
        QFETCH(QString, url);
        QFETCH(qint64, cap);
        CurlFetcher fetcher(quickOptions());
        const auto bytes = fetcher.fetch(url, cap);
        QVERIFY(!bytes);
        QCOMPARE(bytes.error().code, ErrorCode::InvalidArgument);
    }

    // ---- POST

    void postsAndReadsTheAnswer_data()
    {
        QTest::addColumn<qsizetype>("bodySize");
        QTest::addColumn<qsizetype>("answerSize");
        QTest::addColumn<Behaviour>("behaviour");
        QTest::newRow("small") << qsizetype(40) << qsizetype(30) << Behaviour::serve();
        QTest::newRow("empty body, empty answer") << qsizetype(0) << qsizetype(0) << Behaviour::serve();
        // Above curl's 1 MiB "Expect: 100-continue" threshold: no stall waiting for a 100.
        QTest::newRow("2 MiB body, answer at the cap") << qsizetype(2 << 20) << qsizetype(4096)
                                                       << Behaviour::serve();
        QTest::newRow("answer at the cap, no Content-Length") << qsizetype(100) << qsizetype(4096)
                                                              << Behaviour::noLength();
    }
    void postsAndReadsTheAnswer()
    {
        QFETCH(qsizetype, bodySize);
        QFETCH(qsizetype, answerSize);
        QFETCH(Behaviour, behaviour);
        const QByteArray answer = pattern(answerSize);
        const auto server = serving(u"/director/democar/manifest"_s, answer, behaviour);
        const QByteArray body = pattern(bodySize + 1).mid(1);

        CurlFetcher fetcher(quickOptions());
        QElapsedTimer timer;
        timer.start();
        const auto reply = fetcher.post(server->url(u"/director/democar/manifest"_s), body,
                                        "application/json", 4096);
        QVERIFY2(reply.has_value(), qPrintable(reply ? QString() : reply.error().toString()));
        QVERIFY(timer.elapsed() < 900);  // an unanswered "Expect" would cost a second
        QCOMPARE(*reply, answer);
        QCOMPARE(fetcher.requestCount(), 1);
        const auto requests = server->requests();
        QCOMPARE(requests.size(), 1);
        QCOMPARE(requests.first().method, QByteArray("POST"));
        QCOMPARE(requests.first().body, body);
        QCOMPARE(requests.first().contentType, QByteArray("application/json"));
    }

    // A refusal's answer names the error: its start is in the detail, on one line.
    void postErrorCarriesTheAnswer_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("answer");
        QTest::addColumn<ErrorCode>("expected");
        QTest::addColumn<QString>("detailEnd");
        const QByteArray json = "{\"detail\": \"manifest: bad signature\",\n\"error\": \"SpoofedEcu\"}";
        QTest::newRow("400 with a JSON answer") << 400 << json << ErrorCode::HttpError
                                                << u": {\"detail\": \"manifest: bad signature\", \"error\": \"SpoofedEcu\"}"_s;
        QTest::newRow("404 is NotFound, answer kept") << 404 << QByteArray("{\"error\": \"UnknownVehicle\"}")
                                                      << ErrorCode::NotFound << u": {\"error\": \"UnknownVehicle\"}"_s;
        QTest::newRow("500, long answer cut") << 500 << pattern(100000) << ErrorCode::HttpError
                                              << u": "_s + QString::fromLatin1(pattern(CurlFetcher::kErrorBodyBytes));
        QTest::newRow("413, no answer") << 413 << QByteArray() << ErrorCode::HttpError
                                        << u"/manifest)"_s;
    }
    void postErrorCarriesTheAnswer()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, answer);
        QFETCH(ErrorCode, expected);
        QFETCH(QString, detailEnd);
        const auto server = serving(u"/manifest"_s, {}, answer.isEmpty() ? Behaviour::withStatus(status)
                                                                         : Behaviour::withStatus(status, answer));
        if (answer.isEmpty())  // the server's default text; nothing of it is asked for here
            detailEnd = u"/manifest): status %1 "_s.arg(status);
        CurlFetcher fetcher(quickOptions());
        const auto reply = fetcher.post(server->url(u"/manifest"_s), "{}", "application/json", 1000);
        QVERIFY(!reply);
        QCOMPARE(reply.error().code, expected);
        QVERIFY2(reply.error().detail.startsWith(u"HTTP status %1 "_s.arg(status)), qPrintable(reply.error().detail));
        QVERIFY2(reply.error().detail.endsWith(detailEnd), qPrintable(reply.error().detail));
    }

    void postRefusesAnAnswerOverTheCap_data()
    {
        QTest::addColumn<Behaviour>("behaviour");
        QTest::newRow("Content-Length") << Behaviour::serve();
        QTest::newRow("no Content-Length") << Behaviour::noLength();
        QTest::newRow("endless") << Behaviour::endless();
    }
    void postRefusesAnAnswerOverTheCap()
    {
        QFETCH(Behaviour, behaviour);
        const auto server = serving(u"/attestation"_s, pattern(4097), behaviour);
        CurlFetcher fetcher(quickOptions());
        const auto reply = fetcher.post(server->url(u"/attestation"_s), "nonces", "application/octet-stream", 4096);
        QVERIFY(!reply);
        QCOMPARE(reply.error().code, ErrorCode::TooLarge);
    }

    void postFailsOnRefusedConnection()
    {
        CurlFetcher fetcher(quickOptions());
        const auto reply = fetcher.post(u"http://127.0.0.1:%1/x"_s.arg(closedPort()), "body",
                                        "application/json", 1000);
        QVERIFY(!reply);
        QCOMPARE(reply.error().code, ErrorCode::ConnectionFailed);
    }

    void postAbortsSlowRetrieval()
    {
        const auto server = serving(u"/slow"_s, pattern(5000), Behaviour::trickle(1, 200));
        CurlFetcher fetcher(quickOptions());
        const auto reply = fetcher.post(server->url(u"/slow"_s), "body", "application/json", 10000);
        QVERIFY(!reply);
        QCOMPARE(reply.error().code, ErrorCode::SlowRetrieval);
    }

    void postRefusesBadInput_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<qint64>("cap");
        const QString url = u"http://127.0.0.1:%1/x"_s.arg(closedPort());
        QTest::newRow("header smuggled after CR LF") << url << QByteArray("text/plain\r\nX-Evil: 1") << qint64(100);
        QTest::newRow("LF") << url << QByteArray("text/plain\nX-Evil: 1") << qint64(100);
        QTest::newRow("NUL") << url << QByteArray("text/plain\0x", 12) << qint64(100);
        QTest::newRow("negative cap") << url << QByteArray("text/plain") << qint64(-1);
        QTest::newRow("file://") << u"file:///etc/hostname"_s << QByteArray("text/plain") << qint64(100);
    }
    void postRefusesBadInput()
    {
        QFETCH(QString, url);
        QFETCH(QByteArray, contentType);
        QFETCH(qint64, cap);
        CurlFetcher fetcher(quickOptions());
        const auto reply = fetcher.post(url, "body", contentType, cap);
        QVERIFY(!reply);
        QCOMPARE(reply.error().code, ErrorCode::InvalidArgument);
    }

    // The base class's post: transports that cannot post say so.
    void basePostIsUnsupported()
    {
        struct GetOnly final : Uptane::Fetcher
        {
            Uptane::Result<QByteArray> fetch(const QString &, qint64) override { return QByteArray(); }
            Uptane::Result<qint64> fetchTo(const QString &, qint64, QIODevice &) override { return 0; }
        } getOnly;
        const auto reply = getOnly.post(u"http://127.0.0.1/x"_s, "body", "text/plain", 100);
        QVERIFY(!reply);
        QCOMPARE(reply.error().code, ErrorCode::Unsupported);
    }

    // A dead proxy in the environment must not stop loopback transfers.
    void bypassesProxyForLoopback_data()
    {
        QTest::addColumn<QString>("host");
        QTest::addColumn<QByteArray>("noProxy");
        QTest::newRow("127.0.0.1") << u"127.0.0.1"_s << QByteArray();
        QTest::newRow("localhost") << u"localhost"_s << QByteArray();
        QTest::newRow("127.0.0.1, user has a no_proxy") << u"127.0.0.1"_s << QByteArray("example.org");
    }
    void bypassesProxyForLoopback()
    {
        QFETCH(QString, host);
        QFETCH(QByteArray, noProxy);
        const auto server = serving(u"/file"_s, "through no proxy");
        const QByteArray deadProxy = "http://127.0.0.1:" + QByteArray::number(closedPort());
        EnvGuard env;
        env.set("http_proxy", deadProxy);
        env.set("https_proxy", deadProxy);
        env.set("ALL_PROXY", deadProxy);
        env.set("all_proxy", deadProxy);
        env.set("no_proxy", noProxy);
        env.set("NO_PROXY", noProxy);

        CurlFetcher fetcher(quickOptions());
        const auto bytes = fetcher.fetch(u"http://%1:%2/file"_s.arg(host).arg(server->port()), 1000);
        QVERIFY2(bytes.has_value(), qPrintable(bytes ? QString() : bytes.error().toString()));
        QCOMPARE(*bytes, QByteArray("through no proxy"));
    }

    // Control for the test above: other hosts do go through the environment's proxy (here
    // the test server itself, which sees the absolute-form request), so the bypass is real;
    // and a user's own no_proxy entries still count next to loopback.
    void honoursEnvironmentProxyForOtherHosts_data()
    {
        QTest::addColumn<QByteArray>("noProxy");
        QTest::addColumn<bool>("viaProxy");
        QTest::newRow("proxied") << QByteArray() << true;
        QTest::newRow("user no_proxy lists the host") << QByteArray("uptane-lab-proxy-check.invalid") << false;
    }
    void honoursEnvironmentProxyForOtherHosts()
    {
        QFETCH(QByteArray, noProxy);
        QFETCH(bool, viaProxy);
        TestHttpServer proxy;
        proxy.setContent(u"/file"_s, "via proxy");
        EnvGuard env;
        env.set("http_proxy", proxy.url().toUtf8());
        env.set("no_proxy", noProxy);
        env.set("NO_PROXY", noProxy);

        CurlFetcher fetcher(quickOptions());
        const auto bytes = fetcher.fetch(u"http://uptane-lab-proxy-check.invalid/file"_s, 1000);
        if (viaProxy) {
            QVERIFY2(bytes.has_value(), qPrintable(bytes ? QString() : bytes.error().toString()));
            QCOMPARE(*bytes, QByteArray("via proxy"));
            QCOMPARE(proxy.requests().size(), 1);
            QCOMPARE(proxy.requests().first().target, QByteArray("http://uptane-lab-proxy-check.invalid/file"));
        } else {
            // Direct: the .invalid name does not resolve, and the proxy saw nothing.
            QVERIFY(!bytes);
            QCOMPARE(bytes.error().code, ErrorCode::ConnectionFailed);
            QVERIFY(proxy.requests().isEmpty());
        }
    }
};

QTEST_GUILESS_MAIN(TestCurlFetcher)
#include "tst_curlfetcher.moc"
