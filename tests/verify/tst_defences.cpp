// The test-only defence switches (core/common/defences.h) and the check sites that honour them
// (core/verify/defencegate.h): names round-trip, DefenceOff nests and restores, and for each
// defence one or more unit-level cases prove the switch reaches its check. A case fails with
// the check's ErrorCode while every defence is on, still fails with that code while every
// *other* defence is off (the switch is the check's own), and while its defence is off it
// passes (or is caught by the next, independent check) with the check marked skipped in the
// report. The attack scenarios (core/attacks) prove the same end to end.

#include "common/defences.h"
#include "crypto/hash.h"
#include "metadata/busmessage.h"
#include "metadata/codec.h"
#include "net/curlfetcher.h"
#include "services/manifestverifier.h"
#include "testhttpserver.h"
#include "updaterfixture.h"
#include "vehicle/ecustore.h"
#include "vehicle/secondary.h"
#include "verify/directorchecks.h"
#include "verify/uptanechecks.h"

#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <vector>

using namespace Uptane;
using namespace Uptane::Verify;
using namespace Uptane::Metadata;
using namespace Uptane::Test;
using namespace Qt::StringLiterals;

namespace {

const QDateTime kNow = kUpdaterNow;
const QByteArray kImage = QByteArrayLiteral("firmware image bytes, version 2");
const QString kVin = u"democar"_s;

// One attack on one check, at unit level.
enum class Case {
    AttestationNonceMissing, AttestationOtherKey, AttestationEarlier,
    ImageWrongHash, ImageTooLong, DownloadWrongHash, DownloadTooLong,
    MatchOtherHash, MatchOtherHardware,
    OwnLowerCounter,
    OwnOtherEcu, OwnOtherHardware, DirectorEcuNotInVehicle, DirectorOtherVehicle,
    TimestampExpired, PartialExpired,
    TimestampOtherKey, PartialOtherKey,
    TimestampReplayed, PartialLowerVersion,
    SnapshotOtherVersion, SnapshotOtherBytes,
    TargetOutsidePaths,
    SlowDownload,
    VehicleManifestByStranger, EcuManifestByStranger,
    AttackInManifest,
};

template <typename T>
Result<void> status(const Result<T> &result)
{
    if (result)
        return {};
    return fail(result.error());
}

// firmware.img for tcu as the Director lists it.
TargetFile imageTarget()
{
    TargetFile file;
    file.path = u"firmware.img"_s;
    file.length = kImage.size();
    file.hashes = {{u"sha256"_s, Crypto::sha256(kImage)}, {u"sha512"_s, Crypto::sha512(kImage)}};
    file.ecuSerials = {u"tcu"_s};
    file.hardwareId = u"tcu-hw"_s;
    file.releaseCounter = 2;
    return file;
}

const EcuIdentity kTcu{u"tcu"_s, u"tcu-hw"_s, 1};

// One row of switchReachesItsCheck: the case fails with code while its defence is on; with
// it off it passes (whenOff nullopt) or the next, independent check fails with whenOff;
// marked: the report shows the check as skipped (sites that record no check are not).
struct Row
{
    const char *name;
    Defence defence;
    Case kase;
    ErrorCode code;
    bool marked = true;
    std::optional<ErrorCode> whenOff = std::nullopt;
};

const QList<Row> &rows()
{
    using D = Defence;
    using E = ErrorCode;
    static const QList<Row> list{
        {"timestamp signed by another key", D::MetadataSignatures, Case::TimestampOtherKey, E::ThresholdNotMet},
        {"partial: targets by another key", D::MetadataSignatures, Case::PartialOtherKey, E::ThresholdNotMet},
        {"snapshot bytes not the listed ones", D::MetadataHashes, Case::SnapshotOtherBytes, E::HashMismatch},
        {"replayed timestamp", D::MetadataRollback, Case::TimestampReplayed, E::Rollback},
        {"partial: lower targets version", D::MetadataRollback, Case::PartialLowerVersion, E::Rollback},
        {"snapshot version not the listed one", D::MetadataConsistency, Case::SnapshotOtherVersion, E::BadVersion},
        {"expired timestamp", D::MetadataExpiry, Case::TimestampExpired, E::Expired},
        {"partial: expired targets", D::MetadataExpiry, Case::PartialExpired, E::Expired},
        {"image with another hash", D::ImageHashes, Case::ImageWrongHash, E::HashMismatch},
        {"download with another hash", D::ImageHashes, Case::DownloadWrongHash, E::HashMismatch, false},
        // Without the length check the hash check still refuses the longer bytes.
        {"image too long", D::ImageLength, Case::ImageTooLong, E::LengthMismatch, true, E::HashMismatch},
        {"download too long", D::ImageLength, Case::DownloadTooLong, E::LengthMismatch, false, E::HashMismatch},
        {"slow download", D::SlowRetrieval, Case::SlowDownload, E::SlowRetrieval, false},
        {"Director lists another hash", D::DirectorImageMatch, Case::MatchOtherHash, E::TargetMismatch},
        {"Director lists another hardware id", D::DirectorImageMatch, Case::MatchOtherHardware, E::HardwareIdMismatch},
        {"lower release counter", D::ReleaseCounter, Case::OwnLowerCounter, E::ReleaseCounterRollback},
        {"another ECU's target", D::EcuIdentity, Case::OwnOtherEcu, E::UnknownEcu},
        {"another hardware id", D::EcuIdentity, Case::OwnOtherHardware, E::HardwareIdMismatch},
        {"Director names an ECU not in the vehicle", D::EcuIdentity, Case::DirectorEcuNotInVehicle, E::UnknownEcu,
         false},
        {"Director names another vehicle", D::EcuIdentity, Case::DirectorOtherVehicle, E::UnknownEcu},
        {"delegated role lists a target outside its paths", D::DelegationPaths, Case::TargetOutsidePaths,
         E::TargetNotFound, false},
        {"our nonce missing", D::TimeAttestation, Case::AttestationNonceMissing, E::NonceMissing},
        {"signed by another key", D::TimeAttestation, Case::AttestationOtherKey, E::BadTimeAttestation},
        {"time went backwards", D::TimeAttestation, Case::AttestationEarlier, E::TimeWentBackwards},
        {"vehicle manifest by a stranger", D::ManifestSignatures, Case::VehicleManifestByStranger, E::ThresholdNotMet},
        {"ECU manifest by a stranger", D::ManifestSignatures, Case::EcuManifestByStranger, E::BadSignature},
        // Malformed, so no other defence can let it through.
        {"Secondary reports a malformed attestation", D::AttackReporting, Case::AttackInManifest, E::MalformedJson,
         false},
    };
    return list;
}


// The check a switch turned off is still in the report, marked skipped.
bool markedSkipped(const VerificationReport &report, Defence defence)
{
    const QString mark = u"[skipped: defence "_s + defenceName(defence) + u" off"_s;
    return std::ranges::any_of(report.checks(), [&](const Check &check) {
        return check.passed && check.description.contains(mark);
    });
}

} // namespace

