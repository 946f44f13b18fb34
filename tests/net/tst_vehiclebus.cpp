// VehicleBus (core/net/vehiclebus.h): delivery both ways in both encodings, unknown nodes,
// the size bound in each direction (the handler never sees an oversize request), the
// interceptor rewriting and dropping in each direction, the events (count, nodes, summary,
// bytes, error), re-entrant calls from handlers and callbacks, and calls from two threads.

#include "metadata/busmessage.h"
#include "net/vehiclebus.h"

#include <QTest>
#include <QThread>

#include <atomic>
#include <memory>

using namespace Qt::StringLiterals;
using namespace Uptane;
using Uptane::Metadata::BusMessage;
using Uptane::Metadata::Encoding;
using Uptane::Net::VehicleBus;
using Kind = BusMessage::Kind;

Q_DECLARE_METATYPE(Uptane::Metadata::Encoding)

namespace {

const QDateTime kStart = QDateTime::fromSecsSinceEpoch(1'900'000'000, Qt::UTC);

QByteArray encode(const BusMessage &m, Encoding encoding)
{
    auto bytes = Metadata::encodeBusMessage(m, encoding);
    if (!bytes)
        qFatal("encode: %s", qPrintable(bytes.error().toString()));
    return *bytes;
}

BusMessage message(Kind kind, const QString &from, const QString &to, qint64 cycle = 1)
{
    BusMessage m;
    m.kind = kind;
    m.sender = from;
    m.receiver = to;
    m.cycle = cycle;
    return m;
}

QByteArray nonceRequest(Encoding encoding, qint64 cycle = 1, const QString &to = u"SEC"_s)
{
    return encode(message(Kind::NonceRequest, u"PRI"_s, to, cycle), encoding);
}

// A Secondary that answers every request with its nonce: the request's cycle times 10 (so a
// reply can be matched to its request), and records what reached it.
struct NonceSecondary
{
    Encoding encoding = Encoding::Json;
    QString serial = u"SEC"_s;
    std::shared_ptr<std::atomic<int>> calls = std::make_shared<std::atomic<int>>(0);
    std::shared_ptr<QByteArrayList> received = std::make_shared<QByteArrayList>();

    VehicleBus::Handler handler(bool record = true) const
    {
        return [*this, record](const QByteArray &request) {
            ++*calls;
            if (record)
                received->append(request);
            auto decoded = Metadata::decodeBusMessage(request, encoding);
            BusMessage reply = message(Kind::Nonce, serial, u"PRI"_s, decoded ? decoded->cycle : 0);
            reply.nonce = reply.cycle * 10;
            return encode(reply, encoding);
        };
    }
};

// Rows for tests that act on one direction of travel.
void addDirections()
{
    QTest::addColumn<bool>("reply");
    QTest::newRow("request") << false;
    QTest::newRow("reply") << true;
}

struct Recorder
{
    QList<LabEvent> events;
    VehicleBus::EventCallback callback()
    {
        return [this](const LabEvent &event) { events.append(event); };
    }
};

} // namespace

class TestVehicleBus : public QObject
{
    Q_OBJECT

private slots:
    void deliversBothWays_data()
    {
        QTest::addColumn<Encoding>("encoding");
        QTest::newRow("json") << Encoding::Json;
        QTest::newRow("der") << Encoding::Der;
    }
    void deliversBothWays()
    {
        QFETCH(Encoding, encoding);
        ManualClock clock(kStart);
        VehicleBus bus(u"democar"_s, encoding);
        bus.setClock(&clock);
        QCOMPARE(bus.vin(), u"democar"_s);
        QCOMPARE(bus.encoding(), encoding);
        QCOMPARE(bus.maxMessageBytes(), VehicleBus::kDefaultMaxMessageBytes);
        NonceSecondary secondary{encoding};
        bus.attach(u"SEC"_s, secondary.handler());
        QCOMPARE(bus.nodes(), QStringList{u"SEC"_s});
        Recorder recorder;
        bus.setEventCallback(recorder.callback());

        const QByteArray request = nonceRequest(encoding, 4);
        const auto reply = bus.call(u"PRI"_s, u"SEC"_s, request);
        QVERIFY2(reply.has_value(), qPrintable(reply ? QString() : reply.error().toString()));
        QCOMPARE(*secondary.received, QByteArrayList{request});  // exactly the bytes sent
        const auto decoded = Metadata::decodeBusMessage(*reply, encoding);
        QVERIFY(decoded.has_value());
        QCOMPARE(decoded->kind, Kind::Nonce);
        QCOMPARE(decoded->nonce, std::optional<qint64>(40));
        QCOMPARE(bus.deliveredCount(), 2);
        QCOMPARE(bus.refusedCount(), 0);

        QCOMPARE(recorder.events.size(), 2);
        const LabEvent &out = recorder.events.at(0);
        QCOMPARE(out.kind, LabEvent::Kind::BusMessage);
        QCOMPARE(out.time, kStart);
        QCOMPARE(out.from, u"democar/PRI"_s);
        QCOMPARE(out.to, u"democar/SEC"_s);
        QCOMPARE(out.summary, u"nonce_request %1 bytes"_s.arg(request.size()));
        QCOMPARE(out.bytes, request);
        QCOMPARE(out.totalBytes, request.size());
        QVERIFY(!out.error);
        const LabEvent &back = recorder.events.at(1);
        QCOMPARE(back.from, u"democar/SEC"_s);
        QCOMPARE(back.to, u"democar/PRI"_s);
        QCOMPARE(back.summary, u"nonce %1 bytes"_s.arg(reply->size()));
        QCOMPARE(back.bytes, *reply);
        QVERIFY(!back.error);

        // A replaced handler answers from then on; a detached node is gone.
        bus.attach(u"SEC"_s, [](const QByteArray &) { return QByteArray("other"); });
        QCOMPARE(bus.call(u"PRI"_s, u"SEC"_s, request).value(), QByteArray("other"));
        bus.detach(u"SEC"_s);
        QVERIFY(bus.nodes().isEmpty());
        QCOMPARE(bus.call(u"PRI"_s, u"SEC"_s, request).error().code, ErrorCode::NotFound);
    }

