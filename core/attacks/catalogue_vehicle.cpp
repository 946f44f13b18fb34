// The threat model inside and around the vehicle (catalogue.h): what an attacker on the
// vehicle's bus, in a compromised Primary, on the manifest upload or on the Time Server link
// can do, and what the Director's inventory shows afterwards. Uptane Standard §4 (threat
// model), §5.4.3 (install, version report), §5.4.4 (verification), §5.3.2 (the Director
// reading manifests); the Time Server of the pre-2.0 Deployment Considerations.

#include "attacks/catalogue.h"
#include "attacks/scenariokit.h"

#include "crypto/keys.h"
#include "metadata/codec.h"
#include "services/oemservices.h"
#include "vehicle/bundle.h"

#include <QFile>
#include <QMutex>

#include <algorithm>
#include <memory>

using namespace Qt::StringLiterals;

namespace Uptane::Attacks {

namespace {

namespace Demo = Services::DemoFleet;
using Metadata::BusMessage;
using Vehicle::Verdict;

const QString kRelease = u"release"_s;         // ctx.values: the path of the release delivered
const QString kRecording = u"recording"_s;     // ctx.values: what a tap recorded (Recording)
const QString kRecorder = u"recorder"_s;       // ctx.values: the AttackId of the recording tap

// ---- expectations

DirectorExpectation director(const QString &serial, DirectorFinding finding, std::optional<ErrorCode> code = {})
{
    return {serial, finding, code};
}

// The Director's view of both Secondaries, each the same way.
QList<DirectorExpectation> directorSees(DirectorFinding finding, std::optional<ErrorCode> code = {})
{
    return {director(Demo::secondarySerial(), finding, code), director(Demo::partialSerial(), finding, code)};
}

// The Primary UP TO DATE, TCU with this verdict, DOOR as given.
QList<EcuExpectation> tcuAndDoor(Verdict tcu, EcuExpectation door)
{
    return Kit::ecus(Kit::ecu(Demo::primarySerial(), Verdict::UpToDate), Kit::ecu(Demo::secondarySerial(), tcu),
                     std::move(door));
}

// ---- shared steps

ScenarioStep deliverRelease()
{
    return operatorStep(QT_TRANSLATE_NOOP("Scenario", "The OEM publishes a new release and assigns it to both Secondaries"),
                        [](ScenarioContext &ctx) { return Kit::deliverNewRelease(ctx, kRelease); });
}

ScenarioStep attackerStops()
{
    return adversaryStep(QT_TRANSLATE_NOOP("Scenario", "The attacker stops"), [](ScenarioContext &ctx) -> Result<void> {
        ctx.undoTracked();
        return {};
    });
}

ScenarioStep rotateDirectorKeys()
{
    return operatorStep(QT_TRANSLATE_NOOP("Scenario", "The OEM rotates the Director's online keys: its root signs new ones"),
                        [](ScenarioContext &ctx) { return Kit::rotateDirectorKeys(ctx); });
}

// The recovery cycle after the attack: the release the attack held back arrives.
ScenarioStep releaseArrives()
{
    return cycleStep(QT_TRANSLATE_NOOP("Scenario", "Update cycle without the attacker: the release arrives"), Demo::vin(),
                     Kit::secondaries(Verdict::Updated), directorSees(DirectorFinding::Installed));
}

// Both Secondaries refuse with code (each by its own check) and report it to the Director.
ScenarioStep secondariesRefuse(const char *title, ErrorCode code)
{
    return cycleStep(title, Demo::vin(), Kit::secondaries(Verdict::Defended, code),
                     directorSees(DirectorFinding::AttackReported, code));
}

// TCU installed the release already, DOOR was kept from it: now it arrives there too.
ScenarioStep doorCatchesUp()
{
    return cycleStep(QT_TRANSLATE_NOOP("Scenario", "Update cycle without the attacker: DOORdemocar catches up"),
                     Demo::vin(), tcuAndDoor(Verdict::UpToDate, Kit::ecu(Demo::partialSerial(), Verdict::Updated)),
                     directorSees(DirectorFinding::Installed));
}

// ---- building blocks

// What the attacker who broke into the Director takes: every online key of democar's
// Director repository.
Result<StolenKeys> stealDirectorKeys(ScenarioContext &ctx)
{
    StolenKeys stolen;
    const std::pair<QString, QList<Crypto::PrivateKey> *> roles[] = {
        {u"targets"_s, &stolen.targets}, {u"snapshot"_s, &stolen.snapshot}, {u"timestamp"_s, &stolen.timestamp}};
    for (const auto &[role, keys] : roles) {
        auto taken = Kit::directorKeys(ctx, role);
        if (!taken)
            return fail(taken.error());
        *keys = *taken;
    }
    return stolen;
}

// The Director's next release as change() makes it, signed with keys, from what the Director
// serves now.
Result<ForgedRelease> forgeDirector(ScenarioContext &ctx, const StolenKeys &keys,
                                    const std::function<void(Metadata::Targets &)> &change)
{
    return forgeRelease(Kit::directorMetadataDir(ctx), ctx.encoding(), u"targets"_s, keys, change, ctx.clock().now());
}

// Takes serials off every target of the Director's targets (an entry left without ECU goes).
void unassign(Metadata::Targets &targets, const QStringList &serials)
{
    for (auto it = targets.targets.begin(); it != targets.targets.end();) {
        for (const QString &serial : serials)
            it->ecuSerials.removeAll(serial);
        it = it->ecuSerials.isEmpty() ? targets.targets.erase(it) : std::next(it);
    }
}

// "director/7.targets.json", "director/timestamp.der" ...: a file of the Director's
// online roles in a bus bundle.
bool isDirectorOnlineFile(const QString &name)
{
    if (!name.startsWith(u"director/"_s))
        return false;
    const QStringList parts = name.split(u'.');
    const QString role = parts.size() >= 2 ? parts.at(parts.size() - 2) : QString();
    return role == u"targets"_s || role == u"snapshot"_s || role == u"timestamp"_s;
}

// The bundle with the Director's online files replaced by the forged ones (every forged file
// for a full-verification bundle, only the targets for a partial one).
std::optional<QByteArray> replaceDirectorFiles(const QByteArray &bundle, const ForgedRelease &forged, bool full)
{
    auto files = Vehicle::readBundle(bundle);
    if (!files)
        return std::nullopt;
    for (auto it = files->begin(); it != files->end();)
        it = isDirectorOnlineFile(it.key()) ? files->erase(it) : std::next(it);
    for (auto it = forged.files.cbegin(); it != forged.files.cend(); ++it) {
        if (full || it.key().contains(u".targets."_s) || it.key().startsWith(u"targets."_s))
            files->insert(u"director/"_s + it.key(), it.value());
    }
    auto written = Vehicle::writeBundle(*files);
    return written ? std::optional(*written) : std::nullopt;
}

QByteArray flipFirstByte(QByteArray bytes)
{
    if (!bytes.isEmpty())
        bytes[0] = char(bytes.at(0) ^ 0x01);
    return bytes;
}

// One bit of the Primary's signature on the Vehicle Version Manifest: in canonical JSON the
// "signatures" member sorts before "signed", so the first "sig" is the Primary's (a hex
// digit's low bit flipped stays a digit); in DER the last byte lies in the last signature's
// value. The manifest stays well-formed: only the signature check can catch it.
QByteArray flipSignatureBit(QByteArray body, Metadata::Encoding encoding)
{
    if (body.isEmpty())
        return body;
    if (encoding == Metadata::Encoding::Der) {
        body[body.size() - 1] = char(body.at(body.size() - 1) ^ 0x01);
        return body;
    }
    const qsizetype sig = body.indexOf("\"sig\"");
    for (qsizetype at = sig; sig >= 0 && at < body.size(); ++at) {
        if (body.at(at) >= '0' && body.at(at) <= '9') {
            body[at] = char(body.at(at) ^ 0x01);
            break;
        }
    }
    return body;
}

// What a passive tap recorded (written on the services thread by the HTTP filters, read by a
// later step there too; the mutex keeps it honest should that ever change).
struct Recording
{
    QMutex mutex;
    QByteArray image;
    QByteArray directorTargets;
    QByteArray attestation;
};
using RecordingPtr = std::shared_ptr<Recording>;

RecordingPtr recordingOf(ScenarioContext &ctx)
{
    return ctx.values.value(kRecording).value<RecordingPtr>();
}

Result<QByteArray> readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(ErrorCode::IoError, u"cannot read %1: %2"_s.arg(path, file.errorString()));
    return file.readAll();
}

} // namespace

