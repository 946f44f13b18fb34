// The reference demonstration (uptane-reference-README.md §2 and §3.1-3.7) as scenarios: a
// delivery, then each attack of the reference against democar, whose Primary and TCU verify
// fully and whose DOOR verifies partially. The attacks come over HTTP, so the Primary's full
// verification meets them first; when it refuses, the cycle stops before any Secondary hears
// of it, and every ECU shows the Primary's verdict.

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
const QString kOldImageRepo = u"stolen-imagerepo"_s;

// The Primary stopped the cycle: its report names the attack. With `secondaries`, what the
// Director shows for TCU and DOOR, which never heard of the cycle: still what they ran (the
// assigned image: INSTALLED; the one before a new assignment: NOT INSTALLED). Without it,
// no claim: on a fresh lab they have reported nothing yet.
QList<DirectorExpectation> reportedByPrimary(ErrorCode code, std::optional<DirectorFinding> secondaries = std::nullopt)
{
    QList<DirectorExpectation> expected{seen(Demo::primarySerial(), DirectorFinding::AttackReported, code)};
    if (secondaries)
        expected += {seen(Demo::secondarySerial(), *secondaries), seen(Demo::partialSerial(), *secondaries)};
    return expected;
}

Result<void> publish(ScenarioContext &ctx, const QString &key)
{
    auto published = Kit::publishRelease(ctx, key);
    if (!published)
        return fail(published.error());
    return {};
}

// The attacker's image for the release recorded under kRelease: same path and release
// counter, its own bytes (served on the Image Repository's path for it when serve is set).
Result<Metadata::TargetFile> evilRelease(ScenarioContext &ctx, const QString &tag, bool serve)
{
    auto real = publishedImage(ctx, kRelease);
    if (!real)
        return fail(real.error());
    return Kit::plantEvilImage(ctx, real->path, Demo::secondarySerials(), evilBytes(real->path, tag),
                               real->releaseCounter, serve);
}

// Director targets giving both Secondaries `evil`, signed with `keys`, served in place of
// the real ones.
Result<void> serveDirectorForgery(ScenarioContext &ctx, const StolenKeys &keys, const Metadata::TargetFile &evil)
{
    auto forged = forgeListing(ctx, true, keys, evil, Demo::secondarySerials());
    if (!forged)
        return fail(forged.error());
    auto served = Kit::serveForgery(ctx, u"director"_s, *forged, u"serves Director targets signed with stolen keys"_s);
    if (!served)
        return fail(served.error());
    return {};
}

Result<void> serveImageRepoForgery(ScenarioContext &ctx, const StolenKeys &keys, const Metadata::TargetFile &evil)
{
    auto forged = forgeListing(ctx, false, keys, evil, {});
    if (!forged)
        return fail(forged.error());
    auto served = Kit::serveForgery(ctx, u"imagerepo"_s, *forged,
                                    u"serves Image Repository targets signed with stolen keys"_s);
    if (!served)
        return fail(served.error());
    return {};
}

// Reference §3.4 and the first half of §3.5: the Director's online keys in the attacker's
// hands, the evil image assigned under the new release's name and served.
Result<void> forgeWithDirectorKeys(ScenarioContext &ctx, const QString &tag)
{
    auto stolen = stealOnlineKeys(ctx, true);
    if (!stolen)
        return fail(stolen.error());
    auto evil = evilRelease(ctx, tag, true);
    if (!evil)
        return fail(evil.error());
    return serveDirectorForgery(ctx, *stolen, *evil);
}

// Both repositories forged with these keys for one evil image (served).
Result<void> forgeBoth(ScenarioContext &ctx, const StolenKeys &director, const StolenKeys &images, const QString &tag)
{
    auto evil = evilRelease(ctx, tag, true);
    if (!evil)
        return fail(evil.error());
    if (auto served = serveDirectorForgery(ctx, director, *evil); !served)
        return served;
    return serveImageRepoForgery(ctx, images, *evil);
}

