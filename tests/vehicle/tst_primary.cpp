// The Primary (core/vehicle/primary.h) against the real OEM services of the demo fleet, served
// in memory (primaryfixture.h), in both encodings: every check that stops a cycle, with the
// ErrorCode it must give and every ECU store left byte for byte as it was; what a Secondary
// refuses stays its own outcome; what the Primary hands over the bus; its own installation;
// root rotations; the manifest it reports and the Director's refusal of it.

#include "primaryfixture.h"

#include "metadata/busmessage.h"
#include "vehicle/bundle.h"

#include <QTest>

using namespace Uptane;
using namespace Uptane::Test;
using namespace Qt::StringLiterals;
using Metadata::Encoding;
using Vehicle::Verdict;

namespace {

template <typename T>
T must(Result<T> result, const char *what)
{
    if (!result)
        qFatal("%s: %s", what, qPrintable(result.error().toString()));
    return std::move(*result);
}
inline void must(Result<void> result, const char *what)
{
    if (!result)
        qFatal("%s: %s", what, qPrintable(result.error().toString()));
}

QByteArray flipMiddleByte(QByteArray bytes)
{
    bytes[bytes.size() / 2] = char(bytes.at(bytes.size() / 2) ^ 0x01);
    return bytes;
}

// The same metadata, signed by a key nobody trusts.
template <typename T>
QByteArray resignedByStranger(const QByteArray &bytes, Encoding encoding)
{
    static const Crypto::PrivateKey stranger = Crypto::PrivateKey::generate(Crypto::KeyType::Ed25519).value();
    auto parsed = must(Metadata::parse<T>(bytes, encoding), "parse to re-sign");
    return must(Metadata::signAndSerialize(parsed.body, encoding, {stranger}), "re-sign");
}

QByteArray withoutFirstNonce(const QByteArray &request)
{
    Json::Array nonces = must(Json::parse(request), "nonce request")[u"nonces"_s].toArray();
    nonces.removeFirst();
    return must(Json::canonical(Json::Value(Json::Object{{u"nonces"_s, nonces}})), "nonce request");
}

void assign(DemoLab &lab, const QString &serial, const QString &path)
{
    must(lab.services().director().assign(Demo::vin(), serial, path), "assign");
}

void assignFirmware(DemoLab &lab)
{
    assign(lab, Demo::secondarySerial(), Demo::firmwarePath());
    assign(lab, Demo::partialSerial(), Demo::firmwarePath());
}

// Edits the Director's targets (signed with its real keys).
void directorPublishes(DemoLab &lab, const std::function<void(Metadata::Targets &)> &edit)
{
    must(lab.publishDirectorTargets(edit), "publish Director targets");
}

// firmware.img for TCUdemocar as the Director lists it, altered by edit.
void directorAssignsFirmware(DemoLab &lab, const std::function<void(Metadata::TargetFile &)> &edit)
{
    directorPublishes(lab, [&](Metadata::Targets &targets) {
        for (Metadata::TargetFile &target : targets.targets)
            target.ecuSerials.removeAll(Demo::secondarySerial());
        targets.targets.removeIf([](auto it) { return it.value().ecuSerials.isEmpty(); });
        Metadata::TargetFile firmware = lab.assignment(Demo::firmwarePath(), {Demo::secondarySerial()});
        edit(firmware);
        targets.targets.insert(firmware.path, firmware);
    });
}

struct StopCase
{
    const char *name;
    ErrorCode code;
    std::function<void(DemoLab &)> arrange;
};

QList<StopCase> stopCases()
{
    const auto connectionRefused = Error{ErrorCode::ConnectionFailed, u"connection refused"_s};
    return {
        // ---- time (Time Server): signature, every nonce, time not going back
        {"attestation lacks a Secondary's nonce", ErrorCode::NonceMissing,
         [](DemoLab &lab) { lab.fetcher().rewriteRequest(u"timeserver/attestation"_s, withoutFirstNonce); }},
        {"attestation signed by another key", ErrorCode::BadTimeAttestation,
         [](DemoLab &lab) {
             const Encoding encoding = lab.encoding();
             lab.fetcher().rewriteAnswer(u"timeserver/attestation"_s, [encoding](const QByteArray &bytes) {
                 return resignedByStranger<Metadata::TimeAttestation>(bytes, encoding);
             });
         }},
        {"attested time earlier than the last", ErrorCode::TimeWentBackwards,
         [](DemoLab &lab) { lab.clock().advance(-7200); }},
        {"Time Server unreachable", ErrorCode::ConnectionFailed,
         [=](DemoLab &lab) { lab.fetcher().failWith(u"timeserver/"_s, connectionRefused); }},

        // ---- the Director repository (TUF 5.3-5.6 through the Updater)
        {"Director unreachable", ErrorCode::ConnectionFailed,
         [=](DemoLab &lab) { lab.fetcher().failWith(u"/director/"_s, connectionRefused); }},
        {"Director timestamp missing (HTTP 404)", ErrorCode::NotFound,
         [](DemoLab &lab) {
             lab.fetcher().failWith(lab.directorFile(u"timestamp"_s), {ErrorCode::NotFound, u"HTTP 404"_s});
         }},
        {"Director timestamp signed by a stranger", ErrorCode::ThresholdNotMet,
         [](DemoLab &lab) {
             const Encoding encoding = lab.encoding();
             lab.fetcher().rewriteAnswer(lab.directorFile(u"timestamp"_s), [encoding](const QByteArray &bytes) {
                 return resignedByStranger<Metadata::Timestamp>(bytes, encoding);
             });
         }},
        // (Stored files that are still current are not fetched again: something new first.)
        {"Director snapshot altered on the way", ErrorCode::HashMismatch,
         [](DemoLab &lab) {
             assignFirmware(lab);
             lab.fetcher().rewriteAnswer(lab.directorFile(u"snapshot"_s), flipMiddleByte);
         }},
        {"Director targets altered on the way", ErrorCode::HashMismatch,
         [](DemoLab &lab) {
             assignFirmware(lab);
             lab.fetcher().rewriteAnswer(lab.directorFile(u"targets"_s), flipMiddleByte);
         }},
        {"Director metadata expired (freeze)", ErrorCode::Expired,
         [](DemoLab &lab) { lab.clock().advance(2 * 86400); }},
        {"Director timestamp replayed", ErrorCode::Rollback,
         [](DemoLab &lab) {
             const QString file = lab.root() + u'/' + lab.directorFile(u"timestamp"_s);
             QFile old(file);
             QVERIFY(old.open(QIODevice::ReadOnly));
             const QByteArray replayed = old.readAll();
             assignFirmware(lab);
             QVERIFY(!lab.cycle().stoppedBy);
             lab.fetcher().rewriteAnswer(lab.directorFile(u"timestamp"_s),
                                         [replayed](const QByteArray &) { return replayed; });
         }},

        // ---- Director targets (Uptane 5.4.4.6)
        {"Director names an ECU of no vehicle", ErrorCode::UnknownEcu,
         [](DemoLab &lab) {
             directorPublishes(lab, [&](Metadata::Targets &targets) {
                 targets.targets.insert(Demo::firmwarePath(), lab.assignment(Demo::firmwarePath(), {u"GHOSTdemocar"_s}));
             });
         }},
        {"Director names an ECU twice", ErrorCode::DuplicateEcu,
         [](DemoLab &lab) {
             directorPublishes(lab, [&](Metadata::Targets &targets) {
                 targets.targets.insert(Demo::firmwarePath(),
                                        lab.assignment(Demo::firmwarePath(), {Demo::secondarySerial()}));
             });
         }},
        {"Director targets for another vehicle", ErrorCode::UnknownEcu,
         [](DemoLab &lab) {
             directorPublishes(lab, [](Metadata::Targets &targets) { targets.vehicleId = u"othercar"_s; });
         }},
        {"Director delegates", ErrorCode::DirectorHasDelegations,
         [](DemoLab &lab) {
             const auto key = must(lab.services().keys().loadOrCreate(u"rogue-delegate"_s, Crypto::KeyType::Ed25519),
                                   "rogue key");
             const QString keyid = Metadata::computeKeyId(key.publicKey());
             directorPublishes(lab, [&](Metadata::Targets &targets) {
                 Metadata::Delegations delegations;
                 Metadata::KeyEntry entry;
                 entry.keyid = keyid;
                 entry.key = key.publicKey();
                 delegations.keys.insert(keyid, entry);
                 Metadata::DelegatedRole role;
                 role.name = u"rogue"_s;
                 role.keyids = {keyid};
                 role.paths = QStringList{u"*"_s};
                 delegations.roles.append(role);
                 targets.delegations = delegations;
             });
         }},

        // ---- Director vs Image Repository (Uptane 5.4.4.2 step 10)
        {"Director and Image Repository hashes differ", ErrorCode::TargetMismatch,
         [](DemoLab &lab) {
             directorAssignsFirmware(lab, [](Metadata::TargetFile &firmware) {
                 firmware.hashes[u"sha256"_s] = flipMiddleByte(firmware.hashes.value(u"sha256"_s));
             });
         }},
        {"Director and Image Repository lengths differ", ErrorCode::TargetMismatch,
         [](DemoLab &lab) { directorAssignsFirmware(lab, [](Metadata::TargetFile &firmware) { ++firmware.length; }); }},
        {"Director and Image Repository release counters differ", ErrorCode::TargetMismatch,
         [](DemoLab &lab) {
             directorAssignsFirmware(lab, [](Metadata::TargetFile &firmware) { firmware.releaseCounter = 7; });
         }},
        {"Director and Image Repository hardware ids differ", ErrorCode::HardwareIdMismatch,
         [](DemoLab &lab) {
             directorAssignsFirmware(lab, [](Metadata::TargetFile &firmware) {
                 firmware.hardwareId = Demo::primaryHardwareId();
             });
         }},
        {"Director assigns an image the Image Repository lacks", ErrorCode::TargetNotFound,
         [](DemoLab &lab) {
             directorAssignsFirmware(lab, [](Metadata::TargetFile &firmware) { firmware.path = u"evil.img"_s; });
         }},
        {"Image Repository snapshot altered on the way", ErrorCode::HashMismatch,
         [](DemoLab &lab) {
             must(lab.services().images().addImage(u"extra.img"_s, "extra", Demo::secondaryHardwareId(), 1), "add");
             lab.fetcher().rewriteAnswer(lab.imageRepoFile(u"snapshot"_s), flipMiddleByte);
         }},
        {"Image Repository targets altered on the way", ErrorCode::HashMismatch,
         [](DemoLab &lab) {
             must(lab.services().images().addImage(u"extra.img"_s, "extra", Demo::secondaryHardwareId(), 1), "add");
             lab.fetcher().rewriteAnswer(lab.imageRepoFile(u"targets"_s), flipMiddleByte);
         }},

        // ---- images (length and hashes from the metadata are hard caps)
        {"image altered on the way", ErrorCode::HashMismatch,
         [](DemoLab &lab) {
             assignFirmware(lab);
             lab.fetcher().rewriteAnswer(lab.imageUrl(Demo::firmwarePath()), flipMiddleByte);
         }},
        {"image endless", ErrorCode::LengthMismatch,
         [](DemoLab &lab) {
             assignFirmware(lab);
             lab.fetcher().rewriteAnswer(lab.imageUrl(Demo::firmwarePath()),
                                         [](const QByteArray &bytes) { return bytes + QByteArray(1 << 20, 'x'); });
         }},
        {"image short", ErrorCode::LengthMismatch,
         [](DemoLab &lab) {
             assignFirmware(lab);
             lab.fetcher().rewriteAnswer(lab.imageUrl(Demo::firmwarePath()),
                                         [](const QByteArray &bytes) { return bytes.chopped(1); });
         }},
        {"image missing (HTTP 404)", ErrorCode::NotFound,
         [](DemoLab &lab) {
             assignFirmware(lab);
             lab.fetcher().failWith(lab.imageUrl(Demo::firmwarePath()), {ErrorCode::NotFound, u"HTTP 404"_s});
         }},

        // ---- the Primary's own image (Uptane 5.4.3)
        {"Primary assigned an image for other hardware", ErrorCode::HardwareIdMismatch,
         [](DemoLab &lab) {
             directorPublishes(lab, [&](Metadata::Targets &targets) {
                 targets.targets.remove(Demo::primaryImagePath());
                 targets.targets.insert(Demo::firmwarePath(),
                                        lab.assignment(Demo::firmwarePath(), {Demo::primarySerial()}));
             });
         }},
        {"Primary assigned an older release", ErrorCode::ReleaseCounterRollback,
         [](DemoLab &lab) {
             must(lab.services().images().addImage(u"infotainment-0.9.img"_s, "old infotainment",
                                                   Demo::primaryHardwareId(), 0),
                  "add image");
             assign(lab, Demo::primarySerial(), u"infotainment-0.9.img"_s);
         }},
    };
}

} // namespace