class TestDefences : public QObject
{
    Q_OBJECT

private:
    KeyPool m_keys{Crypto::KeyType::Ed25519, 0};
    Crypto::PrivateKey m_timeServer;
    Crypto::PrivateKey m_stranger;

    // ---- the cases

    QByteArray attestation(const QDateTime &time, const QList<qint64> &nonces, const Crypto::PrivateKey &key) const
    {
        TimeAttestation body;
        body.time = time;
        body.nonces = nonces;
        return signAndSerialize(body, Encoding::Json, {key}).value();
    }

    Result<void> attest(const QByteArray &bytes, VerificationReport &report) const
    {
        const AttestationExpectations expected{m_timeServer.publicKey(), {11, 22}, kNow};
        return status(checkTimeAttestation(bytes, Encoding::Json, expected, &report));
    }

    // A Director targets file assigning firmware.img to tcu of democar, for partial verification.
    Result<void> partial(Case kase, VerificationReport &report)
    {
        m_keys.rewind();
        RepositoryBuilder director(Encoding::Json, m_keys, kNow);
        Targets &body = director.targets[u"targets"_s];
        body.vehicleId = kVin;
        body.version = 3;
        director.addTarget(u"targets"_s, u"firmware.img"_s, kImage).ecuSerials = {u"tcu"_s};
        if (kase == Case::PartialExpired)
            body.expires = kNow.addSecs(-60);
        if (kase == Case::PartialOtherKey)
            director.signers[u"targets"_s] = {m_stranger};
        const QByteArray targets = director.publishTargets(u"targets"_s);
        const qint64 accepted = kase == Case::PartialLowerVersion ? 4 : 2;
        return status(verifyDirectorTargetsPartial({director.initialRoot(), accepted}, {}, targets, Encoding::Json,
                                                   kNow, kVin, &report));
    }

