// The Uptane checks beyond the TUF workflow (core/verify/uptanechecks.h): the Time Server
// attestation, the Director's assignment to one ECU, Director vs Image Repository
// (§5.4.4.2 step 10), the ECU's own target and image (§5.4.3), and partial verification of
// the Director's Targets (§5.4.4.1). Every check has a passing case and a failing one that
// asserts the ErrorCode, also as the report's first failure. Wherever bytes are parsed, both
// encodings, with metadata signed by real keys through the real codec.

#include "verify/uptanechecks.h"

#include "crypto/hash.h"
#include "metadata/codec.h"
#include "repobuilder.h"

#include <QTest>

using namespace Uptane;
using namespace Uptane::Verify;
using namespace Uptane::Metadata;
using namespace Uptane::Test;
using namespace Qt::StringLiterals;

namespace {

const QDateTime kNow = QDateTime::fromSecsSinceEpoch(1'700'000'000, Qt::UTC);
const QByteArray kImage = QByteArrayLiteral("firmware image bytes, version 2");

template <typename T>
T orDie(Result<T> result)
{
    if (!result)
        qFatal("%s", qPrintable(result.error().toString()));
    return std::move(*result);
}

void addEncodingColumn()
{
    QTest::addColumn<Encoding>("encoding");
}

QString rowName(Encoding encoding, const char *name)
{
    return encodingName(encoding) + u": "_s + QString::fromUtf8(name);
}

// Asserts a failure with code, which is also the report's first failure.
template <typename T>
bool failsWith(const Result<T> &result, ErrorCode code, const VerificationReport &report)
{
    if (result) {
        qWarning("expected %s, got success", qPrintable(errorCodeName(code)));
        return false;
    }
    if (result.error().code != code) {
        qWarning("expected %s, got %s", qPrintable(errorCodeName(code)), qPrintable(result.error().toString()));
        return false;
    }
    const std::optional<Check> first = report.firstFailure();
    if (!first || !first->error || first->error->code != code) {
        qWarning("report's first failure is not %s:\n%s", qPrintable(errorCodeName(code)),
                 qPrintable(report.toText()));
        return false;
    }
    return true;
}

bool recordsStep(const VerificationReport &report, const QString &step, const QString &role)
{
    return std::ranges::any_of(report.checks(), [&](const Check &check) {
        return check.step == step && check.role == role;
    });
}

TargetFile imageTarget(const QByteArray &content = kImage)
{
    TargetFile file;
    file.path = u"firmware.img"_s;
    file.length = content.size();
    file.hashes.insert(u"sha256"_s, Crypto::sha256(content));
    file.hashes.insert(u"sha512"_s, Crypto::sha512(content));
    file.hardwareId = u"tcu-hw"_s;
    file.releaseCounter = 2;
    return file;
}

TargetFile directorTarget(const QStringList &ecus = {u"tcu"_s})
{
    TargetFile file = imageTarget();
    file.ecuSerials = ecus;
    return file;
}

// ---- mutations of the data-driven tables

enum AttestationCase {
    OtherKey, Unsigned, TamperedTime, NoNonce, OneNonceMissing, TimeEarlier, Garbage,
};

enum MatchCase {
    OtherPath, OtherLength, OtherSha256, OtherSha512, NoCommonAlgorithm, OtherCounter,
    CounterOnlyAtDirector, CounterOnlyAtImage, OtherHardware, NoHardwareAtDirector,
};

enum OwnCase { OtherEcu, OtherHardwareId, NoHardwareId, CounterLower, NoCounterAboveZero };

enum ImageCase { Short, Long, WrongSha256, WrongSha512, OnlyUnknownAlgorithm };

enum PartialCase {
    OtherTargetsKey, ExpiredAtAttestedTime, LowerVersion, Delegates, OtherVehicle, NoVehicle,
    NoEcuId, RotationNotSignedByOldRoot, RotationSkipsVersion, RootAsTargets, NoAttestedTime,
};

} // namespace

class TestUptaneChecks : public QObject
{
    Q_OBJECT

private:
    KeyPool m_keys{Crypto::KeyType::Ed25519, 0};
    Crypto::PrivateKey m_timeServer;
    Crypto::PrivateKey m_impostor;