class TestPrimary : public QObject
{
    Q_OBJECT

private slots:
    void stopsTheCycle_data()
    {
        QTest::addColumn<Encoding>("encoding");
        QTest::addColumn<int>("index");
        const QList<StopCase> cases = stopCases();
        for (Encoding encoding : {Encoding::Json, Encoding::Der}) {
            for (qsizetype i = 0; i < cases.size(); ++i)
                QTest::addRow("%s: %s", qPrintable(Metadata::encodingName(encoding)), cases.at(i).name) << encoding << int(i);
        }
    }

    // The first failure stops the cycle for the whole vehicle: nothing sent to the
    // Secondaries, nothing committed anywhere, every ECU's outcome is the Primary's verdict.
    void stopsTheCycle()
    {
        QFETCH(Encoding, encoding);
        QFETCH(int, index);
        const StopCase row = stopCases().at(index);
        DemoLab lab(encoding);
        QVERIFY(!lab.cycle().stoppedBy);  // the first cycle: all is well
        row.arrange(lab);
        if (QTest::currentTestFailed())
            return;
        const Files before = lab.vehicleFiles();
        QList<Metadata::BusMessage::Kind> sent;
        lab.vehicle().bus().setInterceptor([&](const QString &, const QString &, const QByteArray &bytes, bool isReply)
                                               -> std::optional<QByteArray> {
            if (!isReply)
                sent.append(must(Metadata::decodeBusMessage(bytes, encoding), "bus message").kind);
            return bytes;
        });

        const Vehicle::CycleResult result = lab.cycle();
        QVERIFY(result.stoppedBy);
        QCOMPARE(result.stoppedBy->code, row.code);
        QCOMPARE(result.outcomes.size(), 3);
        for (const Vehicle::EcuOutcome &outcome : result.outcomes) {
            QCOMPARE(outcome.verdict, Vehicle::verdictForError(row.code));
            QVERIFY(outcome.error);
            QCOMPARE(outcome.error->code, row.code);
            QCOMPARE(outcome.decidedBy, Demo::primarySerial());
            QCOMPARE(outcome.cycle, result.cycle);
        }
        QCOMPARE(lab.vehicleFiles(), before);
        // Only the nonce requests went over the bus.
        QCOMPARE(sent, QList<Metadata::BusMessage::Kind>(2, Metadata::BusMessage::Kind::NonceRequest));

        // The Primary still reports, and says what it detected (unless the Director is out
        // of reach).
        QVERIFY(!result.vehicleManifest.isEmpty());
        if (!result.manifestError) {
            const auto attacks = must(lab.services().director().inventory().attacks(Demo::vin()), "attacks");
            QVERIFY(std::any_of(attacks.cbegin(), attacks.cend(), [&](const Services::AttackRecord &attack) {
                return attack.ecuSerial == Demo::primarySerial()
                       && attack.text.startsWith(errorCodeName(row.code) + u':');
            }));
        }
    }

