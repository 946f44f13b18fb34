// ScenarioKit: the building blocks of the catalogue, each against a real demo-fleet workspace
// (no lab, no HTTP): releases numbered above everything listed and installed, assignments,
// key rotations, time, what the attacker reads and steals, forgeries served under both
// names, and bus rewrites that touch exactly the messages they name.

#include "attacks/scenariokit.h"
#include "crypto/hash.h"
#include "metadata/codec.h"
#include "services/oemservices.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Uptane;
using namespace Uptane::Attacks;
using namespace Qt::StringLiterals;
namespace Demo = Uptane::Services::DemoFleet;
using Metadata::BusMessage;
using Metadata::Encoding;

Q_DECLARE_METATYPE(Uptane::Metadata::Encoding)

namespace {

const QDateTime kStart = QDateTime::fromSecsSinceEpoch(1'800'000'000, Qt::UTC);

Net::HttpExchange answer(const QString &path, const QByteArray &body)
{
    Net::HttpExchange exchange;
    exchange.method = "GET";
    exchange.path = path;
    exchange.status = 200;
    exchange.body = body;
    return exchange;
}

QByteArray busBytes(BusMessage::Kind kind, const QString &from, const QString &to, const QByteArray &payload,
                    Encoding encoding)
{
    BusMessage message;
    message.kind = kind;
    message.sender = from;
    message.receiver = to;
    message.payload = payload;
    if (kind == BusMessage::Kind::Image)
        message.name = u"acme/ecu-2.img"_s;
    auto encoded = Metadata::encodeBusMessage(message, encoding);
    if (!encoded)
        qFatal("encode: %s", qPrintable(encoded.error().toString()));
    return *encoded;
}

} // namespace

class TestScenarioKit : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;
    ManualClock m_clock{kStart};
    std::unique_ptr<Services::OemServices> m_services;
    Adversary m_adversary;
    std::unique_ptr<ScenarioContext> m_ctx;

    void open(Encoding encoding)
    {
        m_dir = std::make_unique<QTemporaryDir>();
        auto services = Services::OemServices::open(m_dir->filePath(u"ws"_s), encoding, m_clock, true);
        QVERIFY2(services.has_value(), services ? "" : qPrintable(services.error().toString()));
        m_services = std::move(*services);
        m_adversary.undoAll();
        m_ctx = std::make_unique<ScenarioContext>(*m_services, m_adversary, m_clock);
    }

    static void encodings()
    {
        QTest::addColumn<Encoding>("encoding");
        QTest::newRow("json") << Encoding::Json;
        QTest::newRow("der") << Encoding::Der;
    }

private slots:
    void expectations()
    {
        const auto all = Kit::everyEcu(Vehicle::Verdict::Defended, ErrorCode::HashMismatch);
        QCOMPARE(all.size(), 3);
        QCOMPARE(all.at(0).serial, Demo::primarySerial());
        QCOMPARE(all.at(1).serial, Demo::secondarySerial());
        QCOMPARE(all.at(2).serial, Demo::partialSerial());
        for (const EcuExpectation &expectation : all) {
            QCOMPARE(expectation.verdict, Vehicle::Verdict::Defended);
            QCOMPARE(expectation.code, std::optional(ErrorCode::HashMismatch));
        }
        const auto two = Kit::secondaries(Vehicle::Verdict::Updated);
        QCOMPARE(two.at(0).verdict, Vehicle::Verdict::UpToDate);
        QCOMPARE(two.at(1).verdict, Vehicle::Verdict::Updated);
        QCOMPARE(two.at(2).verdict, Vehicle::Verdict::Updated);
        QVERIFY(!two.at(2).code);
    }

    // Each release is numbered above everything listed for acme-ecu (firmware.img is release
    // 2 in the demo fleet), goes where its path belongs and is assigned to both Secondaries.
    void releasesClimbAndAreAssigned_data() { encodings(); }
    void releasesClimbAndAreAssigned()
    {
        QFETCH(Encoding, encoding);
        open(encoding);
        QCOMPARE(Kit::nextRelease(*m_ctx), 3);
        auto first = Kit::publishRelease(*m_ctx, u"one"_s);
        QVERIFY2(first.has_value(), first ? "" : qPrintable(first.error().toString()));
        QCOMPARE(first->path, u"acme/ecu-3.img"_s);
        QCOMPARE(first->releaseCounter, std::optional<qint64>(3));
        QCOMPARE(m_services->images().roleForPath(first->path), u"supplier-acme"_s);
        QCOMPARE(m_ctx->values.value(u"one"_s).toString(), first->path);
        QVERIFY(Kit::deliverNewRelease(*m_ctx, u"two"_s, false));
        const QString second = m_ctx->values.value(u"two"_s).toString();
        QCOMPARE(second, u"firmware-4.img"_s);
        QCOMPARE(m_services->images().roleForPath(second), u"targets"_s);
        QCOMPARE(Kit::nextRelease(*m_ctx), 5);
        auto assignments = m_services->director().inventory().assignments(Demo::vin());
        QVERIFY(assignments);
        QStringList assigned;
        for (const auto &assignment : std::as_const(*assignments)) {
            if (assignment.target.path == second)
                assigned.append(assignment.ecuSerial);
        }
        assigned.sort();
        QStringList expected = Demo::secondarySerials();
        expected.sort();
        QCOMPARE(assigned, expected);
        // A literal path works too, for one ECU.
        QVERIFY(Kit::assign(*m_ctx, first->path, {Demo::partialSerial()}));
        QVERIFY(!Kit::assign(*m_ctx, u"no-such.img"_s, {Demo::partialSerial()}));
    }

