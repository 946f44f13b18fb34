// The Primary's cycle, steps 5 to 7: what goes to each Secondary over the VehicleBus, the
// commit of the Primary's own state, and the Vehicle Version Manifest for the Director.

#include "vehicle/bundle.h"
#include "vehicle/primarycycle_p.h"
#include "vehicle/primarymetadata_p.h"

#include "common/defences.h"
#include "encoding/json.h"
#include "metadata/codec.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace Uptane::Vehicle::detail {

using namespace Metadata;

namespace {

// Attack reports are Text in our ASN.1 module (at most 8192 characters): keep them short.
constexpr qsizetype kMaxAttackText = 4096;

QString clampText(const QString &text)
{
    return text.size() <= kMaxAttackText ? text : text.left(kMaxAttackText - 3) + u"..."_s;
}

QString attackText(const Error &error)
{
    return clampText(errorCodeName(error.code) + u": "_s + error.detail);
}

// The services answer an HTTP error with {"error": "<ErrorCode name>", ...}: when the
// transport's detail carries that body, the Director's own code says why it refused.
Error directorError(const Error &error)
{
    if (error.code != ErrorCode::HttpError)
        return error;
    static const QRegularExpression pattern(u"\"error\"\\s*:\\s*\"([A-Za-z]+)\""_s);
    const QRegularExpressionMatch match = pattern.match(error.detail);
    if (!match.hasMatch())
        return error;
    const std::optional<ErrorCode> code = errorCodeFromName(match.captured(1));
    return code ? Error{*code, error.detail} : error;
}

} // namespace

// ---- step 5: bundles, attestation, metadata and images for each Secondary

Result<void> CycleRun::prepareBundles()
{
    bool full = false;
    bool partial = false;
    for (const Participant &participant : std::as_const(m_participants))
        (participant.link.verification == Verification::Full ? full : partial) = true;
    if (full) {
        auto director = repositoryFiles(m_files, kDirectorRepository, m_encoding, BundleContent::Full);
        if (!director)
            return fail(director.error());
        auto images = repositoryFiles(m_files, kImageRepository, m_encoding, BundleContent::Full);
        if (!images)
            return fail(images.error());
        director->insert(*images);
        auto bundle = writeBundle(*director);
        if (!bundle)
            return fail(bundle.error().context(u"full-verification bundle"_s));
        m_fullBundle = *bundle;
    }
    if (partial) {
        auto director = repositoryFiles(m_files, kDirectorRepository, m_encoding, BundleContent::Partial);
        if (!director)
            return fail(director.error());
        auto bundle = writeBundle(*director);
        if (!bundle)
            return fail(bundle.error().context(u"partial-verification bundle"_s));
        m_partialBundle = *bundle;
    }
    return {};
}

void CycleRun::serveSecondaries(Verify::Updater *images)
{
    for (const Participant &participant : std::as_const(m_participants))
        serveSecondary(participant, images);
}

void CycleRun::serveSecondary(const Participant &participant, Verify::Updater *images)
{
    const QString to = participant.link.serial;
    const QString node = m_context.store.config().vin + u'/' + to;
    // A refusal (an Ack naming an error) is the Secondary's own verdict; anything else that
    // goes wrong on the bus is noted for the Director.
    const auto accepted = [&](const Result<BusMessage> &reply, const QString &what) {
        if (!reply) {
            m_busProblems.append(attackText(reply.error().context(to + u": "_s + what)));
            emitEvent(LabEvent::Kind::Note, node, u"%1 to %2 failed"_s.arg(what, to), {}, reply.error());
            return false;
        }
        if (reply->errorCode) {
            const Error refusal{*reply->errorCode, reply->detail};
            emitEvent(LabEvent::Kind::Note, node, u"%1 refused %2"_s.arg(to, what), {}, refusal);
            return false;
        }
        return true;
    };

    if (!accepted(call(to, BusMessage::Kind::Attestation, BusMessage::Kind::Ack, m_attestation), u"attestation"_s))
        return;
    const bool full = participant.link.verification == Verification::Full;
    auto ack = call(to, full ? BusMessage::Kind::MetadataBundle : BusMessage::Kind::DirectorTargets,
                    BusMessage::Kind::Ack, full ? m_fullBundle : m_partialBundle);
    if (!accepted(ack, full ? u"metadata bundle"_s : u"Director targets"_s))
        return;
    const QString wanted = ack->name;
    if (wanted.isEmpty())
        return;

    // Only an image the Director assigns to this ECU, verified above, ever leaves the Primary.
    const auto target = m_verified.constFind(wanted);
    if (target == m_verified.constEnd()
        || (!target->ecuSerials.contains(to) && Verify::Defences::isOn(Verify::Defence::EcuIdentity))) {
        const Error error{ErrorCode::UnknownEcu, u"%1 asks for %2, which the Director does not assign it"_s.arg(to, wanted)};
        m_busProblems.append(attackText(error));
        emitEvent(LabEvent::Kind::Note, node, u"no image sent to %1"_s.arg(to), {}, error);
        return;
    }
    if (!m_images.contains(wanted)) {
        // Its manifest said it ran the image already, yet it asks again: fetch it now.
        auto fetched = images ? fetchImage(*images, *target)
                              : Result<void>(fail(ErrorCode::NotTrusted, u"no Image Repository"_s));
        flushChecks();
        if (!fetched) {
            m_busProblems.append(attackText(fetched.error().context(to + u": image "_s + wanted)));
            emitEvent(LabEvent::Kind::Note, node, u"no image sent to %1"_s.arg(to), {}, fetched.error());
            return;
        }
    }
    accepted(call(to, BusMessage::Kind::Image, BusMessage::Kind::Ack, m_images.value(wanted), wanted), u"image"_s);
}

