// HttpHost's man in the middle (issue 5's adversary): request and response filters, and the
// deliveries they choose (drop, slow, endless), seen by the vehicle's own client
// (CurlFetcher on the test thread) while the host runs on its own thread, as in the lab.

#include "net/curlfetcher.h"
#include "net/httphost.h"
#include "net/pacedwriter.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QMutex>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace Qt::StringLiterals;
using namespace Uptane;
using Uptane::Net::HttpExchange;
using Uptane::Net::HttpHost;
using Delivery = Uptane::Net::HttpExchange::Delivery;

Q_DECLARE_METATYPE(Uptane::ErrorCode)

namespace {

const QByteArray kRoot = "{\"signed\":{\"version\":1}}";
const QByteArray kImage(4000, 'i');
const QString kRootPath = u"/imagerepo/metadata/root.json"_s;
const QString kImagePath = u"/imagerepo/targets/acme/ecu.img"_s;
const QString kManifestPath = u"/director/democar/manifest"_s;

bool put(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

// Everything the server sends on one connection until it closes it (a raw client, which
// unlike libcurl ignores Content-Length).
QByteArray readUntilClosed(quint16 port, const QByteArray &target)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(5000))
        return {};
    socket.write("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    QByteArray received;
    while (socket.state() == QAbstractSocket::ConnectedState && socket.waitForReadyRead(10000))
        received += socket.readAll();
    return received + socket.readAll();
}

} // namespace

class TestHttpTap : public QObject
{
    Q_OBJECT
private:
    HttpHost *m_host = nullptr;  // lives on m_thread
    QThread m_thread;
    quint16 m_port = 0;
    QTemporaryDir m_dir;
    // Written on the host's thread, read on the test's.
    QMutex m_mutex;
    QList<QByteArray> m_manifests;  // bodies the manifest handler received
    QList<LabEvent> m_events;

    QString url(const QString &path) const { return u"http://127.0.0.1:%1%2"_s.arg(m_port).arg(path); }
    void setFilters(Net::RequestFilter request, Net::ResponseFilter response)
    {
        QMetaObject::invokeMethod(m_host, [&] {
            m_host->setRequestFilter(std::move(request));
            m_host->setResponseFilter(std::move(response));
        }, Qt::BlockingQueuedConnection);
    }
    QList<LabEvent> events()
    {
        QMutexLocker lock(&m_mutex);
        return m_events;
    }
    // The summary of the last event of this kind ("" when none).
    QString lastSummary(LabEvent::Kind kind)
    {
        const QList<LabEvent> all = events();
        for (auto it = all.crbegin(); it != all.crend(); ++it) {
            if (it->kind == kind)
                return it->summary;
        }
        return {};
    }
    void record(const QByteArray &manifest)
    {
        QMutexLocker lock(&m_mutex);
        m_manifests.append(manifest);
    }
    void recordEvent(const LabEvent &event)
    {
        QMutexLocker lock(&m_mutex);
        m_events.append(event);
    }
    // GETs path while every answer is served at rate, with a low-speed watchdog of 1000 B/s
    // for 1 s in the client.
    Result<QByteArray> fetchServedAt(qint64 rate, const QString &path)
    {
        setFilters({}, [rate](HttpExchange &exchange) {
            exchange.delivery = Delivery::Slow;
            exchange.bytesPerSecond = rate;
        });
        Net::FetchOptions options;
        options.lowSpeedBytesPerSecond = 1000;
        options.lowSpeedSeconds = 1;
        return Net::CurlFetcher(options).fetch(url(path), 1 << 20);
    }
    qsizetype manifestCount()
    {
        QMutexLocker lock(&m_mutex);
        return m_manifests.size();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(put(m_dir.filePath(u"imagerepo/metadata/root.json"_s), kRoot));
        QVERIFY(put(m_dir.filePath(u"imagerepo/targets/acme/ecu.img"_s), kImage));
        Net::HttpHostConfig config;
        config.imageRepoMetadataDir = m_dir.filePath(u"imagerepo/metadata"_s);
        config.imageRepoTargetsDir = m_dir.filePath(u"imagerepo/targets"_s);
        config.directorDir = m_dir.filePath(u"director"_s);
        // Short, so that a slow answer outlasting it shows that moving bytes are not idle.
        config.idleTimeoutMs = 300;
        Net::initializeCurl();
        m_host = new HttpHost(config);
        m_host->setManifestHandler([this](const QString &, const QByteArray &body) -> Result<QByteArray> {
            record(body);
            return QByteArray("{\"accepted\":true}");
        });
        m_host->setAttestationHandler([](const QByteArray &) -> Result<QByteArray> {
            return QByteArray("{\"time\":\"now\"}");
        });
        // Events are recorded on the host's thread, as they happen.
        connect(m_host, &HttpHost::eventEmitted, this, &TestHttpTap::recordEvent, Qt::DirectConnection);
        connect(&m_thread, &QThread::finished, m_host, &QObject::deleteLater);
        m_host->moveToThread(&m_thread);
        m_thread.start();
        QMetaObject::invokeMethod(m_host, [this] { m_port = m_host->listen().value_or(0); },
                                  Qt::BlockingQueuedConnection);
        QVERIFY(m_port != 0);
    }
    void cleanupTestCase()
    {
        m_thread.quit();
        m_thread.wait();
    }
    void cleanup()
    {
        setFilters({}, {});
        QMutexLocker lock(&m_mutex);
        m_events.clear();
    }

