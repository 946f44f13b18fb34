// OemHost in-process, on its own thread as on the services thread: the OEM side served to a
// TUF client over HTTP, the expiry timer following an injected clock, the republish timer,
// events of the opening and of each exchange, and start-up errors.

#include "lab/oemhost.h"
#include "metadata/codec.h"
#include "net/curlfetcher.h"
#include "services/oemservices.h"
#include "verify/updater.h"

#include <QFile>
#include <QMutex>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace Uptane;
using namespace Qt::StringLiterals;
namespace Demo = Uptane::Services::DemoFleet;

namespace {

QByteArray fileBytes(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// The timestamp version on disk (the host's writers live on the host's thread).
qint64 timestampVersion(const QString &metadataDir)
{
    auto parsed = Metadata::parse<Metadata::Timestamp>(fileBytes(metadataDir + u"/timestamp.json"_s),
                                                       Metadata::Encoding::Json);
    return parsed ? parsed->body.version : 0;
}

} // namespace

class TestOemHost : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ManualClock> m_clock;
    QThread m_thread;
    Lab::OemHost *m_host = nullptr;  // the last one created
    QList<Lab::OemHost *> m_hosts;   // all of them, deleted on their thread by cleanup()
    QMutex m_mutex;
    QList<LabEvent> m_events;

    QString workspace() const { return m_dir->filePath(u"ws"_s); }
    QString imageMetadata() const { return workspace() + u"/imagerepo/metadata"_s; }

    int count(LabEvent::Kind kind, const QString &from = {})
    {
        QMutexLocker lock(&m_mutex);
        return int(std::count_if(m_events.cbegin(), m_events.cend(), [&](const LabEvent &event) {
            return event.kind == kind && (from.isEmpty() || event.from == from);
        }));
    }

    // Creates the host on the test thread, moves it to m_thread and starts it there.
    Result<void> startHost(Lab::OemHostOptions options)
    {
        options.workspace = workspace();
        options.clock = m_clock.get();
        m_host = new Lab::OemHost(options);
        m_hosts.append(m_host);
        connect(m_host, &Lab::OemHost::eventEmitted, m_host, [this](const LabEvent &event) {
            QMutexLocker lock(&m_mutex);
            m_events.append(event);
        }, Qt::DirectConnection);
        m_host->moveToThread(&m_thread);
        Result<void> started = fail(ErrorCode::InvalidArgument, u"not run"_s);
        QMetaObject::invokeMethod(m_host, [this, &started] { started = m_host->start(); },
                                  Qt::BlockingQueuedConnection);
        return started;
    }

private slots:
    void initTestCase() { Net::initializeCurl(); }
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_clock = std::make_unique<ManualClock>(QDateTime::currentDateTimeUtc().addSecs(-10));
        m_events.clear();
        m_thread.start();
    }
    void cleanup()
    {
        for (Lab::OemHost *host : std::exchange(m_hosts, {}))
            QMetaObject::invokeMethod(host, [host] { delete host; }, Qt::BlockingQueuedConnection);
        m_host = nullptr;
        m_thread.quit();
        m_thread.wait();
    }

    void servesAClient()
    {
        QVERIFY(startHost({}));
        const QString url = m_host->baseUrl();
        QVERIFY(url.startsWith(u"http://127.0.0.1:"_s));
        // The opening was narrated to the listener connected before start().
        QVERIFY(count(LabEvent::Kind::MetadataPublished, u"imagerepo"_s) > 0);
        QVERIFY(count(LabEvent::Kind::ImageAssigned) == 3);

        Net::CurlFetcher fetcher;
        Verify::MemoryStore store;
        store.files.insert(u"root"_s, fileBytes(imageMetadata() + u"/1.root.json"_s));
        Verify::Updater updater({url + u"imagerepo/metadata/"_s, url + u"imagerepo/targets/"_s,
                                 Metadata::Encoding::Json, {}},
                                store, fetcher);
        QVERIFY(updater.refresh(m_clock->now()));
        auto target = updater.findTarget(Demo::supplierImagePath());
        QVERIFY(target);
        QVERIFY(updater.downloadTarget(*target, m_dir->filePath(u"tcu.img"_s)));
        QTRY_VERIFY(count(LabEvent::Kind::HttpResponse, u"imagerepo"_s) >= 5);
    }

    void expiryFollowsTheClock()
    {
        Lab::OemHostOptions options;
        options.expiryCheckIntervalMs = 20;
        QVERIFY(startHost(options));
        const qint64 version = timestampVersion(imageMetadata());
        const QString director = workspace() + u"/director/democar/metadata"_s;
        const qint64 directorVersion = timestampVersion(director);
        QCOMPARE(version, qint64(4));  // start() left the fresh repository as the fleet made it (3 images)
        m_clock->advance(86400 * 3 / 4);  // three quarters of the timestamp's day
        QTRY_COMPARE(timestampVersion(imageMetadata()), version + 1);
        QTRY_COMPARE(timestampVersion(director), directorVersion + 1);
    }

    void republishesOnItsTimer()
    {
        Lab::OemHostOptions options;
        options.publishIntervalMs = 10;
        QVERIFY(startHost(options));
        const qint64 version = timestampVersion(imageMetadata());
        QTRY_VERIFY(timestampVersion(imageMetadata()) >= version + 3);
        QTRY_VERIFY(count(LabEvent::Kind::MetadataPublished, u"director/democar"_s) >= 3);
    }

    void startErrors()
    {
        QTcpServer taken;
        QVERIFY(taken.listen(QHostAddress::LocalHost, 0));
        Lab::OemHostOptions options;
        options.port = taken.serverPort();
        auto busy = startHost(options);
        QVERIFY(!busy);
        QCOMPARE(busy.error().code, ErrorCode::IoError);
        QVERIFY(!m_host->isStarted());

        Result<void> again = startHost({});  // a second host: the workspace exists now
        QVERIFY(again);
        Result<void> twice = fail(ErrorCode::NotFound, u"not run"_s);
        QMetaObject::invokeMethod(m_host, [this, &twice] { twice = m_host->start(); }, Qt::BlockingQueuedConnection);
        QVERIFY(!twice);
        QCOMPARE(twice.error().code, ErrorCode::InvalidArgument);
    }

    void refusesAnotherEncoding()
    {
        QVERIFY(startHost({}));  // JSON
        Lab::OemHostOptions options;
        options.encoding = Metadata::Encoding::Der;
        auto refused = startHost(options);
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, ErrorCode::InvalidArgument);
    }
};

QTEST_GUILESS_MAIN(TestOemHost)
#include "tst_oemhost.moc"