// ---- step 7, first half: the Secondaries' ECU Version Manifests

void CycleRun::collectManifests()
{
    for (const Participant &participant : std::as_const(m_participants)) {
        const QString to = participant.link.serial;
        const QString node = m_context.store.config().vin + u'/' + to;
        auto reply = call(to, BusMessage::Kind::ManifestRequest, BusMessage::Kind::EcuManifest);
        Result<Signed<EcuManifest>> manifest = fail(ErrorCode::SchemaViolation, QString());
        if (!reply) {
            manifest = fail(reply.error());
        } else if (reply->errorCode) {
            manifest = fail(*reply->errorCode, reply->detail);
        } else {
            manifest = parse<EcuManifest>(reply->payload, m_encoding);
            if (manifest && manifest->body.ecuSerial != to) {
                manifest = fail(ErrorCode::SpoofedEcu,
                                u"the manifest from %1 names %2"_s.arg(to, manifest->body.ecuSerial));
            }
        }
        if (!manifest) {
            m_busProblems.append(attackText(manifest.error().context(to + u": no ECU manifest"_s)));
            emitEvent(LabEvent::Kind::Note, node, u"no ECU manifest from %1"_s.arg(to), {}, manifest.error());
            continue;
        }
        m_manifests.insert(to, *manifest);
    }
}

// ---- step 6: the Primary's commit (metadata with every root version, time, image, reports)

void CycleRun::commit()
{
    EcuStore &store = m_context.store;
    EcuState state = store.state();
    state.previousAttestedTime = state.attestedTime;
    state.attestedTime = m_attestedTime;
    std::optional<QByteArray> newImage;
    Verdict verdict = Verdict::UpToDate;
    if (m_installOwn && m_ownTarget) {
        const TargetFile installed = installedRecord(*m_ownTarget);
        state.backup = state.installed;
        state.installed = installed;
        newImage = m_images.value(installed.path);
        verdict = classifyInstall(installed, newImage.value_or(QByteArray()), m_context.malicious);
    }
    for (auto it = m_manifests.constBegin(); it != m_manifests.constEnd(); ++it) {
        if (!it->body.installedImage.path.isEmpty())
            state.reportedInstalled.insert(it.key(), it->body.installedImage);
    }
    state.cycles += 1;
    state.lastVerdict = verdictName(verdict);

    if (auto committed = store.commit({state, m_files, newImage}); !committed) {
        m_result.primary.verdict = verdictForError(committed.error().code);
        m_result.primary.error = committed.error();
        emitEvent(LabEvent::Kind::Note, {}, u"commit failed: trusted state unchanged"_s, {}, committed.error());
    } else {
        m_result.primary.verdict = verdict;
        emitEvent(LabEvent::Kind::Note, {},
                  u"committed generation %1%2"_s.arg(store.generation())
                      .arg(newImage ? u", installed "_s + state.installed->path : QString()));
    }
    m_result.primary.installed = store.state().installed;
}

// ---- step 7: the Vehicle Version Manifest, signed and posted to the Director