    // The attacker takes exactly the keys the repository's root lists for the role.
    void stolenKeysAreTheRolesKeys_data() { encodings(); }
    void stolenKeysAreTheRolesKeys()
    {
        QFETCH(Encoding, encoding);
        open(encoding);
        auto rootBytes = Kit::directorFile(*m_ctx, u"root"_s);
        QVERIFY(rootBytes);
        auto root = Metadata::parse<Metadata::Root>(*rootBytes, encoding);
        QVERIFY(root);
        auto keys = Kit::directorKeys(*m_ctx, u"targets"_s);
        QVERIFY2(keys.has_value(), keys ? "" : qPrintable(keys.error().toString()));
        QStringList keyids;
        for (const Crypto::PrivateKey &key : std::as_const(*keys))
            keyids.append(Metadata::computeKeyId(key.publicKey()));
        keyids.sort();
        QStringList listed = root->body.roles.value(u"targets"_s).keyids;
        listed.sort();
        QCOMPARE(keyids, listed);
        // The supplier's delegated key, from the Image Repository's targets.
        auto supplier = Kit::imageRepoKeys(*m_ctx, u"supplier-acme"_s);
        QVERIFY2(supplier.has_value(), supplier ? "" : qPrintable(supplier.error().toString()));
        QVERIFY(!supplier->isEmpty());
        QCOMPARE(Kit::imageRepoKeys(*m_ctx, u"nobody"_s).error().code, ErrorCode::MissingRole);

        // Nothing revoked yet; after a rotation the old keys are the revoked ones.
        QCOMPARE(Kit::revokedDirectorKeys(*m_ctx, u"targets"_s).error().code, ErrorCode::NotFound);
        QVERIFY(Kit::rotateDirectorKeys(*m_ctx));
        auto revoked = Kit::revokedDirectorKeys(*m_ctx, u"targets"_s);
        QVERIFY(revoked);
        QCOMPARE(revoked->size(), keys->size());
        QStringList revokedIds;
        for (const Crypto::PrivateKey &key : std::as_const(*revoked))
            revokedIds.append(Metadata::computeKeyId(key.publicKey()));
        revokedIds.sort();
        QCOMPARE(revokedIds, keyids);
        auto rotated = Kit::directorKeys(*m_ctx, u"targets"_s);
        QVERIFY(rotated);
        QVERIFY(!keyids.contains(Metadata::computeKeyId(rotated->first().publicKey())));
    }

    // A forged release is served under its versioned and its plain names, and undone with
    // the scenario's other tracked actions.
    void forgeryServedUnderBothNames()
    {
        open(Encoding::Json);
        Attacks::StolenKeys stolen;
        stolen.targets = *Kit::directorKeys(*m_ctx, u"targets"_s);
        stolen.snapshot = *Kit::directorKeys(*m_ctx, u"snapshot"_s);
        stolen.timestamp = *Kit::directorKeys(*m_ctx, u"timestamp"_s);
        auto forged = forgeRelease(Kit::directorMetadataDir(*m_ctx), Encoding::Json, u"targets"_s, stolen, {}, kStart);
        QVERIFY2(forged.has_value(), forged ? "" : qPrintable(forged.error().toString()));
        auto ids = Kit::serveForgery(*m_ctx, u"director"_s, *forged, u"forged"_s);
        QVERIFY(ids);
        const QString base = u"/director/democar/metadata/"_s;
        const QString versioned = u"%1.targets.json"_s.arg(forged->targetsVersion);
        for (const QString &name : {versioned, u"targets.json"_s, u"timestamp.json"_s}) {
            Net::HttpExchange served = answer(base + name, "real");
            m_adversary.onResponse(served);
            QVERIFY2(served.body != "real", qPrintable(name));
        }
        Net::HttpExchange real = answer(base + u"root.json"_s, "real");
        m_adversary.onResponse(real);
        QCOMPARE(real.body, QByteArray("real"));
        QVERIFY(!Kit::serveForgery(*m_ctx, u"elsewhere"_s, *forged, u"forged"_s));
        m_ctx->undoTracked();
        QVERIFY(!m_adversary.isActive());
    }

