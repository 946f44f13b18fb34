// Adversary: alone (pattern matching, each action on a hand-made HttpExchange or bus message,
// undo of exactly one action, undoAll, active(), events) and through a real Lab, where each
// attack of the reference demo (sections 3.1-3.3) and of the threat model at the wire meets
// the check that stops it, in all three ECUs of democar, and the cycle after undo is normal.

#include "attacks/adversary.h"
#include "attacks/forgery.h"
#include "attacks/scenariokit.h"
#include "lab/lab.h"
#include "metadata/busmessage.h"
#include "services/oemservices.h"
#include "services/workspace.h"

#include "cycledescription.h"

#include <QFile>
#include <QTemporaryDir>
#include <QMutex>
#include <QTest>
#include <QThread>

using namespace Uptane;
using namespace Qt::StringLiterals;
namespace Demo = Uptane::Services::DemoFleet;
using Attacks::Adversary;
using Attacks::AttackId;
using Metadata::Encoding;
using Net::HttpExchange;
using Vehicle::Verdict;

namespace {

HttpExchange answer(const QString &path, const QByteArray &body, const QByteArray &method = "GET")
{
    HttpExchange exchange;
    exchange.method = method;
    exchange.path = path;
    exchange.status = 200;
    exchange.body = body;
    return exchange;
}

Result<void> assignFirmware(Services::OemServices &services)
{
    for (const QString &serial : Demo::secondarySerials()) {
        if (auto assigned = services.director().assign(Demo::vin(), serial, Demo::firmwarePath()); !assigned)
            return fail(assigned.error());
    }
    return {};
}

QByteArray flipAt(QByteArray bytes, qsizetype at)
{
    bytes[at] = char(bytes.at(at) ^ 0x01);
    return bytes;
}

QString ext(Encoding encoding)
{
    return encoding == Encoding::Json ? u"json"_s : u"der"_s;
}

} // namespace

class TestAdversary : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;

    static void addEncodings()
    {
        QTest::addColumn<Encoding>("encoding");
        QTest::newRow("json") << Encoding::Json;
        QTest::newRow("der") << Encoding::Der;
    }

    Result<void> startLab(Lab::Lab &lab, Encoding encoding, int lowSpeedSeconds = 10)
    {
        Lab::LabOptions options;
        options.workspace = m_dir->filePath(u"ws"_s);
        options.encoding = encoding;
        options.lowSpeedSeconds = lowSpeedSeconds;
        return lab.startAndWait(options);
    }

    // democar with firmware.img assigned to both Secondaries: the next cycle delivers it.
    Result<void> startWithFirmware(Lab::Lab &lab, Encoding encoding, int lowSpeedSeconds = 10)
    {
        if (auto started = startLab(lab, encoding, lowSpeedSeconds); !started)
            return started;
        return lab.runOnServicesAndWait(assignFirmware);
    }

    static void expect(const Vehicle::CycleResult &result, const QString &serial, Verdict verdict,
                       std::optional<ErrorCode> code = std::nullopt, const QString &decidedBy = {})
    {
        const Vehicle::EcuOutcome *outcome = result.outcome(serial);
        QVERIFY2(outcome, qPrintable(serial));
        const QString why = serial + u" -> "_s + Test::describeCycle(result);
        QVERIFY2(outcome->verdict == verdict, qPrintable(why));
        if (code) {
            QVERIFY2(outcome->error && outcome->error->code == *code, qPrintable(why));
        }
        if (!decidedBy.isEmpty())
            QVERIFY2(outcome->decidedBy == decidedBy, qPrintable(why));
    }

    // Both Secondaries as the Primary's refusal leaves them: the Primary decided.
    static void expectStoppedByPrimary(const Vehicle::CycleResult &result, Verdict verdict, ErrorCode code)
    {
        expect(result, Demo::primarySerial(), verdict, code);
        for (const QString &serial : Demo::secondarySerials())
            expect(result, serial, verdict, code, Demo::primarySerial());
    }

    // The attack in force: the Primary stops the cycle with code; undone: firmware delivered.
    static void stoppedByPrimaryThenUndone(Lab::Lab &lab, Verdict verdict, ErrorCode code)
    {
        const auto cycle = lab.runCycleAndWait(Demo::vin());
        QVERIFY(cycle);
        expectStoppedByPrimary(*cycle, verdict, code);
        if (QTest::currentTestFailed())
            return;
        expectUpdatedAfterUndo(lab);
    }

    static void expectUpdatedAfterUndo(Lab::Lab &lab)
    {
        lab.adversary().undoAll();
        QVERIFY(!lab.adversary().isActive());
        const auto cycle = lab.runCycleAndWait(Demo::vin());
        QVERIFY(cycle);
        expect(*cycle, Demo::primarySerial(), Verdict::UpToDate);
        for (const QString &serial : Demo::secondarySerials())
            expect(*cycle, serial, Verdict::Updated);
    }

