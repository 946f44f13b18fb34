// The free-play toggles on the way from the repositories (freeplay.h): a man in the middle on
// the Director and Image Repository links (forge, replay, freeze, endless data, slow
// retrieval, drop) and stolen repository keys. Most are a catalogue scenario reduced to its
// attack (fromScenario); the replays, the freeze and the stolen Image Repository and supplier
// keys are built here. Where the attack needs something new on its way to the vehicle to
// work on, switching it on also has the OEM publish (and assign) a new release, so the next
// cycle shows the defence; switching it off leaves that release to arrive normally.

#include "attacks/freeplay_p.h"

#include "attacks/catalogue.h"
#include "attacks/catalogue_p.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace Uptane::Attacks {

namespace {

using namespace CatalogueKit;
using Verify::Defence;
using FreePlayKit::Action;
using FreePlayKit::Delivery;
namespace FPK = FreePlayKit;

const QString kRelease = u"release"_s;
const QString kEavesdropped = u"eavesdropped/"_s;
const QStringList kRoles{u"timestamp"_s, u"snapshot"_s, u"targets"_s};
constexpr int kMaxRecorded = 4;

QString recordingKey(const QString &repository, int set, const QString &role)
{
    return kEavesdropped + repository + u'/' + QString::number(set) + u'/' + role;
}

QString countKey(const QString &repository)
{
    return kEavesdropped + repository + u"/count"_s;
}

QString patternOf(ScenarioContext &ctx, const QString &repository, const QString &role)
{
    return repository == u"director" ? Kit::directorPattern(ctx, role) : Kit::imageRepoPattern(ctx, role);
}

// ---- the man in the middle

// Serves the set recorded before the vehicle's last completed cycle in place of what the
// repository publishes now.
Result<void> replay(ScenarioContext &ctx, const QString &repository)
{
    auto older = FPK::olderRecording(ctx, repository);
    if (!older)
        return fail(older.error());
    for (auto it = older->cbegin(); it != older->cend(); ++it) {
        ctx.track(ctx.adversary().replaceServed(patternOf(ctx, repository, it.key()), it.value(),
                                                u"replays older %1 metadata (%2)"_s.arg(repository, it.key())));
    }
    return {};
}

// As the freeze scenario, with the day it waits for taken at once (time only goes forward,
// so that part stays; the repositories re-sign, and nothing else is left expired).
Result<void> freeze(ScenarioContext &ctx)
{
    for (const QString &role : kRoles) {
        auto served = Kit::directorFile(ctx, role);
        if (!served)
            return fail(served.error());
        ctx.track(ctx.adversary().replaceServed(Kit::directorPattern(ctx, role), *served,
                                                u"freezes democar's Director metadata (%1)"_s.arg(role)));
    }
    // Past the frozen timestamp's expiry (it lives one day); the repositories re-sign theirs.
    return Kit::advanceTime(ctx, 86400 + 3600);
}

// ---- stolen keys

// After a release is assigned: the Image Repository's online keys list the attacker's
// image under its name.
Result<void> stolenImageRepoKeys(ScenarioContext &ctx)
{
    auto real = publishedImage(ctx, kRelease);
    if (!real)
        return fail(real.error());
    auto stolen = stealOnlineKeys(ctx, false);
    if (!stolen)
        return fail(stolen.error());
    const Metadata::TargetFile evil = Kit::plantEvilImage(ctx, real->path, {}, evilBytes(real->path, u"free play"_s),
                                                          real->releaseCounter, false);
    auto forged = forgeListing(ctx, false, *stolen, evil, {});
    if (!forged)
        return fail(forged.error());
    auto served = Kit::serveForgery(ctx, u"imagerepo"_s, *forged,
                                    u"serves Image Repository targets signed with stolen keys"_s);
    return served ? Result<void>{} : fail(served.error());
}

const QString kSupplierRole = u"supplier-acme"_s;

// After a release is assigned: the supplier's key (and the Image Repository's snapshot and
// timestamp keys, so its role is served) re-sign supplier-acme's role listing the
// attacker's image under the release's name.
Result<void> stolenSupplierKey(ScenarioContext &ctx)
{
    auto real = publishedImage(ctx, kRelease);
    if (!real)
        return fail(real.error());
    StolenKeys stolen;
    for (const auto &[role, into] : {std::pair{kSupplierRole, &stolen.targets}, std::pair{u"snapshot"_s, &stolen.snapshot},
                                     std::pair{u"timestamp"_s, &stolen.timestamp}}) {
        auto keys = Kit::imageRepoKeys(ctx, role);
        if (!keys)
            return fail(keys.error());
        *into = *keys;
    }
    const Metadata::TargetFile evil = Kit::plantEvilImage(ctx, real->path, {}, evilBytes(real->path, u"free play"_s),
                                                          real->releaseCounter, false);
    auto forged = forgeRelease(Kit::imageRepoMetadataDir(ctx), ctx.encoding(), kSupplierRole, stolen,
                               [evil](Metadata::Targets &body) { body.targets.insert(evil.path, evil); },
                               ctx.clock().now());
    if (!forged)
        return fail(forged.error());
    auto served = Kit::serveForgery(ctx, u"imagerepo"_s, *forged, u"serves supplier-acme's role re-signed with its stolen key"_s);
    return served ? Result<void>{} : fail(served.error());
}

Result<void> rotateSupplier(ScenarioContext &ctx)
{
    if (auto rotated = Kit::rotateImageRepositoryKeys(ctx); !rotated)
        return rotated;
    if (auto rotated = ctx.services().images().rotateKeys(kSupplierRole); !rotated)
        return fail(rotated.error());
    return {};
}

} // namespace