    QByteArray attestation(Encoding encoding, const QDateTime &time, const QList<qint64> &nonces,
                           const QList<Crypto::PrivateKey> &keys) const
    {
        TimeAttestation body;
        body.time = time;
        body.nonces = nonces;
        return orDie(signAndSerialize(body, encoding, keys));
    }

    AttestationExpectations expectations(const QList<qint64> &nonces, const QDateTime &notBefore) const
    {
        return AttestationExpectations{m_timeServer.publicKey(), nonces, notBefore};
    }

    // A Director repository for vehicle democar whose targets (v1) assign firmware.img to tcu.
    static void assignFirmware(RepositoryBuilder &director)
    {
        Targets &body = director.targets[u"targets"_s];
        body.vehicleId = u"democar"_s;
        TargetFile &file = director.addTarget(u"targets"_s, u"firmware.img"_s, kImage);
        file.ecuSerials = {u"tcu"_s};
        file.hardwareId = u"tcu-hw"_s;
        file.releaseCounter = 2;
    }

private slots:
    void initTestCase()
    {
        m_keys = KeyPool(Crypto::KeyType::Ed25519, 8);
        m_timeServer = orDie(Crypto::PrivateKey::generate(Crypto::KeyType::Ed25519));
        m_impostor = orDie(Crypto::PrivateKey::generate(Crypto::KeyType::Ed25519));
    }

    void init() { m_keys.rewind(); }

    // ---- time attestation

    void acceptsAttestation_data()
    {
        addEncodingColumn();
        QTest::addColumn<int>("secondsAfterLast");
        QTest::addColumn<bool>("firstEver");
        for (Encoding encoding : {Encoding::Json, Encoding::Der}) {
            QTest::newRow(qPrintable(rowName(encoding, "later"))) << encoding << 30 << false;
            // Two cycles may fall in one second: the fresh nonce proves freshness.
            QTest::newRow(qPrintable(rowName(encoding, "equal time"))) << encoding << 0 << false;
            QTest::newRow(qPrintable(rowName(encoding, "first attestation"))) << encoding << 0 << true;
        }
    }
    void acceptsAttestation()
    {
        QFETCH(Encoding, encoding);
        QFETCH(int, secondsAfterLast);
        QFETCH(bool, firstEver);
        const QDateTime time = kNow.addSecs(secondsAfterLast);
        // Other ECUs' nonces may be listed too; ours (1 and 3) must be.
        const QByteArray bytes = attestation(encoding, time, {1, 2, 3}, {m_timeServer});
        VerificationReport report;
        auto result = checkTimeAttestation(bytes, encoding, expectations({1, 3}, firstEver ? QDateTime() : kNow),
                                           &report);
        QVERIFY2(result, qPrintable(report.toText()));
        QCOMPARE(*result, time);
        QVERIFY(report.allPassed());
        QCOMPARE(report.checks().size(), 4);
        QVERIFY(recordsStep(report, u"Time Server"_s, u"time"_s));
    }

    void acceptsAttestationSignedAlsoByOthers()
    {
        for (Encoding encoding : {Encoding::Json, Encoding::Der}) {
            const QByteArray bytes = attestation(encoding, kNow, {7}, {m_impostor, m_timeServer});
            QVERIFY(checkTimeAttestation(bytes, encoding, expectations({7}, kNow)));
        }
    }

