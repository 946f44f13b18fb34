// Secondary ECUs (full and partial verification) driven over encoded bus messages exactly as
// a Primary would drive them, against the real OEM services of the demo fleet (Director for
// "democar", Image Repository with the supplier delegation, Time Server) on a temporary
// workspace: updates, up-to-date cycles, every refusal with its ErrorCode, verdict and a
// store left byte for byte as it was, ECU manifests the Director accepts.

#include "secondaryfixture.h"

#include "../services/demofleet.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace Uptane;
using namespace Uptane::Test;
using Vehicle::Verdict;
using Vehicle::Verification;
using Kind = Metadata::BusMessage::Kind;

Q_DECLARE_METATYPE(Metadata::Encoding)
Q_DECLARE_METATYPE(Vehicle::Verification)

namespace {

const QString kOtherVehicle = u"othercar"_s;

QString serialFor(Verification verification)
{
    return verification == Verification::Full ? Demo::secondarySerial() : Demo::partialSerial();
}

// Removes the ECU from every Director target (so it can be named anew).
void unname(Metadata::Targets &body, const QString &serial)
{
    for (auto it = body.targets.begin(); it != body.targets.end();) {
        it->ecuSerials.removeAll(serial);
        if (it->ecuSerials.isEmpty())
            it = body.targets.erase(it);
        else
            ++it;
    }
}

// Every file of the bundle whose name matches pattern ("%1" = the extension) goes.
void removeFiles(Files &files, const QString &pattern, const QString &ext)
{
    const QRegularExpression re(u'^' + pattern.arg(ext) + u'$');
    files.removeIf([&](const auto &it) { return re.match(it.key()).hasMatch(); });
}

Metadata::TimeAttestation attestationBody(const QDateTime &time, qint64 nonce)
{
    Metadata::TimeAttestation body;
    body.time = time;
    body.nonces = {nonce};
    return body;
}

// A Director (or a thief of its targets key) assigns firmware.img with another sha256.
void assignOtherHashes(SecondaryFixture &f, const QString &serial)
{
    f.publishDirectorTargets([&](Metadata::Targets &body) {
        unname(body, serial);
        Metadata::TargetFile target = f.services->images().findImage(Demo::firmwarePath()).value();
        QByteArray &sha256 = target.hashes[u"sha256"_s];
        sha256[0] = char(sha256.at(0) ^ 0x01);
        target.ecuSerials = {serial};
        body.targets.insert(target.path, target);
    });
}

struct RefusalCase
{
    enum Applies { Full = 1, Partial = 2, Both = 3 };
    const char *name;
    int applies;
    // Prepares the services or earlier cycles (numbered from 1) and alters the cycle under test.
    std::function<void(SecondaryFixture &, Ecu &, CycleSteps &)> arrange;
    ErrorCode code;
    Verdict verdict;
};

const QList<RefusalCase> &refusalCases()
{
    using F = SecondaryFixture;
    using R = RefusalCase;
    static const QList<RefusalCase> cases = {
        // ---- time attestation
        {"attestation signed by another key", R::Both, [](F &f, Ecu &, CycleSteps &s) {
             s.attestation = [&f](qint64 nonce) {
                 const auto stranger = Crypto::PrivateKey::generate(Crypto::KeyType::Ed25519).value();
                 return Metadata::signAndSerialize(attestationBody(f.clock.now(), nonce), f.encoding, {stranger}).value();
             };
         }, ErrorCode::BadTimeAttestation, Verdict::Defended},
        {"attestation without this ECU's nonce", R::Both, [](F &f, Ecu &, CycleSteps &s) {
             s.attestation = [&f](qint64 nonce) { return f.attest({nonce + 1}); };
         }, ErrorCode::NonceMissing, Verdict::Defended},
        {"attested time earlier than the last", R::Both, [](F &f, Ecu &, CycleSteps &s) {
             s.attestation = [&f](qint64 nonce) {
                 f.clock.advance(-3600);
                 return f.attest({nonce});
             };
         }, ErrorCode::TimeWentBackwards, Verdict::Replay},
        {"metadata before any attestation", R::Both, [](F &, Ecu &, CycleSteps &s) { s.skipAttestation = true; },
         ErrorCode::NotTrusted, Verdict::Defended},
        // ---- the bundle itself
        {"bundle is not a tar archive", R::Both, [](F &, Ecu &, CycleSteps &s) {
             s.editPayload = [](QByteArray &payload) { payload = "not a tar archive at all"; };
         }, ErrorCode::SchemaViolation, Verdict::Defended},
        {"metadata meant for the other verification", R::Both, [](F &, Ecu &e, CycleSteps &s) {
             s.metadataKind = e.verification == Verification::Full ? Kind::DirectorTargets : Kind::MetadataBundle;
         }, ErrorCode::InvalidArgument, Verdict::Defended},
        {"Director timestamp missing", R::Full, [](F &f, Ecu &, CycleSteps &s) {
             s.editFiles = [&f](Files &files) { removeFiles(files, u"director/timestamp\\.%1"_s, f.ext); };
         }, ErrorCode::NotFound, Verdict::Defended},
        {"Director targets missing", R::Both, [](F &f, Ecu &, CycleSteps &s) {
             s.editFiles = [&f](Files &files) { removeFiles(files, u"director/([0-9]+\\.)?targets\\.%1"_s, f.ext); };
         }, ErrorCode::NotFound, Verdict::Defended},
        {"supplier delegation missing", R::Full, [](F &f, Ecu &, CycleSteps &s) {
             s.editFiles = [&f](Files &files) { removeFiles(files, u"imagerepo/([0-9]+\\.)?supplier-acme\\.%1"_s, f.ext); };
         }, ErrorCode::NotFound, Verdict::Defended},
        // ---- signatures
        {"Director timestamp signature altered", R::Full, [](F &f, Ecu &, CycleSteps &s) {
             s.editFiles = [&f](Files &files) {
                 const QString name = u"director/timestamp."_s + f.ext;
                 files[name] = tamperSignature<Metadata::Timestamp>(files.value(name), f.encoding);
             };
         }, ErrorCode::ThresholdNotMet, Verdict::Defended},
        {"Image Repository timestamp signature altered", R::Full, [](F &f, Ecu &, CycleSteps &s) {
             s.editFiles = [&f](Files &files) {
                 const QString name = u"imagerepo/timestamp."_s + f.ext;
                 files[name] = tamperSignature<Metadata::Timestamp>(files.value(name), f.encoding);
             };
         }, ErrorCode::ThresholdNotMet, Verdict::Defended},
        // The full ECU sees the altered bytes against the snapshot's hashes first.
        {"Director targets altered after signing", R::Full, [](F &f, Ecu &, CycleSteps &s) {
             s.editFiles = [&f](Files &files) {
                 for (auto it = files.begin(); it != files.end(); ++it) {
                     if (it.key().startsWith(u"director/"_s) && it.key().endsWith(u"targets."_s + f.ext))
                         *it = tamperSignature<Metadata::Targets>(*it, f.encoding);
                 }
             };
         }, ErrorCode::HashMismatch, Verdict::Defended},
        {"Director targets signature altered", R::Partial, [](F &f, Ecu &, CycleSteps &s) {
             s.editFiles = [&f](Files &files) {
                 const QString name = u"director/targets."_s + f.ext;
                 files[name] = tamperSignature<Metadata::Targets>(files.value(name), f.encoding);
             };
         }, ErrorCode::ThresholdNotMet, Verdict::Defended},
        {"next Director root signed by a stranger", R::Both, [](F &f, Ecu &, CycleSteps &s) {
             s.editFiles = [&f](Files &files) {
                 auto root = Metadata::parse<Metadata::Root>(files.value(u"director/root."_s + f.ext), f.encoding).value();
                 root.body.version += 1;
                 const auto stranger = Crypto::PrivateKey::generate(Crypto::KeyType::Ed25519).value();
                 files.insert(u"director/%1.root.%2"_s.arg(root.body.version).arg(f.ext),
                              Metadata::signAndSerialize(root.body, f.encoding, {stranger}).value());
             };
         }, ErrorCode::RootThresholdOld, Verdict::Defended},
        // ---- rollback and freeze
        {"Director metadata rolled back", R::Both, [](F &f, Ecu &e, CycleSteps &s) {
             const Files saved = f.repositoryFiles();
             QVERIFY(f.services->republishAll());
             QCOMPARE(f.runCycle(e, 1).firstError(), std::nullopt);
             s.editFiles = [saved](Files &files) { files = saved; };
         }, ErrorCode::Rollback, Verdict::Replay},
        {"metadata expired at the attested time", R::Both, [](F &f, Ecu &, CycleSteps &s) {
             s.attestation = [&f](qint64 nonce) {
                 f.clock.advance(100 * 86400);
                 return f.attest({nonce});
             };
         }, ErrorCode::Expired, Verdict::Frozen},
        // ---- what the Director's targets say
        {"Director targets for another vehicle", R::Both, [](F &f, Ecu &, CycleSteps &) {
             f.publishDirectorTargets([](Metadata::Targets &body) { body.vehicleId = kOtherVehicle; });
         }, ErrorCode::UnknownEcu, Verdict::Defended},
        {"ECU named on two targets", R::Both, [](F &f, Ecu &e, CycleSteps &) {
             f.publishDirectorTargets([&](Metadata::Targets &body) {
                 body.targets[Demo::primaryImagePath()].ecuSerials.append(e.serial);
             });
         }, ErrorCode::DuplicateEcu, Verdict::Defended},
        {"image for another hardware", R::Both, [](F &f, Ecu &e, CycleSteps &) {
             f.publishDirectorTargets([&](Metadata::Targets &body) {
                 unname(body, e.serial);
                 body.targets[Demo::primaryImagePath()].ecuSerials.append(e.serial);
             });
         }, ErrorCode::HardwareIdMismatch, Verdict::Defended},
        {"Director and Image Repository disagree", R::Full, [](F &f, Ecu &e, CycleSteps &) {
             assignOtherHashes(f, e.serial);
         }, ErrorCode::TargetMismatch, Verdict::Defended},
        // The partial ECU trusts the Director's hashes; the image then fails them.
        {"Director lists other hashes", R::Partial, [](F &f, Ecu &e, CycleSteps &) {
             assignOtherHashes(f, e.serial);
         }, ErrorCode::HashMismatch, Verdict::Defended},
        {"release counter rolled back", R::Both, [](F &f, Ecu &e, CycleSteps &) {
             f.assign(e.serial, Demo::firmwarePath());
             QCOMPARE(f.runCycle(e, 1).firstError(), std::nullopt);
             QCOMPARE(e.store->state().installed->path, Demo::firmwarePath());
             f.assign(e.serial, Demo::supplierImagePath());
         }, ErrorCode::ReleaseCounterRollback, Verdict::Replay},
        // ---- the image
        {"image altered", R::Both, [](F &f, Ecu &e, CycleSteps &s) {
             f.assign(e.serial, Demo::firmwarePath());
             s.editImage = [](QByteArray &bytes) { bytes[0] = char(bytes.at(0) ^ 0x01); };
         }, ErrorCode::HashMismatch, Verdict::Defended},
        {"image longer than listed", R::Both, [](F &f, Ecu &e, CycleSteps &s) {
             f.assign(e.serial, Demo::firmwarePath());
             s.editImage = [](QByteArray &bytes) { bytes.append('x'); };
         }, ErrorCode::LengthMismatch, Verdict::Defended},
        {"image under another name", R::Both, [](F &f, Ecu &e, CycleSteps &s) {
             f.assign(e.serial, Demo::firmwarePath());
             s.imageName = u"other.img"_s;
         }, ErrorCode::TargetMismatch, Verdict::Defended},
        {"image before verified metadata", R::Both, [](F &f, Ecu &e, CycleSteps &s) {
             f.assign(e.serial, Demo::firmwarePath());
             s.skipMetadata = true;
             s.image = Demo::firmwarePath();
         }, ErrorCode::NotTrusted, Verdict::Defended},
    };
    return cases;
}

} // namespace