Scenario deliverUpdate()
{
    Scenario s;
    s.id = u"deliver-update"_s;
    s.title = QT_TRANSLATE_NOOP("Scenario", "Deliver an update");
    s.narration = QT_TRANSLATE_NOOP(
        "Scenario",
        "The normal case, with no attacker. The supplier's new image is added to the Image Repository, "
        "signed by the supplier's delegated key, and the Director assigns it to the two Secondaries of "
        "democar. In the next update cycle the Primary gets a fresh time attestation, verifies the "
        "Director's and the Image Repository's metadata in full, checks that the Director's target "
        "matches the Image Repository's, downloads the image and checks its length and hashes, then passes "
        "metadata and image to the Secondaries over the bus. TCU verifies everything again itself (full "
        "verification); DOOR checks the Director's signature on its targets and the image's hashes "
        "(partial verification). Both install, sign their version reports, and the Director records "
        "what they run.");
    s.outcome = QT_TRANSLATE_NOOP("Scenario", "UPDATED: TCU and DOOR install the new image; the Director sees it installed.");
    s.defence = Verify::Defence::None;
    s.steps = {
        deliverStep(kRelease),
        deliveredCycleStep(),
        nothingNewCycleStep(),
    };
    return s;
}

Scenario mitmDirector()
{
    Scenario s;
    s.id = u"ref-3.1-mitm-director"_s;
    s.title = QT_TRANSLATE_NOOP("Scenario", "Man in the middle on the Director (reference 3.1)");
    s.narration = QT_TRANSLATE_NOOP(
        "Scenario",
        "An attacker on the network between the vehicle and the Director, holding no key, rewrites the "
        "Director's targets on their way: the entry for the new release now gives the hashes of an image "
        "of the attacker's. The signatures are still the Director's, over bytes that no longer exist. The "
        "Primary never gets as far as the signatures: the Director's snapshot lists the hashes of the "
        "targets file it belongs with, and the file that arrived does not have them. The Primary refuses "
        "the whole cycle, so no Secondary is even asked, and it reports the attack to the Director in its "
        "version report.");
    s.outcome = QT_TRANSLATE_NOOP("Scenario", "DEFENDED (HashMismatch): the Primary checks the targets against the snapshot's hashes.");
    s.defence = Verify::Defence::MetadataHashes;
    s.steps = {
        deliverStep(kRelease),
        adversaryStep(QT_TRANSLATE_NOOP("Scenario", "The attacker rewrites the Director's targets to name an image of its own"),
                      [](ScenarioContext &ctx) -> Result<void> {
                          auto real = publishedImage(ctx, kRelease);
                          if (!real)
                              return fail(real.error());
                          // Same length as the real image, so only the hashes in the entry change.
                          const Metadata::TargetFile evil =
                              evilImage(real->path, evilBytes(real->path, u"3.1"_s, real->length),
                                        Demo::secondaryHardwareId(), real->releaseCounter.value_or(0));
                          const Metadata::Encoding encoding = ctx.encoding();
                          ctx.track(ctx.adversary().rewriteServed(
                              Kit::directorPattern(ctx, u"targets"_s),
                              [encoding, evil](const QByteArray &original) {
                                  auto altered = alterKeepingSignatures(original, encoding, [&evil](Metadata::Targets &body) {
                                      giveTo(body, evil, Demo::secondarySerials());
                                  });
                                  return altered ? *altered : original;
                              },
                              u"rewrites the Director's targets (no key: the signatures stay)"_s));
                          return {};
                      }),
        cycleStep(QT_TRANSLATE_NOOP("Scenario", "Update cycle: the Primary refuses the altered targets"), Demo::vin(),
                  Kit::everyEcu(Verdict::Defended, ErrorCode::HashMismatch), reportedByPrimary(ErrorCode::HashMismatch, DirectorFinding::NotInstalled)),
        attackerLeavesStep(),
        deliveredCycleStep(),
    };
    return s;
}