    void rejectsAttestation_data()
    {
        addEncodingColumn();
        QTest::addColumn<int>("mutation");
        QTest::addColumn<ErrorCode>("code");
        for (Encoding encoding : {Encoding::Json, Encoding::Der}) {
            const auto row = [&](const char *name, AttestationCase mutation, ErrorCode code) {
                QTest::newRow(qPrintable(rowName(encoding, name))) << encoding << int(mutation) << code;
            };
            row("signed by another key", OtherKey, ErrorCode::BadTimeAttestation);
            row("unsigned", Unsigned, ErrorCode::BadTimeAttestation);
            row("time changed after signing", TamperedTime, ErrorCode::BadTimeAttestation);
            row("our nonce missing", NoNonce, ErrorCode::NonceMissing);
            row("one of several nonces missing", OneNonceMissing, ErrorCode::NonceMissing);
            row("time earlier than the last", TimeEarlier, ErrorCode::TimeWentBackwards);
            row("not metadata", Garbage,
                encoding == Encoding::Json ? ErrorCode::MalformedJson : ErrorCode::MalformedDer);
        }
    }
    void rejectsAttestation()
    {
        QFETCH(Encoding, encoding);
        QFETCH(int, mutation);
        QFETCH(ErrorCode, code);
        QList<qint64> sent{11, 22, 33};
        QList<qint64> listed = sent;
        QList<Crypto::PrivateKey> signers{m_timeServer};
        QDateTime time = kNow;
        QByteArray bytes;
        switch (AttestationCase(mutation)) {
        case OtherKey:
            signers = {m_impostor};
            break;
        case Unsigned:
            signers.clear();
            break;
        case TamperedTime: {
            TimeAttestation body{kNow, sent, {}};
            Signed<TimeAttestation> metadata = orDie(sign(body, encoding, signers));
            metadata.body.time = kNow.addDays(30);
            metadata.signedBytes = orDie(signedBytes(metadata.body, encoding));
            bytes = orDie(serialize(metadata));
            break;
        }
        case NoNonce:
            sent = {11};
            listed = {12};
            break;
        case OneNonceMissing:
            listed = {11, 33};
            break;
        case TimeEarlier:
            time = kNow.addSecs(-1);
            break;
        case Garbage:
            bytes = QByteArrayLiteral("\x30\x03garbage");
            break;
        }
        if (bytes.isEmpty())
            bytes = attestation(encoding, time, listed, signers);
        VerificationReport report;
        QVERIFY(failsWith(checkTimeAttestation(bytes, encoding, expectations(sent, kNow), &report), code, report));
    }

    // ---- the Director's assignment

    void targetForEcuFindsTheAssignment()
    {
        Targets targets;
        targets.targets.insert(u"a.img"_s, directorTarget({u"ecu-a"_s}));
        targets.targets[u"a.img"_s].path = u"a.img"_s;
        targets.targets.insert(u"shared.img"_s, directorTarget({u"ecu-b"_s, u"ecu-c"_s}));
        targets.targets[u"shared.img"_s].path = u"shared.img"_s;

        auto none = targetForEcu(targets, u"ecu-x"_s);
        QVERIFY(none);
        QVERIFY(!none->has_value());
        auto one = targetForEcu(targets, u"ecu-a"_s);
        QVERIFY(one && one->has_value());
        QCOMPARE((*one)->path, u"a.img"_s);
        auto inList = targetForEcu(targets, u"ecu-c"_s);
        QVERIFY(inList && inList->has_value());
        QCOMPARE((*inList)->path, u"shared.img"_s);
        QVERIFY(targetForEcu(Targets{}, u"ecu-a"_s).value() == std::nullopt);
    }

    void targetForEcuRejectsDuplicates_data()
    {
        QTest::addColumn<QStringList>("first");
        QTest::addColumn<QStringList>("second");
        QTest::newRow("two targets") << QStringList{u"ecu-a"_s} << QStringList{u"ecu-a"_s};
        QTest::newRow("alone and in a list") << QStringList{u"ecu-a"_s} << QStringList{u"ecu-b"_s, u"ecu-a"_s};
        QTest::newRow("twice in one list") << QStringList{u"ecu-a"_s, u"ecu-a"_s} << QStringList{u"ecu-b"_s};
    }
    void targetForEcuRejectsDuplicates()
    {
        QFETCH(QStringList, first);
        QFETCH(QStringList, second);
        Targets targets;
        targets.targets.insert(u"a.img"_s, directorTarget(first));
        targets.targets.insert(u"b.img"_s, directorTarget(second));
        auto result = targetForEcu(targets, u"ecu-a"_s);
        QVERIFY(!result);
        QCOMPARE(result.error().code, ErrorCode::DuplicateEcu);
    }