    // The answer a filter writes is what the client gets, whatever the service said.
    void rewrittenAnswerReachesTheClient_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<ErrorCode>("error");
        QTest::newRow("other bytes") << 200 << QByteArray("{\"signed\":{\"version\":666}}") << true
                                     << ErrorCode::InvalidArgument;
        QTest::newRow("replayed older file") << 200 << QByteArray("{\"signed\":{\"version\":0}}") << true
                                             << ErrorCode::InvalidArgument;
        QTest::newRow("hidden file") << 404 << QByteArray("{\"error\":\"NotFound\"}") << false << ErrorCode::NotFound;
        QTest::newRow("server error") << 500 << QByteArray() << false << ErrorCode::HttpError;
    }
    void rewrittenAnswerReachesTheClient()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(bool, ok);
        QFETCH(ErrorCode, error);
        setFilters({}, [status, body](HttpExchange &exchange) {
            if (exchange.path != kRootPath)
                return;
            exchange.status = status;
            exchange.body = body;
        });
        Net::CurlFetcher fetcher;
        const auto fetched = fetcher.fetch(url(kRootPath), 1 << 20);
        QCOMPARE(fetched.has_value(), ok);
        if (ok)
            QCOMPARE(*fetched, body);
        else
            QCOMPARE(fetched.error().code, error);
        // Other files pass untouched.
        QCOMPARE(fetcher.fetch(url(kImagePath), 1 << 20).value_or(QByteArray()), kImage);

        QTRY_COMPARE(events().size(), 4);
        const LabEvent answer = events().at(1);
        QCOMPARE(answer.kind, LabEvent::Kind::HttpResponse);
        QVERIFY2(answer.summary.startsWith(QString::number(status)), qPrintable(answer.summary));
        QVERIFY2(answer.summary.endsWith(u"(rewritten)"_s), qPrintable(answer.summary));
        QCOMPARE(answer.bytes, body);
        QCOMPARE(answer.error.has_value(), !ok);
        if (!ok)
            QCOMPARE(answer.error->code, error);
        QVERIFY(!events().at(3).summary.contains(u"rewritten"_s));
    }

    // A POST's answer is rewritten the same way: an old time attestation replayed.
    void replayedAttestationReachesThePoster()
    {
        const QByteArray old = "{\"time\":\"last year\"}";
        setFilters({}, [&old](HttpExchange &exchange) {
            if (exchange.method == "POST" && exchange.path == u"/timeserver/attestation"_s)
                exchange.body = old;
        });
        Net::CurlFetcher fetcher;
        const auto answer = fetcher.post(url(u"/timeserver/attestation"_s), "{\"nonces\":[7]}",
                                         "application/json", 4096);
        QCOMPARE(answer.value_or(QByteArray()), old);
        QTRY_COMPARE(events().size(), 2);
        QCOMPARE(events().at(1).bytes, old);
        QVERIFY2(events().at(1).summary.endsWith(u"(rewritten)"_s), qPrintable(events().at(1).summary));
        QVERIFY(!events().at(1).error);
    }

    void requestFilterAnswersItself()
    {
        // The route is skipped: the manifest handler never runs, and a missing file "exists".
        setFilters([](HttpExchange &exchange) {
            exchange.status = 200;
            exchange.body = exchange.method == "POST" ? QByteArray("{\"accepted\":\"by the middle\"}")
                                                      : QByteArray("invented");
        }, {});
        const qsizetype before = manifestCount();
        Net::CurlFetcher fetcher;
        const auto posted = fetcher.post(url(kManifestPath), "{\"manifest\":1}", "application/json", 4096);
        QCOMPARE(posted.value_or(QByteArray()), QByteArray("{\"accepted\":\"by the middle\"}"));
        QCOMPARE(manifestCount(), before);
        QCOMPARE(fetcher.fetch(url(u"/imagerepo/metadata/9.root.json"_s), 4096).value_or(QByteArray()),
                 QByteArray("invented"));
        QTRY_VERIFY(lastSummary(LabEvent::Kind::HttpResponse).startsWith(u"200 OK for GET"_s));
        QVERIFY(lastSummary(LabEvent::Kind::HttpResponse).endsWith(u"(rewritten)"_s));
    }

    void requestBodyChangesBeforeTheHandler()
    {
        const QByteArray sent = "{\"ecu\":\"TCU\",\"installed\":\"good.img\"}";
        const QByteArray tampered = "{\"ecu\":\"TCU\",\"installed\":\"evil.img\"}";
        setFilters([&tampered](HttpExchange &exchange) {
            if (exchange.method == "POST" && exchange.path == kManifestPath)
                exchange.requestBody = tampered;
        }, {});
        Net::CurlFetcher fetcher;
        QVERIFY(fetcher.post(url(kManifestPath), sent, "application/json", 4096));
        {
            QMutexLocker lock(&m_mutex);
            QCOMPARE(m_manifests.last(), tampered);
        }
        QTRY_COMPARE(events().size(), 2);
        const LabEvent request = events().at(0);
        QCOMPARE(request.kind, LabEvent::Kind::HttpRequest);
        QCOMPARE(request.bytes, tampered);
        QVERIFY2(request.summary.endsWith(u"(rewritten)"_s), qPrintable(request.summary));
        QVERIFY(!events().at(1).summary.contains(u"rewritten"_s));  // the answer is the service's
    }

    // A dropped request: the connection closes with no answer, which libcurl reports as an
    // empty reply (CURLE_GOT_NOTHING) and CurlFetcher as ConnectionFailed.
    void dropped_data()
    {
        QTest::addColumn<bool>("afterRouting");
        QTest::newRow("request dropped") << false;
        QTest::newRow("answer dropped") << true;
    }
    void dropped()
    {
        QFETCH(bool, afterRouting);
        const auto drop = [](HttpExchange &exchange) { exchange.delivery = Delivery::Drop; };
        setFilters(afterRouting ? Net::RequestFilter() : Net::RequestFilter(drop),
                   afterRouting ? Net::ResponseFilter(drop) : Net::ResponseFilter());
        const qsizetype before = manifestCount();
        Net::CurlFetcher fetcher;
        const auto fetched = fetcher.fetch(url(kRootPath), 4096);
        QVERIFY(!fetched);
        QCOMPARE(fetched.error().code, ErrorCode::ConnectionFailed);
        const auto posted = fetcher.post(url(kManifestPath), "{}", "application/json", 4096);
        QVERIFY(!posted);
        QCOMPARE(posted.error().code, ErrorCode::ConnectionFailed);
        // Dropping the answer still lets the Director see the manifest; dropping the request not.
        QCOMPARE(manifestCount(), before + (afterRouting ? 1 : 0));

        QTRY_COMPARE(events().size(), 4);
        const LabEvent answer = events().at(1);
        QCOMPARE(answer.kind, LabEvent::Kind::HttpResponse);
        QCOMPARE(answer.summary, u"no answer for GET %1 (dropped)"_s.arg(kRootPath));
        QVERIFY(answer.error);
        QCOMPARE(answer.error->code, ErrorCode::ConnectionFailed);
    }

    // TUF's slow retrieval attack: the client's low-speed watchdog (libcurl's, 1 s here) ends
    // the transfer; the test waits for it, it does not sleep.
    void slowAnswerTripsTheLowSpeedLimit()
    {
        const auto fetched = fetchServedAt(200, kImagePath);
        QVERIFY(!fetched);
        QCOMPARE(fetched.error().code, ErrorCode::SlowRetrieval);
        QTRY_VERIFY(!lastSummary(LabEvent::Kind::HttpResponse).isEmpty());
        QCOMPARE(lastSummary(LabEvent::Kind::HttpResponse),
                 u"200 OK for GET %1 (%2 bytes) (slow 200 B/s)"_s.arg(kImagePath).arg(kImage.size()));
        // The host serves others meanwhile and afterwards.
        setFilters({}, {});
        QCOMPARE(Net::CurlFetcher().fetch(url(kRootPath), 4096).value_or(QByteArray()), kRoot);
    }

    void slowButAboveTheLimitArrivesWhole()
    {
        QElapsedTimer clock;
        clock.start();
        const auto fetched = fetchServedAt(6000, kImagePath);
        QVERIFY2(fetched, qPrintable(fetched ? QString() : fetched.error().toString()));
        QCOMPARE(*fetched, kImage);
        // 4000 bytes at 6000 B/s take two thirds of a second: paced, not sent at once, and
        // longer than the idle timeout, which a connection that moves bytes does not hit.
        QVERIFY2(clock.elapsed() >= 600, qPrintable(QString::number(clock.elapsed())));
    }

    // TUF's endless data attack: the signed file, then more and more. The client's cap (the
    // signed length) stops it; the host goes on serving.
    void endlessDataHitsTheCap()
    {
        setFilters({}, [](HttpExchange &exchange) {
            if (exchange.path == kRootPath)
                exchange.delivery = Delivery::Endless;
        });
        Net::CurlFetcher fetcher;
        const auto fetched = fetcher.fetch(url(kRootPath), kRoot.size());
        QVERIFY(!fetched);
        QCOMPARE(fetched.error().code, ErrorCode::TooLarge);
        QTRY_VERIFY(!lastSummary(LabEvent::Kind::HttpResponse).isEmpty());
        QVERIFY2(lastSummary(LabEvent::Kind::HttpResponse).endsWith(u"(endless)"_s),
                 qPrintable(lastSummary(LabEvent::Kind::HttpResponse)));
        QCOMPARE(fetcher.fetch(url(kImagePath), 1 << 20).value_or(QByteArray()), kImage);
    }

    void endlessStreamDoesNotBlockTheHost()
    {
        setFilters({}, [](HttpExchange &exchange) {
            if (exchange.path == kRootPath)
                exchange.delivery = Delivery::Endless;
        });
        // A client that asks for the endless file and never reads it ...
        QTcpSocket stalled;
        stalled.connectToHost(QHostAddress::LocalHost, m_port);
        QVERIFY(stalled.waitForConnected(5000));
        stalled.write("GET /imagerepo/metadata/root.json HTTP/1.1\r\n\r\n");
        QVERIFY(stalled.waitForBytesWritten(5000));
        QTRY_VERIFY(lastSummary(LabEvent::Kind::HttpResponse).endsWith(u"(endless)"_s));
        // ... while another is served.
        Net::CurlFetcher fetcher;
        QCOMPARE(fetcher.fetch(url(kImagePath), 1 << 20).value_or(QByteArray()), kImage);
        stalled.abort();
    }

    void endlessDataEndsAtItsMaximum_data()
    {
        QTest::addColumn<bool>("announce");
        QTest::newRow("no Content-Length") << false;
        QTest::newRow("real Content-Length") << true;
    }
    void endlessDataEndsAtItsMaximum()
    {
        QFETCH(bool, announce);
        constexpr qint64 kMax = 300'000;
        setFilters({}, [announce](HttpExchange &exchange) {
            exchange.delivery = Delivery::Endless;
            exchange.maxEndlessBytes = kMax;
            exchange.announceLength = announce;
        });
        const QByteArray received = readUntilClosed(m_port, kRootPath.toUtf8());
        const qsizetype headerEnd = received.indexOf("\r\n\r\n");
        QVERIFY(headerEnd > 0);
        const QByteArray head = received.left(headerEnd).toLower();
        QCOMPARE(head.contains(QByteArray("content-length: " + QByteArray::number(kRoot.size()))), announce);
        QCOMPARE(head.contains("content-length"), announce);
        const QByteArray body = received.mid(headerEnd + 4);
        QCOMPARE(body.size(), kMax);
        QVERIFY(body.startsWith(kRoot));
        QCOMPARE(body.count(Net::PacedWriter::kFiller), kMax - kRoot.size());
        // libcurl honours an announced length and stops there: the signed bytes, no more.
        if (announce) {
            Net::CurlFetcher fetcher;
            QCOMPARE(fetcher.fetch(url(kRootPath), kRoot.size()).value_or(QByteArray()), kRoot);
        }
    }

    void removedFiltersLeaveNoTrace()
    {
        setFilters([](HttpExchange &exchange) { exchange.delivery = Delivery::Drop; },
                   [](HttpExchange &exchange) { exchange.body = "x"; });
        setFilters({}, {});
        Net::CurlFetcher fetcher;
        QCOMPARE(fetcher.fetch(url(kRootPath), 4096).value_or(QByteArray()), kRoot);
        QTRY_COMPARE(events().size(), 2);
        QCOMPARE(events().at(0).summary, u"GET %1"_s.arg(kRootPath));
        QCOMPARE(events().at(1).summary, u"200 OK for GET %1 (%2 bytes)"_s.arg(kRootPath).arg(kRoot.size()));
    }

    // An unchanged answer is not reported as rewritten, and the path filters see is decoded.
    void passiveTapChangesNothing()
    {
        auto seen = std::make_shared<QStringList>();
        setFilters([seen](HttpExchange &exchange) { seen->append(exchange.path); },
                   [](HttpExchange &) {});
        Net::CurlFetcher fetcher;
        QCOMPARE(fetcher.fetch(url(u"/imagerepo/targets/acme/ec%75.img"_s), 1 << 20).value_or(QByteArray()), kImage);
        QTRY_COMPARE(events().size(), 2);
        QVERIFY(!events().at(1).summary.contains(u"rewritten"_s));
        QMetaObject::invokeMethod(m_host, [] {}, Qt::BlockingQueuedConnection);
        QCOMPARE(*seen, QStringList{kImagePath});
    }
};

QTEST_GUILESS_MAIN(TestHttpTap)
#include "tst_httptap.moc"