    void encodings_data()
    {
        QTest::addColumn<Encoding>("encoding");
        QTest::newRow("json") << Encoding::Json;
        QTest::newRow("der") << Encoding::Der;
    }

    void deliversFirmware_data() { encodings_data(); }
    void deliversFirmware()
    {
        QFETCH(Encoding, encoding);
        DemoLab lab(encoding);
        Vehicle::CycleResult result = lab.cycle();
        QVERIFY2(!result.stoppedBy, qPrintable(result.stoppedBy ? result.stoppedBy->toString() : QString()));
        QVERIFY2(!result.manifestError, qPrintable(result.manifestError ? result.manifestError->toString() : QString()));
        for (const Vehicle::EcuOutcome &outcome : result.outcomes)
            QCOMPARE(Vehicle::verdictName(outcome.verdict), u"UP TO DATE"_s);

        assignFirmware(lab);
        result = lab.cycle();
        QVERIFY(!result.stoppedBy);
        QVERIFY(!result.manifestError);
        QCOMPARE(result.outcome(Demo::primarySerial())->verdict, Verdict::UpToDate);
        const QByteArray firmware = lab.imageBytes(Demo::firmwarePath());
        for (const QString &serial : Demo::secondarySerials()) {
            const Vehicle::EcuOutcome *outcome = result.outcome(serial);
            QVERIFY(outcome);
            QCOMPARE(Vehicle::verdictName(outcome->verdict), u"UPDATED"_s);
            QCOMPARE(outcome->installed->path, Demo::firmwarePath());
            QCOMPARE(must(lab.vehicle().store(serial)->imageBytes(), "image"), firmware);
            // The Primary remembers what each reported, for the next release counter check.
            QCOMPARE(lab.vehicle().store(Demo::primarySerial())->state().reportedInstalled.value(serial).path,
                     Demo::firmwarePath());
        }
        // The Director recorded it from the verified manifest.
        const auto installed = must(lab.services().director().inventory().installed(Demo::vin()), "installed");
        for (const QString &serial : Demo::secondarySerials()) {
            QVERIFY(std::any_of(installed.cbegin(), installed.cend(), [&](const Services::InstalledRecord &record) {
                return record.ecuSerial == serial && record.image.path == Demo::firmwarePath();
            }));
        }

        // Nothing new: everyone up to date, and the image does not travel again.
        const qsizetype requests = lab.fetcher().requested().size();
        result = lab.cycle();
        QVERIFY(!result.stoppedBy);
        for (const Vehicle::EcuOutcome &outcome : result.outcomes)
            QCOMPARE(outcome.verdict, Verdict::UpToDate);
        const QStringList later = lab.fetcher().requested().mid(requests);
        QVERIFY(std::none_of(later.cbegin(), later.cend(),
                             [](const QString &request) { return request.contains(u"imagerepo/targets/"_s); }));
    }