Scenario mitmImage()
{
    Scenario s;
    s.id = u"ref-3.2-mitm-image"_s;
    s.title = QT_TRANSLATE_NOOP("Scenario", "Man in the middle on the Image Repository (reference 3.2)");
    s.narration = QT_TRANSLATE_NOOP(
        "Scenario",
        "The attacker sits between the vehicle and the Image Repository and, holding no key, serves an "
        "image of its own in place of the new release: exactly as long as the real one, so only its "
        "contents differ. The metadata is untouched and verifies; but both repositories' signed targets "
        "list the image's SHA-256 and SHA-512, and the bytes that arrived hash to something else. The "
        "Primary discards them before sending anything to a Secondary (and each Secondary would check the "
        "same hashes again had a compromised Primary passed the image on).");
    s.outcome = QT_TRANSLATE_NOOP("Scenario", "DEFENDED (HashMismatch): the image does not hash to what the signed targets list.");
    s.defence = Verify::Defence::ImageHashes;
    s.steps = {
        deliverStep(kRelease),
        adversaryStep(QT_TRANSLATE_NOOP("Scenario", "The attacker serves its own image in place of the release"),
                      [](ScenarioContext &ctx) -> Result<void> {
                          auto real = publishedImage(ctx, kRelease);
                          if (!real)
                              return fail(real.error());
                          Kit::plantEvilImage(ctx, real->path, Demo::secondarySerials(),
                                              evilBytes(real->path, u"3.2"_s, real->length), real->releaseCounter, true);
                          return {};
                      }),
        cycleStep(QT_TRANSLATE_NOOP("Scenario", "Update cycle: the Primary discards the image"), Demo::vin(),
                  Kit::everyEcu(Verdict::Defended, ErrorCode::HashMismatch), reportedByPrimary(ErrorCode::HashMismatch, DirectorFinding::NotInstalled)),
        attackerLeavesStep(),
        deliveredCycleStep(),
    };
    return s;
}

Scenario replayTimestamp()
{
    Scenario s;
    s.id = u"ref-3.3-replay-timestamp"_s;
    s.title = QT_TRANSLATE_NOOP("Scenario", "Replay of an old Director timestamp (reference 3.3)");
    s.narration = QT_TRANSLATE_NOOP(
        "Scenario",
        "The attacker records the Director's timestamp, a file the Director really signed. The OEM then "
        "delivers a new release, and the vehicle installs it: it now trusts a newer timestamp. The "
        "attacker replays the recorded one, hoping to hide newer metadata from the vehicle (or, with older "
        "targets, to roll it back). The signature is valid, so the signature check cannot help; but every "
        "ECU remembers the version of the metadata it trusts, and versions never go back. The Primary "
        "refuses the older timestamp, shows REPLAY and reports it.");
    s.outcome = QT_TRANSLATE_NOOP("Scenario", "REPLAY (Rollback): the timestamp's version is lower than the one the Primary trusts.");
    s.defence = Verify::Defence::MetadataRollback;
    s.steps = {
        adversaryStep(QT_TRANSLATE_NOOP("Scenario", "The attacker records the Director's timestamp"),
                      recordDirectorFile(u"timestamp"_s)),
        deliverStep(kRelease),
        deliveredCycleStep(),
        adversaryStep(QT_TRANSLATE_NOOP("Scenario", "The attacker replays the recorded timestamp"),
                      [](ScenarioContext &ctx) -> Result<void> {
                          ctx.track(ctx.adversary().replaceServed(Kit::directorPattern(ctx, u"timestamp"_s),
                                                                  ctx.bytes.value(u"timestamp"_s),
                                                                  u"replays an older Director timestamp"_s));
                          return {};
                      }),
        cycleStep(QT_TRANSLATE_NOOP("Scenario", "Update cycle: the Primary refuses the old timestamp"), Demo::vin(),
                  Kit::everyEcu(Verdict::Replay, ErrorCode::Rollback), reportedByPrimary(ErrorCode::Rollback, DirectorFinding::Installed)),
        attackerLeavesStep(),
        nothingNewCycleStep(),
    };
    return s;
}

