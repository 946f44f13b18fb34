// The scenarios' building blocks: new releases, assignments, key rotations, time, what the
// attacker reads and steals, forged files served, and the bus in the attacker's hands.

#include "attacks/scenariokit.h"

#include "metadata/codec.h"
#include "services/oemservices.h"

#include <QFile>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace Uptane::Attacks::Kit {

namespace Demo = Services::DemoFleet;
using Vehicle::Verdict;

namespace {

const QStringList kOnlineRoles{u"targets"_s, u"snapshot"_s, u"timestamp"_s};

Result<QByteArray> readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(ErrorCode::NotFound, u"cannot read %1: %2"_s.arg(path, file.errorString()));
    return file.readAll();
}

Result<QByteArray> roleFile(ScenarioContext &ctx, const QString &dir, const QString &role)
{
    return readFile(dir + u'/' + role + u'.' + ctx.extension());
}

Result<QList<Crypto::PrivateKey>> keysFor(ScenarioContext &ctx, const QStringList &keyids, const QString &what)
{
    QList<Crypto::PrivateKey> keys;
    for (const QString &keyid : keyids) {
        auto key = ctx.services().keys().findByKeyId(keyid);
        if (!key)
            return fail(key.error().context(what));
        keys.append(*key);
    }
    if (keys.isEmpty())
        return fail(ErrorCode::NotFound, u"no keys for %1"_s.arg(what));
    return keys;
}

Result<QList<Crypto::PrivateKey>> roleKeys(ScenarioContext &ctx, const QString &dir, const QString &role)
{
    auto rootBytes = roleFile(ctx, dir, u"root"_s);
    if (!rootBytes)
        return fail(rootBytes.error());
    auto root = Metadata::parse<Metadata::Root>(*rootBytes, ctx.encoding());
    if (!root)
        return fail(root.error());
    if (root->body.roles.contains(role))
        return keysFor(ctx, root->body.roles.value(role).keyids, role);
    // A delegated role: its keys as the delegating top-level targets lists them.
    auto targetsBytes = roleFile(ctx, dir, u"targets"_s);
    if (!targetsBytes)
        return fail(targetsBytes.error());
    auto targets = Metadata::parse<Metadata::Targets>(*targetsBytes, ctx.encoding());
    if (!targets)
        return fail(targets.error());
    if (targets->body.delegations) {
        for (const Metadata::DelegatedRole &delegated : std::as_const(targets->body.delegations->roles)) {
            if (delegated.name == role)
                return keysFor(ctx, delegated.keyids, role);
        }
    }
    return fail(ErrorCode::MissingRole, u"no role %1 in %2"_s.arg(role, dir));
}

// "7.targets.json" -> "targets.json"; other names as they are.
QString unversioned(const QString &name)
{
    static const QRegularExpression versioned(u"^[0-9]+\\."_s);
    QString plain = name;
    plain.remove(versioned);
    return plain;
}

bool isAcme(const Metadata::TargetFile &file)
{
    return file.hardwareId == Demo::secondaryHardwareId();
}

} // namespace

// ---- expectations

EcuExpectation ecu(const QString &serial, Verdict verdict, std::optional<ErrorCode> code)
{
    return EcuExpectation{serial, verdict, code};
}

QList<EcuExpectation> ecus(EcuExpectation primary, EcuExpectation full, EcuExpectation partial)
{
    primary.serial = Demo::primarySerial();
    full.serial = Demo::secondarySerial();
    partial.serial = Demo::partialSerial();
    return {primary, full, partial};
}

QList<EcuExpectation> everyEcu(Verdict verdict, std::optional<ErrorCode> code)
{
    return ecus({{}, verdict, code}, {{}, verdict, code}, {{}, verdict, code});
}

QList<EcuExpectation> secondaries(Verdict verdict, std::optional<ErrorCode> code)
{
    return ecus({{}, Verdict::UpToDate, {}}, {{}, verdict, code}, {{}, verdict, code});
}

// ---- operator

qint64 nextRelease(ScenarioContext &ctx)
{
    qint64 highest = 0;
    const auto listed = ctx.services().images().images();
    for (const Metadata::TargetFile &file : listed) {
        if (isAcme(file))
            highest = std::max(highest, file.releaseCounter.value_or(0));
    }
    // What the ECUs run may be newer than anything listed (an attacker's image installed).
    if (auto installed = ctx.services().director().inventory().installed(Demo::vin())) {
        for (const auto &record : std::as_const(*installed))
            highest = std::max(highest, record.image.releaseCounter.value_or(0));
    }
    return highest + 1;
}