    void installsItsOwnImage_data() { encodings_data(); }
    void installsItsOwnImage()
    {
        QFETCH(Encoding, encoding);
        DemoLab lab(encoding);
        const QByteArray content = QByteArray("infotainment 2.0\n").repeated(1000);
        must(lab.services().images().addImage(u"infotainment-2.0.img"_s, content, Demo::primaryHardwareId(), 2), "add");
        assign(lab, Demo::primarySerial(), u"infotainment-2.0.img"_s);
        Vehicle::CycleResult result = lab.cycle();
        QVERIFY(!result.stoppedBy);
        QVERIFY(!result.manifestError);
        const Vehicle::EcuOutcome *primary = result.outcome(Demo::primarySerial());
        QCOMPARE(primary->verdict, Verdict::Updated);
        QCOMPARE(primary->installed->path, u"infotainment-2.0.img"_s);
        const Vehicle::EcuStore *store = lab.vehicle().store(Demo::primarySerial());
        QCOMPARE(must(store->imageBytes(), "image"), content);
        QCOMPARE(store->state().backup->path, Demo::primaryImagePath());
        QCOMPARE(store->state().installed->releaseCounter, std::optional<qint64>(2));
        for (const QString &serial : Demo::secondarySerials())
            QCOMPARE(result.outcome(serial)->verdict, Verdict::UpToDate);

        // A planted image that passes every check is a compromise, not an update.
        must(lab.services().images().addImage(u"infotainment-3.0.img"_s, "evil", Demo::primaryHardwareId(), 3), "add");
        lab.vehicle().setMaliciousImages({Crypto::sha256("evil")});
        assign(lab, Demo::primarySerial(), u"infotainment-3.0.img"_s);
        result = lab.cycle();
        QCOMPARE(result.outcome(Demo::primarySerial())->verdict, Verdict::Compromised);
    }