    // A TUF repository refreshed through the Updater after the attack; its report kept.
    Result<void> refreshed(Case kase, VerificationReport &report)
    {
        m_keys.rewind();
        UpdaterFixture f(Encoding::Json, m_keys);
        RepositoryBuilder &repo = f.repo;
        switch (kase) {
        case Case::TimestampExpired:
            repo.timestamp.expires = kNow.addSecs(-60);
            repo.publishTimestamp();
            break;
        case Case::TimestampOtherKey:
            repo.signers[u"timestamp"_s] = {m_stranger};
            repo.publishTimestamp();
            break;
        case Case::TimestampReplayed: {
            const QByteArray first = f.served(u"timestamp"_s);
            repo.updateTimestamp();
            if (auto ok = f.refresh(); !ok)
                return ok;
            f.fetcher.overrides.insert(f.url(u"timestamp"_s), first);
            break;
        }
        case Case::SnapshotOtherVersion:
            // The timestamp lists snapshot v1 (no length, no hashes); v2 is served as 1.snapshot.
            repo.omitMetaLengths = true;
            repo.publishAll();
            repo.snapshot.version = 2;
            repo.publishSnapshot();
            f.fetcher.overrides.insert(f.url(u"snapshot"_s, 1), f.served(u"snapshot"_s, 2));
            break;
        case Case::SnapshotOtherBytes:
            // Same version, other bytes than the timestamp's hashes say.
            repo.computeMetaHashes = true;
            repo.omitMetaLengths = true;
            repo.publishAll();
            repo.snapshot.expires = repo.snapshot.expires.addDays(1);
            repo.publishSnapshot();
            break;
        default:
            break;
        }
        auto result = f.refresh();
        report.append(f.last->report());
        return result;
    }

    // A target of a delegated role, or an image download, through the Updater.
    Result<void> searched(Case kase, VerificationReport &report)
    {
        m_keys.rewind();
        UpdaterFixture f(Encoding::Json, m_keys);
        QString path = u"firmware.img"_s;
        if (kase == Case::TargetOutsidePaths) {
            Metadata::DelegatedRole role;
            role.name = u"supplier"_s;
            role.paths = QStringList{u"supplier/*"_s};
            f.repo.addDelegation(u"targets"_s, role);
            path = u"other/evil.img"_s;
            f.repo.addTarget(u"supplier"_s, path, kImage);
        } else {
            f.repo.addTarget(u"targets"_s, path, kImage);
        }
        f.repo.publishAll();
        if (auto ok = f.refresh(); !ok)
            return ok;
        auto target = f.last->findTarget(path);
        report.append(f.last->report());
        if (!target || kase == Case::TargetOutsidePaths)
            return status(target);

        QByteArray served = kImage;
        if (kase == Case::DownloadWrongHash)
            served[0] = 'F';
        else
            served.append("!!!");
        f.fetcher.overrides.insert(f.last->targetUrl(*target), served);
        QTemporaryDir dir;
        const qsizetype before = f.last->report().checks().size();
        auto downloaded = f.last->downloadTarget(*target, dir.filePath(u"firmware.img"_s));
        report.append(f.last->report(), before);
        return downloaded;
    }