class tst_Secondary : public QObject
{
    Q_OBJECT

private slots:
    void updated_data();
    void updated();
    void upToDate_data();
    void upToDate();
    void refusals_data();
    void refusals();
    void malformedMessages_data();
    void malformedMessages();
    void directorAcceptsManifests_data();
    void directorAcceptsManifests();
    void followsRootRotation_data();
    void followsRootRotation();
    void compromised();
    void events();

private:
    static void addEncodingRows(bool withVerification);
};

void tst_Secondary::addEncodingRows(bool withVerification)
{
    QTest::addColumn<Metadata::Encoding>("encoding");
    QTest::addColumn<Verification>("verification");
    for (auto encoding : {Metadata::Encoding::Json, Metadata::Encoding::Der}) {
        for (auto verification : {Verification::Full, Verification::Partial}) {
            if (!withVerification && verification == Verification::Partial)
                continue;
            QTest::addRow("%s %s", qPrintable(Metadata::encodingName(encoding)),
                          qPrintable(Vehicle::verificationName(verification)))
                << encoding << verification;
        }
    }
}

void tst_Secondary::updated_data()
{
    QTest::addColumn<Metadata::Encoding>("encoding");
    QTest::addColumn<Verification>("verification");
    QTest::addColumn<bool>("unversionedTargets");
    for (auto encoding : {Metadata::Encoding::Json, Metadata::Encoding::Der}) {
        const QByteArray e = Metadata::encodingName(encoding).toUtf8();
        QTest::addRow("%s full", e.constData()) << encoding << Verification::Full << false;
        QTest::addRow("%s partial, versioned targets", e.constData()) << encoding << Verification::Partial << false;
        QTest::addRow("%s partial, unversioned targets", e.constData()) << encoding << Verification::Partial << true;
    }
}