    void unknownNodeIsNotFound()
    {
        VehicleBus bus(u"democar"_s, Encoding::Json);
        NonceSecondary secondary;
        bus.attach(u"SEC"_s, secondary.handler());
        Recorder recorder;
        bus.setEventCallback(recorder.callback());
        const QByteArray request = nonceRequest(Encoding::Json, 1, u"GHOST"_s);
        const auto reply = bus.call(u"PRI"_s, u"GHOST"_s, request);
        QVERIFY(!reply);
        QCOMPARE(reply.error().code, ErrorCode::NotFound);
        QCOMPARE(*secondary.calls, 0);
        QCOMPARE(bus.deliveredCount(), 0);
        QCOMPARE(bus.refusedCount(), 1);
        QCOMPARE(recorder.events.size(), 1);
        QCOMPARE(recorder.events.first().to, u"democar/GHOST"_s);
        QCOMPARE(recorder.events.first().error->code, ErrorCode::NotFound);
        QCOMPARE(recorder.events.first().bytes, request);
    }

    // The bound holds at its edge in each direction; the handler never sees an oversize
    // request. Raw bytes are enough: the bus does not decode what it carries.
    void refusesOversizeRequest()
    {
        VehicleBus bus(u"democar"_s, Encoding::Der, 100);
        NonceSecondary secondary{Encoding::Der};
        bus.attach(u"SEC"_s, secondary.handler());
        Recorder recorder;
        bus.setEventCallback(recorder.callback());

        QVERIFY(bus.call(u"PRI"_s, u"SEC"_s, QByteArray(100, 'x')).has_value());  // at the bound
        QCOMPARE(*secondary.calls, 1);
        recorder.events.clear();

        const auto reply = bus.call(u"PRI"_s, u"SEC"_s, QByteArray(101, 'x'));
        QVERIFY(!reply);
        QCOMPARE(reply.error().code, ErrorCode::TooLarge);
        QCOMPARE(*secondary.calls, 1);  // not called again
        QCOMPARE(bus.refusedCount(), 1);
        QCOMPARE(recorder.events.size(), 1);
        QCOMPARE(recorder.events.first().error->code, ErrorCode::TooLarge);
        QCOMPARE(recorder.events.first().totalBytes, 101);
        QCOMPARE(recorder.events.first().summary, u"undecodable 101 bytes"_s);
    }