    // 10 bytes, one every 200 ms: below a 1000 B/s limit for its 1-second window.
    static Result<void> slowDownload()
    {
        TestHttpServer server;
        server.setContent(u"/slow"_s, QByteArray(10, 'x'));
        server.setBehaviour(u"/slow"_s, Behaviour::trickle(1, 200));
        Net::FetchOptions options;
        options.connectTimeoutMs = 2000;
        options.lowSpeedBytesPerSecond = 1000;
        options.lowSpeedSeconds = 1;
        options.totalTimeoutMs = 20000;
        Net::CurlFetcher fetcher(options);
        return status(fetcher.fetch(server.url(u"/slow"_s), 100));
    }

    // democar with its Primary and one Secondary; the attack signs one manifest with a key the
    // inventory does not know.
    Result<void> manifest(Case kase, VerificationReport &report)
    {
        m_keys.rewind();
        const Crypto::PrivateKey primaryKey = m_keys.take();
        const Crypto::PrivateKey secondaryKey = m_keys.take();
        const auto record = [](const QString &serial, const Crypto::PrivateKey &key, bool primary) {
            const Crypto::PublicKey publicKey = key.publicKey();
            return Services::EcuRecord{kVin, serial, serial + u"-hw"_s, publicKey, computeKeyId(publicKey), primary};
        };
        const Services::VehicleInventory car{{kVin, u"primary"_s, kNow},
                                             {record(u"primary"_s, primaryKey, true),
                                              record(u"tcu"_s, secondaryKey, false)}};

        EcuManifest ecu;
        ecu.ecuSerial = u"tcu"_s;
        ecu.installedImage = imageTarget();
        ecu.timeserverTime = kNow;
        ecu.previousTimeserverTime = kNow;
        ecu.nonce = 7;
        VehicleManifest body;
        body.vin = kVin;
        body.primaryEcuSerial = u"primary"_s;
        const bool ecuByStranger = kase == Case::EcuManifestByStranger;
        const Crypto::PrivateKey &ecuSigner = ecuByStranger ? m_stranger : secondaryKey;
        body.ecuManifests.insert(u"tcu"_s, {sign(ecu, Encoding::Json, {ecuSigner}).value()});
        const QByteArray bytes = signAndSerialize(body, Encoding::Json, {ecuByStranger ? primaryKey : m_stranger}).value();

        const Services::VehicleLookup lookup = [&](const QString &) -> Result<std::optional<Services::VehicleInventory>> {
            return std::optional(car);
        };
        const Services::NonceLookup seen = [](const QString &, const QString &, qint64) -> Result<bool> { return false; };
        return status(Services::verifyVehicleManifest(bytes, {Encoding::Json, kVin}, lookup, seen, &report));
    }

    // A Secondary refuses a malformed attestation, then sends its manifest; the case "fails"
    // with the attack the manifest reports.
    Result<void> reportedAttack()
    {
        m_keys.rewind();
        RepositoryBuilder director(Encoding::Json, m_keys, kNow);
        QTemporaryDir dir;
        const Crypto::PrivateKey key = m_keys.take();
        const Vehicle::EcuConfig config{kVin, u"tcu"_s, u"tcu-hw"_s, false, Vehicle::Verification::Partial,
                                        Encoding::Json, m_timeServer.publicKey()};
        Vehicle::EcuChange initial;
        initial.state.attestedTime = kNow;
        initial.metadata.insert(u"director/root"_s, director.initialRoot());
        auto store = Vehicle::EcuStore::provision(dir.path(), config, key, initial).value();
        Vehicle::Secondary secondary(store);
        secondary.setNonceSource([] { return qint64(11); });

        const auto send = [&](BusMessage::Kind kind, const QByteArray &payload = {}) {
            BusMessage request;
            request.kind = kind;
            request.sender = u"primary"_s;
            request.receiver = u"tcu"_s;
            request.cycle = 1;
            request.payload = payload;
            const QByteArray reply = secondary.handle(encodeBusMessage(request, Encoding::Json).value());
            return decodeBusMessage(reply, Encoding::Json).value();
        };
        send(BusMessage::Kind::NonceRequest);
        const BusMessage refused = send(BusMessage::Kind::Attestation, QByteArrayLiteral("not an attestation"));
        if (refused.errorCode != ErrorCode::MalformedJson)
            qFatal("the Secondary did not refuse the malformed attestation");
        const BusMessage reply = send(BusMessage::Kind::ManifestRequest);
        const EcuManifest manifest = parse<EcuManifest>(reply.payload, Encoding::Json).value().body;
        if (!manifest.attacksDetected.isEmpty())
            return fail(ErrorCode::MalformedJson, manifest.attacksDetected);
        return {};
    }