Result<Metadata::TargetFile> publishRelease(ScenarioContext &ctx, const QString &key, bool supplier)
{
    const qint64 release = nextRelease(ctx);
    const QString path = supplier ? u"acme/ecu-%1.img"_s.arg(release) : u"firmware-%1.img"_s.arg(release);
    const QByteArray bytes = u"Uptane Lab firmware for %1 ECUs, release %2 (%3), signed by %4.\n"
                             "A small image so every download in the demonstration stays quick.\n"_s
                                 .arg(Demo::secondaryHardwareId())
                                 .arg(release)
                                 .arg(path, supplier ? u"supplier-acme"_s : u"the Image Repository"_s)
                                 .toUtf8();
    auto added = ctx.services().images().addImage(path, bytes, Demo::secondaryHardwareId(), release);
    if (!added)
        return fail(added.error());
    ctx.values.insert(key, path);
    return *added;
}

Result<void> assign(ScenarioContext &ctx, const QString &keyOrPath, const QStringList &serials)
{
    const QString path = ctx.values.contains(keyOrPath) ? ctx.values.value(keyOrPath).toString() : keyOrPath;
    const QStringList to = serials.isEmpty() ? Demo::secondarySerials() : serials;
    for (const QString &serial : to) {
        if (auto assigned = ctx.services().director().assign(Demo::vin(), serial, path); !assigned)
            return fail(assigned.error());
    }
    return {};
}

Result<void> deliverNewRelease(ScenarioContext &ctx, const QString &key, bool supplier)
{
    if (auto published = publishRelease(ctx, key, supplier); !published)
        return fail(published.error());
    return assign(ctx, key);
}

Result<void> rotateDirectorKeys(ScenarioContext &ctx)
{
    for (const QString &role : kOnlineRoles) {
        if (auto rotated = ctx.services().director().rotateKeys(Demo::vin(), role); !rotated)
            return fail(rotated.error());
    }
    return {};
}

Result<void> rotateImageRepositoryKeys(ScenarioContext &ctx)
{
    for (const QString &role : kOnlineRoles) {
        if (auto rotated = ctx.services().images().rotateKeys(role); !rotated)
            return fail(rotated.error());
    }
    return {};
}

Result<void> advanceTime(ScenarioContext &ctx, qint64 seconds)
{
    ctx.clock().advance(seconds);
    return ctx.services().refreshExpiring();
}

// ---- what the attacker sees and takes

QString directorMetadataDir(ScenarioContext &ctx)
{
    return ctx.services().workspace().directorMetadataDir(Demo::vin()).value_or(QString());
}

QString imageRepoMetadataDir(ScenarioContext &ctx)
{
    return ctx.services().workspace().imageRepoMetadataDir();
}

QString directorPattern(ScenarioContext &ctx, const QString &role)
{
    return u"/director/%1/metadata/*%2.%3"_s.arg(Demo::vin(), role, ctx.extension());
}

QString imageRepoPattern(ScenarioContext &ctx, const QString &role)
{
    return u"/imagerepo/metadata/*%1.%2"_s.arg(role, ctx.extension());
}

Result<QByteArray> directorFile(ScenarioContext &ctx, const QString &role)
{
    return roleFile(ctx, directorMetadataDir(ctx), role);
}

Result<QByteArray> imageRepoFile(ScenarioContext &ctx, const QString &role)
{
    return roleFile(ctx, imageRepoMetadataDir(ctx), role);
}

Result<QList<Crypto::PrivateKey>> directorKeys(ScenarioContext &ctx, const QString &role)
{
    return roleKeys(ctx, directorMetadataDir(ctx), role);
}

Result<QList<Crypto::PrivateKey>> imageRepoKeys(ScenarioContext &ctx, const QString &role)
{
    return roleKeys(ctx, imageRepoMetadataDir(ctx), role);
}