    void refusesOversizeReply()
    {
        VehicleBus bus(u"democar"_s, Encoding::Json, 100);
        int calls = 0;
        qsizetype replySize = 100;
        bus.attach(u"SEC"_s, [&](const QByteArray &) {
            ++calls;
            return QByteArray(replySize, 'r');
        });
        Recorder recorder;
        bus.setEventCallback(recorder.callback());
        QCOMPARE(bus.call(u"PRI"_s, u"SEC"_s, "q").value().size(), 100);  // at the bound

        replySize = 101;
        recorder.events.clear();
        const auto reply = bus.call(u"PRI"_s, u"SEC"_s, "q");
        QVERIFY(!reply);
        QCOMPARE(reply.error().code, ErrorCode::TooLarge);
        QCOMPARE(calls, 2);
        QCOMPARE(recorder.events.size(), 2);
        QVERIFY(!recorder.events.at(0).error);  // the request went through
        QCOMPARE(recorder.events.at(1).from, u"democar/SEC"_s);
        QCOMPARE(recorder.events.at(1).error->code, ErrorCode::TooLarge);
        QCOMPARE(bus.deliveredCount(), 3);
        QCOMPARE(bus.refusedCount(), 1);
    }

    // An attacker on the bus rewrites one direction: the other side gets the new bytes, and
    // the events show what actually travelled.
    void interceptorRewrites_data()
    {
        addDirections();
    }
    void interceptorRewrites()
    {
        QFETCH(bool, reply);
        const Encoding encoding = Encoding::Der;
        VehicleBus bus(u"democar"_s, encoding);
        NonceSecondary secondary{encoding};
        bus.attach(u"SEC"_s, secondary.handler());
        Recorder recorder;
        bus.setEventCallback(recorder.callback());

        BusMessage forged = message(Kind::Nonce, u"SEC"_s, u"PRI"_s, 9);
        forged.nonce = 666;
        const QByteArray forgedReply = encode(forged, encoding);
        const QByteArray forgedRequest = nonceRequest(encoding, 9);
        struct Seen { QString from, to; bool isReply; };
        QList<Seen> seen;
        bus.setInterceptor([&](const QString &from, const QString &to, const QByteArray &bytes,
                               bool isReply) -> std::optional<QByteArray> {
            seen.append({from, to, isReply});
            if (isReply != reply)
                return bytes;  // a passive tap on the other direction
            return isReply ? forgedReply : forgedRequest;
        });

        const QByteArray request = nonceRequest(encoding, 2);
        const auto answer = bus.call(u"PRI"_s, u"SEC"_s, request);
        QVERIFY(answer.has_value());
        QCOMPARE(seen.size(), 2);
        QCOMPARE(seen.at(0).from, u"PRI"_s);
        QCOMPARE(seen.at(0).to, u"SEC"_s);
        QVERIFY(!seen.at(0).isReply);
        QCOMPARE(seen.at(1).from, u"SEC"_s);  // direction of travel
        QCOMPARE(seen.at(1).to, u"PRI"_s);
        QVERIFY(seen.at(1).isReply);

        const qint64 nonce = Metadata::decodeBusMessage(*answer, encoding)->nonce.value();
        if (reply) {
            QCOMPARE(*secondary.received, QByteArrayList{request});
            QCOMPARE(*answer, forgedReply);
            QCOMPARE(nonce, 666);
            QCOMPARE(recorder.events.at(1).bytes, forgedReply);
        } else {
            QCOMPARE(*secondary.received, QByteArrayList{forgedRequest});
            QCOMPARE(nonce, 90);  // the Secondary answered the forged cycle 9
            QCOMPARE(recorder.events.at(0).bytes, forgedRequest);
        }
        QCOMPARE(bus.deliveredCount(), 2);
    }