void CycleRun::reportToDirector()
{
    const EcuStore &store = m_context.store;
    const EcuState &state = store.state();
    const QString vin = store.config().vin;
    // Test-only AttackReporting off: the manifests say nothing of what failed.
    const bool reporting = Verify::Defences::isOn(Verify::Defence::AttackReporting);
    const QString ownAttack = m_result.stoppedBy && reporting ? attackText(*m_result.stoppedBy) : QString();

    EcuManifest own;
    own.ecuSerial = m_serial;
    own.installedImage = state.installed.value_or(TargetFile{});
    own.timeserverTime = state.attestedTime;
    own.previousTimeserverTime = state.previousAttestedTime.isValid() ? state.previousAttestedTime : state.attestedTime;
    own.attacksDetected = ownAttack;
    own.nonce = m_ownNonce;

    VehicleManifest manifest;
    manifest.vin = vin;
    manifest.primaryEcuSerial = m_serial;
    QStringList attacks;
    if (!ownAttack.isEmpty())
        attacks.append(ownAttack);
    if (reporting)
        attacks += m_busProblems;
    manifest.attacksDetected = clampText(attacks.join(u"; "_s));
    for (auto it = m_manifests.constBegin(); it != m_manifests.constEnd(); ++it)
        manifest.ecuManifests.insert(it.key(), {*it});

    Result<QByteArray> bytes = fail(ErrorCode::InvalidArgument, QString());
    if (auto ownSigned = sign(own, m_encoding, {store.key()}); !ownSigned) {
        bytes = fail(ownSigned.error());
    } else {
        manifest.ecuManifests.insert(m_serial, {*ownSigned});
        bytes = signAndSerialize(manifest, m_encoding, {store.key()});
    }
    if (!bytes) {
        m_result.manifestError = bytes.error().context(u"vehicle manifest"_s);
        emitEvent(LabEvent::Kind::Note, u"director"_s, u"no vehicle manifest"_s, {}, m_result.manifestError);
        return;
    }
    m_result.vehicleManifest = *bytes;

    const QString target = url(u"director/%1/manifest"_s.arg(vin));
    const QByteArray contentType = m_encoding == Encoding::Json ? QByteArray("application/json")
                                                                : QByteArray("application/octet-stream");
    emitEvent(LabEvent::Kind::Note, u"director"_s,
              u"POST %1: vehicle manifest with %2 ECU manifests"_s.arg(target).arg(manifest.ecuManifests.size()), *bytes);
    auto answer = m_context.fetcher.post(target, *bytes, contentType, m_context.options.maxManifestReplyBytes);
    if (answer) {
        auto reply = Json::parse(*answer);
        if (!reply || !(*reply)[u"accepted"_s].isBool() || !(*reply)[u"accepted"_s].toBool()) {
            answer = fail(ErrorCode::SchemaViolation,
                          u"the Director's answer does not say accepted: %1"_s.arg(QString::fromUtf8(answer->left(200))));
        }
    }
    if (!answer) {
        m_result.manifestError = directorError(answer.error());
        emitEvent(LabEvent::Kind::Note, u"director"_s, u"vehicle manifest not accepted"_s, {}, m_result.manifestError);
        return;
    }
    emitEvent(LabEvent::Kind::Note, u"director"_s, u"vehicle manifest accepted"_s, *answer);
}

// ---- the bus

Result<BusMessage> CycleRun::call(const QString &to, BusMessage::Kind kind, BusMessage::Kind expected,
                                  const QByteArray &payload, const QString &name)
{
    BusMessage request;
    request.kind = kind;
    request.sender = m_serial;
    request.receiver = to;
    request.cycle = m_cycle;
    request.name = name;
    request.payload = payload;
    auto bytes = encodeBusMessage(request, m_encoding);
    if (!bytes)
        return fail(bytes.error());
    auto answer = m_context.bus.call(m_serial, to, *bytes);
    if (!answer)
        return fail(answer.error());
    auto reply = decodeBusMessage(*answer, m_encoding, m_context.bus.maxMessageBytes());
    if (!reply)
        return fail(reply.error().context(u"reply of %1"_s.arg(to)));
    const bool kindOk = reply->kind == expected || (reply->kind == BusMessage::Kind::Ack && reply->errorCode);
    if (!kindOk || reply->sender != to || reply->receiver != m_serial || reply->cycle != m_cycle) {
        return fail(ErrorCode::SchemaViolation,
                    u"%1 answered %2 with %3 from %4 to %5 for cycle %6"_s
                        .arg(to, busMessageKindName(kind), busMessageKindName(reply->kind), reply->sender,
                             reply->receiver)
                        .arg(reply->cycle));
    }
    return reply;
}

// ---- events and the report

void CycleRun::emitEvent(LabEvent::Kind kind, const QString &to, const QString &summary, const QByteArray &bytes,
                         const std::optional<Error> &error)
{
    if (!m_context.onEvent)
        return;
    LabEvent event;
    event.time = QDateTime::currentDateTimeUtc();
    event.from = m_node;
    event.to = to;
    event.kind = kind;
    event.summary = summary;
    event.bytes = bytes.left(kMaxEventBytes);
    event.totalBytes = bytes.size();
    event.error = error;
    m_context.onEvent(event);
}

void CycleRun::flushChecks()
{
    const QList<Verify::Check> &checks = m_result.report.checks();
    for (; m_checksEmitted < checks.size(); ++m_checksEmitted) {
        const Verify::Check &check = checks.at(m_checksEmitted);
        emitEvent(LabEvent::Kind::Check, {},
                  u"%1 %2 %3: %4"_s.arg(check.passed ? u"[PASS]"_s : check.advisory ? u"[NOTE]"_s : u"[FAIL]"_s,
                                       check.step, check.role, check.description),
                  {}, check.error);
    }
}

} // namespace Uptane::Vehicle::detail
