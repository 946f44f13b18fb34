// The free-play toggles inside and around the vehicle (freeplay.h): a compromised Primary,
// a tap on the bus to the partial-verification Secondary, the manifest upload and the Time
// Server link. As in freeplay.cpp, most are the catalogue's scenarios reduced to their
// attack, and a toggle whose attack works on an update in flight has the OEM publish and
// assign a new release when it is switched on.

#include "attacks/freeplay_p.h"

#include "attacks/catalogue_p.h"
#include "services/timeserver.h"

#include <QRandomGenerator>

using namespace Qt::StringLiterals;

namespace Uptane::Attacks {

namespace {

using namespace CatalogueKit;
using Metadata::BusMessage;
using Verify::Defence;
using FreePlayKit::attack;
using FreePlayKit::Delivery;
using FreePlayKit::fromScenario;

const QString kRelease = u"release"_s;

// After a release is assigned, a tap on DOOR's bus without keys: the Director targets DOOR
// gets name the attacker's image (the Director's signatures kept, over bytes that no longer
// exist), and the image is the attacker's. Partial verification's one check on metadata, the Director's signature, fails.
Result<void> busTapPartial(ScenarioContext &ctx)
{
    auto real = publishedImage(ctx, kRelease);
    if (!real)
        return fail(real.error());
    const QByteArray bytes = evilBytes(real->path, u"free play, bus"_s, real->length);
    const Metadata::TargetFile evil =
        Kit::plantEvilImage(ctx, real->path, {Demo::partialSerial()}, bytes, real->releaseCounter, false);
    const Metadata::Encoding encoding = ctx.encoding();
    rewriteMetadataOnBus(ctx, Demo::partialSerial(), false,
                         [encoding, evil](const QByteArray &bundle) {
                             return alterDirectorTargetsInBundle(bundle, encoding, [&evil](Metadata::Targets &body) {
                                 giveTo(body, evil, {Demo::partialSerial()});
                             });
                         },
                         u"rewrites the Director targets sent to DOORdemocar"_s);
    replaceImageOnBus(ctx, Demo::partialSerial(), bytes, u"hands DOORdemocar the attacker's image"_s);
    return {};
}

// An attestation the Time Server really signed, for a nonce of an earlier cycle (the
// attacker recorded it then), replayed in place of every fresh one.
Result<void> replayedAttestation(ScenarioContext &ctx)
{
    const qint64 oldNonce = qint64(QRandomGenerator::global()->generate64() >> 1);
    auto recorded = ctx.services().timeServer().attestBytes({oldNonce});
    if (!recorded)
        return fail(recorded.error());
    ctx.track(ctx.adversary().rewriteAttestation([old = *recorded](const QByteArray &) { return old; },
                                                 u"replays an old attestation"_s));
    return {};
}

} // namespace

QList<FreePlayAttack> FreePlayKit::vehicleAttacks()
{
    using P = AttackerPlacement;
    return {
        attack(u"compromised-primary-metadata"_s, P::Primary, Defence::MetadataSignatures,
                         QT_TRANSLATE_NOOP("FreePlay", "Compromised Primary: forge metadata"),
                         QT_TRANSLATE_NOOP("FreePlay", "The Primary, in the attacker's hands, passes the Secondaries Director "
                                                       "metadata signed with its own key for a new release. Each Secondary "
                                                       "checks the Director's signatures itself."),
                  fromScenario(u"compromised-primary-metadata"_s, Delivery::PublishAndAssign)),
        attack(u"compromised-primary-image"_s, P::Primary, Defence::ImageHashes,
                         QT_TRANSLATE_NOOP("FreePlay", "Compromised Primary: alter images"),
                         QT_TRANSLATE_NOOP("FreePlay", "The Primary, in the attacker's hands, flips one bit of the new "
                                                       "release it passes to the Secondaries. Each checks the image's "
                                                       "hashes."),
                  fromScenario(u"compromised-primary-image"_s, Delivery::PublishAndAssign)),
        attack(u"bus-tap-partial"_s, P::Primary, Defence::MetadataSignatures,
                         QT_TRANSLATE_NOOP("FreePlay", "Tap DOOR's bus"),
                         QT_TRANSLATE_NOOP("FreePlay", "A tap on the bus rewrites the Director targets sent to DOOR, the "
                                                       "partial-verification Secondary, and hands it the attacker's image. "
                                                       "DOOR checks the Director's signature on its targets."),
                  FreePlayKit::afterDelivery(Delivery::PublishAndAssign, busTapPartial)),
        attack(u"tampered-manifest"_s, P::DirectorLink, Defence::ManifestSignatures,
                         QT_TRANSLATE_NOOP("FreePlay", "Tamper with the vehicle manifest"),
                         QT_TRANSLATE_NOOP("FreePlay", "The vehicle manifest is altered on its way to the Director. The "
                                                       "Director checks its signatures and refuses it."),
                  fromScenario(u"tampered-manifest"_s, Delivery::None)),
        attack(u"replayed-attestation"_s, P::TimeServerLink, Defence::TimeAttestation,
                         QT_TRANSLATE_NOOP("FreePlay", "Replay an old time attestation"),
                         QT_TRANSLATE_NOOP("FreePlay", "The attacker replays a genuine attestation of the Time Server from "
                                                       "an earlier cycle. It does not list this cycle's nonces."),
                  replayedAttestation),
    };
}

} // namespace Uptane::Attacks