    void interceptorDrops_data()
    {
        addDirections();
    }
    void interceptorDrops()
    {
        QFETCH(bool, reply);
        VehicleBus bus(u"democar"_s, Encoding::Json);
        NonceSecondary secondary;
        bus.attach(u"SEC"_s, secondary.handler());
        Recorder recorder;
        bus.setEventCallback(recorder.callback());
        bus.setInterceptor([reply](const QString &, const QString &, const QByteArray &bytes,
                                   bool isReply) -> std::optional<QByteArray> {
            if (isReply == reply)
                return std::nullopt;
            return bytes;
        });
        const auto answer = bus.call(u"PRI"_s, u"SEC"_s, nonceRequest(Encoding::Json));
        QVERIFY(!answer);
        QCOMPARE(answer.error().code, ErrorCode::Cancelled);
        QCOMPARE(*secondary.calls, reply ? 1 : 0);
        QCOMPARE(recorder.events.size(), reply ? 2 : 1);
        QCOMPARE(recorder.events.last().error->code, ErrorCode::Cancelled);
        QCOMPARE(recorder.events.last().summary.section(u' ', 0, 0),
                 reply ? u"nonce"_s : u"nonce_request"_s);
        QCOMPARE(bus.refusedCount(), 1);
        QCOMPARE(bus.deliveredCount(), reply ? 1 : 0);

        // Without the interceptor, the same call goes through.
        bus.setInterceptor({});
        QVERIFY(bus.call(u"PRI"_s, u"SEC"_s, nonceRequest(Encoding::Json)).has_value());
    }

    // Neither can an attacker put more on the bus than it carries.
    void interceptorCannotInflate_data()
    {
        addDirections();
    }
    void interceptorCannotInflate()
    {
        QFETCH(bool, reply);
        VehicleBus bus(u"democar"_s, Encoding::Json, 1000);
        NonceSecondary secondary;
        bus.attach(u"SEC"_s, secondary.handler());
        bus.setInterceptor([reply](const QString &, const QString &, const QByteArray &bytes,
                                   bool isReply) -> std::optional<QByteArray> {
            return isReply == reply ? QByteArray(1001, 'x') : bytes;
        });
        const auto answer = bus.call(u"PRI"_s, u"SEC"_s, nonceRequest(Encoding::Json));
        QVERIFY(!answer);
        QCOMPARE(answer.error().code, ErrorCode::TooLarge);
        QCOMPARE(*secondary.calls, reply ? 1 : 0);
    }

    // Event bytes stop at kMaxEventBytes; totalBytes and the summary tell the whole size.
    void truncatesEventBytes()
    {
        const Encoding encoding = Encoding::Der;
        VehicleBus bus(u"democar"_s, encoding);
        bus.attach(u"SEC"_s, [encoding](const QByteArray &) {
            return encode(message(Kind::Ack, u"SEC"_s, u"PRI"_s), encoding);
        });
        Recorder recorder;
        bus.setEventCallback(recorder.callback());
        BusMessage image = message(Kind::Image, u"PRI"_s, u"SEC"_s);
        image.name = u"firmware.img"_s;
        image.payload = QByteArray(kMaxEventBytes + 1000, 'i');
        const QByteArray bytes = encode(image, encoding);
        QVERIFY(bus.call(u"PRI"_s, u"SEC"_s, bytes).has_value());
        const LabEvent &event = recorder.events.first();
        QCOMPARE(event.bytes, bytes.left(kMaxEventBytes));
        QCOMPARE(event.totalBytes, bytes.size());
        QCOMPARE(event.summary, u"image %1 bytes"_s.arg(bytes.size()));
        QCOMPARE(recorder.events.at(1).summary.section(u' ', 0, 0), u"ack"_s);
    }

    // The bus carries bytes it cannot read (the receiver refuses them); the event says so.
    void summarisesUndecodableBytes_data()
    {
        QTest::addColumn<Encoding>("encoding");
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("json garbage") << Encoding::Json << QByteArray("hello");
        QTest::newRow("der garbage") << Encoding::Der << QByteArray("\x30\x01", 2);
        QTest::newRow("der message on a json bus") << Encoding::Json << nonceRequest(Encoding::Der);
        QTest::newRow("json message on a der bus") << Encoding::Der << nonceRequest(Encoding::Json);
    }
    void summarisesUndecodableBytes()
    {
        QFETCH(Encoding, encoding);
        QFETCH(QByteArray, bytes);
        VehicleBus bus(u"democar"_s, encoding);
        bus.attach(u"SEC"_s, [](const QByteArray &request) { return request; });
        Recorder recorder;
        bus.setEventCallback(recorder.callback());
        QCOMPARE(bus.call(u"PRI"_s, u"SEC"_s, bytes).value(), bytes);
        QCOMPARE(recorder.events.size(), 2);
        QCOMPARE(recorder.events.first().summary, u"undecodable %1 bytes"_s.arg(bytes.size()));
        QVERIFY(!recorder.events.first().error);
    }

