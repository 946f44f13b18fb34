#include "vehicle/primary.h"
#include "vehicle/primarycycle_p.h"
#include "vehicle/primarymetadata_p.h"

#include "encoding/json.h"
#include "verify/defencegate.h"
#include "verify/directorchecks.h"
#include "verify/uptanechecks.h"


using namespace Qt::StringLiterals;

namespace Uptane::Vehicle {

using namespace Metadata;

namespace {

constexpr qint64 kMetadataCap = 64 * 1024;            // aktualizr's cap for small metadata
constexpr qint64 kImageTargetsCap = 8LL * 1024 * 1024; // ... and for Image Repository targets

bool isUnset(const Verify::Limits &limits)
{
    const Verify::Limits unset;
    return limits.maxRootRotations == unset.maxRootRotations && limits.rootMaxBytes == unset.rootMaxBytes
           && limits.timestampMaxBytes == unset.timestampMaxBytes && limits.snapshotMaxBytes == unset.snapshotMaxBytes
           && limits.targetsMaxBytes == unset.targetsMaxBytes && limits.maxDelegations == unset.maxDelegations;
}

Verify::Limits metadataCaps(qint64 targetsMaxBytes)
{
    Verify::Limits limits;
    limits.rootMaxBytes = kMetadataCap;
    limits.timestampMaxBytes = kMetadataCap;
    limits.snapshotMaxBytes = kMetadataCap;
    limits.targetsMaxBytes = targetsMaxBytes;
    return limits;
}

} // namespace

Primary::Primary(EcuStore &store, Fetcher &fetcher, Net::VehicleBus &bus, PrimaryOptions options)
    : m_store(store), m_fetcher(fetcher), m_bus(bus), m_options(std::move(options))
{
    if (isUnset(m_options.directorLimits))
        m_options.directorLimits = metadataCaps(kMetadataCap);
    if (isUnset(m_options.imageLimits))
        m_options.imageLimits = metadataCaps(kImageTargetsCap);
}

PrimaryCycle Primary::runCycle(qint64 cycle, const QList<SecondaryLink> &secondaries)
{
    static const NonceSource fallback = detail::randomNonce;
    const detail::CycleRun::Context context{m_store, m_fetcher, m_bus, m_options, m_onEvent, m_malicious,
                                            m_nonceSource ? m_nonceSource : fallback};
    detail::CycleRun run(context, cycle, secondaries);
    return run.run();
}

namespace detail {

CycleRun::CycleRun(const Context &context, qint64 cycle, const QList<SecondaryLink> &secondaries)
    : m_context(context),
      m_cycle(cycle),
      m_secondaries(secondaries),
      m_serial(context.store.config().serial),
      m_node(context.store.nodeId()),
      m_encoding(context.store.config().encoding),
      m_files(context.store.metadata())
{
}

QString CycleRun::url(const QString &path) const
{
    const QString &base = m_context.options.baseUrl;
    return (base.endsWith(u'/') ? base : base + u'/') + path;
}

PrimaryCycle CycleRun::run()
{
    const EcuConfig &config = m_context.store.config();
    m_result.cycle = m_cycle;
    m_result.primary = EcuOutcome{config.vin, m_serial, Verdict::UpToDate, std::nullopt, m_serial,
                                  m_context.store.state().installed, m_cycle};
    emitEvent(LabEvent::Kind::Note, {}, u"cycle %1 begins with %2 Secondaries"_s.arg(m_cycle).arg(m_secondaries.size()));

    collectNonces();
    RepositoryStore directorStore(m_files, kDirectorRepository, m_encoding);
    RepositoryStore imageStore(m_files, kImageRepository, m_encoding);
    const QString directorBase = u"director/%1/"_s.arg(config.vin);
    Verify::Updater director({url(directorBase + u"metadata/"_s), url(directorBase + u"targets/"_s), m_encoding,
                              m_context.options.directorLimits},
                             directorStore, m_context.fetcher);
    Verify::Updater images({url(u"imagerepo/metadata/"_s), url(u"imagerepo/targets/"_s), m_encoding,
                            m_context.options.imageLimits},
                           imageStore, m_context.fetcher);

    // Everything the Primary checks before it hands anything to a Secondary; the first
    // failure stops the cycle for the whole vehicle.
    Result<void> verified = attest();
    if (verified)
        verified = refreshDirector(director);
    if (verified)
        verified = refreshImages(images);
    if (verified)
        verified = downloadImages(images);
    if (verified)
        verified = checkOwnTarget();
    if (verified)
        verified = prepareBundles();
    flushChecks();

    if (!verified) {
        stop(verified.error());
    } else {
        serveSecondaries(&images);
        collectManifests();
        commit();
    }
    reportToDirector();
    flushChecks();
    const EcuOutcome &outcome = m_result.primary;
    emitEvent(LabEvent::Kind::Verdict, {},
              u"cycle %1: %2%3"_s.arg(m_cycle).arg(verdictName(outcome.verdict),
                                                    outcome.error ? u" ("_s + outcome.error->toString() + u')'
                                                                  : QString()),
              {}, outcome.error);
    return m_result;
}

void CycleRun::stop(const Error &error)
{
    m_result.stoppedBy = error;
    m_result.primary.verdict = verdictForError(error.code);
    m_result.primary.error = error;
    emitEvent(LabEvent::Kind::Note, {}, u"cycle %1 stopped: nothing sent to the Secondaries, nothing committed"_s.arg(m_cycle),
              {}, error);
}

// ---- step 1: nonces and the time attestation (Time Server, pre-2.0 Deployment Considerations)

void CycleRun::collectNonces()
{
    for (const SecondaryLink &link : m_secondaries) {
        auto reply = call(link.serial, BusMessage::Kind::NonceRequest, BusMessage::Kind::Nonce);
        if (reply && reply->kind == BusMessage::Kind::Nonce && reply->nonce) {
            m_participants.append({link, *reply->nonce});
            continue;
        }
        // A Secondary that gives no nonce takes no part in this cycle: nothing more is sent
        // to it, and the Director sees no manifest from it (drop-request shows that way).
        const Error error = reply ? Error{reply->errorCode.value_or(ErrorCode::SchemaViolation), reply->detail}
                                  : reply.error();
        m_busProblems.append(error.context(link.serial + u": no nonce"_s).toString());
        emitEvent(LabEvent::Kind::Note, m_context.store.config().vin + u'/' + link.serial,
                  u"no nonce from %1: left out of cycle %2"_s.arg(link.serial).arg(m_cycle), {}, error);
    }
    m_ownNonce = m_context.nonceSource();
}

Result<void> CycleRun::attest()
{
    QList<qint64> nonces;
    Json::Array array;
    for (const Participant &participant : std::as_const(m_participants))
        nonces.append(participant.nonce);
    nonces.append(m_ownNonce);
    for (qint64 nonce : std::as_const(nonces))
        array.append(Json::Value(nonce));
    auto body = Json::canonical(Json::Value(Json::Object{{u"nonces"_s, array}}));
    if (!body)
        return fail(body.error());

    const QString target = url(u"timeserver/attestation"_s);
    emitEvent(LabEvent::Kind::Note, u"timeserver"_s, u"POST %1 with %2 nonces"_s.arg(target).arg(nonces.size()), *body);
    auto answer = m_result.report.record(
        u"Uptane Time Server"_s, u"time"_s,
        u"POST %1 (answer at most %2 bytes)"_s.arg(target).arg(m_context.options.maxAttestationBytes),
        m_context.fetcher.post(target, *body, "application/json", m_context.options.maxAttestationBytes));
    if (!answer)
        return fail(answer.error());
    m_attestation = *answer;

    const Verify::AttestationExpectations expected{m_context.store.config().timeServerKey, nonces,
                                                   m_context.store.state().attestedTime};
    auto time = Verify::checkTimeAttestation(m_attestation, m_encoding, expected, &m_result.report);
    if (!time)
        return fail(time.error());
    m_attestedTime = *time;
    emitEvent(LabEvent::Kind::Note, u"timeserver"_s,
              u"time attested: %1"_s.arg(m_attestedTime.toString(Qt::ISODate)), m_attestation);
    return {};
}

// ---- step 2: the Director repository (Uptane 5.4.4.2 steps 2-5 and 5.4.4.6)

Result<void> CycleRun::refreshDirector(Verify::Updater &director)
{
    auto refreshed = director.refresh(m_attestedTime);
    m_result.report.append(director.report());
    if (!refreshed)
        return fail(refreshed.error().context(u"Director repository"_s));
    const Signed<Targets> *targets = director.trusted() ? director.trusted()->targets() : nullptr;
    if (!targets)
        return fail(ErrorCode::NotTrusted, u"Director repository: no trusted targets after the refresh"_s);
    m_directorTargets = targets->body;

    Verify::DirectorExpectations expected;
    expected.ecuIds.insert(m_serial);
    for (const SecondaryLink &link : m_secondaries)
        expected.ecuIds.insert(link.serial);
    expected.vehicleId = m_context.store.config().vin;
    if (auto ok = Verify::checkDirectorTargets(m_directorTargets, expected, &m_result.report); !ok)
        return ok;
    emitEvent(LabEvent::Kind::Note, u"director"_s,
              u"Director targets v%1 verified: %2 images assigned"_s.arg(m_directorTargets.version)
                  .arg(m_directorTargets.targets.size()));
    return {};
}

// ---- step 3: the Image Repository and the Director-vs-Image match (5.4.4.2 steps 6-10)

std::optional<TargetFile> CycleRun::knownInstalled(const QString &serial) const
{
    const EcuState &state = m_context.store.state();
    if (serial == m_serial)
        return state.installed;
    const auto reported = state.reportedInstalled.constFind(serial);
    if (reported == state.reportedInstalled.constEnd())
        return std::nullopt;
    return *reported;
}

Result<void> CycleRun::refreshImages(Verify::Updater &images)
{
    if (m_directorTargets.targets.isEmpty()) {
        // Step 6: nothing to install, nothing to match.
        m_result.report.pass(u"Uptane 5.4.4.2"_s, u"targets"_s,
                             u"the Director assigns no image: the Image Repository is not consulted"_s);
        return {};
    }
    auto refreshed = images.refresh(m_attestedTime);
    qsizetype taken = m_result.report.append(images.report());
    if (!refreshed)
        return fail(refreshed.error().context(u"Image Repository"_s));

    for (const TargetFile &assigned : std::as_const(m_directorTargets.targets)) {
        auto listed = images.findTarget(assigned.path);
        taken = m_result.report.append(images.report(), taken);
        if (!listed)
            return fail(listed.error().context(u"Image Repository"_s));
        if (auto ok = Verify::checkDirectorMatchesImage(assigned, *listed, &m_result.report); !ok)
            return ok;
        // Verify against every hash either repository lists (they agree where both do).
        TargetFile merged = assigned;
        for (auto it = listed->hashes.constBegin(); it != listed->hashes.constEnd(); ++it)
            merged.hashes.insert(it.key(), *it);
        if (!merged.hardwareId)
            merged.hardwareId = listed->hardwareId;
        m_verified.insert(assigned.path, merged);

        // The release counter must not go back for any ECU the image is for.
        for (const QString &serial : assigned.ecuSerials) {
            const std::optional<TargetFile> current = knownInstalled(serial);
            if (!current)
                continue;
            const qint64 was = current->releaseCounter.value_or(0);
            const qint64 now = assigned.releaseCounter.value_or(0);
            Result<void> counter;
            if (now < was) {
                counter = fail(ErrorCode::ReleaseCounterRollback,
                               u"%1 has release counter %2, but %3 runs %4 with release counter %5"_s
                                   .arg(assigned.path).arg(now).arg(serial, current->path).arg(was));
            }
            if (auto ok = Verify::guardedCheck(&m_result.report, Verify::Defence::ReleaseCounter, u"Uptane 5.4.4.2"_s,
                                               assigned.path, u"release counter not lower than what %1 runs"_s.arg(serial),
                                               counter);
                !ok) {
                return ok;
            }
        }
    }
    return {};
}

// ---- step 4: the images, capped at their signed length, every hash checked

Result<void> CycleRun::downloadImages(Verify::Updater &images)
{
    for (const TargetFile &target : std::as_const(m_verified)) {
        // An image every ECU it is for runs already need not travel again.
        const bool everywhere = std::all_of(target.ecuSerials.cbegin(), target.ecuSerials.cend(),
                                            [&](const QString &serial) {
                                                const auto current = knownInstalled(serial);
                                                return current && detail::sameImage(*current, target);
                                            });
        if (everywhere) {
            emitEvent(LabEvent::Kind::Note, u"imagerepo"_s,
                      u"%1: installed already on %2, not downloaded"_s.arg(target.path, target.ecuSerials.join(u", "_s)));
            continue;
        }
        if (auto ok = fetchImage(images, target); !ok)
            return ok;
    }
    return {};
}

Result<void> CycleRun::fetchImage(Verify::Updater &images, const TargetFile &target)
{
    const QString targetUrl = images.targetUrl(target);
    // Test-only ImageLength off: the general cap for images stands in for the listed length.
    const bool capAtLength = Verify::Defences::isOn(Verify::Defence::ImageLength);
    const qint64 cap = capAtLength ? target.length : kImageTargetsCap;
    auto bytes = m_context.fetcher.fetch(targetUrl, cap);
    if (!bytes && capAtLength && bytes.error().code == ErrorCode::TooLarge) {
        bytes = fail(ErrorCode::LengthMismatch,
                     u"%1 is longer than the %2 bytes the metadata lists (endless data)"_s.arg(targetUrl).arg(target.length));
    }
    bytes = m_result.report.record(u"Uptane 5.4.2"_s, target.path,
                                   u"download %1 (at most %2 bytes)"_s.arg(targetUrl).arg(cap), std::move(bytes));
    if (!bytes)
        return fail(bytes.error());
    if (auto ok = Verify::checkImage(*bytes, target, &m_result.report); !ok)
        return ok;
    emitEvent(LabEvent::Kind::Note, u"imagerepo"_s,
              u"%1 downloaded and verified (%2 bytes)"_s.arg(target.path).arg(bytes->size()));
    m_images.insert(target.path, *bytes);
    return {};
}

// ---- step 6 (checked before anything is sent): the Primary's own image (Uptane 5.4.3)

Result<void> CycleRun::checkOwnTarget()
{
    auto own = Verify::targetForEcu(m_directorTargets, m_serial);
    if (!own)
        return fail(own.error());
    if (!*own)
        return {};
    const TargetFile target = m_verified.value((*own)->path, **own);
    const EcuState &state = m_context.store.state();
    const Verify::EcuIdentity identity{m_serial, m_context.store.config().hardwareId,
                                       state.installed ? state.installed->releaseCounter : std::nullopt};
    if (auto ok = Verify::checkOwnTarget(target, identity, &m_result.report); !ok)
        return ok;
    m_ownTarget = target;
    m_installOwn = !state.installed || !detail::sameImage(*state.installed, target);
    if (m_installOwn && !m_images.contains(target.path))
        return fail(ErrorCode::NotFound, u"the image for %1 was not downloaded"_s.arg(m_serial));
    return {};
}

} // namespace detail

} // namespace Uptane::Vehicle