Scenario stolenDirectorKey()
{
    Scenario s;
    s.id = u"ref-3.4-stolen-director-key"_s;
    s.title = QT_TRANSLATE_NOOP("Scenario", "Arbitrary image with a stolen Director key (reference 3.4)");
    s.narration = QT_TRANSLATE_NOOP(
        "Scenario",
        "The supplier publishes a new release on the Image Repository; the Director has not assigned it "
        "yet. An attacker breaks into the Director and takes its online keys (targets, snapshot, "
        "timestamp). It signs Director metadata that assigns TCU and DOOR an image of its own under the "
        "new release's name, and serves that image. The Director's metadata is now perfectly valid: every "
        "signature checks. What stops the attack is Uptane's second repository: the Primary looks the "
        "target up in the Image Repository, whose keys the attacker does not hold, and the hashes and "
        "length there are not the ones the Director lists. Compromising the Director alone is not enough. "
        "To recover, the OEM rotates the Director's keys (its offline root signs new ones) and assigns the "
        "real release.");
    s.outcome = QT_TRANSLATE_NOOP("Scenario", "DEFENDED (TargetMismatch): the Director's target does not match the Image Repository's.");
    s.defence = Verify::Defence::DirectorImageMatch;
    s.steps = {
        operatorStep(QT_TRANSLATE_NOOP("Scenario", "The supplier publishes a new release (not assigned yet)"),
                     [](ScenarioContext &ctx) { return publish(ctx, kRelease); }),
        adversaryStep(QT_TRANSLATE_NOOP("Scenario", "With the Director's stolen keys, the attacker assigns its own image under the release's name"),
                      [](ScenarioContext &ctx) { return forgeWithDirectorKeys(ctx, u"3.4"_s); }),
        cycleStep(QT_TRANSLATE_NOOP("Scenario", "Update cycle: the Director's target does not match the Image Repository"),
                  Demo::vin(), Kit::everyEcu(Verdict::Defended, ErrorCode::TargetMismatch),
                  reportedByPrimary(ErrorCode::TargetMismatch)),
        attackerLeavesStep(),
        operatorStep(QT_TRANSLATE_NOOP("Scenario", "The OEM rotates the Director's online keys"), Kit::rotateDirectorKeys),
        operatorStep(QT_TRANSLATE_NOOP("Scenario", "The Director assigns the real release to TCU and DOOR"),
                     [](ScenarioContext &ctx) { return Kit::assign(ctx, kRelease); }),
        cycleStep(QT_TRANSLATE_NOOP("Scenario", "Update cycle: the real release is delivered"), Demo::vin(),
                  Kit::secondaries(Verdict::Updated), bothInstalled()),
    };
    return s;
}