    // Nothing the bus calls out to runs under its lock: a handler calls the bus again, an
    // event callback and an interceptor use it too.
    void allowsReentrantCalls()
    {
        const Encoding encoding = Encoding::Json;
        VehicleBus bus(u"democar"_s, encoding);
        NonceSecondary third{encoding, u"THIRD"_s};
        bus.attach(u"THIRD"_s, third.handler());
        bus.attach(u"SEC"_s, [&bus, encoding](const QByteArray &request) {
            // A gateway: forwards to THIRD, attaches a node on the way, returns THIRD's reply.
            bus.attach(u"LATE"_s, [](const QByteArray &) { return QByteArray(); });
            auto forwarded = bus.call(u"SEC"_s, u"THIRD"_s, request);
            return forwarded ? *forwarded : encode(message(Kind::Ack, u"SEC"_s, u"PRI"_s), encoding);
        });
        QStringList seenNodes;
        bus.setEventCallback([&](const LabEvent &) { seenNodes = bus.nodes(); });
        int intercepted = 0;
        bus.setInterceptor([&](const QString &, const QString &, const QByteArray &bytes, bool) {
            intercepted = int(bus.deliveredCount());
            return std::optional(bytes);
        });

        const auto reply = bus.call(u"PRI"_s, u"SEC"_s, nonceRequest(encoding, 5));
        QVERIFY(reply.has_value());
        QCOMPARE(Metadata::decodeBusMessage(*reply, encoding)->nonce, std::optional<qint64>(50));
        QCOMPARE(*third.calls, 1);
        QCOMPARE(bus.deliveredCount(), 4);
        QCOMPARE(intercepted, 3);  // the last one, before the outer reply was delivered
        QCOMPARE(seenNodes, (QStringList{u"LATE"_s, u"SEC"_s, u"THIRD"_s}));
    }

    // Two threads call at once (each its own Secondary) while a third attaches and detaches a
    // node and swaps the interceptor: every reply matches its request, and the counts add up.
    void servesConcurrentCalls()
    {
        const Encoding encoding = Encoding::Der;
        VehicleBus bus(u"democar"_s, encoding);
        NonceSecondary a{encoding, u"A"_s};
        NonceSecondary b{encoding, u"B"_s};
        bus.attach(u"A"_s, a.handler(false));
        bus.attach(u"B"_s, b.handler(false));
        std::atomic<int> events{0};
        bus.setEventCallback([&events](const LabEvent &event) {
            if (!event.error)
                ++events;
        });
        constexpr int kCalls = 300;
        std::atomic<int> mismatches{0};
        std::atomic<bool> done{false};
        const auto caller = [&](const QString &node) {
            return QThread::create([&, node] {
                for (int i = 1; i <= kCalls; ++i) {
                    const auto reply = bus.call(u"PRI"_s, node, nonceRequest(encoding, i, node));
                    const auto decoded = reply ? Metadata::decodeBusMessage(*reply, encoding)
                                               : Result<BusMessage>(std::unexpected(reply.error()));
                    if (!decoded || decoded->sender != node || decoded->nonce != i * 10)
                        ++mismatches;
                }
            });
        };
        std::unique_ptr<QThread> first(caller(u"A"_s));
        std::unique_ptr<QThread> second(caller(u"B"_s));
        std::unique_ptr<QThread> churn(QThread::create([&] {
            while (!done.load()) {
                bus.attach(u"C"_s, [](const QByteArray &r) { return r; });
                bus.setInterceptor([](const QString &, const QString &, const QByteArray &bytes, bool) {
                    return std::optional(bytes);
                });
                bus.detach(u"C"_s);
                bus.setInterceptor({});
                QThread::yieldCurrentThread();
            }
        }));
        churn->start();
        first->start();
        second->start();
        QVERIFY(first->wait(60000));
        QVERIFY(second->wait(60000));
        done = true;
        QVERIFY(churn->wait(10000));

        QCOMPARE(mismatches.load(), 0);
        QCOMPARE(*a.calls, kCalls);
        QCOMPARE(*b.calls, kCalls);
        QCOMPARE(bus.deliveredCount(), 4 * kCalls);
        QCOMPARE(bus.refusedCount(), 0);
        QCOMPARE(events.load(), 4 * kCalls);
        QCOMPARE(bus.nodes(), (QStringList{u"A"_s, u"B"_s}));
    }
};

QTEST_GUILESS_MAIN(TestVehicleBus)
#include "tst_vehiclebus.moc"
