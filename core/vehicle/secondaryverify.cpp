#include "vehicle/secondaryverify_p.h"

#include "metadata/codec.h"
#include "vehicle/bundle.h"
#include "verify/defencegate.h"
#include "verify/directorchecks.h"
#include "verify/updater.h"
#include "verify/uptanechecks.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace Uptane::Vehicle::detail {

namespace {

const QString kDirector = u"director"_s;
const QString kImageRepo = u"imagerepo"_s;

// The ECU's trusted metadata of one repository ("<repository>/<role>") as the Updater's
// store ("<role>").
Verify::MemoryStore storeFor(const QMap<QString, QByteArray> &metadata, const QString &repository)
{
    Verify::MemoryStore store;
    const QString prefix = repository + u'/';
    for (auto it = metadata.cbegin(); it != metadata.cend(); ++it) {
        if (it.key().startsWith(prefix))
            store.files.insert(it.key().mid(prefix.size()), it.value());
    }
    return store;
}

// Replaces every "<repository>/..." entry of metadata by the Updater store's files.
void replaceRepository(QMap<QString, QByteArray> &metadata, const QString &repository,
                       const Verify::MemoryStore &store)
{
    const QString prefix = repository + u'/';
    for (auto it = metadata.begin(); it != metadata.end();) {
        if (it.key().startsWith(prefix))
            it = metadata.erase(it);
        else
            ++it;
    }
    for (auto it = store.files.cbegin(); it != store.files.cend(); ++it)
        metadata.insert(prefix + it.key(), it.value());
}

Verify::UpdaterConfig updaterConfig(const QString &repository, Metadata::Encoding encoding)
{
    Verify::UpdaterConfig config;
    config.metadataBaseUrl = BundleFetcher::baseUrl(repository);
    // A Secondary never downloads images through the Updater: the Primary sends them.
    config.targetBaseUrl = BundleFetcher::baseUrl(repository + u"-targets"_s);
    config.encoding = encoding;
    return config;
}

Verify::EcuIdentity identityOf(const EcuStore &store)
{
    const EcuState &state = store.state();
    return {store.config().serial, store.config().hardwareId,
            state.installed ? state.installed->releaseCounter : std::nullopt};
}

Result<QMap<QString, QByteArray>> readRecorded(QByteArrayView bundle, const QString &what,
                                               Verify::VerificationReport &report)
{
    return report.record(u"Uptane 5.4.4"_s, u"bundle"_s, u"read the %1 sent by the Primary"_s.arg(what),
                         readBundle(bundle));
}

// This ECU's entry in the Director's targets (nullopt: none), recorded.
Result<std::optional<Metadata::TargetFile>> ownTarget(const Metadata::Targets &targets, const QString &serial,
                                                      Verify::VerificationReport &report)
{
    return report.record(u"Uptane 5.4.4.6"_s, u"targets"_s,
                         u"the Director names ECU %1 on at most one target"_s.arg(serial),
                         Verify::targetForEcu(targets, serial));
}

} // namespace

Result<SecondaryVerification> verifyFull(const EcuStore &store, QByteArrayView bundle,
                                         const QDateTime &attestedTime, Verify::VerificationReport &report)
{
    const EcuConfig &config = store.config();
    auto files = readRecorded(bundle, u"metadata bundle"_s, report);
    if (!files)
        return fail(files.error());
    BundleFetcher fetcher(std::move(*files));

    // Standard §5.4.4.2 steps 2-5: the Director repository, from the ECU's own trust.
    Verify::MemoryStore directorStore = storeFor(store.metadata(), kDirector);
    Verify::Updater director(updaterConfig(kDirector, config.encoding), directorStore, fetcher);
    auto refreshed = director.refresh(attestedTime);
    report.append(director.report());
    if (!refreshed)
        return fail(refreshed.error().context(u"Director repository"_s));
    const Metadata::Signed<Metadata::Targets> *directorTargets = director.trusted()->targets();
    if (!directorTargets)
        return fail(ErrorCode::NotTrusted, u"Director repository: no trusted targets after the refresh"_s);

    // §5.4.4.6: what a Secondary can check of the Director's targets. It does not know the
    // other ECUs of its vehicle (an empty ecuIds set skips that check; the Primary makes it),
    // but the targets must name its vehicle.
    if (auto ok = Verify::checkDirectorTargets(directorTargets->body, {{}, config.vin}, &report); !ok)
        return fail(ok.error().context(u"Director targets"_s));
    auto own = ownTarget(directorTargets->body, config.serial, report);
    if (!own)
        return fail(own.error().context(u"Director targets"_s));

    SecondaryVerification out;
    out.metadata = store.metadata();
    out.directorTargetsVersion = store.state().directorTargetsVersion;
    replaceRepository(out.metadata, kDirector, directorStore);
    if (!*own)
        return out;  // §5.4.4.2 step 6: nothing for this ECU, the Image Repository can wait

    // Steps 6-9: the Image Repository, and the target through its delegations.
    Verify::MemoryStore imageStore = storeFor(store.metadata(), kImageRepo);
    Verify::Updater images(updaterConfig(kImageRepo, config.encoding), imageStore, fetcher);
    Result<Metadata::TargetFile> imageTarget = [&]() -> Result<Metadata::TargetFile> {
        if (auto ok = images.refresh(attestedTime); !ok)
            return fail(ok.error());
        return images.findTarget((*own)->path);
    }();
    report.append(images.report());
    if (!imageTarget)
        return fail(imageTarget.error().context(u"Image Repository"_s));

    // Step 10 and the ECU's own checks (§5.4.3 "verify image" metadata part).
    if (auto ok = Verify::checkDirectorMatchesImage(**own, *imageTarget, &report); !ok)
        return fail(ok.error());
    if (auto ok = Verify::checkOwnTarget(**own, identityOf(store), &report); !ok)
        return fail(ok.error());

    Metadata::TargetFile target = installedRecord(**own);
    for (auto it = imageTarget->hashes.cbegin(); it != imageTarget->hashes.cend(); ++it)
        target.hashes.insert(it.key(), it.value());  // equal where both list one (step 10)
    out.target = target;
    replaceRepository(out.metadata, kImageRepo, imageStore);
    return out;
}