Result<QList<Crypto::PrivateKey>> revokedDirectorKeys(ScenarioContext &ctx, const QString &role)
{
    const QString prefix = u"director-%1-%2"_s.arg(Demo::vin(), role);
    QList<Crypto::PrivateKey> keys;
    const Services::KeyRing &ring = ctx.services().keys();
    for (const QString &name : ring.revokedNames()) {
        if (!name.startsWith(prefix))
            continue;
        auto key = ring.loadRevoked(name);
        if (!key)
            return fail(key.error());
        keys.append(*key);
    }
    if (keys.isEmpty())
        return fail(ErrorCode::NotFound, u"no revoked key of the Director's %1 role"_s.arg(role));
    return keys;
}

Result<QList<AttackId>> serveForgery(ScenarioContext &ctx, const QString &repository, const ForgedRelease &forged,
                                     const QString &description)
{
    QString base;
    if (repository == u"director")
        base = u"/director/%1/metadata/"_s.arg(Demo::vin());
    else if (repository == u"imagerepo")
        base = u"/imagerepo/metadata/"_s;
    else
        return fail(ErrorCode::InvalidArgument, u"no repository %1"_s.arg(repository));
    QList<AttackId> ids;
    // The attacker now sits on that server with its keys (one marker per repository, for
    // the topology view), for as long as the scenario's actions are in force.
    const QList<ActiveAttack> active = ctx.adversary().active();
    const bool marked = std::any_of(active.cbegin(), active.cend(), [&](const ActiveAttack &attack) {
        return attack.site == AttackSite::StolenKeys && attack.target == repository;
    });
    if (!marked) {
        ids.append(ctx.track(ctx.adversary().holdKeys(
            repository, u"holds the %1 keys"_s.arg(repository == u"director" ? u"Director's"_s
                                                                                : u"Image Repository's"_s))));
    }
    for (auto it = forged.files.cbegin(); it != forged.files.cend(); ++it) {
        QStringList names{it.key()};
        if (unversioned(it.key()) != it.key())
            names.append(unversioned(it.key()));
        for (const QString &name : std::as_const(names))
            ids.append(ctx.track(ctx.adversary().replaceServed(base + name, it.value(), description)));
    }
    return ids;
}

Metadata::TargetFile plantEvilImage(ScenarioContext &ctx, const QString &path, const QStringList &serials,
                                    const QByteArray &bytes, std::optional<qint64> release, bool serve)
{
    Metadata::TargetFile file = evilImage(path, bytes, Demo::secondaryHardwareId(),
                                          release.value_or(nextRelease(ctx)));
    file.ecuSerials = serials;
    ctx.markMalicious(file.hashes.value(u"sha256"_s));
    if (serve) {
        ctx.track(ctx.adversary().replaceServed(Adversary::imagePattern(path), bytes,
                                                u"serves the attacker's image as %1"_s.arg(path)));
    }
    return file;
}

// ---- the bus

AttackId rewriteBus(ScenarioContext &ctx, const QString &serial, Metadata::BusMessage::Kind kind, bool replies,
                    std::function<bool(Metadata::BusMessage &)> change, const QString &description)
{
    const Metadata::Encoding encoding = ctx.encoding();
    auto rewrite = [=](const QString &from, const QString &to, const QByteArray &bytes,
                       bool isReply) -> std::optional<QByteArray> {
        const bool ours = replies ? (isReply && from == serial) : (!isReply && to == serial);
        if (!ours)
            return bytes;
        auto message = Metadata::decodeBusMessage(bytes, encoding);
        if (!message || message->kind != kind || !change(*message))
            return bytes;
        auto encoded = Metadata::encodeBusMessage(*message, encoding);
        return encoded ? *encoded : bytes;
    };
    return ctx.track(ctx.adversary().interceptBus(Demo::vin(), rewrite, description));
}

AttackId dropBus(ScenarioContext &ctx, const QString &serial, Metadata::BusMessage::Kind kind,
                 const QString &description)
{
    const Metadata::Encoding encoding = ctx.encoding();
    auto drop = [=](const QString &, const QString &to, const QByteArray &bytes,
                    bool isReply) -> std::optional<QByteArray> {
        if (isReply || to != serial)
            return bytes;
        auto message = Metadata::decodeBusMessage(bytes, encoding);
        if (message && message->kind == kind)
            return std::nullopt;
        return bytes;
    };
    return ctx.track(ctx.adversary().interceptBus(Demo::vin(), drop, description));
}

} // namespace Uptane::Attacks::Kit