// Standard §5.4.3-5.4.4: the Director assigns firmware.img; the ECU verifies, asks for the
// image, installs it keeping the factory image as backup, and reports it.
void tst_Secondary::updated()
{
    QFETCH(Metadata::Encoding, encoding);
    QFETCH(Verification, verification);
    QFETCH(bool, unversionedTargets);
    SecondaryFixture f(encoding);
    Ecu ecu = f.provision(serialFor(verification), verification);
    const QDateTime factoryTime = f.clock.now();
    const Metadata::TargetFile factory = *ecu.store->state().installed;
    const Metadata::TargetFile firmware = f.services->images().findImage(Demo::firmwarePath()).value();
    f.assign(ecu.serial, Demo::firmwarePath());
    f.clock.advance(600);

    CycleSteps steps;
    steps.unversionedTargets = unversionedTargets;
    const CycleLog log = f.runCycle(ecu, 1, steps);
    QVERIFY(log.nonce && log.nonce->kind == Kind::Nonce);
    QCOMPARE(log.nonce->nonce, 1000);
    QVERIFY(log.attestation && log.attestation->kind == Kind::Ack);
    QCOMPARE(log.firstError(), std::nullopt);
    QCOMPARE(log.metadata->name, Demo::firmwarePath());
    QVERIFY(log.image);

    const Vehicle::EcuOutcome outcome = ecu.secondary->outcome(1);
    QCOMPARE(outcome.verdict, Verdict::Updated);
    QVERIFY(!outcome.error);
    QCOMPARE(outcome.decidedBy, ecu.serial);
    QVERIFY(ecu.secondary->report().allPassed());

    const Vehicle::EcuState &state = ecu.store->state();
    QCOMPARE(state.installed->path, Demo::firmwarePath());
    QCOMPARE(state.installed->hashes.value(u"sha256"_s), firmware.hashes.value(u"sha256"_s));
    QCOMPARE(state.installed->releaseCounter, firmware.releaseCounter);
    QCOMPARE(state.backup->path, factory.path);
    QCOMPARE(ecu.store->imageBytes().value(), f.image(Demo::firmwarePath()));
    QCOMPARE(state.attestedTime, f.clock.now());
    QCOMPARE(state.previousAttestedTime, factoryTime);
    QCOMPARE(state.cycles, 1);
    QCOMPARE(state.lastVerdict, u"UPDATED"_s);
    if (verification == Verification::Partial) {
        QCOMPARE(state.directorTargetsVersion, f.services->director().writer(Demo::vin())->version(u"targets"_s));
        QVERIFY(!ecu.store->metadata().contains(u"imagerepo/root"_s));
    } else {
        QVERIFY(ecu.store->metadata().contains(u"director/timestamp"_s));
        QVERIFY(ecu.store->metadata().contains(u"imagerepo/targets"_s));
    }

    const auto manifest = ecuManifest(log, encoding);
    QVERIFY(manifest);
    QVERIFY(signedBy(*manifest, ecu.key));
    QCOMPARE(manifest->body.ecuSerial, ecu.serial);
    QCOMPARE(manifest->body.nonce, 1000);
    QCOMPARE(manifest->body.installedImage.path, Demo::firmwarePath());
    QCOMPARE(manifest->body.installedImage.length, firmware.length);
    QCOMPARE(manifest->body.timeserverTime, f.clock.now());
    QCOMPARE(manifest->body.previousTimeserverTime, factoryTime);
    QCOMPARE(manifest->body.attacksDetected, QString());

    // The next cycle, on a reopened store: nothing new.
    ecu.secondary.reset();
    ecu.store = std::make_unique<Vehicle::EcuStore>(Vehicle::EcuStore::open(f.ecuDir(ecu.serial)).value());
    SecondaryFixture::attach(ecu);
    f.clock.advance(60);
    const CycleLog again = f.runCycle(ecu, 2, steps);
    QCOMPARE(again.firstError(), std::nullopt);
    QCOMPARE(again.metadata->name, QString());
    QVERIFY(!again.image);
    QCOMPARE(ecu.secondary->outcome(2).verdict, Verdict::UpToDate);
    QCOMPARE(ecu.store->state().cycles, 2);
    QCOMPARE(ecu.store->state().installed->path, Demo::firmwarePath());
    QCOMPARE(ecuManifest(again, encoding)->body.nonce, 1001);
}

