// The reference attacks (§3.1-3.7) against democar's partial-verification Secondary, DOOR
// (Uptane Standard §5.4.4.1; reference README "Partial-Verification Secondaries"). Over HTTP
// the Primary's full verification would stop them before DOOR hears anything, so here the
// attacker's bytes reach the Secondaries on the vehicle's bus (a compromised Primary, or a tap
// on the bus): the question is what each ECU checks itself. TCU (full verification) gets the
// same treatment where the contrast teaches something.

#include "attacks/catalogue.h"
#include "attacks/catalogue_p.h"

using namespace Qt::StringLiterals;

namespace Uptane::Attacks {

namespace {

using namespace CatalogueKit;
using Vehicle::Verdict;

const QString kRelease = u"release"_s;
const QString kFresh = u"fresh"_s;
const QString kOldDirector = u"stolen-director"_s;

QString tcu()
{
    return Demo::secondarySerial();
}

QString door()
{
    return Demo::partialSerial();
}

EcuExpectation primaryUpToDate()
{
    return Kit::ecu(Demo::primarySerial(), Verdict::UpToDate);
}

// The attacker's image posing as the release recorded under kRelease (same path, length
// and release counter: only the hashes differ), marked malicious; it travels on the bus.
Result<std::pair<Metadata::TargetFile, QByteArray>> evilRelease(ScenarioContext &ctx, const QString &tag)
{
    auto real = publishedImage(ctx, kRelease);
    if (!real)
        return fail(real.error());
    const QByteArray bytes = evilBytes(real->path, tag, real->length);
    const Metadata::TargetFile evil =
        Kit::plantEvilImage(ctx, real->path, Demo::secondarySerials(), bytes, real->releaseCounter, false);
    return std::pair{evil, bytes};
}

// Only the targets of a forged Director release: what a partial-verification ECU gets.
QMap<QString, QByteArray> targetsOnly(const ForgedRelease &forged)
{
    QMap<QString, QByteArray> files;
    for (auto it = forged.files.cbegin(); it != forged.files.cend(); ++it) {
        if (roleOfFile(it.key()) == u"targets")
            files.insert(it.key(), it.value());
    }
    return files;
}

// DOOR gets these Director targets files instead of the real ones, and the attacker's image.
void feedDoor(ScenarioContext &ctx, const QMap<QString, QByteArray> &targets, const QByteArray &image)
{
    rewriteMetadataOnBus(ctx, door(), false,
                         [targets](const QByteArray &bundle) { return replaceInBundle(bundle, u"director"_s, targets); },
                         u"hands DOOR forged Director targets"_s);
    replaceImageOnBus(ctx, door(), image, u"hands DOOR the attacker's image"_s);
}

// TCU gets these forged files of each repository in its full bundle, and the attacker's image.
void feedTcu(ScenarioContext &ctx, const QMap<QString, QMap<QString, QByteArray>> &repositories, const QByteArray &image)
{
    rewriteMetadataOnBus(ctx, tcu(), true,
                         [repositories](const QByteArray &bundle) -> Result<QByteArray> {
                             QByteArray edited = bundle;
                             for (auto it = repositories.cbegin(); it != repositories.cend(); ++it) {
                                 auto replaced = replaceInBundle(edited, it.key(), it.value());
                                 if (!replaced)
                                     return fail(replaced.error());
                                 edited = *replaced;
                             }
                             return edited;
                         },
                         u"hands TCU forged metadata in its bundle"_s);
    replaceImageOnBus(ctx, tcu(), image, u"hands TCU the attacker's image"_s);
}

// A forged Director targets (and snapshot, timestamp) giving both Secondaries the evil
// image, signed with `keys`; DOOR gets its targets. Returns the forgery for TCU's use.
Result<ForgedRelease> forgeForDoor(ScenarioContext &ctx, const StolenKeys &keys, const QString &tag,
                                   QByteArray *image = nullptr)
{
    auto evil = evilRelease(ctx, tag);
    if (!evil)
        return fail(evil.error());
    auto forged = forgeListing(ctx, true, keys, evil->first, Demo::secondarySerials());
    if (!forged)
        return fail(forged.error());
    feedDoor(ctx, targetsOnly(*forged), evil->second);
    if (image)
        *image = evil->second;
    return forged;
}

Scenario mitmDirector()
{
    Scenario s;
    s.id = u"partial-3.1-mitm-director"_s;
    s.title = QT_TRANSLATE_NOOP("Scenario", "Altered Director targets on the bus (partial verification, 3.1)");
    s.narration = QT_TRANSLATE_NOOP(
        "Scenario",
        "A tap on the vehicle's bus, holding no key, rewrites the Director targets the Primary passes to "
        "TCU and DOOR so they name the attacker's image, and hands them that image. A partial-verification "
        "ECU such as DOOR makes one check on metadata: a threshold of signatures by the Director's targets "
        "key over the targets file. The signatures are still the Director's but no longer match the bytes, "
        "so DOOR refuses. That single signature is all DOOR has; it never sees the snapshot or the "
        "timestamp. TCU, verifying fully, refuses even earlier: the Director's snapshot lists the hashes of "
        "the targets file, and the altered file does not have them. Both report the attack to the Director.");
    s.outcome = QT_TRANSLATE_NOOP("Scenario", "DEFENDED: DOOR by the Director's signature (ThresholdNotMet), TCU by the snapshot's hashes (HashMismatch).");
    s.defence = Verify::Defence::MetadataSignatures;
    s.steps = {
        deliverStep(kRelease),
        adversaryStep(QT_TRANSLATE_NOOP("Scenario", "A tap on the bus rewrites the Secondaries' Director targets and images"),
                      [](ScenarioContext &ctx) -> Result<void> {
                          auto evil = evilRelease(ctx, u"partial 3.1"_s);
                          if (!evil)
                              return fail(evil.error());
                          const Metadata::Encoding encoding = ctx.encoding();
                          const Metadata::TargetFile file = evil->first;
                          for (const QString &serial : Demo::secondarySerials()) {
                              rewriteMetadataOnBus(ctx, serial, serial == tcu(),
                                                   [encoding, file](const QByteArray &bundle) {
                                                       return alterDirectorTargetsInBundle(
                                                           bundle, encoding, [&file](Metadata::Targets &body) {
                                                               giveTo(body, file, Demo::secondarySerials());
                                                           });
                                                   },
                                                   u"rewrites the Director targets on the bus (no key)"_s);
                              replaceImageOnBus(ctx, serial, evil->second, u"hands over the attacker's image"_s);
                          }
                          return {};
                      }),
        cycleStep(QT_TRANSLATE_NOOP("Scenario", "Update cycle: both Secondaries refuse the altered targets"), Demo::vin(),
                  Kit::ecus(primaryUpToDate(), Kit::ecu(tcu(), Verdict::Defended, ErrorCode::HashMismatch),
                            Kit::ecu(door(), Verdict::Defended, ErrorCode::ThresholdNotMet)),
                  {seen(tcu(), DirectorFinding::AttackReported, ErrorCode::HashMismatch),
                   seen(door(), DirectorFinding::AttackReported, ErrorCode::ThresholdNotMet)}),
        attackerLeavesStep(),
        deliveredCycleStep(),
    };
    return s;
}

Scenario mitmImage()
{
    Scenario s;
    s.id = u"partial-3.2-mitm-image"_s;
    s.title = QT_TRANSLATE_NOOP("Scenario", "Altered image on the bus (partial verification, 3.2)");
    s.narration = QT_TRANSLATE_NOOP(
        "Scenario",
        "The Primary verified the new release and passes it on, but a tap on the bus replaces the image "
        "sent to DOOR with the attacker's, exactly as long as the real one. Here partial verification is "
        "as strong as full verification: DOOR has verified the Director's signed targets, which list the "
        "image's length and hashes, and it checks the bytes it receives against them before installing. "
        "The attacker's bytes hash to something else; DOOR keeps its current image and reports the attack. "
        "TCU, whose image is left alone, installs the release.");
    s.outcome = QT_TRANSLATE_NOOP("Scenario", "DEFENDED (HashMismatch): DOOR checks the image against the Director's signed hashes.");
    s.defence = Verify::Defence::ImageHashes;
    s.steps = {
        deliverStep(kRelease),
        adversaryStep(QT_TRANSLATE_NOOP("Scenario", "A tap on the bus replaces DOOR's image with the attacker's"),
                      [](ScenarioContext &ctx) -> Result<void> {
                          auto evil = evilRelease(ctx, u"partial 3.2"_s);
                          if (!evil)
                              return fail(evil.error());
                          replaceImageOnBus(ctx, door(), evil->second, u"hands DOOR the attacker's image"_s);
                          return {};
                      }),
        cycleStep(QT_TRANSLATE_NOOP("Scenario", "Update cycle: DOOR discards the image"), Demo::vin(),
                  Kit::ecus(primaryUpToDate(), Kit::ecu(tcu(), Verdict::Updated),
                            Kit::ecu(door(), Verdict::Defended, ErrorCode::HashMismatch)),
                  {seen(tcu(), DirectorFinding::Installed),
                   seen(door(), DirectorFinding::AttackReported, ErrorCode::HashMismatch)}),
        attackerLeavesStep(),
        cycleStep(QT_TRANSLATE_NOOP("Scenario", "Update cycle: DOOR gets the release"), Demo::vin(),
                  Kit::ecus(primaryUpToDate(), Kit::ecu(tcu(), Verdict::UpToDate), Kit::ecu(door(), Verdict::Updated)),
                  bothInstalled()),
    };
    return s;
}

Scenario replay()
{
    Scenario s;
    s.id = u"partial-3.3-replay"_s;
    s.title = QT_TRANSLATE_NOOP("Scenario", "Replayed Director targets on the bus (partial verification, 3.3)");
    s.narration = QT_TRANSLATE_NOOP(
        "Scenario",
        "The attacker records the Director targets that reach DOOR, validly signed by the Director. A new "
        "release is delivered and DOOR installs it. The attacker then replays the recorded targets to "
        "DOOR, which would take it back to the older image. The signature checks, so partial verification's "
        "one signature check cannot help; but DOOR remembers the version of the Director targets it last "
        "accepted and refuses an older one. Besides the targets' own expiry, that version is all the "
        "freshness partial verification has: without the Director's short-lived timestamp, targets held "
        "back at the version DOOR already has go unnoticed until they expire.");
    s.outcome = QT_TRANSLATE_NOOP("Scenario", "REPLAY (Rollback): DOOR refuses Director targets older than the ones it trusts.");
    s.defence = Verify::Defence::MetadataRollback;
    s.steps = {
        adversaryStep(QT_TRANSLATE_NOOP("Scenario", "The attacker records the Director targets sent to DOOR"),
                      recordDirectorFile(u"targets"_s)),
        deliverStep(kRelease),
        deliveredCycleStep(),
        adversaryStep(QT_TRANSLATE_NOOP("Scenario", "The attacker replays the recorded Director targets to DOOR"),
                      [](ScenarioContext &ctx) -> Result<void> {
                          const QMap<QString, QByteArray> old{
                              {u"targets."_s + ctx.extension(), ctx.bytes.value(u"targets"_s)}};
                          rewriteMetadataOnBus(ctx, door(), false,
                                               [old](const QByteArray &bundle) {
                                                   return replaceInBundle(bundle, u"director"_s, old);
                                               },
                                               u"replays older Director targets to DOOR"_s);
                          return {};
                      }),
        cycleStep(QT_TRANSLATE_NOOP("Scenario", "Update cycle: DOOR refuses the older targets"), Demo::vin(),
                  Kit::ecus(primaryUpToDate(), Kit::ecu(tcu(), Verdict::UpToDate),
                            Kit::ecu(door(), Verdict::Replay, ErrorCode::Rollback)),
                  {seen(tcu(), DirectorFinding::Installed),
                   seen(door(), DirectorFinding::AttackReported, ErrorCode::Rollback)}),
        attackerLeavesStep(),
        nothingNewCycleStep(),
    };
    return s;
}

Scenario stolenDirectorKey()
{
    Scenario s;
    s.id = u"partial-3.4-stolen-director-key"_s;
    s.title = QT_TRANSLATE_NOOP("Scenario", "Stolen Director key against partial verification (3.4)");
    s.narration = QT_TRANSLATE_NOOP(
        "Scenario",
        "The lesson of partial verification. The attacker has the Director's online keys and controls the "
        "bus (a compromised Primary). It signs Director metadata naming its own image for TCU and DOOR and "
        "hands both the forgery and the image. DOOR checks the Director's targets signature, which is "
        "valid, and the image's hashes, which match the forged targets: it installs the attacker's image. "
        "Partial verification trusts the Director's key alone; it never consults the Image Repository. "
        "TCU, verifying fully, also accepts the Director's metadata but then looks the image up in the "
        "Image Repository, whose keys the attacker does not have, and the entries do not match: refused. "
        "This is the price of partial verification, and why the Director's keys must be guarded and "
        "rotated (as the OEM does here to recover). The Director does notice afterwards: DOOR's signed "
        "manifest reports an image that is not the one assigned to it.");
    s.outcome = QT_TRANSLATE_NOOP("Scenario", "DOOR COMPROMISED; TCU DEFENDED (TargetMismatch) by the Image Repository cross-check.");
    s.defence = Verify::Defence::DirectorImageMatch;
    s.steps = {
        deliverStep(kRelease),
        adversaryStep(QT_TRANSLATE_NOOP("Scenario", "With the Director's stolen keys, the attacker hands TCU and DOOR its own image on the bus"),
                      [](ScenarioContext &ctx) -> Result<void> {
                          auto stolen = stealOnlineKeys(ctx, true);
                          if (!stolen)
                              return fail(stolen.error());
                          QByteArray image;
                          auto forged = forgeForDoor(ctx, *stolen, u"partial 3.4"_s, &image);
                          if (!forged)
                              return fail(forged.error());
                          feedTcu(ctx, {{u"director"_s, forged->files}}, image);
                          return {};
                      }),
        cycleStep(QT_TRANSLATE_NOOP("Scenario", "Update cycle: DOOR installs the attacker's image, TCU refuses it"),
                  Demo::vin(),
                  Kit::ecus(primaryUpToDate(), Kit::ecu(tcu(), Verdict::Defended, ErrorCode::TargetMismatch),
                            Kit::ecu(door(), Verdict::Compromised)),
                  // DOOR's manifest names an image the Director never assigned: the OEM can see it.
                  {seen(tcu(), DirectorFinding::AttackReported, ErrorCode::TargetMismatch),
                   seen(door(), DirectorFinding::NotInstalled)}),
        attackerLeavesStep(),
        operatorStep(QT_TRANSLATE_NOOP("Scenario", "The OEM rotates the Director's online keys"), Kit::rotateDirectorKeys),
        cycleStep(QT_TRANSLATE_NOOP("Scenario", "Update cycle: the real release replaces the attacker's image"),
                  Demo::vin(), Kit::secondaries(Verdict::Updated), bothInstalled()),
    };
    return s;
}

Scenario bothRepositories()
{
    Scenario s;
    s.id = u"partial-3.5-both-repositories"_s;
    s.title = QT_TRANSLATE_NOOP("Scenario", "Image Repository keys against partial verification (3.5)");
    s.narration = QT_TRANSLATE_NOOP(
        "Scenario",
        "First the attacker holds only the Image Repository's online keys. Against DOOR they are useless: "
        "partial verification accepts Director targets signed by the Director's targets key and nothing "
        "else, so targets signed with the Image Repository's key are refused. Then the attacker also "
        "steals the Director's keys. DOOR needs nothing more: its one signature check passes and it installs "
        "the attacker's image. TCU, verifying fully, falls only now that both repositories are forged "
        "consistently (as in reference 3.5). For a partial-verification ECU the Director's key is the only "
        "key that matters. Recovery: rotate both repositories' keys and deliver a good release.");
    s.outcome = QT_TRANSLATE_NOOP("Scenario", "DEFENDED (ThresholdNotMet) with the Image Repository's keys; COMPROMISED once the Director's are stolen too.");
    s.defence = Verify::Defence::MetadataSignatures;
    s.steps = {
        deliverStep(kRelease),
        adversaryStep(QT_TRANSLATE_NOOP("Scenario", "The attacker signs Director targets for DOOR with the Image Repository's stolen keys"),
                      [](ScenarioContext &ctx) -> Result<void> {
                          auto stolen = stealOnlineKeys(ctx, false);
                          if (!stolen)
                              return fail(stolen.error());
                          auto forged = forgeForDoor(ctx, *stolen, u"partial 3.5"_s);
                          if (!forged)
                              return fail(forged.error());
                          return {};
                      }),
        cycleStep(QT_TRANSLATE_NOOP("Scenario", "Update cycle: DOOR refuses targets not signed by the Director"), Demo::vin(),
                  Kit::ecus(primaryUpToDate(), Kit::ecu(tcu(), Verdict::Updated),
                            Kit::ecu(door(), Verdict::Defended, ErrorCode::ThresholdNotMet)),
                  {seen(tcu(), DirectorFinding::Installed),
                   seen(door(), DirectorFinding::AttackReported, ErrorCode::ThresholdNotMet)}),
        adversaryStep(QT_TRANSLATE_NOOP("Scenario", "The attacker also steals the Director's keys and forges both repositories"),
                      [](ScenarioContext &ctx) -> Result<void> {
                          ctx.undoTracked();
                          auto director = stealOnlineKeys(ctx, true);
                          if (!director)
                              return fail(director.error());
                          auto images = stealOnlineKeys(ctx, false);
                          if (!images)
                              return fail(images.error());
                          QByteArray image;
                          auto forgedDirector = forgeForDoor(ctx, *director, u"partial 3.5"_s, &image);
                          if (!forgedDirector)
                              return fail(forgedDirector.error());
                          auto evil = evilRelease(ctx, u"partial 3.5"_s);
                          if (!evil)
                              return fail(evil.error());
                          auto forgedImages = forgeListing(ctx, false, *images, evil->first, {});
                          if (!forgedImages)
                              return fail(forgedImages.error());
                          feedTcu(ctx, {{u"director"_s, forgedDirector->files}, {u"imagerepo"_s, forgedImages->files}},
                                  image);
                          return {};
                      }),
        cycleStep(QT_TRANSLATE_NOOP("Scenario", "Update cycle: the attacker's image is installed on both"), Demo::vin(),
                  Kit::secondaries(Verdict::Compromised)),
    };
    s.steps += recoverBothRepositoriesSteps(kFresh);
    return s;
}

Scenario recovery()
{
    Scenario s;
    s.id = u"partial-3.6-recovery"_s;
    s.title = QT_TRANSLATE_NOOP("Scenario", "Recovery by key rotation, partial verification (3.6)");
    s.narration = QT_TRANSLATE_NOOP(
        "Scenario",
        "With the Director's stolen keys the attacker has installed its image on DOOR (as in partial 3.4). "
        "The OEM rotates the Director's keys: the Director's root, signed with its offline keys, lists new "
        "targets, snapshot and timestamp keys. A partial-verification ECU follows root rotations too: the "
        "Primary passes the new Director root versions along with the targets, DOOR checks each against "
        "the root it trusts and from then on accepts targets signed by the new key only. The attacker's "
        "next forgery, signed with the old key, is refused. A fresh release then replaces the attacker's "
        "image. Without following the root, a partial-verification ECU would trust a stolen key forever.");
    s.outcome = QT_TRANSLATE_NOOP("Scenario", "DEFENDED (ThresholdNotMet) after the rotation, then UPDATED with a good release.");
    s.defence = Verify::Defence::MetadataSignatures;
    s.steps = {
        deliverStep(kRelease),
        adversaryStep(QT_TRANSLATE_NOOP("Scenario", "With the Director's stolen keys, the attacker hands DOOR its own image"),
                      [](ScenarioContext &ctx) -> Result<void> {
                          auto stolen = stealOnlineKeys(ctx, true);
                          if (!stolen)
                              return fail(stolen.error());
                          keepKeys(ctx, kOldDirector, *stolen);
                          auto forged = forgeForDoor(ctx, *stolen, u"partial 3.6"_s);
                          if (!forged)
                              return fail(forged.error());
                          return {};
                      }),
        cycleStep(QT_TRANSLATE_NOOP("Scenario", "Update cycle: DOOR installs the attacker's image"), Demo::vin(),
                  Kit::ecus(primaryUpToDate(), Kit::ecu(tcu(), Verdict::Updated), Kit::ecu(door(), Verdict::Compromised))),
        operatorStep(QT_TRANSLATE_NOOP("Scenario", "The OEM rotates the Director's online keys"), Kit::rotateDirectorKeys),
        adversaryStep(QT_TRANSLATE_NOOP("Scenario", "The attacker signs new targets for DOOR with the old key"),
                      [](ScenarioContext &ctx) -> Result<void> {
                          ctx.undoTracked();
                          auto old = keptKeys(ctx, kOldDirector);
                          if (!old)
                              return fail(old.error());
                          auto forged = forgeForDoor(ctx, *old, u"partial 3.6, after the rotation"_s);
                          if (!forged)
                              return fail(forged.error());
                          return {};
                      }),
        cycleStep(QT_TRANSLATE_NOOP("Scenario", "Update cycle: DOOR follows the new root and refuses the old key"),
                  Demo::vin(),
                  Kit::ecus(primaryUpToDate(), Kit::ecu(tcu(), Verdict::UpToDate),
                            Kit::ecu(door(), Verdict::Defended, ErrorCode::ThresholdNotMet)),
                  {seen(door(), DirectorFinding::AttackReported, ErrorCode::ThresholdNotMet)}),
        attackerLeavesStep(),
    };
    s.steps += goodReleaseSteps(kFresh);
    return s;
}

Scenario revokedKeys()
{
    Scenario s;
    s.id = u"partial-3.7-revoked-keys"_s;
    s.title = QT_TRANSLATE_NOOP("Scenario", "Revoked Director key against partial verification (3.7)");
    s.narration = QT_TRANSLATE_NOOP(
        "Scenario",
        "The OEM has rotated the Director's keys and DOOR has followed the new root. An attacker holding "
        "the revoked Director targets key signs targets naming its own image for DOOR and hands them over "
        "on the bus with the image. DOOR counts only signatures by the targets keys its current Director "
        "root lists; the revoked key is not among them, so the threshold is not met and DOOR refuses. "
        "Revocation works for a partial-verification ECU exactly as far as it keeps up with the Director's "
        "root, which the Primary passes along in every cycle.");
    s.outcome = QT_TRANSLATE_NOOP("Scenario", "DEFENDED (ThresholdNotMet): DOOR no longer counts the revoked key.");
    s.defence = Verify::Defence::MetadataSignatures;
    s.steps = {
        operatorStep(QT_TRANSLATE_NOOP("Scenario", "The OEM rotates the Director's online keys"), Kit::rotateDirectorKeys),
        cycleStep(QT_TRANSLATE_NOOP("Scenario", "Update cycle: the vehicle follows the new root"), Demo::vin(),
                  Kit::everyEcu(Verdict::UpToDate), bothInstalled()),
        deliverStep(kRelease),
        adversaryStep(QT_TRANSLATE_NOOP("Scenario", "The attacker signs targets for DOOR with the revoked key"),
                      [](ScenarioContext &ctx) -> Result<void> {
                          auto revoked = revokedDirectorOnlineKeys(ctx);
                          if (!revoked)
                              return fail(revoked.error());
                          auto forged = forgeForDoor(ctx, *revoked, u"partial 3.7"_s);
                          if (!forged)
                              return fail(forged.error());
                          return {};
                      }),
        cycleStep(QT_TRANSLATE_NOOP("Scenario", "Update cycle: DOOR refuses the revoked key's signature"), Demo::vin(),
                  Kit::ecus(primaryUpToDate(), Kit::ecu(tcu(), Verdict::Updated),
                            Kit::ecu(door(), Verdict::Defended, ErrorCode::ThresholdNotMet)),
                  {seen(tcu(), DirectorFinding::Installed),
                   seen(door(), DirectorFinding::AttackReported, ErrorCode::ThresholdNotMet)}),
        attackerLeavesStep(),
        cycleStep(QT_TRANSLATE_NOOP("Scenario", "Update cycle: DOOR gets the release"), Demo::vin(),
                  Kit::ecus(primaryUpToDate(), Kit::ecu(tcu(), Verdict::UpToDate), Kit::ecu(door(), Verdict::Updated)),
                  bothInstalled()),
    };
    return s;
}

} // namespace

QList<Scenario> partialScenarios()
{
    QList<Scenario> list{mitmDirector(), mitmImage(), replay(), stolenDirectorKey(),
                         bothRepositories(), recovery(), revokedKeys()};
    for (Scenario &scenario : list)
        scenario.group = ScenarioGroup::PartialVerification;
    return list;
}

} // namespace Uptane::Attacks