namespace FreePlayKit {

FreePlayAttack attack(const QString &id, AttackerPlacement placement, Verify::Defence defence, const char *title,
                      const char *explanation, Action apply, Action undo)
{
    FreePlayAttack made;
    made.id = id;
    made.placement = placement;
    made.defence = defence;
    made.title = title;
    made.explanation = explanation;
    made.apply = std::move(apply);
    made.undo = std::move(undo);
    return made;
}

Action afterDelivery(Delivery delivery, Action attack)
{
    return [delivery, attack = std::move(attack)](ScenarioContext &ctx) -> Result<void> {
        if (delivery == Delivery::PublishAndAssign) {
            if (auto delivered = Kit::deliverNewRelease(ctx, kRelease); !delivered)
                return delivered;
        } else if (delivery == Delivery::Publish) {
            if (auto published = Kit::publishRelease(ctx, kRelease); !published)
                return fail(published.error());
        }
        return attack(ctx);
    };
}

Action fromScenario(const QString &scenarioId, Delivery delivery)
{
    const Scenario *scenario = findScenario(scenarioId);
    const ScenarioStep *attack = nullptr;
    for (const ScenarioStep &step : scenario ? scenario->steps : QList<ScenarioStep>()) {
        if (step.kind == ScenarioStep::Kind::Adversary && step.action) {
            attack = &step;
            break;
        }
    }
    if (!attack) {
        return [scenarioId](ScenarioContext &) -> Result<void> {
            return fail(ErrorCode::NotFound, u"no attack in scenario %1"_s.arg(scenarioId));
        };
    }
    return afterDelivery(delivery, attack->action);
}

Result<void> recordServed(ScenarioContext &recorder)
{
    for (const QString &repository : {u"director"_s, u"imagerepo"_s}) {
        QMap<QString, QByteArray> set;
        for (const QString &role : kRoles) {
            auto served = repository == u"director" ? Kit::directorFile(recorder, role)
                                                    : Kit::imageRepoFile(recorder, role);
            if (!served)
                return fail(served.error());
            set.insert(role, *served);
        }
        int count = recorder.values.value(countKey(repository)).toInt();
        if (count > 0 && recorder.bytes.value(recordingKey(repository, count - 1, u"timestamp"_s)) == set.value(u"timestamp"_s))
            continue;
        if (count == kMaxRecorded) {  // the oldest set goes
            for (int n = 1; n < count; ++n) {
                for (const QString &role : kRoles)
                    recorder.bytes.insert(recordingKey(repository, n - 1, role), recorder.bytes.value(recordingKey(repository, n, role)));
            }
            --count;
        }
        for (auto it = set.cbegin(); it != set.cend(); ++it)
            recorder.bytes.insert(recordingKey(repository, count, it.key()), it.value());
        recorder.values.insert(countKey(repository), count + 1);
    }
    return {};
}

Result<QMap<QString, QByteArray>> olderRecording(ScenarioContext &ctx, const QString &repository)
{
    const int count = ctx.values.value(countKey(repository)).toInt();
    if (count < 2) {
        return fail(ErrorCode::NotFound,
                    u"nothing older than what the vehicle trusts was recorded from %1 yet: deliver an update first"_s
                        .arg(repository));
    }
    QMap<QString, QByteArray> set;
    for (const QString &role : kRoles)
        set.insert(role, ctx.bytes.value(recordingKey(repository, count - 2, role)));
    return set;
}

QList<FreePlayAttack> repositoryAttacks()
{
    using P = AttackerPlacement;
    using D = Delivery;
    return {
        attack(u"mitm-director"_s, P::DirectorLink, Defence::MetadataHashes,
                           QT_TRANSLATE_NOOP("FreePlay", "Forge the Director's targets"),
                           QT_TRANSLATE_NOOP("FreePlay", "A man in the middle without keys rewrites the Director's targets to "
                                                         "name an image of its own. Switching it on also publishes and assigns "
                                                         "a new release. The snapshot's hashes give it away."),
                    fromScenario(u"ref-3.1-mitm-director"_s, D::PublishAndAssign)),
        attack(u"mitm-imagerepo"_s, P::ImageRepoLink, Defence::ImageHashes,
                           QT_TRANSLATE_NOOP("FreePlay", "Swap the image"),
                           QT_TRANSLATE_NOOP("FreePlay", "A man in the middle serves its own image, exactly as long as the new "
                                                         "release it publishes and assigns. The image does not hash to what "
                                                         "the signed targets list."),
                    fromScenario(u"ref-3.2-mitm-image"_s, D::PublishAndAssign)),
        attack(u"replay-director"_s, P::DirectorLink, Defence::MetadataRollback,
                           QT_TRANSLATE_NOOP("FreePlay", "Replay old Director metadata"),
                           QT_TRANSLATE_NOOP("FreePlay", "The attacker replays Director metadata it recorded before the "
                                                         "vehicle's last update, genuinely signed. Versions never go back: "
                                                         "REPLAY."),
                    [](ScenarioContext &ctx) { return replay(ctx, u"director"_s); }),
        attack(u"replay-imagerepo"_s, P::ImageRepoLink, Defence::MetadataRollback,
                           QT_TRANSLATE_NOOP("FreePlay", "Replay old Image Repository metadata"),
                           QT_TRANSLATE_NOOP("FreePlay", "The attacker replays Image Repository metadata it recorded before the "
                                                         "vehicle's last update. Versions never go back: REPLAY."),
                    [](ScenarioContext &ctx) { return replay(ctx, u"imagerepo"_s); }),
        attack(u"freeze"_s, P::DirectorLink, Defence::MetadataExpiry,
                           QT_TRANSLATE_NOOP("FreePlay", "Freeze the Director's metadata"),
                           QT_TRANSLATE_NOOP("FreePlay", "The attacker keeps serving the Director's metadata as it is now, "
                                                         "and a day passes. The frozen timestamp expires at the attested "
                                                         "time: FROZEN."),
                    freeze),
        attack(u"endless-data"_s, P::ImageRepoLink, Defence::ImageLength,
                           QT_TRANSLATE_NOOP("FreePlay", "Endless data"),
                           QT_TRANSLATE_NOOP("FreePlay", "The download of a new release never ends. The Primary reads no "
                                                         "more than the signed length."),
                    fromScenario(u"endless-data"_s, D::PublishAndAssign)),
        attack(u"slow-retrieval"_s, P::ImageRepoLink, Defence::SlowRetrieval,
                           QT_TRANSLATE_NOOP("FreePlay", "Slow retrieval"),
                           QT_TRANSLATE_NOOP("FreePlay", "A new release trickles in at a few bytes per second. Below the "
                                                         "minimum speed the Primary gives up the download."),
                    fromScenario(u"slow-retrieval"_s, D::PublishAndAssign)),
        attack(u"drop-director"_s, P::DirectorLink, Defence::AttackReporting,
                           QT_TRANSLATE_NOOP("FreePlay", "Drop the Director's metadata"),
                           QT_TRANSLATE_NOOP("FreePlay", "Every request for the Director's metadata is dropped. Nothing can "
                                                         "force a download, but the Primary reports the denial to the "
                                                         "Director."),
                    fromScenario(u"drop-request"_s, D::None)),
        attack(u"stolen-director-keys"_s, P::DirectorServer, Defence::DirectorImageMatch,
                           QT_TRANSLATE_NOOP("FreePlay", "Steal the Director's online keys"),
                           QT_TRANSLATE_NOOP("FreePlay", "With the Director's timestamp, snapshot and targets keys the "
                                                         "attacker assigns its own image. The Image Repository lists other "
                                                         "hashes. Switching it off rotates the keys."),
                    fromScenario(u"ref-3.4-stolen-director-key"_s, D::Publish), Kit::rotateDirectorKeys),
        attack(u"stolen-imagerepo-keys"_s, P::ImageRepoServer, Defence::DirectorImageMatch,
                           QT_TRANSLATE_NOOP("FreePlay", "Steal the Image Repository's online keys"),
                           QT_TRANSLATE_NOOP("FreePlay", "With the Image Repository's online keys the attacker lists its own "
                                                         "image under the name of a new release. The Director's targets "
                                                         "still give the real hashes. Switching it off rotates the keys."),
                    afterDelivery(D::PublishAndAssign, stolenImageRepoKeys), Kit::rotateImageRepositoryKeys),
        attack(u"stolen-supplier-key"_s, P::ImageRepoServer, Defence::DirectorImageMatch,
                           QT_TRANSLATE_NOOP("FreePlay", "Steal the supplier's key"),
                           QT_TRANSLATE_NOOP("FreePlay", "With ACME's key the attacker re-signs ACME's role to list its own "
                                                         "image under the name of a new release. Without the Director's keys "
                                                         "it cannot make a vehicle install it. Switching it off rotates the "
                                                         "keys."),
                    afterDelivery(D::PublishAndAssign, stolenSupplierKey), rotateSupplier),
    };
}

} // namespace FreePlayKit