void tst_Secondary::upToDate_data()
{
    QTest::addColumn<Metadata::Encoding>("encoding");
    QTest::addColumn<Verification>("verification");
    QTest::addColumn<bool>("unassigned");
    for (auto encoding : {Metadata::Encoding::Json, Metadata::Encoding::Der}) {
        for (auto verification : {Verification::Full, Verification::Partial}) {
            for (bool unassigned : {false, true}) {
                QTest::addRow("%s %s, %s", qPrintable(Metadata::encodingName(encoding)),
                              qPrintable(Vehicle::verificationName(verification)),
                              unassigned ? "nothing assigned" : "the installed image assigned")
                    << encoding << verification << unassigned;
            }
        }
    }
}

// Verified metadata that assigns nothing new: no image asked for, time and metadata move
// forward in one commit.
void tst_Secondary::upToDate()
{
    QFETCH(Metadata::Encoding, encoding);
    QFETCH(Verification, verification);
    QFETCH(bool, unassigned);
    SecondaryFixture f(encoding);
    Ecu ecu = f.provision(serialFor(verification), verification);
    const QByteArray factoryBytes = ecu.store->imageBytes().value();
    if (unassigned)
        QVERIFY(f.services->director().unassign(Demo::vin(), ecu.serial));
    f.clock.advance(600);

    const CycleLog log = f.runCycle(ecu, 1);
    QCOMPARE(log.firstError(), std::nullopt);
    QCOMPARE(log.metadata->name, QString());
    QVERIFY(!log.image);
    QCOMPARE(ecu.secondary->outcome(1).verdict, Verdict::UpToDate);

    const Vehicle::EcuState &state = ecu.store->state();
    QCOMPARE(state.installed->path, Demo::supplierImagePath());
    QVERIFY(!state.backup);
    QCOMPARE(ecu.store->imageBytes().value(), factoryBytes);
    QCOMPARE(state.attestedTime, f.clock.now());
    QCOMPARE(state.cycles, 1);
    QCOMPARE(state.lastVerdict, u"UP TO DATE"_s);
    if (verification == Verification::Full) {
        // The installed image sits in the supplier's delegated role; with nothing assigned the
        // Image Repository is not consulted at all (Standard §5.4.4.2 step 6).
        QCOMPARE(ecu.store->metadata().contains(u"imagerepo/supplier-acme"_s), !unassigned);
        QCOMPARE(ecu.store->metadata().contains(u"imagerepo/timestamp"_s), !unassigned);
    }
    const auto manifest = ecuManifest(log, encoding);
    QVERIFY(manifest && signedBy(*manifest, ecu.key));
    QCOMPARE(manifest->body.installedImage.path, Demo::supplierImagePath());
    QCOMPARE(manifest->body.attacksDetected, QString());
}