    // ---- Director vs Image Repository (§5.4.4.2 step 10)

    void directorMatchesImage_data()
    {
        QTest::addColumn<int>("variant");
        QTest::newRow("identical") << 0;
        QTest::newRow("one algorithm in common") << 1;
        QTest::newRow("hardware id only at the Director") << 2;
        QTest::newRow("no release counter at either") << 3;
    }
    void directorMatchesImage()
    {
        QFETCH(int, variant);
        TargetFile director = directorTarget();
        TargetFile image = imageTarget();
        if (variant == 1)
            image.hashes.remove(u"sha512"_s);
        if (variant == 2)
            image.hardwareId.reset();
        if (variant == 3) {
            director.releaseCounter.reset();
            image.releaseCounter.reset();
        }
        VerificationReport report;
        QVERIFY2(checkDirectorMatchesImage(director, image, &report), qPrintable(report.toText()));
        QVERIFY(report.allPassed());
        QVERIFY(recordsStep(report, u"Uptane 5.4.4.2.10"_s, u"targets"_s));
    }

    void directorDiffersFromImage_data()
    {
        QTest::addColumn<int>("mutation");
        QTest::addColumn<ErrorCode>("code");
        QTest::newRow("path") << int(OtherPath) << ErrorCode::TargetMismatch;
        QTest::newRow("length") << int(OtherLength) << ErrorCode::TargetMismatch;
        QTest::newRow("sha256") << int(OtherSha256) << ErrorCode::TargetMismatch;
        QTest::newRow("sha512") << int(OtherSha512) << ErrorCode::TargetMismatch;
        QTest::newRow("no algorithm in common") << int(NoCommonAlgorithm) << ErrorCode::TargetMismatch;
        QTest::newRow("release counter") << int(OtherCounter) << ErrorCode::TargetMismatch;
        QTest::newRow("release counter only at the Director") << int(CounterOnlyAtDirector) << ErrorCode::TargetMismatch;
        QTest::newRow("release counter only at the Image Repository") << int(CounterOnlyAtImage) << ErrorCode::TargetMismatch;
        QTest::newRow("hardware id") << int(OtherHardware) << ErrorCode::HardwareIdMismatch;
        QTest::newRow("no hardware id at the Director") << int(NoHardwareAtDirector) << ErrorCode::HardwareIdMismatch;
    }
    void directorDiffersFromImage()
    {
        QFETCH(int, mutation);
        QFETCH(ErrorCode, code);
        TargetFile director = directorTarget();
        TargetFile image = imageTarget();
        const QByteArray evil = QByteArrayLiteral("evil content of the same size...");
        switch (MatchCase(mutation)) {
        case OtherPath:
            director.path = u"evil.img"_s;
            break;
        case OtherLength:
            director.length += 1;
            break;
        case OtherSha256:
            director.hashes[u"sha256"_s] = Crypto::sha256(evil);
            break;
        case OtherSha512:
            director.hashes[u"sha512"_s] = Crypto::sha512(evil);
            break;
        case NoCommonAlgorithm:
            director.hashes.remove(u"sha512"_s);
            image.hashes.remove(u"sha256"_s);
            break;
        case OtherCounter:
            director.releaseCounter = 3;
            break;
        case CounterOnlyAtDirector:
            image.releaseCounter.reset();
            break;
        case CounterOnlyAtImage:
            director.releaseCounter.reset();
            break;
        case OtherHardware:
            director.hardwareId = u"brakes-hw"_s;
            break;
        case NoHardwareAtDirector:
            director.hardwareId.reset();
            break;
        }
        VerificationReport report;
        QVERIFY(failsWith(checkDirectorMatchesImage(director, image, &report), code, report));
    }