    // A Secondary's refusal is its own outcome; the Primary and the other Secondary go on.
    void secondaryRefusalIsItsOwn_data() { encodings_data(); }
    void secondaryRefusalIsItsOwn()
    {
        QFETCH(Encoding, encoding);
        DemoLab lab(encoding);
        QVERIFY(!lab.cycle().stoppedBy);
        assignFirmware(lab);
        const QString tcu = Demo::secondarySerial();
        const QString ext = Metadata::fileExtension(encoding);
        lab.vehicle().bus().setInterceptor([&](const QString &, const QString &to, const QByteArray &bytes, bool isReply)
                                               -> std::optional<QByteArray> {
            auto message = Metadata::decodeBusMessage(bytes, encoding);
            if (isReply || to != tcu || !message || message->kind != Metadata::BusMessage::Kind::MetadataBundle)
                return bytes;
            // Someone on the bus alters the Director's targets in TCUdemocar's bundle.
            auto files = must(Vehicle::readBundle(message->payload), "bundle");
            for (auto it = files.begin(); it != files.end(); ++it) {
                if (it.key().startsWith(u"director/"_s) && it.key().endsWith(u".targets."_s + ext))
                    *it = flipMiddleByte(*it);
            }
            message->payload = must(Vehicle::writeBundle(files), "bundle");
            return must(Metadata::encodeBusMessage(*message, encoding), "encode");
        });
        const Files tcuBefore = filesUnder(lab.vehicle().store(tcu)->dir());

        const Vehicle::CycleResult result = lab.cycle();
        QVERIFY(!result.stoppedBy);
        QCOMPARE(result.outcome(Demo::primarySerial())->verdict, Verdict::UpToDate);
        const Vehicle::EcuOutcome *refused = result.outcome(tcu);
        QCOMPARE(refused->verdict, Verdict::Defended);
        QCOMPARE(refused->error->code, ErrorCode::HashMismatch);
        QCOMPARE(refused->decidedBy, tcu);
        QCOMPARE(filesUnder(lab.vehicle().store(tcu)->dir()), tcuBefore);
        QCOMPARE(result.outcome(Demo::partialSerial())->verdict, Verdict::Updated);
    }