void tst_Secondary::refusals_data()
{
    QTest::addColumn<Metadata::Encoding>("encoding");
    QTest::addColumn<Verification>("verification");
    QTest::addColumn<int>("row");
    const QList<RefusalCase> &cases = refusalCases();
    for (auto encoding : {Metadata::Encoding::Json, Metadata::Encoding::Der}) {
        for (qsizetype i = 0; i < cases.size(); ++i) {
            for (auto verification : {Verification::Full, Verification::Partial}) {
                const int bit = verification == Verification::Full ? RefusalCase::Full : RefusalCase::Partial;
                if (!(cases.at(i).applies & bit))
                    continue;
                QTest::addRow("%s %s: %s", qPrintable(Metadata::encodingName(encoding)),
                              qPrintable(Vehicle::verificationName(verification)), cases.at(i).name)
                    << encoding << verification << int(i);
            }
        }
    }
}

// Every refusal: the right code in the Ack and the outcome, the verdict of that code, not
// one byte of the store changed, and a signed manifest that names the attack.
void tst_Secondary::refusals()
{
    QFETCH(Metadata::Encoding, encoding);
    QFETCH(Verification, verification);
    QFETCH(int, row);
    const RefusalCase &refusal = refusalCases().at(row);
    SecondaryFixture f(encoding);
    Ecu ecu = f.provision(serialFor(verification), verification);
    f.clock.advance(600);
    CycleSteps steps;
    refusal.arrange(f, ecu, steps);
    if (QTest::currentTestFailed())
        return;
    f.clock.advance(600);

    const Files before = readTree(ecu.store->dir());
    const qint64 generation = ecu.store->generation();
    const QByteArray state = ecu.store->state().toJson();
    const CycleLog log = f.runCycle(ecu, 10, steps);

    QCOMPARE(log.firstError(), refusal.code);
    const Vehicle::EcuOutcome outcome = ecu.secondary->outcome(10);
    QCOMPARE(outcome.verdict, refusal.verdict);
    QVERIFY(outcome.error);
    QCOMPARE(outcome.error->code, refusal.code);
    if (const auto failure = ecu.secondary->report().firstFailure())
        QCOMPARE(failure->error->code, refusal.code);

    QCOMPARE(ecu.store->generation(), generation);
    QCOMPARE(ecu.store->state().toJson(), state);
    QCOMPARE(readTree(ecu.store->dir()), before);

    const auto manifest = ecuManifest(log, encoding);
    QVERIFY(manifest);
    QVERIFY(signedBy(*manifest, ecu.key));
    QCOMPARE(manifest->body.nonce, *log.nonce->nonce);
    QCOMPARE(manifest->body.installedImage.path, ecu.store->state().installed->path);
    QVERIFY2(manifest->body.attacksDetected.startsWith(errorCodeName(refusal.code) + u": "),
             qPrintable(manifest->body.attacksDetected));
    QCOMPARE(manifest->body.attacksDetected, outcome.error->toString());
}