Result<SecondaryVerification> verifyPartial(const EcuStore &store, QByteArrayView bundle,
                                            const QDateTime &attestedTime, Verify::VerificationReport &report)
{
    const EcuConfig &config = store.config();
    const QString ext = Metadata::fileExtension(config.encoding);
    auto files = readRecorded(bundle, u"Director targets bundle"_s, report);
    if (!files)
        return fail(files.error());

    const QByteArray trustedRoot = store.metadata().value(u"director/root"_s);
    if (trustedRoot.isEmpty())
        return fail(ErrorCode::NotTrusted, u"no trusted Director root in the ECU store"_s);
    auto root = Metadata::parse<Metadata::Root>(trustedRoot, config.encoding);
    if (!root)
        return fail(root.error().context(u"trusted Director root"_s));

    // "director/<n>.root.<ext>" and "director/[<v>.]targets.<ext>"; other entries are not
    // for a partial-verification ECU and are ignored.
    const QRegularExpression rootName(u"^director/([0-9]{1,18})\\.root\\."_s + QRegularExpression::escape(ext) + u'$');
    const QRegularExpression targetsName(u"^director/(?:([0-9]{1,18})\\.)?targets\\."_s
                                         + QRegularExpression::escape(ext) + u'$');
    QMap<qint64, QByteArray> roots;
    QList<std::pair<std::optional<qint64>, QByteArray>> targets;
    for (auto it = files->cbegin(); it != files->cend(); ++it) {
        if (const auto match = rootName.match(it.key()); match.hasMatch()) {
            roots.insert(match.captured(1).toLongLong(), it.value());
        } else if (const auto match = targetsName.match(it.key()); match.hasMatch()) {
            std::optional<qint64> version;
            if (match.hasCaptured(1))
                version = match.captured(1).toLongLong();
            targets.append({version, it.value()});
        }
    }
    if (targets.isEmpty()) {
        Error error{ErrorCode::NotFound, u"the bundle holds no director/targets.%1"_s.arg(ext)};
        report.fail(u"Uptane 5.4.4.1"_s, u"targets"_s, u"the Director targets are in the bundle"_s, error);
        return fail(error);
    }
    if (targets.size() > 1) {
        Error error{ErrorCode::SchemaViolation, u"the bundle holds %1 Director targets files"_s.arg(targets.size())};
        report.fail(u"Uptane 5.4.4.1"_s, u"targets"_s, u"the bundle holds one Director targets file"_s, error);
        return fail(error);
    }
    QList<QByteArray> newRoots;
    for (auto it = roots.cbegin(); it != roots.cend(); ++it) {
        if (it.key() > root->body.version)
            newRoots.append(it.value());
    }

    const Verify::PartialTrust trust{trustedRoot, store.state().directorTargetsVersion};
    auto accepted = Verify::verifyDirectorTargetsPartial(trust, newRoots, targets.first().second, config.encoding,
                                                         attestedTime, config.vin, &report);
    if (!accepted)
        return fail(accepted.error().context(u"Director targets"_s));
    if (const auto named = targets.first().first; named && *named != accepted->targets.body.version) {
        if (auto ok = Verify::guardedCheck(&report, Verify::Defence::MetadataConsistency, u"Uptane 5.4.4.1"_s,
                                           u"targets"_s, u"the file name's version is the file's"_s,
                                           fail(ErrorCode::VersionMismatch,
                                                u"director/%1.targets.%2 holds version %3"_s.arg(*named).arg(ext).arg(
                                                    accepted->targets.body.version)));
            !ok) {
            return fail(ok.error());
        }
    }
    auto own = ownTarget(accepted->targets.body, config.serial, report);
    if (!own)
        return fail(own.error().context(u"Director targets"_s));

    SecondaryVerification out;
    out.metadata = store.metadata();
    out.metadata.insert(u"director/root"_s, accepted->directorRoot);
    out.metadata.insert(u"director/targets"_s, accepted->targetsBytes);
    out.directorTargetsVersion = accepted->targets.body.version;
    if (*own) {
        if (auto ok = Verify::checkOwnTarget(**own, identityOf(store), &report); !ok)
            return fail(ok.error());
        out.target = installedRecord(**own);
    }
    return out;
}

} // namespace Uptane::Vehicle::detail