private slots:
    void init() { m_dir = std::make_unique<QTemporaryDir>(); }

    // ---- the Adversary alone

    void matches_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("expected");
        const QString image = Adversary::imagePattern(u"firmware.img"_s);
        const QString hash = QString(64, u'a');
        QTest::newRow("exact") << u"/a/b.json"_s << u"/a/b.json"_s << true;
        QTest::newRow("exact other") << u"/a/b.json"_s << u"/a/c.json"_s << false;
        QTest::newRow("prefix") << u"/director/*"_s << u"/director/democar/metadata/x"_s << true;
        QTest::newRow("prefix other") << u"/director/*"_s << u"/imagerepo/x"_s << false;
        QTest::newRow("versioned") << u"/d/*targets.json"_s << u"/d/3.targets.json"_s << true;
        QTest::newRow("unversioned") << u"/d/*targets.json"_s << u"/d/targets.json"_s << true;
        QTest::newRow("inner star stays in its segment") << u"/d/*targets.json"_s << u"/d/x/targets.json"_s << false;
        QTest::newRow("image plain") << image << u"/imagerepo/targets/firmware.img"_s << true;
        QTest::newRow("image hashed") << image << u"/imagerepo/targets/"_s + hash + u".firmware.img"_s << true;
        QTest::newRow("image other") << image << u"/imagerepo/targets/other.img"_s << false;
        QTest::newRow("image subdir") << Adversary::imagePattern(u"acme/ecu-1.0.img"_s)
                                      << u"/imagerepo/targets/acme/"_s + hash + u".ecu-1.0.img"_s << true;
    }

    void matches()
    {
        QFETCH(QString, pattern);
        QFETCH(QString, path);
        QFETCH(bool, expected);
        QCOMPARE(Adversary::matches(pattern, path), expected);
    }

    void imagePattern()
    {
        QCOMPARE(Adversary::imagePattern(u"firmware.img"_s), u"/imagerepo/targets/*firmware.img"_s);
        QCOMPARE(Adversary::imagePattern(u"acme/ecu.img"_s), u"/imagerepo/targets/acme/*ecu.img"_s);
    }

    void answersChangedAndUndoneOneByOne()
    {
        Adversary adversary;
        QList<LabEvent> events;
        adversary.setEventCallback([&](const LabEvent &event) { events.append(event); });
        const QString path = u"/director/democar/metadata/timestamp.json"_s;
        const AttackId flip = adversary.flipByte(path, -1, u"flip"_s);
        const AttackId replace = adversary.replaceServed(u"/imagerepo/*"_s, "old", u"replay"_s);
        QCOMPARE(adversary.active().size(), 2);
        QCOMPARE(adversary.active().at(0).site, Attacks::AttackSite::DirectorLink);
        QCOMPARE(adversary.active().at(1).site, Attacks::AttackSite::ImageRepoLink);
        QCOMPARE(adversary.active().at(1).target, u"/imagerepo/*"_s);

        HttpExchange flipped = answer(path, "abc");
        adversary.onResponse(flipped);
        QCOMPARE(flipped.body, QByteArray("abb"));
        HttpExchange replaced = answer(u"/imagerepo/metadata/x.json"_s, "new");
        replaced.status = 404;
        adversary.onResponse(replaced);
        QCOMPARE(replaced.status, 200);
        QCOMPARE(replaced.body, QByteArray("old"));
        QCOMPARE(events.size(), 2);
        QCOMPARE(events.at(0).from, u"adversary"_s);
        QCOMPARE(events.at(0).to, u"director"_s);
        QCOMPARE(events.at(0).kind, LabEvent::Kind::Note);
        QCOMPARE(events.at(0).bytes, QByteArray("abb"));
        QCOMPARE(events.at(1).to, u"imagerepo"_s);

        // undo takes back exactly one.
        adversary.undo(flip);
        HttpExchange untouched = answer(path, "abc");
        adversary.onResponse(untouched);
        QCOMPARE(untouched.body, QByteArray("abc"));
        QCOMPARE(adversary.active().size(), 1);
        QCOMPARE(adversary.active().at(0).id, replace);
        adversary.undoAll();
        QVERIFY(!adversary.isActive());
        HttpExchange clean = answer(u"/imagerepo/metadata/x.json"_s, "new");
        adversary.onResponse(clean);
        QCOMPARE(clean.body, QByteArray("new"));
        QCOMPARE(events.size(), 2);
    }

    void rewriteKeepsStatusAndIgnoresErrors()
    {
        Adversary adversary;
        adversary.rewriteServed(u"/a"_s, [](const QByteArray &original) { return original + "!"; }, u"mitm"_s);
        HttpExchange ok = answer(u"/a"_s, "x");
        adversary.onResponse(ok);
        QCOMPARE(ok.body, QByteArray("x!"));
        QCOMPARE(ok.status, 200);
        HttpExchange missing = answer(u"/a"_s, "gone");
        missing.status = 404;
        adversary.onResponse(missing);
        QCOMPARE(missing.body, QByteArray("gone"));
        HttpExchange other = answer(u"/b"_s, "x");
        adversary.onResponse(other);
        QCOMPARE(other.body, QByteArray("x"));
    }

    void flipOutOfRangeAndReplayOfPostsLeaveTheAnswer()
    {
        Adversary adversary;
        int events = 0;
        adversary.setEventCallback([&](const LabEvent &) { ++events; });
        adversary.flipByte(u"/a"_s, 3, u"flip"_s);
        adversary.flipByte(u"/a"_s, -4, u"flip"_s);
        adversary.replaceServed(u"/timeserver/*"_s, "old", u"replay"_s);
        HttpExchange shortAnswer = answer(u"/a"_s, "abc");
        adversary.onResponse(shortAnswer);
        QCOMPARE(shortAnswer.body, QByteArray("abc"));
        HttpExchange posted = answer(u"/timeserver/attestation"_s, "fresh", "POST");
        adversary.onResponse(posted);
        QCOMPARE(posted.body, QByteArray("fresh"));
        QCOMPARE(events, 0);
    }

    void deliveriesSetOnTheExchange()
    {
        Adversary adversary;
        adversary.dropRequests(u"/drop"_s, u"drop"_s);
        adversary.serveSlowly(u"/slow"_s, 100, u"slow"_s);
        adversary.serveEndless(u"/endless"_s, u"endless"_s);
        HttpExchange dropped;
        dropped.method = "GET";
        dropped.path = u"/drop"_s;
        adversary.onRequest(dropped);
        QCOMPARE(dropped.delivery, HttpExchange::Delivery::Drop);
        HttpExchange slow = answer(u"/slow"_s, "x");
        adversary.onResponse(slow);
        QCOMPARE(slow.delivery, HttpExchange::Delivery::Slow);
        QCOMPARE(slow.bytesPerSecond, 100);
        HttpExchange endless = answer(u"/endless"_s, "x");
        adversary.onResponse(endless);
        QCOMPARE(endless.delivery, HttpExchange::Delivery::Endless);
        QVERIFY(!endless.announceLength);
        HttpExchange normal = answer(u"/other"_s, "x");
        adversary.onRequest(normal);
        adversary.onResponse(normal);
        QCOMPARE(normal.delivery, HttpExchange::Delivery::Normal);
    }

    void uploadsAndAttestations()
    {
        Adversary adversary;
        adversary.tamperManifest(u"democar"_s, [](const QByteArray &) { return QByteArray("tampered"); }, u"t"_s);
        adversary.rewriteAttestation([](const QByteArray &) { return QByteArray("replayed"); }, u"r"_s);
        QCOMPARE(adversary.active().at(1).site, Attacks::AttackSite::TimeServerLink);
        HttpExchange manifest;
        manifest.method = "POST";
        manifest.path = u"/director/democar/manifest"_s;
        manifest.requestBody = "manifest";
        adversary.onRequest(manifest);
        QCOMPARE(manifest.requestBody, QByteArray("tampered"));
        HttpExchange otherCar = manifest;
        otherCar.path = u"/director/othercar/manifest"_s;
        otherCar.requestBody = "manifest";
        adversary.onRequest(otherCar);
        QCOMPARE(otherCar.requestBody, QByteArray("manifest"));
        HttpExchange attestation = answer(u"/timeserver/attestation"_s, "fresh", "POST");
        adversary.onResponse(attestation);
        QCOMPARE(attestation.body, QByteArray("replayed"));
    }

    void busRewrittenAndDropped()
    {
        Adversary adversary;
        QList<LabEvent> events;
        adversary.setEventCallback([&](const LabEvent &event) { events.append(event); });
        const AttackId rewrite = adversary.interceptBus(u"democar"_s, [](const QString &, const QString &to,
                                                                         const QByteArray &bytes, bool isReply) {
            return isReply || to != u"TCU"_s ? std::optional(bytes) : std::optional(bytes + "!");
        }, u"compromised Primary"_s);
        QCOMPARE(adversary.active().at(0).site, Attacks::AttackSite::Bus);
        QCOMPARE(adversary.active().at(0).target, u"democar"_s);
        QCOMPARE(adversary.onBus(u"democar"_s, u"INFO"_s, u"TCU"_s, "m", false), std::optional(QByteArray("m!")));
        QCOMPARE(adversary.onBus(u"democar"_s, u"TCU"_s, u"INFO"_s, "r", true), std::optional(QByteArray("r")));
        QCOMPARE(adversary.onBus(u"othercar"_s, u"INFO"_s, u"TCU"_s, "m", false), std::optional(QByteArray("m")));
        QCOMPARE(events.size(), 1);
        QCOMPARE(events.at(0).to, u"democar"_s);
        QCOMPARE(events.at(0).bytes, QByteArray("m!"));
        adversary.undo(rewrite);
        adversary.interceptBus(u"democar"_s, [](const QString &, const QString &, const QByteArray &, bool) {
            return std::optional<QByteArray>();
        }, u"cut"_s);
        QVERIFY(!adversary.onBus(u"democar"_s, u"INFO"_s, u"TCU"_s, "m", false));
        QCOMPARE(events.size(), 2);
    }

    // A server holding stolen keys is a marker for the view: listed and undone like any
    // action, but no byte on any link changes because of it.
    void holdKeysMarksTheServerOnly_data()
    {
        QTest::addColumn<QString>("repository");
        QTest::addColumn<QString>("path");
        QTest::newRow("director") << u"director"_s << u"/director/democar/metadata/targets.json"_s;
        QTest::newRow("imagerepo") << u"imagerepo"_s << u"/imagerepo/metadata/targets.json"_s;
    }

    void holdKeysMarksTheServerOnly()
    {
        QFETCH(QString, repository);
        QFETCH(QString, path);
        Adversary adversary;
        QList<LabEvent> events;
        adversary.setEventCallback([&](const LabEvent &event) { events.append(event); });
        const AttackId flip = adversary.flipByte(u"/timeserver/*"_s, 0, u"flip"_s);
        const AttackId held = adversary.holdKeys(repository, u"holds the keys"_s);
        QVERIFY(held != flip);
        QCOMPARE(adversary.active().size(), 2);
        const Attacks::ActiveAttack marker = adversary.active().at(1);
        QCOMPARE(marker.id, held);
        QCOMPARE(marker.site, Attacks::AttackSite::StolenKeys);
        QCOMPARE(marker.target, repository);
        QCOMPARE(marker.description, u"holds the keys"_s);

        HttpExchange served = answer(path, "real");
        adversary.onResponse(served);
        HttpExchange request = answer(u"/director/democar/manifest"_s, {}, "POST");
        request.requestBody = "manifest";
        adversary.onRequest(request);
        QCOMPARE(served.body, QByteArray("real"));
        QCOMPARE(served.delivery, HttpExchange::Delivery::Normal);
        QCOMPARE(request.requestBody, QByteArray("manifest"));
        QCOMPARE(request.delivery, HttpExchange::Delivery::Normal);
        QCOMPARE(adversary.onBus(u"democar"_s, u"INFO"_s, u"TCU"_s, "m", false), std::optional(QByteArray("m")));
        QVERIFY(events.isEmpty());

        adversary.undo(held);
        QCOMPARE(adversary.active().size(), 1);
        QCOMPARE(adversary.active().at(0).id, flip);
        adversary.holdKeys(repository, u"again"_s);
        adversary.undoAll();
        QVERIFY(!adversary.isActive());
    }

    // Every stolen-key scenario serves its forgery through Kit::serveForgery: the attacker
    // then shows on that server, once however many forgeries it serves, until the scenario's
    // actions are undone.
    void forgeryMarksTheServerWhoseKeysSign()
    {
        ManualClock clock(QDateTime::fromSecsSinceEpoch(1'800'000'000, Qt::UTC));
        auto services = Services::OemServices::open(m_dir->filePath(u"ws"_s), Encoding::Json, clock);
        QVERIFY(services);
        Adversary adversary;
        Attacks::ScenarioContext ctx(**services, adversary, clock);
        Attacks::StolenKeys stolen;
        stolen.targets = *Attacks::Kit::directorKeys(ctx, u"targets"_s);
        stolen.snapshot = *Attacks::Kit::directorKeys(ctx, u"snapshot"_s);
        stolen.timestamp = *Attacks::Kit::directorKeys(ctx, u"timestamp"_s);
        auto forged = Attacks::forgeRelease(Attacks::Kit::directorMetadataDir(ctx), Encoding::Json, u"targets"_s,
                                            stolen, {}, clock.now());
        QVERIFY(forged);
        const auto markers = [&] {
            QList<Attacks::ActiveAttack> found;
            for (const Attacks::ActiveAttack &attack : adversary.active()) {
                if (attack.site == Attacks::AttackSite::StolenKeys)
                    found.append(attack);
            }
            return found;
        };
        const auto first = Attacks::Kit::serveForgery(ctx, u"director"_s, *forged, u"forged"_s);
        QVERIFY(first);
        QVERIFY(Attacks::Kit::serveForgery(ctx, u"director"_s, *forged, u"forged again"_s));
        QCOMPARE(markers().size(), 1);
        QCOMPARE(markers().at(0).target, u"director"_s);
        QVERIFY(first->contains(markers().at(0).id));
        ctx.undoTracked();
        QVERIFY(!adversary.isActive());
    }

    // ---- attacks through a real lab

    // Reference 3.1: a man in the middle on the Director flips a byte of its targets.
    void mitmDirectorTargets_data() { addEncodings(); }
    void mitmDirectorTargets()
    {
        QFETCH(Encoding, encoding);
        Lab::Lab lab;
        QVERIFY(startWithFirmware(lab, encoding));
        // Versioned (consistent snapshot) or not: the targets of democar's Director.
        lab.adversary().flipByte(u"/director/democar/metadata/*targets."_s + ext(encoding), -40,
                                 u"flips a byte of the Director's targets"_s);
        // The Director's snapshot lists the targets' hashes, so the altered file is caught by
        // its hash before its signatures are even looked at.
        stoppedByPrimaryThenUndone(lab, Verdict::Defended, ErrorCode::HashMismatch);
    }

    // Reference 3.2: a man in the middle on the Image Repository rewrites the image.
    void mitmImage_data() { addEncodings(); }
    void mitmImage()
    {
        QFETCH(Encoding, encoding);
        Lab::Lab lab;
        QVERIFY(startWithFirmware(lab, encoding));
        // The adversary's events come out of the lab, on the owner's thread.
        QList<LabEvent> events;
        bool onOwner = true;
        connect(&lab, &Lab::Lab::eventEmitted, &lab, [&](const LabEvent &event) {
            if (event.from != u"adversary"_s)
                return;
            events.append(event);
            onOwner = onOwner && QThread::currentThread() == thread();
        });
        QByteArray delivered;  // written on the services thread
        QMutex mutex;
        lab.adversary().rewriteServed(Adversary::imagePattern(Demo::firmwarePath()),
                                      [&](const QByteArray &original) {
                                          const QMutexLocker lock(&mutex);
                                          delivered = flipAt(original, 0);
                                          return delivered;
                                      }, u"rewrites firmware.img"_s);
        stoppedByPrimaryThenUndone(lab, Verdict::Defended, ErrorCode::HashMismatch);
        QVERIFY(!events.isEmpty());
        QVERIFY(onOwner);
        QCOMPARE(events.first().kind, LabEvent::Kind::Note);
        QCOMPARE(events.first().to, u"imagerepo"_s);
        const QMutexLocker lock(&mutex);
        QCOMPARE(events.first().bytes, delivered);
    }

    // Reference 3.3: the Director's timestamp replayed. The Primary must trust a newer one,
    // so it runs a cycle between the recording and the replay; replaying the very version it
    // trusts would only look up to date.
    void replayDirectorTimestamp_data() { addEncodings(); }
    void replayDirectorTimestamp()
    {
        QFETCH(Encoding, encoding);
        Lab::Lab lab;
        QVERIFY(startLab(lab, encoding));
        const QString file = m_dir->filePath(u"ws/director/democar/metadata/timestamp."_s + ext(encoding));
        QFile recorded(file);
        QVERIFY2(recorded.open(QIODevice::ReadOnly), qPrintable(file));
        const QByteArray old = recorded.readAll();
        QVERIFY(lab.runOnServicesAndWait(assignFirmware));
        const auto updated = lab.runCycleAndWait(Demo::vin());
        QVERIFY(updated);
        for (const QString &serial : Demo::secondarySerials())
            expect(*updated, serial, Verdict::Updated);

        lab.adversary().replaceServed(u"/director/democar/metadata/timestamp."_s + ext(encoding), old,
                                      u"replays an older Director timestamp"_s);
        const auto replayed = lab.runCycleAndWait(Demo::vin());
        QVERIFY(replayed);
        expectStoppedByPrimary(*replayed, Verdict::Replay, ErrorCode::Rollback);

        // Undone, nothing new is assigned: everything verifies and stays as installed.
        lab.adversary().undoAll();
        const auto after = lab.runCycleAndWait(Demo::vin());
        QVERIFY(after);
        for (const QString &serial : QStringList{Demo::primarySerial()} + Demo::secondarySerials())
            expect(*after, serial, Verdict::UpToDate);
    }

    // Every request for democar's Director metadata dropped.
    void dropDirector_data() { addEncodings(); }
    void dropDirector()
    {
        QFETCH(Encoding, encoding);
        Lab::Lab lab;
        QVERIFY(startWithFirmware(lab, encoding));
        lab.adversary().dropRequests(u"/director/democar/metadata/*"_s, u"drops the Director's metadata"_s);
        stoppedByPrimaryThenUndone(lab, Verdict::Defended, ErrorCode::ConnectionFailed);
    }

    // Endless data in place of the image: the Primary reads no further than the length the
    // Image Repository's targets list, so the endless answer ends as a LengthMismatch
    // ("longer than the bytes the metadata lists"), not a TooLarge at a general cap.
    void endlessImage_data() { addEncodings(); }
    void endlessImage()
    {
        QFETCH(Encoding, encoding);
        Lab::Lab lab;
        QVERIFY(startWithFirmware(lab, encoding));
        lab.adversary().serveEndless(Adversary::imagePattern(Demo::firmwarePath()), u"endless image"_s);
        stoppedByPrimaryThenUndone(lab, Verdict::Defended, ErrorCode::LengthMismatch);
    }

    // The image at 100 B/s under a one-second low-speed window: libcurl's watchdog, in real
    // seconds, gives up (no sleeping here: the cycle takes what it takes).
    void slowImage()
    {
        Lab::Lab lab;
        QVERIFY(startWithFirmware(lab, Encoding::Json, 1));
        lab.adversary().serveSlowly(Adversary::imagePattern(Demo::firmwarePath()), 100, u"slow image"_s);
        stoppedByPrimaryThenUndone(lab, Verdict::Defended, ErrorCode::SlowRetrieval);
    }

    // A compromised Primary alters the image it passes to the full-verification Secondary.
    void compromisedPrimaryImage_data() { addEncodings(); }
    void compromisedPrimaryImage()
    {
        QFETCH(Encoding, encoding);
        Lab::Lab lab;
        QVERIFY(startWithFirmware(lab, encoding));
        lab.adversary().interceptBus(Demo::vin(), [encoding](const QString &, const QString &to,
                                                             const QByteArray &bytes, bool isReply) {
            if (isReply || to != Demo::secondarySerial())
                return std::optional(bytes);
            auto message = Metadata::decodeBusMessage(bytes, encoding);
            if (!message || message->kind != Metadata::BusMessage::Kind::Image || message->payload.isEmpty())
                return std::optional(bytes);
            message->payload = flipAt(message->payload, 0);
            auto encoded = Metadata::encodeBusMessage(*message, encoding);
            return encoded ? std::optional(*encoded) : std::optional(bytes);
        }, u"alters the image sent to the TCU"_s);
        const auto cycle = lab.runCycleAndWait(Demo::vin());
        QVERIFY(cycle);
        expect(*cycle, Demo::primarySerial(), Verdict::UpToDate);
        expect(*cycle, Demo::secondarySerial(), Verdict::Defended, ErrorCode::HashMismatch, Demo::secondarySerial());
        expect(*cycle, Demo::partialSerial(), Verdict::Updated);
        QVERIFY(lab.adversary().isActive());

        lab.adversary().undoAll();
        const auto after = lab.runCycleAndWait(Demo::vin());
        QVERIFY(after);
        expect(*after, Demo::secondarySerial(), Verdict::Updated);
        expect(*after, Demo::partialSerial(), Verdict::UpToDate);
    }

    // A byte of the vehicle manifest flipped on its way up: the Director refuses it, though
    // the ECUs did install (the Director just does not record it).
    void tamperedManifest_data()
    {
        QTest::addColumn<Encoding>("encoding");
        QTest::addColumn<bool>("inSignature");
        QTest::addColumn<ErrorCode>("code");
        // A byte in the middle breaks the syntax; one in the Primary's signature (a digit of
        // the first "sig" hex in JSON, whose low bit flipped stays a digit; the last byte of
        // the DER, inside the last signature's octet string) keeps it well-formed and fails
        // the signature check.
        QTest::newRow("json middle") << Encoding::Json << false << ErrorCode::MalformedJson;
        QTest::newRow("der middle") << Encoding::Der << false << ErrorCode::MalformedDer;
        QTest::newRow("json signature") << Encoding::Json << true << ErrorCode::BadSignature;
        QTest::newRow("der signature") << Encoding::Der << true << ErrorCode::BadSignature;
    }
    void tamperedManifest()
    {
        QFETCH(Encoding, encoding);
        QFETCH(bool, inSignature);
        QFETCH(ErrorCode, code);
        Lab::Lab lab;
        QVERIFY(startWithFirmware(lab, encoding));
        lab.adversary().tamperManifest(Demo::vin(), [encoding, inSignature](const QByteArray &body) {
            if (body.isEmpty())
                return body;
            if (!inSignature)
                return flipAt(body, body.size() / 2);
            if (encoding == Encoding::Der)
                return flipAt(body, body.size() - 1);
            const qsizetype sig = body.indexOf("\"sig\"");
            for (qsizetype at = sig; sig >= 0 && at < body.size(); ++at) {
                if (body.at(at) >= '0' && body.at(at) <= '9')
                    return flipAt(body, at);
            }
            return body;
        }, u"tampers with the vehicle manifest"_s);
        const auto cycle = lab.runCycleAndWait(Demo::vin());
        QVERIFY(cycle);
        QVERIFY2(cycle->manifestError, qPrintable(Test::describeCycle(*cycle)));
        QVERIFY2(cycle->manifestError->code == code, qPrintable(cycle->manifestError->detail));
        expect(*cycle, Demo::primarySerial(), Verdict::UpToDate);
        for (const QString &serial : Demo::secondarySerials())
            expect(*cycle, serial, Verdict::Updated);
        lab.adversary().undoAll();
        const auto after = lab.runCycleAndWait(Demo::vin());
        QVERIFY(after);
        QVERIFY2(!after->manifestError, qPrintable(Test::describeCycle(*after)));
    }

    // An attestation recorded in one cycle, replayed in the next: its nonces are not this
    // cycle's.
    void replayedAttestation_data() { addEncodings(); }
    void replayedAttestation()
    {
        QFETCH(Encoding, encoding);
        Lab::Lab lab;
        QVERIFY(startLab(lab, encoding));
        auto recorded = std::make_shared<QByteArray>();
        const AttackId record = lab.adversary().rewriteAttestation([recorded](const QByteArray &original) {
            *recorded = original;
            return original;
        }, u"records an attestation"_s);
        QVERIFY(lab.runCycleAndWait(Demo::vin()));
        lab.adversary().undo(record);
        QVERIFY(!recorded->isEmpty());

        QVERIFY(lab.runOnServicesAndWait(assignFirmware));
        const QByteArray old = *recorded;
        lab.adversary().rewriteAttestation([old](const QByteArray &) { return old; },
                                           u"replays an old attestation"_s);
        stoppedByPrimaryThenUndone(lab, Verdict::Defended, ErrorCode::NonceMissing);
    }
};

QTEST_GUILESS_MAIN(TestAdversary)

#include "tst_adversary.moc"