void tst_Secondary::malformedMessages_data()
{
    addEncodingRows(true);
}

// Bytes that are no message for this ECU's cycle are refused with an Ack naming the error;
// they change nothing, and the cycle goes on.
void tst_Secondary::malformedMessages()
{
    QFETCH(Metadata::Encoding, encoding);
    QFETCH(Verification, verification);
    SecondaryFixture f(encoding);
    Ecu ecu = f.provision(serialFor(verification), verification);
    f.assign(ecu.serial, Demo::firmwarePath());
    f.clock.advance(600);
    const Files before = readTree(ecu.store->dir());
    const ErrorCode undecodable = encoding == Metadata::Encoding::Json ? ErrorCode::MalformedJson : ErrorCode::MalformedDer;

    auto refusedWith = [&](const QByteArray &bytes) -> std::optional<ErrorCode> {
        const QByteArray reply = ecu.secondary->handle(bytes);
        auto decoded = Metadata::decodeBusMessage(reply, encoding);
        if (!decoded || decoded->kind != Kind::Ack || decoded->sender != ecu.serial)
            return std::nullopt;
        return decoded->errorCode;
    };
    QCOMPARE(refusedWith("\x30\x82\xff not a bus message {"), undecodable);

    const auto nonce = f.send(ecu, SecondaryFixture::message(Kind::NonceRequest, 1));
    QVERIFY(nonce && nonce->nonce);
    const QByteArray attestation = f.attest({*nonce->nonce});

    auto encoded = [&](BusMessage message) {
        message.sender = Demo::primarySerial();
        if (message.receiver.isEmpty())
            message.receiver = ecu.serial;
        return Metadata::encodeBusMessage(message, encoding).value();
    };
    const QByteArray good = encoded(SecondaryFixture::message(Kind::Attestation, 1, attestation));
    QCOMPARE(refusedWith(good.left(good.size() - 7)), undecodable);
    BusMessage elsewhere = SecondaryFixture::message(Kind::Attestation, 1, attestation);
    elsewhere.receiver = Demo::partialSerial() == ecu.serial ? Demo::secondarySerial() : Demo::partialSerial();
    QCOMPARE(refusedWith(encoded(elsewhere)), ErrorCode::InvalidArgument);
    QCOMPARE(refusedWith(encoded(SecondaryFixture::message(Kind::Attestation, 7, attestation))),
             ErrorCode::InvalidArgument);
    QCOMPARE(refusedWith(encoded(SecondaryFixture::message(Kind::Ack, 1))), ErrorCode::InvalidArgument);
    QCOMPARE(refusedWith(encoded(SecondaryFixture::message(Kind::EcuManifest, 1, "x"))), ErrorCode::InvalidArgument);
    QCOMPARE(readTree(ecu.store->dir()), before);
    QCOMPARE(ecu.secondary->outcome(1).verdict, Verdict::NoUpdate);

    // The cycle in progress was not disturbed.
    QCOMPARE(refusedWith(good), std::nullopt);
    const auto metadata = f.send(ecu, SecondaryFixture::message(verification == Verification::Full ? Kind::MetadataBundle
                                                                                                    : Kind::DirectorTargets,
                                                                1, f.metadataPayload(ecu)));
    QVERIFY(metadata && !metadata->errorCode);
    QCOMPARE(metadata->name, Demo::firmwarePath());
    BusMessage image = SecondaryFixture::message(Kind::Image, 1, f.image(Demo::firmwarePath()));
    image.name = Demo::firmwarePath();
    const auto installed = f.send(ecu, image);
    QVERIFY(installed && !installed->errorCode);
    QCOMPARE(ecu.secondary->outcome(1).verdict, Verdict::Updated);
    // A finished cycle takes no second image.
    QCOMPARE(f.send(ecu, image)->errorCode, ErrorCode::InvalidArgument);
    QCOMPARE(ecu.secondary->outcome(1).verdict, Verdict::Updated);
}