Scenario bothRepositories()
{
    Scenario s;
    s.id = u"ref-3.5-both-repositories"_s;
    s.title = QT_TRANSLATE_NOOP("Scenario", "Both repositories compromised (reference 3.5)");
    s.narration = QT_TRANSLATE_NOOP(
        "Scenario",
        "First the attacker holds only the Director's online keys, as in 3.4, and is stopped by the "
        "Image Repository cross-check. Then it also steals the Image Repository's online keys (targets, "
        "snapshot, timestamp) and lists its image there too. Now every piece of metadata the vehicle sees "
        "is validly signed by keys it trusts, and the image matches it: neither the Primary nor TCU nor "
        "DOOR has any way to tell, and both Secondaries install the attacker's image. This is why the "
        "Image Repository's targets keys should be offline keys, used only to change delegations: an "
        "attacker needs both repositories. The Director still sees that the ECUs run an image it never "
        "assigned. Recovery: the OEM rotates both repositories' keys and delivers a good release.");
    s.outcome = QT_TRANSLATE_NOOP("Scenario", "COMPROMISED: with both repositories' keys the attacker's image is installed on TCU and DOOR.");
    s.defence = Verify::Defence::DirectorImageMatch;
    s.steps = {
        operatorStep(QT_TRANSLATE_NOOP("Scenario", "The supplier publishes a new release (not assigned yet)"),
                     [](ScenarioContext &ctx) { return publish(ctx, kRelease); }),
        adversaryStep(QT_TRANSLATE_NOOP("Scenario", "With the Director's stolen keys, the attacker assigns its own image under the release's name"),
                      [](ScenarioContext &ctx) { return forgeWithDirectorKeys(ctx, u"3.5"_s); }),
        cycleStep(QT_TRANSLATE_NOOP("Scenario", "Update cycle: the Director alone cannot fool the vehicle"), Demo::vin(),
                  Kit::everyEcu(Verdict::Defended, ErrorCode::TargetMismatch), reportedByPrimary(ErrorCode::TargetMismatch)),
        adversaryStep(QT_TRANSLATE_NOOP("Scenario", "The attacker also steals the Image Repository's online keys and lists its image there"),
                      [](ScenarioContext &ctx) -> Result<void> {
                          auto stolen = stealOnlineKeys(ctx, false);
                          if (!stolen)
                              return fail(stolen.error());
                          auto evil = evilRelease(ctx, u"3.5"_s, false);
                          if (!evil)
                              return fail(evil.error());
                          return serveImageRepoForgery(ctx, *stolen, *evil);
                      }),
        cycleStep(QT_TRANSLATE_NOOP("Scenario", "Update cycle: the attacker's image is installed"), Demo::vin(),
                  Kit::secondaries(Verdict::Compromised),
                  {seen(Demo::secondarySerial(), DirectorFinding::NotInstalled),
                   seen(Demo::partialSerial(), DirectorFinding::NotInstalled)}),
    };
    s.steps += recoverBothRepositoriesSteps(kFresh);
    return s;
}

Scenario recovery()
{
    Scenario s;
    s.id = u"ref-3.6-recovery"_s;
    s.title = QT_TRANSLATE_NOOP("Scenario", "Recovery from a key compromise (reference 3.6)");
    s.narration = QT_TRANSLATE_NOOP(
        "Scenario",
        "The attacker holds the online keys of both repositories and has installed its image on TCU and "
        "DOOR (as in 3.5). The OEM recovers: with the repositories' root keys, kept offline and used for "
        "the first time since the repositories were created, it signs new root metadata that replaces "
        "every targets, snapshot and timestamp key. The vehicle follows the new root (each version signed "
        "by the old and the new root keys) and from then on trusts only the new keys. The attacker keeps "
        "signing with the keys it stole: those signatures no longer count towards any threshold, and the "
        "Primary refuses its metadata. A good release then replaces the attacker's image. (An ECU that ran "
        "the attacker's code cannot be fully trusted again without being wiped; ECUs that were not "
        "compromised are safe from the stolen keys.)");
    s.outcome = QT_TRANSLATE_NOOP("Scenario", "DEFENDED (ThresholdNotMet) after the rotation, then UPDATED with a good release.");
    s.defence = Verify::Defence::MetadataSignatures;
    s.steps = {
        operatorStep(QT_TRANSLATE_NOOP("Scenario", "The supplier publishes a new release (not assigned yet)"),
                     [](ScenarioContext &ctx) { return publish(ctx, kRelease); }),
        adversaryStep(QT_TRANSLATE_NOOP("Scenario", "With both repositories' stolen online keys, the attacker installs its own image"),
                      [](ScenarioContext &ctx) -> Result<void> {
                          auto director = stealOnlineKeys(ctx, true);
                          if (!director)
                              return fail(director.error());
                          auto images = stealOnlineKeys(ctx, false);
                          if (!images)
                              return fail(images.error());
                          keepKeys(ctx, kOldDirector, *director);
                          keepKeys(ctx, kOldImageRepo, *images);
                          return forgeBoth(ctx, *director, *images, u"3.6"_s);
                      }),
        cycleStep(QT_TRANSLATE_NOOP("Scenario", "Update cycle: the attacker's image is installed"), Demo::vin(),
                  Kit::secondaries(Verdict::Compromised)),
        operatorStep(QT_TRANSLATE_NOOP("Scenario", "The OEM's root keys replace both repositories' online keys"), rotateBothRepositories),
        adversaryStep(QT_TRANSLATE_NOOP("Scenario", "The attacker signs a new image with the keys it stole"),
                      [](ScenarioContext &ctx) -> Result<void> {
                          ctx.undoTracked();  // the forgeries of the old root's era
                          auto director = keptKeys(ctx, kOldDirector);
                          if (!director)
                              return fail(director.error());
                          auto images = keptKeys(ctx, kOldImageRepo);
                          if (!images)
                              return fail(images.error());
                          return forgeBoth(ctx, *director, *images, u"3.6, after the rotation"_s);
                      }),
        cycleStep(QT_TRANSLATE_NOOP("Scenario", "Update cycle: the old keys no longer count"), Demo::vin(),
                  Kit::everyEcu(Verdict::Defended, ErrorCode::ThresholdNotMet), reportedByPrimary(ErrorCode::ThresholdNotMet)),
        attackerLeavesStep(),
    };
    s.steps += goodReleaseSteps(kFresh);
    return s;
}