    // ---- the ECU's own target (§5.4.3)

    void ownTargetAccepted_data()
    {
        QTest::addColumn<std::optional<qint64>>("installed");
        QTest::addColumn<std::optional<qint64>>("offered");
        QTest::newRow("higher counter") << std::optional<qint64>(1) << std::optional<qint64>(2);
        QTest::newRow("equal counter") << std::optional<qint64>(2) << std::optional<qint64>(2);
        QTest::newRow("nothing installed") << std::optional<qint64>() << std::optional<qint64>(2);
        QTest::newRow("no counter, installed 0") << std::optional<qint64>(0) << std::optional<qint64>();
    }
    void ownTargetAccepted()
    {
        QFETCH(std::optional<qint64>, installed);
        QFETCH(std::optional<qint64>, offered);
        TargetFile target = directorTarget({u"gateway"_s, u"tcu"_s});
        target.releaseCounter = offered;
        VerificationReport report;
        QVERIFY2(checkOwnTarget(target, EcuIdentity{u"tcu"_s, u"tcu-hw"_s, installed}, &report),
                 qPrintable(report.toText()));
        QVERIFY(report.allPassed());
        QCOMPARE(report.checks().size(), 3);
        QVERIFY(recordsStep(report, u"Uptane 5.4.3"_s, u"targets"_s));
    }

    void ownTargetRejected_data()
    {
        QTest::addColumn<int>("mutation");
        QTest::addColumn<ErrorCode>("code");
        QTest::newRow("another ECU's target") << int(OtherEcu) << ErrorCode::UnknownEcu;
        QTest::newRow("other hardware id") << int(OtherHardwareId) << ErrorCode::HardwareIdMismatch;
        QTest::newRow("no hardware id") << int(NoHardwareId) << ErrorCode::HardwareIdMismatch;
        QTest::newRow("lower release counter") << int(CounterLower) << ErrorCode::ReleaseCounterRollback;
        QTest::newRow("no counter, installed 1") << int(NoCounterAboveZero) << ErrorCode::ReleaseCounterRollback;
    }
    void ownTargetRejected()
    {
        QFETCH(int, mutation);
        QFETCH(ErrorCode, code);
        TargetFile target = directorTarget();
        EcuIdentity ecu{u"tcu"_s, u"tcu-hw"_s, 1};
        switch (OwnCase(mutation)) {
        case OtherEcu:
            target.ecuSerials = {u"brakes"_s};
            break;
        case OtherHardwareId:
            target.hardwareId = u"brakes-hw"_s;
            break;
        case NoHardwareId:
            target.hardwareId.reset();
            break;
        case CounterLower:
            ecu.installedReleaseCounter = 3;
            break;
        case NoCounterAboveZero:
            target.releaseCounter.reset();
            break;
        }
        VerificationReport report;
        QVERIFY(failsWith(checkOwnTarget(target, ecu, &report), code, report));
    }

    // ---- the image (§5.4.3)

    void imageAccepted()
    {
        VerificationReport report;
        QVERIFY(checkImage(kImage, imageTarget(), &report));
        QVERIFY(report.allPassed());
        QVERIFY(recordsStep(report, u"Uptane 5.4.3"_s, u"image"_s));
        // An unknown algorithm beside a known one is skipped.
        TargetFile target = imageTarget();
        target.hashes.insert(u"blake3"_s, QByteArray(32, 'x'));
        QVERIFY(checkImage(kImage, target));
    }