    Result<void> run(Case kase, VerificationReport &report)
    {
        TargetFile director = imageTarget();
        TargetFile image = imageTarget();
        image.ecuSerials.clear();
        TargetFile own = imageTarget();
        QByteArray bytes = kImage;
        Targets targets;
        targets.vehicleId = kVin;
        targets.targets.insert(own.path, own);
        switch (kase) {
        case Case::AttestationNonceMissing:
            return attest(attestation(kNow, {11}, m_timeServer), report);
        case Case::AttestationOtherKey:
            return attest(attestation(kNow, {11, 22}, m_stranger), report);
        case Case::AttestationEarlier:
            return attest(attestation(kNow.addSecs(-60), {11, 22}, m_timeServer), report);
        case Case::ImageWrongHash:
            bytes[0] = 'F';
            return checkImage(bytes, own, &report);
        case Case::ImageTooLong:
            bytes.append('!');
            return checkImage(bytes, own, &report);
        case Case::MatchOtherHash:
            director.hashes[u"sha256"_s] = Crypto::sha256(QByteArrayLiteral("evil"));
            return checkDirectorMatchesImage(director, image, &report);
        case Case::MatchOtherHardware:
            director.hardwareId = u"brakes-hw"_s;
            return checkDirectorMatchesImage(director, image, &report);
        case Case::OwnLowerCounter:
            own.releaseCounter = 0;
            return checkOwnTarget(own, kTcu, &report);
        case Case::OwnOtherEcu:
            own.ecuSerials = {u"brakes"_s};
            return checkOwnTarget(own, kTcu, &report);
        case Case::OwnOtherHardware:
            own.hardwareId = u"brakes-hw"_s;
            return checkOwnTarget(own, kTcu, &report);
        case Case::DirectorEcuNotInVehicle:
            return checkDirectorTargets(targets, {{u"primary"_s, u"brakes"_s}, kVin}, &report);
        case Case::DirectorOtherVehicle:
            return checkDirectorTargets(targets, {{u"primary"_s, u"tcu"_s}, u"othercar"_s}, &report);
        case Case::PartialExpired:
        case Case::PartialOtherKey:
        case Case::PartialLowerVersion:
            return partial(kase, report);
        case Case::TimestampExpired:
        case Case::TimestampOtherKey:
        case Case::TimestampReplayed:
        case Case::SnapshotOtherVersion:
        case Case::SnapshotOtherBytes:
            return refreshed(kase, report);
        case Case::TargetOutsidePaths:
        case Case::DownloadWrongHash:
        case Case::DownloadTooLong:
            return searched(kase, report);
        case Case::SlowDownload:
            return slowDownload();
        case Case::VehicleManifestByStranger:
        case Case::EcuManifestByStranger:
            return manifest(kase, report);
        case Case::AttackInManifest:
            return reportedAttack();
        }
        return fail(ErrorCode::InvalidArgument, u"unknown case"_s);
    }

private slots:
    void initTestCase()
    {
        m_keys = KeyPool(Crypto::KeyType::Ed25519, 8);
        m_timeServer = Crypto::PrivateKey::generate(Crypto::KeyType::Ed25519).value();
        m_stranger = Crypto::PrivateKey::generate(Crypto::KeyType::Ed25519).value();
    }

    // ---- names

    void namesRoundTrip()
    {
        const QList<Defence> all = allDefences();
        QVERIFY(!all.contains(Defence::None));
        QCOMPARE(all.size(), int(Defence::AttackReporting));  // None .. AttackReporting, the last
        QSet<QString> names;
        for (Defence defence : all) {
            const QString name = defenceName(defence);
            QVERIFY2(!name.startsWith(u"Defence("_s), qPrintable(name));
            QCOMPARE(defenceFromName(name), std::optional(defence));
            names.insert(name);
        }
        QCOMPARE(names.size(), all.size());
        QCOMPARE(defenceFromName(u"None"_s), std::optional(Defence::None));
        QCOMPARE(defenceFromName(u"metadatahashes"_s), std::nullopt);
        QCOMPARE(defenceFromName(QString()), std::nullopt);
    }