QList<Scenario> vehicleThreatScenarios()
{
    const QString vin = Demo::vin();
    const QString primary = Demo::primarySerial();
    const QString tcu = Demo::secondarySerial();
    const QString door = Demo::partialSerial();
    QList<Scenario> list;

    // ---- partial bundle installation
    list.append(Scenario{
        u"partial-bundle-installation"_s, ScenarioGroup::ThreatModel,
        QT_TRANSLATE_NOOP("Scenario", "Partial bundle installation: DOOR's image dropped on the bus"),
        QT_TRANSLATE_NOOP("Scenario",
                          "Partial bundle installation (Uptane threat model: deny installation). A release is "
                          "assigned to both Secondaries, and an attacker on the in-vehicle bus drops the image "
                          "the Primary sends to DOORdemocar. TCUdemocar installs its image; DOORdemocar keeps the "
                          "old one and so the vehicle runs a mix of releases that nobody chose. No signature or "
                          "hash can prevent a message from being dropped. What Uptane guarantees is that the "
                          "loss does not go unnoticed: every ECU signs a version report each cycle, so the "
                          "Director sees that DOORdemocar still reports its old image (NOT INSTALLED), and the "
                          "Primary's vehicle manifest reports the failed delivery as an attack. The Director can "
                          "then act on it: retry, or alert. Once the attacker goes away the next cycle completes "
                          "the installation."),
        QT_TRANSLATE_NOOP("Scenario",
                          "NO UPDATE on DOOR, UPDATED on TCU; the Director sees DOOR NOT INSTALLED and the "
                          "Primary's attack report"),
        Verify::Defence::AttackReporting,
        {
            deliverRelease(),
            adversaryStep(QT_TRANSLATE_NOOP("Scenario", "The attacker drops the image the Primary sends to DOORdemocar"),
                          [](ScenarioContext &ctx) -> Result<void> {
                              Kit::dropBus(ctx, Demo::partialSerial(), BusMessage::Kind::Image,
                                           u"drops the image sent to DOORdemocar"_s);
                              return {};
                          }),
            cycleStep(QT_TRANSLATE_NOOP("Scenario", "Update cycle: only TCUdemocar gets its image"), vin,
                      tcuAndDoor(Verdict::Updated, Kit::ecu(door, Verdict::NoUpdate)),
                      {director(primary, DirectorFinding::AttackReported),
                       director(tcu, DirectorFinding::Installed), director(door, DirectorFinding::NotInstalled)}),
            attackerStops(),
            doorCatchesUp(),
        }});

    // ---- wrong ECU
    list.append(Scenario{
        u"wrong-ecu"_s, ScenarioGroup::ThreatModel,
        QT_TRANSLATE_NOOP("Scenario", "Wrong ECU: Director targets naming an ECU the vehicle does not have"),
        QT_TRANSLATE_NOOP("Scenario",
                          "An attacker who stole the Director's online keys signs Director targets that assign "
                          "the new release also to ENGINEdemocar, an ECU this vehicle does not have. Every "
                          "signature is valid. But the Uptane Standard (5.4.4.6) makes the Primary check that each ECU "
                          "identifier in the Director's targets belongs to its own vehicle: an image must only "
                          "ever reach the ECU it was chosen for. The Primary refuses the whole targets file, so "
                          "nothing reaches any Secondary, and reports the attack to the Director. Recovery: the "
                          "OEM rotates the Director's keys, and the honest release is then installed. (Targets "
                          "written for another car fail the same way: they must name this vehicle.)"),
        QT_TRANSLATE_NOOP("Scenario", "DEFENDED (UnknownEcu): the Primary refuses targets for an ECU not in the vehicle"),
        Verify::Defence::EcuIdentity,
        {
            deliverRelease(),
            adversaryStep(QT_TRANSLATE_NOOP("Scenario",
                                            "The attacker steals the Director's keys and also assigns the release to "
                                            "ENGINEdemocar"),
                          [](ScenarioContext &ctx) -> Result<void> {
                              auto keys = stealDirectorKeys(ctx);
                              if (!keys)
                                  return fail(keys.error());
                              const QString path = ctx.values.value(kRelease).toString();
                              auto forged = forgeDirector(ctx, *keys, [path](Metadata::Targets &targets) {
                                  if (targets.targets.contains(path))
                                      targets.targets[path].ecuSerials.append(u"ENGINEdemocar"_s);
                              });
                              if (!forged)
                                  return fail(forged.error());
                              auto served = Kit::serveForgery(ctx, u"director"_s, *forged,
                                                              u"serves Director targets naming ENGINEdemocar"_s);
                              return served ? Result<void>{} : fail(served.error());
                          }),
            cycleStep(QT_TRANSLATE_NOOP("Scenario", "Update cycle: the Primary checks the ECUs the targets name"), vin,
                      Kit::everyEcu(Verdict::Defended, ErrorCode::UnknownEcu),
                      {director(primary, DirectorFinding::AttackReported, ErrorCode::UnknownEcu)}),
            attackerStops(),
            rotateDirectorKeys(),
            releaseArrives(),
        }});

    // ---- wrong hardware id
    list.append(Scenario{
        u"wrong-hardware-id"_s, ScenarioGroup::ThreatModel,
        QT_TRANSLATE_NOOP("Scenario", "Wrong hardware id: infotainment firmware for the Secondaries"),
        QT_TRANSLATE_NOOP("Scenario",
                          "The OEM publishes a genuine new release of the infotainment unit's firmware. An "
                          "attacker holding the Director's online keys assigns it to TCUdemocar and DOORdemocar, "
                          "whose hardware (acme-ecu) it was never built for: flashing it could brick them. The "
                          "honest Director would refuse such an assignment, so the attacker signs it himself. "
                          "Everything verifies: the image is real, the Image Repository lists it with the same "
                          "hashes, and the Director's signatures are valid. What stops it is each ECU's own "
                          "check before installing (Uptane 5.4.3, verify image): the target's hardware "
                          "identifier must be its own. Both Secondaries refuse, the full-verification one and "
                          "the partial one alike, and report it to the Director. Recovery: rotate the "
                          "Director's keys."),
        QT_TRANSLATE_NOOP("Scenario", "DEFENDED (HardwareIdMismatch) on both Secondaries, each by its own check"),
        Verify::Defence::EcuIdentity,
        {
            operatorStep(QT_TRANSLATE_NOOP("Scenario",
                                           "The OEM publishes a new infotainment release (hardware id "
                                           "infotainment), assigned to nobody"),
                         [](ScenarioContext &ctx) -> Result<void> {
                             // Numbered as the next Secondary release would be: no rollback for
                             // them, so only the hardware id is wrong.
                             const qint64 release = Kit::nextRelease(ctx);
                             const QString path = u"infotainment-r%1.img"_s.arg(release);
                             const QByteArray bytes = "infotainment firmware, release " + QByteArray::number(release)
                                                      + ": for the infotainment unit only\n";
                             auto added = ctx.services().images().addImage(path, bytes, Demo::primaryHardwareId(),
                                                                           release);
                             if (!added)
                                 return fail(added.error());
                             ctx.values.insert(kRelease, path);
                             return {};
                         }),
            adversaryStep(QT_TRANSLATE_NOOP("Scenario",
                                            "The attacker steals the Director's keys and assigns that release to "
                                            "both Secondaries"),
                          [](ScenarioContext &ctx) -> Result<void> {
                              auto keys = stealDirectorKeys(ctx);
                              if (!keys)
                                  return fail(keys.error());
                              auto image = ctx.services().images().findImage(ctx.values.value(kRelease).toString());
                              if (!image)
                                  return fail(image.error());
                              Metadata::TargetFile entry = *image;
                              entry.ecuSerials = Demo::secondarySerials();
                              entry.hasCustom = true;
                              auto forged = forgeDirector(ctx, *keys, [entry](Metadata::Targets &targets) {
                                  unassign(targets, entry.ecuSerials);
                                  targets.targets.insert(entry.path, entry);
                              });
                              if (!forged)
                                  return fail(forged.error());
                              auto served = Kit::serveForgery(ctx, u"director"_s, *forged,
                                                              u"serves Director targets giving the Secondaries "
                                                              u"infotainment firmware"_s);
                              return served ? Result<void>{} : fail(served.error());
                          }),
            secondariesRefuse(QT_TRANSLATE_NOOP("Scenario", "Update cycle: each Secondary checks the hardware id"),
                              ErrorCode::HardwareIdMismatch),
            attackerStops(),
            rotateDirectorKeys(),
            cycleStep(QT_TRANSLATE_NOOP("Scenario", "Update cycle without the attacker: nothing to install"), vin,
                      Kit::everyEcu(Verdict::UpToDate), directorSees(DirectorFinding::Installed)),
        }});

    // ---- compromised Primary: metadata
    list.append(Scenario{
        u"compromised-primary-metadata"_s, ScenarioGroup::ThreatModel,
        QT_TRANSLATE_NOOP("Scenario", "Compromised Primary: forged metadata passed to the Secondaries"),
        QT_TRANSLATE_NOOP("Scenario",
                          "The attacker controls the Primary (the threat model allows a Primary or a Secondary "
                          "of a vehicle to be compromised). A release is assigned; in what the Primary passes on, "
                          "the attacker swaps it for an evil image: new Director targets, snapshot and timestamp "
                          "for TCUdemocar's full bundle, new Director targets for DOORdemocar. The Primary holds "
                          "no repository key, so the attacker can only sign with a key of his own. Secondaries "
                          "do not trust the Primary: each checks the metadata against the keys its own trusted "
                          "Director root lists. TCUdemocar (full verification) finds no valid Director signature "
                          "on the timestamp, DOORdemocar (partial verification, one signature check on the "
                          "Director's targets) none on the targets: both refuse and say so in their signed "
                          "version reports, which the Primary cannot alter without breaking their signatures."),
        QT_TRANSLATE_NOOP("Scenario",
                          "DEFENDED (ThresholdNotMet) on both Secondaries: no Director signature on the forgery"),
        Verify::Defence::MetadataSignatures,
        {
            deliverRelease(),
            adversaryStep(QT_TRANSLATE_NOOP("Scenario",
                                            "The compromised Primary passes forged Director metadata, signed with its "
                                            "own key, to both Secondaries"),
                          [](ScenarioContext &ctx) -> Result<void> {
                              auto key = Crypto::PrivateKey::generate(Crypto::KeyType::Ed25519);
                              if (!key)
                                  return fail(key.error());
                              const Metadata::TargetFile evil = Kit::plantEvilImage(
                                  ctx, u"acme/evil-primary.img"_s, Demo::secondarySerials(),
                                  "evil firmware from a compromised Primary\n", std::nullopt, false);
                              auto forged = forgeDirector(ctx, StolenKeys{{*key}, {*key}, {*key}},
                                                          [evil](Metadata::Targets &targets) {
                                                              unassign(targets, evil.ecuSerials);
                                                              targets.targets.insert(evil.path, evil);
                                                          });
                              if (!forged)
                                  return fail(forged.error());
                              const ForgedRelease release = *forged;
                              const auto rewrite = [release](bool full) {
                                  return [release, full](BusMessage &message) {
                                      auto bundle = replaceDirectorFiles(message.payload, release, full);
                                      if (!bundle)
                                          return false;
                                      message.payload = *bundle;
                                      return true;
                                  };
                              };
                              Kit::rewriteBus(ctx, Demo::secondarySerial(), BusMessage::Kind::MetadataBundle, false,
                                              rewrite(true), u"forges the Director metadata sent to TCUdemocar"_s);
                              Kit::rewriteBus(ctx, Demo::partialSerial(), BusMessage::Kind::DirectorTargets, false,
                                              rewrite(false), u"forges the Director targets sent to DOORdemocar"_s);
                              return {};
                          }),
            secondariesRefuse(QT_TRANSLATE_NOOP("Scenario", "Update cycle: the Secondaries verify what the Primary passes"),
                              ErrorCode::ThresholdNotMet),
            attackerStops(),
            releaseArrives(),
        }});

    // ---- compromised Primary: images
    list.append(Scenario{
        u"compromised-primary-image"_s, ScenarioGroup::ThreatModel,
        QT_TRANSLATE_NOOP("Scenario", "Compromised Primary: altered images passed to the Secondaries"),
        QT_TRANSLATE_NOOP("Scenario",
                          "The attacker controls the Primary and passes the genuine metadata on untouched, but "
                          "alters the image bytes it sends to TCUdemocar and DOORdemocar (one bit, same length). "
                          "Before installing, every Secondary checks the image against the length and hashes "
                          "listed in the metadata it verified itself (Uptane 5.4.3, verify image). Even a "
                          "partial-verification ECU, which checks little else, checks this: the Director's "
                          "signed targets carry the image's hashes. Both refuse the altered image and keep "
                          "running the old one."),
        QT_TRANSLATE_NOOP("Scenario", "DEFENDED (HashMismatch) on both Secondaries"),
        Verify::Defence::ImageHashes,
        {
            deliverRelease(),
            adversaryStep(QT_TRANSLATE_NOOP("Scenario",
                                            "The compromised Primary alters the images it sends to both Secondaries"),
                          [](ScenarioContext &ctx) -> Result<void> {
                              const auto flip = [](BusMessage &message) {
                                  if (message.payload.isEmpty())
                                      return false;
                                  message.payload = flipFirstByte(message.payload);
                                  return true;
                              };
                              for (const QString &serial : Demo::secondarySerials()) {
                                  Kit::rewriteBus(ctx, serial, BusMessage::Kind::Image, false, flip,
                                                  u"alters the image sent to %1"_s.arg(serial));
                              }
                              return {};
                          }),
            secondariesRefuse(QT_TRANSLATE_NOOP("Scenario", "Update cycle: the Secondaries check the image's hashes"),
                              ErrorCode::HashMismatch),
            attackerStops(),
            releaseArrives(),
        }});

    // ---- tampered manifest
    list.append(Scenario{
        u"tampered-manifest"_s, ScenarioGroup::ThreatModel,
        QT_TRANSLATE_NOOP("Scenario", "Tampered vehicle manifest"),
        QT_TRANSLATE_NOOP("Scenario",
                          "The Director decides what each ECU installs next from the Vehicle Version Manifest the "
                          "Primary posts. An attacker on that link changes the manifest on its way (here one bit of "
                          "the Primary's signature; it could as well claim that an ECU runs another image). The "
                          "Director checks the Primary's signature on the vehicle manifest and each ECU's signature "
                          "on its own report against the keys in its inventory (Uptane 5.3.2) and refuses the "
                          "manifest: its inventory is not fooled. The ECUs did install the release, but the Director "
                          "records that only when a manifest it can verify arrives, in the next cycle."),
        QT_TRANSLATE_NOOP("Scenario", "MANIFEST REJECTED (BadSignature) at the Director; the ECUs install normally"),
        Verify::Defence::ManifestSignatures,
        {
            deliverRelease(),
            adversaryStep(QT_TRANSLATE_NOOP("Scenario",
                                            "The attacker alters the vehicle manifest on its way to the Director"),
                          [](ScenarioContext &ctx) -> Result<void> {
                              const Metadata::Encoding encoding = ctx.encoding();
                              ctx.track(ctx.adversary().tamperManifest(
                                  Demo::vin(),
                                  [encoding](const QByteArray &body) { return flipSignatureBit(body, encoding); },
                                  u"flips a bit of the Primary's signature on the vehicle manifest"_s));
                              return {};
                          }),
            cycleStep(QT_TRANSLATE_NOOP("Scenario", "Update cycle: the ECUs install, the Director refuses the manifest"),
                      vin,
                      Kit::secondaries(Verdict::Updated),
                      {director(primary, DirectorFinding::ManifestRejected, ErrorCode::BadSignature),
                       director(tcu, DirectorFinding::ManifestRejected, ErrorCode::BadSignature),
                       director(door, DirectorFinding::ManifestRejected, ErrorCode::BadSignature)}),
            attackerStops(),
            cycleStep(QT_TRANSLATE_NOOP("Scenario", "Update cycle without the attacker: the Director learns what runs"), vin,
                      Kit::everyEcu(Verdict::UpToDate), directorSees(DirectorFinding::Installed)),
        }});

    // ---- replayed time attestation
    list.append(Scenario{
        u"replayed-attestation"_s, ScenarioGroup::ThreatModel,
        QT_TRANSLATE_NOOP("Scenario", "Replayed time attestation"),
        QT_TRANSLATE_NOOP("Scenario",
                          "ECUs have no trustworthy clock of their own; they learn the time from the Time Server's "
                          "signed attestation, and judge expiry by it. An attacker who could replay an old "
                          "attestation would keep the vehicle in the past, where expired (frozen) metadata still "
                          "looks valid. The attacker records a genuine, validly signed attestation and replays it "
                          "in a later cycle. Each cycle the Primary collects a fresh random nonce from every ECU "
                          "and its own, and accepts an attestation only if it lists them all: the old one lists "
                          "the old nonces. The Primary stops the cycle before anything reaches a Secondary."),
        QT_TRANSLATE_NOOP("Scenario", "DEFENDED (NonceMissing): the replayed attestation lacks this cycle's nonces"),
        Verify::Defence::TimeAttestation,
        {
            adversaryStep(QT_TRANSLATE_NOOP("Scenario", "The attacker records the Time Server's answers"),
                          [](ScenarioContext &ctx) -> Result<void> {
                              auto recording = std::make_shared<Recording>();
                              ctx.values.insert(kRecording, QVariant::fromValue(recording));
                              const AttackId id = ctx.track(ctx.adversary().rewriteAttestation(
                                  [recording](const QByteArray &original) {
                                      const QMutexLocker lock(&recording->mutex);
                                      recording->attestation = original;
                                      return original;
                                  },
                                  u"records the Time Server's attestation"_s));
                              ctx.values.insert(kRecorder, id);
                              return {};
                          }),
            cycleStep(QT_TRANSLATE_NOOP("Scenario", "Update cycle: nothing new, an attestation is recorded"), vin,
                      Kit::everyEcu(Verdict::UpToDate)),
            adversaryStep(QT_TRANSLATE_NOOP("Scenario", "The attacker replays the recorded attestation from now on"),
                          [](ScenarioContext &ctx) -> Result<void> {
                              const RecordingPtr recording = recordingOf(ctx);
                              QByteArray old;
                              if (recording) {
                                  const QMutexLocker lock(&recording->mutex);
                                  old = recording->attestation;
                              }
                              if (old.isEmpty())
                                  return fail(ErrorCode::NotFound, u"no attestation was recorded"_s);
                              ctx.adversary().undo(ctx.values.value(kRecorder).toInt());
                              ctx.track(ctx.adversary().rewriteAttestation([old](const QByteArray &) { return old; },
                                                                           u"replays an old attestation"_s));
                              return {};
                          }),
            deliverRelease(),
            cycleStep(QT_TRANSLATE_NOOP("Scenario", "Update cycle: the Primary checks its nonces in the attestation"), vin,
                      Kit::everyEcu(Verdict::Defended, ErrorCode::NonceMissing),
                      {director(primary, DirectorFinding::AttackReported, ErrorCode::NonceMissing)}),
            attackerStops(),
            releaseArrives(),
        }});

    // ---- missing nonce
    list.append(Scenario{
        u"missing-nonce"_s, ScenarioGroup::ThreatModel,
        QT_TRANSLATE_NOOP("Scenario", "Missing nonce: DOOR's nonce swapped on the bus"),
        QT_TRANSLATE_NOOP("Scenario",
                          "Every Secondary checks the time attestation itself, with its own nonce, instead of "
                          "trusting the Primary. Here an attacker on the bus (or a compromised Primary) swaps the "
                          "nonce DOORdemocar sends for another one, so the attestation the Primary obtains is "
                          "genuine and fresh but does not list DOORdemocar's nonce. The Primary and TCUdemocar "
                          "find theirs and carry on; DOORdemocar cannot tell this attestation from a replayed one, "
                          "so it refuses it and, with it, the whole cycle: no metadata is judged without a verified "
                          "time (Uptane 5.4.4.1 step 1)."),
        QT_TRANSLATE_NOOP("Scenario", "DEFENDED (NonceMissing) on DOOR; TCU UPDATED"),
        Verify::Defence::TimeAttestation,
        {
            deliverRelease(),
            adversaryStep(QT_TRANSLATE_NOOP("Scenario", "The attacker swaps the nonce DOORdemocar gives the Primary"),
                          [](ScenarioContext &ctx) -> Result<void> {
                              Kit::rewriteBus(ctx, Demo::partialSerial(), BusMessage::Kind::Nonce, true,
                                              [](BusMessage &message) {
                                                  if (!message.nonce)
                                                      return false;
                                                  message.nonce = *message.nonce ^ 1;
                                                  return true;
                                              },
                                              u"swaps DOORdemocar's nonce"_s);
                              return {};
                          }),
            cycleStep(QT_TRANSLATE_NOOP("Scenario", "Update cycle: DOORdemocar looks for its nonce"), vin,
                      tcuAndDoor(Verdict::Updated, Kit::ecu(door, Verdict::Defended, ErrorCode::NonceMissing)),
                      {director(tcu, DirectorFinding::Installed),
                       director(door, DirectorFinding::AttackReported, ErrorCode::NonceMissing)}),
            attackerStops(),
            doorCatchesUp(),
        }});

    // ---- eavesdrop
    list.append(Scenario{
        u"eavesdrop"_s, ScenarioGroup::ThreatModel,
        QT_TRANSLATE_NOOP("Scenario", "Eavesdrop: what the attacker can read"),
        QT_TRANSLATE_NOOP("Scenario",
                          "Eavesdropping (Uptane threat model: read updates). An attacker who taps the links to "
                          "the repositories records everything a vehicle downloads, and nothing stops him: this "
                          "lab signs metadata and images but does not encrypt them. He obtains the firmware image byte for byte (to reverse-engineer it, or look for "
                          "flaws) and, from the Director's targets, which ECU of which vehicle runs which image. "
                          "Uptane protects integrity (nothing altered is installed), authenticity (only what the "
                          "repositories' keys signed) and freshness (no replay, no freeze), not confidentiality. "
                          "The Standard allows the Director to encrypt images per ECU; this lab does not, and "
                          "Uptane metadata is not encrypted at all. The update itself goes through untouched."),
        QT_TRANSLATE_NOOP("Scenario",
                          "UPDATED, and the attacker holds a copy of the image: confidentiality is not protected"),
        Verify::Defence::None,
        {
            deliverRelease(),
            adversaryStep(QT_TRANSLATE_NOOP("Scenario",
                                            "The attacker listens on the Director and Image Repository links"),
                          [](ScenarioContext &ctx) -> Result<void> {
                              auto recording = std::make_shared<Recording>();
                              ctx.values.insert(kRecording, QVariant::fromValue(recording));
                              const QString path = ctx.values.value(kRelease).toString();
                              ctx.track(ctx.adversary().rewriteServed(
                                  Adversary::imagePattern(path),
                                  [recording](const QByteArray &original) {
                                      const QMutexLocker lock(&recording->mutex);
                                      recording->image = original;
                                      return original;
                                  },
                                  u"records the image %1"_s.arg(path)));
                              ctx.track(ctx.adversary().rewriteServed(
                                  Kit::directorPattern(ctx, u"targets"_s),
                                  [recording](const QByteArray &original) {
                                      const QMutexLocker lock(&recording->mutex);
                                      recording->directorTargets = original;
                                      return original;
                                  },
                                  u"records the Director's targets"_s));
                              return {};
                          }),
            cycleStep(QT_TRANSLATE_NOOP("Scenario", "Update cycle: the release is installed as usual"), vin,
                      Kit::secondaries(Verdict::Updated), directorSees(DirectorFinding::Installed)),
            adversaryStep(QT_TRANSLATE_NOOP("Scenario",
                                            "The attacker reads his recording: the image, byte for byte, and who gets it"),
                          [](ScenarioContext &ctx) -> Result<void> {
                              ctx.undoTracked();
                              const QString path = ctx.values.value(kRelease).toString();
                              const RecordingPtr recording = recordingOf(ctx);
                              if (!recording)
                                  return fail(ErrorCode::NotFound, u"nothing was recorded"_s);
                              const QMutexLocker lock(&recording->mutex);
                              auto file = ctx.services().images().imageFilePath(path);
                              if (!file)
                                  return fail(file.error());
                              auto image = readFile(*file);
                              if (!image)
                                  return fail(image.error());
                              if (recording->image != *image) {
                                  return fail(ErrorCode::NotFound, u"the recording (%1 bytes) is not the image %2"_s
                                                                       .arg(recording->image.size()).arg(path));
                              }
                              auto targets = Metadata::parse<Metadata::Targets>(recording->directorTargets,
                                                                                ctx.encoding());
                              if (!targets)
                                  return fail(targets.error().context(u"the recorded Director targets"_s));
                              if (!targets->body.targets.value(path).ecuSerials.contains(Demo::secondarySerial()))
                                  return fail(ErrorCode::NotFound, u"the recorded targets do not assign %1"_s.arg(path));
                              return {};
                          }),
        }});

    return list;
}

} // namespace Uptane::Attacks
