// The threat model on the way from the repositories to the vehicle (Uptane Standard §4,
// "deny installation" and "interfere with ECUs" by a man in the middle, and a stolen
// supplier key): freeze, rollback by old metadata and by an older release, mix-and-match,
// endless data, slow retrieval, drop-request. Each attack meets the Primary's full
// verification first: when it stops the cycle, nothing reaches a Secondary and every ECU
// shows the Primary's verdict; its manifest reports the attack to the Director.

#include "attacks/catalogue.h"
#include "attacks/scenariokit.h"

#include "services/oemservices.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace Uptane::Attacks {

namespace {

namespace Demo = Services::DemoFleet;
using Kit::everyEcu;
using Kit::secondaries;
using Vehicle::Verdict;
using Verify::Defence;

const QStringList kDirectorSet{u"timestamp"_s, u"snapshot"_s, u"targets"_s};
const QString kSupplierRole = u"supplier-acme"_s;

// ---- what the Director must see

DirectorExpectation sees(const QString &serial, DirectorFinding finding, std::optional<ErrorCode> code = std::nullopt)
{
    return DirectorExpectation{serial, finding, code};
}

// Every ECU runs what the Director assigns it.
QList<DirectorExpectation> allInstalled()
{
    return {sees(Demo::primarySerial(), DirectorFinding::Installed),
            sees(Demo::secondarySerial(), DirectorFinding::Installed),
            sees(Demo::partialSerial(), DirectorFinding::Installed)};
}

// The Primary stopped the cycle and reported why; the Secondaries got nothing, so they
// still report the image they ran before (NOT INSTALLED when a new one is assigned).
QList<DirectorExpectation> primaryReported(ErrorCode code, DirectorFinding secondariesFinding)
{
    return {sees(Demo::primarySerial(), DirectorFinding::AttackReported, code),
            sees(Demo::secondarySerial(), secondariesFinding),
            sees(Demo::partialSerial(), secondariesFinding)};
}

// ---- the attacker's recordings

Result<void> remember(ScenarioContext &ctx, const QString &key, Result<QByteArray> bytes)
{
    if (!bytes)
        return fail(bytes.error());
    ctx.bytes.insert(key, *bytes);
    return {};
}

// The Director's timestamp, snapshot and targets for democar as served now, under
// "<prefix>/<role>".
Result<void> recordDirectorSet(ScenarioContext &ctx, const QString &prefix)
{
    for (const QString &role : kDirectorSet) {
        if (auto ok = remember(ctx, prefix + u'/' + role, Kit::directorFile(ctx, role)); !ok)
            return ok;
    }
    return {};
}

// Serves the recorded set in place of whatever the Director publishes (every version's name).
Result<void> serveDirectorSet(ScenarioContext &ctx, const QString &prefix, const QString &description)
{
    for (const QString &role : kDirectorSet) {
        const QString key = prefix + u'/' + role;
        if (!ctx.bytes.contains(key))
            return fail(ErrorCode::NotFound, u"nothing recorded as %1"_s.arg(key));
        ctx.track(ctx.adversary().replaceServed(Kit::directorPattern(ctx, role), ctx.bytes.value(key),
                                                description + u" ("_s + role + u')'));
    }
    return {};
}

using Action = std::function<Result<void>(ScenarioContext &)>;

ScenarioStep attackerStops()
{
    return adversaryStep(QT_TRANSLATE_NOOP("Scenario", "The attacker stops"), [](ScenarioContext &ctx) -> Result<void> {
        ctx.undoTracked();
        return {};
    });
}

ScenarioStep newReleaseAssigned()
{
    return operatorStep(QT_TRANSLATE_NOOP("Scenario", "The OEM publishes a new release and assigns it to both Secondaries"),
                        [](ScenarioContext &ctx) { return Kit::deliverNewRelease(ctx, u"release"_s); });
}

ScenarioStep releaseArrives()
{
    return cycleStep(QT_TRANSLATE_NOOP("Scenario", "Update cycle: the release arrives"), Demo::vin(),
                     secondaries(Verdict::Updated), allInstalled());
}

ScenarioStep nothingToDo()
{
    return cycleStep(QT_TRANSLATE_NOOP("Scenario", "Update cycle: nothing to do"), Demo::vin(),
                     everyEcu(Verdict::UpToDate), allInstalled());
}

// The shape of an attack on the way to one delivery: the attacker acts, the Primary stops
// the cycle (every ECU shows its verdict; it reports the attack, the Secondaries are left
// with the image they ran), the attacker stops, the release arrives.
QList<ScenarioStep> deliveryStopped(const char *attackTitle, Action attack, const char *cycleTitle,
                                    Verdict verdict, ErrorCode code)
{
    return {adversaryStep(attackTitle, std::move(attack)),
            cycleStep(cycleTitle, Demo::vin(), everyEcu(verdict, code),
                      primaryReported(code, DirectorFinding::NotInstalled)),
            attackerStops(), releaseArrives()};
}

Scenario threat(const QString &id, Defence defence, const char *title, const char *narration, const char *outcome)
{
    Scenario s;
    s.id = id;
    s.group = ScenarioGroup::ThreatModel;
    s.defence = defence;
    s.title = title;
    s.narration = narration;
    s.outcome = outcome;
    return s;
}

// The older Director targets the attacker mixes in: the newest published version (they stay
// downloadable under "<version>.targets.<ext>") whose length differs from the current one,
// so the first check it meets is the snapshot's listed length (TUF 5.6.2). Version 1, the
// empty targets of a new vehicle, always qualifies.
Result<QByteArray> olderTargetsOfAnotherLength(ScenarioContext &ctx)
{
    auto current = Kit::directorFile(ctx, u"targets"_s);
    if (!current)
        return fail(current.error());
    const QDir dir(Kit::directorMetadataDir(ctx));
    const QRegularExpression name(u"^([0-9]+)\\.targets\\."_s + QRegularExpression::escape(ctx.extension()) + u'$');
    QMap<qint64, QString> versions;
    for (const QString &file : dir.entryList(QDir::Files)) {
        const QRegularExpressionMatch match = name.match(file);
        if (match.hasMatch())
            versions.insert(match.captured(1).toLongLong(), file);
    }
    // Newest first, skipping the current one (it is the newest).
    const QList<qint64> numbers = versions.keys();
    for (auto it = numbers.crbegin(); it != numbers.crend(); ++it) {
        QFile file(dir.filePath(versions.value(*it)));
        if (!file.open(QIODevice::ReadOnly))
            return fail(ErrorCode::IoError, u"cannot read %1"_s.arg(file.fileName()));
        const QByteArray bytes = file.readAll();
        if (bytes.size() != current->size())
            return bytes;
    }
    return fail(ErrorCode::NotFound, u"no older Director targets of another length"_s);
}

// ---- stolen supplier key

QByteArray backdoorBytes(const QString &path)
{
    return u"evil content: %1, signed with supplier-acme's stolen key\n"_s.arg(path).toUtf8();
}

const QString kInsidePath = u"acme/backdoor.img"_s;   // within supplier-acme's paths
const QString kOutsidePath = u"backdoor.img"_s;       // outside them

// The keys an attacker who broke into a repository ("director" or "imagerepo") takes: those
// of targetsRole (top-level or delegated) and the online snapshot and timestamp keys.
Result<StolenKeys> steal(ScenarioContext &ctx, const QString &repository, const QString &targetsRole)
{
    const bool director = repository == u"director";
    auto keysOf = [&](const QString &role) {
        return director ? Kit::directorKeys(ctx, role) : Kit::imageRepoKeys(ctx, role);
    };
    StolenKeys stolen;
    for (const auto &[role, into] : {std::pair{targetsRole, &stolen.targets}, std::pair{u"snapshot"_s, &stolen.snapshot},
                                     std::pair{u"timestamp"_s, &stolen.timestamp}}) {
        auto keys = keysOf(role);
        if (!keys)
            return fail(keys.error());
        *into = *keys;
    }
    return stolen;
}

// The next release of role in repository, signed with its stolen keys, served in place of
// the real files.
Result<void> forgeAndServe(ScenarioContext &ctx, const QString &repository, const QString &role,
                          const std::function<void(Metadata::Targets &)> &change, const QString &description)
{
    auto stolen = steal(ctx, repository, role);
    if (!stolen)
        return fail(stolen.error());
    const QString dir = repository == u"director" ? Kit::directorMetadataDir(ctx) : Kit::imageRepoMetadataDir(ctx);
    auto forged = forgeRelease(dir, ctx.encoding(), role, *stolen, change, ctx.clock().now());
    if (!forged)
        return fail(forged.error());
    auto served = Kit::serveForgery(ctx, repository, *forged, description);
    if (!served)
        return fail(served.error());
    return {};
}

// supplier-acme's role re-signed with its stolen key, listing two images of the attacker's
// (one in acme/*, one outside it) beside its real ones; the Image Repository's snapshot and
// timestamp re-signed with its stolen online keys so the vehicle fetches that role at all.
Result<void> forgeSupplierRole(ScenarioContext &ctx)
{
    const qint64 release = Kit::nextRelease(ctx);
    ctx.values.insert(u"backdoor-release"_s, release);
    QList<Metadata::TargetFile> planted;
    for (const QString &path : {kInsidePath, kOutsidePath})
        planted.append(Kit::plantEvilImage(ctx, path, {}, backdoorBytes(path), release));
    return forgeAndServe(ctx, u"imagerepo"_s, kSupplierRole,
                         [planted](Metadata::Targets &body) {
                             for (const Metadata::TargetFile &file : planted)
                                 body.targets.insert(file.path, file);
                         },
                         u"serves supplier-acme's role re-signed with its stolen key"_s);
}

// With the Director's online keys too: democar's targets re-signed to give both Secondaries
// the image outside acme/* that only the forged supplier role lists.
Result<void> forgeDirectorAssignment(ScenarioContext &ctx)
{
    const qint64 release = ctx.values.value(u"backdoor-release"_s).toLongLong();
    Metadata::TargetFile evil = evilImage(kOutsidePath, backdoorBytes(kOutsidePath), Demo::secondaryHardwareId(),
                                          release);
    evil.ecuSerials = Demo::secondarySerials();
    auto change = [evil](Metadata::Targets &body) {
        // One entry per ECU: the Secondaries' real one goes.
        for (auto it = body.targets.begin(); it != body.targets.end();) {
            const bool secondary = std::ranges::any_of(it->ecuSerials, [](const QString &serial) {
                return Demo::secondarySerials().contains(serial);
            });
            it = secondary ? body.targets.erase(it) : std::next(it);
        }
        body.targets.insert(evil.path, evil);
    };
    return forgeAndServe(ctx, u"director"_s, u"targets"_s, change,
                         u"serves democar's Director targets re-signed with its stolen keys"_s);
}

Result<void> rotateStolenKeys(ScenarioContext &ctx)
{
    if (auto ok = Kit::rotateDirectorKeys(ctx); !ok)
        return ok;
    if (auto ok = Kit::rotateImageRepositoryKeys(ctx); !ok)
        return ok;
    if (auto rotated = ctx.services().images().rotateKeys(kSupplierRole); !rotated)
        return fail(rotated.error());
    return {};
}

// ---- the scenarios

Scenario freeze()
{
    Scenario s = threat(
        u"freeze"_s, Defence::MetadataExpiry,
        QT_TRANSLATE_NOOP("Scenario", "Freeze: the Director's metadata served frozen"),
        QT_TRANSLATE_NOOP(
            "Scenario",
            "A freeze attack (Uptane threat model: deny installation) keeps serving the vehicle the "
            "metadata it already has: old, but validly signed, so no signature check can object. "
            "While the frozen files are still valid the vehicle simply sees nothing new, and a new "
            "release the Director assigns never arrives (the Director sees the Secondaries still "
            "running the old image). Every metadata file carries an expiry date, and the vehicle "
            "checks it against the time the Time Server attested: the timestamp lives one day, so "
            "one day later the frozen timestamp has expired and the Primary refuses it, even "
            "though the real repositories have re-signed theirs. The vehicle cannot get the "
            "update, but it knows and says so: FROZEN, reported to the Director."),
        QT_TRANSLATE_NOOP("Scenario", "FROZEN: once the frozen timestamp expires, the Primary refuses it (Expired)."));
    s.steps = {
        adversaryStep(QT_TRANSLATE_NOOP("Scenario",
                                        "The attacker records the Director's metadata for democar and serves it frozen"),
                      [](ScenarioContext &ctx) -> Result<void> {
                          if (auto ok = recordDirectorSet(ctx, u"frozen"_s); !ok)
                              return ok;
                          return serveDirectorSet(ctx, u"frozen"_s, u"freezes democar's Director metadata"_s);
                      }),
        cycleStep(QT_TRANSLATE_NOOP("Scenario", "Update cycle: the frozen metadata is still valid"), Demo::vin(),
                  everyEcu(Verdict::UpToDate), allInstalled()),
        newReleaseAssigned(),
        cycleStep(QT_TRANSLATE_NOOP("Scenario", "Update cycle: the vehicle sees nothing new"), Demo::vin(),
                  everyEcu(Verdict::UpToDate),
                  {sees(Demo::primarySerial(), DirectorFinding::Installed),
                   sees(Demo::secondarySerial(), DirectorFinding::NotInstalled),
                   sees(Demo::partialSerial(), DirectorFinding::NotInstalled)}),
        // Past the frozen timestamp's expiry whenever it was signed (it lives one day).
        operatorStep(QT_TRANSLATE_NOOP("Scenario",
                                       "A day passes: the repositories re-sign their timestamps; the frozen one expires"),
                     [](ScenarioContext &ctx) { return Kit::advanceTime(ctx, 86400 + 3600); }),
        cycleStep(QT_TRANSLATE_NOOP("Scenario", "Update cycle: the frozen timestamp has expired"), Demo::vin(),
                  everyEcu(Verdict::Frozen, ErrorCode::Expired),
                  primaryReported(ErrorCode::Expired, DirectorFinding::NotInstalled)),
        attackerStops(),
        releaseArrives(),
    };
    return s;
}

Scenario rollbackOldMetadata()
{
    Scenario s = threat(
        u"rollback-old-metadata"_s, Defence::MetadataRollback,
        QT_TRANSLATE_NOOP("Scenario", "Rollback: older Director metadata replayed"),
        QT_TRANSLATE_NOOP(
            "Scenario",
            "A rollback attack (Uptane threat model: interfere with ECUs) sends the vehicle older "
            "metadata to make it go back to older images, with known vulnerabilities. Here the "
            "attacker records the Director's whole metadata set for democar (timestamp, snapshot and "
            "targets, all validly signed), waits for a new release to be installed, then replays the "
            "recorded set: its targets still assign the previous image. Every file is genuine, so "
            "signatures and hashes all check out. But every metadata file has a version number, and "
            "the vehicle never accepts a version lower than the one it trusts (TUF 5.4.3): the "
            "replayed timestamp is older than the one the Primary stored, and it stops there. "
            "Verdict REPLAY, and the ECUs keep the new image. (Were versions not checked, the "
            "older image's lower release counter would still stop it.)"),
        QT_TRANSLATE_NOOP("Scenario", "REPLAY: the replayed timestamp is older than the trusted one (Rollback)."));
    s.steps = {
        adversaryStep(QT_TRANSLATE_NOOP("Scenario", "The attacker records the Director's metadata for democar"),
                      [](ScenarioContext &ctx) { return recordDirectorSet(ctx, u"old"_s); }),
        newReleaseAssigned(),
        releaseArrives(),
        adversaryStep(QT_TRANSLATE_NOOP("Scenario", "The attacker replays the recorded metadata"),
                      [](ScenarioContext &ctx) {
                          return serveDirectorSet(ctx, u"old"_s, u"replays older Director metadata"_s);
                      }),
        cycleStep(QT_TRANSLATE_NOOP("Scenario", "Update cycle: the older metadata is refused"), Demo::vin(),
                  everyEcu(Verdict::Replay, ErrorCode::Rollback),
                  primaryReported(ErrorCode::Rollback, DirectorFinding::Installed)),
        attackerStops(),
        nothingToDo(),
    };
    return s;
}

Scenario rollbackReleaseCounter()
{
    Scenario s = threat(
        u"rollback-release-counter"_s, Defence::ReleaseCounter,
        QT_TRANSLATE_NOOP("Scenario", "Rollback: an older release assigned"),
        QT_TRANSLATE_NOOP(
            "Scenario",
            "Metadata versions only stop replays of old files. An attacker in control of the Director "
            "(or a mistake at the OEM) can sign brand new metadata that assigns an older image, one "
            "the Image Repository still lists and signs, perhaps with a known flaw. Everything about "
            "it is valid and fresh. What stops it is the release counter: every image carries one "
            "in its signed metadata, and an ECU never installs an image with a lower release counter "
            "than the one it runs (Uptane 5.4.4.2). The Primary checks it for each Secondary before "
            "anything is sent; the full and the partial Secondary would check it again. Verdict "
            "REPLAY; the Director sees the ECUs keep the newer release."),
        QT_TRANSLATE_NOOP("Scenario", "REPLAY: the older release has a lower release counter than the installed one "
                                      "(ReleaseCounterRollback)."));
    s.steps = {
        operatorStep(QT_TRANSLATE_NOOP("Scenario", "The OEM publishes two releases and assigns the newer one"),
                     [](ScenarioContext &ctx) -> Result<void> {
                         if (auto older = Kit::publishRelease(ctx, u"older"_s); !older)
                             return fail(older.error());
                         return Kit::deliverNewRelease(ctx, u"newer"_s);
                     }),
        releaseArrives(),
        adversaryStep(QT_TRANSLATE_NOOP("Scenario", "The Director, in the attacker's hands, assigns the older release"),
                      [](ScenarioContext &ctx) { return Kit::assign(ctx, u"older"_s); }),
        cycleStep(QT_TRANSLATE_NOOP("Scenario", "Update cycle: the older release is refused"), Demo::vin(),
                  everyEcu(Verdict::Replay, ErrorCode::ReleaseCounterRollback),
                  primaryReported(ErrorCode::ReleaseCounterRollback, DirectorFinding::NotInstalled)),
        operatorStep(QT_TRANSLATE_NOOP("Scenario", "The OEM assigns the newer release again"),
                     [](ScenarioContext &ctx) { return Kit::assign(ctx, u"newer"_s); }),
        nothingToDo(),
    };
    return s;
}

Scenario mixAndMatch()
{
    Scenario s = threat(
        u"mix-and-match"_s, Defence::MetadataHashes,
        QT_TRANSLATE_NOOP("Scenario", "Mix-and-match: new timestamp and snapshot, older targets"),
        QT_TRANSLATE_NOOP(
            "Scenario",
            "A mix-and-match attack (Uptane threat model: interfere with ECUs) combines metadata of "
            "different releases that never existed together, each file genuinely signed, hoping the "
            "vehicle installs a combination nobody intended. Here the attacker serves the Director's "
            "current timestamp and snapshot with an older targets file (the Director keeps every "
            "version it published). The snapshot is what binds the release together: it lists, for "
            "each targets file, its version, its length and its hashes, and the Primary checks the "
            "bytes it gets against that listing before it even parses them (TUF 5.6.2). The older "
            "file is not those bytes: here its length already differs. Were the length and hashes "
            "not checked, its version would still not be the one the snapshot names."),
        QT_TRANSLATE_NOOP("Scenario", "DEFENDED: the older targets is not the file the snapshot lists (LengthMismatch)."));
    s.steps = {newReleaseAssigned()};
    s.steps += deliveryStopped(
        QT_TRANSLATE_NOOP("Scenario", "The attacker serves the new timestamp and snapshot with an older targets file"),
        [](ScenarioContext &ctx) -> Result<void> {
            auto older = olderTargetsOfAnotherLength(ctx);
            if (!older)
                return fail(older.error());
            ctx.track(ctx.adversary().replaceServed(Kit::directorPattern(ctx, u"targets"_s), *older,
                                                    u"mixes an older Director targets in"_s));
            return {};
        },
        QT_TRANSLATE_NOOP("Scenario", "Update cycle: the mixed release is refused"), Verdict::Defended,
        ErrorCode::LengthMismatch);
    return s;
}

Scenario endlessData()
{
    Scenario s = threat(
        u"endless-data"_s, Defence::ImageLength,
        QT_TRANSLATE_NOOP("Scenario", "Endless data: the image never ends"),
        QT_TRANSLATE_NOOP(
            "Scenario",
            "An endless data attack (Uptane threat model: interfere with ECUs) answers a download "
            "with a stream that never ends, to fill the ECU's storage or keep it busy forever. The "
            "defence is that every image's length is part of its signed metadata, and the Primary "
            "never reads more than that many bytes: the first byte beyond the listed length ends "
            "the download, before anything is stored or hashed further (Uptane 5.4.2). Verdict "
            "DEFENDED, and the Director hears about it."),
        QT_TRANSLATE_NOOP("Scenario", "DEFENDED: the download stops at the listed length (LengthMismatch)."));
    s.steps = {newReleaseAssigned()};
    s.steps += deliveryStopped(
        QT_TRANSLATE_NOOP("Scenario", "The attacker answers the image's download with endless data"),
        [](ScenarioContext &ctx) -> Result<void> {
            const QString path = ctx.values.value(u"release"_s).toString();
            ctx.track(ctx.adversary().serveEndless(Adversary::imagePattern(path),
                                                   u"serves endless data as %1"_s.arg(path)));
            return {};
        },
        QT_TRANSLATE_NOOP("Scenario", "Update cycle: the download is cut at the listed length"), Verdict::Defended,
        ErrorCode::LengthMismatch);
    return s;
}

Scenario slowRetrieval()
{
    Scenario s = threat(
        u"slow-retrieval"_s, Defence::SlowRetrieval,
        QT_TRANSLATE_NOOP("Scenario", "Slow retrieval: the image trickles in"),
        QT_TRANSLATE_NOOP(
            "Scenario",
            "A slow retrieval attack (Uptane threat model: deny installation) serves the image so "
            "slowly that the download takes practically forever, keeping the vehicle on a vulnerable "
            "version without any error to show for it. Signatures cannot help: the bytes are right, "
            "they just come too slowly. The defence is watching the download speed: below a minimum "
            "rate for too long, the Primary gives up (here: under 1024 bytes per second for two "
            "seconds; the attacker sends a few dozen). Verdict DEFENDED: the update did not happen, "
            "but the vehicle knows why and tells the Director."),
        QT_TRANSLATE_NOOP("Scenario",
                          "DEFENDED: the download falls below the minimum speed and is abandoned (SlowRetrieval)."));
    s.steps = {newReleaseAssigned()};
    s.steps += deliveryStopped(
        QT_TRANSLATE_NOOP("Scenario", "The attacker serves the image at a few bytes per second"),
        [](ScenarioContext &ctx) -> Result<void> {
            const QString path = ctx.values.value(u"release"_s).toString();
            auto image = ctx.services().images().findImage(path);
            if (!image)
                return fail(image.error());
            // The whole image in about seven seconds: were the speed not watched, the cycle
            // would still end (UPDATED), just late.
            const qint64 rate = std::max<qint64>(1, image->length / 7);
            ctx.track(ctx.adversary().serveSlowly(Adversary::imagePattern(path), rate,
                                                  u"serves %1 at %2 B/s"_s.arg(path).arg(rate)));
            return {};
        },
        QT_TRANSLATE_NOOP("Scenario", "Update cycle: the Primary gives up the download"), Verdict::Defended,
        ErrorCode::SlowRetrieval);
    return s;
}

Scenario dropRequest()
{
    Scenario s = threat(
        u"drop-request"_s, Defence::AttackReporting,
        QT_TRANSLATE_NOOP("Scenario", "Drop-request: the Director's metadata never arrives"),
        QT_TRANSLATE_NOOP(
            "Scenario",
            "A drop-request attack (Uptane threat model: deny installation) blocks the vehicle's "
            "requests, here every request for the Director's metadata. No cryptography can make a "
            "download happen; what Uptane guarantees is that the denial does not go unnoticed. The "
            "Primary stops the cycle (DEFENDED: nothing unverified is installed) and its signed "
            "vehicle manifest, which still gets through, tells the Director what went wrong. The "
            "Director's inventory shows the attack reported by the Primary and both Secondaries "
            "still running the old image though a new one is assigned: the OEM can see which "
            "vehicles are being kept from their updates."),
        QT_TRANSLATE_NOOP("Scenario", "DEFENDED (ConnectionFailed), and the Director sees the attack reported and the "
                                      "update not installed."));
    s.steps = {newReleaseAssigned()};
    s.steps += deliveryStopped(
        QT_TRANSLATE_NOOP("Scenario", "The attacker drops every request for the Director's metadata"),
        [](ScenarioContext &ctx) -> Result<void> {
            ctx.track(ctx.adversary().dropRequests(u"/director/%1/metadata/*"_s.arg(Demo::vin()),
                                                   u"drops the Director's metadata requests"_s));
            return {};
        },
        QT_TRANSLATE_NOOP("Scenario", "Update cycle: no Director metadata"), Verdict::Defended,
        ErrorCode::ConnectionFailed);
    return s;
}

Scenario stolenSupplierKey()
{
    Scenario s = threat(
        u"stolen-supplier-key"_s, Defence::DelegationPaths,
        QT_TRANSLATE_NOOP("Scenario", "Stolen supplier key: only acme/* at risk, and only with the Director"),
        QT_TRANSLATE_NOOP(
            "Scenario",
            "The Image Repository delegates the images under acme/ to the supplier ACME, which signs "
            "them with its own key. Suppose that key is stolen, together with the Image "
            "Repository's online snapshot and timestamp keys so the forged role gets served. The "
            "attacker lists two images of its own in ACME's role: one under acme/, one outside it. "
            "Nothing happens: a vehicle installs only what the Director assigns, and the Director "
            "assigns neither (the repository check accepts the role; the Director is what is "
            "missing). Suppose then the attacker holds the Director's keys too and assigns the "
            "image outside acme/ to both Secondaries. Still nothing: the delegation names the "
            "paths ACME may sign for, and the vehicle asks ACME's role only about those (TUF "
            "5.6.7), so no trusted role lists that image. A stolen supplier key puts only that "
            "supplier's images at risk. The OEM then rotates every stolen key."),
        QT_TRANSLATE_NOOP("Scenario", "UP TO DATE without the Director; with it, DEFENDED: no role may sign that image "
                                      "(TargetNotFound)."));
    s.steps = {
        adversaryStep(QT_TRANSLATE_NOOP("Scenario",
                                        "The attacker re-signs supplier-acme's role with two images of its own"),
                      forgeSupplierRole),
        cycleStep(QT_TRANSLATE_NOOP("Scenario", "Update cycle: the Director assigns neither image"), Demo::vin(),
                  everyEcu(Verdict::UpToDate), allInstalled()),
        adversaryStep(QT_TRANSLATE_NOOP("Scenario",
                                        "With the Director's keys too, the attacker assigns the image outside acme/"),
                      forgeDirectorAssignment),
        cycleStep(QT_TRANSLATE_NOOP("Scenario", "Update cycle: supplier-acme may not sign that image"), Demo::vin(),
                  everyEcu(Verdict::Defended, ErrorCode::TargetNotFound),
                  primaryReported(ErrorCode::TargetNotFound, DirectorFinding::Installed)),
        attackerStops(),
        operatorStep(QT_TRANSLATE_NOOP("Scenario",
                                       "The OEM rotates supplier-acme's key and both repositories' online keys"),
                     rotateStolenKeys),
        operatorStep(QT_TRANSLATE_NOOP("Scenario", "ACME publishes a new release, the Director assigns it"),
                     [](ScenarioContext &ctx) { return Kit::deliverNewRelease(ctx, u"release"_s); }),
        releaseArrives(),
    };
    return s;
}

} // namespace

QList<Scenario> repositoryThreatScenarios()
{
    return {freeze(), rollbackOldMetadata(), rollbackReleaseCounter(), mixAndMatch(),
            endlessData(), slowRetrieval(), dropRequest(), stolenSupplierKey()};
}

} // namespace Uptane::Attacks