    // ---- DefenceOff

    void offNestsAndRestores()
    {
        for (Defence defence : allDefences()) {
            QVERIFY(Defences::isOn(defence));
            {
                DefenceOff outer(defence);
                QVERIFY(!Defences::isOn(defence));
                {
                    DefenceOff inner(defence);
                    QVERIFY(!Defences::isOn(defence));
                }
                QVERIFY2(!Defences::isOn(defence), "the inner guard must not turn on what the outer turned off");
                for (Defence other : allDefences()) {
                    if (other != defence)
                        QVERIFY(Defences::isOn(other));
                }
            }
            QVERIFY(Defences::isOn(defence));
        }
        {
            DefenceOff none(Defence::None);
            QVERIFY(Defences::isOn(Defence::None));
            for (Defence defence : allDefences())
                QVERIFY(Defences::isOn(defence));
        }
    }

    void offIsPerDefence()
    {
        DefenceOff hashes(Defence::ImageHashes);
        {
            DefenceOff length(Defence::ImageLength);
            QVERIFY(!Defences::isOn(Defence::ImageHashes));
            QVERIFY(!Defences::isOn(Defence::ImageLength));
        }
        QVERIFY(!Defences::isOn(Defence::ImageHashes));
        QVERIFY(Defences::isOn(Defence::ImageLength));
    }

    // ---- each switch reaches its check

    void switchReachesItsCheck_data()
    {
        QTest::addColumn<Defence>("defence");
        QTest::addColumn<Case>("kase");
        QTest::addColumn<ErrorCode>("code");
        QTest::addColumn<std::optional<ErrorCode>>("whenOff");
        QTest::addColumn<bool>("marked");
        for (const Row &row : rows()) {
            QTest::addRow("%s: %s", qPrintable(defenceName(row.defence)), row.name)
                << row.defence << row.kase << row.code << row.whenOff << row.marked;
        }
    }
    void switchReachesItsCheck()
    {
        QFETCH(Defence, defence);
        QFETCH(Case, kase);
        QFETCH(ErrorCode, code);
        QFETCH(std::optional<ErrorCode>, whenOff);
        QFETCH(bool, marked);

        VerificationReport defended;
        const Result<void> refused = run(kase, defended);
        QVERIFY2(!refused, qPrintable(defended.toText()));
        QCOMPARE(refused.error().code, code);

        {
            // The defence's own switch is the one that matters: all others off, still refused.
            std::vector<std::unique_ptr<DefenceOff>> others;
            for (Defence other : allDefences()) {
                if (other != defence)
                    others.push_back(std::make_unique<DefenceOff>(other));
            }
            VerificationReport report;
            const Result<void> still = run(kase, report);
            QVERIFY2(!still, qPrintable(report.toText()));
            QCOMPARE(still.error().code, code);
        }

        {
            DefenceOff off(defence);
            VerificationReport report;
            const Result<void> undefended = run(kase, report);
            if (whenOff) {
                QVERIFY2(!undefended, qPrintable(report.toText()));
                QCOMPARE(undefended.error().code, *whenOff);
            } else {
                QVERIFY2(undefended, qPrintable(undefended.error().toString() + u'\n' + report.toText()));
            }
            if (marked)
                QVERIFY2(markedSkipped(report, defence), qPrintable(report.toText()));
        }
        QVERIFY(Defences::isOn(defence));
    }

    // Every defence has at least one row above.
    void everyDefenceCovered()
    {
        QList<Defence> covered;
        for (const Row &row : rows())
            covered.append(row.defence);
        for (Defence defence : allDefences())
            QVERIFY2(covered.contains(defence), qPrintable(defenceName(defence)));
    }
};

QTEST_GUILESS_MAIN(TestDefences)
#include "tst_defences.moc"