QString attackerPlacementName(AttackerPlacement placement)
{
    switch (placement) {
    case AttackerPlacement::DirectorLink:
        return u"director-link"_s;
    case AttackerPlacement::ImageRepoLink:
        return u"imagerepo-link"_s;
    case AttackerPlacement::TimeServerLink:
        return u"timeserver-link"_s;
    case AttackerPlacement::DirectorServer:
        return u"director-server"_s;
    case AttackerPlacement::ImageRepoServer:
        return u"imagerepo-server"_s;
    case AttackerPlacement::Primary:
        return u"primary"_s;
    }
    return {};
}

QString FreePlayAttack::translatedTitle() const
{
    return QCoreApplication::translate("FreePlay", title);
}

QString FreePlayAttack::translatedExplanation() const
{
    return QCoreApplication::translate("FreePlay", explanation);
}

QList<FreePlayAttack> freePlayAttacks()
{
    static const QList<FreePlayAttack> all = FreePlayKit::repositoryAttacks() + FreePlayKit::vehicleAttacks();
    return all;
}

const FreePlayAttack *findFreePlayAttack(const QString &id)
{
    static const QList<FreePlayAttack> all = freePlayAttacks();
    for (const FreePlayAttack &attack : all) {
        if (attack.id == id)
            return &attack;
    }
    return nullptr;
}

} // namespace Uptane::Attacks
