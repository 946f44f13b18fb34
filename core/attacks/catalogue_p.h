#pragma once

// Private building blocks of the reference and partial-verification parts of the catalogue
// (catalogue_reference.cpp, catalogue_partial.cpp): the attacker's images, Director targets
// that give an ECU another image, stolen keys kept from one step to the next, and the
// Primary's bus bundles (vehicle/bundle.h) with some repository files swapped or altered, and
// the steps several stories share. The functions run inside step actions (services thread)
// or inside bus rewrites (the vehicle's worker thread, on captured copies): no state of their own.

#include "attacks/scenariokit.h"
#include "metadata/codec.h"
#include "services/imagerepository.h"
#include "services/oemservices.h"
#include "vehicle/bundle.h"

#include <QRegularExpression>
#include <QSet>

#include <functional>
#include <utility>

namespace Uptane::Attacks::CatalogueKit {

namespace Demo = Services::DemoFleet;

// The path Kit::publishRelease / deliverNewRelease recorded under key.
inline QString pathOf(ScenarioContext &ctx, const QString &key)
{
    return ctx.values.value(key).toString();
}

// The Image Repository's entry for the release recorded under key.
inline Result<Metadata::TargetFile> publishedImage(ScenarioContext &ctx, const QString &key)
{
    return ctx.services().images().findImage(pathOf(ctx, key));
}

// The attacker's image for path: text that says what it is (tag tells two attacks apart);
// with length >= 0 exactly that long, so it passes a length check and only the hashes can
// tell it from the real one.
inline QByteArray evilBytes(const QString &path, const QString &tag, qint64 length = -1)
{
    const QByteArray text = QStringLiteral("EVIL %1 image posing as %2: the attacker's code runs on this ECU.\n")
                                .arg(tag, path)
                                .toUtf8();
    if (length < 0)
        return text;
    QByteArray bytes;
    while (bytes.size() < length)
        bytes += text;
    bytes.truncate(length);
    return bytes;
}

// Director targets that give `file` to `serials`: its entry lists them (beside any ECU its
// path already lists: one path is one entry), and they leave every other entry (an entry left
// for no ECU goes), so the targets still name each ECU once.
inline void giveTo(Metadata::Targets &targets, Metadata::TargetFile file, const QStringList &serials)
{
    QStringList ecus = targets.targets.value(file.path).ecuSerials;
    for (auto it = targets.targets.begin(); it != targets.targets.end();) {
        for (const QString &serial : serials)
            it->ecuSerials.removeAll(serial);
        if (it->ecuSerials.isEmpty() && it.key() != file.path)
            it = targets.targets.erase(it);
        else
            ++it;
    }
    for (const QString &serial : serials) {
        if (!ecus.contains(serial))
            ecus.append(serial);
    }
    ecus.sort();
    file.ecuSerials = ecus;
    file.hasCustom = true;
    targets.targets.insert(file.path, file);
}

// The three online roles and where StolenKeys keeps each one's keys.
inline QList<std::pair<QString, QList<Crypto::PrivateKey> *>> onlineRoles(StolenKeys &keys)
{
    return {{QStringLiteral("targets"), &keys.targets},
            {QStringLiteral("snapshot"), &keys.snapshot},
            {QStringLiteral("timestamp"), &keys.timestamp}};
}

// Every online key (targets, snapshot, timestamp) of democar's Director or of the Image
// Repository, as an attacker who broke into the server takes them.
inline Result<StolenKeys> stealOnlineKeys(ScenarioContext &ctx, bool director)
{
    const auto keysOf = director ? Kit::directorKeys : Kit::imageRepoKeys;
    StolenKeys stolen;
    for (auto [role, slot] : onlineRoles(stolen)) {
        auto keys = keysOf(ctx, role);
        if (!keys)
            return fail(keys.error());
        *slot = *keys;
    }
    return stolen;
}

// The Director's online keys revoked by rotations, as an attacker who kept them holds them.
inline Result<StolenKeys> revokedDirectorOnlineKeys(ScenarioContext &ctx)
{
    StolenKeys revoked;
    for (auto [role, slot] : onlineRoles(revoked)) {
        auto keys = Kit::revokedDirectorKeys(ctx, role);
        if (!keys)
            return fail(keys.error());
        *slot = *keys;
    }
    return revoked;
}

// Stolen keys kept in ctx.bytes (PEM) for a later step: after a rotation the attacker still
// holds the old keys, which the repository's root no longer lists.
inline void keepKeys(ScenarioContext &ctx, const QString &key, StolenKeys stolen)
{
    for (auto [role, keys] : onlineRoles(stolen)) {
        QByteArrayList pems;
        for (const Crypto::PrivateKey &privateKey : std::as_const(*keys))
            pems.append(privateKey.toPem());
        ctx.bytes.insert(key + u'/' + role, pems.join('\0'));
    }
}

inline Result<StolenKeys> keptKeys(ScenarioContext &ctx, const QString &key)
{
    StolenKeys stolen;
    for (auto [role, slot] : onlineRoles(stolen)) {
        const QByteArray kept = ctx.bytes.value(key + u'/' + role);
        if (kept.isEmpty())
            return fail(ErrorCode::NotFound, QStringLiteral("no %1 keys kept under %2").arg(role, key));
        for (const QByteArray &pem : kept.split('\0')) {
            auto privateKey = Crypto::PrivateKey::fromPem(pem);
            if (!privateKey)
                return fail(privateKey.error());
            slot->append(*privateKey);
        }
    }
    return stolen;
}

// A forged release of democar's Director (or of the Image Repository) in which `file` is
// given to serials (Director) or listed (Image Repository, without ECU ids), signed with
// `stolen`, valid for a day from the lab's clock.
inline Result<ForgedRelease> forgeListing(ScenarioContext &ctx, bool director, const StolenKeys &stolen,
                                          Metadata::TargetFile file, const QStringList &serials)
{
    const QString dir = director ? Kit::directorMetadataDir(ctx) : Kit::imageRepoMetadataDir(ctx);
    return forgeRelease(dir, ctx.encoding(), QStringLiteral("targets"), stolen,
                        [file, serials, director](Metadata::Targets &body) {
                            if (director) {
                                giveTo(body, file, serials);
                            } else {
                                Metadata::TargetFile listed = file;
                                listed.ecuSerials.clear();
                                body.targets.insert(listed.path, listed);
                            }
                        },
                        ctx.clock().now());
}

// Targets bytes with their body changed and the original signatures kept: what a man in the
// middle without keys can do (the signatures no longer match the bytes they sign).
inline Result<QByteArray> alterKeepingSignatures(QByteArrayView bytes, Metadata::Encoding encoding,
                                                 const std::function<void(Metadata::Targets &)> &change)
{
    auto parsed = Metadata::parse<Metadata::Targets>(bytes, encoding);
    if (!parsed)
        return fail(parsed.error());
    change(parsed->body);
    auto covered = Metadata::signedBytes(parsed->body, encoding);
    if (!covered)
        return fail(covered.error());
    parsed->signedBytes = *covered;
    return Metadata::serialize(*parsed);
}

// The role of a metadata file name as repositories and bundles name them:
// "7.targets.json" -> "targets", "timestamp.der" -> "timestamp", "1.root.json" -> "root".
inline QString roleOfFile(const QString &name)
{
    static const QRegularExpression versioned(QStringLiteral("^[0-9]+\\."));
    QString role = name.section(u'.', 0, -2);
    role.remove(versioned);
    return role;
}

// A bus bundle (MetadataBundle or DirectorTargets payload) with every file of
// `repository` ("director", "imagerepo") whose role `files` holds replaced by those files
// (named as the repository serves them, as a forged release names them).
inline Result<QByteArray> replaceInBundle(QByteArrayView bundle, const QString &repository,
                                          const QMap<QString, QByteArray> &files)
{
    auto entries = Vehicle::readBundle(bundle);
    if (!entries)
        return fail(entries.error());
    QSet<QString> roles;
    for (auto it = files.cbegin(); it != files.cend(); ++it)
        roles.insert(roleOfFile(it.key()));
    const QString prefix = repository + u'/';
    for (auto it = entries->begin(); it != entries->end();) {
        if (it.key().startsWith(prefix) && roles.contains(roleOfFile(it.key().mid(prefix.size()))))
            it = entries->erase(it);
        else
            ++it;
    }
    for (auto it = files.cbegin(); it != files.cend(); ++it)
        entries->insert(prefix + it.key(), it.value());
    return Vehicle::writeBundle(*entries);
}

// A bus bundle whose Director targets are altered by `change`, signatures kept.
inline Result<QByteArray> alterDirectorTargetsInBundle(QByteArrayView bundle, Metadata::Encoding encoding,
                                                       const std::function<void(Metadata::Targets &)> &change)
{
    auto entries = Vehicle::readBundle(bundle);
    if (!entries)
        return fail(entries.error());
    const QString prefix = QStringLiteral("director/");
    for (auto it = entries->begin(); it != entries->end(); ++it) {
        if (!it.key().startsWith(prefix) || roleOfFile(it.key().mid(prefix.size())) != u"targets")
            continue;
        auto altered = alterKeepingSignatures(it.value(), encoding, change);
        if (!altered)
            return fail(altered.error());
        it.value() = *altered;
    }
    return Vehicle::writeBundle(*entries);
}

// A bus rewrite (Kit::rewriteBus) of the metadata the Primary sends `serial` (a full bundle
// or the partial Director targets) through `edit`; a bundle it cannot edit passes unchanged.
inline AttackId rewriteMetadataOnBus(ScenarioContext &ctx, const QString &serial, bool full,
                                     std::function<Result<QByteArray>(const QByteArray &)> edit,
                                     const QString &description)
{
    const auto kind = full ? Metadata::BusMessage::Kind::MetadataBundle : Metadata::BusMessage::Kind::DirectorTargets;
    return Kit::rewriteBus(ctx, serial, kind, false,
                           [edit](Metadata::BusMessage &message) {
                               auto edited = edit(message.payload);
                               if (!edited)
                                   return false;
                               message.payload = *edited;
                               return true;
                           },
                           description);
}

// A bus rewrite that hands `serial` these image bytes whatever image the Primary sends it.
inline AttackId replaceImageOnBus(ScenarioContext &ctx, const QString &serial, const QByteArray &bytes,
                                  const QString &description)
{
    return Kit::rewriteBus(ctx, serial, Metadata::BusMessage::Kind::Image, false,
                           [bytes](Metadata::BusMessage &message) {
                               message.payload = bytes;
                               return true;
                           },
                           description);
}

// An adversary step's action: the attacker leaves (every tracked action undone).
inline Result<void> attackerLeaves(ScenarioContext &ctx)
{
    ctx.undoTracked();
    return {};
}

inline ScenarioStep attackerLeavesStep()
{
    return adversaryStep(QT_TRANSLATE_NOOP("Scenario", "The attacker leaves"), attackerLeaves);
}

// An action: the attacker records the bytes democar's Director serves now for role, a
// file the Director really signed, in ctx.bytes[role] (for a replay later).
inline std::function<Result<void>(ScenarioContext &)> recordDirectorFile(const QString &role)
{
    return [role](ScenarioContext &ctx) -> Result<void> {
        auto recorded = Kit::directorFile(ctx, role);
        if (!recorded)
            return fail(recorded.error());
        ctx.bytes.insert(role, *recorded);
        return {};
    };
}

inline ScenarioStep deliverStep(const QString &key)
{
    return operatorStep(QT_TRANSLATE_NOOP("Scenario", "Publish a new release and assign it to TCU and DOOR"),
                        [key](ScenarioContext &ctx) { return Kit::deliverNewRelease(ctx, key); });
}

inline Result<void> rotateBothRepositories(ScenarioContext &ctx)
{
    if (auto rotated = Kit::rotateDirectorKeys(ctx); !rotated)
        return rotated;
    return Kit::rotateImageRepositoryKeys(ctx);
}

// ---- what the Director shows

inline DirectorExpectation seen(const QString &serial, DirectorFinding finding,
                                std::optional<ErrorCode> code = std::nullopt)
{
    return DirectorExpectation{serial, finding, code};
}

inline QList<DirectorExpectation> bothInstalled()
{
    return {seen(Demo::secondarySerial(), DirectorFinding::Installed),
            seen(Demo::partialSerial(), DirectorFinding::Installed)};
}

// The cycles every story has: a release delivered to both Secondaries, and nothing new.
inline ScenarioStep deliveredCycleStep()
{
    return cycleStep(QT_TRANSLATE_NOOP("Scenario", "Update cycle: the release is delivered"), Demo::vin(),
                     Kit::secondaries(Vehicle::Verdict::Updated), bothInstalled());
}

inline ScenarioStep nothingNewCycleStep()
{
    return cycleStep(QT_TRANSLATE_NOOP("Scenario", "Update cycle: nothing new"), Demo::vin(),
                     Kit::everyEcu(Vehicle::Verdict::UpToDate), bothInstalled());
}

// The end of a recovery: a good release (recorded under key) published and assigned, and the
// cycle that installs it on both Secondaries.
inline QList<ScenarioStep> goodReleaseSteps(const QString &key)
{
    return {
        operatorStep(QT_TRANSLATE_NOOP("Scenario", "Publish a good release and assign it to TCU and DOOR"),
                     [key](ScenarioContext &ctx) { return Kit::deliverNewRelease(ctx, key); }),
        cycleStep(QT_TRANSLATE_NOOP("Scenario", "Update cycle: the good release replaces the attacker's image"),
                  Demo::vin(), Kit::secondaries(Vehicle::Verdict::Updated), bothInstalled()),
    };
}

// Recovery from stolen keys of both repositories: the attacker leaves, the OEM's root keys
// replace every online key, and a good release (recorded under key) is delivered.
inline QList<ScenarioStep> recoverBothRepositoriesSteps(const QString &key)
{
    return QList<ScenarioStep>{attackerLeavesStep(),
                               operatorStep(QT_TRANSLATE_NOOP("Scenario", "The OEM rotates both repositories' online keys"),
                                            rotateBothRepositories)}
           + goodReleaseSteps(key);
}

} // namespace Uptane::Attacks::CatalogueKit