    // A Secondary that gives no nonce takes no part; the others update.
    void silentSecondaryIsLeftOut_data() { encodings_data(); }
    void silentSecondaryIsLeftOut()
    {
        QFETCH(Encoding, encoding);
        DemoLab lab(encoding);
        assignFirmware(lab);
        const QString door = Demo::partialSerial();
        lab.vehicle().bus().setInterceptor([&](const QString &, const QString &to, const QByteArray &bytes, bool)
                                               -> std::optional<QByteArray> {
            if (to == door)
                return std::nullopt;  // dropped
            return bytes;
        });
        const Vehicle::CycleResult result = lab.cycle();
        QVERIFY(!result.stoppedBy);
        QVERIFY(!result.manifestError);
        QCOMPARE(result.outcome(door)->verdict, Verdict::NoUpdate);
        QCOMPARE(result.outcome(Demo::secondarySerial())->verdict, Verdict::Updated);
        auto manifest = must(Metadata::parse<Metadata::VehicleManifest>(result.vehicleManifest, encoding), "manifest");
        QVERIFY(!manifest.body.ecuManifests.contains(door));
        QVERIFY(manifest.body.attacksDetected.contains(door));
    }

    // An image every ECU it is for reported running is not downloaded; a Secondary that asks
    // for it anyway (here: replaced by a factory-fresh one) gets it fetched on demand.
    void fetchesAnImageOnDemand_data() { encodings_data(); }
    void fetchesAnImageOnDemand()
    {
        QFETCH(Encoding, encoding);
        DemoLab lab(encoding);
        assignFirmware(lab);
        QVERIFY(!lab.cycle().stoppedBy);
        const QString tcu = Demo::secondarySerial();
        must(lab.services().director().unassign(Demo::vin(), tcu), "unassign");
        const QString dir = lab.vehiclesDir() + u"/democar/"_s + tcu;
        for (const QFileInfo &entry : QDir(dir).entryInfoList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot)) {
            if (!entry.fileName().startsWith(u"ecu.p"_s))
                QVERIFY(entry.isDir() ? QDir(entry.filePath()).removeRecursively() : QFile::remove(entry.filePath()));
        }
        must(Lab::provisionDemoVehicle(lab.services(), lab.clock().now()), "provision");  // no image
        lab.reopenVehicle();
        QVERIFY(!lab.vehicle().store(tcu)->state().installed);
        assign(lab, tcu, Demo::firmwarePath());