    void evilImageMarkedAndServed()
    {
        open(Encoding::Json);
        const QByteArray evil = "evil content";
        const Metadata::TargetFile file = Kit::plantEvilImage(*m_ctx, u"acme/evil.img"_s, {Demo::partialSerial()}, evil);
        QCOMPARE(file.releaseCounter, std::optional<qint64>(Kit::nextRelease(*m_ctx)));
        QCOMPARE(file.ecuSerials, QStringList{Demo::partialSerial()});
        QVERIFY(m_ctx->malicious().contains(Crypto::sha256(evil)));
        Net::HttpExchange served = answer(u"/imagerepo/targets/acme/evil.img"_s, "x");
        m_adversary.onResponse(served);
        QCOMPARE(served.body, evil);
        m_ctx->undoTracked();
        Kit::plantEvilImage(*m_ctx, u"acme/quiet.img"_s, {}, evil, 7, false);
        QVERIFY(!m_adversary.isActive());
    }

    // A bus rewrite touches only the kind and direction it names.
    void busRewritesAndDrops_data() { encodings(); }
    void busRewritesAndDrops()
    {
        QFETCH(Encoding, encoding);
        open(encoding);
        const QString door = Demo::partialSerial();
        const QString primary = Demo::primarySerial();
        Kit::rewriteBus(*m_ctx, door, BusMessage::Kind::Image, false, [](BusMessage &message) {
            message.payload = "altered";
            return true;
        }, u"alters DOOR's image"_s);
        const QByteArray image = busBytes(BusMessage::Kind::Image, primary, door, "image", encoding);
        auto altered = m_adversary.onBus(Demo::vin(), primary, door, image, false);
        QVERIFY(altered);
        QCOMPARE(Metadata::decodeBusMessage(*altered, encoding)->payload, QByteArray("altered"));
        // Another receiver, another kind, a reply: untouched.
        const QByteArray toTcu = busBytes(BusMessage::Kind::Image, primary, Demo::secondarySerial(), "image", encoding);
        QCOMPARE(m_adversary.onBus(Demo::vin(), primary, Demo::secondarySerial(), toTcu, false), std::optional(toTcu));
        const QByteArray targets = busBytes(BusMessage::Kind::DirectorTargets, primary, door, "t", encoding);
        QCOMPARE(m_adversary.onBus(Demo::vin(), primary, door, targets, false), std::optional(targets));
        QCOMPARE(m_adversary.onBus(Demo::vin(), door, primary, image, true), std::optional(image));
        m_ctx->undoTracked();

        // Replies from DOOR, rewritten.
        Kit::rewriteBus(*m_ctx, door, BusMessage::Kind::Image, true, [](BusMessage &message) {
            message.payload = "reply";
            return true;
        }, u"alters DOOR's replies"_s);
        QCOMPARE(Metadata::decodeBusMessage(*m_adversary.onBus(Demo::vin(), door, primary, image, true), encoding)->payload,
                 QByteArray("reply"));
        QCOMPARE(m_adversary.onBus(Demo::vin(), primary, door, image, false), std::optional(image));
        m_ctx->undoTracked();

        Kit::dropBus(*m_ctx, door, BusMessage::Kind::Image, u"drops DOOR's image"_s);
        QVERIFY(!m_adversary.onBus(Demo::vin(), primary, door, image, false));
        QCOMPARE(m_adversary.onBus(Demo::vin(), primary, door, targets, false), std::optional(targets));
        m_ctx->undoTracked();
        QVERIFY(!m_adversary.isActive());
    }

    // Time moves and the repositories re-sign what would expire.
    void timeMovesAndRepositoriesStayFresh()
    {
        open(Encoding::Json);
        auto before = Metadata::parse<Metadata::Timestamp>(*Kit::directorFile(*m_ctx, u"timestamp"_s), Encoding::Json);
        QVERIFY(before);
        const qint64 week = 7 * 86400;
        QVERIFY(Kit::advanceTime(*m_ctx, week));
        QCOMPARE(m_clock.now(), kStart.addSecs(week));
        auto after = Metadata::parse<Metadata::Timestamp>(*Kit::directorFile(*m_ctx, u"timestamp"_s), Encoding::Json);
        QVERIFY(after);
        QVERIFY(after->body.version > before->body.version);
        QVERIFY(after->body.expires > m_clock.now());
    }

    void patterns()
    {
        open(Encoding::Der);
        QCOMPARE(Kit::directorPattern(*m_ctx, u"targets"_s), u"/director/democar/metadata/*targets.der"_s);
        QCOMPARE(Kit::imageRepoPattern(*m_ctx, u"snapshot"_s), u"/imagerepo/metadata/*snapshot.der"_s);
        QVERIFY(Adversary::matches(Kit::directorPattern(*m_ctx, u"targets"_s), u"/director/democar/metadata/4.targets.der"_s));
    }
};

QTEST_GUILESS_MAIN(TestScenarioKit)

#include "tst_scenariokit.moc"