void tst_Secondary::directorAcceptsManifests_data()
{
    addEncodingRows(false);
}

// What the Secondaries sign is what the Director checks (Standard §5.3.2): it accepts both
// manifests, records what each ECU installed, and the attack one of them detected.
void tst_Secondary::directorAcceptsManifests()
{
    QFETCH(Metadata::Encoding, encoding);
    SecondaryFixture f(encoding);
    Ecu full = f.provision(Demo::secondarySerial(), Verification::Full);
    Ecu partial = f.provision(Demo::partialSerial(), Verification::Partial);
    f.assign(full.serial, Demo::firmwarePath());
    f.assign(partial.serial, Demo::firmwarePath());
    f.clock.advance(600);

    const CycleLog fullLog = f.runCycle(full, 1);
    CycleSteps altered;
    altered.editImage = [](QByteArray &bytes) { bytes[bytes.size() - 1] = char(bytes.back() ^ 0x20); };
    const CycleLog partialLog = f.runCycle(partial, 1, altered);
    QCOMPARE(full.secondary->outcome(1).verdict, Verdict::Updated);
    QCOMPARE(partial.secondary->outcome(1).verdict, Verdict::Defended);

    const TestVehicle vehicle = demoVehicle(f.dir.path());
    Metadata::VehicleManifest body;
    body.vin = Demo::vin();
    body.primaryEcuSerial = Demo::primarySerial();
    body.ecuManifests.insert(full.serial, {*ecuManifest(fullLog, encoding)});
    body.ecuManifests.insert(partial.serial, {*ecuManifest(partialLog, encoding)});
    const QByteArray bytes = serializeVehicleManifest(body, encoding, vehicle.primary().key);
    Verify::VerificationReport report;
    auto receipt = f.services->director().receiveManifest(Demo::vin(), bytes, &report);
    QVERIFY2(receipt, qPrintable(receipt ? QString() : receipt.error().toString() + u'\n' + report.toText()));
    QCOMPARE(receipt->reportingEcus, (QStringList{partial.serial, full.serial}));

    QMap<QString, QString> installed;
    const QList<Services::InstalledRecord> records = f.services->director().inventory().installed(Demo::vin()).value();
    for (const Services::InstalledRecord &record : records)
        installed.insert(record.ecuSerial, record.image.path);
    QCOMPARE(installed.value(full.serial), Demo::firmwarePath());
    QCOMPARE(installed.value(partial.serial), Demo::supplierImagePath());
    const auto attacks = f.services->director().inventory().attacks(Demo::vin()).value();
    QCOMPARE(attacks.size(), 1);
    QCOMPARE(attacks.first().ecuSerial, partial.serial);
    QVERIFY(attacks.first().text.startsWith(u"HashMismatch: "_s));
}