        const qsizetype requests = lab.fetcher().requested().size();
        lab.events().clear();
        const Vehicle::CycleResult result = lab.cycle();
        QVERIFY(!result.stoppedBy);
        QVERIFY(std::any_of(lab.events().cbegin(), lab.events().cend(), [](const LabEvent &event) {
            return event.summary.startsWith(Demo::firmwarePath() + u": installed already"_s);
        }));
        QCOMPARE(result.outcome(tcu)->verdict, Verdict::Updated);
        QCOMPARE(must(lab.vehicle().store(tcu)->imageBytes(), "image"), lab.imageBytes(Demo::firmwarePath()));
        QCOMPARE(result.outcome(Demo::partialSerial())->verdict, Verdict::UpToDate);
        const QStringList later = lab.fetcher().requested().mid(requests);
        QCOMPARE(later.count(u"GET "_s + ServicesFetcher::base() + lab.imageUrl(Demo::firmwarePath())), 1);
    }

    // Release counters never go back, against what each ECU last reported (Uptane 5.4.4.2).
    void releaseCounterRollback_data() { encodings_data(); }
    void releaseCounterRollback()
    {
        QFETCH(Encoding, encoding);
        DemoLab lab(encoding);
        assignFirmware(lab);  // release 2
        QVERIFY(!lab.cycle().stoppedBy);
        assign(lab, Demo::secondarySerial(), Demo::supplierImagePath());  // release 1
        const Files before = lab.vehicleFiles();
        const Vehicle::CycleResult result = lab.cycle();
        QVERIFY(result.stoppedBy);
        QCOMPARE(result.stoppedBy->code, ErrorCode::ReleaseCounterRollback);
        QCOMPARE(result.outcome(Demo::secondarySerial())->verdict, Verdict::Replay);
        QCOMPARE(lab.vehicleFiles(), before);
    }

    // The Director refuses a replayed manifest: reported, not a verdict.
    void manifestRefusalIsReported_data() { encodings_data(); }
    void manifestRefusalIsReported()
    {
        QFETCH(Encoding, encoding);
        DemoLab lab(encoding);
        const Vehicle::CycleResult first = lab.cycle();
        QVERIFY(!first.manifestError);
        const QByteArray replayed = first.vehicleManifest;
        lab.fetcher().rewriteRequest(u"/manifest"_s, [replayed](const QByteArray &) { return replayed; });
        const qint64 generation = lab.vehicle().store(Demo::primarySerial())->generation();
        const Vehicle::CycleResult second = lab.cycle();
        QVERIFY(!second.stoppedBy);
        QVERIFY(second.manifestError);
        QCOMPARE(second.manifestError->code, ErrorCode::ReusedNonce);
        for (const Vehicle::EcuOutcome &outcome : second.outcomes)
            QCOMPARE(outcome.verdict, Verdict::UpToDate);
        QVERIFY(lab.vehicle().store(Demo::primarySerial())->generation() > generation);
    }

    // What goes over the bus: the repositories' files exactly as served, named as served.
    void bundles_data() { encodings_data(); }
    void bundles()
    {
        QFETCH(Encoding, encoding);
        DemoLab lab(encoding);
        QMap<QString, Files> received;
        lab.vehicle().bus().setInterceptor([&](const QString &, const QString &to, const QByteArray &bytes, bool isReply)
                                               -> std::optional<QByteArray> {
            auto message = Metadata::decodeBusMessage(bytes, encoding);
            if (!isReply && message
                && (message->kind == Metadata::BusMessage::Kind::MetadataBundle
                    || message->kind == Metadata::BusMessage::Kind::DirectorTargets)) {
                received.insert(to, must(Vehicle::readBundle(message->payload), "bundle"));
            }
            return bytes;
        });
        QVERIFY(!lab.cycle().stoppedBy);

        const QString ext = u'.' + Metadata::fileExtension(encoding);
        const auto served = [&](const QString &name) {
            const QString path = name.startsWith(u"director/"_s)
                                     ? QString(u"/director/"_s + Demo::vin() + u"/metadata/"_s + name.mid(9))
                                     : QString(u"/imagerepo/metadata/"_s + name.mid(10));
            QFile file(lab.root() + path);
            return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
        };
        QStringList full{u"director/1.root"_s + ext, u"director/timestamp"_s + ext, u"imagerepo/1.root"_s + ext,
                         u"imagerepo/timestamp"_s + ext};
        for (const QString &file : {lab.directorFile(u"snapshot"_s), lab.directorFile(u"targets"_s)})
            full.append(u"director/"_s + file.section(u'/', -1));
        for (const QString &role : {u"snapshot"_s, u"targets"_s, u"supplier-acme"_s})
            full.append(u"imagerepo/"_s + lab.imageRepoFile(role).section(u'/', -1));
        full.sort();
        const Files tcu = received.value(Demo::secondarySerial());
        QCOMPARE(tcu.keys(), full);
        for (auto it = tcu.cbegin(); it != tcu.cend(); ++it)
            QCOMPARE(*it, served(it.key()));
        const Files door = received.value(Demo::partialSerial());
        QCOMPARE(door.keys(), (QStringList{u"director/1.root"_s + ext,
                                           u"director/"_s + lab.directorFile(u"targets"_s).section(u'/', -1)}));
        for (auto it = door.cbegin(); it != door.cend(); ++it)
            QCOMPARE(*it, served(it.key()));
    }

    // New roots reach the Primary and, through the bundle, the Secondaries (TUF 5.3).
    void followsRootRotations_data() { encodings_data(); }
    void followsRootRotations()
    {
        QFETCH(Encoding, encoding);
        DemoLab lab(encoding);
        QVERIFY(!lab.cycle().stoppedBy);
        must(lab.services().director().rotateKeys(Demo::vin(), u"targets"_s), "rotate Director targets");
        must(lab.services().images().rotateKeys(u"snapshot"_s), "rotate Image snapshot");
        assignFirmware(lab);
        const Vehicle::CycleResult result = lab.cycle();
        QVERIFY2(!result.stoppedBy, qPrintable(result.stoppedBy ? result.stoppedBy->toString() : QString()));
        for (const QString &serial : Demo::secondarySerials())
            QCOMPARE(result.outcome(serial)->verdict, Verdict::Updated);
        const auto &metadata = lab.vehicle().store(Demo::primarySerial())->metadata();
        for (const QString &name : {u"director/1.root"_s, u"director/2.root"_s, u"imagerepo/1.root"_s, u"imagerepo/2.root"_s})
            QVERIFY2(metadata.contains(name), qPrintable(name));
        QCOMPARE(metadata.value(u"director/root"_s), metadata.value(u"director/2.root"_s));
    }

    // Every step is narrated: checks, bus messages, the verdict.
    void narrates()
    {
        DemoLab lab(Encoding::Json);
        QVERIFY(!lab.cycle().stoppedBy);
        const QString primary = Demo::vin() + u'/' + Demo::primarySerial();
        const auto count = [&](LabEvent::Kind kind, const QString &from) {
            return std::count_if(lab.events().cbegin(), lab.events().cend(), [&](const LabEvent &event) {
                return event.kind == kind && (from.isEmpty() || event.from == from);
            });
        };
        QVERIFY(count(LabEvent::Kind::Check, primary) > 10);
        QCOMPARE(count(LabEvent::Kind::Verdict, primary), 1);
        QVERIFY(count(LabEvent::Kind::BusMessage, {}) >= 8);
        QVERIFY(count(LabEvent::Kind::Note, primary) > 3);
    }
};

QTEST_GUILESS_MAIN(TestPrimary)
#include "tst_primary.moc"