    void imageRejected_data()
    {
        QTest::addColumn<int>("mutation");
        QTest::addColumn<ErrorCode>("code");
        QTest::newRow("short") << int(Short) << ErrorCode::LengthMismatch;
        QTest::newRow("long") << int(Long) << ErrorCode::LengthMismatch;
        QTest::newRow("sha256 wrong") << int(WrongSha256) << ErrorCode::HashMismatch;
        QTest::newRow("sha512 wrong") << int(WrongSha512) << ErrorCode::HashMismatch;
        QTest::newRow("only an unknown algorithm") << int(OnlyUnknownAlgorithm) << ErrorCode::Unsupported;
    }
    void imageRejected()
    {
        QFETCH(int, mutation);
        QFETCH(ErrorCode, code);
        TargetFile target = imageTarget();
        QByteArray bytes = kImage;
        QByteArray other = kImage;
        other[0] = 'F';
        switch (ImageCase(mutation)) {
        case Short:
            bytes.chop(1);
            break;
        case Long:
            bytes.append('!');
            break;
        case WrongSha256:
            target.hashes[u"sha256"_s] = Crypto::sha256(other);
            break;
        case WrongSha512:
            target.hashes[u"sha512"_s] = Crypto::sha512(other);
            break;
        case OnlyUnknownAlgorithm:
            target.hashes = {{u"md5"_s, QByteArray(16, 'x')}};
            break;
        }
        VerificationReport report;
        QVERIFY(failsWith(checkImage(bytes, target, &report), code, report));
    }

    // ---- partial verification (§5.4.4.1)

    void partialAccepts_data()
    {
        addEncodingColumn();
        QTest::addColumn<qint64>("trustedVersion");
        for (Encoding encoding : {Encoding::Json, Encoding::Der}) {
            QTest::newRow(qPrintable(rowName(encoding, "first targets"))) << encoding << qint64(0);
            QTest::newRow(qPrintable(rowName(encoding, "newer version"))) << encoding << qint64(1);
            QTest::newRow(qPrintable(rowName(encoding, "same version"))) << encoding << qint64(2);
        }
    }
    void partialAccepts()
    {
        QFETCH(Encoding, encoding);
        QFETCH(qint64, trustedVersion);
        RepositoryBuilder director(encoding, m_keys, kNow);
        assignFirmware(director);
        director.targets[u"targets"_s].version = 2;
        const QByteArray targets = director.publishTargets(u"targets"_s);

        VerificationReport report;
        auto result = verifyDirectorTargetsPartial(PartialTrust{director.initialRoot(), trustedVersion}, {}, targets,
                                                   encoding, kNow.addSecs(3600), u"democar"_s, &report);
        QVERIFY2(result, qPrintable(report.toText()));
        QVERIFY(report.allPassed());
        QVERIFY(recordsStep(report, u"Uptane 5.4.4.1"_s, u"targets"_s));
        QCOMPARE(result->directorRoot, director.initialRoot());
        QCOMPARE(result->targetsBytes, targets);
        QCOMPARE(result->targets.body.version, 2);
        auto mine = targetForEcu(result->targets.body, u"tcu"_s);
        QVERIFY(mine && mine->has_value());
        QVERIFY(checkOwnTarget(**mine, EcuIdentity{u"tcu"_s, u"tcu-hw"_s, 1}));
        QVERIFY(checkImage(kImage, **mine));
    }

    // The Director rotates its targets key: the new key counts only once the ECU has followed
    // the root rotation, and the old key no longer does.
    void partialFollowsRootRotation()
    {
        for (Encoding encoding : {Encoding::Json, Encoding::Der}) {
            m_keys.rewind();
            RepositoryBuilder director(encoding, m_keys, kNow);
            assignFirmware(director);
            const QByteArray oldTargets = director.publishTargets(u"targets"_s);
            director.rotateKeys(u"targets"_s);
            director.bumpRoot();
            const QByteArray root2 = director.files.value(director.fileName(u"root"_s, 2));
            const QByteArray newTargets = director.publishTargets(u"targets"_s);
            const PartialTrust trust{director.initialRoot(), 1};

            VerificationReport before;
            QVERIFY(failsWith(verifyDirectorTargetsPartial(trust, {}, newTargets, encoding, kNow, u"democar"_s, &before),
                              ErrorCode::ThresholdNotMet, before));

            VerificationReport after;
            auto result = verifyDirectorTargetsPartial(trust, {root2}, newTargets, encoding, kNow, u"democar"_s, &after);
            QVERIFY2(result, qPrintable(after.toText()));
            QCOMPARE(result->directorRoot, root2);
            QVERIFY(recordsStep(after, u"TUF 5.3.4"_s, u"root"_s));

            VerificationReport revoked;
            QVERIFY(failsWith(verifyDirectorTargetsPartial(trust, {root2}, oldTargets, encoding, kNow, u"democar"_s,
                                                           &revoked),
                              ErrorCode::ThresholdNotMet, revoked));
        }
    }