void tst_Secondary::followsRootRotation_data()
{
    addEncodingRows(true);
}

// TUF §6.1 recovery reaches the ECU: the Director's targets key rotates (root v2, signed by
// the old and new root keys); full and partial ECUs follow the chain and accept targets
// signed by the new key only.
void tst_Secondary::followsRootRotation()
{
    QFETCH(Metadata::Encoding, encoding);
    QFETCH(Verification, verification);
    SecondaryFixture f(encoding);
    Ecu ecu = f.provision(serialFor(verification), verification);
    QVERIFY(f.services->director().rotateKeys(Demo::vin(), u"targets"_s));
    f.assign(ecu.serial, Demo::firmwarePath());
    f.clock.advance(600);

    const CycleLog log = f.runCycle(ecu, 1);
    QCOMPARE(log.firstError(), std::nullopt);
    QCOMPARE(ecu.secondary->outcome(1).verdict, Verdict::Updated);
    auto root = Metadata::parse<Metadata::Root>(ecu.store->metadata().value(u"director/root"_s), encoding);
    QVERIFY(root);
    QCOMPARE(root->body.version, 2);
}

// An image every check accepts but the scenario knows to be malicious: COMPROMISED.
void tst_Secondary::compromised()
{
    SecondaryFixture f(Metadata::Encoding::Json);
    Ecu ecu = f.provision(Demo::secondarySerial(), Verification::Full);
    f.assign(ecu.serial, Demo::firmwarePath());
    ecu.secondary->setMaliciousImages({Crypto::sha256(f.image(Demo::firmwarePath()))});
    f.clock.advance(600);
    QCOMPARE(f.runCycle(ecu, 1).firstError(), std::nullopt);
    QCOMPARE(ecu.secondary->outcome(1).verdict, Verdict::Compromised);
    QCOMPARE(ecu.store->state().installed->path, Demo::firmwarePath());
    QCOMPARE(ecu.store->state().lastVerdict, u"COMPROMISED"_s);
}

// Events narrate the cycle from "<vin>/<serial>": each check, and the verdict.
void tst_Secondary::events()
{
    SecondaryFixture f(Metadata::Encoding::Json);
    Ecu ecu = f.provision(Demo::partialSerial(), Verification::Partial);
    QList<LabEvent> events;
    ecu.secondary->setEventCallback([&](const LabEvent &event) { events.append(event); });
    f.assign(ecu.serial, Demo::firmwarePath());
    f.clock.advance(600);
    f.runCycle(ecu, 1);

    auto ofKind = [&](LabEvent::Kind kind) {
        QList<LabEvent> out;
        for (const LabEvent &event : std::as_const(events)) {
            if (event.kind == kind)
                out.append(event);
        }
        return out;
    };
    for (const LabEvent &event : std::as_const(events))
        QCOMPARE(event.from, u"democar/DOORdemocar"_s);
    QCOMPARE(ofKind(LabEvent::Kind::Check).size(), ecu.secondary->report().checks().size());
    QVERIFY(ofKind(LabEvent::Kind::Check).size() >= 5);
    QCOMPARE(ofKind(LabEvent::Kind::Verdict).size(), 1);
    QVERIFY(ofKind(LabEvent::Kind::Verdict).first().summary.contains(u"UPDATED"_s));

    events.clear();
    CycleSteps steps;
    steps.attestation = [&](qint64 nonce) { return f.attest({nonce + 1}); };
    f.clock.advance(600);
    f.runCycle(ecu, 2, steps);
    const QList<LabEvent> verdicts = ofKind(LabEvent::Kind::Verdict);
    QCOMPARE(verdicts.size(), 1);
    QCOMPARE(verdicts.first().error->code, ErrorCode::NonceMissing);
    bool failedCheck = false;
    for (const LabEvent &event : ofKind(LabEvent::Kind::Check))
        failedCheck = failedCheck || (event.error && event.error->code == ErrorCode::NonceMissing);
    QVERIFY(failedCheck);
}

QTEST_GUILESS_MAIN(tst_Secondary)
#include "tst_secondary.moc"