Scenario revokedKeys()
{
    Scenario s;
    s.id = u"ref-3.7-revoked-keys"_s;
    s.title = QT_TRANSLATE_NOOP("Scenario", "Arbitrary image signed with revoked keys (reference 3.7)");
    s.narration = QT_TRANSLATE_NOOP(
        "Scenario",
        "The OEM has rotated the Director's online keys, and the vehicle has followed the new root. An "
        "attacker who holds the revoked keys signs Director metadata (targets, snapshot and timestamp) "
        "assigning an image of its own. The files are well formed and carry signatures that were once "
        "good; but the Primary counts only signatures by the keys its current root lists for each role, "
        "and there are none: the threshold is not met and the metadata is refused at the first file, the "
        "timestamp. Nothing signed by the revoked keys is kept, so once the attacker stops the vehicle "
        "is simply up to date.");
    s.outcome = QT_TRANSLATE_NOOP("Scenario", "DEFENDED (ThresholdNotMet): the revoked keys' signatures do not count.");
    s.defence = Verify::Defence::MetadataSignatures;
    s.steps = {
        operatorStep(QT_TRANSLATE_NOOP("Scenario", "The OEM rotates the Director's online keys"), Kit::rotateDirectorKeys),
        cycleStep(QT_TRANSLATE_NOOP("Scenario", "Update cycle: the vehicle follows the new root"), Demo::vin(),
                  Kit::everyEcu(Verdict::UpToDate), bothInstalled()),
        operatorStep(QT_TRANSLATE_NOOP("Scenario", "The supplier publishes a new release (not assigned yet)"),
                     [](ScenarioContext &ctx) { return publish(ctx, kRelease); }),
        adversaryStep(QT_TRANSLATE_NOOP("Scenario", "The attacker signs Director metadata for its own image with the revoked keys"),
                      [](ScenarioContext &ctx) -> Result<void> {
                          auto revoked = revokedDirectorOnlineKeys(ctx);
                          if (!revoked)
                              return fail(revoked.error());
                          auto evil = evilRelease(ctx, u"3.7"_s, true);
                          if (!evil)
                              return fail(evil.error());
                          return serveDirectorForgery(ctx, *revoked, *evil);
                      }),
        cycleStep(QT_TRANSLATE_NOOP("Scenario", "Update cycle: the revoked keys' signatures do not count"), Demo::vin(),
                  Kit::everyEcu(Verdict::Defended, ErrorCode::ThresholdNotMet),
                  reportedByPrimary(ErrorCode::ThresholdNotMet, DirectorFinding::Installed)),
        attackerLeavesStep(),
        nothingNewCycleStep(),
    };
    return s;
}

} // namespace

QList<Scenario> referenceScenarios()
{
    QList<Scenario> list{deliverUpdate(), mitmDirector(), mitmImage(), replayTimestamp(),
                         stolenDirectorKey(), bothRepositories(), recovery(), revokedKeys()};
    for (Scenario &scenario : list)
        scenario.group = ScenarioGroup::Reference;
    return list;
}

} // namespace Uptane::Attacks