    void partialRejects_data()
    {
        addEncodingColumn();
        QTest::addColumn<int>("mutation");
        QTest::addColumn<ErrorCode>("code");
        for (Encoding encoding : {Encoding::Json, Encoding::Der}) {
            const auto row = [&](const char *name, PartialCase mutation, ErrorCode code) {
                QTest::newRow(qPrintable(rowName(encoding, name))) << encoding << int(mutation) << code;
            };
            row("signed by another key", OtherTargetsKey, ErrorCode::ThresholdNotMet);
            row("expired at the attested time", ExpiredAtAttestedTime, ErrorCode::Expired);
            row("lower version", LowerVersion, ErrorCode::Rollback);
            row("delegates", Delegates, ErrorCode::DirectorHasDelegations);
            row("another vehicle", OtherVehicle, ErrorCode::UnknownEcu);
            row("no vehicle", NoVehicle, ErrorCode::UnknownEcu);
            row("target without ECU id", NoEcuId, ErrorCode::SchemaViolation);
            row("rotation not signed by the trusted root", RotationNotSignedByOldRoot, ErrorCode::RootThresholdOld);
            row("rotation skips a version", RotationSkipsVersion, ErrorCode::BadVersion);
            row("root offered as targets", RootAsTargets, ErrorCode::WrongType);
            row("no attested time", NoAttestedTime, ErrorCode::InvalidArgument);
        }
    }
    void partialRejects()
    {
        QFETCH(Encoding, encoding);
        QFETCH(int, mutation);
        QFETCH(ErrorCode, code);
        RepositoryBuilder director(encoding, m_keys, kNow);
        assignFirmware(director);
        Targets &body = director.targets[u"targets"_s];
        PartialTrust trust{director.initialRoot(), 1};
        QList<QByteArray> newRoots;
        QDateTime attested = kNow;
        QByteArray targets;
        switch (PartialCase(mutation)) {
        case OtherTargetsKey:
            targets = director.sign(u"targets"_s, body, {m_impostor});
            break;
        case ExpiredAtAttestedTime:
            attested = body.expires;  // expired from that second on
            break;
        case LowerVersion:
            trust.targetsVersion = 2;
            break;
        case Delegates: {
            DelegatedRole supplier;
            supplier.name = u"supplier"_s;
            supplier.paths = QStringList{u"*"_s};
            director.addDelegation(u"targets"_s, supplier);
            break;
        }
        case OtherVehicle:
            body.vehicleId = u"othercar"_s;
            break;
        case NoVehicle:
            body.vehicleId.reset();
            break;
        case NoEcuId:
            director.addTarget(u"targets"_s, u"extra.img"_s, kImage);
            break;
        case RotationNotSignedByOldRoot:
            director.rotateKeys(u"root"_s);
            director.extraRootSigners.clear();
            director.bumpRoot();
            newRoots.append(director.files.value(director.fileName(u"root"_s, 2)));
            break;
        case RotationSkipsVersion:
            director.root.version = 3;
            newRoots.append(director.publishRoot());
            break;
        case RootAsTargets:
            targets = director.initialRoot();
            break;
        case NoAttestedTime:
            attested = QDateTime();
            break;
        }
        if (targets.isEmpty())
            targets = director.publishTargets(u"targets"_s);
        VerificationReport report;
        QVERIFY(failsWith(verifyDirectorTargetsPartial(trust, newRoots, targets, encoding, attested, u"democar"_s, &report),
                          code, report));
    }
};

QTEST_GUILESS_MAIN(TestUptaneChecks)
#include "tst_uptanechecks.moc"
